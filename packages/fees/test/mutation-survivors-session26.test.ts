import { describe, expect, it } from 'vitest';
import { buildFeeSchedule, processingFee, processingFeeCalculator, type FeeSchedule, type ProcessingFeeCalculator } from '@kanjo/fees';

// Mutation audit of session 26's changes to @kanjo/fees (describe-value.ts, its two callers,
// and describeType in build-fee-schedule.ts): each test kills mutants the earlier tests let
// live, named above it.

function schedule(): FeeSchedule {
  const built = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%' } } });
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

function calculator(): ProcessingFeeCalculator {
  const built = processingFeeCalculator(schedule(), 'credit_card');
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** processingFee's rejection message for an amount that is not one (values from JavaScript callers). */
function amountProblem(amount: unknown): string {
  const result = processingFee(schedule(), 'credit_card', amount as number);
  return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
}

const PREFIX = 'amount_not_safe_integer: amount: expected a non-negative safe integer in minor units, got ';

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('processingFee describes an amount that is not one by its kind (describeValue)', () => {
  // Kills describe-value.ts `value.length > 64` → `>= 64` and `slice(0, 64)` → `slice(0, 63)`:
  // 64 characters are quoted whole, 65 are cut to 64 and an ellipsis.
  it('a string of 64 characters is quoted whole; one of 65 is cut to 64 and "…"', () => {
    expect(amountProblem('x'.repeat(64))).toBe(`${PREFIX}the string "${'x'.repeat(64)}"`);
    expect(amountProblem('x'.repeat(65))).toBe(`${PREFIX}the string "${'x'.repeat(64)}…"`);
  });

  // Kills escapedJson left out (`escapedJson(JSON.stringify(…))` → `JSON.stringify(…)`), its
  // range starting at U+0080 instead of U+007F, and `padStart(4, '0')` → `padStart(2, '0')`:
  // DEL, a C1 control and U+2028 (which JSON leaves raw) are written as \uXXXX.
  it('DEL, NEL and U+2028 in a string amount are written as \\u007f, \\u0085 and \\u2028', () => {
    expect(amountProblem('\u007f\u0085\u2028')).toBe(`${PREFIX}the string "\\u007f\\u0085\\u2028"`);
  });

  // Kills the bigint's `n` dropped, the boolean line removed (it read "a boolean"), and
  // `typeof value !== 'object'` removed (a symbol read "an object"); a revoked Proxy is "an
  // object" (kills the try/catch around Array.isArray turned into a rethrow).
  it('a bigint, a boolean, a symbol, a list and a revoked Proxy are named by kind', () => {
    expect(amountProblem(10n)).toBe(`${PREFIX}the bigint 10n`);
    expect(amountProblem(true)).toBe(`${PREFIX}the boolean true`);
    expect(amountProblem(Symbol('s'))).toBe(`${PREFIX}a symbol`);
    expect(amountProblem([1])).toBe(`${PREFIX}an array`);
    expect(amountProblem(revokedProxy())).toBe(`${PREFIX}an object`);
    expect(amountProblem(undefined)).toBe(`${PREFIX}nothing (undefined)`);
    expect(amountProblem(null)).toBe(`${PREFIX}null`);
  });

  // Kills processing-fee.ts `describeValue(amount)` → `String(amount)`: the string "5" would
  // read as the amount 5 in a message refusing it.
  it('the string "5" is named as a string, not as the number it looks like', () => {
    expect(amountProblem('5')).toBe(`${PREFIX}the string "5"`);
  });
});

describe('ProcessingFeeCalculator.fee and .tax name a wrong value by its kind (compileRoundedProduct)', () => {
  // Kills compile-rounded-product.ts `describeValue(value)` → `String(value)`.
  it('fee("5") and tax("\\u0085") throw RangeErrors naming a string', () => {
    const { fee, tax } = calculator();
    expect(() => fee('5' as unknown as number)).toThrow(new RangeError('credit_card processing fee: amount must be a non-negative safe integer in minor units, got the string "5"'));
    expect(() => tax('\u0085' as unknown as number)).toThrow(new RangeError('credit_card processing fee tax: fee must be a non-negative safe integer in minor units, got the string "\\u0085"'));
  });

  // Found as a defect (fixed). Reproduction: processingFeeCalculator(schedule, 'credit_card').value.fee(p) with p a
  // revoked Proxy throws TypeError "Cannot perform 'get' on a proxy that has been revoked"; with
  // Object.create(null), TypeError "Cannot convert object to primitive value". The fast path's
  // `value >= 0` converts the value to a primitive before any check, so slow()'s describeValue
  // (which session 26 made safe for exactly these values) is never reached. The TSDoc of
  // ProcessingFeeCalculator.fee: "Throws a `RangeError` when the amount is not a non-negative
  // safe integer"; processingFee answers "got an object" for both.
  it('fee(a revoked Proxy) and fee(Object.create(null)) throw the documented RangeError, "got an object"', () => {
    const { fee } = calculator();
    const expected = new RangeError('credit_card processing fee: amount must be a non-negative safe integer in minor units, got an object');
    expect(() => fee(revokedProxy() as unknown as number)).toThrow(expected);
    expect(() => fee(Object.create(null) as number)).toThrow(expected);
  });
});

describe('buildFeeSchedule describes a wrong value without reading it past what it can (describeType)', () => {
  // Kills build-fee-schedule.ts describeType's catch turned into a rethrow, and its answer
  // 'object' → 'an object': a revoked Proxy as `rounding` is the rejection, "object".
  it('rounding given a revoked Proxy is rounding_mode_unknown, described as object', () => {
    const built = buildFeeSchedule({ paymentMethods: {}, rounding: revokedProxy() as never });
    expect(built.ok ? 'accepted' : `${built.error.code}: ${built.error.message}`).toBe('rounding_mode_unknown: rounding: object is not one of "half_up", "half_even", "floor", "ceiling"');
  });

  // Kills `if (typeof value !== 'object') return typeof value;` removed: a number would be
  // described by its prototype's constructor, "a Number".
  it('a number given as the schedule is a TypeError naming "number"', () => {
    expect(() => buildFeeSchedule(5 as never)).toThrow(new TypeError('buildFeeSchedule: expected a schedule object, got number'));
  });
});
