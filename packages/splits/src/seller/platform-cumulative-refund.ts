import { assertAmount } from '../amounts/assert-amount.js';
import { multiplyDivide } from '../rounding/multiply-divide.js';

/**
 * The platform's part of all seller-model refunds together, once they total `refundedTotal`:
 * round-half-up(refundedTotal × platformAmount / amount). The seller's is the rest.
 *
 * Working on the cumulative total, never refund by refund, is what makes the rule safe
 * (DOMAIN "Proportional refunds and rounding"): the result never decreases as refunds add up, so
 * no refund takes money back from either party; each party stays within half a unit of its exact
 * proportion; and at the full refund it is exactly `platformAmount`.
 *
 * Throws (a programmer error) unless `amount` is positive, `0 ≤ platformAmount ≤ amount` and
 * `0 ≤ refundedTotal ≤ amount`.
 *
 * @example
 * platformCumulativeRefund(50_000, 5_000, 207); // 21 (20.7 rounded half up)
 */
export function platformCumulativeRefund(amount: number, platformAmount: number, refundedTotal: number): number {
  assertAmount(amount);
  assertAmount(platformAmount, 'platformAmount');
  assertAmount(refundedTotal, 'refundedTotal');
  if (amount === 0) throw new RangeError('platformCumulativeRefund: amount must be positive');
  if (platformAmount > amount) throw new RangeError(`platformCumulativeRefund: platformAmount ${platformAmount} exceeds amount ${amount}`);
  if (refundedTotal > amount) throw new RangeError(`platformCumulativeRefund: refundedTotal ${refundedTotal} exceeds amount ${amount}`);
  return multiplyDivide(refundedTotal, platformAmount, amount, 'half_up');
}
