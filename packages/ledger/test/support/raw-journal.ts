import { replayJournal, type Command, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { CONFIG } from './fixtures.js';
import { ledgerAfter } from './ledger-harness.js';

/** A journal entry as plain, editable JSON: how a test tampers with an exported journal. */
export type RawEntry = { seq: number; changes: Record<string, any>[]; postings: Record<string, any>[] };

/** The faithful journal of `commands` (on the shared fixture), as plain editable JSON. */
export function rawJournalOf(commands: readonly Command[], config: LedgerConfig = CONFIG): RawEntry[] {
  return JSON.parse(JSON.stringify(ledgerAfter(commands, config).state.journal)) as RawEntry[];
}

/** What replaying `entries` says: `accepted`, or the rejection as `code: message`. */
export function replayOutcome(entries: readonly RawEntry[], config: LedgerConfig = CONFIG): string {
  const result = replayJournal(config, entries as unknown as Entry[]);
  return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
}
