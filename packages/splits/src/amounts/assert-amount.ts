import { isArraySafely } from '../result/is-array-safely.js';
import { quoteText } from '../result/quote-text.js';

/**
 * Throws a RangeError unless `value` is an amount (a non-negative safe integer).
 *
 * For amounts that come from code, not from a request: a float or a negative number there is a
 * programmer error, so it throws at once instead of becoming a business rejection. Requests go
 * through {@link parseAmount} instead. The message says what the value was, so that the string
 * `"1000"` (as a scenario file may write it) reads as a string, not as the number 1000.
 *
 * @param field - the name used in the error message (default `'amount'`)
 */
export function assertAmount(value: number, field = 'amount'): void {
  // The typeof guard keeps the check honest for callers that bypass the type checker.
  if (!(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${field} must be a non-negative safe integer count of minor units, got ${describeValue(value)}`);
  }
}

/** What a value that is not an amount is, for the message: never serialized (a bigint or a cycle would throw). */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${quoteText(value)}`;
  if (typeof value === 'bigint') return `the bigint ${String(value)}n`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (value === undefined) return 'nothing (undefined)';
  if (value === null) return 'null';
  if (isArraySafely(value)) return 'an array';
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

