import { currencyExponent } from '@kanjo/splits';

/**
 * An amount in minor units written in the currency's own unit, with as many decimals as its
 * ISO 4217 exponent: 4500 USD cents is `45.00`, 5005 KWD fils `5.005`, -120 JPY `-120`. Done on
 * the digits, never by dividing a float, so every safe integer comes out exact. Plain-text
 * accounting tools read a commodity `USD` as dollars: minor units under that code would read
 * 100 times too large, and wrong as soon as a price converts them.
 */
export function decimalAmount(minorUnits: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 0;
  if (exponent === 0) return String(minorUnits);
  const digits = String(Math.abs(minorUnits)).padStart(exponent + 1, '0');
  const sign = minorUnits < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
