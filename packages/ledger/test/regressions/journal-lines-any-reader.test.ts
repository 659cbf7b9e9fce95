import { CompactEntryDecoder, journalNdjsonLines, parseJournalEntry, replayJournal, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, marketplaceSession } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// A reconciliation script reads the NDJSON journal line by line, and not every reader splits
// lines only at "\n": Python's str.splitlines() (and io's universal newlines for some of them)
// also splits at U+0085, U+2028 and U+2029, which JSON.stringify leaves raw. A session's metadata
// (or external ids) holding one split an entry in two for such a reader. The journal escapes
// them: still the same JSON values, and every entry one line for every reader.

/** Line breaks as Python's str.splitlines() knows them. */
const ANY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

const metadata = { note: 'line\u2028two', other: 'next\u0085line', third: 'para\u2029graph' };
const live = ledgerAfter([goldenPayment('pay_1'), marketplaceSession('ses_1', { metadata, externalOrderNum: 'order\u2028 7' })]);

describe.each(['compact', 'objects'] as const)('the %s journal with U+0085, U+2028 and U+2029 in a session', (format) => {
  const text = [...journalNdjsonLines(CONFIG, live.journal, format)].join('');

  it('has one line per entry plus the header for a reader that splits at every Unicode line break', () => {
    expect(text.split(ANY_LINE_BREAK)).toHaveLength(live.journal.length + 2); // the last is '' after the final \n
    expect(text).not.toMatch(/[\x85\u2028\u2029]/);
  });

  it('reads back to the same entries, metadata included, and replays to the live state', () => {
    const lines = text.split('\n').slice(0, -1);
    let entries: Entry[];
    if (format === 'compact') {
      const decoder = CompactEntryDecoder.fromHeader(JSON.parse(lines[0]!));
      if (!decoder.ok) throw new Error(decoder.error.message);
      entries = lines.slice(1).map((line, index) => {
        const decoded = decoder.value.decoder.decodeText(line, index + 2);
        if (!decoded.ok) throw new Error(decoded.error.message);
        return decoded.value;
      });
    } else {
      entries = lines.slice(1).map((line, index) => {
        const parsed = parseJournalEntry(JSON.parse(line), index + 2);
        if (!parsed.ok) throw new Error(parsed.error.message);
        return parsed.value;
      });
    }
    expect(entries).toEqual(live.journal);
    const replayed = replayJournal(CONFIG, entries);
    expect(replayed.ok && replayed.value.state.sessions.get('ses_1')?.metadata).toEqual(metadata);
  });
});
