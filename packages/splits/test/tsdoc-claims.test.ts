import {
  RejectionError,
  SUBMERCHANT_ID_MAX_LENGTH,
  assertNever,
  marketplaceShares,
  proportionalRefund,
  quoteText,
  reject,
  remainingShares,
  reverseRefundParts,
  sumAmounts,
  twoPartyRefund,
  unwrap,
  validateMarketplaceSplit,
  validateNonReverseRefund,
  type MarketplaceShares,
  type RefundLine,
  type SplitLine,
} from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Claims made by the TSDoc of @kanjo/splits' public API that no other test pinned (the rest are
// pinned in the package's other test files; the audit's list is in the branch's report). Each
// `it` quotes its claim, with the source file and symbol. Four claims the audit found false are
// pinned as the code and its corrected comment now say (sumAmounts' code changed; for the other
// three, the comment).

const MAX = Number.MAX_SAFE_INTEGER;
const line = (submerchantId: string, amount: number, platformFee: number): SplitLine => ({ submerchantId, amount, platformFee });
const refundLine = (submerchantId: string, amount: number, platformFee: number): RefundLine => ({ submerchantId, amount, platformFee });

describe('result/result.ts', () => {
  // RejectionError: "carries the same rejection as the result, so one source of truth serves both styles"
  it('RejectionError: "carries the same rejection as the result": the very object, not a copy', () => {
    const rejected = reject('split_required', 'a split is required');
    let thrown: unknown;
    try {
      unwrap(rejected);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RejectionError);
    expect((thrown as RejectionError).rejection).toBe(rejected.error);
    expect((thrown as RejectionError).code).toBe('split_required');
  });

  // assertNever(value, what = 'value'): "throws a `TypeError` if reached anyway"
  it('assertNever: "throws a TypeError if reached anyway", naming the value as "value" by default', () => {
    expect(() => assertNever('refund' as never)).toThrow(new TypeError('unexpected value: "refund"'));
  });
});

describe('result/quote-text.ts', () => {
  // quoteText: "A value that is not a string is described, never serialized (a bigint would throw)."
  it('quoteText: "A value that is not a string is described, never serialized": numbers, booleans, null, symbols, functions', () => {
    expect([quoteText(5), quoteText(-0.5), quoteText(true), quoteText(null), quoteText(Symbol('x')), quoteText(() => 1)]).toEqual([
      '5',
      '-0.5',
      'true',
      'null',
      'a symbol',
      'a function',
    ]);
  });
});

describe('amounts/sum-amounts.ts', () => {
  // sumAmounts(amounts, field = 'amount'): "or `amount_sum_not_safe_integer` when it would pass
  // Number.MAX_SAFE_INTEGER"; "@param field - the name used in messages (default `'amount'`)"
  it('sumAmounts: "@param field - the name used in messages (default \'amount\')", the message naming the index where the sum passes the bound', () => {
    expect(sumAmounts([1, MAX - 1, 1])).toEqual({
      ok: false,
      error: { code: 'amount_sum_not_safe_integer', message: `the sum of amount values passes ${MAX} minor units at index 2; split it into smaller amounts` },
    });
  });

  // sumAmounts: "Each amount must be a non-negative safe integer: anything else is a programmer
  // error and throws, every amount checked before any is added". Until this was pinned it
  // returned the overflow rejection as soon as the running sum passed the bound, so a malformed
  // entry after that point was never looked at (the TSDoc audit found it).
  it('sumAmounts: "every amount checked before any is added": a malformed amount after the overflow throws', () => {
    expect(() => sumAmounts([MAX, 1, -1])).toThrow(new RangeError('amount[2] must be a non-negative safe integer count of minor units, got -1'));
    expect(sumAmounts([MAX, 1, 0]).ok).toBe(false);
  });
});

