import { assertAmount } from '../amounts/assert-amount.js';
import { isAmount } from '../amounts/is-amount.js';
import type { MarketplaceShares, SubmerchantShare } from '../marketplace/types.js';
import type { RefundParts } from './types.js';
import { quoteText } from '../result/quote-text.js';

/**
 * What is left of each party's share after the refunds so far: share − refunded, per party,
 * in the order of `shares`. `refunded` holds the cumulative refunded parts (the sum of every
 * refund's {@link RefundParts}); a Payout Merchant it does not list has refunded nothing.
 *
 * Throws (a programmer error: the books are inconsistent) if a party has refunded more than its
 * share, or `refunded` names a Payout Merchant that has no share or names one twice.
 *
 * @example
 * remainingShares(
 *   { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] },
 *   { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] },
 * ); // { platform: 50, submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }] }
 */
export function remainingShares(shares: MarketplaceShares, refunded: RefundParts): MarketplaceShares {
  assertAmount(shares.platform, 'shares.platform');
  assertAmount(refunded.platform, 'refunded.platform');
  // `+ 0` here and below: a share of -0 (a valid amount) less 0 would be -0, which prints as "-0".
  const platform = shares.platform - refunded.platform + 0;
  if (platform < 0) throw new RangeError(`remainingShares: the platform has refunded ${refunded.platform}, more than its share ${shares.platform}`);
  // Ids are quoted with quoteText, as in every other message: JSON.stringify threw its own
  // TypeError on a bigint id, and it and a raw id left a line separator (U+2028) in the
  // one-line message (a symbol id made the template literal throw).
  const refundedById = new Map<string, number>();
  for (const part of refunded.submerchants) {
    // The message names the entry, so it is built only when the check fails.
    if (!isAmount(part.amount)) assertAmount(part.amount, `refunded ${quoteText(part.submerchantId)}`);
    if (refundedById.has(part.submerchantId)) throw new RangeError(`remainingShares: ${quoteText(part.submerchantId)} is listed twice in refunded`);
    refundedById.set(part.submerchantId, part.amount);
  }
  const submerchants: SubmerchantShare[] = [];
  for (const { submerchantId, share } of shares.submerchants) {
    if (!isAmount(share)) assertAmount(share, `share of ${quoteText(submerchantId)}`);
    const given = refundedById.get(submerchantId) ?? 0;
    refundedById.delete(submerchantId);
    if (given > share) throw new RangeError(`remainingShares: ${quoteText(submerchantId)} has refunded ${given}, more than its share ${share}`);
    submerchants.push({ submerchantId, share: share - given + 0 });
  }
  for (const stranger of refundedById.keys()) {
    throw new RangeError(`remainingShares: ${quoteText(stranger)} has refunded parts but no share in the payment`);
  }
  return { platform, submerchants };
}
