import { createLedger, paymentView, type CreatePaymentCommand } from '@kanjo/ledger';
import { MAX_SUBMERCHANTS, type SplitLine } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, omit, sellerPayment } from './support/fixtures.js';
import { accepted, appended, balances, ledgerAfter, newLedger, rejected, rowsOf } from './support/ledger-harness.js';

describe('golden (issue 4): the seeds\' captures', () => {
  it('the ¥1,000 marketplace capture {pm1 700 fee 70, pm2 300 fee 30} at 3.6% leaves mart ¥60, pm1 ¥630, pm2 ¥270', () => {
    const ledger = newLedger();
    const entry = appended(ledger, goldenPayment());
    // DOMAIN.md "Records at capture": one row per posting on a merchant's balance, in journal order.
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Payment', deposit: 1000, debit: 0 },
      { merchant: 'mart', type: 'Payment Transfer', deposit: 0, debit: 700 },
      { merchant: 'pm1', type: 'Payment Transfer', deposit: 700, debit: 0 },
      { merchant: 'pm1', type: 'Platform Fee', deposit: 0, debit: 70 },
      { merchant: 'mart', type: 'Platform Fee', deposit: 70, debit: 0 },
      { merchant: 'mart', type: 'Payment Transfer', deposit: 0, debit: 300 },
      { merchant: 'pm2', type: 'Payment Transfer', deposit: 300, debit: 0 },
      { merchant: 'pm2', type: 'Platform Fee', deposit: 0, debit: 30 },
      { merchant: 'mart', type: 'Platform Fee', deposit: 30, debit: 0 },
      { merchant: 'mart', type: 'Processing Fee', deposit: 0, debit: 36 },
      { merchant: 'mart', type: 'Processing Fee Tax', deposit: 0, debit: 4 },
    ]);
    // ¥100 with the platform before fees, then 36 + 4 for KOMOJU.
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
    expect(entry.events).toEqual([{ type: 'payment.captured', payment: 'pay_1' }]);
    const payment = ledger.state.payments.get('pay_1');
    expect(payment && paymentView(payment)).toEqual({ status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' });
    expect(payment?.shares).toEqual({ platform: 100, submerchants: [{ submerchantId: 'pm1', share: 630 }, { submerchantId: 'pm2', share: 270 }] });
  });

  it('the processing fee and its tax go to KOMOJU and the tax authority, not to a merchant', () => {
    const ledger = newLedger();
    const entry = appended(ledger, goldenPayment());
    const outside = entry.postings.filter((posting) => posting.merchant === undefined).map(({ account, amount, recordType }) => ({ account, amount, recordType }));
    expect(outside).toEqual([
      { account: 'Assets:Receivable:Customers', amount: 1000, recordType: 'Payment' },
      { account: 'Income:Fees:Processing', amount: -36, recordType: 'Processing Fee' },
      { account: 'Liabilities:Tax:Consumption', amount: -4, recordType: 'Processing Fee Tax' },
    ]);
  });

  it('seller model: ¥50,000 with platform_amount 5,000 leaves the seller exactly ¥45,000 and the platform 5,000 − 1,800 − 180', () => {
    const ledger = newLedger();
    const entry = appended(ledger, sellerPayment());
    expect(rowsOf(entry)).toEqual([
      { merchant: 's1', type: 'Payment', deposit: 50_000, debit: 0 },
      { merchant: 's1', type: 'Platform Fee', deposit: 0, debit: 5_000 },
      { merchant: 'plt', type: 'Platform Fee', deposit: 5_000, debit: 0 },
      { merchant: 'plt', type: 'Processing Fee', deposit: 0, debit: 1_800 },
      { merchant: 'plt', type: 'Processing Fee Tax', deposit: 0, debit: 180 },
    ]);
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 45_000, plt: 5_000 - 1_800 - 180 });
    expect(ledger.state.payments.get('sp_1')?.status).toBe('captured');
  });

  it('seller model with platform_amount 0: the seller keeps everything and the platform still pays the fee', () => {
    const ledger = ledgerAfter([sellerPayment('sp_0', { amount: 1000, platformAmount: 0 })]);
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 1000, plt: -40 });
  });
});

