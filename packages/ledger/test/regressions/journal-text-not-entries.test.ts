import { journalNdjsonLines, merchantRecords, merchantStatementCsv, merchantStatementsCsv, merchantStatementsCsvLines, replayJournal } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Review 175: a journal's text passed where its entries are asked for (from JavaScript,
// `readFileSync(path, 'utf8')`) is iterable as characters. An empty file replayed as an empty
// ledger, { ok: true }, and journalNdjsonLines wrote a header of 0 entries; other text was
// refused as if its first character were a broken entry. Each now throws a TypeError saying
// to read the lines first. A report of entries whose amounts are not numbers showed them as 0.

const asEntries = (text: unknown) => text as Parameters<typeof replayJournal>[1];
const READ_FIRST = 'read them first, with CompactEntryDecoder (the compact format, kanjo run\'s default) or, for the objects format, parseJournalEntry(JSON.parse(line), lineNumber) of each line after the header';
const TEXT_REFUSED = `: the journal must be its entries, not its text: ${READ_FIRST}`;

describe('a journal\'s text where its entries are asked for', () => {
  it('replayJournal refuses it, the empty text too, rather than replay it as an empty journal', () => {
    expect(() => replayJournal(CONFIG, asEntries(''))).toThrow(new TypeError(`replayJournal${TEXT_REFUSED}`));
    expect(() => replayJournal(CONFIG, asEntries('{"kanjo_journal":1}\n'))).toThrow(new TypeError(`replayJournal${TEXT_REFUSED}`));
    expect(() => replayJournal(CONFIG, asEntries(new String('')))).toThrow(TypeError);
  });

  it('journalNdjsonLines and merchantRecords refuse it too', () => {
    expect(() => [...journalNdjsonLines(CONFIG, asEntries(''))]).toThrow(new TypeError(`journalNdjsonLines${TEXT_REFUSED}`));
    expect(() => merchantRecords(asEntries(''))).toThrow(new TypeError(`merchantRecords${TEXT_REFUSED}`));
  });

  it('a file read without an encoding (a Buffer) is refused as bytes; a statement function names itself (review 177)', () => {
    const bytes = Buffer.from('{"kanjo_journal":1}\n');
    expect(() => replayJournal(CONFIG, asEntries(bytes))).toThrow(new TypeError(`replayJournal: the journal must be its entries, not its bytes: ${READ_FIRST}`));
    expect(() => merchantRecords(asEntries(new Uint8Array(0)))).toThrow(/^merchantRecords: the journal must be its entries, not its bytes/);
    expect(() => merchantStatementsCsv(asEntries('{"seq":1}'), ['pm1'])).toThrow(new TypeError(`merchantStatementsCsv${TEXT_REFUSED}`));
    expect(() => merchantStatementsCsvLines(asEntries(''), ['pm1'])).toThrow(new TypeError(`merchantStatementsCsvLines${TEXT_REFUSED}`));
    expect(() => merchantStatementCsv(asEntries(''), 'pm1')).toThrow(new TypeError(`merchantStatementCsv${TEXT_REFUSED}`));
  });

  it('entries go through as before', () => {
    const live = ledgerAfter([goldenPayment('pay_1')]);
    const replayed = replayJournal(CONFIG, live.journal);
    expect(replayed.ok && replayed.value.journal.length).toBe(1);
    expect(merchantRecords(live.journal)).toHaveLength(11);
  });
});

describe('a report of entries whose posting amounts are no amounts', () => {
  it('throws naming the entry and the merchant, rather than show the amount as 0', () => {
    const [entry] = ledgerAfter([goldenPayment('pay_1')]).journal;
    if (entry === undefined) throw new Error('no entry');
    for (const amount of [Number.NaN, '70', 0, 1.5]) {
      const broken = { ...entry, postings: entry.postings.map((posting) => (posting.merchant === 'pm1' ? { ...posting, amount } : posting)) };
      expect(() => merchantRecords(asEntries([broken]))).toThrow(
        new TypeError(`entry 1 has a posting on "pm1" whose amount is ${typeof amount === 'string' ? `"${amount}"` : String(amount)}: a posting's amount is a non-zero whole number of minor units; read stored journals with parseJournalEntry or CompactEntryDecoder, which check it`),
      );
    }
  });
});
