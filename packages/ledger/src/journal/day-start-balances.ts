import type { LedgerStateView } from '../engine/ledger-state.js';
import { localDayOf, startOfNextLocalDay } from '../payouts/calendar-date.js';
import type { Entry } from './entry.js';

/**
 * What every merchant balance had earned (all it ever received less all it gave back, payouts
 * left out) at the start of each local day of a journal, kept while the journal is replayed.
 * A settlement run pays what a balance held at the end of a period, and a period ends at a local
 * midnight, so the day starts answer every period end without the journal: a streaming
 * reconciliation keeps none, and the engine reads the journal backwards instead
 * (`decideRunSettlement`).
 *
 * Nothing is done per posting as an entry is noted. When an entry opens a new day, the balances
 * that may have moved since the last day start are compared with their last marks and marked
 * again only if they did move: memory grows with the days each balance moved on. Which
 * balances to compare is the cheaper of two sets that both hold every balance that moved:
 * every balance (a scan), or those the day's entries posted on (a walk of the entries, kept
 * only while there are fewer of them than an eighth of the merchants with a balance). So a day
 * costs at most what its entries cost, and a configuration of many merchants of which few move
 * a day is not scanned whole every day.
 */
export class DayStartBalances {
  readonly #offsetMinutes: number;
  /** The time of each entry that opened a local day, the journal's first included, ascending. */
  readonly #dayStarts: number[] = [];
  /** The first instant of the day after the last entry's (NaN before the first entry). */
  #nextDayAt = Number.NaN;
  readonly #byMerchant = new Map<string, Map<string, BalanceMarks>>();
  /** The entries noted since the last day start, or undefined once a scan is cheaper than walking them. */
  #dayEntries: Entry[] | undefined = [];

  /** @param offsetMinutes - the configuration's time zone, minutes east of UTC. */
  constructor(offsetMinutes: number) {
    this.#offsetMinutes = offsetMinutes;
  }

  /**
   * Notes an entry that is about to be applied: `state` is still the one before it, and `at`
   * is its time, never before the previous entry's.
   */
  note(state: LedgerStateView, entry: Entry, at: number): void {
    if (at >= this.#nextDayAt) this.#markDayStart(state, at);
    else if (Number.isNaN(this.#nextDayAt)) this.#startDay(at); // the first day: every balance is 0, which needs no mark
    if (this.#dayEntries !== undefined) {
      if (this.#dayEntries.length * ENTRIES_PER_SCAN < state.balances.size) this.#dayEntries.push(entry);
      else this.#dayEntries = undefined;
    }
    for (const change of entry.changes) {
      if (change.kind === 'payout_period_settled' && change.amount !== 0) this.#marksOf(change.merchant, change.currency).paidOut += BigInt(change.amount);
    }
  }

  /**
   * What a settlement run takes as the balance at a period's end: what the balance held at
   * `endsAt` (a local midnight, the period's exclusive end) less the payouts posted since,
   * as `decideRunSettlement` reads it from the journal. Asked before the run's entry is noted.
   * Exact: past a safe integer (only far below 0, since a balance never exceeds one) a run
   * pays 0 either way, but a message writes the amount.
   */
  exactBalanceAtEnd(state: LedgerStateView, merchant: string, currency: string, endsAt: number): bigint {
    const posted = state.balances.get(merchant)?.get(currency) ?? 0;
    const marks = this.#byMerchant.get(merchant)?.get(currency);
    const paidOut = marks?.paidOut ?? 0n;
    // The first day started at or after endsAt: nothing moved between endsAt and its first entry.
    const day = firstAtOrAfter(this.#dayStarts, endsAt);
    if (day === this.#dayStarts.length) return BigInt(posted); // no entry since endsAt: the balance now
    // A balance first moved after that day started has no marks: it had earned 0.
    if (marks === undefined) return 0n;
    // What the balance had earned then is its last mark up to that day (0 before its first).
    const mark = firstAtOrAfter(marks.days, day + 1) - 1;
    return (mark < 0 ? 0n : (marks.earned[mark] as bigint)) - paidOut;
  }

  /** The entry at `at` opens a local day: returns the day's index. */
  #startDay(at: number): number {
    this.#dayStarts.push(at);
    this.#nextDayAt = startOfNextLocalDay(localDayOf(at, this.#offsetMinutes), this.#offsetMinutes);
    return this.#dayStarts.length - 1;
  }

  /** A new day starts with the entry at `at`: marks every balance that moved since its last mark. */
  #markDayStart(state: LedgerStateView, at: number): void {
    const day = this.#startDay(at);
    const entries = this.#dayEntries;
    this.#dayEntries = [];
    if (entries === undefined) {
      for (const [merchant, byCurrency] of state.balances) {
        for (const [currency, posted] of byCurrency) this.#mark(merchant, currency, posted, day);
      }
      return;
    }
    for (const entry of entries) {
      for (const posting of entry.postings) {
        if (posting.merchant !== undefined) this.#mark(posting.merchant, posting.currency, state.balances.get(posting.merchant)?.get(posting.currency) ?? 0, day);
      }
    }
  }

  /** Marks a balance at the start of `day` if it earned anything since its last mark (a second look the same day finds nothing new). */
  #mark(merchant: string, currency: string, posted: number, day: number): void {
    const marks = this.#marksOf(merchant, currency);
    const earned = BigInt(posted) + marks.paidOut;
    if (earned === (marks.earned.length === 0 ? 0n : marks.earned[marks.earned.length - 1])) return;
    marks.days.push(day);
    marks.earned.push(earned);
  }

  #marksOf(merchant: string, currency: string): BalanceMarks {
    let byCurrency = this.#byMerchant.get(merchant);
    if (byCurrency === undefined) this.#byMerchant.set(merchant, (byCurrency = new Map()));
    let marks = byCurrency.get(currency);
    if (marks === undefined) byCurrency.set(currency, (marks = { paidOut: 0n, days: [], earned: [] }));
    return marks;
  }
}

/** A day's entries are walked while there are fewer than an eighth of the merchants with a balance; past that, a scan is cheaper. */
const ENTRIES_PER_SCAN = 8;

/**
 * One merchant balance in one currency, as {@link DayStartBalances} keeps it. The totals are
 * BigInts: a balance is always a safe integer, but what it earns and pays out over time is
 * not bounded by that (two payments of 5e15 with a payout between pass 2^53), and a total
 * rounded there would put the balance at a period's end a unit off.
 */
interface BalanceMarks {
  /** Every payout posted so far, in minor units. */
  paidOut: bigint;
  /** The days (indexes into the day starts) at whose start the balance had moved since its last mark, ascending. */
  readonly days: number[];
  /** What the balance had earned (posted plus paid out) at the start of each of those days. */
  readonly earned: bigint[];
}

/** The index of the first of `sorted` that is at least `value` (its length when none is). */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
