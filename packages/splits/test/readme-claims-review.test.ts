import {
  decimalAmount,
  marketplaceShares,
  multiplyDivide,
  parseAmount,
  proportionalRefund,
  proportionalRefundInto,
  quoteText,
  validateMarketplaceSplit,
  validateNonReverseRefund,
  type MarketplaceShares,
  type RefundLine,
} from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Regressions from a sentence-by-sentence review of packages/splits/README.md and the TSDoc of
// every export, read as a service that embeds @kanjo/splits alone would read them.

const line = (submerchantId: string, amount: number, platformFee: number): RefundLine => ({ submerchantId, amount, platformFee });

describe('validateNonReverseRefund: "Amounts that are not non-negative safe integers are programmer errors and throw" (remaining too)', () => {
  // A RefundParts (what reverseRefundParts and validateNonReverseRefund return) has
  // submerchants [{ submerchantId, amount }]; MarketplaceShares has [{ submerchantId, share }].
  // Passed the one for the other, every share read as undefined and `amount > undefined` is
  // false: a ¥10,000 refund from a Payout Merchant with ¥630 left was accepted.
  const refundPartsShaped = { platform: 100, submerchants: [{ submerchantId: 'pm-1', amount: 630 }] } as unknown as MarketplaceShares;

  it('a share that is not an amount (a RefundParts passed as remaining) throws instead of disabling refund_exceeds_share', () => {
    expect(() => validateNonReverseRefund(10_000, [line('pm-1', 10_000, 0)], refundPartsShaped)).toThrow(RangeError);
  });

  it.each([
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['-1', -1],
    ['"100"', '100'],
  ])('a platform remainder of %s throws (it let the platform bear any Σ platform_fee)', (_, platform) => {
    const remaining = { platform, submerchants: [{ submerchantId: 'pm-1', share: 630_000 }] } as unknown as MarketplaceShares;
    expect(() => validateNonReverseRefund(15_000, [line('pm-1', 10_000, 5_000)], remaining)).toThrow(RangeError);
  });

  it('well-formed remaining shares still validate exactly as before (the README example)', () => {
    const remaining: MarketplaceShares = { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] };
    expect(validateNonReverseRefund(900, [line('pm-1', 600, 30), line('pm-2', 250, 20)], remaining)).toEqual({
      ok: true,
      value: { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] },
    });
  });
});

describe('proportionalRefundInto: out must be the caller\'s own array, not shares or refunded', () => {
  // "It trusts its input as far as checking it costs more than a comparison … anything else
  // throws": with out === shares it overwrote the shares it was still reading and returned
  // parts that add up but are not the method's ([5, 10, 15, 11] instead of [5, 9, 16, 11]).
  it('out === shares throws a RangeError instead of returning wrong parts', () => {
    const shares = [9, 17, 30, 21];
    expect(proportionalRefund([9, 17, 30, 21], [0, 0, 0, 0], 41)).toEqual({ ok: true, value: [5, 9, 16, 11] });
    expect(() => proportionalRefundInto(shares, [0, 0, 0, 0], 41, shares)).toThrow(RangeError);
    expect(shares).toEqual([9, 17, 30, 21]);
  });

  it('out === refunded throws a RangeError (it threw "a bug" Error, or worse)', () => {
    const refunded = [0, 0, 0];
    expect(() => proportionalRefundInto([100, 300, 300], refunded, 3, refunded)).toThrow(RangeError);
    expect(refunded).toEqual([0, 0, 0]);
  });

  it('a separate out array still gets the README\'s parts', () => {
    const out: number[] = [];
    proportionalRefundInto([100, 300, 300], [0, 0, 0], 3, out);
    expect(out).toEqual([0, 2, 1]);
  });
});

