import { describe, expect, it } from 'vitest';
import { MAX_RATE_TEXT_LENGTH, parseRate } from '@kanjo/fees';

// Tests added by a manual mutation-testing pass over packages/fees/src: each one fails with a
// specific wrong line (named in its describe) that the rest of the suite let through.

describe('parseRate: a rate text is at most MAX_RATE_TEXT_LENGTH characters, exactly (`text.length > MAX_RATE_TEXT_LENGTH`)', () => {
  it('32 characters parse; 33 are rate_malformed', () => {
    expect(MAX_RATE_TEXT_LENGTH).toBe(32);
    const longest = `${'0'.repeat(MAX_RATE_TEXT_LENGTH - 2)}1%`; // 1%, with leading zeros
    expect(longest).toHaveLength(32);
    expect(parseRate(longest)).toEqual({ ok: true, value: { text: longest, numerator: 1, denominator: 100 } });
    const tooLong = `0${longest}`;
    expect(parseRate(tooLong)).toEqual({ ok: false, error: { code: 'rate_malformed', message: 'rate: a rate is at most 32 characters, got 33' } });
    // A count of a thousand or more is written with separators, as in every other message.
    expect(parseRate(`${'0'.repeat(1233)}1%`)).toEqual({ ok: false, error: { code: 'rate_malformed', message: 'rate: a rate is at most 32 characters, got 1,235' } });
  });
});
