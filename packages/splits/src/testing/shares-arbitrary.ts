import * as fc from 'fast-check';

/** Options of {@link sharesArbitrary}. */
export interface SharesConstraints {
  /** The fewest parties. Default 1. */
  readonly minParties?: number | undefined;
  /** The most parties. Default 24. */
  readonly maxParties?: number | undefined;
  /**
   * The largest share. Default 1,000,000. Capped at `MAX_SAFE_INTEGER / maxParties`, so that the
   * shares always add up to a safe integer (`proportionalRefund` rejects any that do not).
   */
  readonly maxShare?: number | undefined;
  /** Whether a party may have a share of 0. Default `true`. */
  readonly allowZero?: boolean | undefined;
}

/**
 * Parties' shares for proportional refunds, shaped to hunt for rounding counterexamples: all
 * tiny shares (1 to 3 units), tiny shares beside a large one, shares of one size, and shares
 * drawn anywhere up to `maxShare`; at least one share is positive, and they add up to a safe integer.
 */
export function sharesArbitrary(constraints: SharesConstraints = {}): fc.Arbitrary<number[]> {
  const minParties = constraints.minParties ?? 1;
  const maxParties = constraints.maxParties ?? 24;
  // Capped so that maxParties shares add up to at most MAX_SAFE_INTEGER: shares that overflow are
  // not shares of anything, and proportionalRefund rejects them.
  const maxShare = Math.min(constraints.maxShare ?? 1_000_000, Math.floor(Number.MAX_SAFE_INTEGER / Math.max(1, maxParties)));
  const lowest = (constraints.allowZero ?? true) ? 0 : 1;
  const tiny = fc.integer({ min: Math.max(lowest, 1), max: Math.min(3, maxShare) });
  const anyShare = fc.oneof(
    { arbitrary: tiny, weight: 3 },
    { arbitrary: fc.integer({ min: lowest, max: Math.min(100, maxShare) }), weight: 2 },
    { arbitrary: fc.integer({ min: lowest, max: maxShare }), weight: 2 },
  );
  const length = { minLength: minParties, maxLength: maxParties };
  // `size: 'max'` draws up to maxParties; fast-check's default size stops at 10 whatever
  // maxLength says, which left every vector of 12 to 24 parties all of one share.
  const anyLength = { ...length, size: 'max' } as const;
  const shapes = fc.oneof(
    fc.array(tiny, anyLength),
    fc.array(anyShare, length),
    fc.array(anyShare, anyLength),
    fc.tuple(fc.integer({ min: 1, max: maxShare }), fc.integer({ min: minParties, max: maxParties })).map(([share, count]) => new Array<number>(count).fill(share)),
    fc
      .tuple(fc.integer({ min: Math.min(maxShare, 1_000), max: maxShare }), fc.array(tiny, { minLength: Math.max(0, minParties - 1), maxLength: Math.max(0, maxParties - 1), size: 'max' }), fc.nat())
      .map(([large, small, at]) => {
        const shares = [...small];
        shares.splice(at % (small.length + 1), 0, large);
        return shares;
      }),
  );
  return shapes.filter((shares) => shares.some((share) => share > 0));
}
