import { createLedger, merchantBalances, merchantRecords, replayJournal, type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

// The domain audit of the flows after capture (DOMAIN.md, rule by rule). Most rules were
// already pinned elsewhere; these are the ones that were not, or that needed an exact boundary.

const METHODS = {
  credit_card: { feeRate: '3.6%' },
  konbini: { feeRate: '2.75%', customerFee: 190 },
  bank_transfer: { feeRate: '1%' },
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
const BANK = { customerName: 'ヤマダタロウ', bankName: '青森銀行', bankCode: '0117', branchName: '東京支店', branchNumber: '921', accountType: 'ordinary', accountNumber: '1234567' } as const;

function ledgerAfter(commands: readonly Command[]) {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  for (const command of commands) {
    const result = created.value.execute(command);
    if (!result.ok) throw new Error(`${command.op}: ${result.error.code}: ${result.error.message}`);
  }
  return created.value;
}

/** Replaying the journal gives the same balances and payments (DOMAIN.md "Journal"). */
function expectReplaySame(ledger: ReturnType<typeof ledgerAfter>): void {
  const replayed = replayJournal(config, ledger.journal);
  if (!replayed.ok) throw new Error(replayed.error.message);
  expect(merchantBalances(replayed.value.state)).toEqual(merchantBalances(ledger.state));
  expect([...replayed.value.state.payments.values()]).toEqual([...ledger.state.payments.values()]);
}

describe('seller model after a partial capture that restates platform_amount', () => {
  it('1-yen refunds follow round-half-up(R × 333 / 999) on the captured amount, and a chargeback takes the rest from the seller', () => {
    const ledger = ledgerAfter([
      { op: 'payment.create', id: 'p', merchant: 'plt', as: 's1', amount: 1001, currency: 'JPY', paymentType: 'credit_card', capture: false, platformAmount: 1001, platformMerchant: 'plt' },
      { op: 'payment.capture', payment: 'p', amount: 999, platformAmount: 333 },
      // The platform's own balance must cover its parts: give it room first.
      { op: 'payment.create', id: 'room', merchant: 'plt', as: 's1', amount: 10_000, currency: 'JPY', paymentType: 'credit_card', platformAmount: 10_000, platformMerchant: 'plt' },
      { op: 'payment.refund', payment: 'p', amount: 1 }, // R 1: 0.333 → 0
      { op: 'payment.refund', payment: 'p', amount: 1 }, // R 2: 0.667 → 1
      { op: 'payment.refund', payment: 'p', amount: 1 }, // R 3: 1 → 1
      { op: 'payment.refund', payment: 'p', amount: 2 }, // R 5: 1.667 → 2
      { op: 'payment.chargeback', payment: 'p' },
    ]);
    const returns = merchantRecords(ledger.journal).filter((r) => r.payment === 'p' && r.type === 'Platform Fee Return' && r.merchant === 'plt');
    expect(returns.map((r) => [r.seq, r.debit])).toEqual([[5, 1], [7, 1]]);
    const chargeback = merchantRecords(ledger.journal).filter((r) => r.type === 'Chargeback');
    expect(chargeback.map((r) => [r.merchant, r.debit])).toEqual([['s1', 994]]);
    const payment = ledger.state.payments.get('p');
    expect(payment?.status).toBe('refunded');
    expect(payment?.refunded).toEqual({ platform: 2, submerchants: [{ submerchantId: 's1', amount: 3 }] });
    expectReplaySame(ledger);
  });
});

describe('refund requests without a customer fee, and several on one payment', () => {
  it('include_payment_method_fee on a method with no customer fee refunds none and blocks no later request; three requests add up to the captured amount', () => {
    const ledger = ledgerAfter([
      { op: 'payment.create', id: 'room', merchant: 'mart', amount: 10_000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm2', amount: 10_000, platformFee: 10_000 }] },
      { op: 'payment.create', id: 'b', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'bank_transfer', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] },
      { op: 'payment.capture', payment: 'b' },
      { op: 'payment.refund_request', id: 'r1', payment: 'b', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }], includePaymentMethodFee: true, bankAccount: BANK },
      { op: 'payment.refund_request', id: 'r2', payment: 'b', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }], includePaymentMethodFee: true, bankAccount: BANK },
      { op: 'refund_request.complete', refundRequest: 'r1' },
      { op: 'payment.refund_request', id: 'r3', payment: 'b', includePaymentMethodFee: true, bankAccount: BANK },
      { op: 'refund_request.complete', refundRequest: 'r3' },
    ]);
    // r3 was a reverse request of what r1 and r2 left: 998.
    expect(ledger.state.refundRequests.get('r3')?.amount).toBe(998);
    expect(ledger.state.payments.get('b')?.status).toBe('captured');
    const last = ledger.execute({ op: 'refund_request.complete', refundRequest: 'r2' });
    expect(last.ok && last.entry?.events.map((e) => e.type)).toEqual(['refund_request.updated', 'payment.refund.created', 'payment.refunded']);
    expect(ledger.state.payments.get('b')?.status).toBe('refunded');
    const records = merchantRecords(ledger.journal).filter((r) => r.payment === 'b');
    expect(records.filter((r) => r.type === 'Refunded Customer Fee')).toEqual([]);
    expect(records.filter((r) => r.type === 'Refund Fee').map((r) => r.debit)).toEqual([300, 300, 300]);
    // 10,000 + 1,000 captured, less fees 360 + 36 + 10 + 1, the 1,000 transfer, 3 × 330 refund fees.
    expect(merchantBalances(ledger.state)).toMatchObject({ mart: { JPY: 10_000 - 396 - 11 - 990 }, pm1: { JPY: 0 } });
    expectReplaySame(ledger);
  });
});

