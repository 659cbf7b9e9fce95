import { createLedger, sessionReturnUrl, type Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, marketplaceSession, sellerPayment } from './support/fixtures.js';
import { accepted, appended, balances, ledgerAfter, rejected, rowsOf } from './support/ledger-harness.js';

// Tests added after a StrykerJS run over packages/ledger/src/payments, transfers and sessions
// (every line mutated, not a hand-picked sample): each pins an outcome that a surviving mutant
// changed and the rest of the ledger's tests let through.

/** Seed 002's ¥50,000 seller-model card capture with platform_amount 5,000: 3.6% fee 1,800 and its tax 180 are the platform's. */
const SELLER_CAPTURE_ROWS = [
  { merchant: 's1', type: 'Payment', deposit: 50_000, debit: 0 },
  { merchant: 's1', type: 'Platform Fee', deposit: 0, debit: 5_000 },
  { merchant: 'plt', type: 'Platform Fee', deposit: 5_000, debit: 0 },
  { merchant: 'plt', type: 'Processing Fee', deposit: 0, debit: 1_800 },
  { merchant: 'plt', type: 'Processing Fee Tax', deposit: 0, debit: 180 },
];
const authorization = (id: string, paymentType = 'credit_card'): Command => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType, capture: false });
const manualSession = (id: string, paymentType: string): Command[] => [
  { op: 'session.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: [paymentType], returnUrl: 'https://shop.example/r', capture: 'manual' },
  { op: 'session.complete', session: id, payment: `${id}_pay`, paymentType },
];

describe('DOMAIN.md "Payments": partial capture only for cards from the API, cards and wallets from a session; the message names the origin', () => {
  it('a PayPay payment of the Payment API and a Konbini payment of a hosted-page session, each captured in part', () => {
    const api = ledgerAfter([authorization('pp', 'paypay')]);
    expect(rejected(api, { op: 'payment.capture', payment: 'pp', amount: 600, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 0 }] }, 'partial_capture_not_supported')).toBe(
      'paypay created through the Payment API cannot be partially captured: capture all 1000',
    );
    const session = ledgerAfter(manualSession('ses_kb', 'konbini'));
    expect(rejected(session, { op: 'payment.capture', payment: 'ses_kb_pay', amount: 600, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 0 }] }, 'partial_capture_not_supported')).toBe(
      'konbini created through a hosted-page session cannot be partially captured: capture all 1000',
    );
  });
});

describe('DOMAIN.md "Payments": captured amount ≤ authorized amount, and more than 0', () => {
  it('a capture of 0 names the field it checks', () => {
    const ledger = ledgerAfter([authorization('card')]);
    expect(rejected(ledger, { op: 'payment.capture', payment: 'card', amount: 0, split: [] }, 'amount_not_positive')).toBe('amount must be more than 0');
  });
});

describe('DOMAIN.md "Platform Processing Model" / "Seller Processing Model": each model splits its own way at capture', () => {
  it('a marketplace capture with a platform_amount says which model that belongs to', () => {
    const ledger = ledgerAfter([authorization('card')]);
    expect(rejected(ledger, { op: 'payment.capture', payment: 'card', split: [], platformAmount: 10 }, 'platform_amount_not_allowed')).toBe(
      'platform_amount belongs to the seller model: a marketplace splits with platform_details',
    );
  });

  it('a seller-model capture with platform_details lines is refused with its message; an empty list is no split and is accepted', () => {
    const ledger = ledgerAfter([sellerPayment('sp', { capture: false })]);
    expect(rejected(ledger, { op: 'payment.capture', payment: 'sp', split: [{ submerchantId: 's1', amount: 50_000, platformFee: 0 }] }, 'split_not_allowed_for_seller')).toBe(
      'a seller-model payment splits by platform_amount, not platform_details',
    );
    const entry = appended(ledger, { op: 'payment.capture', payment: 'sp', split: [] });
    // 3.6% of ¥50,000 = 1,800, tax 180: the platform's alone.
    expect(rowsOf(entry)).toEqual(SELLER_CAPTURE_ROWS);
  });

  it('[decided] a capture that does not restate platform_amount keeps the creation one, which may equal the captured amount (the seller gets 0)', () => {
    const ledger = ledgerAfter([sellerPayment('sp', { capture: false })]);
    const entry = appended(ledger, { op: 'payment.capture', payment: 'sp', amount: 5_000 });
    // 3.6% of ¥5,000 = 180, tax 18.
    expect(rowsOf(entry)).toEqual([
      { merchant: 's1', type: 'Payment', deposit: 5_000, debit: 0 },
      { merchant: 's1', type: 'Platform Fee', deposit: 0, debit: 5_000 },
      { merchant: 'plt', type: 'Platform Fee', deposit: 5_000, debit: 0 },
      { merchant: 'plt', type: 'Processing Fee', deposit: 0, debit: 180 },
      { merchant: 'plt', type: 'Processing Fee Tax', deposit: 0, debit: 18 },
    ]);
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 0, plt: 5_000 - 198 });
    expect(ledger.state.payments.get('sp')).toMatchObject({ status: 'captured', capturedAmount: 5_000, platformAmount: 5_000, shares: { platform: 5_000, submerchants: [{ submerchantId: 's1', share: 0 }] } });
    // One more than the captured amount is refused.
    const over = ledgerAfter([sellerPayment('sp', { capture: false })]);
    rejected(over, { op: 'payment.capture', payment: 'sp', amount: 4_999 }, 'platform_amount_exceeds_amount');
  });
});

