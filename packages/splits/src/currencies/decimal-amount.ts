import { describeValue } from '../amounts/assert-amount.js';
import { currencyExponent } from './currency-exponent.js';

/**
 * An amount in minor units written in the currency's own unit, with as many decimals as its
 * ISO 4217 exponent: 4500 USD cents is `45.00`, 5005 KWD fils `5.005`, -120 JPY `-120`. Done on
 * the digits, never by dividing a float, so every safe integer (and a table's exact running
 * balance, a bigint) comes out exact. Plain-text accounting tools and people read `USD` as
 * dollars: minor units under that code would read 100 times too large, and wrong as soon as a
 * price converts them.
 *
 * Negative amounts are written with a minus sign. A number that is not a safe integer (a
 * fraction, NaN, ±Infinity, or beyond Number.MAX_SAFE_INTEGER: pass a bigint there) is a
 * programmer error and throws a RangeError. A code outside {@link CURRENCY_EXPONENTS} (lower
 * case included) is written with no decimals, as the integer it is.
 */
export function decimalAmount(minorUnits: number | bigint, currency: string): string {
  if (typeof minorUnits !== 'bigint' && !Number.isSafeInteger(minorUnits)) {
    throw new RangeError(`decimalAmount: minor units must be a safe integer or a bigint, got ${describeValue(minorUnits)}`);
  }
  const exponent = currencyExponent(currency) ?? 0;
  if (exponent === 0) return String(minorUnits);
  const text = String(minorUnits);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