describe('marketplace/validate-marketplace-split.ts and max-submerchants.ts', () => {
  // SUBMERCHANT_ID_MAX_LENGTH: "The longest submerchant id accepted in a split, in UTF-16 code units
  // (JavaScript string length)."
  it('SUBMERCHANT_ID_MAX_LENGTH: "in UTF-16 code units (JavaScript string length)": 127 astral characters and one more make 255 units and pass; 128 astral characters (256 units) do not', () => {
    const astral = '\u{1F600}';
    expect(SUBMERCHANT_ID_MAX_LENGTH).toBe(255);
    const fits = `${astral.repeat(127)}a`;
    expect(fits.length).toBe(255);
    expect(validateMarketplaceSplit([line(fits, 1_000, 0)], 'immediate_capture', 1_000).ok).toBe(true);
    const over = astral.repeat(128); // 128 code points, 256 code units
    expect(validateMarketplaceSplit([line(over, 1_000, 0)], 'immediate_capture', 1_000)).toEqual({
      ok: false,
      error: { code: 'split_submerchant_id_invalid', message: 'submerchants[0].submerchant_id must be a non-empty string of at most 255 characters (UTF-16 code units, JavaScript\'s length, where a character past U+FFFF (most emoji) counts 2: it has 256)' },
    });
  });

  // validateMarketplaceSplit: "@returns the lines, unchanged, when valid"
  it('validateMarketplaceSplit: "@returns the lines, unchanged, when valid": the caller\'s own array at every capture moment, its lines untouched', () => {
    const lines: readonly SplitLine[] = Object.freeze([Object.freeze(line('pm-2', 300, 30)), Object.freeze(line('pm-1', 700, 70))]);
    for (const moment of ['immediate_capture', 'capture', 'partial_capture'] as const) {
      const result = validateMarketplaceSplit(lines, moment, 1_000);
      expect(result.ok && result.value, moment).toBe(lines);
    }
    expect(lines).toEqual([line('pm-2', 300, 30), line('pm-1', 700, 70)]);
  });

  // validateMarketplaceSplit: "At `authorization` no split is allowed (`undefined` or `[]` gives `[]`)"
  it('validateMarketplaceSplit: "At authorization no split is allowed (undefined or [] gives [])"', () => {
    expect(validateMarketplaceSplit([], 'authorization', 1_000)).toEqual({ ok: true, value: [] });
    expect(validateMarketplaceSplit(undefined, 'authorization', 1_000)).toEqual({ ok: true, value: [] });
    expect(validateMarketplaceSplit([line('pm-1', 1_000, 0)], 'authorization', 1_000).ok).toBe(false);
  });

  // Session 39 review: the README's table said `[]` is "none" at authorization, which read as
  // "`[]` is no split" everywhere. It is an empty split: only `undefined` is `split_required`.
  it('validateMarketplaceSplit: "undefined is split_required, while [] is a split like any other, judged by the sum rule"', () => {
    expect(validateMarketplaceSplit([], 'capture', 1_000)).toEqual({ ok: true, value: [] });
    expect(marketplaceShares(1_000, [])).toEqual({ platform: 1_000, submerchants: [] });
    for (const moment of ['immediate_capture', 'partial_capture'] as const) {
      const result = validateMarketplaceSplit([], moment, 1_000);
      expect(result.ok ? 'ok' : result.error.code).toBe('split_sum_mismatch');
    }
    for (const moment of ['immediate_capture', 'capture', 'partial_capture'] as const) {
      const result = validateMarketplaceSplit(undefined, moment, 1_000);
      expect(result.ok ? 'ok' : result.error.code).toBe('split_required');
    }
  });

  // validateMarketplaceSplit: "`amount` is … unused at `authorization` (where it must still be a
  // non-negative safe integer: it is checked first, at every moment)". The audit found the TSDoc
  // said only "unused"; the comment now says what the code does.
  it('validateMarketplaceSplit: "unused at authorization (where it must still be a non-negative safe integer: it is checked first, at every moment)"', () => {
    expect(validateMarketplaceSplit(undefined, 'authorization', 0)).toEqual({ ok: true, value: [] });
    for (const amount of [-1, Number.NaN, 0.5]) {
      expect(() => validateMarketplaceSplit(undefined, 'authorization', amount)).toThrow(RangeError);
    }
  });

  // validateMarketplaceSplit: "A line amount or fee that is not a non-negative safe integer is a
  // programmer error … and throws, checked after the rule of the moment (a split at
  // authorization is refused as such, its lines unread) and after split_too_many_submerchants
  // …, before every other rule." (The audit found the order unstated.)
  it('validateMarketplaceSplit: a malformed line amount throws, after the authorization rule and the line bound, before every other rule', () => {
    const malformed = [line('pm-1', -1, 0), line('pm-2', 1, 0)];
    expect(validateMarketplaceSplit(malformed, 'authorization', 0).ok && 'accepted').toBe(false);
    expect(validateMarketplaceSplit(malformed, 'authorization', 0)).toMatchObject({ error: { code: 'split_not_allowed_at_authorization' } });
    expect(validateMarketplaceSplit(malformed, 'capture', 10, { maxSubmerchants: 1 })).toMatchObject({ error: { code: 'split_too_many_submerchants' } });
    // Before the id rule: an empty id on the first line does not hide the malformed amount.
    expect(() => validateMarketplaceSplit([line('', 1, 0), line('pm-2', -1, 0)], 'capture', 10)).toThrow(new RangeError('submerchants[1].amount must be a non-negative safe integer count of minor units, got -1'));
  });
});

