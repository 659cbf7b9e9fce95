import { buildFeeSchedule, customerFee, hasPaymentType, parseRate, processingFee, processingFeeCalculator, type FeeSchedule, type FeeScheduleInput } from '@kanjo/fees';
import { unwrap } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Tests added after a StrykerJS run over packages/fees/src (every line mutated): each pins an
// outcome that a surviving mutant changed and the rest of the suite let through. Schedules are
// built inside the tests, so that a mutant in buildFeeSchedule is exercised by a test.

const MAX = Number.MAX_SAFE_INTEGER;
const build = (input: unknown) => buildFeeSchedule(input as FeeScheduleInput);
const rejected = (code: string, message: string) => ({ ok: false, error: { code, message } });

describe('README "Fast path for hot loops": the calculator throws on an amount that is not a safe integer, at any rate', () => {
  it('a 0% rate too: 2^53 throws rather than taking the fast path to a fee of 0', () => {
    const schedule = unwrap(build({ paymentMethods: { free: { feeRate: '0%' } } }));
    const calculator = unwrap(processingFeeCalculator(schedule, 'free'));
    expect(calculator.fee(MAX)).toBe(0);
    expect(() => calculator.fee(2 ** 53)).toThrow(new RangeError('free processing fee: amount must be a non-negative safe integer in minor units, got 9007199254740992'));
    expect(() => calculator.tax(-1)).toThrow(new RangeError('free processing fee tax: fee must be a non-negative safe integer in minor units, got -1'));
  });
  it('the fixed part pushing the fee past MAX_SAFE_INTEGER: the exact message', () => {
    const schedule = unwrap(build({ paymentMethods: { card: { feeRate: '100%', fixedFee: 10 } } }));
    expect(() => unwrap(processingFeeCalculator(schedule, 'card')).fee(MAX - 5)).toThrow(
      new RangeError(`card processing fee: the fee on ${MAX - 5} minor units with the fixed part 10 exceeds MAX_SAFE_INTEGER minor units`),
    );
  });
  it('each rounding mode of the README table (137.5, 126.5, 13.8), through the calculator', () => {
    const expected = { half_up: [138, 127, 14], half_even: [138, 126, 14], floor: [137, 126, 13], ceiling: [138, 127, 14] } as const;
    for (const [rounding, [a, b, tax]] of Object.entries(expected)) {
      const schedule = unwrap(build({ paymentMethods: { konbini: { feeRate: '2.75%' }, other: { feeRate: '2.53%' } }, rounding }));
      expect(unwrap(processingFeeCalculator(schedule, 'konbini')).fee(5000)).toBe(a); // 137.5
      expect(unwrap(processingFeeCalculator(schedule, 'other')).fee(5000)).toBe(b); // 126.5
      expect(unwrap(processingFeeCalculator(schedule, 'konbini')).tax(138)).toBe(tax); // 13.8
    }
  });
});

describe('processingFee: an amount that is not a non-negative safe integer is amount_not_safe_integer (README "Rejection codes")', () => {
  it('the exact message', () => {
    const schedule = unwrap(build({ paymentMethods: { card: { feeRate: '3.6%' } } }));
    expect(processingFee(schedule, 'card', -1)).toEqual(rejected('amount_not_safe_integer', 'amount: expected a non-negative safe integer in minor units, got -1'));
  });
});

