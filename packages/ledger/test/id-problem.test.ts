import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idProblem, MAX_ID_LENGTH, requireId } from '../src/commands/validate-input.js';

// Replay refuses a payment's or refund request's id through idProblem (a fast path for
// printable ASCII, then requireId itself); the engine refuses ids through requireId. A journal
// the engine wrote must replay, and one it could not have written must not: the two agree.

function requireIdProblem(value: string, field: string): string | undefined {
  const required = requireId(value, field);
  return required.ok ? undefined : required.error.message;
}

/** Strings of UTF-16 units: ASCII, controls, line and paragraph separators, paired and lone surrogates, emoji. */
const unit = fc.oneof(
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), weight: 6 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), weight: 2 },
  { arbitrary: fc.constantFrom('\u0000', '\t', '\n', '\r', '\u001f', '\u007f', '\u0080', '\u009f', '\u00a0', '\u2028', '\u2029', '\ud800', '\udbff', '\udc00', '\udfff', '😀', '\ufeff', '\ufffd'), weight: 2 },
);
const id = fc.oneof(
  fc.array(unit, { maxLength: 20 }).map((units) => units.join('')),
  fc.integer({ min: MAX_ID_LENGTH - 3, max: MAX_ID_LENGTH + 3 }).chain((length) => fc.array(unit, { minLength: length, maxLength: length }).map((units) => units.join(''))),
);

describe('idProblem, replay’s check of a payment’s or refund request’s id', () => {
  it('refuses exactly the ids requireId refuses, with the same message, on any string of UTF-16 units', () => {
    fc.assert(
      fc.property(id, (value) => {
        expect(idProblem(value, 'the payment id')).toBe(requireIdProblem(value, 'the payment id'));
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with requireId at the edges: empty, 255 and 256 units, a pair split by the limit, and non-strings', () => {
    const edges: unknown[] = [
      '', 'a', 'a'.repeat(255), 'a'.repeat(256), `${'a'.repeat(253)}😀`, `${'a'.repeat(254)}😀`, '😀'.repeat(128), `${'a'.repeat(254)}\ud800`,
      ' ', '~', '\u007f', 'pay\u2028x', 'pay\ud83d', '\ude00pay', undefined, null, 7, {},
    ];
    for (const value of edges) {
      expect(idProblem(value as string, 'the refund request id')).toBe(requireIdProblem(value as string, 'the refund request id'));
    }
    expect(idProblem('a'.repeat(255), 'x')).toBeUndefined();
    expect(idProblem('a'.repeat(256), 'x')).toBe("x must be a string of 1 to 255 characters (UTF-16 code units, JavaScript's length, where a character past U+FFFF (most emoji) counts 2: it has 256)");
  });
});
