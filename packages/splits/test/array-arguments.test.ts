import { marketplaceShares, sumAmounts } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Review 175 (plain-JavaScript misuse): both loop on `.length`, so a Set, an iterator, a
// number or a single line object went through as an empty list. sumAmounts answered
// { ok: true, value: 0 } and marketplaceShares gave the platform the whole captured amount.

const line = { submerchantId: 'pm1', amount: 700, platformFee: 70 };

describe('functions that take an array refuse anything else rather than read it as empty', () => {
  it('sumAmounts: a Set, an iterator, a number', () => {
    const sum = sumAmounts as (amounts: unknown) => unknown;
    expect(() => sum(new Set([1, 2]))).toThrow(new TypeError('sumAmounts: amounts must be an array of amounts, not a Set (pass [...set])'));
    expect(() => sum(new Map([[1, 2]]).values())).toThrow(new TypeError('sumAmounts: amounts must be an array of amounts, not an iterator (pass [...iterator])'));
    expect(() => sum(5)).toThrow(new TypeError('sumAmounts: amounts must be an array of amounts, not a number'));
    // Review 177: a typed array or an array-like was told it might be "a single line".
    expect(() => sum(new Uint8Array([1, 2]))).toThrow(new TypeError('sumAmounts: amounts must be an array of amounts, not a typed array (pass Array.from(array))'));
    expect(() => sum({ length: 2, 0: 1, 1: 2 })).toThrow(new TypeError('sumAmounts: amounts must be an array of amounts, not an object'));
    expect(sumAmounts([1, 2])).toEqual({ ok: true, value: 3 });
  });

  it('marketplaceShares: a single line, a Set of lines, a null line', () => {
    const shares = marketplaceShares as (captured: number, lines: unknown) => unknown;
    expect(() => shares(700, line)).toThrow(new TypeError('marketplaceShares: lines must be an array of split lines, not an object (a single line? pass [line])'));
    expect(() => shares(1000, new Set([line]))).toThrow(new TypeError('marketplaceShares: lines must be an array of split lines, not a Set (pass [...set])'));
    expect(() => shares(1000, [line, null])).toThrow(new TypeError('submerchants[1]: expected a line object with submerchantId, amount and platformFee, got null'));
    expect(marketplaceShares(700, [line])).toEqual({ platform: 70, submerchants: [{ submerchantId: 'pm1', share: 630 }] });
  });

  it('a revoked Proxy is named an object, and the TypeError still comes out', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => (sumAmounts as (amounts: unknown) => unknown)(proxy)).toThrow(new TypeError('sumAmounts: amounts must be an array of amounts, not an object'));
  });
});
