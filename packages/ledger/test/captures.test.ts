import { paymentView, type CreatePaymentCommand } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, omit, sellerPayment } from './support/fixtures.js';
import { accepted, appended, balances, ledgerAfter, rejected, rowsOf } from './support/ledger-harness.js';

/** A ¥1,000 payment of `mart` authorized with capture false (no split). */
function authorization(id: string, paymentType = 'credit_card', overrides: Partial<CreatePaymentCommand> = {}): CreatePaymentCommand {
  return omit(goldenPayment(id, { paymentType, capture: false, ...overrides }), 'split');
}

describe('two-step capture, marketplace (DOMAIN.md "Platform Processing Model")', () => {
  it('a card authorized through the API can be partially captured once; the split adds up to the captured amount', () => {
    const ledger = ledgerAfter([authorization('card')]);
    const entry = appended(ledger, { op: 'payment.capture', payment: 'card', amount: 600, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 60 }] });
    // 600 × 3.6% = 21.6 → 22; 22 × 10% = 2.2 → 2: the fee is on the captured amount.
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Payment', deposit: 600, debit: 0 },
      { merchant: 'mart', type: 'Payment Transfer', deposit: 0, debit: 600 },
      { merchant: 'pm1', type: 'Payment Transfer', deposit: 600, debit: 0 },
      { merchant: 'pm1', type: 'Platform Fee', deposit: 0, debit: 60 },
      { merchant: 'mart', type: 'Platform Fee', deposit: 60, debit: 0 },
      { merchant: 'mart', type: 'Processing Fee', deposit: 0, debit: 22 },
      { merchant: 'mart', type: 'Processing Fee Tax', deposit: 0, debit: 2 },
    ]);
    expect(entry.events).toEqual([{ type: 'payment.captured', payment: 'card' }]);
    const payment = ledger.state.payments.get('card');
    expect(payment && paymentView(payment)).toEqual({ status: 'captured', amount: 1000, captured_amount: 600, refunded_amount: 0, currency: 'JPY' });
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 60 - 24, pm1: 540 });
  });

  it('only ONE capture: the rest of a partially captured payment cannot be captured later', () => {
    const ledger = ledgerAfter([authorization('card'), { op: 'payment.capture', payment: 'card', amount: 600, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 0 }] }]);
    rejected(ledger, { op: 'payment.capture', payment: 'card', amount: 400, split: [{ submerchantId: 'pm1', amount: 400, platformFee: 0 }] }, 'payment_not_authorized');
  });

  it('a partial capture\'s split must add up to the captured amount (the platform keeps no rest)', () => {
    const ledger = ledgerAfter([authorization('card')]);
    rejected(ledger, { op: 'payment.capture', payment: 'card', amount: 600, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }] }, 'split_sum_mismatch');
  });

  it('a full capture may leave the rest of the split to the platform as its own share', () => {
    const ledger = ledgerAfter([authorization('card')]);
    const entry = appended(ledger, { op: 'payment.capture', payment: 'card', split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }] });
    expect(rowsOf(entry).filter((row) => row.type === 'Payment Transfer')).toEqual([
      { merchant: 'mart', type: 'Payment Transfer', deposit: 0, debit: 700 },
      { merchant: 'pm1', type: 'Payment Transfer', deposit: 700, debit: 0 },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 1000 - 700 + 70 - 36 - 4, pm1: 630 });
    expect(ledger.state.payments.get('card')?.shares).toEqual({ platform: 370, submerchants: [{ submerchantId: 'pm1', share: 630 }] });
  });

  it('a full capture with an empty split leaves everything to the platform', () => {
    const ledger = ledgerAfter([authorization('card')]);
    accepted(ledger, { op: 'payment.capture', payment: 'card', split: [] });
    expect(balances(ledger, 'mart')).toEqual({ mart: 960 });
  });

  it('a full capture\'s split may not add up to more than the captured amount', () => {
    const ledger = ledgerAfter([authorization('card')]);
    rejected(
      ledger,
      { op: 'payment.capture', payment: 'card', split: [{ submerchantId: 'pm1', amount: 700, platformFee: 0 }, { submerchantId: 'pm2', amount: 301, platformFee: 0 }] },
      'split_sum_exceeds_amount',
    );
  });

  it('capture rejections: no split, more than authorized, zero, a bad payout merchant, a seller field', () => {
    const ledger = ledgerAfter([authorization('card')]);
    rejected(ledger, { op: 'payment.capture', payment: 'card' }, 'split_required');
    rejected(ledger, { op: 'payment.capture', payment: 'card', amount: 1001, split: [{ submerchantId: 'pm1', amount: 1001, platformFee: 0 }] }, 'capture_exceeds_authorized');
    rejected(ledger, { op: 'payment.capture', payment: 'card', amount: 0, split: [] }, 'amount_not_positive');
    rejected(ledger, { op: 'payment.capture', payment: 'card', split: [{ submerchantId: 'pm3', amount: 1000, platformFee: 0 }] }, 'merchant_deactivated');
    rejected(ledger, { op: 'payment.capture', payment: 'card', split: [{ submerchantId: 'px', amount: 1000, platformFee: 0 }] }, 'submerchant_not_owned');
    rejected(ledger, { op: 'payment.capture', payment: 'card', split: [], platformAmount: 10 }, 'platform_amount_not_allowed');
  });

  it('from code an amount of null is no amount and throws, as every command\'s does; it is not the authorized amount left out', () => {
    // Until session 38 it captured everything, while a retry's fingerprint read it as another
    // command than the amount left out or written out: the same key refused its own default.
    const ledger = ledgerAfter([authorization('card')]);
    const capture = { op: 'payment.capture', payment: 'card', amount: null, split: [] } as unknown as Parameters<typeof ledger.execute>[0];
    expect(() => ledger.execute(capture)).toThrow(new RangeError('amount must be a non-negative safe integer count of minor units, got null'));
    expect(ledger.state.payments.get('card')?.status).toBe('authorized');
    expect(ledger.journal).toHaveLength(1);
  });

  it('PayPay created through the API cannot be partially captured, but can be captured in full', () => {
    const ledger = ledgerAfter([authorization('pp', 'paypay')]);
    rejected(ledger, { op: 'payment.capture', payment: 'pp', amount: 600, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 0 }] }, 'partial_capture_not_supported');
    accepted(ledger, { op: 'payment.capture', payment: 'pp', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] });
    expect(ledger.state.payments.get('pp')?.capturedAmount).toBe(1000);
  });

  it('LINE Pay and Merpay through the API: no partial capture either', () => {
    for (const paymentType of ['linepay', 'merpay']) {
      const ledger = ledgerAfter([authorization('w', paymentType)]);
      rejected(ledger, { op: 'payment.capture', payment: 'w', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] }, 'partial_capture_not_supported');
    }
  });

  it('PayPay, LINE Pay and Merpay from a completed session with capture manual can be partially captured', () => {
    for (const paymentType of ['paypay', 'linepay', 'merpay', 'credit_card']) {
      const ledger = ledgerAfter([
        {
          op: 'session.create',
          id: 'ses',
          merchant: 'mart',
          amount: 1000,
          currency: 'JPY',
          paymentTypes: [paymentType],
          returnUrl: 'https://shop.example/return',
          capture: 'manual',
        },
        { op: 'session.complete', session: 'ses', payment: 'sp', paymentType },
      ]);
      expect(ledger.state.payments.get('sp')).toMatchObject({ status: 'authorized', origin: 'session', session: 'ses' });
      const entry = appended(ledger, { op: 'payment.capture', payment: 'sp', amount: 600, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 60 }] });
      expect(entry.events).toEqual([{ type: 'payment.captured', payment: 'sp', session: 'ses' }]);
      expect(ledger.state.payments.get('sp')?.capturedAmount).toBe(600);
      rejected(ledger, { op: 'payment.capture', payment: 'sp', amount: 400, split: [{ submerchantId: 'pm1', amount: 400, platformFee: 0 }] }, 'payment_not_authorized');
    }
  });

  it('a payment created with origin session (the scenario field) widens partial capture the same way', () => {
    const ledger = ledgerAfter([authorization('pp', 'paypay', { origin: 'session' })]);
    accepted(ledger, { op: 'payment.capture', payment: 'pp', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }] });
    expect(ledger.state.payments.get('pp')?.capturedAmount).toBe(500);
  });
});

