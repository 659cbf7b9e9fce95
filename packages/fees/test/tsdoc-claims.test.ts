import {
  buildFeeSchedule,
  hasPaymentType,
  parseRate,
  processingFee,
  processingFeeCalculator,
  type FeeSchedule,
  type FeeScheduleInput,
} from '@kanjo/fees';
import { unwrap } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Claims made by the TSDoc of @kanjo/fees' public API that no other test pinned (the rest are
// pinned in the package's other test files; the audit's list is in the branch's report). Each
// `it` quotes its claim, with the source file and symbol.

const build = (input: unknown): ReturnType<typeof buildFeeSchedule> => buildFeeSchedule(input as FeeScheduleInput);
const schedule = (input: unknown): FeeSchedule => unwrap(build(input));

describe('schedule/build-fee-schedule.ts', () => {
  // buildFeeSchedule: "Each message names the field, e.g. `paymentMethods.konbini.feeRate: "3.6"
  // is not a percentage like "3.6%" …`."
  it('buildFeeSchedule: "Each message names the field, e.g. paymentMethods.konbini.feeRate: "3.6" is not a percentage like "3.6%" …": that very message', () => {
    expect(build({ paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '3.6' } } })).toEqual({
      ok: false,
      error: { code: 'rate_malformed', message: 'paymentMethods.konbini.feeRate: "3.6" is not a percentage like "3.6%" (digits, an optional decimal part, then "%")' },
    });
  });

  // buildFeeSchedule: "Checks run in a fixed order …: `rounding`, `taxRate`, `refundRequestFee`,
  // the number of payment types, then each payment type in sorted order (its name, …)".
  it('buildFeeSchedule: "… the number of payment types, then each payment type in sorted order (its name, …)": too many types is reported before a bad name', () => {
    const methods = Object.fromEntries(Array.from({ length: 129 }, (_, index) => [`type_${index}`, { feeRate: '1%' }]));
    expect(build({ paymentMethods: { ...methods, 'Bad-Name': { feeRate: 'nope' } } })).toEqual({
      ok: false,
      error: { code: 'payment_type_invalid', message: 'paymentMethods: at most 128 payment types, got 130' },
    });
  });

  // FeeSchedule.paymentTypes: "The payment types of the schedule, sorted by code unit (so two equal
  // schedules list them alike)."
  it('FeeSchedule.paymentTypes: "sorted by code unit (so two equal schedules list them alike)": digits before "_" before letters, not a locale\'s order', () => {
    const entries: readonly (readonly [string, { feeRate: string }])[] = [
      ['ab', { feeRate: '1%' }],
      ['a_b', { feeRate: '2%' }],
      ['a1', { feeRate: '3%' }],
      ['a', { feeRate: '4%' }],
    ];
    const forwards = schedule({ paymentMethods: Object.fromEntries(entries) });
    const backwards = schedule({ paymentMethods: Object.fromEntries([...entries].reverse()) });
    // Code units: '1' (0x31) < '_' (0x5F) < 'b' (0x62). A locale collation puts "_" first.
    expect(forwards.paymentTypes).toEqual(['a', 'a1', 'a_b', 'ab']);
    expect(backwards).toEqual(forwards);
  });

  // FeeSchedule.paymentMethods: "Each payment type's fees; a prototype-free record, so only
  // configured types are found."
  it('FeeSchedule.paymentMethods: "a prototype-free record, so only configured types are found"', () => {
    const built = schedule({ paymentMethods: { konbini: { feeRate: '2.75%' } } });
    expect(Object.getPrototypeOf(built.paymentMethods)).toBeNull();
    expect(Object.keys(built.paymentMethods)).toEqual(['konbini']);
  });
});

describe('schedule/has-payment-type.ts', () => {
  // hasPaymentType: "Only configured types count: the schedule's record has no prototype, so
  // `"constructor"` or `"toString"` are never found." Read literally, "never" overstates it:
  // "constructor" is a valid payment type name and is found once configured; "toString" can never
  // be configured (upper case), so it is indeed never found.
  it('hasPaymentType: "Only configured types count …": "constructor" is found exactly when configured; "toString" cannot be configured at all', () => {
    expect(hasPaymentType(schedule({ paymentMethods: { konbini: { feeRate: '1%' } } }), 'constructor')).toBe(false);
    const withConstructor = schedule({ paymentMethods: { constructor: { feeRate: '1%' } } });
    expect(hasPaymentType(withConstructor, 'constructor')).toBe(true);
    expect(unwrap(processingFee(withConstructor, 'constructor', 1_000)).fee.amount).toBe(10);
    const toStringRejected = build({ paymentMethods: { toString: { feeRate: '1%' } } });
    expect(toStringRejected.ok || toStringRejected.error.code).toBe('payment_type_invalid');
  });
});

describe('rates/parse-rate.ts', () => {
  // RateErrorCode: "checked in this order (the first that applies is returned): `rate_malformed`:
  // … or longer than MAX_RATE_TEXT_LENGTH. `rate_negative`: well formed but for a leading minus sign"
  it('RateErrorCode: "checked in this order": a negative rate longer than 32 characters is rate_malformed, not rate_negative', () => {
    const text = `-${'0'.repeat(30)}1%`;
    expect(text.length).toBe(33);
    expect(parseRate(text)).toEqual({ ok: false, error: { code: 'rate_malformed', message: 'rate: a rate is at most 32 characters, got 33' } });
    expect(parseRate(text.slice(1)).ok).toBe(true); // the same digits, unsigned and 32 long, parse
  });
});

describe('fees/processing-fee-calculator.ts', () => {
  // ProcessingFeeCalculator.fee: "Throws a `RangeError` when the amount is not a non-negative safe
  // integer … (the cases processingFee rejects as `amount_not_safe_integer`)";
  // ProcessingFeeCalculator.tax: "Throws a `RangeError` when the fee is not a non-negative safe integer."
  it('ProcessingFeeCalculator.fee / .tax: "Throws a RangeError when the amount is not a non-negative safe integer", for values from untyped code too', () => {
    const card = schedule({ paymentMethods: { card: { feeRate: '3.6%' } } });
    const calculator = unwrap(processingFeeCalculator(card, 'card'));
    // Each of these passes the fast path's range test by coercion (`'1000' >= 0`, `null <= n`).
    for (const value of ['1000', null, true, 1n, [1000]] as unknown as number[]) {
      expect(() => calculator.fee(value), String(value)).toThrow(RangeError);
      expect(() => calculator.tax(value), String(value)).toThrow(RangeError);
      const result = processingFee(card, 'card', value);
      expect(result.ok || result.error.code, String(value)).toBe('amount_not_safe_integer');
    }
  });
});
