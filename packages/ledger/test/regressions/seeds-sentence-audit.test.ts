import { paymentView, runScenario, type Command, type ScenarioReport } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, omit, refundRequest, sellerPayment } from '../support/fixtures.js';
import { accepted, appended, available, balances, ledgerAfter, rejected, rowsOf } from '../support/ledger-harness.js';

// The seeds (shared/seeds/000–003) read sentence by sentence against the engine. Most sentences
// were already pinned elsewhere; test/seeds-sentence-audit.md lists each one and where. These are
// the ones that were not: the seeds' request bodies taken literally (strings for amounts, the
// seed's ids), boundaries a sentence names that no test named, and what the engine does where a
// seed and DOMAIN.md part ways. Each test names its seed file and quotes the sentence.

/** The seeds' cast, snake_case as in a scenario file: the marketplace and its payout merchants. */
const MERCHANTS = [
  {
    id: 'mart',
    type: 'platform',
    business: 'marketplace',
    payment_methods: { credit_card: { fee_rate: '3.6%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } },
  },
  { id: 'submerchant_one', type: 'payout', platform: 'mart' },
];

/** Runs `commands` over the seeds' cast; a file the ledger refuses fails the test. */
function report(commands: readonly unknown[]): ScenarioReport {
  const run = runScenario({ merchants: MERCHANTS, commands });
  if (!run.ok) throw new Error(`${run.error.code}: ${run.error.message}`);
  return run.value.report;
}

/** Each result's code (`ok` for an accepted command). */
function codes(scenario: ScenarioReport): string[] {
  return scenario.results.map((result) => (result.ok ? 'ok' : (result.error?.code ?? '?')));
}

/** The records of the entry numbered `seq`, as the seeds' tables show them. */
function recordsOf(scenario: ScenarioReport, seq: number): [string, string, number, number][] {
  return scenario.records.filter((record) => record.seq === seq).map((record) => [record.merchant, record.type, record.deposit, record.debit]);
}

/** The seed's customer bank account, field for field ("カタカナ" is itself katakana). */
const SEED_BANK_ACCOUNT = {
  customer_name: 'カタカナ',
  bank_name: '青森銀行',
  bank_code: '0117',
  branch_name: '東京支店',
  branch_number: '921',
  account_type: 'ordinary',
  account_number: '1234567',
};

/** The seed's one-line split: `{"submerchant_id": "submerchant_one", "amount": …, "platform_fee": …}`, amounts as strings. */
function seedSplit(amount: string, platformFee: string) {
  return { submerchants: [{ submerchant_id: 'submerchant_one', amount, platform_fee: platformFee }] };
}

/** A ¥1,000 card payment that leaves everything to mart (+960): the platform's balance for the refunds below. */
const FUND_MART = [
  { op: 'payment.create', id: 'fund', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', capture: false },
  { op: 'payment.capture', payment: 'fund', platform_details: { submerchants: [] } },
];

describe('001 (Platform Processing Model): the seed\'s request bodies, literally', () => {
  it('001 "Two-step Capture": the authorization body (amount "1000", capture "false", platform_details {}) and the capture body ({submerchant_one 1000, platform_fee 100}) post the split at capture', () => {
    const scenario = report([
      { op: 'payment.create', id: 'two_step', merchant: 'mart', amount: '1000', currency: 'JPY', payment_type: 'credit_card', capture: 'false', platform_details: {} },
      { op: 'payment.capture', payment: 'two_step', amount: '1000', platform_details: seedSplit('1000', '100') },
    ]);
    expect(codes(scenario)).toEqual(['ok', 'ok']);
    // "The platform splits are not provided upon authorization": the authorization posts nothing.
    expect(recordsOf(scenario, 1)).toEqual([]);
    // 1000 × 3.6% = 36, tax 3.6 → 4: mart 1000 − 1000 + 100 − 40 = 60; submerchant_one 900.
    expect(recordsOf(scenario, 2)).toEqual([
      ['mart', 'Payment', 1000, 0],
      ['mart', 'Payment Transfer', 0, 1000],
      ['submerchant_one', 'Payment Transfer', 1000, 0],
      ['submerchant_one', 'Platform Fee', 0, 100],
      ['mart', 'Platform Fee', 100, 0],
      ['mart', 'Processing Fee', 0, 36],
      ['mart', 'Processing Fee Tax', 0, 4],
    ]);
    expect(scenario.balances).toEqual({ mart: { JPY: 60 }, submerchant_one: { JPY: 900 } });
    expect(scenario.events).toEqual([
      { type: 'payment.authorized', payment: 'two_step' },
      { type: 'payment.captured', payment: 'two_step' },
    ]);
  });

  it('001 "Partial Capture": "Suppose the original payment was 1000 yen, it can be partially captured for 500 yen" with {submerchant_one 500, platform_fee 100}', () => {
    const scenario = report([
      { op: 'payment.create', id: 'partial', merchant: 'mart', amount: '1000', currency: 'JPY', payment_type: 'credit_card', capture: 'false', platform_details: {} },
      { op: 'payment.capture', payment: 'partial', amount: '500', platform_details: seedSplit('500', '100') },
      // "KOMOJU only supports single partial capture": the rest cannot be captured later.
      { op: 'payment.capture', payment: 'partial', amount: '500', platform_details: seedSplit('500', '0') },
    ]);
    expect(codes(scenario)).toEqual(['ok', 'ok', 'payment_not_authorized']);
    // The fee is on the 500 captured: 18, tax 1.8 → 2. mart 500 − 500 + 100 − 20 = 80; submerchant_one 400.
    expect(recordsOf(scenario, 2)).toEqual([
      ['mart', 'Payment', 500, 0],
      ['mart', 'Payment Transfer', 0, 500],
      ['submerchant_one', 'Payment Transfer', 500, 0],
      ['submerchant_one', 'Platform Fee', 0, 100],
      ['mart', 'Platform Fee', 100, 0],
      ['mart', 'Processing Fee', 0, 18],
      ['mart', 'Processing Fee Tax', 0, 2],
    ]);
    expect(scenario.payments['partial']).toEqual({ status: 'captured', amount: 1000, captured_amount: 500, refunded_amount: 0, currency: 'JPY' });
    expect(scenario.balances).toEqual({ mart: { JPY: 80 }, submerchant_one: { JPY: 400 } });
  });

  it('001 "Create a Non-Reverse Refund via API": amount "900" with {submerchant_one 850, platform_fee 50}: the payout merchant gives back 850, the platform bears 50', () => {
    const scenario = report([
      { op: 'payment.create', id: 'pay', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: seedSplit('1000', '100') },
      { op: 'payment.refund', payment: 'pay', amount: '900', platform_details: seedSplit('850', '50') },
    ]);
    expect(codes(scenario)).toEqual(['ok', 'ok']);
    // "debits the fund from Platform Merchant account and refunds it to the customer … Immediately
    // after that, … debits the corresponding refund amount from Payout Merchant account and
    // transfers it to Platform Merchant account."
    expect(recordsOf(scenario, 2)).toEqual([
      ['mart', 'Refund', 0, 900],
      ['submerchant_one', 'Payment Transfer Return', 0, 850],
      ['mart', 'Payment Transfer Return', 850, 0],
    ]);
    // mart 60 − 900 + 850 = 10 (its ¥50 part); submerchant_one 900 − 850 = 50.
    expect(scenario.balances).toEqual({ mart: { JPY: 10 }, submerchant_one: { JPY: 50 } });
    expect(scenario.payments['pay']).toEqual({ status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 900, currency: 'JPY' });
    expect(scenario.events.at(-1)).toEqual({ type: 'payment.refund.created', payment: 'pay', amount: 900, currency: 'JPY' });
  });

  it('001 "Create a Non-Reverse Refund Request via API": amount "900", include_payment_method_fee "true", the seed\'s bank account, {submerchant_one 850, platform_fee 50}: the platform pays 50 + 300 + 30 + 190 + 19', () => {
    const scenario = report([
      { op: 'payment.create', id: 'kb', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'konbini', capture: true, platform_details: seedSplit('1000', '100') },
      { op: 'payment.capture', payment: 'kb' },
      ...FUND_MART,
      { op: 'payment.refund_request', id: 'rq', payment: 'kb', amount: '900', include_payment_method_fee: 'true', ...SEED_BANK_ACCOUNT, platform_details: seedSplit('850', '50') },
      { op: 'refund_request.complete', refund_request: 'rq' },
    ]);
    expect(codes(scenario)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    // Konbini 1000 × 2.75% = 27.5 → 28, tax 2.8 → 3: mart 100 − 31 = 69, + 960 = 1,029; submerchant_one 900.
    // The request posts nothing; its completion posts the refund and "KOMOJU charges a refund fee ¥300 from Platform Merchant".
    expect(recordsOf(scenario, 5)).toEqual([]);
    expect(recordsOf(scenario, 6)).toEqual([
      ['mart', 'Refund', 0, 900],
      ['submerchant_one', 'Payment Transfer Return', 0, 850],
      ['mart', 'Payment Transfer Return', 850, 0],
      ['mart', 'Refund Fee', 0, 300],
      ['mart', 'Refund Fee Tax', 0, 30],
      ['mart', 'Refunded Customer Fee', 0, 190],
      ['mart', 'Refunded Customer Fee Tax', 0, 19],
    ]);
    expect(scenario.balances).toEqual({ mart: { JPY: 1029 - 50 - 330 - 209 }, submerchant_one: { JPY: 50 } });
    expect(scenario.events.slice(-3)).toEqual([
      { type: 'refund_request.updated', payment: 'kb', refund_request: 'rq', status: 'pending', amount: 900, currency: 'JPY' },
      { type: 'refund_request.updated', payment: 'kb', refund_request: 'rq', status: 'completed', amount: 900, currency: 'JPY' },
      { type: 'payment.refund.created', payment: 'kb', refund_request: 'rq', amount: 900, currency: 'JPY' },
    ]);
  });
});

/** The ¥1,000 card payment of the golden split, and ¥960 more for mart: mart 1,020, pm1 630, pm2 270. */
const GOLDEN_FUNDED: readonly Command[] = [goldenPayment(), omit(goldenPayment('fund', { capture: false }), 'split'), { op: 'payment.capture', payment: 'fund', split: [] }];

describe('001 (Platform Processing Model): sentences at their boundaries', () => {
  it('001 "You can cancel a given payment that have a state of pending or authorized": a Konbini payment awaiting the customer (KOMOJU\'s pending, Kanjo\'s authorized) is cancelled, its split never posted', () => {
    const ledger = ledgerAfter([konbiniPayment()]);
    const entry = appended(ledger, { op: 'payment.cancel', payment: 'kb_1' });
    expect(entry.postings).toEqual([]);
    expect(entry.events).toEqual([{ type: 'payment.cancelled', payment: 'kb_1' }]);
    expect(ledger.state.payments.get('kb_1')?.status).toBe('cancelled');
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 0, pm1: 0 });
    // The customer can no longer pay it.
    rejected(ledger, { op: 'payment.capture', payment: 'kb_1' }, 'payment_not_authorized');
  });

  it('001 "You should initiate a Non-Reverse Refund when: 1. Initiate a full refund that does not follow the payment split logic": DIFFERS, no party gives back above its share (refund_exceeds_share); a full refund along the shares is accepted', () => {
    // DOMAIN.md: "Σ(amount + platform_fee) = refund amount; no party above the rest of its share."
    // The shares (platform 100, pm1 630, pm2 270) add up to the captured 1,000, so a full
    // non-reverse refund can only follow them.
    const ledger = ledgerAfter(GOLDEN_FUNDED);
    const gross = { op: 'payment.refund', payment: 'pay_1', amount: 1000, split: [{ submerchantId: 'pm1', amount: 700, platformFee: 0 }, { submerchantId: 'pm2', amount: 300, platformFee: 0 }] } as const;
    expect(rejected(ledger, gross, 'refund_exceeds_share')).toContain('pm1');
    const alongShares = { op: 'payment.refund', payment: 'pay_1', amount: 1000, split: [{ submerchantId: 'pm1', amount: 630, platformFee: 70 }, { submerchantId: 'pm2', amount: 270, platformFee: 30 }] } as const;
    const entry = appended(ledger, alongShares);
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 1000 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 630 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 630, debit: 0 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 270 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 270, debit: 0 },
    ]);
    expect(entry.events).toEqual([
      { type: 'payment.refund.created', payment: 'pay_1', amount: 1000, currency: 'JPY' },
      { type: 'payment.refunded', payment: 'pay_1' },
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 920, pm1: 0, pm2: 0 });
    // "refunds it to the customer's account of the payment method": the refund's other side is the customers' account.
    expect(entry.postings.filter((posting) => posting.merchant === undefined).map(({ account, amount, recordType }) => ({ account, amount, recordType }))).toEqual([
      { account: 'Assets:Receivable:Customers', amount: -1000, recordType: 'Refund' },
    ]);
  });

  it('001 "Reverse Refund will fully reverse the payment … based on the payment split logic when capturing the payment": after a partial capture of 500, everything captured goes back along the capture\'s split', () => {
    const ledger = ledgerAfter([
      omit(goldenPayment('half', { capture: false }), 'split'),
      { op: 'payment.capture', payment: 'half', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 100 }] },
      omit(goldenPayment('fund', { capture: false }), 'split'),
      { op: 'payment.capture', payment: 'fund', split: [] },
    ]);
    // mart 80 + 960 = 1,040; pm1 400. Shares: platform 100, pm1 400.
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 1040, pm1: 400 });
    const entry = appended(ledger, { op: 'payment.refund', payment: 'half' });
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 500 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 400 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 400, debit: 0 },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 940, pm1: 0 });
    const payment = ledger.state.payments.get('half');
    expect(payment && paymentView(payment)).toEqual({ status: 'refunded', amount: 1000, captured_amount: 500, refunded_amount: 500, currency: 'JPY' });
  });

  it('001 "The refund amount can NOT be greater than the original payment amount": DIFFERS, the cap is what was captured (501 of a 1,000 payment captured for 500 is refund_exceeds_remaining)', () => {
    // DOMAIN.md: "Σ refunded shares = refunded total ≤ captured".
    const ledger = ledgerAfter([
      omit(goldenPayment('half', { capture: false }), 'split'),
      { op: 'payment.capture', payment: 'half', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 100 }] },
      omit(goldenPayment('fund', { capture: false }), 'split'),
      { op: 'payment.capture', payment: 'fund', split: [] },
    ]);
    rejected(ledger, { op: 'payment.refund', payment: 'half', amount: 501, split: [{ submerchantId: 'pm1', amount: 400, platformFee: 101 }] }, 'refund_exceeds_remaining');
    rejected(ledger, { op: 'payment.refund', payment: 'half', amount: 501 }, 'refund_exceeds_remaining');
    accepted(ledger, { op: 'payment.refund', payment: 'half', amount: 500, split: [{ submerchantId: 'pm1', amount: 400, platformFee: 100 }] });
    expect(ledger.state.payments.get('half')?.status).toBe('refunded');
  });

  it('001 "The refund amount can NOT be greater than the original payment amount" (Non-Reverse Refund Request): a Konbini payment is captured whole, so the cap is the same: 5,001 of 5,000 is refund_exceeds_remaining', () => {
    const ledger = ledgerAfter([
      goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }),
      konbiniPayment(),
      { op: 'payment.capture', payment: 'kb_1' },
    ]);
    rejected(ledger, refundRequest({ id: 'rq', payment: 'kb_1', amount: 5001, split: [{ submerchantId: 'pm1', amount: 4500, platformFee: 501 }] }), 'refund_exceeds_remaining');
    rejected(ledger, refundRequest({ id: 'rq', payment: 'kb_1', amount: 5001 }), 'refund_exceeds_remaining');
    accepted(ledger, refundRequest({ id: 'rq', payment: 'kb_1', amount: 5000, split: [{ submerchantId: 'pm1', amount: 4500, platformFee: 500 }] }));
  });

  it('001 "KOMOJU will charge ¥300 refund fee for each successful Reverse Refund Request [and Non-Reverse Refund Request]": two successful requests on one payment are charged 300 + 30 each', () => {
    // mart 4,802 (a card payment that leaves it everything) + 348 (the Konbini paid) = 5,150; pm1 4,500.
    const ledger = ledgerAfter([
      goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }),
      konbiniPayment(),
      { op: 'payment.capture', payment: 'kb_1' },
      refundRequest({ id: 'non_reverse', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
    ]);
    const first = appended(ledger, { op: 'refund_request.complete', refundRequest: 'non_reverse' });
    expect(rowsOf(first).filter((row) => row.type.startsWith('Refund Fee'))).toEqual([
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 4820, pm1: 4400 });
    // The reverse request of the rest: pm1 gives back its 4,400, the platform its 500.
    accepted(ledger, refundRequest({ id: 'reverse', payment: 'kb_1' }));
    const second = appended(ledger, { op: 'refund_request.complete', refundRequest: 'reverse' });
    expect(rowsOf(second)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 4900 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 4400 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 4400, debit: 0 },
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 4820 - 500 - 330, pm1: 0 });
    expect(ledger.state.payments.get('kb_1')?.status).toBe('refunded');
  });

  it('001 refund requests: "Your balance and Payout Merchant\'s balance should be greater than the amount of refund each is in charge of": DIFFERS, equal is enough (DOMAIN.md [decided]); one short is insufficient_balance', () => {
    // The Konbini paid alone: mart 348, pm1 4,500. A request of 100 with the platform bearing 18
    // costs mart 18 + 300 + 30 = 348, exactly its balance.
    const konbini: readonly Command[] = [konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' }];
    const platformEqual = ledgerAfter(konbini);
    accepted(platformEqual, refundRequest({ id: 'rq', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 82, platformFee: 18 }] }));
    expect(available(platformEqual, 'mart')).toBe(0);
    expect(rejected(ledgerAfter(konbini), refundRequest({ id: 'rq', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 81, platformFee: 19 }] }), 'insufficient_balance')).toContain('mart');
    // pm1's part equal to its balance: 4,500 of 4,500 (the platform's 330 of fees fit in 348).
    const payoutEqual = ledgerAfter(konbini);
    accepted(payoutEqual, refundRequest({ id: 'rq', payment: 'kb_1', amount: 4500, split: [{ submerchantId: 'pm1', amount: 4500, platformFee: 0 }] }));
    expect(available(payoutEqual, 'pm1')).toBe(0);
    const payoutShort = ledgerAfter([...konbini, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 1, currency: 'JPY' }]);
    expect(rejected(payoutShort, refundRequest({ id: 'rq', payment: 'kb_1', amount: 4500, split: [{ submerchantId: 'pm1', amount: 4500, platformFee: 0 }] }), 'insufficient_balance')).toContain('pm1');
  });
});

