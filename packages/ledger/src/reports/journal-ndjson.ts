import type { LedgerConfig } from '../engine/ledger-config.js';
import { readConfigOnce } from '../merchants/read-config-once.js';
import { resolveConfig } from '../merchants/resolve-config.js';
import { quoted } from '../engine/message-text.js';
import { refuseJournalText } from '../journal/refuse-journal-text.js';
import { compactJournalLines } from '../journal/compact-journal-format.js';
import type { Entry } from '../journal/entry.js';
import type { Posting } from '../journal/posting.js';
import { lineSafeJson } from '../journal/line-safe-json.js';

/** The first line of a journal in the first (object) format: its version and the configuration. */
export interface JournalHeader {
  /** Format version: 1 for this object format (2 is the compact one, `CompactJournalHeader`). */
  readonly kanjo_journal: 1;
  /**
   * How many entry lines follow (written since 2026-12-02): `kanjo reconcile` refuses a journal
   * holding fewer or more (`journal_length_mismatch`). A header without it is not checked, so a
   * service may write a header without it and append entries as they come.
   */
  readonly entries?: number;
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
 * The journal as NDJSON (one JSON document a line): a header line with the configuration and
 * the number of entries (which `kanjo reconcile` checks: a journal cut between two entries is
 * refused), then one entry per line in sequence order. Self-contained: `kanjo reconcile`
 * replays it without the scenario. The default `compact` format (see `CompactJournalHeader`)
 * is what reconcile reads fastest; `objects` writes each entry as a readable JSON object
 * (postings as {@link CompactPosting} tuples), for people and for tools that want to `jq`
 * through it. The configuration is written as `createLedger` reads it: a class instance's
 * fields answered by its prototype (getters) are written too. It is the journal as it was when
 * the first line was asked for: commands the ledger executes while the lines are written (a
 * service awaiting each write) are not in it, and the export stays whole.
 *
 * @throws TypeError, when the first line is asked for, for a format other than `compact` or
 * `objects`, or a configuration `createLedger` refuses (nothing, or `ledger.state.config`,
 * whose merchants are a Map): either would write a journal that cannot be read back.
 */
export function* journalNdjsonLines(config: LedgerConfig, journal: Iterable<Entry>, format: JournalFormat = 'compact'): Generator<string> {
  // Read as createLedger reads it: JSON.stringify of a class instance would leave out the fields
  // it answers from its prototype (a getter's refundRequestFee, taxRate or book), and a ledger
  // rebuilt from the header would run under other settings. Plain data is copied as it is.
  // Misuse from code, named now rather than found when the file is read back: a format this
  // would write as compact, or a configuration no ledger could be created with (nothing, or
  // `ledger.state.config`, whose merchants are a Map that JSON writes as {}).
  if (format !== 'compact' && format !== 'objects') throw new TypeError(`journalNdjsonLines: format must be 'compact' or 'objects', not ${quoted(format)}`);
  refuseJournalText(journal, 'journalNdjsonLines');
  const written = readConfigOnce(config);
  const usable = resolveConfig(written);
  if (!usable.ok) {
    throw new TypeError(`journalNdjsonLines: pass the configuration the ledger was created with (createLedger's argument); this one is refused: ${usable.error.code}: ${usable.error.message}`);
  }
  if (format === 'objects') {
    // The header counts the entries: they are gathered first (references, not copies).
    const entries = Array.isArray(journal) ? (journal as readonly Entry[]) : [...journal];
    // Those there are now: a live journal may grow between two lines (see compactJournalLines).
    const count = entries.length;
    const header: JournalHeader = { kanjo_journal: 1, entries: count, config: written };
    yield `${lineSafeJson(header)}\n`;
    for (let index = 0; index < count; index += 1) {
      const entry = entries[index] as Entry;
      // `Array.from`, not `map`: see CompactJournalTables.encodeEntry.
      const postings: CompactPosting[] = Array.from(entry.postings, (posting) => [posting.account, posting.currency, posting.amount, posting.recordType]);
      yield `${lineSafeJson({ ...entry, postings })}\n`;
    }
    return;
  }
  // The header lists every table the entries use: the entries are walked more than once.
  yield* compactJournalLines(written, Array.isArray(journal) ? (journal as readonly Entry[]) : [...journal]);
}
