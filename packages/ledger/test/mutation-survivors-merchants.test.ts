import { journalNdjsonLines, replayJournal, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { configOutcome } from './support/config-outcome.js';
import { goldenPayment } from './support/fixtures.js';
import { newLedger, rejected } from './support/ledger-harness.js';

/**
 * Survivors of StrykerJS runs over packages/ledger/src/merchants (resolve-config.ts,
 * read-config-once.ts, find-merchant.ts) against the library tests that name a configuration
 * or merchant code: each refusal of a configuration word for word (a service shows it to the
 * person who wrote the configuration), the bounds of an id and a UTC offset, where an own
 * toJSON is looked for, and a sub-merchant's refusal naming its platform.
 *
 * Left alive, equivalent (10 of the 17 of 480 the rerun left; each read and argued): the
 * `taxRate`, `refundRequestFee` and `rounding` keys passed as undefined (buildFeeSchedule reads
 * undefined as absent); readConfigOnce's paymentMethods and paymentTypes guards read as true (the
 * key then holds undefined, which every reader treats as absent); `methods === null` and
 * isPlainObject's `typeof` and null-prototype tests (null is refused earlier, and the copy of a
 * null-prototype object is a plain one); find-merchant's `'?'` (every sub-merchant has a
 * platform); configJsonProblem's `'a field'` (reached only when the whole configuration is over
 * 512 MB of JSON while no one field is). The paymentTypes guard read as false is killed by
 * regressions/fields-read-once.test.ts, which the run did not include; the other five by tests here.
 */
const MART = { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } };
const PM1 = { id: 'pm1', type: 'payout', platform: 'mart' };


/** A class instance: its fields are its own, but its prototype is not Object.prototype. */
class FeeTable {
  credit_card = { feeRate: '1%' };
}

describe('resolveConfig: each refusal of a configuration, word for word', () => {
  // Mutants: each message emptied; `merchant.id` in a message read as another field.
  it.each<[string, unknown, string]>([
    ['not an object', null, 'config_invalid: the configuration must be an object with merchants'],
    ['a list', [MART], 'config_invalid: the configuration must be an object with merchants'],
    ['an unknown book', { merchants: [MART], book: 'paper' }, 'config_book_invalid: book must be test or live, not "paper"'],
    ['merchants that are not a list', { merchants: 'mart' }, 'config_merchants_invalid: merchants must be a list'],
    ['100,001 merchants', { merchants: new Array(100_001) }, 'config_merchants_invalid: at most 100,000 merchants'],
    ['a merchant that is null', { merchants: [MART, null] }, 'config_merchants_invalid: merchants must be a list of merchant objects, not one of null'],
    ['a merchant that is a list', { merchants: [[]] }, 'config_merchants_invalid: merchants must be a list of merchant objects, not one of []'],
    // Mutant: the `typeof merchant !== 'object'` test dropped (a string's id reads as undefined).
    ['a merchant that is a string', { merchants: [MART, 'pm9'] }, 'config_merchants_invalid: merchants must be a list of merchant objects, not one of "pm9"'],
    ['a duplicate id', { merchants: [MART, MART] }, 'config_merchant_duplicate: merchant id mart appears twice'],
    ['an unknown type', { merchants: [MART, { ...PM1, type: 'buyer' }] }, 'config_merchant_type_unknown: merchant pm1: type must be platform, seller or payout, not "buyer"'],
    ['an unknown status', { merchants: [{ ...MART, status: 'paused' }] }, 'config_merchant_status_invalid: merchant mart: status must be active or deactivated, not "paused"'],
    ['an unknown business', { merchants: [{ ...MART, business: 'shop' }] }, 'config_platform_business_invalid: platform mart: business must be platform or marketplace'],
    ['a missing platform', { merchants: [MART, { ...PM1, platform: 'nowhere' }] }, 'config_platform_missing: merchant pm1: its platform "nowhere" is not a platform merchant of this configuration'],
    ['a seller under a marketplace', { merchants: [MART, { ...PM1, type: 'seller' }] }, "config_submerchant_type_mismatch: merchant pm1: a marketplace platform's sub-merchants are payout merchants, not seller"],
    ['a payment type not offered', { merchants: [MART, { ...PM1, paymentTypes: ['paypay'] }] }, 'config_payment_type_not_offered: merchant pm1 lists paypay, which its platform mart has no fee settings for'],
    ['approved as a string', { merchants: [MART, { ...PM1, approved: 'false' }] }, 'config_merchants_invalid: merchant pm1: approved must be true or false, not "false"'],
    ["a merchant's unknown book", { merchants: [MART, { ...PM1, book: 'prod' }] }, 'config_book_invalid: merchant pm1: book must be test or live, not "prod"'],
    ['payment types as one string', { merchants: [MART, { ...PM1, paymentTypes: 'credit_card' }] }, 'config_merchants_invalid: merchant pm1: paymentTypes must be a list of payment type names, not "credit_card"'],
    ['payment methods that are null', { merchants: [{ ...MART, paymentMethods: null }] }, 'config_merchants_invalid: merchant mart: paymentMethods must be an object of payment type to fee settings, not null'],
    ['payment methods in a Map', { merchants: [{ ...MART, paymentMethods: new Map() }] }, 'config_merchants_invalid: merchant mart: paymentMethods must be an object of payment type to fee settings, not a Map: write them as a plain object'],
  ])('%s', (_name, config, expected) => {
    expect(configOutcome(config)).toBe(expected);
  });

  it("a platform's fee error names the platform; the configuration's own rates are not the platform's", () => {
    expect(configOutcome({ merchants: [{ ...MART, paymentMethods: { credit_card: { feeRate: '3.6' } } }] })).toBe(
      'rate_malformed: platform mart: paymentMethods.credit_card.feeRate: "3.6" is not a percentage like "3.6%" (digits, an optional decimal part, then "%")',
    );
    expect(configOutcome({ merchants: [MART], taxRate: 'x' })).toBe('rate_malformed: taxRate: "x" is not a percentage like "3.6%" (digits, an optional decimal part, then "%")');
  });
});

