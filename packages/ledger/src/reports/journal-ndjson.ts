import type { LedgerConfig } from '../engine/ledger-config.js';
import type { Entry } from '../journal/entry.js';
import type { Posting } from '../journal/posting.js';

/** The first line of a journal export: what it is, its format version, and the configuration. */
export interface JournalHeader {
  readonly kanjo_journal: 1;
  readonly config: LedgerConfig;
}

/**
 * A posting as one NDJSON line stores it: `[account, currency, amount, recordType]`. The
 * merchant is implied by a `Liabilities:Merchants:<id>` account. Postings are most of a
 * journal's bytes, and tuples halve them (and the time to parse them).
 */
export type CompactPosting = readonly [account: string, currency: string, amount: number, recordType: Posting['recordType']];

/**
 * The journal as NDJSON (one JSON document a line): a {@link JournalHeader} line, then one entry
 * per line in sequence order, postings as {@link CompactPosting} tuples. Self-contained:
 * `kanjo reconcile` replays it without the scenario.
 */
export function* journalNdjsonLines(config: LedgerConfig, journal: Iterable<Entry>): Generator<string> {
  const header: JournalHeader = { kanjo_journal: 1, config };
  yield `${JSON.stringify(header)}\n`;
  for (const entry of journal) {
    const postings: CompactPosting[] = entry.postings.map((posting) => [posting.account, posting.currency, posting.amount, posting.recordType]);
    yield `${JSON.stringify({ ...entry, postings })}\n`;
  }
}
