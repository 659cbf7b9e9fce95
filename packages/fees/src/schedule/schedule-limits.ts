/** The longest payment type name accepted. */
export const MAX_PAYMENT_TYPE_LENGTH = 64;

/** The most payment types one schedule may hold (KOMOJU offers a few dozen). */
export const MAX_PAYMENT_TYPES = 128;

const PAYMENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*$/;

/** A payment type name as `buildFeeSchedule` accepts one: 1 to {@link MAX_PAYMENT_TYPE_LENGTH} characters of a-z, 0-9 and `_`, starting with a letter. */
export function isPaymentTypeName(name: unknown): boolean {
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_PAYMENT_TYPE_LENGTH && PAYMENT_TYPE_PATTERN.test(name);
}
