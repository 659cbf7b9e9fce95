import { CURRENCY_EXPONENTS, currencyExponent, isCurrency } from '@kanjo/splits';
import * as dinero from 'dinero.js';
import { describe, expect, it } from 'vitest';

describe('currencies', () => {
  it('gives the ISO 4217 exponents of the currencies KOMOJU and its neighbours use', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('TWD')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('BHD')).toBe(3);
  });

  it('knows at least 30 currencies, each with the exponent dinero.js gives it', () => {
    const codes = Object.keys(CURRENCY_EXPONENTS);
    expect(codes.length).toBeGreaterThanOrEqual(30);
    const table = dinero as unknown as Record<string, { readonly exponent: number; readonly base: number } | undefined>;
    for (const code of codes) {
      expect(table[code], code).toBeDefined();
      expect(currencyExponent(code), code).toBe(table[code]?.exponent);
      expect(isCurrency(code)).toBe(true);
    }
  });

  it('knows nothing else: lower case, unknown codes and Object.prototype names are not currencies', () => {
    for (const code of ['jpy', 'XYZ', '', 'JPYX', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(currencyExponent(code), code).toBeUndefined();
      expect(isCurrency(code), code).toBe(false);
    }
    expect(isCurrency(1 as unknown as string)).toBe(false);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CURRENCY_EXPONENTS)).toBe(true);
  });
});
