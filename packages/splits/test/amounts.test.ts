import { assertAmount, isAmount, parseAmount, quoteText, sumAmounts, type AmountErrorCode } from '@kanjo/splits';
import { amountArbitrary } from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const MAX = Number.MAX_SAFE_INTEGER;

describe('parseAmount', () => {
  // Every input shape the contract names, and the exact outcome for each.
  const table: readonly (readonly [unknown, number | AmountErrorCode])[] = [
    [1000, 1000],
    ['1000', 1000],
    ['007', 7],
    ['0001000', 1000],
    [1e3, 1000],
    [1, 1],
    ['1', 1],
    [MAX, MAX],
    ['9007199254740991', MAX],
    ['00009007199254740991', MAX],
    [1000.5, 'amount_not_integer'],
    [0.1, 'amount_not_integer'],
    [-1.5, 'amount_not_integer'],
    ['10.5', 'amount_not_integer'],
    ['10.0', 'amount_not_integer'],
    ['10.', 'amount_not_integer'],
    ['.5', 'amount_not_integer'],
    ['-10.5', 'amount_not_integer'],
    ['1e3', 'amount_exponent_notation'],
    ['1E3', 'amount_exponent_notation'],
    ['1.5e3', 'amount_exponent_notation'],
    ['1e-3', 'amount_exponent_notation'],
    ['-1e3', 'amount_exponent_notation'],
    ['+1e3', 'amount_exponent_notation'],
    [-5, 'amount_negative'],
    ['-5', 'amount_negative'],
    ['-0', 'amount_negative'],
    [-MAX, 'amount_negative'],
    [-(2 ** 60), 'amount_negative'],
    ['-99999999999999999999', 'amount_negative'],
    ['+5', 'amount_not_a_number'],
    ['', 'amount_not_a_number'],
    [' 5', 'amount_not_a_number'],
    ['5 ', 'amount_not_a_number'],
    ['abc', 'amount_not_a_number'],
    ['1,000', 'amount_not_a_number'],
    ['1_000', 'amount_not_a_number'],
    ['0x10', 'amount_not_a_number'],
    ['１０００', 'amount_not_a_number'],
    ['Infinity', 'amount_not_a_number'],
    ['NaN', 'amount_not_a_number'],
    ['e3', 'amount_not_a_number'],
    ['--5', 'amount_not_a_number'],
    [null, 'amount_not_a_number'],
    [undefined, 'amount_not_a_number'],
    [true, 'amount_not_a_number'],
    [false, 'amount_not_a_number'],
    [Number.NaN, 'amount_not_a_number'],
    [Number.POSITIVE_INFINITY, 'amount_not_a_number'],
    [Number.NEGATIVE_INFINITY, 'amount_not_a_number'],
    [{}, 'amount_not_a_number'],
    [[1000], 'amount_not_a_number'],
    [{ amount: 1000 }, 'amount_not_a_number'],
    [1000n, 'amount_not_a_number'],
    [2 ** 53, 'amount_not_safe_integer'],
    [1e21, 'amount_not_safe_integer'],
    [Number.MAX_VALUE, 'amount_not_safe_integer'],
    ['9007199254740992', 'amount_not_safe_integer'],
    ['9007199254740993', 'amount_not_safe_integer'],
    ['99999999999999999999999999999', 'amount_not_safe_integer'],
    [0, 'amount_not_positive'],
    [-0, 'amount_not_positive'],
    ['0', 'amount_not_positive'],
    ['000', 'amount_not_positive'],
  ];

  const show = (input: unknown): string =>
    typeof input === 'string' ? JSON.stringify(input) : typeof input === 'bigint' ? `${input}n` : Object.is(input, -0) ? '-0' : typeof input === 'object' && input !== null ? JSON.stringify(input) : String(input);

  for (const [input, expected] of table) {
    it(`parses ${show(input)} to ${String(expected)}`, () => {
      const result = parseAmount(input);
      if (typeof expected === 'number') expect(result).toEqual({ ok: true, value: expected });
      else {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe(expected);
      }
    });
  }

  it('accepts zero, as +0, only when allowZero is set', () => {
    for (const input of [0, -0, '0', '00']) {
      const result = parseAmount(input, { allowZero: true });
      expect(result).toEqual({ ok: true, value: 0 });
      if (result.ok) expect(Object.is(result.value, 0)).toBe(true);
    }
  });

  it('names the field and says what to send in its messages', () => {
    const cases: readonly (readonly [unknown, RegExp])[] = [
      ['abc', /^platform_fee must be an integer number of minor units or a string of digits/],
      ['1e3', /^platform_fee must be written as plain digits \(send "1000", not "1e3"\)/],
      [10.5, /^platform_fee must be a whole number of minor units/],
      ['-5', /^platform_fee must not be negative/],
      ['9007199254740992', /^platform_fee must be at most 9007199254740991 minor units/],
      [0, /^platform_fee must be greater than 0/],
    ];
    for (const [input, message] of cases) {
      const result = parseAmount(input, { field: 'platform_fee' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    const plain = parseAmount(null);
    if (!plain.ok) expect(plain.error.message).toMatch(/^amount /);
  });

  it('throws a TypeError for options that are not what their types say, rather than reading "no" as yes', () => {
    // From JavaScript, { allowZero: 'no' } used to be truthy and accepted 0.
    expect(() => parseAmount(0, { allowZero: 'no' } as never)).toThrow(new TypeError('parseAmount: allowZero must be true or false, got string'));
    // Review 207: `null` (from untyped JSON) was taken as "not given" and quietly defaulted.
    expect(() => parseAmount(0, { allowZero: null } as never)).toThrow(new TypeError('parseAmount: allowZero must be true or false, got null'));
    expect(() => parseAmount(5, { field: null } as never)).toThrow(new TypeError('parseAmount: field must be a string, got null'));
    expect(() => parseAmount(5, { allowZero: 1 } as never)).toThrow(TypeError);
    expect(() => parseAmount(5, { field: 7 } as never)).toThrow(new TypeError('parseAmount: field must be a string, got number'));
    expect(parseAmount(0, { allowZero: undefined, field: undefined } as never)).toMatchObject({ ok: false, error: { code: 'amount_not_positive' } });
    expect(parseAmount(5, null as never)).toEqual({ ok: true, value: 5 });
    expect(() => parseAmount('0', 'x' as never)).toThrow(new TypeError('parseAmount: the options must be an object ({ field, allowZero }), got string'));
  });

  it('parses every safe integer back from its number, its digits, and its digits with leading zeros', () => {
    fc.assert(
      fc.property(amountArbitrary({ min: 1 }), fc.nat({ max: 5 }), (amount, zeros) => {
        expect(parseAmount(amount)).toEqual({ ok: true, value: amount });
        expect(parseAmount(String(amount))).toEqual({ ok: true, value: amount });
        expect(parseAmount('0'.repeat(zeros) + String(amount))).toEqual({ ok: true, value: amount });
      }),
    );
  });

  it('rejects every digit string above MAX_SAFE_INTEGER as not a safe integer', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: BigInt(MAX) + 1n, max: 10n ** 40n }), (value) => {
        const result = parseAmount(value.toString());
        expect(result.ok || result.error.code).toBe('amount_not_safe_integer');
      }),
    );
  });

  it('rejects every string that is not only ASCII digits', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        fc.pre(!/^[0-9]+$/.test(input));
        expect(parseAmount(input, { allowZero: true }).ok).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives the exact code for a 100,000-digit request string with one stray character', () => {
    // A request can carry any string. The exponent-notation pattern once had two digit
    // quantifiers back to back and tried every split of the run: about a minute for these
    // inputs (see the comment on the pattern). This test states the codes, not a time: speed is
    // measured by benchmarks, and a regression shows as this file taking a minute.
    const digits = '1'.repeat(100_000);
    const cases: readonly (readonly [string, AmountErrorCode])[] = [
      [`${digits}x`, 'amount_not_a_number'],
      [`${digits}e`, 'amount_not_a_number'],
      [`-${digits}e+`, 'amount_not_a_number'],
      [`${digits}e5`, 'amount_exponent_notation'],
      [`${digits}.5`, 'amount_not_integer'],
    ];
    for (const [input, code] of cases) {
      const result = parseAmount(input);
      expect(result.ok || result.error.code).toBe(code);
    }
  });

  it('rejects every fractional number as not an integer', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        fc.pre(!Number.isInteger(value));
        const result = parseAmount(value);
        expect(result.ok || result.error.code).toBe('amount_not_integer');
      }),
    );
  });
});

