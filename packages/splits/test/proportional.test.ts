import { proportionalRefund, proportionalRefundInto, unwrap, type ProportionalRefundErrorCode } from '@kanjo/splits';
import { refundHistoryArbitrary, sharesArbitrary, type SharesConstraints } from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

// floor(R·w/T) ≤ cumulative ≤ ceil(R·w/T), decided exactly: (c + 1)·T > R·w and (c − 1)·T < R·w.
function withinOneUnit(cumulative: number, refundTotal: number, share: number, total: number): boolean {
  const product = refundTotal * share;
  const above = (cumulative + 1) * total;
  // Plain numbers while every product is a safe integer (then exact), bigint beyond.
  if (product <= Number.MAX_SAFE_INTEGER && above <= Number.MAX_SAFE_INTEGER) return above > product && (cumulative - 1) * total < product;
  const target = BigInt(refundTotal) * BigInt(share);
  return (BigInt(cumulative) + 1n) * BigInt(total) > target && (BigInt(cumulative) - 1n) * BigInt(total) < target;
}

interface Step {
  readonly refundTotal: number;
  readonly before: readonly number[];
  readonly parts: readonly number[];
  readonly after: readonly number[];
}

// Runs a refund history through proportionalRefund and returns every step.
function run(shares: readonly number[], totals: readonly number[]): Step[] {
  let refunded: readonly number[] = shares.map(() => 0);
  return totals.map((refundTotal) => {
    const parts = unwrap(proportionalRefund(shares, refunded, refundTotal));
    const after = refunded.map((given, index) => given + (parts[index] as number));
    const step = { refundTotal, before: refunded, parts, after };
    refunded = after;
    return step;
  });
}

// Checks one invariant over every step of a history; returns the first violation, or null.
// Plain comparisons in the loop (one expect per history) keep thousands of runs fast.
function firstViolation(shares: readonly number[], totals: readonly number[], holds: (step: Step, party: number, share: number, total: number, previousTotal: number) => boolean): string | null {
  const total = sum(shares);
  let previousTotal = 0;
  for (const step of run(shares, totals)) {
    for (let party = 0; party < shares.length; party += 1) {
      if (!holds(step, party, shares[party] as number, total, previousTotal)) {
        return `shares [${shares}] at refund total ${step.refundTotal}: party ${party} from ${step.before[party]} to ${step.after[party]} (parts [${step.parts}])`;
      }
    }
    previousTotal = step.refundTotal;
  }
  return null;
}

// Shares with a refund history over their total: sometimes ending in the full refund.
const scenario = (constraints: SharesConstraints = {}, endAtTotal?: boolean) =>
  sharesArbitrary(constraints).chain((shares) =>
    (endAtTotal === undefined ? fc.boolean() : fc.constant(endAtTotal)).chain((end) => refundHistoryArbitrary(sum(shares), { endAtTotal: end }).map((totals) => ({ shares, totals }))),
  );

// The two methods DOMAIN.md rules out, kept here as regression evidence. Both use Hamilton's
// largest-remainder apportionment of `amount` by `shares` (ties to the earlier party).
function largestRemainder(amount: number, shares: readonly number[]): number[] {
  const total = sum(shares);
  const floors = shares.map((share) => Math.floor((amount * share) / total));
  const order = shares.map((share, index) => ({ index, remainder: (amount * share) % total })).sort((left, right) => right.remainder - left.remainder || left.index - right.index);
  let leftover = amount - sum(floors);
  for (const { index } of order) {
    if (leftover === 0) break;
    floors[index] = (floors[index] as number) + 1;
    leftover -= 1;
  }
  return floors;
}
// Failing method 1: largest remainder on the cumulative total, posting the difference.
const largestRemainderOnCumulative = (shares: readonly number[], refunded: readonly number[], refundTotal: number): number[] =>
  largestRemainder(refundTotal, shares).map((cumulative, index) => cumulative - (refunded[index] as number));
