import { assertAmount } from '../amounts/assert-amount.js';
import { platformCumulativeRefund } from './platform-cumulative-refund.js';
import type { TwoPartyRefund } from './types.js';

/**
 * Splits one seller-model refund between the platform and the seller: the refund that takes the
 * refunded total from `refundedBefore` to `refundedAfter`. The platform gives back the growth of
 * its cumulative part ({@link platformCumulativeRefund}), the seller the rest of the refund.
 * Both parts are ≥ 0 and they add up to the refund; over any sequence of refunds ending at the
 * full amount, the platform gives back exactly `platformAmount`.
 *
 * Throws (a programmer error) if `refundedBefore > refundedAfter` or `refundedAfter > amount`.
 *
 * @example
 * // ¥50,000 with ¥5,000 to the platform; refunds of ¥100, ¥100 and ¥7:
 * twoPartyRefund(50_000, 5_000, 0, 100); // { platform: 10, seller: 90 }
 * twoPartyRefund(50_000, 5_000, 100, 200); // { platform: 10, seller: 90 }
 * twoPartyRefund(50_000, 5_000, 200, 207); // { platform: 1, seller: 6 } (cumulative 20.7 → 21)
 */
export function twoPartyRefund(amount: number, platformAmount: number, refundedBefore: number, refundedAfter: number): TwoPartyRefund {
  assertAmount(refundedBefore, 'refundedBefore');
  assertAmount(refundedAfter, 'refundedAfter');
  if (refundedBefore > refundedAfter) throw new RangeError(`twoPartyRefund: refundedBefore ${refundedBefore} exceeds refundedAfter ${refundedAfter}`);
  const platform = platformCumulativeRefund(amount, platformAmount, refundedAfter) - platformCumulativeRefund(amount, platformAmount, refundedBefore);
  // `+ 0`: a refundedAfter of -0 (a valid amount) would otherwise give the seller -0.
  const seller = refundedAfter - refundedBefore - platform + 0;
  // Both hold by monotonicity of half-up rounding with a ratio ≤ 1; asserted, not assumed.
  if (platform < 0 || seller < 0) throw new Error(`twoPartyRefund: negative part (platform ${platform}, seller ${seller})`);
  return { platform, seller };
}
