import {
  marketplaceShares,
  remainingShares,
  reverseRefundParts,
  validateNonReverseRefund,
  type MarketplaceShares,
  type RefundLine,
  type RefundParts,
  type RefundSplitErrorCode,
} from '@kanjo/splits';
import { invalidNonReverseRefundArbitrary, marketplaceSharesArbitrary, marketplaceSplitCaseArbitrary, nonReverseRefundArbitrary } from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const seedShares: MarketplaceShares = {
  platform: 100,
  submerchants: [
    { submerchantId: 'pm-1', share: 630 },
    { submerchantId: 'pm-2', share: 270 },
  ],
};
const refundLine = (submerchantId: string, amount: number, platformFee: number): RefundLine => ({ submerchantId, amount, platformFee });

function codeOf(result: ReturnType<typeof validateNonReverseRefund>): RefundSplitErrorCode | 'accepted' {
  return result.ok ? 'accepted' : result.error.code;
}

// Adds one refund's parts to the running totals (same parties, same order).
function addParts(total: RefundParts, parts: RefundParts): RefundParts {
  return {
    platform: total.platform + parts.platform,
    submerchants: total.submerchants.map((part, index) => ({ submerchantId: part.submerchantId, amount: part.amount + (parts.submerchants[index]?.amount ?? 0) })),
  };
}
const nothingRefunded = (shares: MarketplaceShares): RefundParts => ({ platform: 0, submerchants: shares.submerchants.map(({ submerchantId }) => ({ submerchantId, amount: 0 })) });
const partsAsShares = (parts: RefundParts): MarketplaceShares => ({ platform: parts.platform, submerchants: parts.submerchants.map(({ submerchantId, amount }) => ({ submerchantId, share: amount })) });

const ALL_CODES: readonly RefundSplitErrorCode[] = [
  'refund_split_too_many_lines',
  'refund_split_duplicate_submerchant',
  'refund_submerchant_not_in_payment',
  'amount_sum_not_safe_integer',
  'refund_split_sum_mismatch',
  'refund_exceeds_share',
];

