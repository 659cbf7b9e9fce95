/** The most digits allowed after the decimal point of a percentage: `"2.123456%"`. */
export const MAX_RATE_DECIMAL_PLACES = 6;

/** The longest rate text accepted, a bound on the work a hostile configuration can cause. */
export const MAX_RATE_TEXT_LENGTH = 32;