describe('002 (Split Payments, dual authentication)', () => {
  it('002 "Refunding happens according to the same split ratio that was specified when the payment was initially created": DIFFERS-UNDECIDED, after a partial capture the engine splits by platform_amount / captured amount (100 / 500), not by the creation ratio (100 / 1,000)', () => {
    // DOMAIN.md says "the ratio platform_amount / amount" and "payment amount A", and also "a full
    // refund returns the split exactly"; with a partial capture only the captured amount as A
    // keeps the second. The creation ratio would take 10 of a ¥100 refund from the platform and,
    // at the full refund, 450 from a seller that received 400.
    const ledger = ledgerAfter([
      sellerPayment('q', { amount: 1000, platformAmount: 100, capture: false }),
      { op: 'payment.capture', payment: 'q', amount: 500 },
      sellerPayment('fund', { amount: 10_000, platformAmount: 10_000 }),
    ]);
    // q: plt 100 − 18 − 2 = 80, s1 400; fund: plt + 10,000 − 360 − 36.
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 400, plt: 80 + 9_604 });
    const first = appended(ledger, { op: 'payment.refund', payment: 'q', amount: 100 });
    expect(rowsOf(first)).toEqual([
      { merchant: 's1', type: 'Refund', deposit: 0, debit: 100 },
      { merchant: 'plt', type: 'Platform Fee Return', deposit: 0, debit: 20 },
      { merchant: 's1', type: 'Platform Fee Return', deposit: 20, debit: 0 },
    ]);
    const rest = appended(ledger, { op: 'payment.refund', payment: 'q' });
    expect(rowsOf(rest)).toEqual([
      { merchant: 's1', type: 'Refund', deposit: 0, debit: 400 },
      { merchant: 'plt', type: 'Platform Fee Return', deposit: 0, debit: 80 },
      { merchant: 's1', type: 'Platform Fee Return', deposit: 80, debit: 0 },
    ]);
    expect(ledger.state.payments.get('q')?.refunded).toEqual({ platform: 100, submerchants: [{ submerchantId: 's1', amount: 400 }] });
    expect(balances(ledger, 's1')).toEqual({ s1: 0 });
  });
});

