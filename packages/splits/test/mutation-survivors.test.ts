import {
  assertAmount,
  assertNever,
  decimalAmount,
  divideRoundedBig,
  isCurrency,
  marketplaceShares,
  multiplyDivide,
  parseAmount,
  platformCumulativeRefund,
  proportionalRefund,
  proportionalRefundInto,
  quoteText,
  remainingShares,
  sumAmounts,
  twoPartyRefund,
  validateMarketplaceSplit,
  validateNonReverseRefund,
  type SplitLine,
} from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Tests added after a StrykerJS run over packages/splits/src (every line mutated, not a hand-picked
// sample): each pins an outcome that a surviving mutant changed and the rest of the suite let through.

const MAX = Number.MAX_SAFE_INTEGER;

describe('README "Two kinds of error": a programmer error throws and its message says what the value was', () => {
  // assert-amount.ts: "The message says what the value was, so that the string "1000" reads as a string".
  const cases: readonly (readonly [unknown, string])[] = [
    [1.5, '1.5'],
    [-1, '-1'],
    ['1000', 'the string "1000"'],
    [10n, 'the bigint 10n'],
    [true, 'the boolean true'],
    [undefined, 'nothing (undefined)'],
    [null, 'null'],
    [[1], 'an array'],
    [{ amount: 1 }, 'an object'],
    [Symbol('x'), 'a symbol'],
    [() => 1, 'a function'],
  ];
  it.each(cases)('assertAmount(%s) names it in the message', (value, described) => {
    expect(() => assertAmount(value as number)).toThrow(new RangeError(`amount must be a non-negative safe integer count of minor units, got ${described}`));
  });

  it('each caller names the field it checks', () => {
    const message = (field: string, got: string): RangeError => new RangeError(`${field} must be a non-negative safe integer count of minor units, got ${got}`);
    expect(() => sumAmounts([1, 1.5], 'fees')).toThrow(message('fees[1]', '1.5'));
    expect(() => marketplaceShares(-1, [])).toThrow(message('capturedAmount', '-1'));
    expect(() => marketplaceShares(10, [{ submerchantId: 'pm-1', amount: 1.5, platformFee: 0 }])).toThrow(message('lines[0].amount', '1.5'));
    expect(() => marketplaceShares(10, [{ submerchantId: 'pm-1', amount: 5, platformFee: -1 }])).toThrow(message('lines[0].platformFee', '-1'));
    const shares = { platform: 10, submerchants: [{ submerchantId: 'pm-1', share: 5 }] };
    expect(() => remainingShares({ platform: 0.5, submerchants: [] }, { platform: 0, submerchants: [] })).toThrow(message('shares.platform', '0.5'));
    expect(() => remainingShares(shares, { platform: -2, submerchants: [] })).toThrow(message('refunded.platform', '-2'));
    expect(() => remainingShares(shares, { platform: 0, submerchants: [{ submerchantId: 'pm-1', amount: 0.5 }] })).toThrow(message('refunded "pm-1"', '0.5'));
    expect(() => remainingShares({ platform: 10, submerchants: [{ submerchantId: 'pm-1', share: -5 }] }, { platform: 0, submerchants: [] })).toThrow(message('share of "pm-1"', '-5'));
    expect(() => validateNonReverseRefund(-1, [], shares)).toThrow(message('refund amount', '-1'));
    expect(() => validateNonReverseRefund(1, [{ submerchantId: 'pm-1', amount: 0.5, platformFee: 0 }], shares)).toThrow(message('submerchants[0].amount', '0.5'));
    expect(() => validateNonReverseRefund(1, [{ submerchantId: 'pm-1', amount: 1, platformFee: 0.5 }], shares)).toThrow(message('submerchants[0].platform_fee', '0.5'));
    expect(() => validateNonReverseRefund(1, [], { platform: -1, submerchants: [] })).toThrow(message('remaining.platform', '-1'));
    expect(() => validateNonReverseRefund(1, [], { platform: 1, submerchants: [{ submerchantId: 'pm-1', share: 0.5 }] })).toThrow(message('remaining share of "pm-1"', '0.5'));
    expect(() => validateMarketplaceSplit([{ submerchantId: 'pm-1', amount: 0.5, platformFee: 0 }], 'capture', 10)).toThrow(message('submerchants[0].amount', '0.5'));
    expect(() => validateMarketplaceSplit([{ submerchantId: 'pm-1', amount: 1, platformFee: -1 }], 'capture', 10)).toThrow(message('submerchants[0].platform_fee', '-1'));
    expect(() => twoPartyRefund(100, 10, -1, 5)).toThrow(message('refundedBefore', '-1'));
    expect(() => twoPartyRefund(100, 10, 0, 0.5)).toThrow(message('refundedAfter', '0.5'));
    expect(() => platformCumulativeRefund(100, -1, 0)).toThrow(message('platformAmount', '-1'));
    expect(() => platformCumulativeRefund(100, 10, 0.5)).toThrow(message('refundedTotal', '0.5'));
    expect(() => proportionalRefund([1, 0.5], [0, 0], 1)).toThrow(message('shares[1]', '0.5'));
    expect(() => proportionalRefund([1, 1], [0, -1], 1)).toThrow(message('refunded[1]', '-1'));
  });

  it('the other programmer errors, message for message', () => {
    expect(() => validateMarketplaceSplit('pm-1' as unknown as SplitLine[], 'capture', 10)).toThrow(new TypeError('split lines must be an array or undefined'));
    expect(() => validateNonReverseRefund(1, 'x' as unknown as [], { platform: 1, submerchants: [] })).toThrow(new TypeError('refund split lines must be an array'));
    expect(() => validateMarketplaceSplit([], 'capture', 10, { maxSubmerchants: 0 })).toThrow(new RangeError('maxSubmerchants must be a positive safe integer, got 0'));
    expect(() => proportionalRefund({} as number[], [], 0)).toThrow(new TypeError('proportionalRefund: shares and refunded must be arrays'));
    expect(() => proportionalRefund([1, 2], [0], 0)).toThrow(new RangeError('proportionalRefund: 2 shares but 1 refunded amounts'));
    expect(() => decimalAmount(1.5, 'USD')).toThrow(new RangeError('decimalAmount: minor units must be a safe integer or a bigint, got 1.5'));
    expect(() => multiplyDivide(1, -1, 1, 'floor')).toThrow(new RangeError('multiplyDivide: factors must be non-negative safe integers, got 1 and -1'));
    expect(() => multiplyDivide(1, 1, 0, 'floor')).toThrow(new RangeError('multiplyDivide: divisor must be a positive safe integer, got 0'));
    expect(() => multiplyDivide(MAX, MAX, 1, 'floor')).toThrow(new RangeError(`multiplyDivide: result ${BigInt(MAX) * BigInt(MAX)} is beyond Number.MAX_SAFE_INTEGER`));
    expect(() => divideRoundedBig(-1n, 1n, 'floor')).toThrow(new RangeError('divideRoundedBig: numerator must be non-negative, got -1'));
    expect(() => divideRoundedBig(1n, 0n, 'floor')).toThrow(new RangeError('divideRoundedBig: denominator must be positive, got 0'));
    expect(() => divideRoundedBig(1n, -2n, 'floor')).toThrow(new RangeError('divideRoundedBig: denominator must be positive, got -2'));
    // divideRoundedBig is public: a mode from untyped code is a RangeError (as multiplyDivide's), not a silent undefined.
    expect(() => divideRoundedBig(3n, 2n, 'HALF_UP' as never)).toThrow(new RangeError('divideRoundedBig: rounding mode must be half_up, half_even, floor or ceiling, got "HALF_UP"'));
    expect(() => twoPartyRefund(100, 10, 6, 5)).toThrow(new RangeError('twoPartyRefund: refundedBefore 6 exceeds refundedAfter 5'));
    expect(() => platformCumulativeRefund(0, 0, 0)).toThrow(new RangeError('platformCumulativeRefund: amount must be positive'));
    expect(() => assertNever(5 as never)).toThrow(new TypeError('unexpected value: 5'));
    const out: number[] = [];
    expect(() => proportionalRefundInto([1, 2], [0], 1, out)).toThrow(new RangeError('proportionalRefundInto: 2 shares but 1 refunded amounts'));
    const shares = [1, 2];
    expect(() => proportionalRefundInto(shares, [0, 0], 1, shares)).toThrow(new RangeError('proportionalRefundInto: out must be an array of its own, not shares or refunded'));
  });
});

describe('proportionalRefundInto: "anything else throws" (shares and refunded safe integers, 0 ≤ refunded ≤ share, Σ refunded ≤ refundTotal ≤ Σ shares)', () => {
  const party = (index: number, share: number, given: number): RangeError =>
    new RangeError(`proportionalRefundInto: party ${index} has share ${share} and refunded ${given}; need safe integers with 0 ≤ refunded ≤ share`);
  it.each([
    [[1.5, 1], [0, 0], party(0, 1.5, 0)],
    [[5, 1], [0.5, 0], party(0, 5, 0.5)],
    [[5, 1], [-1, 0], party(0, 5, -1)],
    [[5, 1], [6, 0], party(0, 5, 6)],
  ] as const)('shares %j refunded %j', (shares, refunded, error) => {
    expect(() => proportionalRefundInto(shares, refunded, 1, [])).toThrow(error);
  });
  const range = (refundTotal: number, refundedTotal: number, total: number): RangeError =>
    new RangeError(`proportionalRefundInto: refundTotal ${refundTotal} must be a safe integer between the refunded ${refundedTotal} and the shares' total ${total}`);
  it('the totals', () => {
    expect(() => proportionalRefundInto([2 ** 52, 2 ** 52], [0, 0], 1, [])).toThrow(range(1, 0, 2 ** 53));
    expect(() => proportionalRefundInto([5, 5], [0, 0], 2.5, [])).toThrow(range(2.5, 0, 10));
    expect(() => proportionalRefundInto([5, 5], [2, 1], 2, [])).toThrow(range(2, 3, 10));
    expect(() => proportionalRefundInto([5, 5], [0, 0], 11, [])).toThrow(range(11, 0, 10));
  });
});

describe('proportionalRefund rejections (README "Rejection codes"): exact messages and the safe-sum boundary', () => {
  it('shares adding up to exactly MAX_SAFE_INTEGER are accepted; one more is amount_sum_not_safe_integer', () => {
    expect(proportionalRefund([MAX - 1, 1], [0, 0], MAX)).toEqual({ ok: true, value: [MAX - 1, 1] });
    expect(proportionalRefund([MAX, 1], [0, 0], 0)).toEqual({ ok: false, error: { code: 'amount_sum_not_safe_integer', message: `the shares add up past ${MAX} minor units` } });
  });
  it('messages', () => {
    expect(proportionalRefund([5, 5], [6, 0], 6)).toEqual({ ok: false, error: { code: 'refunded_exceeds_share', message: 'party 0 has refunded 6, more than its share 5; the refund history does not match the shares' } });
    expect(proportionalRefund([5, 5], [2, 1], 11)).toEqual({ ok: false, error: { code: 'refund_total_exceeds_shares', message: "the refunded total 11 would exceed the shares' total 10; at most 7 is left to refund" } });
    expect(proportionalRefund([5, 5], [2, 1], 2)).toEqual({ ok: false, error: { code: 'refund_total_below_refunded', message: 'the refunded total 2 is below the 3 already refunded; pass the cumulative total after this refund' } });
  });
});

describe('isCurrency: only a string listed in CURRENCY_EXPONENTS (README "Currencies")', () => {
  it('an array holding a code is not a currency (a property key would coerce it)', () => {
    expect(isCurrency(['JPY'] as unknown as string)).toBe(false);
  });
});

describe('parseAmount (README table): each pattern is anchored and reads whole digit runs', () => {
  it.each([
    ['x1e3', 'amount_not_a_number'],
    ['1e3x', 'amount_not_a_number'],
    ['x1.5', 'amount_not_a_number'],
    ['1.25e3', 'amount_exponent_notation'],
    ['.25e3', 'amount_exponent_notation'],
    ['.5e3', 'amount_exponent_notation'],
    ['.25', 'amount_not_integer'],
  ])('%s is %s', (input, code) => {
    const result = parseAmount(input);
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });
  it('a decimal string: the exact message', () => {
    expect(parseAmount('10.5', { field: 'platform_fee' })).toEqual({
      ok: false,
      error: { code: 'amount_not_integer', message: 'platform_fee must be a whole number of minor units written as digits only, without a decimal point, got "10.5"' },
    });
  });
});

describe('multiplyDivide / divideRoundedBig beyond the safe product: each rounding mode on a tie (README "Amounts": exact, in the mode the caller names)', () => {
  // (2^52 + 1) × 5 = 5·2^52 + 5 is past MAX_SAFE_INTEGER; / 10 = 2^51 + 0.5 exactly, an even quotient.
  const a = 2 ** 52 + 1;
  it.each([
    ['half_up', 2 ** 51 + 1],
    ['half_even', 2 ** 51],
    ['floor', 2 ** 51],
    ['ceiling', 2 ** 51 + 1],
  ] as const)('%s', (mode, expected) => {
    expect(multiplyDivide(a, 5, 10, mode)).toBe(expected);
    expect(divideRoundedBig(BigInt(a) * 5n, 10n, mode)).toBe(BigInt(expected));
  });
  it('half_even on a tie with an odd quotient goes up, above the tie rounds up, below down', () => {
    expect(divideRoundedBig(15n, 10n, 'half_even')).toBe(2n);
    expect(divideRoundedBig(16n, 10n, 'half_even')).toBe(2n);
    expect(divideRoundedBig(14n, 10n, 'half_even')).toBe(1n);
    expect(divideRoundedBig(14n, 10n, 'half_up')).toBe(1n);
    expect(divideRoundedBig(15n, 10n, 'half_up')).toBe(2n);
  });
});

describe('seller refunds (README "Seller splits")', () => {
  it('a refund that does not move the total (before = after) gives 0 / 0 rather than throwing', () => {
    expect(twoPartyRefund(50_000, 5_000, 200, 200)).toEqual({ platform: 0, seller: 0 });
  });
});

describe('validateNonReverseRefund: sum overflow is checked exactly at MAX_SAFE_INTEGER (README "Rejection codes")', () => {
  it('lines adding up to exactly MAX_SAFE_INTEGER are accepted', () => {
    const remaining = { platform: 1, submerchants: [{ submerchantId: 'pm-1', share: MAX - 1 }] };
    expect(validateNonReverseRefund(MAX, [{ submerchantId: 'pm-1', amount: MAX - 1, platformFee: 1 }], remaining)).toEqual({
      ok: true,
      value: { platform: 1, submerchants: [{ submerchantId: 'pm-1', amount: MAX - 1 }] },
    });
  });
  it('a platform fee on a later line that passes it is amount_sum_not_safe_integer, not a sum mismatch', () => {
    const remaining = { platform: 2, submerchants: [{ submerchantId: 'pm-1', share: MAX - 1 }, { submerchantId: 'pm-2', share: 0 }] };
    const lines = [
      { submerchantId: 'pm-1', amount: MAX - 1, platformFee: 0 },
      { submerchantId: 'pm-2', amount: 0, platformFee: 2 },
    ];
    expect(validateNonReverseRefund(MAX, lines, remaining)).toEqual({
      ok: false,
      error: { code: 'amount_sum_not_safe_integer', message: `the refund split's amounts add up past ${MAX} minor units` },
    });
  });
  it('messages of the other rejections', () => {
    const remaining = { platform: 10, submerchants: [{ submerchantId: 'pm-1', share: 5 }] };
    const line = { submerchantId: 'pm-1', amount: 1, platformFee: 0 };
    expect(validateNonReverseRefund(1, [line, line], remaining, { maxSubmerchants: 1 })).toEqual({ ok: false, error: { code: 'refund_split_too_many_lines', message: 'a refund split may have at most 1 submerchants, got 2' } });
    expect(validateNonReverseRefund(2, [line, line], remaining)).toEqual({
      ok: false,
      error: { code: 'refund_split_duplicate_submerchant', message: 'submerchant "pm-1" appears more than once in the refund split (again at submerchants[1]); give each Payout Merchant one line' },
    });
    expect(validateNonReverseRefund(1, [{ ...line, submerchantId: 'pm-9' }], remaining)).toEqual({
      ok: false,
      error: { code: 'refund_submerchant_not_in_payment', message: 'submerchant "pm-9" (submerchants[0]) has no share in this payment; only Payout Merchants of its split can give back' },
    });
    expect(validateNonReverseRefund(3, [line], remaining)).toEqual({
      ok: false,
      error: { code: 'refund_split_sum_mismatch', message: "the refund split's amounts and platform fees add up to 1, but must equal the refund amount 3" },
    });
  });
});

describe('validateMarketplaceSplit messages (README "Rejection codes": the message says what to change)', () => {
  const line = (submerchantId: string, amount: number, platformFee = 0): SplitLine => ({ submerchantId, amount, platformFee });
  const rejected = (code: string, message: string) => ({ ok: false, error: { code, message } });
  it('each rejection, message for message', () => {
    expect(validateMarketplaceSplit([line('pm-1', 1)], 'authorization', 1)).toEqual(
      rejected('split_not_allowed_at_authorization', 'a payment authorized with capture: false takes no split; send the split when capturing it'),
    );
    expect(validateMarketplaceSplit(undefined, 'partial_capture', 1)).toEqual(
      rejected('split_required', "a split (submerchants) is required at partial capture; list each Payout Merchant's amount and platform_fee"),
    );
    expect(validateMarketplaceSplit([line('pm-1', 1), line('pm-2', 1)], 'capture', 5, { maxSubmerchants: 1 })).toEqual(
      rejected('split_too_many_submerchants', 'a split may have at most 1 submerchants, got 2'),
    );
    expect(validateMarketplaceSplit([line('', 1)], 'capture', 5)).toEqual(
      rejected('split_submerchant_id_invalid', 'submerchants[0].submerchant_id must be a non-empty string of at most 255 characters'),
    );
    expect(validateMarketplaceSplit([line('pm-1', 0)], 'capture', 5)).toEqual(
      rejected('split_line_amount_not_positive', 'submerchants[0] ("pm-1") has amount 0; every line\'s amount must be positive, leave out a Payout Merchant that gets nothing'),
    );
    expect(validateMarketplaceSplit([line('pm-1', 1, 2)], 'capture', 5)).toEqual(
      rejected('split_platform_fee_exceeds_amount', 'submerchants[0] ("pm-1") has platform_fee 2 above its amount 1; the fee is taken out of the amount'),
    );
    expect(validateMarketplaceSplit([line('pm-1', MAX), line('pm-2', 1)], 'capture', 5)).toEqual(
      rejected('amount_sum_not_safe_integer', `the split's amounts add up past ${MAX} minor units`),
    );
    expect(validateMarketplaceSplit([line('pm-1', 4)], 'partial_capture', 5)).toEqual(
      rejected('split_sum_mismatch', "the split's amounts add up to 4, but must equal the partially captured amount 5"),
    );
    expect(validateMarketplaceSplit([line('pm-1', 4)], 'immediate_capture', 5)).toEqual(
      rejected('split_sum_mismatch', "the split's amounts add up to 4, but must equal the payment amount 5"),
    );
  });
});

describe('quoteText (README "Two kinds of error"): cut to 64 characters, on a code point', () => {
  it('64 characters are quoted whole; 65 are cut to 64 and an ellipsis', () => {
    expect(quoteText('a'.repeat(64))).toBe(`"${'a'.repeat(64)}"`);
    expect(quoteText('a'.repeat(65))).toBe(`"${'a'.repeat(64)}…"`);
  });
  it('64 astral characters (128 code units) are 64 characters: quoted whole; 65 are cut', () => {
    expect(quoteText('😀'.repeat(64))).toBe(`"${'😀'.repeat(64)}"`);
    expect(quoteText('😀'.repeat(65))).toBe(`"${'😀'.repeat(64)}…"`);
  });
  it('40 astral characters then 60 plain ones (140 code units, 100 characters): cut after 64 characters', () => {
    expect(quoteText('😀'.repeat(40) + 'a'.repeat(60))).toBe(`"${'😀'.repeat(40)}${'a'.repeat(24)}…"`);
  });
});

describe('DOMAIN.md "Proportional refunds and rounding" [decided]: floor ≤ cumulative ≤ ceil, also when R × w_i is past MAX_SAFE_INTEGER', () => {
  it('shares 2^50, 2^48, 2^48 refunded to 9: the first party is exactly at 6 and must not take the leftover unit', () => {
    // 9 × 2^50 / (3 × 2^49) = 6 exactly (decided by multiplyDivide, the product being unsafe); 1.5 and 1.5 for the others.
    expect(proportionalRefund([2 ** 50, 2 ** 48, 2 ** 48], [0, 0, 0], 9)).toEqual({ ok: true, value: [6, 2, 1] });
  });
});
