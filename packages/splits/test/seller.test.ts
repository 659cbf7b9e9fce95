import { platformCumulativeRefund, twoPartyRefund, validateSellerSplit } from '@kanjo/splits';
import { refundHistoryArbitrary, sellerSplitArbitrary } from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// A seller split with a refund history over its amount: small amounts for long runs of 1-unit
// refunds, any amount for the safe-range edges.
const history = (maxAmount: number, endAtTotal: boolean) =>
  sellerSplitArbitrary({ maxAmount }).chain((split) => refundHistoryArbitrary(split.amount, { endAtTotal }).map((totals) => ({ ...split, totals })));
const histories = fc.oneof(history(2_000, false), history(2_000, true), history(Number.MAX_SAFE_INTEGER, false), history(Number.MAX_SAFE_INTEGER, true));

interface SellerStep {
  readonly before: number;
  readonly after: number;
  readonly platform: number;
  readonly seller: number;
  readonly platformSoFar: number;
}

// Walks a history refund by refund and returns the first step where `holds` fails, or null.
// Plain comparisons (one expect per history) keep the properties fast.
function firstViolation(amount: number, platformAmount: number, totals: readonly number[], holds: (step: SellerStep) => boolean): SellerStep | null {
  let before = 0;
  let platformSoFar = 0;
  for (const after of totals) {
    const { platform, seller } = twoPartyRefund(amount, platformAmount, before, after);
    platformSoFar += platform;
    const step = { before, after, platform, seller, platformSoFar };
    if (!holds(step)) return step;
    before = after;
  }
  return null;
}

// What the platform has given back in all once the history is done.
function platformTotal(amount: number, platformAmount: number, totals: readonly number[]): number {
  let platformSoFar = 0;
  firstViolation(amount, platformAmount, totals, ({ platformSoFar: soFar }) => {
    platformSoFar = soFar;
    return true;
  });
  return platformSoFar;
}

describe('validateSellerSplit', () => {
  it('accepts a platform amount from 0 to the amount and returns it', () => {
    expect(validateSellerSplit(50_000, 5_000)).toEqual({ ok: true, value: 5_000 });
    expect(validateSellerSplit(50_000, 0)).toEqual({ ok: true, value: 0 });
    expect(validateSellerSplit(50_000, 50_000)).toEqual({ ok: true, value: 50_000 });
  });

  it('rejects a platform amount above the amount with platform_amount_exceeds_amount', () => {
    const result = validateSellerSplit(1_000, 1_001);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('platform_amount_exceeds_amount');
      expect(result.error.message).toMatch(/platform_amount 1001 is more than the amount 1000/);
    }
  });

  it('accepts every generated valid seller split and rejects it once the platform amount passes the amount', () => {
    fc.assert(
      fc.property(sellerSplitArbitrary(), fc.integer({ min: 1, max: 1_000 }), ({ amount, platformAmount }, excess) => {
        expect(validateSellerSplit(amount, platformAmount)).toEqual({ ok: true, value: platformAmount });
        if (amount + excess <= Number.MAX_SAFE_INTEGER) {
          const result = validateSellerSplit(amount, amount + excess);
          expect(result.ok || result.error.code).toBe('platform_amount_exceeds_amount');
        }
      }),
    );
  });

  it('throws on amounts that are not non-negative safe integers', () => {
    expect(() => validateSellerSplit(1_000.5, 0)).toThrow(RangeError);
    expect(() => validateSellerSplit(1_000, -1)).toThrow(/platform_amount/);
  });
});

describe('the two-party (seller model) refund rule', () => {
  it('splits ¥100, ¥100 and ¥7 refunds of ¥50,000 with ¥5,000 to the platform as 10/90, 10/90, 1/6', () => {
    expect(twoPartyRefund(50_000, 5_000, 0, 100)).toEqual({ platform: 10, seller: 90 });
    expect(twoPartyRefund(50_000, 5_000, 100, 200)).toEqual({ platform: 10, seller: 90 });
    expect(twoPartyRefund(50_000, 5_000, 200, 207)).toEqual({ platform: 1, seller: 6 });
    expect(platformCumulativeRefund(50_000, 5_000, 207)).toBe(21);
  });

  it('rounds the platform cumulative part half up', () => {
    expect(platformCumulativeRefund(2, 1, 1)).toBe(1); // 0.5 → 1
    expect(platformCumulativeRefund(4, 1, 1)).toBe(0); // 0.25 → 0
    expect(platformCumulativeRefund(4, 3, 1)).toBe(1); // 0.75 → 1
    expect(platformCumulativeRefund(3, 1, 0)).toBe(0);
    expect(platformCumulativeRefund(3, 1, 3)).toBe(1);
  });

  it('adds the parts of each refund up to the refund, none negative', () => {
    fc.assert(
      fc.property(histories, ({ amount, platformAmount, totals }) => {
        expect(firstViolation(amount, platformAmount, totals, ({ before, after, platform, seller }) => platform >= 0 && seller >= 0 && platform + seller === after - before)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('never takes money back: neither party’s cumulative refund decreases', () => {
    fc.assert(
      fc.property(histories, ({ amount, platformAmount, totals }) => {
        let platformBefore = 0;
        let sellerBefore = 0;
        const backwards = totals.find((total) => {
          const platform = platformCumulativeRefund(amount, platformAmount, total);
          const seller = total - platform;
          const decreased = platform < platformBefore || seller < sellerBefore;
          platformBefore = platform;
          sellerBefore = seller;
          return decreased;
        });
        expect(backwards).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('keeps each party within half a unit of its exact proportion', () => {
    fc.assert(
      fc.property(histories, ({ amount, platformAmount, totals }) => {
        const violation = firstViolation(amount, platformAmount, totals, ({ after, platformSoFar }) => {
          // |platform − R·p/A| ≤ 1/2  ⇔  |2·platform·A − 2·R·p| ≤ A, exactly in bigint.
          const gap = 2n * BigInt(platformSoFar) * BigInt(amount) - 2n * BigInt(after) * BigInt(platformAmount);
          return gap <= BigInt(amount) && -gap <= BigInt(amount);
        });
        expect(violation).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('returns the split exactly at the full refund: the platform gives back platform_amount, the seller the rest', () => {
    fc.assert(
      fc.property(sellerSplitArbitrary(), ({ amount, platformAmount }) => {
        expect(platformCumulativeRefund(amount, platformAmount, amount)).toBe(platformAmount);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(history(2_000, true), history(Number.MAX_SAFE_INTEGER, true)), ({ amount, platformAmount, totals }) => {
        expect(platformTotal(amount, platformAmount, totals)).toBe(totals.length === 0 ? 0 : platformAmount);
      }),
      { numRuns: 300 },
    );
  });

  it('throws on refunds that go backwards or past the amount (programmer errors)', () => {
    expect(() => twoPartyRefund(50_000, 5_000, 200, 100)).toThrow(RangeError);
    expect(() => twoPartyRefund(50_000, 5_000, 0, 50_001)).toThrow(RangeError);
    expect(() => platformCumulativeRefund(50_000, 5_000, 50_001)).toThrow(/exceeds amount/);
    expect(() => platformCumulativeRefund(50_000, 50_001, 0)).toThrow(/exceeds amount/);
    expect(() => platformCumulativeRefund(0, 0, 0)).toThrow(/positive/);
    expect(() => platformCumulativeRefund(50_000, 5_000, 1.5)).toThrow(RangeError);
  });
});
