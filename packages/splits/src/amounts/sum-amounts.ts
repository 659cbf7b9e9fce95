import { accept, reject, type Result } from '../result/result.js';
import { assertAmount } from './assert-amount.js';
import { isAmount } from './is-amount.js';

/**
 * The sum of amounts, or `amount_sum_not_safe_integer` when it would pass
 * Number.MAX_SAFE_INTEGER (beyond it, integer addition silently stops being exact).
 * Each amount must be a non-negative safe integer: anything else is a programmer error and throws.
 *
 * @param field - the name used in messages (default `'amount'`)
 * @example
 * sumAmounts([700, 300]); // { ok: true, value: 1000 }
 * sumAmounts([Number.MAX_SAFE_INTEGER, 1]); // { ok: false, error: { code: 'amount_sum_not_safe_integer', … } }
 */
export function sumAmounts(amounts: readonly number[], field = 'amount'): Result<number, 'amount_sum_not_safe_integer'> {
  let total = 0;
  for (let index = 0; index < amounts.length; index += 1) {
    const amount = amounts[index] as number;
    // The message names the entry, so it is built only when the check fails.
    if (!isAmount(amount)) assertAmount(amount, `${field}[${index}]`);
    // Compared before adding, so the test itself never leaves the exact range.
    if (amount > Number.MAX_SAFE_INTEGER - total) {
      return reject('amount_sum_not_safe_integer', `the sum of ${field} values passes ${Number.MAX_SAFE_INTEGER} minor units at index ${index}; split it into smaller amounts`);
    }
    total += amount;
  }
  return accept(total);
}