describe('payment lifecycle (DOMAIN.md lifecycle table)', () => {
  it('cards, PayPay, LINE Pay and Merpay are captured at creation by default', () => {
    for (const paymentType of ['credit_card', 'paypay', 'linepay', 'merpay']) {
      const ledger = newLedger();
      const { entry, events } = accepted(ledger, omit(goldenPayment('p', { paymentType }), 'capture'));
      expect(events).toEqual([{ type: 'payment.captured', payment: 'p' }]);
      expect(ledger.state.payments.get('p')?.status).toBe('captured');
      expect(entry?.postings.length).toBeGreaterThan(0);
    }
  });

  it('capture false authorizes with no split and posts nothing', () => {
    const ledger = newLedger();
    const entry = appended(ledger, omit(goldenPayment('auth', { capture: false }), 'split'));
    expect(entry.postings).toEqual([]);
    expect(entry.events).toEqual([{ type: 'payment.authorized', payment: 'auth' }]);
    expect(ledger.state.payments.get('auth')?.status).toBe('authorized');
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 0, pm1: 0 });
  });

  it('an empty platform_details at authorization is no split (KOMOJU\'s example sends {})', () => {
    const ledger = newLedger();
    accepted(ledger, goldenPayment('auth', { capture: false, split: [] }));
    expect(ledger.state.payments.get('auth')?.status).toBe('authorized');
  });

  it('Konbini, Bank Transfer and Pay-Easy are created authorized even with capture true', () => {
    for (const paymentType of ['konbini', 'bank_transfer', 'pay_easy']) {
      const ledger = newLedger();
      const entry = appended(ledger, goldenPayment('w', { paymentType }));
      expect(entry.postings).toEqual([]);
      expect(entry.events).toEqual([{ type: 'payment.authorized', payment: 'w' }]);
      expect(ledger.state.payments.get('w')?.status).toBe('authorized');
    }
  });

  it('cancel moves an authorized payment to cancelled, once', () => {
    const ledger = ledgerAfter([omit(goldenPayment('auth', { capture: false }), 'split')]);
    const entry = appended(ledger, { op: 'payment.cancel', payment: 'auth' });
    expect(entry.events).toEqual([{ type: 'payment.cancelled', payment: 'auth' }]);
    expect(entry.postings).toEqual([]);
    expect(ledger.state.payments.get('auth')?.status).toBe('cancelled');
    rejected(ledger, { op: 'payment.cancel', payment: 'auth' }, 'payment_not_cancellable');
    rejected(ledger, { op: 'payment.expire', payment: 'auth' }, 'payment_not_expirable');
    rejected(ledger, { op: 'payment.capture', payment: 'auth' }, 'payment_not_authorized');
  });

  it('a captured payment cannot be cancelled or expired', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    rejected(ledger, { op: 'payment.cancel', payment: 'pay_1' }, 'payment_not_cancellable');
    rejected(ledger, { op: 'payment.expire', payment: 'pay_1' }, 'payment_not_expirable');
  });

  it('expire moves an authorized payment (an unpaid Konbini one) to expired, and nothing follows', () => {
    const ledger = ledgerAfter([goldenPayment('kb', { paymentType: 'konbini' })]);
    const entry = appended(ledger, { op: 'payment.expire', payment: 'kb' });
    expect(entry.events).toEqual([{ type: 'payment.expired', payment: 'kb' }]);
    expect(ledger.state.payments.get('kb')?.status).toBe('expired');
    rejected(ledger, { op: 'payment.capture', payment: 'kb' }, 'payment_not_authorized');
    rejected(ledger, { op: 'payment.cancel', payment: 'kb' }, 'payment_not_cancellable');
    rejected(ledger, { op: 'payment.expire', payment: 'kb' }, 'payment_not_expirable');
    rejected(ledger, { op: 'payment.refund', payment: 'kb' }, 'payment_not_captured');
  });

  it('commands on an unknown payment are rejected payment_not_found', () => {
    const ledger = newLedger();
    for (const op of ['payment.capture', 'payment.cancel', 'payment.expire', 'payment.refund', 'payment.chargeback'] as const) {
      rejected(ledger, { op, payment: 'nope' }, 'payment_not_found');
    }
  });
});

