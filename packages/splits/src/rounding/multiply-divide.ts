import { quoteText } from '../result/quote-text.js';
import { assertNever } from '../result/result.js';
import { divideRoundedBig } from './divide-rounded-big.js';
import type { RoundingMode } from './rounding-mode.js';

/**
 * `a × b / d` rounded by `mode`, exactly, for non-negative safe integers `a`, `b` and a
 * positive safe integer `d`: the one ratio computation behind fees, taxes and proportional
 * refunds.
 *
 * While `a × b` stays within Number.MAX_SAFE_INTEGER the product is exact in a double and
 * the quotient is found with plain numbers (no allocation); the float quotient is only a
 * first guess, corrected by its exact remainder, so a quotient that lands a hair off a whole
 * number cannot round wrongly. Beyond the safe range it falls back to bigint. The result is
 * asserted to be a safe integer: a caller that could exceed it has a bug. Factors, divisor or a
 * rounding mode out of range throw a RangeError, whether or not the division is exact.
 */
export function multiplyDivide(a: number, b: number, d: number, mode: RoundingMode): number {
  if (!(Number.isSafeInteger(a) && a >= 0 && Number.isSafeInteger(b) && b >= 0)) {
    throw new RangeError(`multiplyDivide: factors must be non-negative safe integers, got ${a} and ${b}`);
  }
  if (!(Number.isSafeInteger(d) && d > 0)) throw new RangeError(`multiplyDivide: divisor must be a positive safe integer, got ${d}`);
  // Checked before any division: a mode from untyped code ('HALF_UP') would otherwise pass
  // every exact division and throw only at the first amount that needs rounding.
  if (mode !== 'half_up' && mode !== 'half_even' && mode !== 'floor' && mode !== 'ceiling') {
    throw new RangeError(`multiplyDivide: rounding mode must be half_up, half_even, floor or ceiling, got ${quoteText(mode)}`);
  }
  // `+ 0` turns the -0 of a -0 factor (which passes the checks above) into 0, so no amount
  // computed from it prints as "-0".
  const product = a * b + 0;
  if (product > Number.MAX_SAFE_INTEGER) return fromBig(divideRoundedBig(BigInt(a) * BigInt(b), BigInt(d), mode));
  let quotient = Math.floor(product / d);
  let remainder = product - quotient * d;
  // The float division may be one off; the exact remainder says which way to correct.
  if (remainder < 0) {
    quotient -= 1;
    remainder += d;
  } else if (remainder >= d) {
    quotient += 1;
    remainder -= d;
  }
  if (remainder === 0) return quotient;
  switch (mode) {
    case 'floor':
      return quotient;
    case 'ceiling':
      return quotient + 1;
    case 'half_up':
      return remainder >= d - remainder ? quotient + 1 : quotient;
    case 'half_even': {
      const other = d - remainder;
      if (remainder > other) return quotient + 1;
      if (remainder < other) return quotient;
      return quotient % 2 === 0 ? quotient : quotient + 1;
    }
    default:
      return assertNever(mode, 'rounding mode');
  }
}

function fromBig(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`multiplyDivide: result ${value} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return Number(value);
}
