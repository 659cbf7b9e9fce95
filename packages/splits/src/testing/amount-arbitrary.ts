import * as fc from 'fast-check';

/** Options of {@link amountArbitrary}. */
export interface AmountArbitraryConstraints {
  /** The smallest amount generated. Default 0. */
  readonly min?: number | undefined;
  /** The largest amount generated. Default Number.MAX_SAFE_INTEGER. */
  readonly max?: number | undefined;
}

/**
 * Amounts in minor units (non-negative safe integers) between `min` and `max`, biased towards
 * both ends: small amounts, where rounding bites, and amounts next to the maximum, where
 * overflow does.
 */
export function amountArbitrary(constraints: AmountArbitraryConstraints = {}): fc.Arbitrary<number> {
  const min = constraints.min ?? 0;
  const max = constraints.max ?? Number.MAX_SAFE_INTEGER;
  if (!(Number.isSafeInteger(min) && Number.isSafeInteger(max) && min >= 0 && min <= max)) {
    throw new RangeError(`amountArbitrary: need safe integers 0 ≤ min ≤ max, got ${min} and ${max}`);
  }
  // The whole range first, with cross-shrinking: a failing amount near the maximum can then
  // shrink through the whole range towards `min` (the boundary of the failure), instead of only
  // within its last thousand, which reported counterexamples such as 9007199254739991.
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.integer({ min, max }), weight: 2 },
    { arbitrary: fc.integer({ min, max: Math.min(max, min + 1_000) }), weight: 3 },
    { arbitrary: fc.integer({ min: Math.max(min, max - 1_000), max }), weight: 1 },
  );
}
