import { parseAmount, proportionalRefund } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Tests added by a manual mutation-testing pass over packages/splits/src: each one fails with a
// specific wrong line (named in its title) that the rest of the suite let through.

describe('proportionalRefund: a tie for the last unit goes to the earlier party', () => {
  // unitFallsDueSooner compares (c + 1)·w' with (c' + 1)·w in plain numbers while both products
  // are safe integers, in bigint beyond. A tie must not count as sooner in either path, or the
  // unit goes to the later party (proportional-refund-into.ts: "ties to the earlier party").
  it('shares of 2^52 − 1 each, refunded total 5: the parts are [3, 2], decided in bigint', () => {
    const share = 2 ** 52 - 1; // (2 + 1) × share is past MAX_SAFE_INTEGER: the bigint comparison decides
    expect(proportionalRefund([share, share], [0, 0], 5)).toEqual({ ok: true, value: [3, 2] });
  });
  it('the same tie with small shares (plain numbers): [3, 2]', () => {
    expect(proportionalRefund([3, 3], [0, 0], 5)).toEqual({ ok: true, value: [3, 2] });
  });
});

describe('parseAmount: a negative number is amount_negative, -1 included (`input < 0`)', () => {
  it('-1 is refused with amount_negative; -0 reads as 0', () => {
    expect(parseAmount(-1)).toEqual({ ok: false, error: { code: 'amount_negative', message: 'amount must not be negative (send the amount without a sign), got -1' } });
    expect(parseAmount(-1, { allowZero: true, field: 'platform_fee' })).toEqual({ ok: false, error: { code: 'amount_negative', message: 'platform_fee must not be negative (send the amount without a sign), got -1' } });
    expect(parseAmount(-0, { allowZero: true })).toEqual({ ok: true, value: 0 });
  });
});
