import * as fc from 'fast-check';
import type { MarketplaceShares } from '../marketplace/types.js';
import type { RefundLine } from '../refunds/types.js';

/** A non-reverse refund: its amount and the split saying who pays. */
export interface NonReverseRefundCase {
  /** The refund amount: Σ(amount + platformFee) of the lines. */
  readonly refundAmount: number;
  /** Who pays: some of the Payout Merchants, in any order, the platform through platformFee. */
  readonly lines: readonly RefundLine[];
}

/** Options of {@link nonReverseRefundArbitrary}. */
export interface NonReverseRefundConstraints {
  /** The fewest lines (never more than the Payout Merchants). Default 0. */
  readonly minLines?: number | undefined;
}

/**
 * Valid non-reverse refunds against what is left of each share: a shuffled subset of the
 * Payout Merchants, each giving back between 0 and what it has left (often all or nothing), the
 * platform bearing between 0 and what it has left, spread over the lines.
 */
export function nonReverseRefundArbitrary(remaining: MarketplaceShares, constraints: NonReverseRefundConstraints = {}): fc.Arbitrary<NonReverseRefundCase> {
  // A Set of shares or a NaN minLines made minLength NaN, and fast-check then searched for
  // subarrays forever (review 175: the process hung, then ran out of memory).
  if (!Array.isArray(remaining?.submerchants)) throw new TypeError('nonReverseRefundArbitrary: remaining.submerchants must be an array of shares');
  const minLines = constraints.minLines ?? 0;
  if (!Number.isSafeInteger(minLines) || minLines < 0) throw new RangeError(`nonReverseRefundArbitrary: minLines must be a whole number, 0 or more, got ${String(minLines)}`);
  const minLength = Math.min(minLines, remaining.submerchants.length);
  const upTo = (left: number) => fc.oneof(fc.constant(0), fc.constant(left), fc.integer({ min: 0, max: Math.min(left, 3) }), fc.integer({ min: 0, max: left }));
  return fc.shuffledSubarray([...remaining.submerchants], { minLength }).chain((chosen) => {
    if (chosen.length === 0) return fc.constant<NonReverseRefundCase>({ refundAmount: 0, lines: [] });
    return fc
      .tuple(fc.tuple(...chosen.map(({ share }) => upTo(share))), upTo(remaining.platform), fc.nat({ max: chosen.length - 1 }))
      .map(([amounts, platform, bearer]) => {
        // The platform's part goes on one line, the one a caller would most likely name.
        const lines = chosen.map(({ submerchantId }, index): RefundLine => ({ submerchantId, amount: amounts[index] as number, platformFee: index === bearer ? platform : 0 }));
        const refundAmount = lines.reduce((sum, line) => sum + line.amount + line.platformFee, 0);
        return { refundAmount, lines };
      });
  });
}