describe('a processing fee past MAX_SAFE_INTEGER is rejected amount_not_safe_integer at a two-step capture too', () => {
  it('authorized without a fee, the capture computes it and refuses, changing nothing', () => {
    const created = createLedger({
      merchants: [
        { id: 'big', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '100%', fixedFee: 1 } } },
        { id: 'bp', type: 'payout', platform: 'big' },
      ],
    });
    if (!created.ok) throw new Error(created.error.code);
    const ledger = created.value;
    accepted(ledger, { op: 'payment.create', id: 'huge', merchant: 'big', amount: Number.MAX_SAFE_INTEGER, currency: 'JPY', paymentType: 'credit_card', capture: false });
    const split = [{ submerchantId: 'bp', amount: Number.MAX_SAFE_INTEGER, platformFee: 0 }];
    expect(rejected(ledger, { op: 'payment.capture', payment: 'huge', split }, 'amount_not_safe_integer')).toBe(
      `amount: the credit_card processing fee on ${Number.MAX_SAFE_INTEGER} minor units, with the fixed part 1, exceeds MAX_SAFE_INTEGER minor units; lower the amount or the schedule's fixedFee`,
    );
    expect(ledger.state.payments.get('huge')?.status).toBe('authorized');
  });
});

describe('DOMAIN.md "Seller Processing Model": the split is platform_amount and platform_merchant, never platform_details lines', () => {
  it('at creation an empty platform_details list is no split: the payment is accepted as without it', () => {
    const ledger = ledgerAfter([]);
    const entry = appended(ledger, sellerPayment('sp', { split: [] }));
    expect(rowsOf(entry)).toEqual(SELLER_CAPTURE_ROWS);
    expect(ledger.state.payments.get('sp')).toMatchObject({ status: 'captured', split: [], platformAmount: 5_000 });
  });

  it('platform_merchant naming the seller itself: split_with_self says so', () => {
    expect(rejected(ledgerAfter([]), sellerPayment('sp', { platformMerchant: 's1' }), 'split_with_self')).toBe('platform_merchant s1 is the seller itself: a payment cannot be split with oneself');
  });
});

describe('DOMAIN.md "Payments": a waiting payment that took its split at creation keeps it at capture (split_fixed_at_creation)', () => {
  // konbiniPayment's split: pm1 5000 fee 500. A capture naming another split, even by one field, is refused.
  const message = 'payment kb_1 took its split at creation (capture: true): its capture records the customer paying and keeps that split; leave platform_details out';
  it.each([
    ['another payout merchant', { submerchantId: 'pm2', amount: 5000, platformFee: 500 }],
    ['another amount', { submerchantId: 'pm1', amount: 4000, platformFee: 500 }],
    ['another platform fee', { submerchantId: 'pm1', amount: 5000, platformFee: 400 }],
  ])('a capture with %s', (_, line) => {
    const ledger = ledgerAfter([konbiniPayment()]);
    expect(rejected(ledger, { op: 'payment.capture', payment: 'kb_1', split: [line] }, 'split_fixed_at_creation')).toBe(message);
  });
});

describe('DOMAIN.md "Payments" / README: a payment or session is validated in a fixed order, the first failure returned', () => {
  it('an unknown platform is reported before the amount it was asked for', () => {
    const ledger = ledgerAfter([]);
    const payment = rejected(ledger, goldenPayment('x', { merchant: 'nobody', amount: 0 }), 'merchant_not_found');
    const session = rejected(ledger, marketplaceSession('s', { merchant: 'nobody', amount: 0 }), 'merchant_not_found');
    expect([payment, session]).toEqual(['no merchant "nobody" in this ledger: check the id', 'no merchant "nobody" in this ledger: check the id']);
  });
});

