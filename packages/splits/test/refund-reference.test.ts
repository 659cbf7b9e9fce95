import { proportionalRefund, twoPartyRefund, unwrap } from '@kanjo/splits';
import { refundHistoryArbitrary, sellerSplitArbitrary, sharesArbitrary } from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Independent bigint references written from DOMAIN.md "Proportional refunds and rounding"
// alone (no src/ helper): the tests elsewhere check the invariants; these pin the exact parts.

/** round-half-up(R × p / A) in bigint: the platform's cumulative part in the seller model. */
function sellerPlatformCumulative(amount: bigint, platformAmount: bigint, refundTotal: bigint): bigint {
  return (2n * refundTotal * platformAmount + amount) / (2n * amount);
}

/**
 * DOMAIN's quota method on cumulative totals, for a history the method made itself: every
 * party first reaches floor(R·w/T) (never less than it gave), then the units left go one at a
 * time to the smallest (c + 1) / w among those still below ceil(R·w/T), ties to the earlier.
 */
function quotaMethodCumulative(shares: readonly bigint[], refunded: readonly bigint[], refundTotal: bigint): bigint[] {
  const total = shares.reduce((sum, share) => sum + share, 0n);
  if (total === 0n) return [...refunded];
  const cumulative = shares.map((share, index) => {
    const lower = (refundTotal * share) / total;
    const given = refunded[index] as bigint;
    return given > lower ? given : lower;
  });
  const upper = shares.map((share) => (refundTotal * share + total - 1n) / total);
  let left = refundTotal - cumulative.reduce((sum, value) => sum + value, 0n);
  for (; left > 0n; left -= 1n) {
    let best = -1;
    for (let index = 0; index < shares.length; index += 1) {
      const next = (cumulative[index] as bigint) + 1n;
      if (next > (upper[index] as bigint)) continue;
      if (best < 0 || next * (shares[best] as bigint) < ((cumulative[best] as bigint) + 1n) * (shares[index] as bigint)) best = index;
    }
    if (best < 0) throw new Error('reference: no party can take the next unit');
    cumulative[best] = (cumulative[best] as bigint) + 1n;
  }
  return cumulative;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('refund splits against an independent bigint reference', () => {
  it('seller model: after every refund, the platform has given back exactly round-half-up(R × p / A) in all and the seller R minus that', () => {
    const histories = fc.oneof(sellerSplitArbitrary({ maxAmount: 2_000 }), sellerSplitArbitrary()).chain((split) =>
      fc.boolean().chain((endAtTotal) => refundHistoryArbitrary(split.amount, { endAtTotal }).map((totals) => ({ ...split, totals }))),
    );
    fc.assert(
      fc.property(histories, ({ amount, platformAmount, totals }) => {
        let before = 0;
        let platform = 0n;
        let seller = 0n;
        for (const after of totals) {
          const parts = twoPartyRefund(amount, platformAmount, before, after);
          platform += BigInt(parts.platform);
          seller += BigInt(parts.seller);
          const expected = sellerPlatformCumulative(BigInt(amount), BigInt(platformAmount), BigInt(after));
          if (platform !== expected || seller !== BigInt(after) - expected) {
            expect({ amount, platformAmount, after, platform, seller }).toEqual({ amount, platformAmount, after, platform: expected, seller: BigInt(after) - expected });
          }
          before = after;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('any number of parties: every refund posts exactly the difference between the quota method’s cumulative parts and what each party already gave', () => {
    const largeShares = fc.array(fc.integer({ min: 0, max: 2 ** 45 }), { minLength: 1, maxLength: 6 }).filter((shares) => shares.some((share) => share > 0));
    const scenario = fc.oneof(sharesArbitrary(), largeShares).chain((shares) =>
      fc.boolean().chain((endAtTotal) => refundHistoryArbitrary(sum(shares), { endAtTotal }).map((totals) => ({ shares, totals }))),
    );
    fc.assert(
      fc.property(scenario, ({ shares, totals }) => {
        const weights = shares.map(BigInt);
        let refunded = shares.map(() => 0);
        for (const refundTotal of totals) {
          const parts = unwrap(proportionalRefund(shares, refunded, refundTotal));
          const expected = quotaMethodCumulative(weights, refunded.map(BigInt), BigInt(refundTotal));
          const after = refunded.map((given, index) => given + (parts[index] as number));
          if (after.some((given, index) => BigInt(given) !== expected[index])) {
            expect({ shares, refundTotal, after }).toEqual({ shares, refundTotal, after: expected.map(Number) });
          }
          refunded = after;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the reference itself gives the DOMAIN examples: 100/300/300 refunded 3 then 4 is 0/2/1 then 0/2/2; ¥207 of ¥50,000 with ¥5,000 is 21 to the platform', () => {
    expect(quotaMethodCumulative([100n, 300n, 300n], [0n, 0n, 0n], 3n)).toEqual([0n, 2n, 1n]);
    expect(quotaMethodCumulative([100n, 300n, 300n], [0n, 2n, 1n], 4n)).toEqual([0n, 2n, 2n]);
    expect(sellerPlatformCumulative(50_000n, 5_000n, 207n)).toBe(21n);
  });
});

describe('many parties (more than 16 units left after the lower quotas: the sorted path)', () => {
  it('hundreds of parties: every refund posts exactly the difference between the quota method’s cumulative parts and what each party already gave', () => {
    const many = fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 100, maxLength: 400 }).filter((shares) => shares.some((share) => share > 0));
    let sortedRefunds = 0;
    fc.assert(
      fc.property(many, fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 4 }), (shares, steps) => {
        const total = shares.reduce((sum, share) => sum + share, 0);
        let refunded = shares.map(() => 0);
        let refundTotal = 0;
        for (const step of steps) {
          const next = Math.min(total, refundTotal + Math.ceil((total * step) / 3_001));
          const expected = quotaMethodCumulative(shares.map(BigInt), refunded.map(BigInt), BigInt(next)).map(Number);
          // More than 16 units above the lower quotas, so the sort decided them.
          const lowerSum = shares.reduce((sum, share, index) => sum + Math.max(refunded[index] as number, Math.floor((next * share) / total)), 0);
          if (next - lowerSum > 16) sortedRefunds += 1;
          const parts = unwrap(proportionalRefund(shares, refunded, next));
          expect(parts).toEqual(expected.map((cumulative, index) => cumulative - (refunded[index] as number)));
          refunded = expected;
          refundTotal = next;
        }
      }),
      { numRuns: 60 },
    );
    // The runs must have reached the path they are about.
    expect(sortedRefunds).toBeGreaterThan(20);
  });

  it('a case the sorted path decides, by hand: 40 equal shares of 1 refunded 20 of 40 give the first 20 parties one unit each', () => {
    const parts = unwrap(proportionalRefund(Array.from({ length: 40 }, () => 1), Array.from({ length: 40 }, () => 0), 20));
    expect(parts).toEqual([...Array.from({ length: 20 }, () => 1), ...Array.from({ length: 20 }, () => 0)]);
  });
});
