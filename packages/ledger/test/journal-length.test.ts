import { CompactEntryDecoder, checkJournalLength, headerEntryCount, parseScenarioConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

// A journal header's `entries` (written since 2026-12-02) lets a reader tell a journal cut
// between two entries from a whole one (test/cli/reconcile-cut-journal.test.ts runs it end to
// end). These are the two steps a reader of its own (as `kanjo reconcile`) takes.

describe('headerEntryCount: the count a journal header gives', () => {
  it('a whole number of 0 or more is the count; a header without one has none', () => {
    expect(headerEntryCount({ entries: 0 })).toEqual({ ok: true, value: 0 });
    expect(headerEntryCount({ entries: 141_911 })).toEqual({ ok: true, value: 141_911 });
    expect(headerEntryCount({ entries: Number.MAX_SAFE_INTEGER })).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(headerEntryCount({})).toEqual({ ok: true, value: undefined });
    expect(headerEntryCount({ entries: undefined })).toEqual({ ok: true, value: undefined });
  });

  it.each([
    [-1, '-1'],
    [1.5, '1.5'],
    [2 ** 53, '9007199254740992'],
    [Number.NaN, 'NaN'],
    ['3', '"3"'],
    [null, 'null'],
    [[3], '[3]'],
  ])('%s is journal_header_malformed, quoting what it holds', (entries, shown) => {
    expect(headerEntryCount({ entries })).toEqual({
      ok: false,
      error: { code: 'journal_header_malformed', message: `the journal header's entries must be the number of entry lines that follow (a whole number, 0 or more), not ${shown}` },
    });
  });
});

describe('checkJournalLength: as many entries read as the header says', () => {
  it('the same count, or no count at all, passes', () => {
    expect(checkJournalLength(3, 3)).toEqual({ ok: true, value: undefined });
    expect(checkJournalLength(0, 0)).toEqual({ ok: true, value: undefined });
    expect(checkJournalLength(undefined, 7)).toEqual({ ok: true, value: undefined });
  });

  it('fewer: the file was cut, after the last entry read or after its header', () => {
    expect(checkJournalLength(3, 2)).toEqual({
      ok: false,
      error: { code: 'journal_length_mismatch', message: 'its header says 3 entries follow, but it holds 2: the file was cut after entry 2 (a partial copy or download); export or copy it again' },
    });
    expect(checkJournalLength(1, 0)).toEqual({
      ok: false,
      error: { code: 'journal_length_mismatch', message: 'its header says 1 entry follows, but it holds 0: the file was cut after its header (a partial copy or download); export or copy it again' },
    });
  });

  it('more: lines were added after the journal was written', () => {
    expect(checkJournalLength(0, 1)).toEqual({
      ok: false,
      error: { code: 'journal_length_mismatch', message: 'its header says 0 entries follow, but it holds 1: lines were added after it was written; export it again from the ledger' },
    });
  });
});

describe('what JSON.parse may give for a first line, from code: typed, never a TypeError of the reader', () => {
  it('headerEntryCount of null, a list, a number or text is journal_header_malformed; a list\'s entries method is not a count', () => {
    for (const header of [null, [], [1], 5, 'x']) {
      const read = headerEntryCount(header as never);
      expect(read.ok ? 'accepted' : read.error.code).toBe('journal_header_malformed');
    }
    expect(headerEntryCount(null as never)).toEqual({ ok: false, error: { code: 'journal_header_malformed', message: 'the journal header must be a JSON object, not null' } });
  });

  it('CompactEntryDecoder.fromHeader of null or a list is journal_header_malformed', () => {
    for (const header of [null, undefined, [], [{}]]) {
      expect(CompactEntryDecoder.fromHeader(header)).toEqual({ ok: false, error: { code: 'journal_header_malformed', message: 'the compact journal header is not a JSON object' } });
    }
  });

  it('parseScenarioConfig of null is scenario_invalid, as a run of such a document is', () => {
    expect(parseScenarioConfig(null as never)).toEqual({ ok: false, error: { code: 'scenario_invalid', message: 'a scenario must be a JSON object with merchants and commands' } });
  });

  it('checkJournalLength given a count that is not a whole number throws a TypeError saying what to pass, rather than report a cut file', () => {
    expect(() => checkJournalLength('2' as never, 2)).toThrow(new TypeError('checkJournalLength: expected must be the count headerEntryCount gave (a whole number, 0 or more) or undefined, not "2"'));
    expect(() => checkJournalLength(2, Number.NaN)).toThrow(TypeError);
    // Review 151: a negative count said "the file was cut after entry -1".
    expect(() => checkJournalLength(1, -1)).toThrow(new TypeError('checkJournalLength: read must be the number of entries read (a whole number, 0 or more), not -1'));
    expect(() => checkJournalLength(-1, 0)).toThrow(TypeError);
    expect(checkJournalLength(2, 2)).toEqual({ ok: true, value: undefined });
  });
});
