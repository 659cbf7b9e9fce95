import { countText } from '../result/count-text.js';
import { assertAmount } from '../amounts/assert-amount.js';
import { isAmount } from '../amounts/is-amount.js';
import { accept, reject, type Result } from '../result/result.js';
import { proportionalRefundInto } from './proportional-refund-into.js';
import type { ProportionalRefundErrorCode } from './types.js';

/**
 * Splits a refund among any number of parties in proportion to their shares, on cumulative
 * totals: given each party's share and what it has refunded so far, and the refunded total
 * *after* this refund, returns what each party gives back in this refund. Each part is ≥ 0 and
 * they add up to `refundTotal − Σ refunded`.
 *
 * Guarantees for any sequence of refunds made with it (starting from nothing refunded): a
 * party's cumulative refund never decreases, never exceeds its share, stays strictly within one
 * unit of its exact proportion (floor ≤ cumulative ≤ ceil of R × w_i / T), and equals its share
 * exactly once everything is refunded. The method and why simpler ones fail are in the README
 * and on {@link proportionalRefundInto}.
 *
 * Rejections, in order: `amount_sum_not_safe_integer` (the shares), `refunded_exceeds_share`,
 * `refund_total_exceeds_shares`, `refund_total_below_refunded`. Arrays of different lengths or
 * entries that are not non-negative safe integers are programmer errors and throw.
 *
 * This is a utility for callers who split refunds by ratio; the marketplace engine takes a
 * partial refund only with an explicit split, and the seller model's two parties use the
 * half-up rule of {@link twoPartyRefund}, which can differ from this one by a unit.
 *
 * @param shares - each party's share (what it netted), in minor units
 * @param refunded - what each party has refunded so far, in the same order
 * @param refundTotal - the cumulative refunded total once this refund is made
 * @example
 * proportionalRefund([100, 300, 300], [0, 0, 0], 3); // { ok: true, value: [0, 2, 1] }
 * proportionalRefund([100, 300, 300], [0, 2, 1], 4); // { ok: true, value: [0, 0, 1] }
 */
export function proportionalRefund(shares: readonly number[], refunded: readonly number[], refundTotal: number): Result<number[], ProportionalRefundErrorCode> {
  if (!Array.isArray(shares) || !Array.isArray(refunded)) throw new TypeError('proportionalRefund: shares and refunded must be arrays');
  if (shares.length !== refunded.length) throw new RangeError(`proportionalRefund: ${countText(shares.length)} shares but ${countText(refunded.length)} refunded amounts`);
  for (let index = 0; index < shares.length; index += 1) {
    const share = shares[index] as number;
    const given = refunded[index] as number;
    // The message names the entry, so it is built only when the check fails.
    if (!isAmount(share)) assertAmount(share, `shares[${index}]`);
    if (!isAmount(given)) assertAmount(given, `refunded[${index}]`);
  }
  assertAmount(refundTotal, 'refundTotal');
  let total = 0;
  for (const share of shares) {
    if (share > Number.MAX_SAFE_INTEGER - total) {
      return reject('amount_sum_not_safe_integer', `the shares add up past ${Number.MAX_SAFE_INTEGER} minor units`);
    }
    total += share;
  }
  let refundedTotal = 0;
  for (let index = 0; index < shares.length; index += 1) {
    const share = shares[index] as number;
    const given = refunded[index] as number;
    if (given > share) {
      return reject('refunded_exceeds_share', `party ${index} has refunded ${given}, more than its share ${share}; the refund history does not match the shares`);
    }
    refundedTotal += given; // ≤ total: safe
  }
  if (refundTotal > total) {
    return reject('refund_total_exceeds_shares', `the refunded total ${refundTotal} would exceed the shares' total ${total}; at most ${total - refundedTotal} is left to refund`);
  }
  if (refundTotal < refundedTotal) {
    return reject('refund_total_below_refunded', `the refunded total ${refundTotal} is below the ${refundedTotal} already refunded; pass the cumulative total after this refund`);
  }
  // Filled by push so that the array is packed, like the caller-owned arrays the fast variant
  // usually gets: one array shape keeps proportionalRefundInto's element accesses monomorphic.
  const parts: number[] = [];
  for (let index = 0; index < shares.length; index += 1) parts.push(0);
  proportionalRefundInto(shares, refunded, refundTotal, parts);
  return accept(parts);
}