describe('Konbini: created authorized, the capture records the customer paying', () => {
  it('created authorized with its split, the capture posts the split, the fee, and the customer fee outside merchants', () => {
    const ledger = ledgerAfter([konbiniPayment()]);
    expect(ledger.state.payments.get('kb_1')?.status).toBe('authorized');
    const entry = appended(ledger, { op: 'payment.capture', payment: 'kb_1' });
    expect(entry.events).toEqual([{ type: 'payment.captured', payment: 'kb_1' }]);
    // Merchant records: no Customer Fee row (it never reaches a merchant's balance).
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Payment', deposit: 5000, debit: 0 },
      { merchant: 'mart', type: 'Payment Transfer', deposit: 0, debit: 5000 },
      { merchant: 'pm1', type: 'Payment Transfer', deposit: 5000, debit: 0 },
      { merchant: 'pm1', type: 'Platform Fee', deposit: 0, debit: 500 },
      { merchant: 'mart', type: 'Platform Fee', deposit: 500, debit: 0 },
      { merchant: 'mart', type: 'Processing Fee', deposit: 0, debit: 138 },
      { merchant: 'mart', type: 'Processing Fee Tax', deposit: 0, debit: 14 },
    ]);
    const customerFeePostings = entry.postings
      .filter((posting) => posting.recordType === 'Customer Fee' || posting.recordType === 'Customer Fee Tax')
      .map(({ account, merchant, amount, recordType }) => ({ account, merchant, amount, recordType }));
    expect(customerFeePostings).toEqual([
      { account: 'Assets:Receivable:Customers', merchant: undefined, amount: 190, recordType: 'Customer Fee' },
      { account: 'Income:Fees:Customer', merchant: undefined, amount: -190, recordType: 'Customer Fee' },
      { account: 'Assets:Receivable:Customers', merchant: undefined, amount: 19, recordType: 'Customer Fee Tax' },
      { account: 'Liabilities:Tax:Consumption', merchant: undefined, amount: -19, recordType: 'Customer Fee Tax' },
    ]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 348, pm1: 4500 });
    expect(ledger.state.payments.get('kb_1')).toMatchObject({ status: 'captured', customerFee: 190, customerFeeTax: 19 });
  });

  it('Konbini cannot be partially captured, from the API or a session', () => {
    const ledger = ledgerAfter([konbiniPayment()]);
    rejected(ledger, { op: 'payment.capture', payment: 'kb_1', amount: 4000, split: [{ submerchantId: 'pm1', amount: 4000, platformFee: 0 }] }, 'partial_capture_not_supported');
    const session = ledgerAfter([
      { op: 'session.create', id: 'ses', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['konbini'], returnUrl: 'https://shop.example/', capture: 'manual' },
      { op: 'session.complete', session: 'ses', payment: 'kb', paymentType: 'konbini' },
    ]);
    rejected(session, { op: 'payment.capture', payment: 'kb', amount: 999, split: [{ submerchantId: 'pm1', amount: 999, platformFee: 0 }] }, 'partial_capture_not_supported');
  });

  // Seed 001: "If you specify capture is true while requesting Payment: Create, you must offer
  // the payment split … In contrast, if you specify capture is false …, you can offer the
  // payment split information when requesting Payment: Capture afterwards." Kanjo before this
  // test let the capture replace the creation split: pm1, whom the customer paid, got nothing.
  it('a payment that took its split at creation keeps it: another split at capture is split_fixed_at_creation', () => {
    const ledger = ledgerAfter([konbiniPayment()]);
    const message = rejected(ledger, { op: 'payment.capture', payment: 'kb_1', split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 0 }] }, 'split_fixed_at_creation');
    expect(message).toBe('payment kb_1 took its split at creation (capture: true): its capture records the customer paying and keeps that split; leave platform_details out');
    // Less than the payment (the rest would have been the platform's), or the same parties with other fees, likewise.
    rejected(ledger, { op: 'payment.capture', payment: 'kb_1', split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] }, 'split_fixed_at_creation');
    rejected(ledger, { op: 'payment.capture', payment: 'kb_1', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 0 }] }, 'split_fixed_at_creation');
    // The same split said again is the creation split: accepted, as without it.
    accepted(ledger, { op: 'payment.capture', payment: 'kb_1', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }] });
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 348, pm1: 4500, pm2: 0 });
  });

  it('a seller-model Konbini payment created with capture: true keeps its platform_amount; one created with capture: false may restate it', () => {
    const ledger = ledgerAfter([sellerPayment('fixed', { paymentType: 'konbini' }), sellerPayment('twostep', { paymentType: 'konbini', capture: false })]);
    expect(ledger.state.payments.get('fixed')?.platformAmountFixed).toBe(true);
    expect(ledger.state.payments.get('twostep')?.platformAmountFixed).toBeUndefined();
    const message = rejected(ledger, { op: 'payment.capture', payment: 'fixed', platformAmount: 45_000 }, 'split_fixed_at_creation');
    expect(message).toBe('payment fixed took its platform_amount 5000 at creation (capture: true): its capture records the customer paying and keeps it; leave platform_amount out');
    // Said again, it is the creation's: accepted. The seller nets exactly 45,000.
    accepted(ledger, { op: 'payment.capture', payment: 'fixed', platformAmount: 5_000 });
    expect(balances(ledger, 's1')).toEqual({ s1: 45_000 });
    accepted(ledger, { op: 'payment.capture', payment: 'twostep', platformAmount: 10_000 });
    expect(balances(ledger, 's1')).toEqual({ s1: 45_000 + 40_000 });
  });

  it('a Konbini payment of a session with capture: auto keeps the session\'s split when the customer pays', () => {
    const ledger = ledgerAfter([
      { op: 'session.create', id: 'ses', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['konbini'], returnUrl: 'https://shop.example/', capture: 'auto', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] },
      { op: 'session.complete', session: 'ses', payment: 'kb', paymentType: 'konbini' },
    ]);
    expect(ledger.state.payments.get('kb')?.status).toBe('authorized');
    rejected(ledger, { op: 'payment.capture', payment: 'kb', split: [{ submerchantId: 'pm2', amount: 10, platformFee: 0 }] }, 'split_fixed_at_creation');
    accepted(ledger, { op: 'payment.capture', payment: 'kb' });
    // 1000 × 2.75% = 27.5 → 28, tax 3: mart keeps its fee of 100 less 31.
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 69, pm1: 900, pm2: 0 });
  });

  it('a Konbini payment created with capture false needs its split at capture', () => {
    const ledger = ledgerAfter([authorization('kb', 'konbini')]);
    rejected(ledger, { op: 'payment.capture', payment: 'kb' }, 'split_required');
    accepted(ledger, { op: 'payment.capture', payment: 'kb', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] });
    expect(ledger.state.payments.get('kb')?.status).toBe('captured');
  });

  it('Bank Transfer and Pay-Easy have no customer fee here: their capture posts none', () => {
    for (const paymentType of ['bank_transfer', 'pay_easy']) {
      const ledger = ledgerAfter([goldenPayment('w', { paymentType })]);
      const entry = appended(ledger, { op: 'payment.capture', payment: 'w' });
      expect(entry.postings.some((posting) => posting.recordType === 'Customer Fee')).toBe(false);
      // 1% of 1000 = 10, tax 1.
      expect(balances(ledger, 'mart')).toEqual({ mart: 100 - 11 });
    }
  });
});

