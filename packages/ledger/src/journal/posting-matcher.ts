import { echoed } from '../engine/message-text.js';
import type { Posting } from './posting.js';
import type { AccountRef, MovementSink } from './push-movement.js';
import type { RecordType } from './record-type.js';

const NO_POSTINGS: readonly Posting[] = Object.freeze([]);

/**
 * Checks an imported entry's postings against the movements the engine writes
 * for its changes: the same postings in the same order (account, merchant, currency, amount and
 * record type each). Allocates nothing per posting: a replay checks a million captures. The
 * first difference is kept in {@link mismatch}; `at` is where the next posting is expected, so
 * the caller can require that the movements used up every posting.
 */
export class PostingMatcher implements MovementSink {
  /** The first difference, worded for a refusal, or undefined while the postings match. */
  mismatch: string | undefined;

  #postings: readonly Posting[] = [];
  /** The index of the next posting to compare. */
  at = 0;

  /**
   * Lets go of the postings when the check is done: a matcher is kept between calls, and the
   * last entry it held (a settlement run paying many merchants, a capture split among many)
   * would keep their ids after its ledger was dropped.
   */
  release(): void {
    this.#postings = NO_POSTINGS;
    this.at = 0;
    this.mismatch = undefined;
  }

  /** Starts comparing `postings` from their first (a matcher is reused: replay makes one, not one per entry). */
  reset(postings: readonly Posting[]): this {
    this.#postings = postings;
    this.at = 0;
    this.mismatch = undefined;
    return this;
  }

  move(currency: string, amount: number, recordType: RecordType, debited: AccountRef, credited: AccountRef): void {
    if (amount === 0 || this.mismatch !== undefined) return;
    this.#expect(debited, currency, amount, recordType);
    // The first difference is kept: a debit that differs is not overwritten by its credit's.
    if (this.mismatch === undefined) this.#expect(credited, currency, -amount, recordType);
  }

  /** Refuses postings left over after the movements: the engine writes nothing more. */
  end(): void {
    if (this.mismatch === undefined && this.at < this.#postings.length) {
      const extra = this.#postings[this.at] as Posting;
      this.mismatch = `posting ${this.at + 1} (${echoed(extra.amount, extra.currency)} ${extra.recordType} on ${extra.account}) is one the engine does not write`;
    }
  }

  #expect(ref: AccountRef, currency: string, amount: number, recordType: RecordType): void {
    const index = this.at;
    this.at += 1;
    const posting = this.#postings[index];
    if (posting !== undefined && posting.account === ref.account && posting.merchant === ref.merchant && posting.currency === currency && posting.amount === amount && posting.recordType === recordType) return;
    const wanted = `${echoed(amount, currency)} ${recordType} on ${ref.account}`;
    this.mismatch =
      posting === undefined
        ? `posting ${index + 1} is missing: the engine posts ${wanted}`
        : `posting ${index + 1} is ${echoed(posting.amount, posting.currency)} ${posting.recordType} on ${posting.account}, where the engine posts ${wanted}`;
  }
}
