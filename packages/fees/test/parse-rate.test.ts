import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RATE_TEXT_LENGTH, parseRate, type RateErrorCode } from '@kanjo/fees';
import { invalidRateTextArbitrary, rateTextArbitrary } from '@kanjo/fees/testing';

describe('parseRate', () => {
  it.each([
    ['3.6%', 36, 1_000],
    ['2.75%', 275, 10_000],
    ['10%', 1, 10],
    ['0%', 0, 1],
    ['100%', 1, 1],
    ['03.60%', 36, 1_000],
    ['0.000001%', 1, 100_000_000],
    ['99.999999%', 99_999_999, 100_000_000],
    ['100.000000%', 1, 1],
    ['50%', 5, 10], // power-of-ten terms, not 1/2
  ] as const)('parses %s exactly as %i / %i', (text, numerator, denominator) => {
    expect(parseRate(text)).toEqual({ ok: true, value: { text, numerator, denominator } });
  });

  it('keeps the text as written and freezes the rate', () => {
    const rate = parseRate('03.60%');
    expect(rate.ok && rate.value.text).toBe('03.60%');
    expect(rate.ok && Object.isFrozen(rate.value)).toBe(true);
  });

  // The table of malformed rates: each with the exact code it must get.
  it.each<[unknown, RateErrorCode]>([
    ['3.6', 'rate_malformed'],
    ['abc', 'rate_malformed'],
    ['1e-2%', 'rate_malformed'],
    ['', 'rate_malformed'],
    [' 3%', 'rate_malformed'],
    ['3% ', 'rate_malformed'],
    ['3.6 %', 'rate_malformed'],
    ['%', 'rate_malformed'],
    ['.5%', 'rate_malformed'],
    ['5.%', 'rate_malformed'],
    ['+3%', 'rate_malformed'],
    ['3,6%', 'rate_malformed'],
    ['３%', 'rate_malformed'],
    ['3.6%%', 'rate_malformed'],
    ['Infinity%', 'rate_malformed'],
    ['0x10%', 'rate_malformed'],
    ['-abc%', 'rate_malformed'],
    [`${'0'.repeat(MAX_RATE_TEXT_LENGTH)}1%`, 'rate_malformed'],
    [3.6, 'rate_malformed'],
    [0.036, 'rate_malformed'],
    [null, 'rate_malformed'],
    [undefined, 'rate_malformed'],
    [{}, 'rate_malformed'],
    ['-1%', 'rate_negative'],
    ['-0%', 'rate_negative'],
    ['-100.01%', 'rate_negative'],
    ['-3.1234567%', 'rate_negative'],
    ['100.01%', 'rate_above_100_percent'],
    ['100.000001%', 'rate_above_100_percent'],
    ['101%', 'rate_above_100_percent'],
    ['100.00000000000001%', 'rate_above_100_percent'],
    ['3.1234567%', 'rate_too_precise'],
    ['3.6000000%', 'rate_too_precise'],
    ['100.0000000%', 'rate_too_precise'],
  ])('rejects %j with %s', (text, code) => {
    const result = parseRate(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe(code);
  });

  it('names the field in the message', () => {
    const result = parseRate('3.6', 'paymentMethods.konbini.feeRate');
    expect(!result.ok && result.error.message).toMatch(/^paymentMethods\.konbini\.feeRate: "3\.6" /);
    const unnamed = parseRate(3.6);
    expect(!unnamed.ok && unnamed.error.message).toMatch(/^rate: expected a percentage string/);
  });

  it('neither reads nor changes the settings of the global Big', () => {
    const saved = { DP: Big.DP, RM: Big.RM, strict: Big.strict };
    try {
      Big.DP = 0;
      Big.RM = Big.roundUp;
      Big.strict = false;
      expect(parseRate('2.75%')).toEqual({ ok: true, value: { text: '2.75%', numerator: 275, denominator: 10_000 } });
      expect([Big.DP, Big.RM, Big.strict]).toEqual([0, Big.roundUp, false]);
    } finally {
      Big.DP = saved.DP;
      Big.RM = saved.RM;
      Big.strict = saved.strict;
    }
  });

  it('every generated rate text parses to exactly its percentage divided by 100', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), (text) => {
        const rate = parseRate(text);
        if (!rate.ok) return false;
        const exact = new Big(text.slice(0, -1)).div(100);
        return new Big(rate.value.numerator).eq(exact.times(rate.value.denominator));
      }),
      { numRuns: 2_000 },
    );
  });

  it('every rate is in lowest power-of-ten terms, with 0 ≤ numerator ≤ denominator ≤ 10^8', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), (text) => {
        const rate = parseRate(text);
        if (!rate.ok) return false;
        const { numerator, denominator } = rate.value;
        const powerOfTen = /^10*$/.test(String(denominator));
        const reduced = denominator === 1 || numerator % 10 !== 0;
        return powerOfTen && reduced && Number.isSafeInteger(numerator) && numerator >= 0 && numerator <= denominator && denominator <= 1e8;
      }),
      { numRuns: 2_000 },
    );
  });

  it('equal rates written differently parse to the same fraction', () => {
    fc.assert(
      fc.property(rateTextArbitrary({ maxDecimalPlaces: 4 }), fc.integer({ min: 0, max: 2 }), (text, extraZeros) => {
        const body = text.slice(0, -1);
        const zeros = '0'.repeat(extraZeros);
        const padded = `0${body}${body.includes('.') || zeros === '' ? '' : '.'}${zeros}%`;
        const a = parseRate(text);
        const b = parseRate(padded);
        return a.ok && b.ok && a.value.numerator === b.value.numerator && a.value.denominator === b.value.denominator;
      }),
    );
  });

  it('every invalid rate is rejected with exactly its expected code', () => {
    fc.assert(
      fc.property(invalidRateTextArbitrary(), ({ text, code }) => {
        const result = parseRate(text);
        return !result.ok && result.error.code === code && result.error.message.startsWith('rate: ');
      }),
      { numRuns: 2_000 },
    );
  });
});
