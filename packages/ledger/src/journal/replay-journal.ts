import { accept, reject, type Result } from '@kanjo/splits';
import type { LedgerConfig } from '../engine/ledger-config.js';
import { createLedger, type Ledger } from '../engine/ledger.js';
import { applyEntry } from './apply-entry.js';
import { unbalancedCurrency } from './assert-entry-balanced.js';
import type { Entry } from './entry.js';

/**
 * Rebuilds a ledger from its configuration and journal by folding every entry, in order, with
 * the same apply step the live engine uses: the state it gives equals the live one. Checks on
 * the way that sequence numbers run 1, 2, 3… and that every entry balances per currency;
 * the first broken entry is named in the rejection.
 */
export function replayJournal(config: LedgerConfig, entries: Iterable<Entry>): Result<Ledger> {
  const created = createLedger(config);
  if (!created.ok) return created;
  const ledger = created.value;
  let expected = 1;
  for (const entry of entries) {
    if (entry.seq !== expected) {
      return reject('journal_sequence_broken', `entry ${entry.seq} follows entry ${expected - 1}: sequence numbers must run without gaps`);
    }
    const unbalanced = unbalancedCurrency(entry);
    if (unbalanced !== undefined) {
      return reject('journal_entry_unbalanced', `entry ${entry.seq}: its ${unbalanced.currency} postings sum to ${unbalanced.sum}, not 0`);
    }
    try {
      applyEntry(ledger.state, entry);
    } catch (error) {
      return reject('journal_entry_inapplicable', `entry ${entry.seq} cannot be applied: ${(error as Error).message}`);
    }
    expected += 1;
  }
  return accept(ledger);
}