describe('payment_type_not_in_schedule names the types the schedule has, or "none" (README "Rejection codes")', () => {
  it('an empty schedule and a schedule of two', () => {
    expect(processingFee(unwrap(build({ paymentMethods: {} })), 'card', 1)).toEqual(
      rejected('payment_type_not_in_schedule', 'payment type "card" has no fees in this schedule (it has: none)'),
    );
    expect(processingFee(unwrap(build({ paymentMethods: { konbini: { feeRate: '1%' }, card: { feeRate: '1%' } } })), 'paypay', 1)).toEqual(
      rejected('payment_type_not_in_schedule', 'payment type "paypay" has no fees in this schedule (it has: card, konbini)'),
    );
  });

  // Review 145: a schedule of 128 long types gave a message of 8,505 characters.
  it('eight types are listed, the rest counted', () => {
    const types = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`t${String(index).padStart(3, '0')}`, { feeRate: '1%' }]));
    expect(processingFee(unwrap(build({ paymentMethods: types(8) })), 'card', 1)).toEqual(
      rejected('payment_type_not_in_schedule', 'payment type "card" has no fees in this schedule (it has: t000, t001, t002, t003, t004, t005, t006, t007)'),
    );
    expect(processingFee(unwrap(build({ paymentMethods: types(128) })), 'card', 1)).toEqual(
      rejected('payment_type_not_in_schedule', 'payment type "card" has no fees in this schedule (it has: t000, t001, t002, t003, t004, t005, t006, t007 and 120 more)'),
    );
  });
});

// Review 145: FeeSchedule is structural, so a schedule saved as JSON and parsed back type-checks;
// its record then has Object's prototype, and "constructor" was found there: a TypeError.
describe('a schedule parsed back from JSON finds only its own payment types', () => {
  const parsedBack = JSON.parse(JSON.stringify(unwrap(build({ paymentMethods: { card: { feeRate: '1%', customerFee: 10 } } })))) as FeeSchedule;

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('%s is payment_type_not_in_schedule in every fee function', (paymentType) => {
    const unknown = rejected('payment_type_not_in_schedule', `payment type "${paymentType}" has no fees in this schedule (it has: card)`);
    expect(processingFee(parsedBack, paymentType, 100)).toEqual(unknown);
    expect(processingFeeCalculator(parsedBack, paymentType)).toEqual(unknown);
    expect(customerFee(parsedBack, paymentType)).toEqual(unknown);
    expect(hasPaymentType(parsedBack, paymentType)).toBe(false);
  });

  it('its own types still compute', () => {
    expect(processingFee(parsedBack, 'card', 1000)).toEqual({ ok: true, value: { fee: { type: 'Processing Fee', amount: 10 }, tax: { type: 'Processing Fee Tax', amount: 1 } } });
    expect(hasPaymentType(parsedBack, 'card')).toBe(true);
  });
});

describe('parseRate: a value that is not a string is rate_malformed, and the message says what it was', () => {
  it('null, a number, an object', () => {
    expect(parseRate(null, 'taxRate')).toEqual(rejected('rate_malformed', 'taxRate: expected a percentage string like "3.6%", got null'));
    expect(parseRate(3.6)).toEqual(rejected('rate_malformed', 'rate: expected a percentage string like "3.6%", got number'));
    expect(parseRate({})).toEqual(rejected('rate_malformed', 'rate: expected a percentage string like "3.6%", got object'));
  });
});

