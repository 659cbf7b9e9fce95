import { runInNewContext } from 'node:vm';
import { createLedger, Ledger, type LedgerConfig, type LedgerState, type Merchant, type MerchantConfig } from '@kanjo/ledger';
import { buildFeeSchedule } from '@kanjo/fees';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, PAYMENT_METHODS, sellerPayment } from './support/fixtures.js';
import { accepted, balances, newLedger, rejected } from './support/ledger-harness.js';

const MART: MerchantConfig = { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } };

function codeOf(config: LedgerConfig): string {
  const created = createLedger(config);
  return created.ok ? 'accepted' : created.error.code;
}

describe('a configuration is validated as a whole before any command', () => {
  const cases: [string, LedgerConfig, string][] = [
    ['an unknown book', { merchants: [MART], book: 'paper' as 'test' }, 'config_book_invalid'],
    ['a time zone that is not an offset', { merchants: [MART], timeZone: 'JST' }, 'config_time_zone_invalid'],
    ['an offset without minutes', { merchants: [MART], timeZone: '+9' }, 'config_time_zone_invalid'],
    ['an offset past +14:00', { merchants: [MART], timeZone: '+15:00' }, 'config_time_zone_invalid'],
    ['merchants that are not a list', { merchants: {} as unknown as MerchantConfig[] }, 'config_merchants_invalid'],
    ['a merchant that is null (a journal header edited by hand)', { merchants: [null] as unknown as MerchantConfig[] }, 'config_merchants_invalid'],
    ['a merchant id with a space', { merchants: [{ ...MART, id: 'the mart' }] }, 'config_merchant_id_invalid'],
    ['an empty merchant id', { merchants: [{ ...MART, id: '' }] }, 'config_merchant_id_invalid'],
    ['a duplicate id', { merchants: [MART, { id: 'mart', type: 'payout', platform: 'mart' }] }, 'config_merchant_duplicate'],
    ['an unknown type', { merchants: [MART, { id: 'b', type: 'buyer' as 'payout', platform: 'mart' }] }, 'config_merchant_type_unknown'],
    ['an unknown status', { merchants: [{ ...MART, status: 'paused' as 'active' }] }, 'config_merchant_status_invalid'],
    ['an unknown business', { merchants: [{ ...MART, business: 'shop' as 'platform' }] }, 'config_platform_business_invalid'],
    ['a sub-merchant whose platform is missing', { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'nowhere' }] }, 'config_platform_missing'],
    ['a sub-merchant owned by a sub-merchant', { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart' }, { id: 'pm2', type: 'payout', platform: 'pm1' }] }, 'config_platform_missing'],
    ['a seller under a marketplace', { merchants: [MART, { id: 's1', type: 'seller', platform: 'mart' }] }, 'config_submerchant_type_mismatch'],
    ['a payout merchant under a platform business', { merchants: [{ ...MART, business: 'platform' }, { id: 'p', type: 'payout', platform: 'mart' }] }, 'config_submerchant_type_mismatch'],
    ['a sub-merchant accepting a type its platform has no fees for', { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart', paymentTypes: ['paypay'] }] }, 'config_payment_type_not_offered'],
    // Read from a journal header or a caller's JSON, merchant fields may have any type: the
    // string "false" must not pass as approved, nor a string's characters as payment types.
    ['approved written as the string "false"', { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart', approved: 'false' as unknown as boolean }] }, 'config_merchants_invalid'],
    ['a merchant in a book that does not exist', { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart', book: 'prod' as 'live' }] }, 'config_book_invalid'],
    ['payment types written as one string', { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart', paymentTypes: 'credit_card' as unknown as string[] }] }, 'config_merchants_invalid'],
    ['payment types written as an empty string', { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart', paymentTypes: '' as unknown as string[] }] }, 'config_merchants_invalid'],
    ['payment methods that are null', { merchants: [{ ...MART, paymentMethods: null as unknown as {} }] }, 'config_merchants_invalid'],
    ['payment methods that are a list', { merchants: [{ ...MART, paymentMethods: [] as unknown as {} }] }, 'config_merchants_invalid'],
    // A Map passed an "is an object" check and gave a platform with no payment types at all.
    ['payment methods in a Map', { merchants: [{ ...MART, paymentMethods: new Map([['credit_card', { feeRate: '3.6%' }]]) as unknown as {} }] }, 'config_merchants_invalid'],
    ['an unknown rounding mode', { merchants: [MART], rounding: 'bankers' as 'half_up' }, 'rounding_mode_unknown'],
    ['a fee rate without %', { merchants: [{ ...MART, paymentMethods: { credit_card: { feeRate: '3.6' } } }] }, 'rate_malformed'],
    ['a negative fee rate', { merchants: [{ ...MART, paymentMethods: { credit_card: { feeRate: '-1%' } } }] }, 'rate_negative'],
    ['a fee rate above 100%', { merchants: [{ ...MART, paymentMethods: { credit_card: { feeRate: '100.01%' } } }] }, 'rate_above_100_percent'],
    ['a fee rate with 7 decimals', { merchants: [{ ...MART, paymentMethods: { credit_card: { feeRate: '3.1234567%' } } }] }, 'rate_too_precise'],
    ['a tax rate in words', { merchants: [MART], taxRate: 'ten percent' }, 'rate_malformed'],
    ['a negative refund request fee', { merchants: [MART], refundRequestFee: -300 }, 'fee_amount_invalid'],
    ['a fractional customer fee', { merchants: [{ ...MART, paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 190.5 } } }] }, 'fee_amount_invalid'],
    ['a payment type that is not snake_case', { merchants: [{ ...MART, paymentMethods: { 'Credit-Card': { feeRate: '3.6%' } } }] }, 'payment_type_invalid'],
    // Review 239: with no platform no fee schedule was built, and these were accepted, then
    // written into the journal's header.
    ['a tax rate in words, with no merchants', { merchants: [], taxRate: 'ten percent' }, 'rate_malformed'],
    ['a negative refund request fee, with no merchants', { merchants: [], refundRequestFee: -300 }, 'fee_amount_invalid'],
    ['an unknown rounding mode, with no merchants', { merchants: [], rounding: 'banker' as 'half_up' }, 'rounding_mode_unknown'],
  ];
  for (const [what, config, code] of cases) {
    it(`${what}: ${code}`, () => {
      expect(codeOf(config)).toBe(code);
    });
  }

  it('with no merchants, good shared fee settings are accepted and the message of a bad one is the one a platform gets', () => {
    expect(codeOf({ merchants: [], taxRate: '8%', refundRequestFee: 0, rounding: 'floor' })).toBe('accepted');
    const empty = createLedger({ merchants: [], taxRate: '10' });
    const withPlatform = createLedger({ merchants: [MART], taxRate: '10' });
    expect(empty.ok ? 'accepted' : empty.error).toEqual(withPlatform.ok ? 'accepted' : withPlatform.error);
  });

  it('offsets such as Z, +00:00 and -05:30 are accepted', () => {
    for (const timeZone of ['Z', '+00:00', '-05:30', '+14:00']) expect(codeOf({ merchants: [MART], timeZone })).toBe('accepted');
  });

  it('a time zone takes every ISO 8601 offset form a command\'s at takes, and means the same', () => {
    // Payout periods end at local midnight: the same offset in another form ends them at the same instant.
    for (const [timeZone, minutes] of [['+0900', 540], ['+09', 540], ['-0530', -330], ['-05', -300], ['+09:00', 540]] as const) {
      const created = createLedger({ merchants: [MART], timeZone });
      expect([timeZone, created.ok ? created.value.state.config.timeZoneOffsetMinutes : created.error.code]).toEqual([timeZone, minutes]);
    }
    for (const timeZone of ['+9', '+090', '+09:0', '0900', '+09:00:00', '+1500']) expect([timeZone, codeOf({ merchants: [MART], timeZone })]).toEqual([timeZone, 'config_time_zone_invalid']);
  });
});

describe('configuration that changes the numbers', () => {
  it('rounding floor: 36 × 10% = 3.6 → 3, so the platform keeps 61 of the golden payment', () => {
    const ledger = newLedger({ ...CONFIG, rounding: 'floor' });
    accepted(ledger, goldenPayment());
    expect(balances(ledger, 'mart')).toEqual({ mart: 61 });
  });

  it('a fixed fee is added to the percentage before tax', () => {
    const ledger = newLedger({ merchants: [{ ...MART, paymentMethods: { credit_card: { feeRate: '3.6%', fixedFee: 40 } } }, { id: 'pm1', type: 'payout', platform: 'mart' }, { id: 'pm2', type: 'payout', platform: 'mart' }] });
    accepted(ledger, goldenPayment());
    // (36 + 40) = 76, tax 7.6 → 8.
    expect(balances(ledger, 'mart')).toEqual({ mart: 100 - 76 - 8 });
  });
});

describe('books and approval ([000], [002])', () => {
  const LIVE: LedgerConfig = {
    book: 'live',
    merchants: [
      { id: 'plt', type: 'platform', business: 'platform', paymentMethods: PAYMENT_METHODS },
      { id: 's1', type: 'seller', platform: 'plt' },
      { id: 'new', type: 'seller', platform: 'plt', approved: false },
      { id: 'fresh', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS, approved: false },
      { id: 'fp', type: 'payout', platform: 'fresh' },
      { id: 'sandbox', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS, book: 'test' },
      { id: 'tp', type: 'payout', platform: 'sandbox', book: 'test' },
    ],
  };

  it('live payments need an approved platform and an approved seller', () => {
    const ledger = newLedger(LIVE);
    accepted(ledger, sellerPayment('ok'));
    rejected(ledger, sellerPayment('p', { as: 'new' }), 'merchant_not_approved');
    rejected(ledger, goldenPayment('p', { merchant: 'fresh', split: [{ submerchantId: 'fp', amount: 1000, platformFee: 0 }] }), 'merchant_not_approved');
  });

  it('in the test book an unapproved merchant may process', () => {
    const ledger = newLedger({ ...LIVE, book: 'test', merchants: LIVE.merchants.map((merchant) => ({ ...merchant, book: 'test' as const })) });
    accepted(ledger, sellerPayment('p', { as: 'new' }));
  });

  it('a merchant of the other book takes part in nothing: merchant_in_other_book', () => {
    const ledger = newLedger(LIVE);
    rejected(ledger, goldenPayment('p', { merchant: 'sandbox', split: [{ submerchantId: 'tp', amount: 1000, platformFee: 0 }] }), 'merchant_in_other_book');
    rejected(ledger, { op: 'payout_settings.update', merchant: 'plt', target: 'tp', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 }, 'merchant_in_other_book');
  });
});

describe('defence in depth: a state built by hand, bypassing configuration checks', () => {
  /** A ledger whose merchants are the fixture's plus `extra`, replacing same ids, with no validation. */
  function handBuilt(extra: readonly Merchant[]): Ledger {
    const fresh = newLedger();
    const merchants = new Map(fresh.state.config.merchants);
    for (const merchant of extra) merchants.set(merchant.id, merchant);
    return new Ledger({ ...(fresh.state as LedgerState), config: { ...fresh.state.config, merchants } });
  }

  it('a payout merchant under a platform business cannot be acted as: submerchant_not_seller', () => {
    const ledger = handBuilt([{ id: 'odd', type: 'payout', platform: 'plt', status: 'active', approved: true, book: 'test', paymentTypes: new Set(['credit_card']) }]);
    rejected(ledger, sellerPayment('p', { as: 'odd' }), 'submerchant_not_seller');
  });

  it('a seller under a marketplace cannot be in its split: submerchant_not_payout', () => {
    const ledger = handBuilt([{ id: 'odd', type: 'seller', platform: 'mart', status: 'active', approved: true, book: 'test', paymentTypes: new Set(['credit_card']) }]);
    rejected(ledger, goldenPayment('p', { split: [{ submerchantId: 'odd', amount: 1000, platformFee: 0 }] }), 'submerchant_not_payout');
  });

  it('a payment type accepted but missing from the fee schedule: payment_type_not_in_schedule, nothing posted', () => {
    const schedule = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%' } } });
    if (!schedule.ok) throw new Error(schedule.error.code);
    const mart = newLedger().state.config.merchants.get('mart');
    if (mart === undefined) throw new Error('fixture has no mart');
    const ledger = handBuilt([{ ...mart, paymentTypes: new Set(['credit_card', 'paypay']), feeSchedule: schedule.value }]);
    rejected(ledger, goldenPayment('p', { paymentType: 'paypay' }), 'payment_type_not_in_schedule');
  });
});

describe('payment methods made in another realm', () => {
  // The check that refuses a Map must not refuse a plain object of another realm (a vm context,
  // as some test runners give), whose Object.prototype is not this one.
  it('are a plain object: the platform accepts its payment types', () => {
    const paymentMethods = runInNewContext("({ credit_card: { feeRate: '3.6%' } })") as Record<string, { feeRate: string }>;
    const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods }] });
    expect(created.ok).toBe(true);
  });
});
