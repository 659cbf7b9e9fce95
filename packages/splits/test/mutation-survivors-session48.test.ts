import { describe, expect, it } from 'vitest';
import { proportionalRefund } from '@kanjo/splits';

// Mutation review of session 48 (review 181): two boundaries no test pinned.

describe('proportionalRefund at the boundaries review 181 found unpinned', () => {
  it('floors that overshoot the refund by exactly one unit are corrected (the share-shortfall step runs for a leftover of -1)', () => {
    // The earlier refunds took a unit from each of the small shares, ahead of their due: the
    // floors of the cumulative targets then add up to one more than the refund.
    expect(proportionalRefund([1, 1, 1, 3], [1, 1, 1, 0], 4)).toEqual({ ok: true, value: [0, 0, 0, 1] });
    expect(proportionalRefund([1, 1, 1, 1, 4], [1, 1, 1, 1, 0], 5)).toEqual({ ok: true, value: [0, 0, 0, 0, 1] });
  });

  it('a refunded total equal to what is already refunded is a refund of nothing, not refund_total_below_refunded (README: "below")', () => {
    expect(proportionalRefund([100, 300, 300], [0, 2, 1], 3)).toEqual({ ok: true, value: [0, 0, 0] });
    expect(proportionalRefund([100, 300, 300], [0, 2, 1], 2)).toMatchObject({ ok: false, error: { code: 'refund_total_below_refunded' } });
  });
});
