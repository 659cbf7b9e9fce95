import type { Change } from './change.js';
import type { LedgerEvent } from './ledger-event.js';
import type { Posting } from './posting.js';

/** The command an entry came from, as much as replay needs (idempotency survives a replay). */
export interface CommandReference {
  /** The command's op, e.g. `payment.create`. */
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
  /** When it happened, as the command said (ISO 8601, UTC). */
  readonly at: string;
  readonly command: CommandReference;
  /** The payment it concerns, if any. */
  readonly payment?: string | undefined;
  readonly changes: readonly Change[];
  readonly postings: readonly Posting[];
  readonly events: readonly LedgerEvent[];
}

/** An entry before the engine numbers and dates it: what a flow's `decide` returns. */
export interface EntryDraft {
  readonly payment?: string;
  readonly changes: readonly Change[];
  readonly postings: readonly Posting[];
  readonly events: readonly LedgerEvent[];
}
