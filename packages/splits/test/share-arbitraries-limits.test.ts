import { proportionalRefund, validateNonReverseRefund } from '@kanjo/splits';
import { marketplaceSharesArbitrary, nonReverseRefundArbitrary, sharesArbitrary } from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Review of @kanjo/splits/testing: an arbitrary documented as "shares for proportional refunds"
// (or "shares in a marketplace payment") must only generate shares the package accepts, whatever
// `maxShare` the caller names. With `maxShare: Number.MAX_SAFE_INTEGER` the shares used to add up
// past MAX_SAFE_INTEGER, so the README's own example property failed with
// `amount_sum_not_safe_integer`, and a non-reverse refund drawn on such shares made
// validateNonReverseRefund throw (a refund amount above MAX_SAFE_INTEGER).
const MAX = Number.MAX_SAFE_INTEGER;

describe('@kanjo/splits/testing share arbitraries with maxShare = MAX_SAFE_INTEGER', () => {
  it('sharesArbitrary: the shares add up to a safe integer, and the README property holds', () => {
    fc.assert(
      fc.property(sharesArbitrary({ maxShare: MAX }), (shares) => {
        const total = shares.reduce((sum, share) => sum + share, 0);
        expect(Number.isSafeInteger(total)).toBe(true);
        const result = proportionalRefund(shares, shares.map(() => 0), total);
        expect(result).toEqual({ ok: true, value: shares });
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('sharesArbitrary still reaches a single share of MAX_SAFE_INTEGER when there is only one party', () => {
    const samples = fc.sample(sharesArbitrary({ maxShare: MAX, minParties: 1, maxParties: 1 }), { numRuns: 2_000, seed: 1 });
    expect(samples.every((shares) => shares.length === 1 && shares[0]! <= MAX)).toBe(true);
    expect(samples.some((shares) => shares[0]! > MAX / 2)).toBe(true);
  });

  it('marketplaceSharesArbitrary: the shares of a payment add up to a safe integer, so refunds drawn on them validate', () => {
    const scenario = marketplaceSharesArbitrary({ maxShare: MAX, minSubmerchants: 1 }).chain((remaining) =>
      nonReverseRefundArbitrary(remaining).map((refund) => ({ remaining, refund })),
    );
    fc.assert(
      fc.property(scenario, ({ remaining, refund }) => {
        const total = remaining.submerchants.reduce((sum, { share }) => sum + share, remaining.platform);
        expect(Number.isSafeInteger(total)).toBe(true);
        expect(validateNonReverseRefund(refund.refundAmount, refund.lines, remaining).ok).toBe(true);
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});

describe('nonReverseRefundArbitrary refuses constraints it cannot honour rather than search forever (review 175)', () => {
  it('a NaN or negative minLines, and shares given as a Set, throw at once', () => {
    const remaining = { platform: 100, submerchants: [{ submerchantId: 'pm1', share: 50 }] };
    expect(() => nonReverseRefundArbitrary(remaining, { minLines: Number.NaN })).toThrow(new RangeError('nonReverseRefundArbitrary: minLines must be a whole number, 0 or more, got NaN'));
    expect(() => nonReverseRefundArbitrary(remaining, { minLines: -1 })).toThrow(RangeError);
    expect(() => nonReverseRefundArbitrary({ platform: 100, submerchants: new Set(remaining.submerchants) } as never)).toThrow(
      new TypeError('nonReverseRefundArbitrary: remaining.submerchants must be an array of shares'),
    );
    expect(fc.sample(nonReverseRefundArbitrary(remaining, { minLines: 1 }), 5).every((refund) => refund.lines.length === 1)).toBe(true);
  });
});
