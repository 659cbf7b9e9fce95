import { CURRENCY_EXPONENTS } from './currency-exponents.js';

/**
 * Whether a string is a currency code Kanjo knows (an upper-case ISO 4217 code listed in
 * {@link CURRENCY_EXPONENTS}).
 *
 * @example
 * isCurrency('JPY'); // true
 * isCurrency('XYZ'); // false
 */
export function isCurrency(code: string): boolean {
  return typeof code === 'string' && CURRENCY_EXPONENTS[code] !== undefined;
}
