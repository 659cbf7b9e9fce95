import { sessionReturnUrl, type CreateSessionCommand, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, marketplaceSession, omit, PAYMENT_METHODS } from './support/fixtures.js';
import { accepted, appended, balances, ledgerAfter, newLedger, rejected, rowsOf } from './support/ledger-harness.js';

/** The seller-model session: ¥50,000 as s1 with platform_amount 5,000. */
function sellerSession(id = 'ses_s', overrides: Partial<CreateSessionCommand> = {}): CreateSessionCommand {
  return {
    op: 'session.create',
    id,
    merchant: 'plt',
    as: 's1',
    amount: 50_000,
    currency: 'JPY',
    paymentTypes: ['credit_card'],
    returnUrl: 'https://seller.example/thanks',
    capture: 'auto',
    platformAmount: 5_000,
    platformMerchant: 'plt',
    ...overrides,
  };
}

describe('session.create ([003])', () => {
  it('a valid session is pending, keeps its fields, and posts nothing', () => {
    const ledger = newLedger();
    const entry = appended(
      ledger,
      marketplaceSession('ses_1', { externalCustomerId: 'c'.repeat(255), externalOrderNum: 'order-42', defaultLocale: 'ja', metadata: { test: 'value' } }),
    );
    expect(entry.postings).toEqual([]);
    expect(entry.events).toEqual([]);
    expect(ledger.state.sessions.get('ses_1')).toMatchObject({
      status: 'pending',
      amount: 1000,
      paymentTypes: ['credit_card', 'konbini'],
      externalOrderNum: 'order-42',
      externalCustomerId: 'c'.repeat(255),
      defaultLocale: 'ja',
      metadata: { test: 'value' },
    });
  });

  const invalid: [string, CreateSessionCommand, string][] = [
    ['an empty id', marketplaceSession(''), 'id_invalid'],
    ['a sub-merchant creating it', marketplaceSession('s', { merchant: 'pm1' }), 'merchant_not_platform'],
    ['an unknown merchant', marketplaceSession('s', { merchant: 'ghost' }), 'merchant_not_found'],
    ['a deactivated platform', marketplaceSession('s', { merchant: 'shut', split: [{ submerchantId: 'py', amount: 1000, platformFee: 0 }] }), 'merchant_deactivated'],
    ['amount 0', marketplaceSession('s', { amount: 0 }), 'amount_not_positive'],
    ['an unknown currency', marketplaceSession('s', { currency: 'JPN' }), 'currency_unknown'],
    ['no payment types', marketplaceSession('s', { paymentTypes: [] }), 'session_payment_types_empty'],
    ['a payment type Kanjo does not know', marketplaceSession('s', { paymentTypes: ['credit_card', 'bitcoin'] }), 'payment_type_not_accepted'],
    ['a payment type the seller does not accept', sellerSession('s', { as: 's2', paymentTypes: ['konbini'] }), 'payment_type_not_accepted'],
    ['a return_url without a scheme', marketplaceSession('s', { returnUrl: 'shop.example/return' }), 'session_return_url_invalid'],
    ['a relative return_url', marketplaceSession('s', { returnUrl: '/return' }), 'session_return_url_invalid'],
    ['an ftp return_url', marketplaceSession('s', { returnUrl: 'ftp://shop.example/return' }), 'session_return_url_invalid'],
    ['a javascript: return_url', marketplaceSession('s', { returnUrl: 'javascript:alert(1)' }), 'session_return_url_invalid'],
    ['a return_url without a host', marketplaceSession('s', { returnUrl: 'https://' }), 'session_return_url_invalid'],
    ['an empty return_url', marketplaceSession('s', { returnUrl: '' }), 'session_return_url_invalid'],
    ['an external_customer_id of 256 characters', marketplaceSession('s', { externalCustomerId: 'c'.repeat(256) }), 'session_external_customer_id_too_long'],
    ['a capture that is neither auto nor manual', marketplaceSession('s', { capture: 'sometimes' as 'auto' }), 'session_capture_invalid'],
    ['capture auto without a split', omit(marketplaceSession('s'), 'split'), 'split_required'],
    ['capture manual with a split', marketplaceSession('s', { capture: 'manual' }), 'split_not_allowed_at_authorization'],
    ['a split not adding up', marketplaceSession('s', { split: [{ submerchantId: 'pm1', amount: 999, platformFee: 0 }] }), 'split_sum_mismatch'],
    ['a split with another platform\'s merchant', marketplaceSession('s', { split: [{ submerchantId: 'px', amount: 1000, platformFee: 0 }] }), 'submerchant_not_owned'],
    ['platform_amount on a marketplace session', marketplaceSession('s', { platformAmount: 10 }), 'platform_amount_not_allowed'],
    ['a split on a seller session', sellerSession('s', { split: [{ submerchantId: 's1', amount: 50_000, platformFee: 0 }] }), 'split_not_allowed_for_seller'],
    ['a seller session without platform_amount', omit(sellerSession('s'), 'platformAmount'), 'seller_split_required'],
    ['platform_merchant naming the seller', sellerSession('s', { platformMerchant: 's1' }), 'split_with_self'],
    ['platform_merchant naming another platform', sellerSession('s', { platformMerchant: 'bazaar' }), 'platform_merchant_mismatch'],
    ['platform_amount above the amount', sellerSession('s', { platformAmount: 50_001 }), 'platform_amount_exceeds_amount'],
    ['a platform business without `as`', omit(sellerSession('s'), 'as'), 'seller_required'],
    ['a deactivated seller', sellerSession('s', { as: 's3' }), 'merchant_deactivated'],
  ];
  for (const [what, command, code] of invalid) {
    it(`${what}: ${code}`, () => {
      rejected(newLedger(), command, code);
    });
  }

  // README: payment_type_not_accepted for "a listed payment type the processing merchant does not
  // accept or Kanjo does not know". A fee setting alone does not make a type completable: payment.create
  // would refuse it (payment_type_not_supported), so the hosted page must not offer it.
  it('a payment type with fee settings but no fund flow Kanjo knows (alipay): payment_type_not_accepted', () => {
    const withAlipay: LedgerConfig = {
      ...CONFIG,
      merchants: CONFIG.merchants.map((merchant) => (merchant.id === 'mart' ? { ...merchant, paymentMethods: { ...PAYMENT_METHODS, alipay: { feeRate: '3%' } } } : merchant)),
    };
    rejected(newLedger(withAlipay), marketplaceSession('s', { paymentTypes: ['credit_card', 'alipay'] }), 'payment_type_not_accepted');
  });

  it('a reused session id: session_id_taken', () => {
    const ledger = ledgerAfter([marketplaceSession()]);
    rejected(ledger, marketplaceSession(), 'session_id_taken');
  });

  it('http and https return URLs with ports, paths, queries and fragments are accepted, and kept byte for byte (not re-encoded by the URL parser)', () => {
    const ledger = newLedger();
    const urls = ['http://localhost:3000/return', 'https://shop.example/a/b?x=1#top', 'HTTPS://SHOP.EXAMPLE', 'https://shop.example/注文/完了?q=a%20b'];
    for (const [index, returnUrl] of urls.entries()) {
      accepted(ledger, marketplaceSession(`ok_${index}`, { returnUrl }));
    }
    // What a session keeps is what was sent: a signed return URL must not be rewritten
    // (new URL(...).href would give https://shop.example/ and %E6%B3%A8%E6%96%87/…).
    expect(urls.map((_, index) => ledger.state.sessions.get(`ok_${index}`)?.returnUrl)).toEqual(urls);
  });
});

