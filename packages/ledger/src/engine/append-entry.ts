import { applyEntry } from '../journal/apply-entry.js';
import type { Entry } from '../journal/entry.js';
import type { LedgerState } from './ledger-state.js';

/**
 * Why each ledger whose fold stopped part-way refuses every further command. Kept beside the
 * state rather than in it: `LedgerState` is a public type, and this is the engine's own mark.
 */
const broken = new WeakMap<object, string>();

/**
 * Folds an entry the engine decided into the state and appends it to the journal.
 *
 * The fold writes into the state in place (copying it would cost every command) and cannot be
 * undone. The state's read-only type stops a write from TypeScript, but not `Object.freeze`
 * (immer- or redux-style deep freezing does it), and a frozen payment or balance list makes the
 * fold throw part-way. So the journal, the ledger's record, is checked first: frozen, nothing
 * has changed when this throws. A throw inside the fold or the append (a journal whose length
 * was made read-only) leaves a state no replay gives, so the ledger is marked and refuses every
 * further command ({@link refuseIfBroken}); the journal does not hold the entry, and a ledger
 * rebuilt from it is whole.
 */
export function appendEntry(state: LedgerState, entry: Entry, at: number): void {
  if (!Object.isExtensible(state.journal)) {
    throw new TypeError(`this ledger's journal was frozen or sealed from outside and cannot take entry ${entry.seq} (${entry.command.op}): nothing was posted; leave ledger.journal unfrozen, or rebuild the ledger from its journal (replayJournal) to go on`);
  }
  try {
    applyEntry(state, entry, at);
    // Inside: a journal made read-only another way (its length not writable) passes the check
    // above and throws here, with the state already folded.
    state.journal.push(entry);
  } catch (error) {
    const reason = `this ledger's state or journal was changed from outside (${(error as Error).message}), and appending entry ${entry.seq} (${entry.command.op}) stopped part-way`;
    broken.set(state, `${reason}: its state is incomplete, so it executes nothing more; rebuild it from its journal (replayJournal), which does not hold that entry, and leave ledger.state and ledger.journal as they are`);
    throw new Error(`${reason}: the command was not appended, and the ledger executes nothing more; rebuild it from its journal (replayJournal), and leave ledger.state and ledger.journal as they are`);
  }
}

/** Throws when a fold into `state` stopped part-way (see {@link appendEntry}). */
export function refuseIfBroken(state: object): void {
  const reason = broken.get(state);
  if (reason !== undefined) throw new Error(reason);
}