describe('settlement runs: holds, minimum in cents, another time zone', () => {
  it('a payout merchant with a pending refund request is paid its balance less what the request holds, and the rest after it completes', () => {
    const ledger = ledgerAfter([
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
      { op: 'payout_settings.update', merchant: 'mart', target: 'mart', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
      { op: 'payment.create', id: 'k', merchant: 'mart', amount: 5000, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 1000 }], at: '2026-01-05T00:00:00+09:00' },
      { op: 'payment.capture', payment: 'k' },
      { op: 'payment.refund_request', id: 'r', payment: 'k', amount: 1100, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }], includePaymentMethodFee: true, bankAccount: BANK, at: '2026-01-12T00:00:00+09:00' },
      { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T00:00:00+09:00' },
      { op: 'refund_request.complete', refundRequest: 'r' },
      { op: 'settlement.run', date: '2026-01-23', at: '2026-01-23T00:00:00+09:00' },
    ]);
    const payouts = merchantRecords(ledger.journal).filter((r) => r.type === 'Payout').map((r) => [r.merchant, r.debit]);
    // mart held 848 (1,000 − 138 − 14), of which 100 + 330 + 209 are held: 209 paid; pm1 4,000 − 1,000 held.
    expect(payouts).toEqual([['mart', 209], ['pm1', 3000]]);
    expect(merchantBalances(ledger.state)).toMatchObject({ mart: { JPY: 0 }, pm1: { JPY: 0 } });
    expectReplaySame(ledger);
  });

  it('in -05:00, a USD payment at 23:59:59 local Friday belongs to that week; a ¢499 week is carried over below a ¢500 minimum', () => {
    const created = createLedger({ ...config, timeZone: '-05:00' });
    if (!created.ok) throw new Error(created.error.message);
    const ledger = created.value;
    const card = (id: string, amount: number, at: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: 'USD', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount, platformFee: 0 }], at });
    const commands: Command[] = [
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'USD', frequency: 'weekly', minimumAmount: 500, at: '2026-01-01T00:00:00Z' },
      card('a', 499, '2026-01-03T04:59:59Z'), // Friday 2 January, 23:59:59 in -05:00
      card('b', 2, '2026-01-03T05:00:00Z'), // Saturday 3 January, 00:00 in -05:00
      { op: 'settlement.run', date: '2026-01-09', at: '2026-01-09T05:00:00Z' },
      { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T05:00:00Z' },
    ];
    const codes = commands.map((command) => { const result = ledger.execute(command); return result.ok ? 'ok' : result.error.code; });
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    const payouts = merchantRecords(ledger.journal).filter((r) => r.type === 'Payout').map((r) => [r.seq, r.currency, r.debit]);
    expect(payouts).toEqual([[5, 'USD', 501]]);
  });
});

describe('sufficient balance of a party that bears nothing', () => {
  // DOMAIN.md "every party's available balance ... must cover what the refund costs it"; seed
  // 001: "should be greater than the amount of refund each is in charge of". [decided] by the
  // engine (refund-costs.ts, README insufficient_balance): a party whose part of a refund is 0
  // is not checked, so a platform below zero after its processing fee (1 - 36 - 4 = -39) does not block a refund
  // its payout merchant alone bears; a part of 1 yen does need the balance.
  const capture = { op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 1 }] } as const;

  it('mart at -39 does not block a ¥100 refund borne by pm1 alone; a refund that costs mart 1 yen is insufficient_balance', () => {
    const ledger = ledgerAfter([capture]);
    expect(merchantBalances(ledger.state)).toMatchObject({ mart: { JPY: -39 }, pm1: { JPY: 999 } });
    const costsMart = ledger.execute({ op: 'payment.refund', payment: 'p', amount: 100, split: [{ submerchantId: 'pm1', amount: 99, platformFee: 1 }] });
    expect(costsMart).toMatchObject({ ok: false, error: { code: 'insufficient_balance' } });
    const bornByPm1 = ledger.execute({ op: 'payment.refund', payment: 'p', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    expect(bornByPm1.ok).toBe(true);
    expect(merchantBalances(ledger.state)).toMatchObject({ mart: { JPY: -39 }, pm1: { JPY: 899 } });
    expectReplaySame(ledger);
  });
});