describe('session.complete creates the payment exactly as payment.create would', () => {
  it('capture auto, card: a captured payment with the golden records, origin session, events carrying the session id', () => {
    const ledger = ledgerAfter([marketplaceSession()]);
    const entry = appended(ledger, { op: 'session.complete', session: 'ses_1', payment: 'pay_s', paymentType: 'credit_card' });
    expect(entry.events).toEqual([{ type: 'payment.captured', payment: 'pay_s', session: 'ses_1' }]);
    expect(rowsOf(entry).filter((row) => row.merchant === 'mart').map((row) => [row.type, row.deposit - row.debit])).toEqual([
      ['Payment', 1000],
      ['Payment Transfer', -700],
      ['Platform Fee', 70],
      ['Payment Transfer', -300],
      ['Platform Fee', 30],
      ['Processing Fee', -36],
      ['Processing Fee Tax', -4],
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
    expect(ledger.state.payments.get('pay_s')).toMatchObject({ status: 'captured', origin: 'session', session: 'ses_1' });
    expect(ledger.state.sessions.get('ses_1')).toMatchObject({ status: 'completed', payment: 'pay_s' });
  });

  it('a refund of a session payment carries the session id too', () => {
    const ledger = ledgerAfter([marketplaceSession(), { op: 'session.complete', session: 'ses_1', payment: 'pay_s', paymentType: 'credit_card' }]);
    const entry = appended(ledger, { op: 'payment.refund', payment: 'pay_s', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    expect(entry.events).toEqual([{ type: 'payment.refund.created', payment: 'pay_s', amount: 100, currency: 'JPY', session: 'ses_1' }]);
  });

  it('capture auto, Konbini: the payment still waits for the customer; its capture carries the session id', () => {
    const ledger = ledgerAfter([marketplaceSession()]);
    const completion = appended(ledger, { op: 'session.complete', session: 'ses_1', payment: 'kb_s', paymentType: 'konbini' });
    expect(completion.events).toEqual([{ type: 'payment.authorized', payment: 'kb_s', session: 'ses_1' }]);
    expect(completion.postings).toEqual([]);
    const capture = appended(ledger, { op: 'payment.capture', payment: 'kb_s' });
    expect(capture.events).toEqual([{ type: 'payment.captured', payment: 'kb_s', session: 'ses_1' }]);
    expect(balances(ledger, 'pm1', 'pm2')).toEqual({ pm1: 630, pm2: 270 });
  });

  it('capture manual: the payment is authorized, then captured with its split', () => {
    const ledger = ledgerAfter([omit(marketplaceSession('ses_m', { capture: 'manual' }), 'split'), { op: 'session.complete', session: 'ses_m', payment: 'pm', paymentType: 'credit_card' }]);
    expect(ledger.state.payments.get('pm')?.status).toBe('authorized');
    const cancel = appended(ledger, { op: 'payment.cancel', payment: 'pm' });
    expect(cancel.events).toEqual([{ type: 'payment.cancelled', payment: 'pm', session: 'ses_m' }]);
  });

  it('seller-model session: the payment is split by platform_amount as the seller', () => {
    const ledger = ledgerAfter([sellerSession()]);
    const entry = appended(ledger, { op: 'session.complete', session: 'ses_s', payment: 'sp_s', paymentType: 'credit_card' });
    expect(rowsOf(entry)).toEqual([
      { merchant: 's1', type: 'Payment', deposit: 50_000, debit: 0 },
      { merchant: 's1', type: 'Platform Fee', deposit: 0, debit: 5_000 },
      { merchant: 'plt', type: 'Platform Fee', deposit: 5_000, debit: 0 },
      { merchant: 'plt', type: 'Processing Fee', deposit: 0, debit: 1_800 },
      { merchant: 'plt', type: 'Processing Fee Tax', deposit: 0, debit: 180 },
    ]);
    expect(ledger.state.payments.get('sp_s')).toMatchObject({ model: 'seller', seller: 's1', origin: 'session', session: 'ses_s' });
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 45_000, plt: 3_020 });
  });

  it('a payment type the session did not offer: session_payment_type_not_offered', () => {
    const ledger = ledgerAfter([marketplaceSession()]);
    rejected(ledger, { op: 'session.complete', session: 'ses_1', payment: 'p', paymentType: 'paypay' }, 'session_payment_type_not_offered');
  });

  it('a payment id already used: payment_id_taken, and the session stays pending', () => {
    const ledger = ledgerAfter([marketplaceSession(), { op: 'payment.create', id: 'p', merchant: 'mart', amount: 5, currency: 'JPY', paymentType: 'credit_card', capture: false }]);
    rejected(ledger, { op: 'session.complete', session: 'ses_1', payment: 'p', paymentType: 'credit_card' }, 'payment_id_taken');
    expect(ledger.state.sessions.get('ses_1')?.status).toBe('pending');
  });

  it('nothing after completed: no second completion, no cancel', () => {
    const ledger = ledgerAfter([marketplaceSession(), { op: 'session.complete', session: 'ses_1', payment: 'p1', paymentType: 'credit_card' }]);
    rejected(ledger, { op: 'session.complete', session: 'ses_1', payment: 'p2', paymentType: 'credit_card' }, 'session_not_pending');
    rejected(ledger, { op: 'session.cancel', session: 'ses_1' }, 'session_not_pending');
  });

  it('an unknown session: session_not_found', () => {
    const ledger = newLedger();
    rejected(ledger, { op: 'session.complete', session: 'nope', payment: 'p', paymentType: 'credit_card' }, 'session_not_found');
    rejected(ledger, { op: 'session.cancel', session: 'nope' }, 'session_not_found');
  });
});

describe('session.cancel', () => {
  it('cancels a pending session; nothing after that', () => {
    const ledger = ledgerAfter([marketplaceSession()]);
    const entry = appended(ledger, { op: 'session.cancel', session: 'ses_1' });
    expect(entry.postings).toEqual([]);
    expect(entry.events).toEqual([]);
    expect(ledger.state.sessions.get('ses_1')?.status).toBe('cancelled');
    rejected(ledger, { op: 'session.complete', session: 'ses_1', payment: 'p', paymentType: 'credit_card' }, 'session_not_pending');
    rejected(ledger, { op: 'session.cancel', session: 'ses_1' }, 'session_not_pending');
    expect(ledger.state.payments.size).toBe(0);
  });
});

describe('the return URL: return_url?session_id=…', () => {
  it('arguments that are not strings throw a TypeError that says so (review 151)', () => {
    expect(() => sessionReturnUrl(5 as never, 's')).toThrow(new TypeError('sessionReturnUrl: returnUrl and sessionId must be strings, got number and string'));
    expect(() => sessionReturnUrl('https://shop.example/r', undefined as never)).toThrow(TypeError);
  });

  it('without a query', () => {
    expect(sessionReturnUrl('https://shop.example/return', 'ses_1')).toBe('https://shop.example/return?session_id=ses_1');
  });

  it('with an existing query: appended with &', () => {
    expect(sessionReturnUrl('https://shop.example/return?order=42', 'ses_1')).toBe('https://shop.example/return?order=42&session_id=ses_1');
  });

  it('with a fragment: the query goes before it', () => {
    expect(sessionReturnUrl('https://shop.example/return#done', 'ses_1')).toBe('https://shop.example/return?session_id=ses_1#done');
    expect(sessionReturnUrl('https://shop.example/return?order=42#done', 'ses_1')).toBe('https://shop.example/return?order=42&session_id=ses_1#done');
  });

  it('a fragment containing ? and & stays the fragment', () => {
    expect(sessionReturnUrl('https://shop.example/app#/checkout?step=2&x=1', 'ses_1')).toBe('https://shop.example/app?session_id=ses_1#/checkout?step=2&x=1');
  });

  it('a stale session_id is replaced, not repeated', () => {
    expect(sessionReturnUrl('https://shop.example/return?session_id=old&order=42', 'ses_1')).toBe('https://shop.example/return?session_id=ses_1&order=42');
  });

  it('several stale session_ids leave exactly one, where the first stood', () => {
    // DOMAIN.md: the customer returns to return_url?session_id=…: one session id, never two.
    expect(sessionReturnUrl('https://shop.example/return?session_id=a&order=42&session_id=b&session_id', 'ses_1')).toBe('https://shop.example/return?session_id=ses_1&order=42');
  });

  it('the session id is encoded', () => {
    expect(sessionReturnUrl('https://shop.example/return', 'a&b=c')).toBe('https://shop.example/return?session_id=a%26b%3Dc');
  });
});
