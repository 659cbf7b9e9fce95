import { accept, countText, quoteText, reject, type Result } from '@kanjo/splits';
import { Decimal } from './decimal.js';
import { MAX_RATE_DECIMAL_PLACES, MAX_RATE_TEXT_LENGTH } from './rate-limits.js';

/**
 * Why a rate string was refused, checked in this order (the first that applies is returned):
 * - `rate_malformed`: not a string of the form `digits[.digits]%` (e.g. `"3.6"`, `"abc"`,
 *   `"1e-2%"`, `""`, `" 3%"`, `"3.6 %"`), or longer than {@link MAX_RATE_TEXT_LENGTH}.
 * - `rate_negative`: well formed but for a leading minus sign (`"-1%"`, also `"-0%"`).
 * - `rate_above_100_percent`: more than `100%` (`"100.01%"`).
 * - `rate_too_precise`: more than {@link MAX_RATE_DECIMAL_PLACES} digits after the decimal
 *   point of the percentage, counted as written (`"3.6000000%"` too).
 */
export type RateErrorCode = 'rate_malformed' | 'rate_negative' | 'rate_above_100_percent' | 'rate_too_precise';

/**
 * A rate between 0% and 100% as an exact fraction `numerator / denominator`, the denominator a
 * power of ten and the fraction in lowest power-of-ten terms: `"3.6%"` is 36/1000, `"10%"` is
 * 1/10, `"100%"` is 1/1, `"0%"` is 0/1. Both are safe integers (numerator ≤ denominator ≤ 10^8),
 * so `amount × numerator` is exact in a double for every amount up to MAX_SAFE_INTEGER / 10^8.
 */
export interface Rate {
  /** The text the rate was parsed from, unchanged (for messages and reports). */
  readonly text: string;
  /** The numerator of the fraction (not of the percentage): 36 for `"3.6%"`. */
  readonly numerator: number;
  /** A power of ten: 1000 for `"3.6%"`. */
  readonly denominator: number;
}

// Optional sign captured only to tell "negative" from "malformed"; `\d` without the `u` flag is
// ASCII 0-9 only, so full-width digits and exponents ("1e-2%", which big.js would accept) fail.
const RATE_PATTERN = /^(-?)(\d+)(?:\.(\d+))?%$/;

/**
 * Parses a percentage such as `"3.6%"` into an exact {@link Rate}, with big.js (a private
 * copy): no float ever holds the rate. Accepts `digits[.digits]%` with at most
 * {@link MAX_RATE_DECIMAL_PLACES} decimals, from `"0%"` to `"100%"`; leading zeros are allowed.
 *
 * @param text - the rate as configured; any other type than string is `rate_malformed`.
 * @param field - names the setting in the rejection message (default `"rate"`), e.g.
 *   `"paymentMethods.konbini.feeRate"`.
 * @returns the rate, or a rejection with a {@link RateErrorCode}.
 *
 * @example
 * parseRate('3.6%');   // { ok: true, value: { text: '3.6%', numerator: 36, denominator: 1000 } }
 * parseRate('3.6');    // { ok: false, error: { code: 'rate_malformed', message: 'rate: "3.6" …' } }
 */
export function parseRate(text: unknown, field = 'rate'): Result<Rate, RateErrorCode> {
  if (typeof text !== 'string') {
    return reject('rate_malformed', `${field}: expected a percentage string like "3.6%", got ${text === null ? 'null' : typeof text}`);
  }
  if (text.length > MAX_RATE_TEXT_LENGTH) {
    return reject('rate_malformed', `${field}: a rate is at most ${MAX_RATE_TEXT_LENGTH} characters, got ${countText(text.length)}`);
  }
  const match = RATE_PATTERN.exec(text);
  if (match === null) {
    return reject('rate_malformed', `${field}: ${quoteText(text)} is not a percentage like "3.6%" (digits, an optional decimal part, then "%")`);
  }
  const [, sign = '', integerDigits = '', fractionDigits = ''] = match;
  if (sign === '-') return reject('rate_negative', `${field}: ${quoteText(text)} is negative; a rate is between "0%" and "100%"`);
  const percent = new Decimal(fractionDigits === '' ? integerDigits : `${integerDigits}.${fractionDigits}`);
  // Compared on the percentage as written, exactly: dividing first could round a very long
  // "100.000…1%" down to 1 and let it through.
  if (percent.gt('100')) {
    return reject('rate_above_100_percent', `${field}: ${quoteText(text)} is above "100%"`);
  }
  if (fractionDigits.length > MAX_RATE_DECIMAL_PLACES) {
    return reject(
      'rate_too_precise',
      `${field}: ${quoteText(text)} has ${fractionDigits.length} decimal places; at most ${MAX_RATE_DECIMAL_PLACES} are allowed`,
    );
  }
  return accept(toFraction(text, percent, fractionDigits.length));
}

/** Exact numerator over a power-of-ten denominator, reduced by common factors of ten. */
function toFraction(text: string, percent: InstanceType<typeof Decimal>, decimalPlaces: number): Rate {
  const scale = new Decimal('10').pow(decimalPlaces);
  const scaled = percent.times(scale);
  // The explicit rounding step: with at most 6 decimals scaled by 10^6 the product is already
  // whole, and the check proves it rather than trusting it.
  const whole = scaled.round(0, Decimal.roundDown);
  if (!whole.eq(scaled)) throw new Error(`parseRate: ${text} did not scale to a whole number`);
  let numerator = whole.toNumber(); // strict mode: throws rather than lose a digit
  let denominator = 100 * scale.toNumber();
  // Lowest power-of-ten terms keep the numerator small, so the float fast path covers more amounts.
  while (denominator > 1 && numerator % 10 === 0) {
    numerator /= 10;
    denominator /= 10;
  }
  return Object.freeze({ text, numerator, denominator });
}