describe('parseAmount messages name what was sent', () => {
  it('in plain words for values that are no number or string', () => {
    const message = (input: unknown) => { const parsed = parseAmount(input); return parsed.ok ? '' : parsed.error.message; };
    expect(message({})).toMatch(/, got an object$/);
    expect(message(undefined)).toMatch(/, got nothing \(undefined\)$/);
    expect(message(true)).toMatch(/, got a boolean$/);
    expect(message([1])).toMatch(/, got an array$/);
    expect(message(null)).toMatch(/, got null$/);
  });
});

describe('sumAmounts', () => {
  it('adds amounts exactly, and rejects a sum past MAX_SAFE_INTEGER, as a bigint sum says', () => {
    fc.assert(
      fc.property(fc.array(amountArbitrary(), { maxLength: 6 }), (amounts) => {
        const exact = amounts.reduce((sum, amount) => sum + BigInt(amount), 0n);
        const result = sumAmounts(amounts);
        if (exact <= BigInt(MAX)) expect(result).toEqual({ ok: true, value: Number(exact) });
        else expect(result.ok || result.error.code).toBe('amount_sum_not_safe_integer');
      }),
    );
  });

  it('sums the examples', () => {
    expect(sumAmounts([])).toEqual({ ok: true, value: 0 });
    expect(sumAmounts([700, 300])).toEqual({ ok: true, value: 1000 });
    expect(sumAmounts([MAX - 1, 1])).toEqual({ ok: true, value: MAX });
    const over = sumAmounts([MAX, 1], 'fees');
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.error.code).toBe('amount_sum_not_safe_integer');
      expect(over.error.message).toContain('fees');
    }
  });

  it('throws on an entry that is not an amount', () => {
    expect(() => sumAmounts([1, 1.5])).toThrow(RangeError);
    expect(() => sumAmounts([1, -1])).toThrow(/amount\[1\]/);
  });
});

