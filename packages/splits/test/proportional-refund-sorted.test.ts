import { proportionalRefundInto } from '@kanjo/splits';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proportionalRefundIntoByScan } from './support/proportional-refund-into-scan.js';

// 551518e replaced step 2's scan per unit left (quadratic) by one stable sort of the marked
// parties when more than 16 units are left. The reference is the scan as it was, copied
// verbatim: both must write the same parts, or throw alike, on every input.

interface Case {
  readonly shares: number[];
  readonly refunded: number[];
  readonly refundTotal: number;
}

/** Shares of up to `maxParties` parties, each at most `maxShare`, many of them 0 when `zeros`. */
function sharesOf(maxParties: number, maxShare: number, zeros: boolean): fc.Arbitrary<number[]> {
  const share = zeros ? fc.oneof(fc.constant(0), fc.integer({ min: 0, max: maxShare })) : fc.integer({ min: 0, max: maxShare });
  return fc.integer({ min: 0, max: maxParties }).chain((count) => fc.array(share, { minLength: count, maxLength: count }));
}

/**
 * A history (what each party already gave) not necessarily made by the method: 0, or any
 * amount up to the share (an explicit split), then a refund total between its sum and the total.
 */
function caseOf(shares: fc.Arbitrary<number[]>): fc.Arbitrary<Case> {
  return shares.chain((list) =>
    fc
      .tuple(
        fc.oneof(
          { arbitrary: fc.constant(list.map(() => 0)), weight: 3 },
          { arbitrary: fc.tuple(...list.map((share) => fc.integer({ min: 0, max: share }))).map((given) => [...given]), weight: 1 },
          { arbitrary: fc.tuple(...list.map((share) => fc.oneof(fc.constant(0), fc.constant(share), fc.integer({ min: 0, max: share })))).map((given) => [...given]), weight: 1 },
        ),
        fc.integer({ min: 0, max: 1_000_000 }).map((millionths) => millionths / 1_000_000),
      )
      .map(([refunded, fraction]) => {
        const total = list.reduce((sum, share) => sum + share, 0);
        const given = refunded.reduce((sum, amount) => sum + amount, 0);
        const refundTotal = Math.min(total, given + Math.floor((total - given) * fraction));
        return { shares: list, refunded, refundTotal };
      }),
  );
}

function outcome(into: typeof proportionalRefundInto, { shares, refunded, refundTotal }: Case): number[] | string {
  const out = [7, -3];
  try {
    into(shares, refunded, refundTotal, out);
    return out;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

function unitsLeft({ shares, refunded, refundTotal }: Case): number {
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (total === 0) return 0;
  const lower = shares.reduce((sum, share, index) => sum + Math.max(refunded[index] as number, Number((BigInt(refundTotal) * BigInt(share)) / BigInt(total))), 0);
  return refundTotal - lower;
}

describe('proportionalRefundInto: the sorted step 2 against the scan it replaced', () => {
  it('the sorted path writes exactly the parts the old scan wrote, for up to 2,000 parties, zero shares and histories not made by the method', () => {
    let sorted = 0;
    fc.assert(
      fc.property(caseOf(fc.oneof(sharesOf(40, 50, true), sharesOf(400, 10_000, true), sharesOf(2_000, 1_000_000, false))), (input) => {
        if (unitsLeft(input) > 16) sorted += 1;
        expect(outcome(proportionalRefundInto, input)).toEqual(outcome(proportionalRefundIntoByScan, input));
      }),
      { numRuns: 300 },
    );
    // About 28% of these cases leave more than 16 units. At 120 runs and a bound of 20 the
    // count fell to 16 to 20 for 4 seeds in 1,000 (seed 493 gave 16), so the bound failed by
    // chance; at 300 runs the least of 1,000 seeds was 61, far above 40.
    expect(sorted).toBeGreaterThan(40);
  });

  it('the sorted path writes exactly the parts the old scan wrote when the shares add up to nearly MAX_SAFE_INTEGER (keys compared in bigint)', () => {
    let sorted = 0;
    const large = fc.integer({ min: 17, max: 300 }).chain((count) => {
      const ceiling = Math.floor(Number.MAX_SAFE_INTEGER / count);
      return fc.array(fc.oneof(fc.integer({ min: ceiling - 1_000, max: ceiling }), fc.integer({ min: 0, max: ceiling }), fc.constant(0)), { minLength: count, maxLength: count });
    });
    fc.assert(
      fc.property(caseOf(large), (input) => {
        if (unitsLeft(input) > 16) sorted += 1;
        expect(outcome(proportionalRefundInto, input)).toEqual(outcome(proportionalRefundIntoByScan, input));
      }),
      { numRuns: 150 },
    );
    expect(sorted).toBeGreaterThan(20);
  });

  it('equal keys go to the earlier party on the sorted path as on the scan: 100 equal shares of 3 refunded 50 of 300', () => {
    const input = { shares: Array.from({ length: 100 }, () => 3), refunded: Array.from({ length: 100 }, () => 0), refundTotal: 50 };
    expect(outcome(proportionalRefundInto, input)).toEqual(outcome(proportionalRefundIntoByScan, input));
    expect(outcome(proportionalRefundInto, input)).toEqual([...Array.from({ length: 50 }, () => 1), ...Array.from({ length: 50 }, () => 0)]);
  });
});
