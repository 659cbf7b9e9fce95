import fc from 'fast-check';
import { MAX_PAYMENT_TYPE_LENGTH } from '../schedule/schedule-limits.js';

/**
 * A payment type name that {@link buildFeeSchedule} rejects as `payment_type_invalid`: empty,
 * upper case, starting with a digit or `_`, containing other characters, or too long.
 */
export function invalidPaymentTypeArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('', 'Credit_Card', 'credit card', 'credit-card', '1konbini', '_konbini', 'konbini ', 'コンビニ', '__proto__'),
    fc.stringMatching(/^[A-Z0-9_][a-z0-9_]{0,8}$/),
    fc.stringMatching(/^[a-z][a-z0-9_]{0,4}[^a-z0-9_][a-z0-9_]{0,4}$/),
    fc.integer({ min: MAX_PAYMENT_TYPE_LENGTH + 1, max: MAX_PAYMENT_TYPE_LENGTH + 40 }).map((length) => 'a'.repeat(length)),
  );
}
