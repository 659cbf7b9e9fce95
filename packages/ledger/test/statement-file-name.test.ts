import fc from 'fast-check';
import { merchantStatementFileName } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('a merchant statement\'s file name', () => {
  it('is the id with /, \\ and % percent-encoded, then .csv', () => {
    expect(merchantStatementFileName('pm1')).toBe('pm1.csv');
    expect(merchantStatementFileName('../x')).toBe('..%2Fx.csv');
    expect(merchantStatementFileName('a\\b%c')).toBe('a%5Cb%25c.csv');
    expect(merchantStatementFileName('店舗')).toBe('店舗.csv');
  });

  // Review 206: a number reached `text.replace` and threw "text.replace is not a function".
  it('refuses an id that is not a string with a TypeError that names the function and the value', () => {
    expect(() => merchantStatementFileName(5 as unknown as string)).toThrow(new TypeError('merchantStatementFileName: merchant must be a merchant id (a string), not 5'));
    expect(() => merchantStatementFileName(undefined as unknown as string)).toThrow(/^merchantStatementFileName: merchant must be a merchant id \(a string\), not nothing$/);
  });

  // A valid id is at most 255 characters; its file name was up to 4 times that in bytes, and
  // `kanjo run --statements` failed with ENAMETOOLONG for an id of 252 x or of 85 kanji.
  it('at 255 bytes is kept; past it, keeps what fits of the id and ends in %~ and a hash of the whole id, 255 bytes at most', () => {
    expect(merchantStatementFileName('x'.repeat(251))).toBe(`${'x'.repeat(251)}.csv`);
    // Pinned: a statement must keep its name from one version to the next. The hash is FNV-1a
    // 64 of the id (checked with an independent implementation, which also gives the standard
    // af63dc4c8601ec8c for "a").
    expect(merchantStatementFileName('x'.repeat(252))).toBe(`${'x'.repeat(233)}%~163d66d138a0fe95.csv`);
    const kanji = merchantStatementFileName('店'.repeat(85));
    expect(kanji).toMatch(new RegExp(`^${'店'.repeat(77)}%~[0-9a-f]{16}\\.csv$`));
    expect(bytes(kanji)).toBe(253);
    // Whole characters only: an emoji (4 bytes) is never cut in half.
    const emoji = merchantStatementFileName('😀'.repeat(70));
    expect(emoji).toMatch(new RegExp(`^${'😀'.repeat(58)}%~[0-9a-f]{16}\\.csv$`, 'u'));
  });

  it('a cut never falls inside a percent escape: it keeps whole characters of the id, each encoded whole', () => {
    // Room for 233 bytes before `%~`, the hash and `.csv` (22 bytes). 230 x leave 3: one %25.
    expect(merchantStatementFileName(`${'x'.repeat(230)}${'%'.repeat(10)}`)).toMatch(/^x{230}%25%~[0-9a-f]{16}\.csv$/);
    // 231 and 232 x leave 2 and 1: no %25 fits, and none is begun (this was x…x%2%~ and x…x%%~).
    expect(merchantStatementFileName(`${'x'.repeat(231)}${'%'.repeat(10)}`)).toMatch(/^x{231}%~[0-9a-f]{16}\.csv$/);
    expect(merchantStatementFileName(`${'x'.repeat(232)}${'%'.repeat(10)}`)).toMatch(/^x{232}%~[0-9a-f]{16}\.csv$/);
    expect(merchantStatementFileName(`${'x'.repeat(229)}${'/'.repeat(10)}`)).toMatch(/^x{229}%2F%~[0-9a-f]{16}\.csv$/);
  });

  it('two long ids that differ only past what fits get two names', () => {
    const stem = 'x'.repeat(250);
    expect(merchantStatementFileName(`${stem}a`)).not.toBe(merchantStatementFileName(`${stem}b`));
  });

  it('for any id: at most 255 bytes, and either the plain encoded name or one with %~, which no plain name holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('x', '%', '/', '\\', '~', 'é', '店', '😀'), minLength: 1, maxLength: 255 }), (id) => {
        const name = merchantStatementFileName(id);
        expect(bytes(name)).toBeLessThanOrEqual(255);
        const plain = `${id.replace(/[%/\\]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)}.csv`;
        if (bytes(plain) <= 255) expect(name).toBe(plain);
        else expect(name).toContain('%~');
        // A plain name never holds %~: every % of it starts %25, %2F or %5C.
        expect(plain.includes('%~')).toBe(false);
        // What comes before %~ decodes to the start of the id (session 38: the cut once fell
        // inside a %25 and left %2, which decodeURIComponent refuses).
        const kept = name.slice(0, name.lastIndexOf(name.includes('%~') ? '%~' : '.csv'));
        expect(id.startsWith(decodeURIComponent(kept))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