describe('decimalAmount: "on the digits (no float)" and a programmer error throws (RangeError), never garbage', () => {
  it.each([
    [10.5, 'USD'],
    [Number.NaN, 'USD'],
    [Number.POSITIVE_INFINITY, 'JPY'],
    [1e21, 'USD'],
    [2 ** 53, 'KWD'],
  ])('%s %s throws a RangeError (it wrote "10..5", "N.aN", "Infinity", "1e+.21")', (amount, currency) => {
    expect(() => decimalAmount(amount, currency)).toThrow(RangeError);
  });

  it('every safe integer, negative ones included, and any bigint are still written exactly', () => {
    expect(decimalAmount(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
    expect(decimalAmount(-Number.MAX_SAFE_INTEGER, 'KWD')).toBe('-9007199254740.991');
    expect(decimalAmount(-0, 'USD')).toBe('0.00');
    expect(decimalAmount(2n ** 60n, 'USD')).toBe('11529215046068469.76');
  });

  it('a code outside the table (lower case, unknown) is written with no decimals, as the README now says', () => {
    expect(decimalAmount(4500, 'usd')).toBe('4500');
    expect(decimalAmount(4500, 'XYZ')).toBe('4500');
  });
});

describe('parseAmount messages quote what was sent as one short line (README "Two kinds of error")', () => {
  // The string sent was echoed with JSON.stringify, which leaves U+2028/U+2029 and C1 controls
  // (U+0085 NEL) raw: a log line or a JavaScript-embedded message broke in two.
  it.each([
    ['1\u2028000', 'amount_not_a_number'],
    ['1.5\u0085', 'amount_not_a_number'],
    ['\u20290', 'amount_not_a_number'],
  ])('%j: %s, and the message has no raw line separator or C1 control', (input, code) => {
    const result = parseAmount(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(result.error.message).toMatch(/\\u(2028|0085|2029)/);
  });

  it('a long string is cut (quoteText: 64 characters and …), so a 100,000-character amount does not come back whole', () => {
    const result = parseAmount('9'.repeat(100_000));
    expect(result.ok ? '' : result.error.code).toBe('amount_not_safe_integer');
    expect(result.ok ? 0 : result.error.message.length).toBeLessThan(200);
    const exponent = parseAmount(`1e${'3'.repeat(100_000)}`);
    expect(exponent.ok ? 0 : exponent.error.message.length).toBeLessThan(200);
  });

  it('the README\'s table of inputs and codes still holds', () => {
    const codeOf = (input: unknown) => {
      const result = parseAmount(input);
      return result.ok ? result.value : result.error.code;
    };
    expect(['1000', '007', 1000].map(codeOf)).toEqual([1000, 7, 1000]);
    expect([1000.5, '10.5', '10.0', '.5'].map(codeOf)).toEqual(Array(4).fill('amount_not_integer'));
    expect(['1e3', '1E3', '1.5e3'].map(codeOf)).toEqual(Array(3).fill('amount_exponent_notation'));
    expect([-5, '-5', '-0'].map(codeOf)).toEqual(Array(3).fill('amount_negative'));
    expect(['+5', '', ' 5', '1,000', 'abc', null, true, Number.NaN, Number.POSITIVE_INFINITY, {}, 5n, '１０００'].map(codeOf)).toEqual(Array(12).fill('amount_not_a_number'));
    expect([2 ** 53, '9007199254740992'].map(codeOf)).toEqual(Array(2).fill('amount_not_safe_integer'));
    expect([0, '0'].map(codeOf)).toEqual(Array(2).fill('amount_not_positive'));
  });
});

describe('marketplaceShares throws only on shares that do not add up or go negative (README, reworded)', () => {
  // The README said "it throws on a split that was never validated"; it throws on a fee above a
  // line's amount or lines above the captured amount, and nothing else.
  it('throws on a fee above its amount and on lines above the captured amount', () => {
    expect(() => marketplaceShares(1_000, [{ submerchantId: 'pm-1', amount: 10, platformFee: 11 }])).toThrow(RangeError);
    expect(() => marketplaceShares(999, [{ submerchantId: 'pm-1', amount: 1_000, platformFee: 0 }])).toThrow(RangeError);
  });

  it('does not repeat the other checks: duplicate ids get one share per line', () => {
    expect(marketplaceShares(10, [{ submerchantId: 'a', amount: 5, platformFee: 0 }, { submerchantId: 'a', amount: 5, platformFee: 0 }])).toEqual({
      platform: 0,
      submerchants: [{ submerchantId: 'a', share: 5 }, { submerchantId: 'a', share: 5 }],
    });
    expect(validateMarketplaceSplit([{ submerchantId: 'a', amount: 5, platformFee: 0 }, { submerchantId: 'a', amount: 5, platformFee: 0 }], 'immediate_capture', 10).ok).toBe(false);
  });
});

describe('multiplyDivide: a rounding mode it does not know throws every time, not only when it has to round', () => {
  // From JavaScript, 'HALF_UP' (or a typo) gave the exact quotient back when the division was
  // exact and threw only on the first fee that needed rounding: a configuration error that
  // passed every test with round numbers.
  it('an unknown mode throws on an exact division too', () => {
    expect(() => multiplyDivide(1000, 36, 1000, 'HALF_UP' as never)).toThrow(RangeError);
    expect(() => multiplyDivide(1000, 36, 1000, 'HALF_UP' as never)).toThrow('multiplyDivide: rounding mode must be half_up, half_even, floor or ceiling, got "HALF_UP"');
    expect(() => multiplyDivide(1001, 36, 1000, 'HALF_UP' as never)).toThrow(RangeError);
  });

  it('the four modes still answer as before', () => {
    expect(['half_up', 'half_even', 'floor', 'ceiling'].map((mode) => multiplyDivide(1375, 1, 10, mode as never))).toEqual([138, 138, 137, 138]);
    expect(multiplyDivide(1000, 36, 1000, 'floor')).toBe(36);
  });
});

describe('quoteText describes what is not a string in plain words', () => {
  it('undefined, objects, lists and bigints from JavaScript', () => {
    expect([undefined, {}, [1, 2], 5n, () => 1, Symbol('s')].map((value) => quoteText(value))).toEqual(['nothing', 'an object', 'a list', 'a bigint', 'a function', 'a symbol']);
    expect([null, 5, true, 'id'].map((value) => quoteText(value))).toEqual(['null', '5', 'true', '"id"']);
  });
});
