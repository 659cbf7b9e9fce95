import { paymentView, type Command, type RefundPaymentCommand } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, omit, sellerPayment } from './support/fixtures.js';
import { accepted, appended, available, balances, ledgerAfter, rejected, rowsOf } from './support/ledger-harness.js';

/** The seeds' ¥900 non-reverse refund after the ¥1,000 capture: 50 platform / 600 PM-1 / 250 PM-2. */
const REFUND_900: RefundPaymentCommand = {
  op: 'payment.refund',
  payment: 'pay_1',
  amount: 900,
  split: [
    { submerchantId: 'pm1', amount: 600, platformFee: 30 },
    { submerchantId: 'pm2', amount: 250, platformFee: 20 },
  ],
};

/** A ¥1,000 card payment whose capture leaves everything to mart: funds the platform by 960. */
const FUND_PLATFORM: readonly Command[] = [
  omit(goldenPayment('fund', { capture: false }), 'split'),
  { op: 'payment.capture', payment: 'fund', split: [] },
];

describe('golden (issue 5): marketplace refunds after the ¥1,000 capture', () => {
  it('the ¥900 non-reverse refund 50/600/250 posts exactly its records', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const entry = appended(ledger, REFUND_900);
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 900 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 600 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 600, debit: 0 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 250 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 250, debit: 0 },
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 10, pm1: 30, pm2: 20 });
    expect(entry.events).toEqual([{ type: 'payment.refund.created', payment: 'pay_1', amount: 900, currency: 'JPY' }]);
    const payment = ledger.state.payments.get('pay_1');
    expect(payment && paymentView(payment)).toEqual({ status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 900, currency: 'JPY' });
    expect(payment?.refunded).toEqual({ platform: 50, submerchants: [{ submerchantId: 'pm1', amount: 600 }, { submerchantId: 'pm2', amount: 250 }] });
  });

  it('the ¥900 refund costs the platform ¥50, so exactly ¥50 of available balance suffices (equal is enough)', () => {
    const ledger = ledgerAfter([goldenPayment(), { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 10, currency: 'JPY' }]);
    expect(available(ledger, 'mart')).toBe(50);
    accepted(ledger, REFUND_900);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 0, pm1: 40, pm2: 20 });
  });

  it('one yen short, the same refund is rejected insufficient_balance and nothing posts', () => {
    const ledger = ledgerAfter([goldenPayment(), { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 11, currency: 'JPY' }]);
    const message = rejected(ledger, REFUND_900, 'insufficient_balance');
    expect(message).toContain('mart');
  });

  it('a reverse refund after it returns exactly the rest: platform 50, pm1 30, pm2 20', () => {
    const ledger = ledgerAfter([goldenPayment(), REFUND_900]);
    // The platform has 10 left but its part of the reverse refund is 50.
    rejected(ledger, { op: 'payment.refund', payment: 'pay_1' }, 'insufficient_balance');
    for (const command of FUND_PLATFORM) accepted(ledger, command);
    expect(balances(ledger, 'mart')).toEqual({ mart: 970 });
    const entry = appended(ledger, { op: 'payment.refund', payment: 'pay_1' });
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 100 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 30 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 30, debit: 0 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 20 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 20, debit: 0 },
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 920, pm1: 0, pm2: 0 });
    expect(entry.events).toEqual([
      { type: 'payment.refund.created', payment: 'pay_1', amount: 100, currency: 'JPY' },
      { type: 'payment.refunded', payment: 'pay_1' },
    ]);
    expect(ledger.state.payments.get('pay_1')).toMatchObject({
      status: 'refunded',
      refundedAmount: 1000,
      refunded: { platform: 100, submerchants: [{ submerchantId: 'pm1', amount: 630 }, { submerchantId: 'pm2', amount: 270 }] },
    });
    rejected(ledger, { op: 'payment.refund', payment: 'pay_1' }, 'payment_already_refunded');
  });

  it('a full reverse refund right after the capture needs the platform\'s ¥100 share but it holds ¥60: processing fees are not given back', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    rejected(ledger, { op: 'payment.refund', payment: 'pay_1' }, 'insufficient_balance');
    for (const command of FUND_PLATFORM) accepted(ledger, command);
    const entry = appended(ledger, { op: 'payment.refund', payment: 'pay_1' });
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 1000 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 630 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 630, debit: 0 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 270 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 270, debit: 0 },
    ]);
    // 60 + 960 − 100: the 36 + 4 of fees on pay_1 stay with KOMOJU.
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 920, pm1: 0, pm2: 0 });
  });

  it('an amount equal to what is left and no split is a reverse refund', () => {
    const ledger = ledgerAfter([goldenPayment(), REFUND_900, ...FUND_PLATFORM]);
    accepted(ledger, { op: 'payment.refund', payment: 'pay_1', amount: 100 });
    expect(ledger.state.payments.get('pay_1')?.status).toBe('refunded');
    expect(balances(ledger, 'pm1', 'pm2')).toEqual({ pm1: 0, pm2: 0 });
  });

  it('a non-reverse refund without an amount refunds what its split adds up to', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const entry = appended(ledger, { op: 'payment.refund', payment: 'pay_1', split: [{ submerchantId: 'pm2', amount: 100, platformFee: 0 }] });
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 100 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 100 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 100, debit: 0 },
    ]);
    expect(ledger.state.payments.get('pay_1')?.refundedAmount).toBe(100);
  });

  it('a payout merchant whose balance cannot cover its part stops the refund', () => {
    const ledger = ledgerAfter([goldenPayment(), { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 31, currency: 'JPY' }]);
    const message = rejected(ledger, { op: 'payment.refund', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 600, platformFee: 0 }] }, 'insufficient_balance');
    expect(message).toContain('pm1');
  });

  // Review 240's mutant R5 (a party whose cost is 0 checked against its balance too) was killed
  // only by a random property: the platform here is at −40 (the fee and tax of a payment it
  // kept nothing of), and a refund that costs it nothing must still go through.
  it('a party the refund costs nothing is not asked to cover it, even below zero', () => {
    const ledger = ledgerAfter([goldenPayment('pay_1', { split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] })]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: -40, pm1: 1000 });
    const entry = appended(ledger, { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 100 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 100 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 100, debit: 0 },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: -40, pm1: 900 });
  });
});

