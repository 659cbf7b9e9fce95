import { ROUNDING_MODES, type RoundingMode } from '@kanjo/splits';
import fc from 'fast-check';

/** Any of the four rounding modes (`half_up`, `half_even`, `floor`, `ceiling`), shrinking towards `half_up`. */
export function roundingModeArbitrary(): fc.Arbitrary<RoundingMode> {
  return fc.constantFrom(...ROUNDING_MODES);
}
