import { CURRENCY_EXPONENTS } from './currency-exponents.js';

/**
 * The ISO 4217 minor-unit exponent of a currency code (upper case, as ISO writes it), or
 * `undefined` for a code not in {@link CURRENCY_EXPONENTS}.
 *
 * @example
 * currencyExponent('JPY'); // 0
 * currencyExponent('USD'); // 2
 * currencyExponent('KWD'); // 3
 * currencyExponent('jpy'); // undefined: codes are upper case
 */
export function currencyExponent(code: string): number | undefined {
  return CURRENCY_EXPONENTS[code];
}