describe('marketplace refund rejections', () => {
  const ledger = ledgerAfter([goldenPayment(), ...FUND_PLATFORM]);
  const cases: [string, RefundPaymentCommand, string][] = [
    ['a partial amount without a split', { op: 'payment.refund', payment: 'pay_1', amount: 500 }, 'refund_split_required'],
    // The boundary: one yen short of everything left is still partial, never widened into a reverse refund.
    ['an amount one below what is left (999 of 1000) without a split', { op: 'payment.refund', payment: 'pay_1', amount: 999 }, 'refund_split_required'],
    ['more than captured', { op: 'payment.refund', payment: 'pay_1', amount: 1001 }, 'refund_exceeds_remaining'],
    ['amount 0', { op: 'payment.refund', payment: 'pay_1', amount: 0 }, 'amount_not_positive'],
    ['a split adding up to 0', { op: 'payment.refund', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 0, platformFee: 0 }] }, 'amount_not_positive'],
    ['a split without amount adding up past what is left', { op: 'payment.refund', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 630, platformFee: 371 }] }, 'refund_exceeds_remaining'],
    [
      'a split adding up past MAX_SAFE_INTEGER',
      { op: 'payment.refund', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: Number.MAX_SAFE_INTEGER, platformFee: 1 }] },
      'amount_sum_not_safe_integer',
    ],
    ['a split not adding up to the amount', { op: 'payment.refund', payment: 'pay_1', amount: 900, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 30 }] }, 'refund_split_sum_mismatch'],
    [
      'a payout merchant twice',
      { op: 'payment.refund', payment: 'pay_1', amount: 200, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }, { submerchantId: 'pm1', amount: 100, platformFee: 0 }] },
      'refund_split_duplicate_submerchant',
    ],
    ['a payout merchant not in the payment', { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm4', amount: 100, platformFee: 0 }] }, 'refund_submerchant_not_in_payment'],
    [
      `more than 100 lines`,
      { op: 'payment.refund', payment: 'pay_1', amount: 101, split: Array.from({ length: 101 }, (_, index) => ({ submerchantId: `pm${index}`, amount: 1, platformFee: 0 })) },
      'refund_split_too_many_lines',
    ],
    ['a payout merchant above its share (630)', { op: 'payment.refund', payment: 'pay_1', amount: 631, split: [{ submerchantId: 'pm1', amount: 631, platformFee: 0 }] }, 'refund_exceeds_share'],
    ['the platform above its share (100)', { op: 'payment.refund', payment: 'pay_1', amount: 101, split: [{ submerchantId: 'pm1', amount: 0, platformFee: 101 }] }, 'refund_exceeds_share'],
  ];
  for (const [what, command, code] of cases) {
    it(`${what}: ${code}`, () => {
      rejected(ledger, command, code);
    });
  }

  it('shares are tracked cumulatively: after pm1 gave back 600, it cannot give back 31 more', () => {
    const after = ledgerAfter([goldenPayment(), REFUND_900]);
    rejected(after, { op: 'payment.refund', payment: 'pay_1', amount: 31, split: [{ submerchantId: 'pm1', amount: 31, platformFee: 0 }] }, 'refund_exceeds_share');
    rejected(after, { op: 'payment.refund', payment: 'pay_1', amount: 101 }, 'refund_exceeds_remaining');
  });

  it('a refund of an authorized payment is rejected payment_not_captured', () => {
    const authorized = ledgerAfter([omit(goldenPayment('auth', { capture: false }), 'split')]);
    rejected(authorized, { op: 'payment.refund', payment: 'auth' }, 'payment_not_captured');
  });

  it('a Konbini payment is refunded by a refund request, not payment.refund', () => {
    const konbini = ledgerAfter([konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' }]);
    rejected(konbini, { op: 'payment.refund', payment: 'kb_1' }, 'refund_request_required');
  });
});

describe('golden (issue 5): seller-model refunds split by platform_amount / amount', () => {
  it('¥100 on the ¥50,000 payment with ¥5,000 to the platform: ¥10 platform, ¥90 seller', () => {
    const ledger = ledgerAfter([sellerPayment()]);
    const entry = appended(ledger, { op: 'payment.refund', payment: 'sp_1', amount: 100 });
    expect(rowsOf(entry)).toEqual([
      { merchant: 's1', type: 'Refund', deposit: 0, debit: 100 },
      { merchant: 'plt', type: 'Platform Fee Return', deposit: 0, debit: 10 },
      { merchant: 's1', type: 'Platform Fee Return', deposit: 10, debit: 0 },
    ]);
    // The seed's expected outcome: s1 44,910, plt 3,010.
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 44_910, plt: 3_010 });
    expect(entry.events).toEqual([{ type: 'payment.refund.created', payment: 'sp_1', amount: 100, currency: 'JPY' }]);
  });

  it('refunds of 100, 100 and 7 give the platform 10, 10 and 1 (cumulative 207 × 0.1 = 20.7 → 21)', () => {
    const ledger = ledgerAfter([sellerPayment()]);
    const platformParts = [100, 100, 7].map((amount) => {
      const entry = appended(ledger, { op: 'payment.refund', payment: 'sp_1', amount });
      const platformReturn = rowsOf(entry).find((row) => row.merchant === 'plt' && row.type === 'Platform Fee Return');
      return platformReturn?.debit ?? 0;
    });
    expect(platformParts).toEqual([10, 10, 1]);
    expect(ledger.state.payments.get('sp_1')?.refunded).toEqual({ platform: 21, submerchants: [{ submerchantId: 's1', amount: 186 }] });
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 45_000 - 186, plt: 3_020 - 21 });
  });

  it('a full refund after partial ones returns the split exactly: the platform gave back 5,000, the seller 45,000', () => {
    const ledger = ledgerAfter([
      sellerPayment(),
      { op: 'payment.refund', payment: 'sp_1', amount: 100 },
      { op: 'payment.refund', payment: 'sp_1', amount: 100 },
      { op: 'payment.refund', payment: 'sp_1', amount: 7 },
      // Funds the platform (it pays 1,980 of fees on sp_1 and cannot cover 4,979 otherwise).
      sellerPayment('fund', { as: 's2', amount: 10_000, platformAmount: 10_000 }),
    ]);
    const entry = appended(ledger, { op: 'payment.refund', payment: 'sp_1' });
    expect(rowsOf(entry)).toEqual([
      { merchant: 's1', type: 'Refund', deposit: 0, debit: 49_793 },
      { merchant: 'plt', type: 'Platform Fee Return', deposit: 0, debit: 4_979 },
      { merchant: 's1', type: 'Platform Fee Return', deposit: 4_979, debit: 0 },
    ]);
    expect(ledger.state.payments.get('sp_1')).toMatchObject({ status: 'refunded', refunded: { platform: 5_000, submerchants: [{ submerchantId: 's1', amount: 45_000 }] } });
    expect(balances(ledger, 's1')).toEqual({ s1: 0 });
  });

  it('the platform must cover its part of a seller refund', () => {
    const ledger = ledgerAfter([sellerPayment('sp', { amount: 1000, platformAmount: 100 }), { op: 'balance.transfer', merchant: 'plt', from: 'plt', to: 's1', amount: 60, currency: 'JPY' }]);
    // plt: 100 − 40 − 60 = 0; a ¥1,000 refund needs ¥100 from it.
    rejected(ledger, { op: 'payment.refund', payment: 'sp' }, 'insufficient_balance');
  });

  it('a seller refund takes no split', () => {
    const ledger = ledgerAfter([sellerPayment()]);
    rejected(ledger, { op: 'payment.refund', payment: 'sp_1', amount: 100, split: [{ submerchantId: 's1', amount: 90, platformFee: 10 }] }, 'refund_split_not_allowed_for_seller');
  });
});
