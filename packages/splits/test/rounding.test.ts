import { divideRoundedBig, isRoundingMode, multiplyDivide, ROUNDING_MODES, type RoundingMode } from '@kanjo/splits';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const MAX = Number.MAX_SAFE_INTEGER;

// The reference: the textbook definition of each mode on exact bigint quotient and remainder,
// written here independently of the code under test.
function reference(a: number, b: number, d: number, mode: RoundingMode): bigint {
  const numerator = BigInt(a) * BigInt(b);
  const divisor = BigInt(d);
  const quotient = numerator / divisor;
  const remainder = numerator % divisor;
  if (remainder === 0n) return quotient;
  const twice = 2n * remainder;
  switch (mode) {
    case 'floor':
      return quotient;
    case 'ceiling':
      return quotient + 1n;
    case 'half_up':
      return twice >= divisor ? quotient + 1n : quotient;
    case 'half_even':
      return twice > divisor || (twice === divisor && quotient % 2n === 1n) ? quotient + 1n : quotient;
  }
}

function expectMatchesReference(a: number, b: number, d: number, mode: RoundingMode): void {
  const expected = reference(a, b, d, mode);
  if (expected > BigInt(MAX)) {
    expect(() => multiplyDivide(a, b, d, mode)).toThrow(RangeError);
  } else {
    expect(multiplyDivide(a, b, d, mode)).toBe(Number(expected));
  }
}

// Factors biased to where the two code paths meet: tiny values, values next to
// MAX_SAFE_INTEGER, and everything between.
const factor = fc.oneof(
  fc.integer({ min: 0, max: 1_000 }),
  fc.integer({ min: MAX - 1_000, max: MAX }),
  fc.integer({ min: 0, max: 2 ** 26 }),
  fc.integer({ min: 0, max: MAX }),
);
const divisor = fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: MAX - 1_000, max: MAX }), fc.integer({ min: 1, max: MAX }));
const mode = fc.constantFrom(...ROUNDING_MODES);

describe('multiplyDivide', () => {
  it('rounds a × b / d exactly as the bigint reference does, for all four modes', () => {
    fc.assert(
      fc.property(factor, factor, divisor, mode, (a, b, d, rounding) => expectMatchesReference(a, b, d, rounding)),
      { numRuns: 5_000 },
    );
  });

  it('agrees with the reference on both sides of the plain-number fast path (a × b next to MAX_SAFE_INTEGER)', () => {
    const atBoundary = fc
      .tuple(fc.integer({ min: 1, max: 2 ** 27 }), fc.integer({ min: -2, max: 2 }))
      .map(([a, step]) => [a, Math.min(MAX, Math.max(0, Math.floor(MAX / a) + step))] as const);
    fc.assert(
      fc.property(atBoundary, fc.integer({ min: 1, max: MAX }), fc.integer({ min: -3, max: 3 }), mode, ([a, b], d, nudge, rounding) => {
        // Divisors near the product itself and near its half make quotients close to 1 and to
        // x.5, where a float quotient is most likely to land on the wrong side.
        expectMatchesReference(a, b, d, rounding);
        const product = a * b <= MAX ? a * b : MAX;
        expectMatchesReference(a, b, Math.min(MAX, Math.max(1, product + nudge)), rounding);
        expectMatchesReference(a, b, Math.min(MAX, Math.max(1, Math.floor(product / 2) + nudge)), rounding);
      }),
      { numRuns: 5_000 },
    );
  });

  it('returns whole quotients unchanged in every mode', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 26 }), fc.integer({ min: 1, max: 2 ** 26 }), mode, (quotient, d, rounding) => {
        expect(multiplyDivide(quotient, d, d, rounding)).toBe(quotient);
      }),
    );
  });

  it('rounds the DOMAIN examples as KOMOJU does (half up)', () => {
    // 5000 × 2.75% = 137.5 → 138; 138 × 10% = 13.8 → 14.
    expect(multiplyDivide(5_000, 275, 10_000, 'half_up')).toBe(138);
    expect(multiplyDivide(138, 10, 100, 'half_up')).toBe(14);
    // 207 × 5000 / 50000 = 20.7 → 21.
    expect(multiplyDivide(207, 5_000, 50_000, 'half_up')).toBe(21);
  });

  it('tells the modes apart on exact halves and on quarters', () => {
    const table: readonly (readonly [number, number, number, RoundingMode, number])[] = [
      [5, 1, 2, 'half_up', 3],
      [5, 1, 2, 'half_even', 2],
      [7, 1, 2, 'half_even', 4],
      [5, 1, 2, 'floor', 2],
      [5, 1, 2, 'ceiling', 3],
      [1, 1, 4, 'half_up', 0],
      [3, 1, 4, 'half_up', 1],
      [1, 1, 4, 'ceiling', 1],
      [3, 1, 4, 'floor', 0],
      [0, MAX, 1, 'ceiling', 0],
      [MAX, MAX, MAX, 'floor', MAX],
      [MAX, 2, 4, 'half_up', 4_503_599_627_370_496],
      [MAX, 2, 4, 'half_even', 4_503_599_627_370_496],
      [MAX, 2, 4, 'floor', 4_503_599_627_370_495],
    ];
    for (const [a, b, d, rounding, expected] of table) expect(multiplyDivide(a, b, d, rounding), `${a}×${b}/${d} ${rounding}`).toBe(expected);
  });

  it('throws on factors or divisors that are not safe integers, and on results beyond the safe range', () => {
    expect(() => multiplyDivide(1.5, 1, 1, 'floor')).toThrow(RangeError);
    expect(() => multiplyDivide(-1, 1, 1, 'floor')).toThrow(RangeError);
    expect(() => multiplyDivide(1, 2 ** 53, 1, 'floor')).toThrow(RangeError);
    expect(() => multiplyDivide(1, 1, 0, 'floor')).toThrow(RangeError);
    expect(() => multiplyDivide(1, 1, Number.NaN, 'floor')).toThrow(RangeError);
    expect(() => multiplyDivide(MAX, 2, 1, 'floor')).toThrow(RangeError);
  });
});