describe('payment.create rejections, each with its own code', () => {
  const ledger = newLedger();
  const cases: [string, CreatePaymentCommand, string][] = [
    ['an empty id', goldenPayment(''), 'id_invalid'],
    ['an id of 256 characters', goldenPayment('x'.repeat(256)), 'id_invalid'],
    ['an unknown merchant', goldenPayment('p', { merchant: 'ghost' }), 'merchant_not_found'],
    ['a sub-merchant acting on its own', goldenPayment('p', { merchant: 'pm1' }), 'merchant_not_platform'],
    ['a deactivated platform', goldenPayment('p', { merchant: 'shut', split: [{ submerchantId: 'py', amount: 1000, platformFee: 0 }] }), 'merchant_deactivated'],
    ['amount 0', goldenPayment('p', { amount: 0 }), 'amount_not_positive'],
    ['an unknown currency', goldenPayment('p', { currency: 'XYZ' }), 'currency_unknown'],
    ['a payment type Kanjo does not know', goldenPayment('p', { paymentType: 'bitcoin' }), 'payment_type_not_supported'],
    ['a seller that does not accept Konbini', sellerPayment('p', { as: 's2', paymentType: 'konbini' }), 'payment_type_not_accepted'],
    ['a platform business without `as`', omit(sellerPayment('p'), 'as'), 'seller_required'],
    ['a marketplace with `as`', goldenPayment('p', { as: 'pm1' }), 'dual_authentication_not_allowed'],
    ['acting as an unknown seller', sellerPayment('p', { as: 'ghost' }), 'submerchant_not_found'],
    ['acting as itself', sellerPayment('p', { as: 'plt' }), 'split_with_self'],
    ['acting as another platform\'s merchant', sellerPayment('p', { as: 'px' }), 'submerchant_not_owned'],
    ['acting as a deactivated seller', sellerPayment('p', { as: 's3' }), 'merchant_deactivated'],
    ['a seller payment without platform_amount', omit(sellerPayment('p'), 'platformAmount'), 'seller_split_required'],
    ['a seller payment without platform_merchant', omit(sellerPayment('p'), 'platformMerchant'), 'seller_split_required'],
    ['platform_merchant naming the seller itself', sellerPayment('p', { platformMerchant: 's1' }), 'split_with_self'],
    ['platform_merchant naming another platform', sellerPayment('p', { platformMerchant: 'bazaar' }), 'platform_merchant_mismatch'],
    ['platform_merchant naming a deactivated platform', sellerPayment('p', { platformMerchant: 'shut' }), 'platform_merchant_mismatch'],
    ['platform_amount above the amount', sellerPayment('p', { platformAmount: 50_001 }), 'platform_amount_exceeds_amount'],
    ['a marketplace split on a seller payment', sellerPayment('p', { split: [{ submerchantId: 's1', amount: 50_000, platformFee: 0 }] }), 'split_not_allowed_for_seller'],
    ['platform_amount on a marketplace payment', goldenPayment('p', { platformAmount: 100 }), 'platform_amount_not_allowed'],
    ['platform_merchant on a marketplace payment', goldenPayment('p', { platformMerchant: 'mart' }), 'platform_amount_not_allowed'],
    ['an immediate capture without a split', omit(goldenPayment('p'), 'split'), 'split_required'],
    ['a split at authorization', goldenPayment('p', { capture: false }), 'split_not_allowed_at_authorization'],
    [
      `more than ${MAX_SUBMERCHANTS} lines`,
      goldenPayment('p', { amount: 101, split: Array.from({ length: 101 }, (_, index) => ({ submerchantId: `pm${index}`, amount: 1, platformFee: 0 })) }),
      'split_too_many_submerchants',
    ],
    ['an empty submerchant_id', goldenPayment('p', { split: [{ submerchantId: '', amount: 1000, platformFee: 0 }] }), 'split_submerchant_id_invalid'],
    [
      'a submerchant twice',
      goldenPayment('p', { split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }, { submerchantId: 'pm1', amount: 500, platformFee: 0 }] }),
      'split_duplicate_submerchant',
    ],
    [
      'a line of amount 0',
      goldenPayment('p', { split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }, { submerchantId: 'pm2', amount: 0, platformFee: 0 }] }),
      'split_line_amount_not_positive',
    ],
    ['a platform_fee above its amount', goldenPayment('p', { split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 1001 }] }), 'split_platform_fee_exceeds_amount'],
    [
      'line amounts adding up past MAX_SAFE_INTEGER',
      goldenPayment('p', {
        split: [
          { submerchantId: 'pm1', amount: Number.MAX_SAFE_INTEGER, platformFee: 0 },
          { submerchantId: 'pm2', amount: 1, platformFee: 0 },
        ],
      }),
      'amount_sum_not_safe_integer',
    ],
    ['line amounts not adding up to the amount', goldenPayment('p', { split: [{ submerchantId: 'pm1', amount: 999, platformFee: 0 }] }), 'split_sum_mismatch'],
    ['an unknown submerchant', goldenPayment('p', { split: [{ submerchantId: 'ghost', amount: 1000, platformFee: 0 }] }), 'submerchant_not_found'],
    ['another marketplace\'s payout merchant', goldenPayment('p', { split: [{ submerchantId: 'px', amount: 1000, platformFee: 0 }] }), 'submerchant_not_owned'],
    ['a deactivated payout merchant', goldenPayment('p', { split: [{ submerchantId: 'pm3', amount: 1000, platformFee: 0 }] }), 'merchant_deactivated'],
    ['the platform itself as a submerchant', goldenPayment('p', { split: [{ submerchantId: 'mart', amount: 1000, platformFee: 0 }] }), 'split_with_self'],
  ];
  for (const [what, command, code] of cases) {
    it(`${what}: ${code}`, () => {
      rejected(ledger, command, code);
    });
  }

  it('a reused payment id is rejected payment_id_taken, even for a different payment', () => {
    const taken = ledgerAfter([goldenPayment()]);
    rejected(taken, goldenPayment('pay_1', { amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }] }), 'payment_id_taken');
    rejected(taken, goldenPayment(), 'payment_id_taken');
  });

  it('a processing fee that would pass MAX_SAFE_INTEGER is rejected amount_not_safe_integer', () => {
    const created = createLedger({
      merchants: [
        { id: 'big', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '100%', fixedFee: 1 } } },
        { id: 'bp', type: 'payout', platform: 'big' },
      ],
    });
    if (!created.ok) throw new Error(created.error.code);
    const split: SplitLine[] = [{ submerchantId: 'bp', amount: Number.MAX_SAFE_INTEGER, platformFee: 0 }];
    rejected(created.value, { op: 'payment.create', id: 'huge', merchant: 'big', amount: Number.MAX_SAFE_INTEGER, currency: 'JPY', paymentType: 'credit_card', split }, 'amount_not_safe_integer');
  });

  it('an amount that is not an integer from code is a programmer error: it throws and changes nothing', () => {
    const throwing = newLedger();
    expect(() => throwing.execute(goldenPayment('p', { amount: 10.5 }))).toThrow(RangeError);
    expect(throwing.journal).toHaveLength(0);
    expect(throwing.state.payments.size).toBe(0);
  });
});

