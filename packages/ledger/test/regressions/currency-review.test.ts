import { createLedger, merchantBalances, replayJournal, type Command, type Ledger, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT } from '../support/fixtures.js';

// Review of every flow outside JPY (DOMAIN.md "Money": "Every amount is an integer count of the
// currency's minor unit (JPY: yen, exponent 0; USD: cents, exponent 2). ISO 4217 exponents.").
// Nearly every other test runs in yen. These run the flows in USD (exponent 2) and KWD
// (exponent 3), alone and beside JPY in one ledger, against hand-computed amounts. No defect
// was found in the engine: they pin what was checked.

const METHODS = {
  credit_card: { feeRate: '3.6%' },
  konbini: { feeRate: '2.75%', customerFee: 195 },
  paypay: { feeRate: '3.45%' },
} as const;
const config: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: METHODS },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
    { id: 'plt', type: 'platform', business: 'platform', paymentMethods: METHODS },
    { id: 's1', type: 'seller', platform: 'plt' },
  ],
};

function newLedger(): Ledger {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

function ok(ledger: Ledger, command: Command) {
  const result = ledger.execute(command);
  if (!result.ok) throw new Error(`${command.op}: ${result.error.code}: ${result.error.message}`);
  return result.entry;
}

function rejected(ledger: Ledger, command: Command): string {
  const before = ledger.journal.length;
  const result = ledger.execute(command);
  if (result.ok) throw new Error(`${command.op} was accepted`);
  expect(ledger.journal.length).toBe(before);
  return `${result.error.code}: ${result.error.message}`;
}

/** [merchant or outside account, amount, record type] of an entry's postings, merchants' as debit-positive amounts. */
const postingsOf = (entry: { postings: readonly { account: string; currency: string; amount: number; recordType: string }[] }, currency: string) =>
  entry.postings.map((posting) => {
    expect(posting.currency).toBe(currency);
    return [posting.account.replace('Liabilities:Merchants:', ''), posting.amount, posting.recordType];
  });

const card = (id: string, currency: string, amount: number, split: { submerchantId: string; amount: number; platformFee: number }[], extra: Partial<Command> = {}): Command =>
  ({ op: 'payment.create', id, merchant: 'mart', amount, currency, paymentType: 'credit_card', split, ...extra }) as Command;

function expectReplaySame(ledger: Ledger): void {
  const replayed = replayJournal(config, ledger.journal);
  if (!replayed.ok) throw new Error(replayed.error.message);
  expect(merchantBalances(replayed.value.state)).toEqual(merchantBalances(ledger.state));
  expect(replayed.value.state.holds).toEqual(ledger.state.holds);
  expect([...replayed.value.state.payments.values()]).toEqual([...ledger.state.payments.values()]);
}

describe('flows in USD and KWD: amounts in minor units, fees and tax rounded half-up on the minor unit', () => {
  it('a USD Konbini capture: 2.75% of $50.00 is 137.5 cents → 138, tax 13.8 → 14; the customer fee 195 cents, tax 19.5 → 20', () => {
    const ledger = newLedger();
    ok(ledger, { op: 'payment.create', id: 'k', merchant: 'mart', amount: 5000, currency: 'USD', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }] });
    expect(postingsOf(ok(ledger, { op: 'payment.capture', payment: 'k' }), 'USD')).toEqual([
      ['Assets:Receivable:Customers', 5000, 'Payment'], ['mart', -5000, 'Payment'],
      ['mart', 5000, 'Payment Transfer'], ['pm1', -5000, 'Payment Transfer'],
      ['pm1', 500, 'Platform Fee'], ['mart', -500, 'Platform Fee'],
      ['mart', 138, 'Processing Fee'], ['Income:Fees:Processing', -138, 'Processing Fee'],
      ['mart', 14, 'Processing Fee Tax'], ['Liabilities:Tax:Consumption', -14, 'Processing Fee Tax'],
      ['Assets:Receivable:Customers', 195, 'Customer Fee'], ['Income:Fees:Customer', -195, 'Customer Fee'],
      ['Assets:Receivable:Customers', 20, 'Customer Fee Tax'], ['Liabilities:Tax:Consumption', -20, 'Customer Fee Tax'],
    ]);
    expect(merchantBalances(ledger.state)).toEqual({ mart: { USD: 348 }, pm1: { USD: 4500 }, pm2: {}, plt: {}, s1: {} });
  });

  it('a KWD two-step partial capture of a card payment, then a non-reverse and a reverse refund (the ¥1,000 example in fils)', () => {
    const ledger = newLedger();
    ok(ledger, { op: 'payment.create', id: 'c', merchant: 'mart', amount: 1500, currency: 'KWD', paymentType: 'credit_card', capture: false });
    // 3.6% of 1000 fils is 36, tax 3.6 → 4.
    expect(postingsOf(ok(ledger, { op: 'payment.capture', payment: 'c', amount: 1000, split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }] }), 'KWD').filter(([, , type]) => String(type).startsWith('Processing'))).toEqual([
      ['mart', 36, 'Processing Fee'], ['Income:Fees:Processing', -36, 'Processing Fee'], ['mart', 4, 'Processing Fee Tax'], ['Liabilities:Tax:Consumption', -4, 'Processing Fee Tax'],
    ]);
    expect(merchantBalances(ledger.state)).toEqual({ mart: { KWD: 60 }, pm1: { KWD: 630 }, pm2: { KWD: 270 }, plt: {}, s1: {} });
    // Funds the platform for the reverse refund: 100 fils all its own, fee 3.6 → 4, tax 0.4 → 0.
    ok(ledger, card('f', 'KWD', 100, [{ submerchantId: 'pm1', amount: 100, platformFee: 100 }]));
    expect(merchantBalances(ledger.state).mart).toEqual({ KWD: 156 });
    ok(ledger, { op: 'payment.refund', payment: 'c', amount: 900, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 50 }, { submerchantId: 'pm2', amount: 250, platformFee: 0 }] });
    expect(merchantBalances(ledger.state)).toEqual({ mart: { KWD: 106 }, pm1: { KWD: 30 }, pm2: { KWD: 20 }, plt: {}, s1: {} });
    const last = ok(ledger, { op: 'payment.refund', payment: 'c' });
    expect(last.events).toEqual([{ type: 'payment.refund.created', payment: 'c', amount: 100, currency: 'KWD' }, { type: 'payment.refunded', payment: 'c' }]);
    // The platform debits the 100 refunded and takes back the payout merchants' 30 and 20.
    expect(merchantBalances(ledger.state)).toEqual({ mart: { KWD: 56 }, pm1: { KWD: 0 }, pm2: { KWD: 0 }, plt: {}, s1: {} });
    expectReplaySame(ledger);
  });

  it('seller model in USD: $500.00 with $50.00 to the platform; refunds of 100, 100 and 7 cents post 10/90, 10/90 and 1/6', () => {
    const ledger = newLedger();
    ok(ledger, { op: 'payment.create', id: 's', merchant: 'plt', as: 's1', amount: 50000, currency: 'USD', paymentType: 'credit_card', platformAmount: 5000, platformMerchant: 'plt' });
    // 3.6% of 50000 = 1800, tax 180: the platform's 5000 less 1980.
    expect(merchantBalances(ledger.state)).toEqual({ mart: {}, pm1: {}, pm2: {}, plt: { USD: 3020 }, s1: { USD: 45000 } });
    const parts = [100, 100, 7].map((amount) => {
      const entry = ok(ledger, { op: 'payment.refund', payment: 's', amount });
      const change = entry.changes.find((c) => c.kind === 'payment_refunded') as { parts: { platform: number } } | undefined;
      return [change?.parts.platform, amount - (change?.parts.platform ?? 0)];
    });
    expect(parts).toEqual([[10, 90], [10, 90], [1, 6]]);
    expect(merchantBalances(ledger.state)).toEqual({ mart: {}, pm1: {}, pm2: {}, plt: { USD: 2999 }, s1: { USD: 44814 } });
    expectReplaySame(ledger);
  });

  // Ledger README "Refund requests": "The Refund Fee (refund_request_fee, 300 by default) and a
  // method's customer fee are counts of minor units of the payment's currency. [...] a USD
  // Konbini payment's request costs 300 cents and 30 of tax."
  it('a USD refund request costs the platform 300 cents of Refund Fee and 30 of tax, and refunds the 195 + 20 cents of customer fee charged', () => {
    const ledger = newLedger();
    ok(ledger, card('fund', 'USD', 10000, [{ submerchantId: 'pm1', amount: 10000, platformFee: 10000 }]));
    ok(ledger, { op: 'payment.create', id: 'k', merchant: 'mart', amount: 5000, currency: 'USD', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }] });
    ok(ledger, { op: 'payment.capture', payment: 'k' });
    const before = merchantBalances(ledger.state);
    ok(ledger, { op: 'payment.refund_request', id: 'rr', payment: 'k', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], includePaymentMethodFee: true, bankAccount: BANK_ACCOUNT });
    // Held while pending: the platform's fees, the payout merchant's part.
    expect(ledger.state.holds).toEqual(new Map([['mart', new Map([['USD', 545]])], ['pm1', new Map([['USD', 1000]])]]));
    const done = ok(ledger, { op: 'refund_request.complete', refundRequest: 'rr' });
    expect(postingsOf(done, 'USD')).toEqual([
      ['mart', 1000, 'Refund'], ['Assets:Receivable:Customers', -1000, 'Refund'],
      ['pm1', 1000, 'Payment Transfer Return'], ['mart', -1000, 'Payment Transfer Return'],
      ['mart', 300, 'Refund Fee'], ['Income:Fees:Refund', -300, 'Refund Fee'],
      ['mart', 30, 'Refund Fee Tax'], ['Liabilities:Tax:Consumption', -30, 'Refund Fee Tax'],
      ['mart', 195, 'Refunded Customer Fee'], ['Assets:Receivable:Customers', -195, 'Refunded Customer Fee'],
      ['mart', 20, 'Refunded Customer Fee Tax'], ['Assets:Receivable:Customers', -20, 'Refunded Customer Fee Tax'],
    ]);
    expect(merchantBalances(ledger.state).mart).toEqual({ USD: (before.mart?.['USD'] ?? 0) - 545 });
    expect(merchantBalances(ledger.state).pm1).toEqual({ USD: (before.pm1?.['USD'] ?? 0) - 1000 });
    expect(ledger.state.holds).toEqual(new Map([['mart', new Map([['USD', 0]])], ['pm1', new Map([['USD', 0]])]]));
    expectReplaySame(ledger);
  });

  it('a BHD session completed with PayPay and partly captured: the payment is in BHD, fee 3.45% of 1000 fils = 34.5 → 35, tax 3.5 → 4', () => {
    const ledger = newLedger();
    ok(ledger, { op: 'session.create', id: 'ss', merchant: 'mart', amount: 2500, currency: 'BHD', paymentTypes: ['paypay'], returnUrl: 'https://shop.example/back', capture: 'manual' });
    ok(ledger, { op: 'session.complete', session: 'ss', payment: 'sp', paymentType: 'paypay' });
    expect(ledger.state.payments.get('sp')?.currency).toBe('BHD');
    const captured = ok(ledger, { op: 'payment.capture', payment: 'sp', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] });
    expect(postingsOf(captured, 'BHD').filter(([, , type]) => String(type).startsWith('Processing'))).toEqual([
      ['mart', 35, 'Processing Fee'], ['Income:Fees:Processing', -35, 'Processing Fee'], ['mart', 4, 'Processing Fee Tax'], ['Liabilities:Tax:Consumption', -4, 'Processing Fee Tax'],
    ]);
    expect(merchantBalances(ledger.state)).toEqual({ mart: { BHD: 61 }, pm1: { BHD: 900 }, pm2: {}, plt: {}, s1: {} });
  });
});

