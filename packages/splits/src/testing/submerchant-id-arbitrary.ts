import * as fc from 'fast-check';
import { SUBMERCHANT_ID_MAX_LENGTH } from '../marketplace/max-submerchants.js';

/**
 * Valid submerchant ids: usually short readable ones, sometimes any string of 1 to 255 code
 * units, including exactly 255.
 */
export function submerchantIdArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 999 }).map((number) => `pm-${number}`), weight: 4 },
    { arbitrary: fc.string({ minLength: 1, maxLength: 12 }), weight: 2 },
    { arbitrary: fc.constant('x'.repeat(SUBMERCHANT_ID_MAX_LENGTH)), weight: 1 },
  );
}