describe('marketplace/marketplace-shares.ts, refunds/*.ts: orders are the caller\'s, whatever the ids look like', () => {
  // Ids like "10" and "9" would come out first and in numeric order from a plain object's keys:
  // the bug the merchantBalances comment had. Each function below states an order in its TSDoc.
  const lines = [line('10', 500, 50), line('9', 300, 30), line('b', 100, 0), line('a', 50, 5)];

  // marketplaceShares: "each Payout Merchant `amount − platformFee` (in line order)";
  // MarketplaceShares.submerchants: "Each Payout Merchant's share, in split line order."
  it('marketplaceShares: "each Payout Merchant amount − platformFee (in line order)": ids 10, 9, b, a stay in that order', () => {
    expect(marketplaceShares(1_000, lines)).toEqual({
      platform: 135,
      submerchants: [
        { submerchantId: '10', share: 450 },
        { submerchantId: '9', share: 270 },
        { submerchantId: 'b', share: 100 },
        { submerchantId: 'a', share: 45 },
      ],
    });
  });

  // remainingShares: "share − refunded, per party, in the order of `shares`"
  // validateNonReverseRefund: "@returns every Payout Merchant of `remaining`, in its order"
  // reverseRefundParts: every party gives back all it has left (RefundParts.submerchants: "in share order")
  it('remainingShares, validateNonReverseRefund and reverseRefundParts: "in the order of shares" / "of remaining, in its order", with ids 10, 9, b, a', () => {
    const shares = marketplaceShares(1_000, lines);
    const remaining = remainingShares(shares, { platform: 5, submerchants: [{ submerchantId: 'a', amount: 5 }, { submerchantId: '9', amount: 70 }] });
    expect(remaining.submerchants.map(({ submerchantId, share }) => [submerchantId, share])).toEqual([
      ['10', 450],
      ['9', 200],
      ['b', 100],
      ['a', 40],
    ]);
    const refund = validateNonReverseRefund(31, [refundLine('a', 10, 1), refundLine('10', 20, 0)], remaining);
    expect(refund).toEqual({
      ok: true,
      value: {
        platform: 1,
        submerchants: [
          { submerchantId: '10', amount: 20 },
          { submerchantId: '9', amount: 0 },
          { submerchantId: 'b', amount: 0 },
          { submerchantId: 'a', amount: 10 },
        ],
      },
    });
    expect(reverseRefundParts(remaining).submerchants.map(({ submerchantId }) => submerchantId)).toEqual(['10', '9', 'b', 'a']);
  });
});

