import type { LedgerConfig } from '../engine/ledger-config.js';
import { compactJournalLines } from '../journal/compact-journal-format.js';
import type { Entry } from '../journal/entry.js';
import type { Posting } from '../journal/posting.js';
import { lineSafeJson } from '../journal/line-safe-json.js';

/** The first line of a journal in the first (object) format: its version and the configuration. */
export interface JournalHeader {
  /** Format version: 1 for this object format (2 is the compact one, `CompactJournalHeader`). */
  readonly kanjo_journal: 1;
  /** The configuration the journal was written with: replay creates its ledger from it. */
  readonly config: LedgerConfig;
}

/**
 * A posting as the object format stores it: `[account, currency, amount, recordType]`. The
 * merchant is implied by a `Liabilities:Merchants:<id>` account.
 */
export type CompactPosting = readonly [account: string, currency: string, amount: number, recordType: Posting['recordType']];

/** Which line format {@link journalNdjsonLines} writes. */
export type JournalFormat = 'compact' | 'objects';

/**
 * The journal as NDJSON (one JSON document a line): a header line with the configuration, then
 * one entry per line in sequence order. Self-contained: `kanjo reconcile` replays it without
 * the scenario. The default `compact` format (see `CompactJournalHeader`) is what reconcile
 * reads fastest; `objects` writes each entry as a readable JSON object (postings as
 * {@link CompactPosting} tuples), for people and for tools that want to `jq` through it.
 */
export function* journalNdjsonLines(config: LedgerConfig, journal: Iterable<Entry>, format: JournalFormat = 'compact'): Generator<string> {
  if (format === 'objects') {
    const header: JournalHeader = { kanjo_journal: 1, config };
    yield `${lineSafeJson(header)}\n`;
    for (const entry of journal) {
      // `Array.from`, not `map`: see CompactJournalTables.encodeEntry.
      const postings: CompactPosting[] = Array.from(entry.postings, (posting) => [posting.account, posting.currency, posting.amount, posting.recordType]);
      yield `${lineSafeJson({ ...entry, postings })}\n`;
    }
    return;
  }
  // The header lists every table the entries use: the entries are walked more than once.
  yield* compactJournalLines(config, Array.isArray(journal) ? (journal as readonly Entry[]) : [...journal]);
}
