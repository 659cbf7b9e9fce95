import { assertNever } from '../result/result.js';
import { isRoundingMode, type RoundingMode } from './rounding-mode.js';
import { quoteText } from '../result/quote-text.js';

/**
 * `numerator / denominator` rounded to an integer by `mode`, exactly, in bigint.
 * The numerator must be non-negative and the denominator positive (a programmer error
 * otherwise): money quotients in Kanjo are never negative, which keeps each mode simple.
 * A numerator or denominator that is not a bigint throws a TypeError; a mode that is not a
 * {@link RoundingMode} a RangeError, whether or not the division is exact.
 */
export function divideRoundedBig(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  // From JavaScript, numbers would divide as doubles: 5 / 2 is 2.5 whatever the mode.
  if (typeof numerator !== 'bigint' || typeof denominator !== 'bigint') {
    throw new TypeError(`divideRoundedBig: numerator and denominator must be bigints (5n, not 5), got ${typeof numerator} and ${typeof denominator}`);
  }
  if (numerator < 0n) throw new RangeError(`divideRoundedBig: numerator must be non-negative, got ${numerator}`);
  if (denominator <= 0n) throw new RangeError(`divideRoundedBig: denominator must be positive, got ${denominator}`);
  // Checked before dividing, as multiplyDivide does: 'HALF_UP' from untyped code would otherwise
  // pass every exact division and throw only at the first quotient that needs rounding.
  if (!isRoundingMode(mode)) throw new RangeError(`divideRoundedBig: rounding mode must be half_up, half_even, floor or ceiling, got ${quoteText(mode)}`);
  const quotient = numerator / denominator; // bigint division truncates: the floor for non-negative operands
  const remainder = numerator - quotient * denominator;
  if (remainder === 0n) return quotient;
  switch (mode) {
    case 'floor':
      return quotient;
    case 'ceiling':
      return quotient + 1n;
    case 'half_up':
      return 2n * remainder >= denominator ? quotient + 1n : quotient;
    case 'half_even': {
      const twice = 2n * remainder;
      if (twice > denominator) return quotient + 1n;
      if (twice < denominator) return quotient;
      return quotient % 2n === 0n ? quotient : quotient + 1n;
    }
    default:
      return assertNever(mode, 'rounding mode');
  }
}