describe('isAmount and assertAmount', () => {
  const amounts: readonly unknown[] = [0, 1, 1000, MAX];
  const others: readonly unknown[] = [-1, 0.5, MAX + 1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, '1', null, undefined, 1n, {}];

  it('accept exactly the non-negative safe integers', () => {
    for (const value of amounts) {
      expect(isAmount(value)).toBe(true);
      expect(() => assertAmount(value as number)).not.toThrow();
    }
    for (const value of others) {
      expect(isAmount(value)).toBe(false);
      expect(() => assertAmount(value as number, 'refund')).toThrow(RangeError);
    }
    expect(() => assertAmount(-1, 'refund')).toThrow(/^refund must be a non-negative safe integer/);
  });
});

describe('amountArbitrary shrinks a failure to its boundary', () => {
  // A property that fails from 12,345 up: over 20 fixed seeds, at least 16 counterexamples
  // shrink to exactly 12,345 (12 and 11 of 20 did before the whole range came first with
  // cross-shrinking; the rest stopped near MAX_SAFE_INTEGER, where they were drawn).
  it('reports 12,345 for "every amount is below 12,345" on at least 16 of 20 seeds', () => {
    let exact = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      const outcome = fc.check(fc.property(amountArbitrary(), (amount) => amount < 12_345), { seed });
      if (outcome.counterexample?.[0] === 12_345) exact += 1;
    }
    expect(exact).toBeGreaterThanOrEqual(16);
  });
});

describe('a revoked Proxy where an amount or an id belongs is described, not a TypeError', () => {
  // Array.isArray throws for a revoked Proxy; describing the wrong value threw
  // "Cannot perform 'IsArray' on a proxy that has been revoked" in place of the RangeError.
  const revoked = (): object => {
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    return revocable.proxy;
  };

  it('assertAmount throws its own RangeError naming the field', () => {
    expect(() => assertAmount(revoked() as unknown as number, 'fee')).toThrow(new RangeError('fee must be a non-negative safe integer count of minor units, got an object'));
  });

  it('quoteText writes it as an object', () => {
    expect(quoteText(revoked())).toBe('an object');
  });
});

describe('quoteText and bidi controls', () => {
  it('writes each bidi control as an escape: an id ending in U+202E would make the rest of the message read right to left', () => {
    expect(quoteText('pay\u202e')).toBe('"pay\\u202e"');
    expect(quoteText('\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069')).toBe(
      '"\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069"',
    );
    // Not every format character: a zero-width joiner belongs to emoji sequences.
    expect(quoteText('👩\u200d💻')).toBe('"👩\u200d💻"');
  });
});
