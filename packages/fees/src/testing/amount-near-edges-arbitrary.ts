import fc from 'fast-check';
import type { Rate } from '../rates/parse-rate.js';

/** Constraints of {@link amountNearEdgesArbitrary}. */
export interface AmountNearEdgesConstraints {
  /**
   * The rate whose edges to aim at: amounts where `amount × rate` ends in exactly .5 (where
   * the rounding modes disagree most), and the amounts around `MAX_SAFE_INTEGER / numerator`
   * (where the exact product leaves the safe-integer range and the computation switches to
   * bigint). Default: none, only the rate-independent edges.
   */
  readonly rate?: Rate | undefined;
  /** The largest amount. Default `Number.MAX_SAFE_INTEGER`. */
  readonly max?: number | undefined;
}

/**
 * A non-negative safe-integer amount biased to the edges: 0, 1, 2, small everyday amounts,
 * MAX_SAFE_INTEGER and its neighbours, and, given a rate, its half-way points and the
 * boundary of the float fast path. Plain arbitrary amounts fill the rest.
 */
export function amountNearEdgesArbitrary(constraints: AmountNearEdgesConstraints = {}): fc.Arbitrary<number> {
  const max = constraints.max ?? Number.MAX_SAFE_INTEGER;
  const fixed = [0, 1, 2, 3, 5, 9, 10, 99, 100, 101, 999, 1000, 5000, Number.MAX_SAFE_INTEGER - 2, Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER];
  const rate = constraints.rate;
  if (rate !== undefined && rate.numerator > 0) {
    // Around the last amount whose product with the numerator is still a safe integer.
    const lastFast = Math.floor(Number.MAX_SAFE_INTEGER / rate.numerator);
    fixed.push(lastFast - 1, lastFast, lastFast + 1);
  }
  const edges = fixed.filter((amount) => amount >= 0 && amount <= max);
  // The whole range first, with cross-shrinking: a failing edge or half-way amount can then
  // shrink through the whole range towards 0 (the boundary of the failure), instead of being
  // reported as the edge it was drawn from (9007199254740990 for a failure at 12,345).
  const arbitraries: fc.WeightedArbitrary<number>[] = [
    { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
    { weight: 2, arbitrary: fc.constantFrom(...(edges.length > 0 ? edges : [0])) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.min(max, 10_000_000) }) },
    { weight: 1, arbitrary: fc.integer({ min: Math.max(0, max - 1_000_000), max }) },
  ];
  const halfWay = rate === undefined ? undefined : halfWayAmounts(rate, max);
  if (halfWay !== undefined) arbitraries.push({ weight: 3, arbitrary: halfWay });
  return fc.oneof({ withCrossShrink: true }, ...arbitraries);
}

/**
 * Amounts `a` with `a × numerator ≡ denominator / 2 (mod denominator)`, i.e. `a × rate` ends in
 * exactly .5: the first few, some near the top of the range and near the fast-path boundary,
 * and some anywhere. Undefined when the rate has none (e.g. 10%, 100%, 0%).
 */
function halfWayAmounts(rate: Rate, max: number): fc.Arbitrary<number> | undefined {
  const numerator = BigInt(rate.numerator);
  const denominator = BigInt(rate.denominator);
  const half = denominator / 2n; // denominators are powers of ten, so even unless 1
  if (denominator < 2n || numerator === 0n) return undefined;
  const divisor = gcd(numerator, denominator);
  if (half % divisor !== 0n) return undefined;
  const period = denominator / divisor;
  const first = ((half / divisor) * modularInverse(numerator / divisor, period)) % period;
  const limit = BigInt(max);
  if (first > limit) return undefined;
  const lastIndex = (limit - first) / period;
  const lastFastIndex = (BigInt(Number.MAX_SAFE_INTEGER) / numerator - first) / period;
  const indexes = [fc.bigInt({ min: 0n, max: min(lastIndex, 20n) }), fc.bigInt({ min: max0(lastIndex - 20n), max: lastIndex }), fc.bigInt({ min: 0n, max: lastIndex })];
  if (lastFastIndex >= 0n && lastFastIndex <= lastIndex) {
    indexes.push(fc.bigInt({ min: max0(lastFastIndex - 3n), max: min(lastIndex, lastFastIndex + 3n) }));
  }
  return fc.oneof(...indexes).map((index) => Number(first + index * period));
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The inverse of `value` modulo `modulus` (coprime), by the extended Euclidean algorithm. */
function modularInverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [value % modulus, modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % modulus) + modulus) % modulus;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function max0(value: bigint): bigint {
  return value < 0n ? 0n : value;
}
