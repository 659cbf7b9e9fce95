import { MAX_SUBMERCHANTS, marketplaceShares, validateMarketplaceSplit, type SplitErrorCode, type SplitLine, type SplitMoment } from '@kanjo/splits';
import { invalidMarketplaceSplitArbitrary, marketplaceSplitCaseArbitrary } from '@kanjo/splits/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const line = (submerchantId: string, amount: number, platformFee: number): SplitLine => ({ submerchantId, amount, platformFee });
const seedSplit: readonly SplitLine[] = [line('pm-1', 700, 70), line('pm-2', 300, 30)];

function codeOf(result: ReturnType<typeof validateMarketplaceSplit>): SplitErrorCode | 'accepted' {
  return result.ok ? 'accepted' : result.error.code;
}

const ALL_CODES: readonly SplitErrorCode[] = [
  'split_required',
  'split_not_allowed_at_authorization',
  'split_too_many_submerchants',
  'split_submerchant_id_invalid',
  'split_duplicate_submerchant',
  'split_line_amount_not_positive',
  'split_platform_fee_exceeds_amount',
  'amount_sum_not_safe_integer',
  'split_sum_mismatch',
  'split_sum_exceeds_amount',
];

describe('validateMarketplaceSplit', () => {
  it('accepts the seed split at immediate capture and returns its lines', () => {
    expect(validateMarketplaceSplit(seedSplit, 'immediate_capture', 1_000)).toEqual({ ok: true, value: seedSplit });
  });

  it('applies each moment its own sum rule', () => {
    const cases: readonly (readonly [readonly SplitLine[] | undefined, SplitMoment, number, SplitErrorCode | 'accepted'])[] = [
      [seedSplit, 'immediate_capture', 1_000, 'accepted'],
      [seedSplit, 'immediate_capture', 1_001, 'split_sum_mismatch'],
      [seedSplit, 'immediate_capture', 999, 'split_sum_mismatch'],
      [[], 'immediate_capture', 1_000, 'split_sum_mismatch'],
      [undefined, 'immediate_capture', 1_000, 'split_required'],
      [undefined, 'authorization', 1_000, 'accepted'],
      [[], 'authorization', 1_000, 'accepted'],
      [seedSplit, 'authorization', 1_000, 'split_not_allowed_at_authorization'],
      [seedSplit, 'capture', 1_000, 'accepted'],
      [seedSplit, 'capture', 1_200, 'accepted'],
      [[], 'capture', 1_000, 'accepted'],
      [seedSplit, 'capture', 999, 'split_sum_exceeds_amount'],
      [undefined, 'capture', 1_000, 'split_required'],
      [seedSplit, 'partial_capture', 1_000, 'accepted'],
      [seedSplit, 'partial_capture', 1_200, 'split_sum_mismatch'],
      [undefined, 'partial_capture', 1_000, 'split_required'],
    ];
    for (const [lines, moment, amount, expected] of cases) {
      expect(codeOf(validateMarketplaceSplit(lines, moment, amount)), `${moment} ${amount} ${JSON.stringify(lines)}`).toBe(expected);
    }
    expect(validateMarketplaceSplit(undefined, 'authorization', 1_000)).toEqual({ ok: true, value: [] });
  });

  it('reaches every code with an exact example', () => {
    const examples: readonly (readonly [SplitErrorCode, () => ReturnType<typeof validateMarketplaceSplit>])[] = [
      ['split_required', () => validateMarketplaceSplit(undefined, 'immediate_capture', 1_000)],
      ['split_not_allowed_at_authorization', () => validateMarketplaceSplit(seedSplit, 'authorization', 1_000)],
      ['split_too_many_submerchants', () => validateMarketplaceSplit(seedSplit, 'immediate_capture', 1_000, { maxSubmerchants: 1 })],
      ['split_submerchant_id_invalid', () => validateMarketplaceSplit([line('', 1_000, 0)], 'immediate_capture', 1_000)],
      ['split_duplicate_submerchant', () => validateMarketplaceSplit([line('pm-1', 700, 70), line('pm-1', 300, 30)], 'immediate_capture', 1_000)],
      ['split_line_amount_not_positive', () => validateMarketplaceSplit([line('pm-1', 1_000, 0), line('pm-2', 0, 0)], 'immediate_capture', 1_000)],
      ['split_platform_fee_exceeds_amount', () => validateMarketplaceSplit([line('pm-1', 700, 701), line('pm-2', 300, 30)], 'immediate_capture', 1_000)],
      ['amount_sum_not_safe_integer', () => validateMarketplaceSplit([line('pm-1', Number.MAX_SAFE_INTEGER, 0), line('pm-2', 1, 0)], 'capture', 1_000)],
      ['split_sum_mismatch', () => validateMarketplaceSplit(seedSplit, 'partial_capture', 900)],
      ['split_sum_exceeds_amount', () => validateMarketplaceSplit(seedSplit, 'capture', 900)],
    ];
    expect(examples.map(([code]) => code)).toEqual(ALL_CODES);
    for (const [code, run] of examples) expect(codeOf(run()), code).toBe(code);
  });

  it('rejects ids that are empty or longer than 255 characters, and accepts exactly 255', () => {
    expect(codeOf(validateMarketplaceSplit([line('x'.repeat(255), 1_000, 0)], 'immediate_capture', 1_000))).toBe('accepted');
    expect(codeOf(validateMarketplaceSplit([line('x'.repeat(256), 1_000, 0)], 'immediate_capture', 1_000))).toBe('split_submerchant_id_invalid');
    expect(codeOf(validateMarketplaceSplit([{ submerchantId: 42 as unknown as string, amount: 1_000, platformFee: 0 }], 'immediate_capture', 1_000))).toBe('split_submerchant_id_invalid');
  });

  it(`accepts ${MAX_SUBMERCHANTS} submerchants and rejects ${MAX_SUBMERCHANTS + 1} by default`, () => {
    const lines = (count: number) => Array.from({ length: count }, (_, index) => line(`pm-${index}`, 10, 1));
    expect(MAX_SUBMERCHANTS).toBe(100);
    expect(codeOf(validateMarketplaceSplit(lines(100), 'immediate_capture', 1_000))).toBe('accepted');
    expect(codeOf(validateMarketplaceSplit(lines(101), 'immediate_capture', 1_010))).toBe('split_too_many_submerchants');
    expect(codeOf(validateMarketplaceSplit(lines(101), 'immediate_capture', 1_010, { maxSubmerchants: 200 }))).toBe('accepted');
  });

  it('returns the first failure in its fixed order of precedence when a split is wrong in several ways', () => {
    // Each row breaks every rule from its code on; removing one defect at a time walks the order.
    const rows: readonly (readonly [readonly SplitLine[], SplitErrorCode])[] = [
      [[line('', 0, 5), line('', 0, 5), line('c', 1, 0)], 'split_too_many_submerchants'],
      [[line('', 0, 5), line('', 0, 5)], 'split_submerchant_id_invalid'],
      [[line('a', 0, 5), line('a', 0, 5)], 'split_duplicate_submerchant'],
      [[line('a', 0, 5), line('b', 1, 5)], 'split_line_amount_not_positive'],
      [[line('a', 1, 5), line('b', Number.MAX_SAFE_INTEGER, 0)], 'split_platform_fee_exceeds_amount'],
      [[line('a', 1, 0), line('b', Number.MAX_SAFE_INTEGER, 0)], 'amount_sum_not_safe_integer'],
      [[line('a', 1, 0), line('b', 1, 0)], 'split_sum_mismatch'],
    ];
    for (const [lines, expected] of rows) expect(codeOf(validateMarketplaceSplit(lines, 'immediate_capture', 5, { maxSubmerchants: 2 })), expected).toBe(expected);
  });

  it('says what is wrong and what to do in its messages', () => {
    const duplicate = validateMarketplaceSplit([line('pm-1', 700, 70), line('pm-1', 300, 30)], 'immediate_capture', 1_000);
    expect(duplicate.ok || duplicate.error.message).toMatch(/"pm-1" appears more than once/);
    const mismatch = validateMarketplaceSplit(seedSplit, 'immediate_capture', 1_200);
    expect(mismatch.ok || mismatch.error.message).toMatch(/add up to 1000, but must equal the payment amount 1200/);
    const exceeds = validateMarketplaceSplit(seedSplit, 'capture', 900);
    expect(exceeds.ok || exceeds.error.message).toMatch(/more than the captured amount 900/);
  });

  it('names the first repeated line, in a short split (checked pair by pair) and a long one (checked with a set)', () => {
    const short = [line('a', 1, 0), line('b', 1, 0), line('c', 1, 0), line('b', 1, 0), line('a', 1, 0)];
    const shortResult = validateMarketplaceSplit(short, 'capture', 5);
    expect(shortResult.ok || shortResult.error.message).toBe('submerchant "b" appears more than once in the split (again at submerchants[3]); give each Payout Merchant one line');
    const long = [...Array.from({ length: 30 }, (_, index) => line(`pm-${index}`, 1, 0)), line('pm-7', 1, 0), line('pm-2', 1, 0)];
    const longResult = validateMarketplaceSplit(long, 'capture', 32);
    expect(longResult.ok || longResult.error.message).toBe('submerchant "pm-7" appears more than once in the split (again at submerchants[30]); give each Payout Merchant one line');
    expect(validateMarketplaceSplit(long.slice(0, 30), 'capture', 30).ok).toBe(true);
  });

  it('throws on line amounts or fees that are not non-negative safe integers (programmer errors)', () => {
    expect(() => validateMarketplaceSplit([line('pm-1', 1_000.5, 0)], 'immediate_capture', 1_000)).toThrow(RangeError);
    expect(() => validateMarketplaceSplit([line('pm-1', 1_000, -1)], 'immediate_capture', 1_000)).toThrow(/platform_fee/);
    expect(() => validateMarketplaceSplit([line('pm-1', 2 ** 53, 0)], 'immediate_capture', 1_000)).toThrow(RangeError);
    expect(() => validateMarketplaceSplit(seedSplit, 'immediate_capture', 1_000.5)).toThrow(RangeError);
    expect(() => validateMarketplaceSplit(seedSplit, 'immediate_capture', 1_000, { maxSubmerchants: 0 })).toThrow(RangeError);
    expect(() => validateMarketplaceSplit(seedSplit, 'refund' as SplitMoment, 1_000)).toThrow(/split moment/);
    expect(() => validateMarketplaceSplit({} as readonly SplitLine[], 'capture', 1_000)).toThrow(TypeError);
    expect(() => validateMarketplaceSplit([null as never], 'capture', 1_000)).toThrow(
      new TypeError('submerchants[0]: expected a line object with submerchantId, amount and platformFee, got null'),
    );
    expect(() => validateMarketplaceSplit([line('pm-1', 1, 0), 7 as never], 'capture', 1_000)).toThrow(/^submerchants\[1\]: .* got number$/);
  });

  it('accepts every generated valid split for its moment', () => {
    fc.assert(
      fc.property(marketplaceSplitCaseArbitrary(), ({ lines, moment, amount }) => {
        const result = validateMarketplaceSplit(lines, moment, amount);
        expect(result).toEqual({ ok: true, value: lines ?? [] });
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every generated invalid split with the code of its one defect', () => {
    fc.assert(
      fc.property(invalidMarketplaceSplitArbitrary(), ({ lines, moment, amount, constraints, expectedCode }) => {
        expect(codeOf(validateMarketplaceSplit(lines, moment, amount, constraints))).toBe(expectedCode);
      }),
      { numRuns: 1_000 },
    );
  });

  it('generates invalid splits of every kind', () => {
    const seen = new Set(fc.sample(invalidMarketplaceSplitArbitrary(), { numRuns: 500, seed: 7 }).map(({ expectedCode }) => expectedCode));
    expect([...seen].sort()).toEqual([...ALL_CODES].sort());
  });
});

describe('marketplaceShares', () => {
  it('gives the DOMAIN worked example: ¥1,000 as {700 fee 70, 300 fee 30} leaves 100 / 630 / 270', () => {
    expect(marketplaceShares(1_000, seedSplit)).toEqual({
      platform: 100,
      submerchants: [
        { submerchantId: 'pm-1', share: 630 },
        { submerchantId: 'pm-2', share: 270 },
      ],
    });
  });

  it('gives the platform the rest of a two-step capture whose split adds up to less', () => {
    expect(marketplaceShares(1_200, seedSplit).platform).toBe(300);
    expect(marketplaceShares(500, [])).toEqual({ platform: 500, submerchants: [] });
  });

  it('conserves the captured amount: the shares of every valid split add up to it, each one amount − fee', () => {
    fc.assert(
      fc.property(marketplaceSplitCaseArbitrary({ moments: ['immediate_capture', 'capture', 'partial_capture'] }), ({ lines, amount }) => {
        const shares = marketplaceShares(amount, lines ?? []);
        const netted = (lines ?? []).map((each) => each.amount - each.platformFee);
        expect(shares.submerchants.map(({ share }) => share)).toEqual(netted);
        expect(shares.submerchants.map(({ submerchantId }) => submerchantId)).toEqual((lines ?? []).map(({ submerchantId }) => submerchantId));
        expect(shares.platform).toBeGreaterThanOrEqual(0);
        expect(BigInt(shares.platform) + netted.reduce((sum, share) => sum + BigInt(share), 0n)).toBe(BigInt(amount));
      }),
      { numRuns: 500 },
    );
  });

  it('throws on a split that was never validated', () => {
    expect(() => marketplaceShares(1_000, [line('pm-1', 700, 701)])).toThrow(/validate the split first/);
    expect(() => marketplaceShares(900, seedSplit)).toThrow(/transfers more than the captured amount/);
    expect(() => marketplaceShares(1_000.5, seedSplit)).toThrow(RangeError);
    expect(() => marketplaceShares(1_000, [line('pm-1', 700, 0.5)])).toThrow(RangeError);
  });
});