describe('002 (Split Payments): "The platform_amount parameter … is an integer"; "The platform_merchant parameter … is a string"', () => {
  it('002: platform_amount "5000.5" is amount_not_integer and a platform_merchant that is no string is field_invalid; "5000" with "plt" passes', () => {
    const seller = { op: 'payment.create', id: 'sp', merchant: 'plt', as: 's1', amount: '50000', currency: 'JPY', payment_type: 'credit_card' };
    const run = runScenario({
      merchants: [
        { id: 'plt', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id: 's1', type: 'seller', platform: 'plt' },
      ],
      commands: [
        { ...seller, platform_amount: '5000.5', platform_merchant: 'plt' },
        { ...seller, platform_amount: 5000, platform_merchant: 5 },
        { ...seller, platform_amount: '5000', platform_merchant: 'plt' },
      ],
    });
    if (!run.ok) throw new Error(run.error.code);
    expect(codes(run.value.report)).toEqual(['amount_not_integer', 'field_invalid', 'ok']);
    expect(run.value.report.balances).toEqual({ plt: { JPY: 5000 - 1800 - 180 }, s1: { JPY: 45_000 } });
  });
});

describe('003 (Hosted Page)', () => {
  it('003 "Request Examples": the seed\'s session (amount "8888", payment_data with external_order_num, name and name_kana, metadata[test], credit_card and konbini, default_locale ja) is pending and carries what Kanjo keeps', () => {
    // The seed is a plain merchant's session; a marketplace's needs its split with capture auto.
    const run = runScenario({
      merchants: MERCHANTS,
      commands: [
        {
          op: 'session.create',
          id: 'e9x5mvx3jkpkofzcg7umfael6',
          merchant: 'mart',
          default_locale: 'ja',
          metadata: { test: 'value' },
          amount: '8888',
          currency: 'JPY',
          payment_data: { external_order_num: 'my_custom_order', name: 'John', name_kana: 'ジョン' },
          payment_types: ['credit_card', 'konbini'],
          return_url: 'https://shop.example/return',
          platform_details: seedSplit('8888', '888'),
        },
        // "completed: The session object will contain a payment that is either authorized or captured."
        { op: 'session.complete', session: 'e9x5mvx3jkpkofzcg7umfael6', payment: 'kb', payment_type: 'konbini' },
        // "KOMOJU will send payment.captured … once payment is received. The payment.captured webhook includes a session parameter."
        { op: 'payment.capture', payment: 'kb' },
      ],
    });
    if (!run.ok) throw new Error(run.error.code);
    const { report: scenario, ledger } = run.value;
    expect(codes(scenario)).toEqual(['ok', 'ok', 'ok']);
    // payment_data's name and name_kana are KOMOJU's customer details: Kanjo keeps only external_order_num.
    expect(ledger.state.sessions.get('e9x5mvx3jkpkofzcg7umfael6')).toEqual({
      id: 'e9x5mvx3jkpkofzcg7umfael6',
      merchant: 'mart',
      amount: 8888,
      currency: 'JPY',
      paymentTypes: ['credit_card', 'konbini'],
      returnUrl: 'https://shop.example/return',
      capture: 'auto',
      split: [{ submerchantId: 'submerchant_one', amount: 8888, platformFee: 888 }],
      externalOrderNum: 'my_custom_order',
      defaultLocale: 'ja',
      metadata: { test: 'value' },
      status: 'completed',
      payment: 'kb',
    });
    expect(scenario.events).toEqual([
      { type: 'payment.authorized', payment: 'kb', session: 'e9x5mvx3jkpkofzcg7umfael6' },
      { type: 'payment.captured', payment: 'kb', session: 'e9x5mvx3jkpkofzcg7umfael6' },
    ]);
    expect(scenario.payments['kb']?.status).toBe('captured');
  });
});
