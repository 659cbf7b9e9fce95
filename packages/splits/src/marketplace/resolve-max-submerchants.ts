import { describeValue } from '../amounts/assert-amount.js';
import type { SplitConstraints } from './types.js';
import { MAX_SUBMERCHANTS } from './max-submerchants.js';

/**
 * The line bound of a split or refund split: the caller's, or {@link MAX_SUBMERCHANTS}.
 * A bound that is not a positive safe integer is a programmer error and throws.
 * Internal: shared by the marketplace and refund validations.
 */
export function resolveMaxSubmerchants(constraints: SplitConstraints): number {
  // Only a bound left out takes the default: null (from untyped JSON) is a wrong bound too.
  const bound = constraints.maxSubmerchants === undefined ? MAX_SUBMERCHANTS : constraints.maxSubmerchants;
  if (!(Number.isSafeInteger(bound) && bound > 0)) {
    throw new RangeError(`maxSubmerchants must be a positive safe integer, got ${describeValue(bound)}`);
  }
  return bound;
}
