import fc from 'fast-check';

/** KOMOJU payment types that a schedule typically holds. */
const KNOWN_PAYMENT_TYPES = ['credit_card', 'konbini', 'bank_transfer', 'pay_easy', 'paypay', 'linepay', 'merpay'] as const;

/**
 * A valid payment type name (`/^[a-z][a-z0-9_]*$/`, at most 16 characters here): mostly
 * KOMOJU's own (`credit_card`, `konbini`, `bank_transfer`, `pay_easy`, `paypay`, `linepay`,
 * `merpay`), sometimes an invented one.
 */
export function paymentTypeArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...KNOWN_PAYMENT_TYPES) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/) },
  );
}
