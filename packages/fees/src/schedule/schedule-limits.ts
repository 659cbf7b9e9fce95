/** The longest payment type name accepted. */
export const MAX_PAYMENT_TYPE_LENGTH = 64;

/** The most payment types one schedule may hold (KOMOJU offers a few dozen). */
export const MAX_PAYMENT_TYPES = 128;