describe('buildFeeSchedule defaults (README "Schedules": taxRate 10%, refundRequestFee 300, rounding half_up; only undefined takes a default)', () => {
  it('left out: the defaults', () => {
    const schedule = unwrap(build({ paymentMethods: { card: { feeRate: '3.6%' } } }));
    expect(schedule.taxRate).toEqual({ text: '10%', numerator: 1, denominator: 10 });
    expect(schedule.refundRequestFee).toBe(300);
    expect(schedule.rounding).toBe('half_up');
    expect(schedule.paymentMethods.card).toEqual({ paymentType: 'card', feeRate: { text: '3.6%', numerator: 36, denominator: 1000 }, fixedFee: 0, customerFee: undefined });
  });
  it('given: the values given, 0 included', () => {
    const schedule = unwrap(build({ paymentMethods: { card: { feeRate: '3.6%', fixedFee: 0, customerFee: 0 } }, taxRate: '8%', refundRequestFee: 0, rounding: 'floor' }));
    expect(schedule.taxRate).toEqual({ text: '8%', numerator: 8, denominator: 100 });
    expect(schedule.refundRequestFee).toBe(0);
    expect(schedule.rounding).toBe('floor');
    expect(schedule.paymentMethods.card).toEqual({ paymentType: 'card', feeRate: { text: '3.6%', numerator: 36, denominator: 1000 }, fixedFee: 0, customerFee: 0 });
  });
  it('null is not left out: each is rejected with its code and message', () => {
    expect(build({ paymentMethods: {}, rounding: null })).toEqual(rejected('rounding_mode_unknown', 'rounding: null is not one of "half_up", "half_even", "floor", "ceiling"'));
    expect(build({ paymentMethods: {}, rounding: 'HALF_UP' })).toEqual(rejected('rounding_mode_unknown', 'rounding: "HALF_UP" is not one of "half_up", "half_even", "floor", "ceiling"'));
    expect(build({ paymentMethods: {}, taxRate: null })).toEqual(rejected('rate_malformed', 'taxRate: expected a percentage string like "3.6%", got null'));
    expect(build({ paymentMethods: {}, refundRequestFee: null })).toEqual(
      rejected('fee_amount_invalid', 'refundRequestFee: expected a non-negative safe integer amount in minor units, got null'),
    );
    expect(build({ paymentMethods: { card: { feeRate: '1%', fixedFee: null } } })).toEqual(
      rejected('fee_amount_invalid', 'paymentMethods.card.fixedFee: expected a non-negative safe integer amount in minor units, got null'),
    );
    expect(build({ paymentMethods: { card: { feeRate: '1%', customerFee: null } } })).toEqual(
      rejected('fee_amount_invalid', 'paymentMethods.card.customerFee: expected a non-negative safe integer amount in minor units, got null'),
    );
  });
});

describe('buildFeeSchedule: fee_amount_invalid says what the value was (README "Rejection codes")', () => {
  const message = (got: string) => rejected('fee_amount_invalid', `refundRequestFee: expected a non-negative safe integer amount in minor units, got ${got}`);
  it.each([
    [-1, '-1'],
    [0.5, '0.5'],
    [Number.NaN, 'NaN'],
    [2 ** 53, '9007199254740992'],
    ['300', '"300"'],
    [[300], 'an array'],
    [{}, 'object'],
    [true, 'boolean'],
    [300n, 'bigint'],
  ])('%s', (value, got) => {
    expect(build({ paymentMethods: {}, refundRequestFee: value })).toEqual(message(got));
  });
});

