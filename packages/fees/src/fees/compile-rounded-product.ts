import { describeValue } from './describe-value.js';
import { assertNever, multiplyDivide, type RoundingMode } from '@kanjo/splits';
import type { Rate } from '../rates/parse-rate.js';

/**
 * Compiles `value ↦ round(value × rate)` for one rate and rounding mode: the same numbers as
 * `multiplyDivide(value, rate.numerator, rate.denominator, rounding)`, but with the checks
 * and choices that depend only on the rate made once, here, instead of on every call.
 *
 * - The fast path covers every value with `value × numerator ≤ MAX_SAFE_INTEGER`, a bound
 *   computed once: the product is then exact in a double, and so are the quotient and remainder
 *   found from it (the float quotient is corrected by its exact remainder, as in multiplyDivide).
 *   No allocation, no big.js, no bigint.
 * - The rounding step is picked once by mode, so the per-call work has no mode switch.
 * - Anything else (a larger value, or a value that is not a non-negative safe integer) goes to
 *   the slow path: multiplyDivide's exact bigint fallback, or a RangeError naming `what`.
 *
 * @param what - names the value in the RangeError message (`"amount"`, `"fee"`).
 */
export function compileRoundedProduct(rate: Rate, rounding: RoundingMode, what: string): (value: number) => number {
  const { numerator, denominator } = rate;
  const lastFastValue = numerator === 0 ? Number.MAX_SAFE_INTEGER : Math.floor(Number.MAX_SAFE_INTEGER / numerator);
  const roundStep = roundStepFor(rounding);
  const slow = (value: number): number => {
    if (!(Number.isSafeInteger(value) && value >= 0)) {
      throw new RangeError(`${what} must be a non-negative safe integer in minor units, got ${describeValue(value)}`);
    }
    return multiplyDivide(value, numerator, denominator, rounding);
  };
  return (value: number): number => {
    // One range test admits only integers in [0, lastFastValue]; NaN fails every comparison.
    // The typeof test comes first: `>=` would convert an object to a primitive, and one that
    // cannot be (a revoked Proxy, Object.create(null)) threw a TypeError, not the RangeError.
    if (typeof value !== 'number' || !(value >= 0 && value <= lastFastValue && Number.isInteger(value))) return slow(value);
    const product = value * numerator;
    let quotient = Math.floor(product / denominator);
    let remainder = product - quotient * denominator;
    // Float division may land one off; the exact remainder says which way to correct.
    if (remainder < 0) {
      quotient -= 1;
      remainder += denominator;
    } else if (remainder >= denominator) {
      quotient += 1;
      remainder -= denominator;
    }
    // `+ 0` turns the -0 that 0 × numerator can give for a value of -0 into 0.
    return roundStep(quotient, remainder, denominator) + 0;
  };
}

type RoundStep = (quotient: number, remainder: number, denominator: number) => number;

// Each step gets 0 ≤ remainder < denominator and returns floor or floor + 1.
const ROUND_FLOOR: RoundStep = (quotient) => quotient;
const ROUND_CEILING: RoundStep = (quotient, remainder) => (remainder > 0 ? quotient + 1 : quotient);
const ROUND_HALF_UP: RoundStep = (quotient, remainder, denominator) => (remainder >= denominator - remainder ? quotient + 1 : quotient);
const ROUND_HALF_EVEN: RoundStep = (quotient, remainder, denominator) => {
  const other = denominator - remainder;
  if (remainder !== other) return remainder > other ? quotient + 1 : quotient;
  return quotient % 2 === 0 ? quotient : quotient + 1;
};

function roundStepFor(rounding: RoundingMode): RoundStep {
  switch (rounding) {
    case 'floor':
      return ROUND_FLOOR;
    case 'ceiling':
      return ROUND_CEILING;
    case 'half_up':
      return ROUND_HALF_UP;
    case 'half_even':
      return ROUND_HALF_EVEN;
    default:
      return assertNever(rounding, 'rounding mode');
  }
}