describe('DOMAIN.md "Balance transfers" [000]: only between the platform and one of its active sub-merchants; each refusal says why', () => {
  const transfer = (from: string, to: string, amount = 1): Command => ({ op: 'balance.transfer', merchant: 'mart', from, to, amount, currency: 'JPY' });
  it.each([
    [transfer('mart', 'mart'), 'transfer_same_party', 'from and to are both mart: a transfer moves balance between two merchants'],
    [transfer('pm1', 'pm2'), 'transfer_must_involve_platform', 'a transfer goes between platform mart and one of its sub-merchants: one of from/to must be the platform'],
    [transfer('mart', 'px'), 'submerchant_not_owned', 'merchant px is not a sub-merchant of platform mart'],
    [transfer('mart', 'zz'), 'submerchant_not_found', 'no merchant "zz" in this ledger: check the id'],
    [transfer('mart', 'pm1', 5), 'insufficient_balance', 'merchant mart has 0 JPY available, less than the amount 5 JPY to transfer (short by 5)'],
  ])('%j: %s', (command, code, message) => {
    expect(rejected(ledgerAfter([]), command, code)).toBe(message);
  });
});

describe('DOMAIN.md "Hosted page sessions" [003]: what a session carries is checked at creation', () => {
  const create = (overrides: Record<string, unknown>) => marketplaceSession('s', overrides as never);
  it.each([
    ['an empty id', { id: '' }, 'id_invalid', 'id must be a string of 1 to 255 characters'],
    ['a default_locale that is not text', { defaultLocale: 5 }, 'field_invalid', 'default_locale must be a string'],
    ['metadata that is null', { metadata: null }, 'field_invalid', 'metadata must be a plain object of strings (an object literal, not a Map, a list or a class instance)'],
    ['metadata that is an array', { metadata: [] }, 'field_invalid', 'metadata must be a plain object of strings (an object literal, not a Map, a list or a class instance)'],
    ['metadata that is a number', { metadata: 5 }, 'field_invalid', 'metadata must be a plain object of strings (an object literal, not a Map, a list or a class instance)'],
    // Review 151: these were carried as {} (the order number lost) and {"0":"m",…}.
    ['metadata that is a Map', { metadata: new Map([['order', 'A-1']]) }, 'field_invalid', 'metadata must be a plain object of strings (an object literal, not a Map, a list or a class instance)'],
    ['metadata that is a boxed string', { metadata: new String('mart') }, 'field_invalid', 'metadata must be a plain object of strings (an object literal, not a Map, a list or a class instance)'],
    ['metadata that is a Date', { metadata: new Date(0) }, 'field_invalid', 'metadata must be a plain object of strings (an object literal, not a Map, a list or a class instance)'],
  ])('%s', (_, overrides, code, message) => {
    expect(rejected(ledgerAfter([]), create(overrides), code)).toBe(message);
  });

  it('metadata without a prototype is an object of JSON\'s kind and is carried', () => {
    const bare = Object.assign(Object.create(null) as Record<string, string>, { order: 'A-1' });
    const entry = appended(ledgerAfter([]), create({ metadata: bare }));
    expect((entry.changes[0] as { session: { metadata: unknown } }).session.metadata).toEqual({ order: 'A-1' });
  });

  it('metadata of exactly 50 keys is accepted', () => {
    const metadata = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index}`, 'v']));
    accepted(ledgerAfter([]), create({ metadata }));
  });

  it.each([
    ['a third slash where the host should start', 'https:///shop.example/return?next=https://x'],
    ['a boxed string', new String('https://shop.example/return')],
    ['a host the URL parser refuses', 'https://[::1/return'],
  ])('return_url: %s is session_return_url_invalid', (_, returnUrl) => {
    rejected(ledgerAfter([]), create({ returnUrl }), 'session_return_url_invalid');
  });

  it('the journal keeps the session without the fields it was not given (absent, not undefined)', () => {
    const entry = appended(ledgerAfter([]), marketplaceSession('s'));
    expect(Object.keys((entry.changes[0] as { session: object }).session)).toEqual(['id', 'merchant', 'amount', 'currency', 'paymentTypes', 'returnUrl', 'capture', 'split']);
  });

  it('completing with a payment type not offered lists every offered one', () => {
    expect(rejected(ledgerAfter([marketplaceSession('s')]), { op: 'session.complete', session: 's', payment: 'p', paymentType: 'paypay' }, 'session_payment_type_not_offered')).toBe('session s offers credit_card, konbini, not paypay');
  });

  it('[003] return_url?session_id=…: only a part named exactly session_id is replaced', () => {
    expect(sessionReturnUrl('https://shop.example/r?my_session_id=1', 'ses_1')).toBe('https://shop.example/r?my_session_id=1&session_id=ses_1');
  });
});