describe('buildFeeSchedule: payment types (README "Schedules": 1 to 64 characters of a-z, 0-9 and "_", starting with a letter; at most 128)', () => {
  const invalid = (shown: string) =>
    rejected('payment_type_invalid', `paymentMethods[${shown}]: a payment type is 1 to 64 characters of a-z, 0-9 and "_", starting with a letter`);
  it('64 characters are accepted, 65 are not; 80 are shown whole, 81 cut to 80 and an ellipsis', () => {
    expect(build({ paymentMethods: { ['a'.repeat(64)]: { feeRate: '1%' } } }).ok).toBe(true);
    expect(build({ paymentMethods: { ['a'.repeat(65)]: { feeRate: '1%' } } })).toEqual(invalid(`"${'a'.repeat(65)}"`));
    expect(build({ paymentMethods: { ['a'.repeat(80)]: { feeRate: '1%' } } })).toEqual(invalid(`"${'a'.repeat(80)}"`));
    expect(build({ paymentMethods: { ['a'.repeat(81)]: { feeRate: '1%' } } })).toEqual(invalid(`"${'a'.repeat(80)}…"`));
  });
  it('the pattern, anchored at both ends', () => {
    expect(build({ paymentMethods: { credit_card2: { feeRate: '1%' } } }).ok).toBe(true);
    expect(build({ paymentMethods: { c: { feeRate: '1%' } } }).ok).toBe(true);
    expect(build({ paymentMethods: { '': { feeRate: '1%' } } })).toEqual(invalid('""'));
    expect(build({ paymentMethods: { '2card': { feeRate: '1%' } } })).toEqual(invalid('"2card"'));
    expect(build({ paymentMethods: { 'card-1': { feeRate: '1%' } } })).toEqual(invalid('"card-1"'));
    expect(build({ paymentMethods: { Card: { feeRate: '1%' } } })).toEqual(invalid('"Card"'));
  });
  it('a line separator or C1 control in a payment type is escaped in the message', () => {
    expect(build({ paymentMethods: { 'a\u2028b\u0085': { feeRate: '1%' } } })).toEqual(invalid('"a\\u2028b\\u0085"'));
  });
  it('128 payment types are accepted; 129 are payment_type_invalid', () => {
    const methods = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`t${index}`, { feeRate: '1%' }]));
    expect(build({ paymentMethods: methods(128) }).ok).toBe(true);
    expect(build({ paymentMethods: methods(129) })).toEqual(rejected('payment_type_invalid', 'paymentMethods: at most 128 payment types, got 129'));
  });
  // Review 145: the message said "feeRate … got undefined" to someone who sent "3.6%".
  it('an entry that is not an object is rate_malformed saying what the entry must be, and what it was', () => {
    const expected = (got: string) => rejected('rate_malformed', `paymentMethods.card: expected an object { feeRate, fixedFee?, customerFee? } with a percentage string like "3.6%" as its feeRate, got ${got}`);
    expect(build({ paymentMethods: { card: '3.6%' } })).toEqual(expected('"3.6%"'));
    expect(build({ paymentMethods: { card: null } })).toEqual(expected('null'));
    expect(build({ paymentMethods: { card: ['3.6%'] } })).toEqual(expected('an array'));
  });
});

const DERIVED = 'an object with a prototype other than Object.prototype, as Object.create(defaults) makes (its inherited entries are not its own: spread them into a literal)';

describe('buildFeeSchedule: a schedule that is not an object is a programmer error (TypeError) that says what it got', () => {
  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['x', 'string'],
    [undefined, 'undefined'],
  ])('input %s', (input, got) => {
    expect(() => build(input)).toThrow(new TypeError(`buildFeeSchedule: expected a schedule object, got ${got}`));
  });
  it.each([
    [null, 'null'],
    [[], 'an array'],
    [new Map(), 'a Map'],
    [new (class Fees {})(), 'a Fees'],
    // Derived objects (since session 48 said so: one made from an Object.create(null) defaults
    // object passed as plain and lost its inherited types). No constructor on the chain, an
    // anonymous class, a constructor whose name is not a string: described, never a crash.
    [Object.create({}) as object, DERIVED],
    [Object.create(Object.create(Object.create(null) as object) as object) as object, DERIVED],
    [Object.create(Object.create(null) as object) as object, DERIVED],
    [new (class {})(), DERIVED],
    [Object.create({ constructor: { name: 5 } }) as object, DERIVED],
    [7, 'number'],
  ])('paymentMethods %s', (paymentMethods, got) => {
    expect(() => build({ paymentMethods })).toThrow(new TypeError(`buildFeeSchedule: expected paymentMethods to be a plain object (a literal, or one without a prototype), got ${got}`));
  });
  it('a plain object, one without a prototype, and one from another realm are accepted', async () => {
    const { runInNewContext } = await import('node:vm');
    expect(build({ paymentMethods: Object.assign(Object.create(null) as object, { card: { feeRate: '1%' } }) }).ok).toBe(true);
    expect(build({ paymentMethods: runInNewContext('({ card: { feeRate: "1%" } })') as object }).ok).toBe(true);
    expect(build(runInNewContext('({ paymentMethods: {} })') as object).ok).toBe(true);
  });
});
