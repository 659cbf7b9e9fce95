import {
  decimalAmount,
  marketplaceShares,
  multiplyDivide,
  parseAmount,
  platformCumulativeRefund,
  proportionalRefund,
  proportionalRefundInto,
  remainingShares,
  reverseRefundParts,
  sumAmounts,
  twoPartyRefund,
  validateNonReverseRefund,
  validateSellerSplit,
  type MarketplaceShares,
  type RefundParts,
} from '@kanjo/splits';
import { marketplaceSharesArbitrary, marketplaceSplitCaseArbitrary, nonReverseRefundArbitrary, sharesArbitrary } from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// `-0` passes every amount check (it is a non-negative safe integer), and code makes it easily
// (`0 * -1`, `Math.round(-0.4)`). Review 207 found `multiplyDivide(-0, 5, 3)` and the seller
// refunds built on it returning `-0`, which prints as "-0" (`toLocaleString`, `decimalAmount`
// of a negated sum). The rule here: an amount the package computes is never `-0`, and giving
// `-0` for a `0` changes no answer.

/** The value with every `0` number in it, at any depth, made `-0`. */
function negatedZeros<T>(value: T): T {
  if (typeof value === 'number') return (value === 0 ? -0 : value) as T;
  if (Array.isArray(value)) return value.map(negatedZeros) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, negatedZeros(field)])) as T;
  return value;
}

/** Where a `-0` sits in the value, or `undefined`. */
function negativeZeroAt(value: unknown, path = '$'): string | undefined {
  if (Object.is(value, -0)) return path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, field] of Object.entries(value)) {
    const found = negativeZeroAt(field, `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `compute` gives, for the inputs with their zeros made `-0`, the very answer it gives for the inputs, with no `-0` in it. */
function sameWithNegativeZeros<A extends unknown[]>(compute: (...inputs: A) => unknown, ...inputs: A): void {
  const plain = compute(...inputs);
  const negated = compute(...negatedZeros(inputs));
  expect(negativeZeroAt(negated)).toBeUndefined();
  expect(negated).toEqual(plain);
}

const small = fc.nat({ max: 40 });

describe('an amount computed from -0 is 0, and -0 for 0 changes no answer', () => {
  it('multiplyDivide, in every rounding mode (the review\'s case: multiplyDivide(-0, 5, 3))', () => {
    expect(Object.is(multiplyDivide(-0, 5, 3, 'half_up'), 0)).toBe(true);
    expect(Object.is(multiplyDivide(7, -0, 3, 'ceiling'), 0)).toBe(true);
    fc.assert(fc.property(small, small, fc.integer({ min: 1, max: 40 }), fc.constantFrom('half_up', 'half_even', 'floor', 'ceiling' as const), (a, b, d, mode) => {
      sameWithNegativeZeros(multiplyDivide, a, b, d, mode);
    }));
  });

  it('the seller model\'s refunds: platformCumulativeRefund and twoPartyRefund', () => {
    expect(Object.is(platformCumulativeRefund(1000, 100, -0), 0)).toBe(true);
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }).chain((amount) => fc.tuple(fc.constant(amount), fc.nat({ max: amount }), fc.nat({ max: amount }), fc.nat({ max: amount }))), ([amount, platformAmount, one, other]) => {
      sameWithNegativeZeros(platformCumulativeRefund, amount, platformAmount, one);
      sameWithNegativeZeros(twoPartyRefund, amount, platformAmount, Math.min(one, other), Math.max(one, other));
      sameWithNegativeZeros(validateSellerSplit, amount, platformAmount);
    }));
  });

  it('the marketplace: shares, what remains, reverse parts and non-reverse refunds', () => {
    fc.assert(fc.property(marketplaceSplitCaseArbitrary({ moments: ['capture', 'partial_capture', 'immediate_capture'], maxAmount: 40, minLines: 1, maxLines: 4 }), (split) => {
      sameWithNegativeZeros((amount: number, lines: typeof split.lines) => marketplaceShares(amount, lines ?? []), split.amount, split.lines);
    }));
    const refundCase = marketplaceSharesArbitrary({ maxShare: 40, maxSubmerchants: 4 }).chain((remaining) => fc.tuple(fc.constant(remaining), nonReverseRefundArbitrary(remaining)));
    fc.assert(fc.property(refundCase, ([remaining, refund]) => {
      sameWithNegativeZeros(reverseRefundParts, remaining);
      sameWithNegativeZeros(validateNonReverseRefund, refund.refundAmount, refund.lines, remaining);
      const parts = validateNonReverseRefund(refund.refundAmount, refund.lines, remaining);
      if (parts.ok) sameWithNegativeZeros((shares: MarketplaceShares, refunded: RefundParts) => remainingShares(shares, refunded), remaining, parts.value);
    }));
  });

  it('each function on a -0 it would otherwise hand back or subtract from', () => {
    const zeroEverywhere = (value: unknown): boolean => negativeZeroAt(value) === undefined;
    expect(marketplaceShares(-0, [])).toSatisfy(zeroEverywhere);
    expect(marketplaceShares(5, [{ submerchantId: 'pm1', amount: -0, platformFee: 0 }])).toSatisfy(zeroEverywhere);
    expect(remainingShares({ platform: -0, submerchants: [{ submerchantId: 'pm1', share: -0 }] }, { platform: 0, submerchants: [] })).toSatisfy(zeroEverywhere);
    expect(reverseRefundParts({ platform: -0, submerchants: [{ submerchantId: 'pm1', share: -0 }] })).toSatisfy(zeroEverywhere);
    expect(validateNonReverseRefund(0, [{ submerchantId: 'pm1', amount: -0, platformFee: 0 }], { platform: 0, submerchants: [{ submerchantId: 'pm1', share: 0 }] })).toSatisfy(zeroEverywhere);
    expect(validateSellerSplit(5, -0)).toSatisfy(zeroEverywhere);
    expect(twoPartyRefund(1000, 100, 0, -0)).toSatisfy(zeroEverywhere);
  });

  it('proportional refunds, into a new list and into a given one', () => {
    const history = sharesArbitrary({ maxParties: 5, maxShare: 20, allowZero: true }).chain((shares) =>
      fc.tuple(fc.constant(shares), fc.tuple(...shares.map((share) => fc.nat({ max: share })))));
    fc.assert(fc.property(history, fc.nat({ max: 100 }), ([shares, refunded], extra) => {
      // The refund total is cumulative: from what was refunded up to the shares' total.
      const before = refunded.reduce((sum, part) => sum + part, 0);
      const total = before + Math.min(extra, shares.reduce((sum, share) => sum + share, 0) - before);
      sameWithNegativeZeros(proportionalRefund, shares, refunded, total);
      sameWithNegativeZeros((s: number[], r: number[], t: number) => {
        const out: number[] = [];
        proportionalRefundInto(s, r, t, out);
        return out;
      }, shares, refunded, total);
    }));
  });

  it('sums, parsed amounts and decimal texts', () => {
    expect(sumAmounts([-0, -0])).toEqual({ ok: true, value: 0 });
    expect(Object.is(unwrapped(sumAmounts([-0, -0])), 0)).toBe(true);
    expect(Object.is(unwrapped(parseAmount(-0, { allowZero: true })), 0)).toBe(true);
    expect(decimalAmount(-0, 'JPY')).toBe('0');
    expect(decimalAmount(-0, 'USD')).toBe('0.00');
  });
});

function unwrapped(result: { ok: boolean; value?: number }): number | undefined {
  return result.value;
}
