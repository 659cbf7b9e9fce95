import { assertAmount } from '../amounts/assert-amount.js';
import { isAmount } from '../amounts/is-amount.js';
import type { MarketplaceShares } from '../marketplace/types.js';
import type { RefundParts } from './types.js';
import { quoteText } from '../result/quote-text.js';

/**
 * The parts of a reverse refund (a marketplace `refund` with no split): every party gives back
 * all it has left of its share, so after it each party has refunded exactly its share and the
 * payment is fully refunded. The platform debits the Refund; each Payout Merchant pays its part
 * back to the platform as a Payment Transfer Return.
 *
 * Throws a RangeError (a programmer error, as {@link remainingShares} does) for a share that is
 * not a non-negative safe integer, and a TypeError when `remaining` or one of its lines is not an
 * object or `remaining.submerchants` is not a list:
 * what it returns are refund amounts, which must never be a fraction or a negative.
 *
 * @param remaining - what is left of each share ({@link remainingShares})
 * @example
 * reverseRefundParts({ platform: 50, submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }] });
 * // { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 30 }, { submerchantId: 'pm-2', amount: 20 }] }
 */
export function reverseRefundParts(remaining: MarketplaceShares): RefundParts {
  if (typeof remaining !== 'object' || remaining === null || !Array.isArray(remaining.submerchants)) {
    throw new TypeError('reverseRefundParts: remaining must be the shares left ({ platform, submerchants: [...] }), as remainingShares gives them');
  }
  assertAmount(remaining.platform, 'remaining.platform');
  // `+ 0` here and below: what is left may be -0 (a valid amount); the parts are never "-0".
  return {
    platform: remaining.platform + 0,
    submerchants: remaining.submerchants.map((line: unknown) => {
      if (typeof line !== 'object' || line === null) throw new TypeError('reverseRefundParts: each of remaining.submerchants must be { submerchantId, share }');
      const { submerchantId, share } = line as MarketplaceShares['submerchants'][number];
      // The message names the entry, so it is built only when the check fails.
      if (!isAmount(share)) assertAmount(share, `share of ${quoteText(submerchantId)}`);
      return { submerchantId, amount: share + 0 };
    }),
  };
}
