import type { LedgerConfig } from '../engine/ledger-config.js';
import type { Entry } from '../journal/entry.js';

/** The first line of a journal export: what it is, its format version, and the configuration. */
export interface JournalHeader {
  readonly kanjo_journal: 1;
  readonly config: LedgerConfig;
}

/**
 * The journal as NDJSON (one JSON document a line): a {@link JournalHeader} line, then one entry
 * per line in sequence order. Self-contained: `kanjo reconcile` replays it without the scenario.
 */
export function* journalNdjsonLines(config: LedgerConfig, journal: Iterable<Entry>): Generator<string> {
  const header: JournalHeader = { kanjo_journal: 1, config };
  yield `${JSON.stringify(header)}\n`;
  for (const entry of journal) yield `${JSON.stringify(entry)}\n`;
}
