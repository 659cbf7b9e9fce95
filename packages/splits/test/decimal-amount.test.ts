import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAmount } from '../src/currencies/decimal-amount.js';

describe('decimalAmount: minor units written in the unit the currency code names (hledger export)', () => {
  it.each([
    [4500, 'USD', '45.00'],
    [-4500, 'USD', '-45.00'],
    [5, 'USD', '0.05'],
    [-5, 'USD', '-0.05'],
    [0, 'USD', '0.00'],
    [-0, 'USD', '0.00'],
    [5005, 'KWD', '5.005'],
    [-180, 'KWD', '-0.180'],
    [-120, 'JPY', '-120'],
    [Number.MAX_SAFE_INTEGER, 'USD', '90071992547409.91'],
    [-Number.MAX_SAFE_INTEGER, 'KWD', '-9007199254740.991'],
  ])('%d %s is %s', (amount, currency, text) => {
    expect(decimalAmount(amount, currency)).toBe(text);
  });

  it.each([
    [2n ** 60n, 'USD', '11529215046068469.76'],
    [-(2n ** 60n), 'KWD', '-1152921504606846.976'],
    [-7n, 'KWD', '-0.007'],
    [0n, 'USD', '0.00'],
    [2n ** 60n, 'JPY', '1152921504606846976'],
  ])('a table\'s exact running balance %s %s is %s', (amount, currency, text) => {
    expect(decimalAmount(amount, currency)).toBe(text);
  });

  it('for every safe integer and exponent 0, 2 and 3, removing the point gives the integer back (no float rounding)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('JPY', 'USD', 'KWD'), (amount, currency) => {
        const text = decimalAmount(amount, currency);
        const decimals = { JPY: 0, USD: 2, KWD: 3 }[currency] ?? 0;
        expect(text.includes('.') ? (text.split('.')[1] as string).length : 0).toBe(decimals);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(amount === 0 ? 0 : amount));
      }),
    );
  });
});
