import * as fc from 'fast-check';
import type { MarketplaceShares } from '../marketplace/types.js';
import { submerchantIdArbitrary } from './submerchant-id-arbitrary.js';

/** Options of {@link marketplaceSharesArbitrary}. */
export interface MarketplaceSharesConstraints {
  /** The fewest Payout Merchants. Default 0. */
  readonly minSubmerchants?: number | undefined;
  /** The most Payout Merchants. Default 20. */
  readonly maxSubmerchants?: number | undefined;
  /**
   * The largest share. Default 1,000,000,000. Capped at `MAX_SAFE_INTEGER / (maxSubmerchants + 1)`,
   * so that the shares (the platform's and every Payout Merchant's) add up to a safe integer, as
   * the shares of a captured amount do.
   */
  readonly maxShare?: number | undefined;
}

/**
 * Shares (or what is left of them) in a marketplace payment: the platform's and each Payout
 * Merchant's, distinct ids, shares often 0 or tiny, adding up to a safe integer.
 */
export function marketplaceSharesArbitrary(constraints: MarketplaceSharesConstraints = {}): fc.Arbitrary<MarketplaceShares> {
  const maxSubmerchants = constraints.maxSubmerchants ?? 20;
  // Capped so that the platform's share and maxSubmerchants others add up to at most
  // MAX_SAFE_INTEGER: no captured amount splits into more.
  const maxShare = Math.min(constraints.maxShare ?? 1_000_000_000, Math.floor(Number.MAX_SAFE_INTEGER / (maxSubmerchants + 1)));
  const share = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: maxShare }));
  return fc
    .tuple(
      share,
      // Half the time `size: 'max'`, up to maxSubmerchants: fast-check's default size stops at 10.
      fc.oneof(
        fc.uniqueArray(submerchantIdArbitrary(), { minLength: constraints.minSubmerchants ?? 0, maxLength: maxSubmerchants }),
        fc.uniqueArray(submerchantIdArbitrary(), { minLength: constraints.minSubmerchants ?? 0, maxLength: maxSubmerchants, size: 'max' }),
      ),
    )
    .chain(([platform, ids]) =>
      fc.tuple(...ids.map(() => share)).map((values) => ({
        platform,
        submerchants: ids.map((submerchantId, index) => ({ submerchantId, share: values[index] as number })),
      })),
    );
}
