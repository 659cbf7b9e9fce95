import { countText } from '@kanjo/splits';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('countText', () => {
  it.each([
    [0, '0'], [7, '7'], [999, '999'], [1000, '1,000'], [12345, '12,345'], [100000, '100,000'],
    [1234567, '1,234,567'], [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
  ])('writes %d as %s', (count, text) => {
    expect(countText(count)).toBe(text);
  });

  it('writes what is not a non-negative safe integer as String does', () => {
    expect([-1234, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, -0].map(countText)).toEqual(['-1234', '1.5', '9007199254740992', 'NaN', 'Infinity', '0']);
  });

  it('for every non-negative safe integer: removing its commas gives back its digits, and each group after the first has exactly three', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (count) => {
      const groups = countText(count).split(',');
      expect(groups.join('')).toBe(String(count));
      expect(groups[0]?.length).toBeGreaterThanOrEqual(1);
      expect(groups[0]?.length).toBeLessThanOrEqual(3);
      expect(groups.slice(1).every((group) => group.length === 3)).toBe(true);
    }));
  });
});