describe('resolveConfig: what a merchant field must be', () => {
  // Mutant: `paymentTypes.every(is a string)` read as `some`.
  it('payment types of which one is not a string are refused, not only a list of none', () => {
    expect(configOutcome({ merchants: [MART, { ...PM1, paymentTypes: ['credit_card', 5] }] })).toBe(
      'config_merchants_invalid: merchant pm1: paymentTypes must be a list of payment type names, not ["credit_card",5]',
    );
  });

  // Mutants of isPlainObject: the prototype check dropped or read the other way.
  it('payment methods of a class instance are refused; of a null-prototype object accepted', () => {
    expect(configOutcome({ merchants: [{ ...MART, paymentMethods: new FeeTable() }] })).toBe(
      'config_merchants_invalid: merchant mart: paymentMethods must be an object of payment type to fee settings, not an instance of FeeTable: write them as a plain object',
    );
    const bare = Object.assign(Object.create(null) as object, { credit_card: { feeRate: '1%' } });
    expect(configOutcome({ merchants: [{ ...MART, paymentMethods: bare }] })).toBe('accepted');
  });
});

describe('resolveConfig: the bounds of a UTC offset', () => {
  // Mutants: the offset pattern without `^` or `$`; `minutes > 59` read as `>= 59`; `hours > 14` as `>= 14`.
  it.each([
    ['+09:59', 'accepted'],
    ['+14:00', 'accepted'],
    ['-14', 'accepted'],
    ['+09:60', 'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not "+09:60"'],
    ['+15:00', 'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not "+15:00"'],
    ['UTC+09:00', 'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not "UTC+09:00"'],
    ['+09:00 JST', 'config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not "+09:00 JST"'],
  ])('time zone %s: %s', (timeZone, expected) => {
    expect(configOutcome({ merchants: [MART], timeZone })).toBe(expected);
  });
});

