/**
 * Whether a value is an amount: a non-negative safe integer count of minor units.
 *
 * @example
 * isAmount(1000); // true
 * isAmount(10.5); // false
 * isAmount(2 ** 53); // false: beyond Number.MAX_SAFE_INTEGER an integer is no longer exact
 */
export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
