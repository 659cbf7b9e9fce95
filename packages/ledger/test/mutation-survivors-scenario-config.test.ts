import { parseScenarioConfig, unknownScenarioFields } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { refused } from './support/refused.js';

/**
 * Survivors of StrykerJS runs over packages/ledger/src/scenario/parse-scenario-config.ts and
 * unknown-scenario-fields.ts against the library-level scenario tests: the exact configuration
 * a scenario file's top level reads as (no key for an absent optional field), each refusal's
 * exact code and message (what `kanjo run` prints for the file), and where the warning of
 * unknown fields looks and does not look.
 */
const PLATFORM = { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } };
const READ_PLATFORM = { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } };
const withMethods = (paymentMethods: unknown): unknown => ({ merchants: [{ ...PLATFORM, payment_methods: paymentMethods }] });

describe('parseScenarioConfig: the configuration read, with no key for an absent field', () => {
  // Mutants: each `x === undefined ? {} : { x }` spread read `false` (the key present as
  // undefined) or `true` (the field dropped); the optional fields' object literals emptied.
  it('a file with only a platform reads as only that platform', () => {
    expect(parseScenarioConfig({ merchants: [PLATFORM] })).toStrictEqual({ ok: true, value: { merchants: [READ_PLATFORM] } });
  });

  it('every optional top-level field is carried under its code name', () => {
    const document = { merchants: [PLATFORM], tax_rate: '8%', refund_request_fee: 0, time_zone: '+09:00', book: 'test', rounding: 'floor' };
    expect(parseScenarioConfig(document)).toStrictEqual({
      ok: true,
      value: { merchants: [READ_PLATFORM], taxRate: '8%', refundRequestFee: 0, timeZone: '+09:00', book: 'test', rounding: 'floor' },
    });
    expect(parseScenarioConfig({ merchants: [PLATFORM], book: 'live' })).toStrictEqual({ ok: true, value: { merchants: [READ_PLATFORM], book: 'live' } });
  });

  it("a merchant's status, approved and book, and a sub-merchant's payment_types, are carried; absent ones have no key", () => {
    const owner = { id: 'own', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%' } }, status: 'deactivated', approved: false, book: 'live' };
    const seller = { id: 's1', type: 'seller', platform: 'own', payment_types: ['credit_card'] };
    const bare = { id: 's2', type: 'seller', platform: 'own' };
    expect(parseScenarioConfig({ merchants: [owner, seller, bare] })).toStrictEqual({
      ok: true,
      value: {
        merchants: [
          { id: 'own', status: 'deactivated', approved: false, book: 'live', type: 'platform', business: 'platform', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
          { id: 's1', type: 'seller', platform: 'own', paymentTypes: ['credit_card'] },
          { id: 's2', type: 'seller', platform: 'own' },
        ],
      },
    });
  });

  it("payment_methods absent or null is no payment method; a fee's fixed_fee and customer_fee are carried, absent ones have no key", () => {
    const { payment_methods: _omitted, ...noMethods } = PLATFORM;
    const none = { ok: true, value: { merchants: [{ ...READ_PLATFORM, paymentMethods: {} }] } };
    expect(parseScenarioConfig({ merchants: [noMethods] })).toStrictEqual(none);
    expect(parseScenarioConfig(withMethods(null) as never)).toStrictEqual(none);
    // fixed_fee and customer_fee may be 0 (no fee), unlike a payment's amount.
    const fees = { credit_card: { fee_rate: '1%', fixed_fee: 0, customer_fee: 10 }, paypay: { fee_rate: '2%' }, konbini: { fee_rate: '2.75%', fixed_fee: 5, customer_fee: 0 } };
    expect(parseScenarioConfig(withMethods(fees) as never)).toStrictEqual({
      ok: true,
      value: { merchants: [{ ...READ_PLATFORM, paymentMethods: { credit_card: { feeRate: '1%', fixedFee: 0, customerFee: 10 }, paypay: { feeRate: '2%' }, konbini: { feeRate: '2.75%', fixedFee: 5, customerFee: 0 } } }] },
    });
  });
});

describe('parseScenarioConfig: each refusal of the top level, with its code and message', () => {
  // Mutants: the messages emptied; `fields.error !== undefined` read `false`; the tax_rate,
  // rounding and book checks removed or read `true`/`false`.
  it('merchants not a list, a tax_rate not a string or not a rate, an unknown rounding, an unknown book', () => {
    expect(parseScenarioConfig({})).toStrictEqual(refused('scenario_invalid', 'merchants must be a list of merchants'));
    expect(parseScenarioConfig({ merchants: {} })).toStrictEqual(refused('scenario_invalid', 'merchants must be a list of merchants'));
    expect(parseScenarioConfig({ merchants: [PLATFORM], tax_rate: 5 })).toStrictEqual(refused('field_invalid', 'tax_rate must be a string'));
    expect(parseScenarioConfig({ merchants: [PLATFORM], refund_request_fee: -1 })).toStrictEqual(
      refused('amount_negative', 'refund_request_fee must not be negative (send the amount without a sign), got -1'),
    );
    expect(parseScenarioConfig({ merchants: [PLATFORM], tax_rate: 'abc' })).toStrictEqual(
      refused('rate_malformed', 'tax_rate: "abc" is not a percentage like "3.6%" (digits, an optional decimal part, then "%")'),
    );
    expect(parseScenarioConfig({ merchants: [PLATFORM], rounding: 'x' })).toStrictEqual(refused('rounding_mode_unknown', 'rounding must be half_up, half_even, floor or ceiling'));
    expect(parseScenarioConfig({ merchants: [PLATFORM], book: 'x' })).toStrictEqual(refused('config_book_invalid', 'book must be test or live'));
    expect(parseScenarioConfig({ merchants: [PLATFORM], time_zone: 'Asia/Tokyo' })).toStrictEqual(
      refused('config_time_zone_invalid', 'time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not "Asia/Tokyo"'),
    );
  });
});

describe('parseScenarioConfig: each refusal of a merchant, prefixed with its place in the list', () => {
  // Mutants: the messages and the `merchants[i]: ` and `payment_methods.<type>` prefixes
  // emptied; the payment_methods null/undefined/object checks negated or read `true`/`false`;
  // the `payment_type_invalid` rewrite of paymentMethods to payment_methods removed.
  it('a merchant not an object, a field of the wrong type, an unknown merchant type', () => {
    expect(parseScenarioConfig({ merchants: [PLATFORM, 5] })).toStrictEqual(refused('config_merchants_invalid', 'merchants[1]: a merchant must be an object'));
    expect(parseScenarioConfig({ merchants: [{ ...PLATFORM, id: 5 }] })).toStrictEqual(refused('field_invalid', 'merchants[0]: id must be a string'));
    expect(parseScenarioConfig({ merchants: [{ ...PLATFORM, business: 5 }] })).toStrictEqual(refused('field_invalid', 'merchants[0]: business must be a string'));
    expect(parseScenarioConfig({ merchants: [PLATFORM, { id: 'p', type: 'payout', platform: 5 }] })).toStrictEqual(refused('field_invalid', 'merchants[1]: platform must be a string'));
    expect(parseScenarioConfig({ merchants: [PLATFORM, { id: 'p', type: 'payout', platform: 'mart', payment_types: 'x' }] })).toStrictEqual(
      refused('field_invalid', 'merchants[1]: payment_types must be a list of strings'),
    );
    // A field refused before the type is known is that refusal, not "type must be platform…".
    expect(parseScenarioConfig({ merchants: [{ id: 'x', type: 'nope', status: 5 }] })).toStrictEqual(refused('field_invalid', 'merchants[0]: status must be a string'));
    expect(parseScenarioConfig({ merchants: [{ id: 'x', type: 5 }] })).toStrictEqual(refused('field_invalid', 'merchants[0]: type must be a string'));
    expect(parseScenarioConfig({ merchants: [{ id: 'x' }] })).toStrictEqual(refused('field_missing', 'merchants[0]: type is required'));
    expect(parseScenarioConfig({ merchants: [{ id: 'x', type: 'nope' }] })).toStrictEqual(
      refused('config_merchant_type_unknown', 'merchants[0]: merchant x: type must be platform, seller or payout, not "nope"'),
    );
  });

  it('payment_methods not an object, a payment type not an object, a fee field of the wrong type, a fee_rate not a rate, a payment type of the wrong form', () => {
    expect(parseScenarioConfig(withMethods(5) as never)).toStrictEqual(refused('config_merchants_invalid', 'merchants[0]: payment_methods must be an object of payment type → fee settings'));
    expect(parseScenarioConfig(withMethods([]) as never)).toStrictEqual(refused('config_merchants_invalid', 'merchants[0]: payment_methods must be an object of payment type → fee settings'));
    expect(parseScenarioConfig(withMethods({ cc: 5 }) as never)).toStrictEqual(refused('config_merchants_invalid', 'merchants[0]: payment_methods.cc must be an object with a fee_rate'));
    expect(parseScenarioConfig(withMethods({ cc: { fee_rate: 5 } }) as never)).toStrictEqual(refused('field_invalid', 'merchants[0]: payment_methods.cc: fee_rate must be a string'));
    expect(parseScenarioConfig(withMethods({ cc: { fee_rate: 'x' } }) as never)).toStrictEqual(
      refused('rate_malformed', 'merchants[0]: payment_methods.cc.fee_rate: "x" is not a percentage like "3.6%" (digits, an optional decimal part, then "%")'),
    );
    expect(parseScenarioConfig(withMethods({ 'bad type': { fee_rate: '1%' } }) as never)).toStrictEqual(
      refused('payment_type_invalid', 'platform mart: payment_methods["bad type"]: a payment type is 1 to 64 characters of a-z, 0-9 and "_", starting with a letter'),
    );
  });
});

describe('unknownScenarioFields: where it looks, and what it leaves alone', () => {
  // Mutants: collect's `op === undefined ? {} : { op }` read `false` (an `op` key holding
  // undefined on every top-level and merchant entry).
  it('an entry outside a command has no op key at all', () => {
    const found = unknownScenarioFields({ merchants: [{ id: 's', type: 'seller', platform: 'mart', colour: 'red' }], extra: 1 });
    expect(found).toStrictEqual([{ path: '', field: 'extra' }, { path: 'merchants[0]', field: 'colour' }]);
    expect(found.map((entry) => Object.keys(entry))).toStrictEqual([['path', 'field'], ['path', 'field']]);
  });

  // Mutants: the `isJsonObject(merchant)` / `isJsonObject(command)` skips removed (reading
  // `type` or `op` of null throws), the `Array.isArray` checks of merchants, commands and a
  // split's submerchants read `true` (a non-list's `.entries` is no function).
  it('merchants, commands and split lines of the wrong form are passed over, not thrown on', () => {
    const document = {
      merchants: [null, 5, 'x', [], { id: 'n', type: 'nope', colour: 'red' }],
      commands: [null, 7, { op: 'payment.refund', payment: 'p', platform_details: { submerchants: { pm1: 1 } } }],
    };
    expect(unknownScenarioFields(document)).toStrictEqual([]);
    expect(unknownScenarioFields({ merchants: { id: 'm' }, commands: 'none' })).toStrictEqual([]);
    expect(unknownScenarioFields({ merchants: 'm', commands: { op: 'payment.cancel' } })).toStrictEqual([]);
  });

  // Mutants: `typeof op === 'string' && Object.hasOwn(...)` reduced (an op named after an
  // Object.prototype member found the prototype's function as its field list).
  it('an op named after an Object.prototype member is an unknown op, whose fields are not looked at', () => {
    const commands = ['toString', 'constructor', '__proto__', 'hasOwnProperty'].map((op) => ({ op, anything: 1 }));
    expect(unknownScenarioFields({ commands: [...commands, { op: 5, anything: 1 }] })).toStrictEqual([]);
  });

  // Mutants: `!fields.includes('platform_details')` read `false`: the platform_details of an op
  // that does not read it was looked into as well as named.
  it("an op that does not read platform_details has it named once, and nothing inside it", () => {
    const command = { op: 'payment.cancel', payment: 'p', platform_details: { submerchants: [{ submerchant_id: 'pm1', colour: 'red' }], note: 1 } };
    expect(unknownScenarioFields({ commands: [command] })).toStrictEqual([{ path: 'commands[0]', op: 'payment.cancel', field: 'platform_details' }]);
  });

  // Mutants: `type === 'seller' || type === 'payout'` with either side `false`, and the platform
  // branch's condition read `true`/`false`; `isJsonObject(methods)` read `true` (a list of
  // payment methods was looked into by index).
  it('each merchant type is checked against its own fields; payment_methods that is a list is not looked into', () => {
    const merchants = [
      { id: 'mart', type: 'platform', business: 'marketplace', platform: 'x', payment_methods: [{ colour: 'red' }] },
      { id: 's', type: 'seller', platform: 'mart', business: 'y' },
      { id: 'p', type: 'payout', platform: 'mart', payment_methods: {} },
    ];
    expect(unknownScenarioFields({ merchants })).toStrictEqual([
      { path: 'merchants[0]', field: 'platform' },
      { path: 'merchants[1]', field: 'business' },
      { path: 'merchants[2]', field: 'payment_methods' },
    ]);
  });
});

describe('unknownScenarioFields: fields every command and every fee may carry, and values that are not objects', () => {
  // Mutants: 'idempotency_key' of the common command fields and 'fixed_fee' of the fee fields
  // emptied: both were warned of as unknown.
  it("a command's idempotency_key and a payment method's fixed_fee are known", () => {
    const merchants = [{ id: 'mart', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%', fixed_fee: 40, customer_fee: 0 } } }];
    const commands = [{ op: 'payment.cancel', payment: 'p', at: '2026-01-01T00:00:00Z', idempotency_key: 'k1' }];
    expect(unknownScenarioFields({ merchants, commands })).toStrictEqual([]);
  });

  // Mutants: `typeof op === 'string'` read `true`: an op of ['payment.cancel'] is a key of the
  // table once made a string, so that command was checked as a payment.cancel.
  it('an op that is not a string is an unknown op, even one that reads as a known op once made a string', () => {
    expect(unknownScenarioFields({ commands: [{ op: ['payment.cancel'], payment: 'p', colour: 'red' }] })).toStrictEqual([]);
  });

  // Mutants: collect's `!isJsonObject(object)` read `false`: a string's keys are its indexes,
  // so a fee setting or a split line given as a string had its "fields" 0, 1… warned of, and
  // one given as null threw.
  it('a fee setting or a split line that is a string, a list or null has no fields to warn of', () => {
    const merchants = [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: 'ab', paypay: ['x'], konbini: null } }];
    const split = { submerchants: ['ab', ['x'], null, 5] };
    const commands = [{ op: 'payment.refund', payment: 'p', platform_details: split }];
    expect(unknownScenarioFields({ merchants, commands })).toStrictEqual([]);
  });
});
