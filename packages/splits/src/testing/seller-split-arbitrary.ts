import * as fc from 'fast-check';
import { amountArbitrary } from './amount-arbitrary.js';

/** A valid Seller Processing Model split. */
export interface SellerSplitCase {
  /** The payment amount; positive. */
  readonly amount: number;
  /** The platform's part, 0 ≤ platformAmount ≤ amount. */
  readonly platformAmount: number;
}

/** Options of {@link sellerSplitArbitrary}. */
export interface SellerSplitConstraints {
  /** The largest payment amount. Default Number.MAX_SAFE_INTEGER. */
  readonly maxAmount?: number | undefined;
}

/** Valid seller splits: the platform amount is often 0, the whole amount, or next to either. */
export function sellerSplitArbitrary(constraints: SellerSplitConstraints = {}): fc.Arbitrary<SellerSplitCase> {
  return amountArbitrary({ min: 1, max: constraints.maxAmount ?? Number.MAX_SAFE_INTEGER }).chain((amount) =>
    fc
      .oneof(fc.constant(0), fc.constant(amount), fc.integer({ min: 0, max: Math.min(amount, 3) }), fc.integer({ min: Math.max(0, amount - 3), max: amount }), fc.integer({ min: 0, max: amount }))
      .map((platformAmount) => ({ amount, platformAmount })),
  );
}