describe('currencies', () => {
  it('amounts are in each currency\'s minor unit, and each currency has its own balance', () => {
    const ledger = ledgerAfter([goldenPayment('usd', { currency: 'USD' }), goldenPayment('jpy')]);
    // USD 10.00: 3.6% is 36 cents, tax 4 cents.
    expect(ledger.state.balances.get('mart')).toEqual(new Map([['USD', 60], ['JPY', 60]]));
    expect(ledger.state.balances.get('pm1')).toEqual(new Map([['USD', 630], ['JPY', 630]]));
  });
});

describe('the processing fee is the platform\'s own payment-method rate', () => {
  it('Konbini at 2.75% on ¥5,000: 137.5 → 138, tax 13.8 → 14 (half-up, tax on the rounded fee)', () => {
    const ledger = ledgerAfter([goldenPayment('kb', { paymentType: 'konbini', amount: 5000, split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 0 }] })]);
    const entry = appended(ledger, { op: 'payment.capture', payment: 'kb' });
    const fees = rowsOf(entry).filter((row) => row.type.startsWith('Processing'));
    expect(fees).toEqual([
      { merchant: 'mart', type: 'Processing Fee', deposit: 0, debit: 138 },
      { merchant: 'mart', type: 'Processing Fee Tax', deposit: 0, debit: 14 },
    ]);
  });

  it('a seller\'s payment uses its platform\'s rate (the seller has none of its own)', () => {
    const ledger = ledgerAfter([sellerPayment('sp', { as: 's2', amount: 1000, platformAmount: 100 })]);
    expect(balances(ledger, 's2', 'plt')).toEqual({ s2: 900, plt: 100 - 36 - 4 });
  });

  it('a configuration of its own tax rate is used (the rate is configuration, not a constant)', () => {
    const ledger = newLedger({ ...CONFIG, taxRate: '8%' });
    accepted(ledger, goldenPayment());
    // 36 × 8% = 2.88 → 3
    expect(balances(ledger, 'mart')).toEqual({ mart: 100 - 36 - 3 });
  });
});
