import { buildFeeSchedule, processingFee } from '@kanjo/fees';
import { quoteText, unwrap } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';
import { idInOneLine, inOneLine, jsonInLine, quoted } from '../src/engine/message-text.js';

/**
 * What people read (tables, messages, warnings) writes as a `\uXXXX` escape each character that
 * shows as nothing or as a plain space, so that two different ids never read alike: `p` and
 * `p` + U+200B, `a b` and `a` + U+00A0 + `b`. Four writers in three packages hold the set; they
 * must agree, or an id would read one way in a fee's message and another in the ledger's.
 */

/** The characters escaped beyond C0 and C1 controls, line separators and bidi controls (in the BMP). */
const HIDDEN = [
  0x00a0, 0x00ad, 0x034f, 0x115f, 0x1160, 0x1680, 0x17b4, 0x17b5, 0x180e, ...range(0x2000, 0x200b), 0x202f, ...range(0x205f, 0x2065), ...range(0x206a, 0x206f),
  0x2800, 0x3000, 0x3164, 0xfeff, 0xffa0, ...range(0xfff0, 0xfff8),
];

/** Those past U+FFFF, each escaped as its two halves. */
const HIDDEN_ASTRAL = [...range(0x1bca0, 0x1bca3), ...range(0x1d173, 0x1d17a)];

/** Line breaking and bidi controls, escaped before this change. */
const LINE_AND_BIDI = [
  ...range(0x7f, 0x9f),
  0x2028, 0x2029, 0x061c, 0x200e, 0x200f, ...range(0x202a, 0x202e), ...range(0x2066, 0x2069),
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

const schedule = unwrap(buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%' } } }));

/** Whether a writer leaves the character raw in what it writes. */
const writers: Record<string, (text: string) => string> = {
  quoteText: (text) => quoteText(text),
  quoted: (text) => quoted(text),
  inOneLine: (text) => inOneLine(text),
  idInOneLine: (text) => idInOneLine(text),
  jsonInLine: (text) => jsonInLine(text) as string,
  'processingFee message': (text) => {
    const outcome = processingFee(schedule, 'credit_card', text as unknown as number);
    if (outcome.ok) throw new Error('a string amount was accepted');
    return outcome.error.message;
  },
};

/** Every code unit above U+007E but the surrogates, which each writer handles on its own. */
const CANDIDATES = range(0x7f, 0xffff).filter((code) => code < 0xd800 || code > 0xdfff);

describe('characters that show as nothing or as a plain space', () => {
  for (const [name, write] of Object.entries(writers)) {
    it(`${name} escapes exactly the line breaking, bidi and hidden characters above U+007E`, () => {
      const escaped = CANDIDATES.filter((code) => !write(`a${String.fromCharCode(code)}b`).includes(String.fromCharCode(code)));
      expect(escaped).toEqual([...LINE_AND_BIDI, ...HIDDEN].sort((left, right) => left - right));
    });
  }

  for (const [name, write] of Object.entries(writers)) {
    it(`${name} escapes both halves of U+1BCA0 to U+1BCA3 and U+1D173 to U+1D17A, and no other character past U+FFFF it is shown`, () => {
      for (const code of HIDDEN_ASTRAL) {
        const character = String.fromCodePoint(code);
        const halves = `\\u${character.charCodeAt(0).toString(16)}\\u${character.charCodeAt(1).toString(16)}`;
        expect([code.toString(16), write(`a${character}b`).includes(halves)]).toEqual([code.toString(16), true]);
      }
      for (const character of ['😀', '\u{1bc9f}', '\u{1bca4}', '\u{1d172}', '\u{1d17b}', '\u{e0067}', '\u{e0100}']) {
        expect([character.codePointAt(0)?.toString(16), write(`a${character}b`).includes(character)]).toEqual([character.codePointAt(0)?.toString(16), true]);
      }
    });
  }

  it('writes U+200B, U+00A0 and U+FEFF as escapes, so ids that differ only by them read apart', () => {
    expect(quoteText('p\u200b')).toBe('"p\\u200b"');
    expect(inOneLine('no payment a\u00a0b')).toBe('no payment a\\u00a0b');
    expect(idInOneLine('\ufeffp')).toBe('\\ufeffp');
    expect(quoted('https://shop.example/r?q=\u3000')).toBe('"https://shop.example/r?q=\\u3000"');
  });

  it('keeps the joiners and variation selectors that emoji and scripts such as Persian are written with', () => {
    for (const text of ['👩\u200d💻', '❤\ufe0f', 'می\u200cخواهم', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}']) expect(quoteText(text)).toBe(`"${text}"`);
  });
});
