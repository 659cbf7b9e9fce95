import { checkJournalLength, headerEntryCount } from '@kanjo/ledger';
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
