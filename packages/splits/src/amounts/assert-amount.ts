/**
 * Throws a RangeError unless `value` is an amount (a non-negative safe integer).
 *
 * For amounts that come from code, not from a request: a float or a negative number there is a
 * programmer error, so it throws at once instead of becoming a business rejection. Requests go
 * through {@link parseAmount} instead.
 *
 * @param field - the name used in the error message (default `'amount'`)
 */
export function assertAmount(value: number, field = 'amount'): void {
  // The typeof guard keeps the check honest for callers that bypass the type checker.
  if (!(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${field} must be a non-negative safe integer count of minor units, got ${String(value)}`);
  }
}
