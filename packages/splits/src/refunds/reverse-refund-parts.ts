import type { MarketplaceShares } from '../marketplace/types.js';
import type { RefundParts } from './types.js';

/**
 * The parts of a reverse refund (a marketplace `refund` with no split): every party gives back
 * all it has left of its share, so after it each party has refunded exactly its share and the
 * payment is fully refunded. The platform debits the Refund; each Payout Merchant pays its part
 * back to the platform as a Payment Transfer Return.
 *
 * @param remaining - what is left of each share ({@link remainingShares})
 * @example
 * reverseRefundParts({ platform: 50, submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }] });
 * // { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 30 }, { submerchantId: 'pm-2', amount: 20 }] }
 */
export function reverseRefundParts(remaining: MarketplaceShares): RefundParts {
  return {
    platform: remaining.platform,
    submerchants: remaining.submerchants.map(({ submerchantId, share }) => ({ submerchantId, amount: share })),
  };
}