describe('divideRoundedBig', () => {
  it('matches the reference for every mode on bigint operands', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 120n }), fc.bigInt({ min: 1n, max: 2n ** 70n }), mode, (numerator, denominator, rounding) => {
        const quotient = numerator / denominator;
        const twice = 2n * (numerator % denominator);
        const up = numerator % denominator === 0n
          ? false
          : rounding === 'ceiling' || (rounding === 'half_up' && twice >= denominator) || (rounding === 'half_even' && (twice > denominator || (twice === denominator && quotient % 2n === 1n)));
        expect(divideRoundedBig(numerator, denominator, rounding)).toBe(up ? quotient + 1n : quotient);
      }),
    );
  });

  it('throws on a negative numerator or a non-positive denominator', () => {
    expect(() => divideRoundedBig(-1n, 1n, 'floor')).toThrow(RangeError);
    expect(() => divideRoundedBig(1n, 0n, 'floor')).toThrow(RangeError);
  });

  it('throws a TypeError for operands that are not bigints, which would divide as doubles (review 151: 5 / 2 floored was 2.5)', () => {
    expect(() => divideRoundedBig(5 as never, 2 as never, 'floor')).toThrow(new TypeError('divideRoundedBig: numerator and denominator must be bigints (5n, not 5), got number and number'));
    expect(() => divideRoundedBig(5n, '2' as never, 'floor')).toThrow(TypeError);
  });

  it('throws a RangeError for a mode that is not a RoundingMode even when the division is exact (review 163: 4n / 2n gave 2n)', () => {
    const message = 'divideRoundedBig: rounding mode must be half_up, half_even, floor or ceiling, got "nope"';
    expect(() => divideRoundedBig(4n, 2n, 'nope' as RoundingMode)).toThrow(new RangeError(message));
    expect(() => divideRoundedBig(5n, 2n, 'nope' as RoundingMode)).toThrow(new RangeError(message));
  });
});

describe('rounding modes', () => {
  it('lists the four modes and recognises exactly those', () => {
    expect(ROUNDING_MODES).toEqual(['half_up', 'half_even', 'floor', 'ceiling']);
    for (const rounding of ROUNDING_MODES) expect(isRoundingMode(rounding)).toBe(true);
    for (const other of ['HALF_UP', 'round', '', null, 1, undefined]) expect(isRoundingMode(other)).toBe(false);
  });

  it('cannot be extended from JavaScript: the list is frozen, so isRoundingMode stays exact', () => {
    expect(Object.isFrozen(ROUNDING_MODES)).toBe(true);
    expect(() => (ROUNDING_MODES as RoundingMode[]).push('nearest' as RoundingMode)).toThrow(TypeError);
    expect(isRoundingMode('nearest')).toBe(false);
  });
});
