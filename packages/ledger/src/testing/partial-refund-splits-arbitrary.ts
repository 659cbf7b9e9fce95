import fc from 'fast-check';
import type { MarketplaceShares, RefundLine } from '@kanjo/splits';

/** Constraints of {@link partialRefundSplitsArbitrary}. */
export interface PartialRefundSplitsConstraints {
  /** The most refunds drawn, a whole number from 1 (refunds that would give back nothing are dropped). Default `5`. */
  readonly maxRefunds?: number | undefined;
}

/** How much of what a party has left one refund takes. */
type Portion = { readonly kind: 'none' } | { readonly kind: 'one' } | { readonly kind: 'all' } | { readonly kind: 'percent'; readonly percent: number };

const portionArbitrary: fc.Arbitrary<Portion> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Portion>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.constant<Portion>({ kind: 'one' }) },
  { weight: 1, arbitrary: fc.constant<Portion>({ kind: 'all' }) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 99 }).map((percent): Portion => ({ kind: 'percent', percent })) },
);

/**
 * The splits of a sequence of non-reverse marketplace refunds of a payment captured with
 * `shares` (what each party netted), each valid when it comes: no party ever gives back more
 * than is left of its share, each refund gives back something, and the platform's part rides
 * on the lines as `platformFee`. Leans on the edges: single units, a party's whole remainder.
 * A payment whose split has no payout merchant gets no refunds (a non-reverse refund needs a
 * line to carry the platform's part).
 */
export function partialRefundSplitsArbitrary(shares: MarketplaceShares, constraints: PartialRefundSplitsConstraints = {}): fc.Arbitrary<RefundLine[][]> {
  const maxRefunds = constraints.maxRefunds ?? 5;
  if (!(Number.isSafeInteger(maxRefunds) && maxRefunds >= 1)) throw new RangeError(`PartialRefundSplitsConstraints.maxRefunds must be a whole number, 1 or more, got ${String(maxRefunds)}`);
  const parties = shares.submerchants.length + 1;
  if (shares.submerchants.length === 0) return fc.constant([]);
  return fc
    .array(fc.array(portionArbitrary, { minLength: parties, maxLength: parties }), { minLength: 1, maxLength: maxRefunds })
    .map((draws) => {
      const left = [shares.platform, ...shares.submerchants.map((share) => share.share)];
      const refunds: RefundLine[][] = [];
      for (const portions of draws) {
        const takes = portions.map((portion, index) => take(portion, left[index] as number));
        if (takes.every((amount) => amount === 0)) continue;
        takes.forEach((amount, index) => {
          left[index] = (left[index] as number) - amount;
        });
        const [platformTake, ...subTakes] = takes as [number, ...number[]];
        const lines: RefundLine[] = [];
        shares.submerchants.forEach((share, index) => {
          const amount = subTakes[index] as number;
          if (amount > 0) lines.push({ submerchantId: share.submerchantId, amount, platformFee: 0 });
        });
        if (platformTake > 0) {
          const first = lines[0];
          if (first === undefined) lines.push({ submerchantId: (shares.submerchants[0] as { submerchantId: string }).submerchantId, amount: 0, platformFee: platformTake });
          else lines[0] = { ...first, platformFee: platformTake };
        }
        refunds.push(lines);
      }
      return refunds;
    });
}

function take(portion: Portion, left: number): number {
  switch (portion.kind) {
    case 'none':
      return 0;
    case 'one':
      return Math.min(1, left);
    case 'all':
      return left;
    case 'percent':
      return Math.floor((left * portion.percent) / 100);
  }
}