// Failing method 2: each refund rounded on its own.
const eachRefundOnItsOwn = (shares: readonly number[], refunded: readonly number[], refundTotal: number): number[] => largestRemainder(refundTotal - sum(refunded), shares);

describe('proportionalRefund', () => {
  it('splits the DOMAIN example shares 100/300/300 without taking anything back', () => {
    expect(proportionalRefund([100, 300, 300], [0, 0, 0], 3)).toEqual({ ok: true, value: [0, 2, 1] });
    expect(proportionalRefund([100, 300, 300], [0, 2, 1], 4)).toEqual({ ok: true, value: [0, 0, 1] });
    expect(proportionalRefund([100, 300, 300], [0, 2, 2], 700)).toEqual({ ok: true, value: [100, 298, 298] });
  });

  it('gives the lower quotas first, then the remaining units to whoever is due soonest', () => {
    // 10 of 3/3/4: exact 3/3/4. 5 of 1/1/1/1/1/1/1: floors 0, five units to the first five (ties keep order).
    expect(unwrap(proportionalRefund([3, 3, 4], [0, 0, 0], 10))).toEqual([3, 3, 4]);
    expect(unwrap(proportionalRefund([1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0], 5))).toEqual([1, 1, 1, 1, 1, 0, 0]);
    // 50,000 with 5,000 to one party: 10/90, 10/90, then 207 → 20.7/186.3; the unit goes to the
    // party due soonest, (186+1)/45000 < (20+1)/5000, unlike the seller rule's half-up 21/186.
    expect(run([5_000, 45_000], [100, 200, 207]).map(({ parts }) => parts)).toEqual([[10, 90], [10, 90], [0, 7]]);
  });

  describe('the methods DOMAIN.md rules out fail on its counterexamples, where proportionalRefund does not', () => {
    const shares = [100, 300, 300];

    it('largest remainder on the cumulative total takes a unit back from the first party (refund 3, then 1)', () => {
      expect(largestRemainderOnCumulative(shares, [0, 0, 0], 3)).toEqual([1, 1, 1]);
      const second = largestRemainderOnCumulative(shares, [1, 1, 1], 4);
      expect(second).toEqual([-1, 1, 1]); // cumulative 0/2/2: the first party's unit comes back
      expect(Math.min(...second)).toBeLessThan(0);

      const steps = run(shares, [3, 4]);
      for (const { parts } of steps) expect(Math.min(...parts)).toBeGreaterThanOrEqual(0);
      expect(steps.map(({ after }) => after)).toEqual([[0, 2, 1], [0, 2, 2]]);
    });

    it('rounding each refund on its own piles 1-yen refunds onto one party until it passes its share', () => {
      const totals = Array.from({ length: 301 }, (_, index) => index + 1);
      let refunded = [0, 0, 0];
      let firstGapAbove1: number | undefined;
      for (const refundTotal of totals) {
        const parts = eachRefundOnItsOwn(shares, refunded, refundTotal);
        refunded = refunded.map((given, index) => given + (parts[index] as number));
        if (firstGapAbove1 === undefined && refunded.some((given, index) => !withinOneUnit(given, refundTotal, shares[index] as number, 700))) firstGapAbove1 = refundTotal;
      }
      expect(refunded).toEqual([0, 301, 0]); // every yen went to the second party
      expect(refunded[1]).toBeGreaterThan(shares[1] as number);
      expect(firstGapAbove1).toBe(2); // 2 of 1.71: already past the ceiling

      const steps = run(shares, totals);
      for (const { refundTotal, after } of steps) {
        after.forEach((given, index) => {
          expect(given).toBeLessThanOrEqual(shares[index] as number);
          expect(withinOneUnit(given, refundTotal, shares[index] as number, 700)).toBe(true);
        });
      }
      expect(steps.at(-1)?.after).toEqual([43, 129, 129]);
    });
  });

  it('adds the parts of every refund up to the refund', () => {
    fc.assert(
      fc.property(scenario(), ({ shares, totals }) => {
        expect(firstViolation(shares, totals, ({ refundTotal, parts }, _party, _share, _total, previousTotal) => sum(parts) === refundTotal - previousTotal)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('never takes money back: a party’s cumulative refund never decreases', () => {
    fc.assert(
      fc.property(scenario(), ({ shares, totals }) => {
        expect(firstViolation(shares, totals, ({ before, after, parts }, party) => (after[party] as number) >= (before[party] as number) && (parts[party] as number) >= 0)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every party strictly within one unit of its exact proportion: floor ≤ cumulative ≤ ceil of R × w_i / T', () => {
    fc.assert(
      fc.property(scenario(), ({ shares, totals }) => {
        expect(firstViolation(shares, totals, ({ refundTotal, after }, party, share, total) => withinOneUnit(after[party] as number, refundTotal, share, total))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('never refunds a party more than its share', () => {
    fc.assert(
      fc.property(scenario(), ({ shares, totals }) => {
        expect(firstViolation(shares, totals, ({ after }, party, share) => (after[party] as number) <= share)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('refunds each party exactly its share once everything is refunded', () => {
    fc.assert(
      fc.property(scenario({}, true), ({ shares, totals }) => {
        expect(run(shares, totals).at(-1)?.after).toEqual(shares);
      }),
      { numRuns: 300 },
    );
  });

  it('returns exactly the shares after any sequence of partial refunds followed by a refund of everything left', () => {
    fc.assert(
      fc.property(scenario({}, false), ({ shares, totals }) => {
        const partial = totals.filter((refundTotal) => refundTotal < sum(shares));
        const steps = run(shares, [...partial, sum(shares)]);
        const last = steps.at(-1);
        expect(last?.after).toEqual(shares);
        expect(last?.parts).toEqual(shares.map((share, index) => share - (last?.before[index] as number)));
      }),
      { numRuns: 300 },
    );
  });

  it('holds every invariant on 3,000 generated histories of up to 24 parties, tiny shares and long runs of 1-unit refunds', () => {
    fc.assert(
      fc.property(scenario(), ({ shares, totals }) => {
        const violation = firstViolation(shares, totals, ({ refundTotal, before, parts, after }, party, share, total, previousTotal) => {
          const given = after[party] as number;
          return (
            sum(parts) === refundTotal - previousTotal &&
            given >= (before[party] as number) &&
            given <= share &&
            withinOneUnit(given, refundTotal, share, total) &&
            (refundTotal < total || given === share)
          );
        });
        expect(violation).toBeNull();
      }),
      { numRuns: 3_000 },
    );
  });

  it('holds on every refund history of every share vector of up to 4 parties totalling at most 9 (exhaustive)', () => {
    const vectors: number[][] = [];
    const extend = (prefix: number[]): void => {
      if (prefix.length > 0 && sum(prefix) > 0) vectors.push(prefix);
      if (prefix.length === 4) return;
      for (let share = 0; sum(prefix) + share <= 9; share += 1) extend([...prefix, share]);
    };
    extend([]);
    let checked = 0;
    for (const shares of vectors) {
      const total = sum(shares);
      // Depth-first over every state reachable by any sequence of refund totals.
      const seen = new Set<string>();
      const stack: { readonly refunded: readonly number[]; readonly refundedTotal: number }[] = [{ refunded: shares.map(() => 0), refundedTotal: 0 }];
      while (stack.length > 0) {
        const { refunded, refundedTotal } = stack.pop() as { readonly refunded: readonly number[]; readonly refundedTotal: number };
        const key = refunded.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        for (let refundTotal = refundedTotal + 1; refundTotal <= total; refundTotal += 1) {
          const parts = unwrap(proportionalRefund(shares, refunded, refundTotal));
          const after = refunded.map((given, index) => given + (parts[index] as number));
          after.forEach((given, index) => {
            if (!(given >= (refunded[index] as number) && given <= (shares[index] as number) && withinOneUnit(given, refundTotal, shares[index] as number, total))) {
              throw new Error(`shares ${shares} refunded ${refunded} → ${refundTotal}: ${after}`);
            }
          });
          checked += 1;
          stack.push({ refunded: after, refundedTotal: refundTotal });
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('stays exact with shares too large for plain-number products (the bigint paths)', () => {
    fc.assert(
      fc.property(scenario({ maxShare: 2 ** 48, maxParties: 24 }), ({ shares, totals }) => {
        const violation = firstViolation(shares, totals, ({ refundTotal, before, parts, after }, party, share, total, previousTotal) => {
          const given = after[party] as number;
          // Every value stays below MAX_SAFE_INTEGER (shares total at most 24 × 2^48), so sums are exact.
          return sum(parts) === refundTotal - previousTotal && given >= (before[party] as number) && given <= share && withinOneUnit(given, refundTotal, share, total);
        });
        expect(violation).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('stays safe on histories it did not make: parts ≥ 0, adding up, no share passed, exact at the full refund', () => {
    const foreign = sharesArbitrary().chain((shares) =>
      fc.tuple(...shares.map((share) => fc.oneof(fc.constant(0), fc.constant(share), fc.integer({ min: 0, max: share })))).chain((refunded) =>
        fc.integer({ min: sum(refunded), max: sum(shares) }).map((refundTotal) => ({ shares, refunded, refundTotal })),
      ),
    );
    fc.assert(
      fc.property(foreign, ({ shares, refunded, refundTotal }) => {
        const parts = unwrap(proportionalRefund(shares, refunded, refundTotal));
        expect(sum(parts)).toBe(refundTotal - sum(refunded));
        parts.forEach((part, index) => {
          expect(part).toBeGreaterThanOrEqual(0);
          expect((refunded[index] as number) + part).toBeLessThanOrEqual(shares[index] as number);
        });
        expect(unwrap(proportionalRefund(shares, refunded, sum(shares))).map((part, index) => part + (refunded[index] as number))).toEqual(shares);
      }),
      { numRuns: 1_000 },
    );
  });

  it('shares a refund by shortfall when an explicit-split history leaves lower quotas out of reach', () => {
    // Party 0 already gave its whole 10; at 11 the floors 3/3/3 would need 16. The one new unit
    // goes to whichever of the two parties behind is due sooner (a tie: the earlier).
    expect(unwrap(proportionalRefund([10, 10, 10], [10, 0, 0], 11))).toEqual([0, 1, 0]);
    expect(unwrap(proportionalRefund([10, 10, 10], [10, 0, 0], 12))).toEqual([0, 1, 1]);
    expect(unwrap(proportionalRefund([10, 10, 10], [10, 0, 0], 30))).toEqual([0, 10, 10]);
  });

  it('reaches every code with an exact example', () => {
    const examples: readonly (readonly [ProportionalRefundErrorCode, () => ReturnType<typeof proportionalRefund>])[] = [
      ['amount_sum_not_safe_integer', () => proportionalRefund([Number.MAX_SAFE_INTEGER, 1], [0, 0], 1)],
      ['refunded_exceeds_share', () => proportionalRefund([100, 300], [101, 0], 101)],
      ['refund_total_exceeds_shares', () => proportionalRefund([100, 300], [0, 0], 401)],
      ['refund_total_below_refunded', () => proportionalRefund([100, 300], [10, 30], 39)],
    ];
    for (const [code, attempt] of examples) {
      const result = attempt();
      expect(result.ok || result.error.code, code).toBe(code);
    }
  });

  it('refunds nothing when the total does not move, and handles zero shares and no parties', () => {
    expect(proportionalRefund([100, 300], [10, 30], 40)).toEqual({ ok: true, value: [0, 0] });
    expect(proportionalRefund([0, 5, 0], [0, 0, 0], 5)).toEqual({ ok: true, value: [0, 5, 0] });
    expect(proportionalRefund([0, 0], [0, 0], 0)).toEqual({ ok: true, value: [0, 0] });
    expect(proportionalRefund([], [], 0)).toEqual({ ok: true, value: [] });
  });

  it('throws on arrays of different lengths or entries that are not amounts (programmer errors)', () => {
    expect(() => proportionalRefund([1, 2], [0], 1)).toThrow(RangeError);
    expect(() => proportionalRefund([1, 2.5], [0, 0], 1)).toThrow(/shares\[1\]/);
    expect(() => proportionalRefund([1, 2], [0, -1], 1)).toThrow(/refunded\[1\]/);
    expect(() => proportionalRefund([1, 2], [0, 0], 1.5)).toThrow(/refundTotal/);
    expect(() => proportionalRefund('12' as unknown as number[], [0, 0], 1)).toThrow(TypeError);
  });
});

describe('proportionalRefundInto', () => {
  it('writes the same parts as proportionalRefund into the caller’s array, reusing it', () => {
    fc.assert(
      fc.property(scenario({ maxParties: 6 }), ({ shares, totals }) => {
        const out = new Array<number>(shares.length).fill(-7);
        let refunded = shares.map(() => 0);
        for (const refundTotal of totals) {
          const expected = unwrap(proportionalRefund(shares, refunded, refundTotal));
          const before = out;
          proportionalRefundInto(shares, refunded, refundTotal, out);
          expect(out).toBe(before);
          expect(out).toEqual(expected);
          refunded = refunded.map((given, index) => given + (out[index] as number));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('resizes an array of the wrong length', () => {
    const longer = [9, 9, 9, 9, 9];
    proportionalRefundInto([100, 300, 300], [0, 0, 0], 3, longer);
    expect(longer).toEqual([0, 2, 1]);
    const empty: number[] = [];
    proportionalRefundInto([100, 300, 300], [0, 0, 0], 0, empty);
    expect(empty).toEqual([0, 0, 0]);
  });

  it('throws on input the Result version would reject or throw on', () => {
    const out: number[] = [];
    expect(() => proportionalRefundInto([1, 2], [0], 1, out)).toThrow(RangeError);
    expect(() => proportionalRefundInto([1, 2], [2, 0], 2, out)).toThrow(/0 ≤ refunded ≤ share/);
    expect(() => proportionalRefundInto([1, 2.5], [0, 0], 1, out)).toThrow(RangeError);
    expect(() => proportionalRefundInto([1, 2], [0, 0], 4, out)).toThrow(/between the refunded 0 and the shares' total 3/);
    expect(() => proportionalRefundInto([1, 2], [1, 1], 1, out)).toThrow(RangeError);
    expect(() => proportionalRefundInto([Number.MAX_SAFE_INTEGER, 1], [0, 0], 1, out)).toThrow(RangeError);
  });
});

describe('the generators behind these properties', () => {
  it('reach 20+ parties, all-tiny shares (1 to 3 units) and runs of 50+ 1-unit refunds', () => {
    const shares = fc.sample(sharesArbitrary(), { numRuns: 1_000, seed: 42 });
    expect(shares.some((each) => each.length >= 20)).toBe(true);
    // Not only 20 equal shares: fast-check's default size once capped the other shapes at 10 or 11 parties.
    expect(shares.filter((each) => each.length >= 20 && new Set(each).size >= 3).length).toBeGreaterThanOrEqual(50);
    expect(shares.some((each) => each.length >= 10 && each.every((share) => share >= 1 && share <= 3))).toBe(true);
    const histories = fc.sample(refundHistoryArbitrary(10_000), { numRuns: 500, seed: 42 });
    const longestRun = (totals: readonly number[]): number => {
      let longest = 0;
      let current = 0;
      totals.forEach((total, index) => {
        current = total - (index === 0 ? 0 : (totals[index - 1] as number)) === 1 ? current + 1 : 0;
        longest = Math.max(longest, current);
      });
      return longest;
    };
    expect(Math.max(...histories.map(longestRun))).toBeGreaterThanOrEqual(50);
    expect(histories.every((totals) => totals.every((total, index) => total > (index === 0 ? 0 : (totals[index - 1] as number)) && total <= 10_000))).toBe(true);
  });
});
