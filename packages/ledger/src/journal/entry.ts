import type { Change } from './change.js';
import type { LedgerEvent } from './ledger-event.js';
import type { Posting } from './posting.js';

/** The command an entry came from, as much as replay needs (idempotency survives a replay). */
export interface CommandReference {
  /**
   * The command's op, e.g. `payment.create`: one of `CommandOp` in every entry Kanjo
   * writes. Typed `string` because entries also come in, to `replayJournal`, from a caller's
   * own reader of stored journals; an op Kanjo does not run is refused there.
   */
  readonly op: string;
  /** The caller's idempotency key, if it gave one. */
  readonly idempotencyKey?: string;
  /** A canonical form of the command, kept with a key to tell a retry from a different command. */
  readonly fingerprint?: string;
}

/**
 * One journal entry: everything one accepted command did. Never changed or removed once
 * appended; a correction is a new entry. Its postings sum to zero per currency.
 */
export interface Entry {
  /** 1, 2, 3…: contiguous, in append order. */
  readonly seq: number;
  /** When it happened: the command's `at` in UTC, as `toISOString()` writes it (2026-04-01T01:00:00.000Z); a command without `at` takes the previous entry's. */
  readonly at: string;
  /** The command it came from: its op, and its idempotency key and fingerprint when it had a key. */
  readonly command: CommandReference;
  /** The payment it concerns, if any. */
  readonly payment?: string | undefined;
  /** The state changes it records besides money (a payment captured, a request created…), folded in order by `applyEntry`. */
  readonly changes: readonly Change[];
  /** Its double-entry postings, summing to zero per currency; empty when no money moved (an authorization, a session created). */
  readonly postings: readonly Posting[];
  /** The webhook events it raised, in order; empty when none (a session created, a settlement run with nobody paid). */
  readonly events: readonly LedgerEvent[];
}

/** An entry before the engine numbers and dates it: what a flow's `decide` returns. */
export interface EntryDraft {
  /** The payment it concerns, if any: becomes {@link Entry.payment}. */
  readonly payment?: string;
  /** As {@link Entry.changes}. */
  readonly changes: readonly Change[];
  /** As {@link Entry.postings}: must sum to zero per currency. */
  readonly postings: readonly Posting[];
  /** As {@link Entry.events}. */
  readonly events: readonly LedgerEvent[];
}
