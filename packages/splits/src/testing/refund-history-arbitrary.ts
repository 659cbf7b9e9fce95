import * as fc from 'fast-check';

/** Options of {@link refundHistoryArbitrary}. */
export interface RefundHistoryConstraints {
  /** The most refunds in a history. Default 200. */
  readonly maxSteps?: number | undefined;
  /** Whether the last refund always brings the total to `total` (a full refund). Default `false`. */
  readonly endAtTotal?: boolean | undefined;
}

type Segment = { readonly kind: 'run'; readonly length: number } | { readonly kind: 'jump'; readonly size: number };

/**
 * Refund histories of a payment of `total`: strictly increasing cumulative refunded totals, each
 * at most `total`. Mixes long runs of 1-unit refunds (where per-refund rounding drifts), tiny
 * refunds of 2 or 3 units, and jumps of any size.
 */
export function refundHistoryArbitrary(total: number, constraints: RefundHistoryConstraints = {}): fc.Arbitrary<number[]> {
  const maxSteps = constraints.maxSteps ?? 200;
  const endAtTotal = constraints.endAtTotal ?? false;
  if (total === 0) return fc.constant([]);
  const segment: fc.Arbitrary<Segment> = fc.oneof(
    fc.integer({ min: 1, max: 120 }).map((length): Segment => ({ kind: 'run', length })),
    fc.integer({ min: 1, max: Math.min(3, total) }).map((size): Segment => ({ kind: 'jump', size })),
    fc.integer({ min: 1, max: total }).map((size): Segment => ({ kind: 'jump', size })),
  );
  return fc.array(segment, { maxLength: 12 }).map((segments) => {
    const history: number[] = [];
    let refunded = 0;
    for (const step of segments) {
      const sizes = step.kind === 'run' ? new Array<number>(step.length).fill(1) : [step.size];
      for (const size of sizes) {
        if (refunded === total || history.length === maxSteps) break;
        refunded = Math.min(total, refunded + size);
        history.push(refunded);
      }
    }
    if (endAtTotal && refunded < total) {
      if (history.length === maxSteps) history.pop();
      history.push(total);
    }
    return history;
  });
}
