import { postedBalance, type LedgerState } from '../engine/ledger-state.js';
import { localDayOf } from '../payouts/calendar-date.js';
import type { Entry } from './entry.js';

/**
 * What every merchant balance had earned (all it ever received less all it gave back, payouts
 * left out) at the start of each local day on which it moved, kept while a journal is replayed.
 * A settlement run pays what a balance held at the end of a period, and a period ends at a local
 * midnight, so one mark per balance per day it moved answers every period end without the
 * journal: a streaming reconciliation keeps none, and the engine reads the journal backwards
 * instead (`decideRunSettlement`). Memory grows with the days each balance moved on, not with
 * the entries.
 */
export class DayStartBalances {
  readonly #offsetMinutes: number;
  readonly #byMerchant = new Map<string, Map<string, BalanceMarks>>();

  /** @param offsetMinutes - the configuration's time zone, minutes east of UTC. */
  constructor(offsetMinutes: number) {
    this.#offsetMinutes = offsetMinutes;
  }

  /**
   * Notes an entry that is about to be applied: `state` is still the one before it, and `at`
   * is its time, never before the previous entry's.
   */
  note(state: LedgerState, entry: Entry, at: number): void {
    let day: number | undefined;
    // An entry's postings on one balance mostly come together: look its marks up once for a run of them.
    let merchant: string | undefined;
    let currency: string | undefined;
    let marks: BalanceMarks | undefined;
    for (const posting of entry.postings) {
      if (posting.merchant === undefined) continue;
      if (posting.merchant !== merchant || posting.currency !== currency) {
        merchant = posting.merchant;
        currency = posting.currency;
        marks = this.#marksOf(merchant, currency);
        day ??= localDayOf(at, this.#offsetMinutes);
        if (marks.lastDay !== day) {
          // The first movement of the day: what the balance had earned before it.
          marks.lastDay = day;
          marks.times.push(at);
          marks.earnedBefore.push(postedBalance(state, merchant, currency) + marks.paidOut);
        }
      }
      // A payout is a debit: its posting on the merchant's account is positive.
      if (posting.recordType === 'Payout') (marks as BalanceMarks).paidOut += posting.amount;
    }
  }

  /**
   * What a settlement run takes as the balance at a period's end: what the balance held at
   * `endsAt` (a local midnight, the period's exclusive end) less the payouts posted since,
   * as `decideRunSettlement` reads it from the journal. Asked before the run's entry is noted.
   */
  balanceAtEnd(state: LedgerState, merchant: string, currency: string, endsAt: number): number {
    const marks = this.#byMerchant.get(merchant)?.get(currency);
    if (marks === undefined) return postedBalance(state, merchant, currency);
    // The first day the balance moved on at or after endsAt: every movement before it was before endsAt.
    const { times } = marks;
    let low = 0;
    let high = times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((times[middle] as number) < endsAt) low = middle + 1;
      else high = middle;
    }
    const earned = low < times.length ? (marks.earnedBefore[low] as number) : postedBalance(state, merchant, currency) + marks.paidOut;
    return earned - marks.paidOut;
  }

  #marksOf(merchant: string, currency: string): BalanceMarks {
    let byCurrency = this.#byMerchant.get(merchant);
    if (byCurrency === undefined) this.#byMerchant.set(merchant, (byCurrency = new Map()));
    let marks = byCurrency.get(currency);
    if (marks === undefined) byCurrency.set(currency, (marks = { lastDay: Number.NaN, paidOut: 0, times: [], earnedBefore: [] }));
    return marks;
  }
}

/** One merchant balance in one currency, as {@link DayStartBalances} keeps it. */
interface BalanceMarks {
  /** The local day of the last entry that moved the balance (NaN before the first). */
  lastDay: number;
  /** Every payout posted so far, in minor units. */
  paidOut: number;
  /** The time of the first entry of each local day the balance moved on, ascending. */
  readonly times: number[];
  /** What the balance had earned (posted plus paid out) just before each of those entries. */
  readonly earnedBefore: number[];
}