describe('one ledger in JPY and USD: a balance in one currency never covers the other', () => {
  /** The same payments in JPY and USD: mart 60 and pm1 630 / pm2 270 in each. */
  function mixed(): Ledger {
    const ledger = newLedger();
    const split = [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }];
    ok(ledger, card('j', 'JPY', 1000, split, { at: '2026-04-01T00:00:00Z' }));
    ok(ledger, card('u', 'USD', 1000, split));
    return ledger;
  }

  it('a USD refund is checked against USD balances only: a large JPY balance does not cover it', () => {
    const ledger = mixed();
    ok(ledger, card('big', 'JPY', 1_000_000, [{ submerchantId: 'pm1', amount: 1_000_000, platformFee: 1_000_000 }]));
    expect(rejected(ledger, { op: 'payment.refund', payment: 'u', amount: 100, split: [{ submerchantId: 'pm1', amount: 0, platformFee: 61 }, { submerchantId: 'pm2', amount: 39, platformFee: 0 }] }))
      .toBe('insufficient_balance: merchant mart needs 0.61 USD available for this refund but has 0.60 (short by 0.01); top it up with a balance transfer or refund less');
    expect(rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 61, currency: 'USD' }))
      .toBe('insufficient_balance: merchant mart has 0.60 USD available, less than the amount 61 (0.61 USD) to transfer (short by 0.01)');
    expect(rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 1, currency: 'EUR' }))
      .toBe('insufficient_balance: merchant mart has 0.00 EUR available, less than the amount 1 (0.01 EUR) to transfer (short by 0.01)');
  });

  it('a pending USD request holds USD only: the whole JPY balance can still be transferred, and a USD payout pays what is left available', () => {
    const ledger = mixed();
    ok(ledger, { op: 'payment.create', id: 'ku', merchant: 'mart', amount: 4000, currency: 'USD', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 4000, platformFee: 0 }] });
    ok(ledger, { op: 'payment.capture', payment: 'ku' });
    ok(ledger, card('fund', 'USD', 1000, [{ submerchantId: 'pm1', amount: 1000, platformFee: 1000 }]));
    ok(ledger, { op: 'payment.refund_request', id: 'rr', payment: 'ku', includePaymentMethodFee: false, bankAccount: BANK_ACCOUNT });
    expect(ledger.state.holds).toEqual(new Map([['mart', new Map([['USD', 330]])], ['pm1', new Map([['USD', 4000]])]]));
    ok(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 630, currency: 'JPY' });
    // pm1: 630 + 4000 USD posted, 4000 held.
    expect(rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 631, currency: 'USD' }))
      .toBe('insufficient_balance: merchant pm1 has 6.30 USD available, less than the amount 631 (6.31 USD) to transfer (short by 0.01)');
    ok(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'USD', frequency: 'weekly', minimumAmount: 0 });
    ok(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 });
    const run = ok(ledger, { op: 'settlement.run', date: '2026-04-10', at: '2026-04-10T00:00:00Z' });
    // pm1 is paid in USD only (no JPY settings), capped by its USD available balance; pm2 in JPY only.
    expect(run.changes).toEqual([
      { kind: 'payout_period_settled', merchant: 'pm1', currency: 'USD', periodStart: '2026-03-28', periodEnd: '2026-04-03', amount: 630 },
      { kind: 'payout_period_settled', merchant: 'pm2', currency: 'JPY', periodStart: '2026-03-28', periodEnd: '2026-04-03', amount: 270 },
    ]);
    expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 690, USD: 899 }, pm1: { JPY: 0, USD: 4000 }, pm2: { JPY: 0, USD: 270 }, plt: {}, s1: {} });
    expectReplaySame(ledger);
  });

  it('seller model: completing a USD request re-estimates nothing of the JPY payment, whose pending requests keep their JPY holds', () => {
    const ledger = newLedger();
    for (const currency of ['JPY', 'USD']) {
      ok(ledger, { op: 'payment.create', id: `k${currency}`, merchant: 'plt', as: 's1', amount: 50000, currency, paymentType: 'konbini', platformAmount: 5000, platformMerchant: 'plt' });
      ok(ledger, { op: 'payment.capture', payment: `k${currency}` });
      ok(ledger, { op: 'payment.refund_request', id: `a${currency}`, payment: `k${currency}`, amount: 5, includePaymentMethodFee: false, bankAccount: BANK_ACCOUNT });
      ok(ledger, { op: 'payment.refund_request', id: `b${currency}`, payment: `k${currency}`, amount: 5, includePaymentMethodFee: false, bankAccount: BANK_ACCOUNT });
    }
    const heldJpy = [...ledger.state.holds].map(([merchant, byCurrency]) => [merchant, byCurrency.get('JPY')]);
    // a was estimated 1/4 (round-half-up of 0.5), b 0/5; b completing first takes 1/4 on the
    // curve, so a is re-estimated to 0/5: in USD only.
    const done = ok(ledger, { op: 'refund_request.complete', refundRequest: 'bUSD' });
    expect(done.changes.filter((change) => change.kind === 'refund_request_reestimated').map((change) => (change as { refundRequest: string }).refundRequest)).toEqual(['aUSD']);
    expect([...ledger.state.holds].map(([merchant, byCurrency]) => [merchant, byCurrency.get('JPY')])).toEqual(heldJpy);
    expectReplaySame(ledger);
  });

  it('an idempotency key sent again with only the currency changed is a different command, for every op that names one', () => {
    const ledger = mixed();
    const pairs: [Command, Command][] = [
      [{ op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 1, currency: 'JPY', idempotencyKey: 't' }, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 1, currency: 'USD', idempotencyKey: 't' }],
      [{ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, idempotencyKey: 'p' }, { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'USD', frequency: 'weekly', minimumAmount: 0, idempotencyKey: 'p' }],
      [{ op: 'session.create', id: 'ss', merchant: 'mart', amount: 100, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://a.example/', capture: 'manual', idempotencyKey: 's' }, { op: 'session.create', id: 'ss', merchant: 'mart', amount: 100, currency: 'USD', paymentTypes: ['credit_card'], returnUrl: 'https://a.example/', capture: 'manual', idempotencyKey: 's' }],
      [card('p', 'JPY', 100, [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], { idempotencyKey: 'c' }), card('p', 'USD', 100, [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], { idempotencyKey: 'c' })],
    ];
    for (const [first, second] of pairs) {
      const entry = ok(ledger, first);
      expect(rejected(ledger, second)).toMatch(/^idempotency_key_reused: /);
      expect(ledger.execute(first)).toMatchObject({ ok: true, entry: { seq: entry.seq } });
    }
    expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 55, USD: 60 }, pm1: { JPY: 731, USD: 630 }, pm2: { JPY: 270, USD: 270 }, plt: {}, s1: {} });
    expectReplaySame(ledger);
  });
});