describe('refunds/validate-non-reverse-refund.ts', () => {
  const remaining: MarketplaceShares = {
    platform: 100,
    submerchants: [
      { submerchantId: 'pm-1', share: 630 },
      { submerchantId: 'pm-2', share: 270 },
    ],
  };

  // validateNonReverseRefund: "`refund_exceeds_share` (no Payout Merchant above the rest of its
  // share, lines in order, then the platform above the rest of its own)"
  it('validateNonReverseRefund: "refund_exceeds_share (… lines in order, then the platform …)": the first line over its share is named, in line order (not share order), before the platform', () => {
    // Both lines and the platform are over: pm-2 is the first line, though second in share order.
    expect(validateNonReverseRefund(1_102, [refundLine('pm-2', 271, 100), refundLine('pm-1', 631, 100)], remaining)).toEqual({
      ok: false,
      error: { code: 'refund_exceeds_share', message: 'submerchant "pm-2" is asked to give back 271, but has only 270 left of its share' },
    });
    // Only the second line and the platform are over: the line still comes before the platform.
    expect(validateNonReverseRefund(1_001, [refundLine('pm-2', 0, 200), refundLine('pm-1', 631, 170)], remaining)).toEqual({
      ok: false,
      error: { code: 'refund_exceeds_share', message: 'submerchant "pm-1" is asked to give back 631, but has only 630 left of its share' },
    });
  });

  // RefundSplitErrorCode: "`refund_split_too_many_lines`: more lines than the bound (default 100)";
  // MAX_SUBMERCHANTS: "The most lines a marketplace split or refund split may have".
  it('RefundSplitErrorCode: "refund_split_too_many_lines: more lines than the bound (default 100)": 100 lines pass, 101 do not', () => {
    const ids = Array.from({ length: 101 }, (_, index) => `pm-${index}`);
    const wide: MarketplaceShares = { platform: 0, submerchants: ids.map((submerchantId) => ({ submerchantId, share: 1 })) };
    const lines = (count: number) => ids.slice(0, count).map((id) => refundLine(id, 1, 0));
    expect(validateNonReverseRefund(100, lines(100), wide).ok).toBe(true);
    expect(validateNonReverseRefund(101, lines(101), wide)).toEqual({
      ok: false,
      error: { code: 'refund_split_too_many_lines', message: 'a refund split may have at most 100 submerchants, got 101' },
    });
  });

  // validateNonReverseRefund: "Amounts that are not non-negative safe integers are programmer
  // errors and throw: the refund amount (checked first), and after refund_split_too_many_lines
  // … and before every other rule, each line's and what is left of each share in `remaining`."
  // (The audit found the order unstated.)
  it('validateNonReverseRefund: the refund amount throws first; lines and remaining shares after the line bound, before every other rule', () => {
    const malformed = [refundLine('pm-1', -1, 0), refundLine('pm-2', 1, 0)];
    expect(() => validateNonReverseRefund(-1, malformed, remaining, { maxSubmerchants: 1 })).toThrow(RangeError);
    expect(validateNonReverseRefund(1, malformed, remaining, { maxSubmerchants: 1 })).toMatchObject({ error: { code: 'refund_split_too_many_lines' } });
    expect(validateNonReverseRefund(1, [refundLine('pm-1', 1, 0), refundLine('pm-2', 0, 0)], { platform: -1, submerchants: [] }, { maxSubmerchants: 1 })).toMatchObject({ error: { code: 'refund_split_too_many_lines' } });
    expect(() => validateNonReverseRefund(1, malformed, remaining)).toThrow(RangeError);
    expect(() => validateNonReverseRefund(1, [refundLine('pm-1', 1, 0)], { platform: -1, submerchants: [] })).toThrow(RangeError);
  });
});

describe('proportional/proportional-refund.ts', () => {
  // proportionalRefund: "Rejections, in order: `amount_sum_not_safe_integer` (the shares),
  // `refunded_exceeds_share`, `refund_total_exceeds_shares`, `refund_total_below_refunded`."
  // (The last two cannot both apply: the refunded total is at most the shares' total once no party
  // has refunded more than its share.)
  it('proportionalRefund: "Rejections, in order: amount_sum_not_safe_integer (the shares), refunded_exceeds_share, refund_total_exceeds_shares, …" when several apply', () => {
    const code = (result: ReturnType<typeof proportionalRefund>) => (result.ok ? 'accepted' : result.error.code);
    // Shares past the bound, a party past its share and a total past the shares, all at once.
    expect(code(proportionalRefund([MAX, 1], [0, 2], MAX))).toBe('amount_sum_not_safe_integer');
    // A party past its share and a total past the shares.
    expect(code(proportionalRefund([100, 300], [101, 0], 500))).toBe('refunded_exceeds_share');
    // A party past its share and a total below what is refunded.
    expect(code(proportionalRefund([100, 300], [101, 0], 50))).toBe('refunded_exceeds_share');
  });

  // proportionalRefund: "the seller model's two parties use the half-up rule of
  // {@link twoPartyRefund}, which can differ from this one by a unit."
  it('proportionalRefund: "the seller model\'s two parties use the half-up rule of twoPartyRefund, which can differ from this one by a unit": ¥3 with ¥2 to the platform, refunded ¥1 at a time', () => {
    const platformParts = { proportional: [] as number[], twoParty: [] as number[] };
    let refunded = [0, 0];
    for (const refundTotal of [1, 2, 3]) {
      const parts = unwrap(proportionalRefund([2, 1], refunded, refundTotal));
      refunded = [refunded[0]! + parts[0]!, refunded[1]! + parts[1]!];
      platformParts.proportional.push(parts[0]!);
      platformParts.twoParty.push(twoPartyRefund(3, 2, refundTotal - 1, refundTotal).platform);
    }
    // At ¥2 refunded the platform has given back 2 by the quota method, 1 (1.33 half up) by the seller rule.
    expect(platformParts).toEqual({ proportional: [1, 1, 0], twoParty: [1, 0, 1] });
  });
});