describe('validateNonReverseRefund', () => {
  it('accepts the DOMAIN ¥900 refund after the ¥1,000 capture as 50 platform / 600 PM-1 / 250 PM-2', () => {
    const result = validateNonReverseRefund(900, [refundLine('pm-1', 600, 30), refundLine('pm-2', 250, 20)], seedShares);
    expect(result).toEqual({
      ok: true,
      value: {
        platform: 50,
        submerchants: [
          { submerchantId: 'pm-1', amount: 600 },
          { submerchantId: 'pm-2', amount: 250 },
        ],
      },
    });
  });

  it('lists every Payout Merchant of the payment in share order, 0 for those not on a line', () => {
    const result = validateNonReverseRefund(40, [refundLine('pm-2', 30, 10)], seedShares);
    expect(result.ok && result.value).toEqual({
      platform: 10,
      submerchants: [
        { submerchantId: 'pm-1', amount: 0 },
        { submerchantId: 'pm-2', amount: 30 },
      ],
    });
    expect(codeOf(validateNonReverseRefund(0, [refundLine('pm-1', 0, 0)], seedShares))).toBe('accepted');
    expect(codeOf(validateNonReverseRefund(0, [], seedShares))).toBe('accepted');
  });

  it('lets a party give back exactly what it has left, and not one unit more', () => {
    expect(codeOf(validateNonReverseRefund(1_000, [refundLine('pm-1', 630, 100), refundLine('pm-2', 270, 0)], seedShares))).toBe('accepted');
    expect(codeOf(validateNonReverseRefund(631, [refundLine('pm-1', 631, 0)], seedShares))).toBe('refund_exceeds_share');
    expect(codeOf(validateNonReverseRefund(101, [refundLine('pm-1', 0, 101)], seedShares))).toBe('refund_exceeds_share');
    // The platform's part is the sum over lines, checked as a whole.
    expect(codeOf(validateNonReverseRefund(101, [refundLine('pm-1', 0, 51), refundLine('pm-2', 0, 50)], seedShares))).toBe('refund_exceeds_share');
  });

  it('reaches every code with an exact example', () => {
    const examples: readonly (readonly [RefundSplitErrorCode, () => ReturnType<typeof validateNonReverseRefund>])[] = [
      ['refund_split_too_many_lines', () => validateNonReverseRefund(900, [refundLine('pm-1', 600, 30), refundLine('pm-2', 250, 20)], seedShares, { maxSubmerchants: 1 })],
      ['refund_split_duplicate_submerchant', () => validateNonReverseRefund(900, [refundLine('pm-1', 600, 30), refundLine('pm-1', 250, 20)], seedShares)],
      ['refund_submerchant_not_in_payment', () => validateNonReverseRefund(900, [refundLine('pm-1', 600, 30), refundLine('pm-3', 250, 20)], seedShares)],
      ['amount_sum_not_safe_integer', () => validateNonReverseRefund(900, [refundLine('pm-1', Number.MAX_SAFE_INTEGER, 1)], seedShares)],
      ['refund_split_sum_mismatch', () => validateNonReverseRefund(901, [refundLine('pm-1', 600, 30), refundLine('pm-2', 250, 20)], seedShares)],
      ['refund_exceeds_share', () => validateNonReverseRefund(900, [refundLine('pm-1', 700, 0), refundLine('pm-2', 200, 0)], seedShares)],
    ];
    expect(examples.map(([code]) => code)).toEqual(ALL_CODES);
    for (const [code, run] of examples) expect(codeOf(run()), code).toBe(code);
  });

  it('names the party, what it was asked for and what it has left when a share is exceeded', () => {
    const submerchant = validateNonReverseRefund(900, [refundLine('pm-1', 700, 0), refundLine('pm-2', 200, 0)], seedShares);
    expect(submerchant.ok || submerchant.error.message).toBe('submerchant "pm-1" is asked to give back 700, but has only 630 left of its share');
    const platform = validateNonReverseRefund(150, [refundLine('pm-1', 0, 150)], seedShares);
    expect(platform.ok || platform.error.message).toBe('the platform is asked to bear 150 (the sum of platform_fee), but has only 100 left of its share');
  });

  it('returns the first failure in its fixed order of precedence', () => {
    const rows: readonly (readonly [number, readonly RefundLine[], RefundSplitErrorCode])[] = [
      [5, [refundLine('x', Number.MAX_SAFE_INTEGER, 1), refundLine('x', 1, 0), refundLine('pm-1', 1, 0)], 'refund_split_too_many_lines'],
      [5, [refundLine('x', Number.MAX_SAFE_INTEGER, 1), refundLine('x', 1, 0)], 'refund_split_duplicate_submerchant'],
      [5, [refundLine('x', Number.MAX_SAFE_INTEGER, 1), refundLine('pm-1', 1, 0)], 'refund_submerchant_not_in_payment'],
      [5, [refundLine('pm-2', Number.MAX_SAFE_INTEGER, 1), refundLine('pm-1', 1, 0)], 'amount_sum_not_safe_integer'],
      [5, [refundLine('pm-2', 1_000, 1_000), refundLine('pm-1', 1, 0)], 'refund_split_sum_mismatch'],
      [2_001, [refundLine('pm-2', 1_000, 1_000), refundLine('pm-1', 1, 0)], 'refund_exceeds_share'],
    ];
    for (const [amount, lines, expected] of rows) expect(codeOf(validateNonReverseRefund(amount, lines, seedShares, { maxSubmerchants: 2 })), expected).toBe(expected);
  });

  it('throws on amounts that are not non-negative safe integers', () => {
    expect(() => validateNonReverseRefund(900.5, [], seedShares)).toThrow(RangeError);
    expect(() => validateNonReverseRefund(900, [refundLine('pm-1', -1, 0)], seedShares)).toThrow(RangeError);
    expect(() => validateNonReverseRefund(900, [refundLine('pm-1', 1, 0.5)], seedShares)).toThrow(/platform_fee/);
    expect(() => validateNonReverseRefund(900, [], seedShares, { maxSubmerchants: -1 })).toThrow(RangeError);
  });

  it('throws on a line that is not an object, naming the line rather than reading a field of null', () => {
    expect(() => validateNonReverseRefund(1, [refundLine('pm-1', 1, 0), null as never], seedShares)).toThrow(
      new TypeError('submerchants[1]: expected a line object with submerchantId, amount and platformFee, got null'),
    );
  });

  it('throws on a Payout Merchant listed twice in remaining, whose parts would otherwise add up past the refund', () => {
    // Answered before this check: parts [a 5, a 5] for a refund of 5, the share-0 entry giving back 5.
    const twice = { platform: 5, submerchants: [{ submerchantId: 'a', share: 0 }, { submerchantId: 'a', share: 5 }] };
    expect(() => validateNonReverseRefund(5, [refundLine('a', 5, 0)], twice)).toThrow(new RangeError('validateNonReverseRefund: "a" is listed twice in remaining'));
  });

  it('accepts every generated valid refund, its parts adding up to the refund and none above what is left', () => {
    fc.assert(
      fc.property(
        marketplaceSharesArbitrary().chain((remaining) => nonReverseRefundArbitrary(remaining).map((refund) => ({ remaining, ...refund }))),
        ({ remaining, refundAmount, lines }) => {
          const result = validateNonReverseRefund(refundAmount, lines, remaining);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const parts = result.value;
          expect(parts.submerchants.map(({ submerchantId }) => submerchantId)).toEqual(remaining.submerchants.map(({ submerchantId }) => submerchantId));
          expect(parts.platform + parts.submerchants.reduce((sum, { amount }) => sum + amount, 0)).toBe(refundAmount);
          expect(parts.platform).toBeLessThanOrEqual(remaining.platform);
          parts.submerchants.forEach(({ amount }, index) => expect(amount).toBeLessThanOrEqual(remaining.submerchants[index]?.share ?? -1));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects every generated invalid refund with the code of its one defect', () => {
    fc.assert(
      fc.property(invalidNonReverseRefundArbitrary(), ({ refundAmount, lines, remaining, constraints, expectedCode }) => {
        expect(codeOf(validateNonReverseRefund(refundAmount, lines, remaining, constraints))).toBe(expectedCode);
      }),
      { numRuns: 1_000 },
    );
  });

  it('generates invalid refunds of every kind', () => {
    const seen = new Set(fc.sample(invalidNonReverseRefundArbitrary(), { numRuns: 300, seed: 7 }).map(({ expectedCode }) => expectedCode));
    expect([...seen].sort()).toEqual([...ALL_CODES].sort());
  });
});

describe('remainingShares and reverseRefundParts', () => {
  it('leave 50 / 30 / 20 after the ¥900 refund, which a reverse refund then gives back', () => {
    const refunded: RefundParts = { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] };
    const remaining = remainingShares(seedShares, refunded);
    expect(remaining).toEqual({ platform: 50, submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }] });
    expect(reverseRefundParts(remaining)).toEqual({ platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 30 }, { submerchantId: 'pm-2', amount: 20 }] });
  });

  // Review 237: the ids were quoted with JSON.stringify, which left U+2028 as it is (a line
  // break in a one-line message) and threw its own "Do not know how to serialize a BigInt".
  it('remainingShares names the ids of inconsistent books quoted as every message quotes them', () => {
    const shares = { platform: 10, submerchants: [{ submerchantId: 'pm\u2028x', share: 5 }] };
    expect(() => remainingShares(shares, { platform: 0, submerchants: [{ submerchantId: 'pm\u2028x', amount: 6 }] })).toThrow(new RangeError('remainingShares: "pm\\u2028x" has refunded 6, more than its share 5'));
    expect(() => remainingShares(shares, { platform: 0, submerchants: [{ submerchantId: 'pm\u2028x', amount: 1 }, { submerchantId: 'pm\u2028x', amount: 1 }] })).toThrow(new RangeError('remainingShares: "pm\\u2028x" is listed twice in refunded'));
    expect(() => remainingShares(shares, { platform: 0, submerchants: [{ submerchantId: 7n as never, amount: 1 }] })).toThrow(new RangeError('remainingShares: a bigint has refunded parts but no share in the payment'));
    // Review 238: the amount checks named the id raw (and a symbol id threw its own TypeError).
    const amountMessage = (field: string, got: string): RangeError => new RangeError(`${field} must be a non-negative safe integer count of minor units, got ${got}`);
    expect(() => remainingShares(shares, { platform: 0, submerchants: [{ submerchantId: 'pm\u2028x', amount: -1 }] })).toThrow(amountMessage('refunded "pm\\u2028x"', '-1'));
    expect(() => remainingShares({ platform: 0, submerchants: [{ submerchantId: Symbol('pm') as never, share: -1 }] }, { platform: 0, submerchants: [] })).toThrow(amountMessage('share of a symbol', '-1'));
    expect(() => reverseRefundParts({ platform: 0, submerchants: [{ submerchantId: 'pm\u2028x', share: 0.5 }] })).toThrow(amountMessage('share of "pm\\u2028x"', '0.5'));
  });

  it('reverseRefundParts throws for a share that is not an amount, as remainingShares does (review 151: -700 and 700.5 came back as refund amounts)', () => {
    expect(() => reverseRefundParts({ platform: -700, submerchants: [] })).toThrow(new RangeError('remaining.platform must be a non-negative safe integer count of minor units, got -700'));
    expect(() => reverseRefundParts({ platform: 0, submerchants: [{ submerchantId: 'a', share: 700.5 }] })).toThrow(new RangeError('share of "a" must be a non-negative safe integer count of minor units, got 700.5'));
    expect(() => reverseRefundParts({ platform: 0, submerchants: [{ submerchantId: 'a', share: '7' as never }] })).toThrow(RangeError);
    expect(() => reverseRefundParts({ platform: 0, submerchants: null as never })).toThrow(new TypeError('reverseRefundParts: remaining must be the shares left ({ platform, submerchants: [...] }), as remainingShares gives them'));
    // Review 152: these threw "Cannot read properties of null" and "Cannot destructure".
    expect(() => reverseRefundParts(null as never)).toThrow(TypeError);
    expect(() => reverseRefundParts({ platform: 1, submerchants: [null as never] })).toThrow(new TypeError('reverseRefundParts: each of remaining.submerchants must be { submerchantId, share }'));
    expect(reverseRefundParts({ platform: 0, submerchants: [{ submerchantId: 'a', share: 0 }] })).toEqual({ platform: 0, submerchants: [{ submerchantId: 'a', amount: 0 }] });
  });

  it('match refunded parts by id, in any order, missing ones counting as 0', () => {
    expect(remainingShares(seedShares, { platform: 0, submerchants: [{ submerchantId: 'pm-2', amount: 70 }] })).toEqual({
      platform: 100,
      submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 200 }],
    });
  });

  it('throw on refunded parts that do not fit the shares (inconsistent books)', () => {
    expect(() => remainingShares(seedShares, { platform: 101, submerchants: [] })).toThrow(/platform has refunded 101/);
    expect(() => remainingShares(seedShares, { platform: 0, submerchants: [{ submerchantId: 'pm-1', amount: 631 }] })).toThrow(/"pm-1" has refunded 631/);
    expect(() => remainingShares(seedShares, { platform: 0, submerchants: [{ submerchantId: 'pm-9', amount: 0 }] })).toThrow(/"pm-9" has refunded parts but no share/);
    expect(() => remainingShares(seedShares, { platform: 0, submerchants: [{ submerchantId: 'pm-1', amount: 1 }, { submerchantId: 'pm-1', amount: 1 }] })).toThrow(/listed twice/);
  });

  it('returns exactly the capture split after any sequence of partial refunds followed by a reverse refund', () => {
    fc.assert(
      fc.property(marketplaceSplitCaseArbitrary({ moments: ['immediate_capture', 'capture', 'partial_capture'], maxAmount: 10_000_000 }), fc.gen(), ({ lines, amount }, generate) => {
        const shares = marketplaceShares(amount, lines ?? []);
        let refunded = nothingRefunded(shares);
        const partials = generate(fc.nat, { max: 8 });
        for (let step = 0; step < partials; step += 1) {
          const remaining = remainingShares(shares, refunded);
          const { refundAmount, lines: refundLines } = generate(nonReverseRefundArbitrary, remaining);
          const result = validateNonReverseRefund(refundAmount, refundLines, remaining);
          expect(result.ok).toBe(true);
          if (result.ok) refunded = addParts(refunded, result.value);
        }
        refunded = addParts(refunded, reverseRefundParts(remainingShares(shares, refunded)));
        expect(partsAsShares(refunded)).toEqual(shares);
        expect(remainingShares(shares, refunded)).toEqual({ platform: 0, submerchants: shares.submerchants.map(({ submerchantId }) => ({ submerchantId, share: 0 })) });
      }),
      { numRuns: 300 },
    );
  });
});