describe('resolveConfig: an own toJSON is looked for wherever Kanjo reads, and only a function is one', () => {
  const refusal = (holder: string): string =>
    `config_invalid: the configuration is written into its journal's header as JSON, and ${holder} has its own toJSON method, which would write something else there: pass the configuration as plain data`;

  // Mutants: the search's loop body or its paymentMethods steps removed; `typeof toJSON === 'function'` read as true.
  it.each<[string, unknown, string]>([
    ['the configuration', { merchants: [MART], toJSON: () => ({}) }, refusal('the configuration')],
    ['a sub-merchant', { merchants: [MART, { ...PM1, toJSON: () => ({}) }] }, refusal('merchant pm1')],
    // A sub-merchant's payment methods are not fee settings: nothing else refuses this one.
    ["a sub-merchant's paymentMethods", { merchants: [MART, { ...PM1, paymentMethods: { toJSON: () => ({}) } }] }, refusal("merchant pm1's paymentMethods")],
    ["a platform's fee settings", { merchants: [{ ...MART, paymentMethods: { credit_card: { feeRate: '3.6%', toJSON: () => ({}) } } }] }, refusal("merchant mart's paymentMethods.credit_card")],
    ['a field named toJSON that is not a function (JSON writes it as data)', { merchants: [MART], toJSON: 'note' }, 'accepted'],
    ['a merchant field named toJSON that is not a function', { merchants: [{ ...MART, toJSON: 1 }] }, 'accepted'],
    // Mutant: `value !== null` dropped from hasOwnToJson (Object.hasOwn(null) throws). A
    // sub-merchant's payment methods are not fee settings, so a null one reaches the search.
    ["a sub-merchant's payment method that is null", { merchants: [MART, { ...PM1, paymentMethods: { credit_card: null } }] }, 'accepted'],
  ])('%s', (_name, config, expected) => {
    expect(configOutcome(config)).toBe(expected);
  });
});

describe('resolveConfig: which field holds what JSON cannot write', () => {
  // Mutants: `key !== 'merchants' || !Array.isArray(...)` read as `&&`, or its first test as
  // false: a list in another field was searched as if it held merchants.
  it('a list in a field of its own is named as that field, not searched as merchants', () => {
    expect(configOutcome({ merchants: [MART], notes: [{ amount: 1n }] })).toBe(
      "config_invalid: the configuration is written into its journal's header as JSON, and its field notes holds a bigint, which JSON cannot write: leave it out, or write it as plain data",
    );
  });
});

describe('readConfigOnce: a configuration that is not an object is kept as it is, for the checks to refuse', () => {
  // Mutant: the early return for a non-object removed (Object.keys(null) would throw).
  it('a journal exported with a configuration that is not an object is refused with createLedger\'s config_invalid; its replay refuses null as config_invalid', () => {
    // Mutants: the `typeof` or `Array.isArray` test of that early return dropped (readConfigOnce
    // would then throw inside, or read a string or a list as a configuration without merchants).
    const refusal = 'journalNdjsonLines: pass the configuration the ledger was created with (createLedger\'s argument); this one is refused: config_invalid: the configuration must be an object with merchants';
    for (const config of [null, 'mart', []]) {
      expect(() => [...journalNdjsonLines(config as unknown as LedgerConfig, [], 'objects')]).toThrow(new TypeError(refusal));
    }
    const replayed = replayJournal(null as unknown as LedgerConfig, []);
    expect(replayed.ok ? 'accepted' : `${replayed.error.code}: ${replayed.error.message}`).toBe('config_invalid: the configuration must be an object with merchants');
  });
});

describe('findActingPlatform: a sub-merchant that tries to act is told which platform acts for it', () => {
  // Mutant: `merchant.platform ?? '?'` read as `&&`.
  it('a payout merchant creating a payment', () => {
    expect(rejected(newLedger(), goldenPayment('p', { merchant: 'pm1' }), 'merchant_not_platform')).toBe(
      'merchant pm1 is a payout merchant: only its platform (mart) can act for it',
    );
  });
});