describe('two-step capture, seller model', () => {
  const authorizedCommand = sellerPayment('sp', { capture: false });

  it('platform_amount given at creation stands at a full capture', () => {
    const ledger = ledgerAfter([authorizedCommand]);
    expect(ledger.state.payments.get('sp')?.status).toBe('authorized');
    accepted(ledger, { op: 'payment.capture', payment: 'sp' });
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 45_000, plt: 3_020 });
  });

  it('a partial capture keeps the creation platform_amount if it fits, and charges the fee on what was captured', () => {
    const ledger = ledgerAfter([authorizedCommand]);
    accepted(ledger, { op: 'payment.capture', payment: 'sp', amount: 40_000 });
    // 40,000 × 3.6% = 1,440; tax 144.
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 35_000, plt: 5_000 - 1_440 - 144 });
  });

  it('a capture below the creation platform_amount must restate it', () => {
    const ledger = ledgerAfter([authorizedCommand]);
    rejected(ledger, { op: 'payment.capture', payment: 'sp', amount: 4_000 }, 'platform_amount_exceeds_amount');
    rejected(ledger, { op: 'payment.capture', payment: 'sp', amount: 4_000, platformAmount: 4_001 }, 'platform_amount_exceeds_amount');
    accepted(ledger, { op: 'payment.capture', payment: 'sp', amount: 4_000, platformAmount: 400 });
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 3_600, plt: 400 - 144 - 14 });
    expect(ledger.state.payments.get('sp')?.capturedPlatformAmount).toBe(400);
  });

  it('a seller capture takes no marketplace split', () => {
    const ledger = ledgerAfter([authorizedCommand]);
    rejected(ledger, { op: 'payment.capture', payment: 'sp', split: [{ submerchantId: 's1', amount: 50_000, platformFee: 0 }] }, 'split_not_allowed_for_seller');
  });
});
