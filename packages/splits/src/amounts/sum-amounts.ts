import { accept, reject, type Result } from '../result/result.js';
import { assertAmount } from './assert-amount.js';
import { isAmount } from './is-amount.js';
import { describeList } from '../result/describe-list.js';
import { isArraySafely } from '../result/is-array-safely.js';

/**
 * The sum of amounts, or `amount_sum_not_safe_integer` when it would pass
 * Number.MAX_SAFE_INTEGER (beyond it, integer addition silently stops being exact).
 * Each amount must be a non-negative safe integer: anything else is a programmer error and throws,
 * every amount checked before any is added (so also past the point where the sum would overflow).
 * `amounts` must be an array: a Set or an iterator throws `TypeError` (it would sum to 0).
 *
 * @param field - the name used in messages (default `'amount'`)
 * @example
 * sumAmounts([700, 300]); // { ok: true, value: 1000 }
 * sumAmounts([Number.MAX_SAFE_INTEGER, 1]); // { ok: false, error: { code: 'amount_sum_not_safe_integer', … } }
 */
export function sumAmounts(amounts: readonly number[], field = 'amount'): Result<number, 'amount_sum_not_safe_integer'> {
  // A Set, an iterator or a number has no length: the loops below would see no amounts and
  // answer 0, a sum that looks right.
  if (!isArraySafely(amounts)) throw new TypeError(`sumAmounts: amounts must be an array of amounts, not ${describeList(amounts)}`);
  // Every amount first, as the validators do: a malformed one after the point where the sum
  // passes the bound would otherwise hide behind the business rejection.
  for (let index = 0; index < amounts.length; index += 1) {
    const amount = amounts[index] as number;
    // The message names the entry, so it is built only when the check fails.
    if (!isAmount(amount)) assertAmount(amount, `${field}[${index}]`);
  }
  let total = 0;
  for (let index = 0; index < amounts.length; index += 1) {
    const amount = amounts[index] as number;
    // Compared before adding, so the test itself never leaves the exact range.
    if (amount > Number.MAX_SAFE_INTEGER - total) {
      return reject('amount_sum_not_safe_integer', `the sum of ${field} values passes ${Number.MAX_SAFE_INTEGER} minor units at index ${index}; split it into smaller amounts`);
    }
    total += amount;
  }
  return accept(total);
}
