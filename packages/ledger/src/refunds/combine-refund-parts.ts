import type { MarketplaceShares, RefundParts } from '@kanjo/splits';

/**
 * `a + sign × b`, party by party. Both lists name the payment's participants in the order of
 * its shares (every RefundParts of a payment is built from its shares), which is asserted:
 * a mismatch is a programmer error, not a business case.
 */
export function combineRefundParts(a: RefundParts, b: RefundParts, sign: 1 | -1): RefundParts {
  if (a.submerchants.length !== b.submerchants.length) {
    throw new Error('combineRefundParts: parts of different payments');
  }
  return {
    platform: a.platform + sign * b.platform,
    submerchants: a.submerchants.map((part, index) => {
      const other = b.submerchants[index];
      if (other === undefined || other.submerchantId !== part.submerchantId) {
        throw new Error('combineRefundParts: participants out of order');
      }
      return { submerchantId: part.submerchantId, amount: part.amount + sign * other.amount };
    }),
  };
}

/** Nothing refunded yet by any participant of these shares. */
export function zeroRefundParts(shares: MarketplaceShares): RefundParts {
  return {
    platform: 0,
    submerchants: shares.submerchants.map((share) => ({ submerchantId: share.submerchantId, amount: 0 })),
  };
}
