import { describe, expect, it } from 'vitest';
import { assertAmount, decimalAmount, parseAmount, quoteText, validateMarketplaceSplit } from '@kanjo/splits';

// Mutation audit of session 26's changes to @kanjo/splits (isArraySafely and its callers,
// describeValue's new callers, the code-unit note of a long submerchant id): each test kills
// mutants the earlier tests let live, named above it.

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('a revoked Proxy is described as an object, never as a list, and never throws (isArraySafely)', () => {
  // Kills is-array-safely.ts `catch { return false; }` → `return true` (a revoked Proxy called
  // a list), and each caller's isArraySafely put back to Array.isArray (assert-amount.ts,
  // parse-amount.ts, quote-text.ts: the describing threw a TypeError in place of the answer).
  it('assertAmount, parseAmount and quoteText of a revoked Proxy name "an object"', () => {
    expect(() => assertAmount(revokedProxy() as unknown as number)).toThrow(new RangeError('amount must be a non-negative safe integer count of minor units, got an object'));
    const parsed = parseAmount(revokedProxy());
    expect(parsed.ok ? 'accepted' : `${parsed.error.code}: ${parsed.error.message}`).toBe(
      'amount_not_a_number: amount must be an integer number of minor units or a string of digits (such as 1000 or "1000"), got an object',
    );
    expect(quoteText(revokedProxy() as unknown as string)).toBe('an object');
  });
});

describe('decimalAmount and maxSubmerchants name a wrong value by its kind (describeValue)', () => {
  // Kills decimal-amount.ts and resolve-max-submerchants.ts `describeValue(…)` → `String(…)`:
  // the string "5" would read as the number 5 in a message refusing it.
  it('the string "5" is named as a string', () => {
    expect(() => decimalAmount('5' as unknown as number, 'JPY')).toThrow(new RangeError('decimalAmount: minor units must be a safe integer or a bigint, got the string "5"'));
    expect(() => validateMarketplaceSplit(undefined, 'immediate_capture', 100, { maxSubmerchants: '5' as unknown as number })).toThrow(
      new RangeError('maxSubmerchants must be a positive safe integer, got the string "5"'),
    );
  });
});

// Review 145: `?? MAX_SUBMERCHANTS` gave null the default bound of 100 without a word.
describe('a maxSubmerchants of null is a wrong bound, not the default', () => {
  it('null throws as 0 does; left out, the default of 100 holds', () => {
    const lines = Array.from({ length: 101 }, (_, index) => ({ submerchantId: `pm${index}`, amount: 1, platformFee: 0 }));
    expect(() => validateMarketplaceSplit(lines, 'capture', 101, { maxSubmerchants: null as unknown as number })).toThrow(new RangeError('maxSubmerchants must be a positive safe integer, got null'));
    expect(validateMarketplaceSplit(lines, 'capture', 101, {})).toMatchObject({ ok: false, error: { code: 'split_too_many_submerchants' } });
  });
});

describe('a submerchant id past 255 UTF-16 code units is told its length', () => {
  const NOTE = "(UTF-16 code units, JavaScript's length, where a character past U+FFFF (most emoji) counts 2: it has";
  const problem = (id: string): string => {
    const result = validateMarketplaceSplit([{ submerchantId: id, amount: 100, platformFee: 0 }], 'immediate_capture', 100);
    return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
  };

  // Kills validate-marketplace-split.ts `${units}` left out of the message, and
  // `id.length.toLocaleString('en')` → `id.length` (1,000 written without its comma).
  it('256 and 1,000 code units are told; an empty id gets no note', () => {
    expect(problem('a'.repeat(256))).toBe(`split_submerchant_id_invalid: submerchants[0].submerchant_id must be a non-empty string of at most 255 characters ${NOTE} 256)`);
    expect(problem('a'.repeat(1000))).toBe(`split_submerchant_id_invalid: submerchants[0].submerchant_id must be a non-empty string of at most 255 characters ${NOTE} 1,000)`);
    expect(problem('')).toBe('split_submerchant_id_invalid: submerchants[0].submerchant_id must be a non-empty string of at most 255 characters');
    expect(problem('a'.repeat(255))).toBe('accepted');
  });
});
