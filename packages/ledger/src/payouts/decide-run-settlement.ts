import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { RunSettlementCommand } from '../commands/command.js';
import { availableBalanceOf, periodKey, postedBalanceOf, type LedgerStateView } from '../engine/ledger-state.js';
import { PAYOUTS_ACCOUNT } from '../journal/accounts.js';
import type { Change } from '../journal/change.js';
import type { Entry, EntryDraft } from '../journal/entry.js';
import { entryTimeMillis } from '../journal/entry-time.js';
import type { LedgerEvent } from '../journal/ledger-event.js';
import type { Posting } from '../journal/posting.js';
import { merchantAccounts, outsideRef, pushMovement } from '../journal/push-movement.js';
import { formatCalendarDate, notACalendarDate, parseCalendarDate, startOfNextLocalDay, utcOffsetText } from './calendar-date.js';
import { parseHolidays } from './next-payout.js';
import { payoutAmount } from './payout-amount.js';
import { payoutsDueOn } from './payout-schedule.js';
import { quoted } from '../engine/message-text.js';

/**
 * `settlement.run` for a date (DOMAIN.md "Payouts"): every merchant with payout settings whose
 * payout day it is gets paid, for each period due that day not yet settled, what its balance
 * held at the end of that period (less payouts made since), never more than its available
 * balance now. An amount below the minimum, or negative, is carried over: the period is
 * settled with nothing paid and the money stays in the balance for the next payout. A run
 * dated (`at`) before the end of a period it would pay is rejected. Each
 * period is settled once, however often the run is repeated. When nobody is due the entry is
 * empty: the run is still recorded, so its time and idempotency key count.
 */
export function decideRunSettlement(state: LedgerStateView, command: RunSettlementCommand, at: number): LedgerResult<EntryDraft> {
  const day = parseCalendarDate(command.date);
  if (day === undefined) return reject('date_invalid', `date ${quoted(command.date)} ${notACalendarDate(command.date)}`);
  // A run in the year 0 would pay periods of the year -1, which no YYYY-MM-DD date names.
  if (day < FIRST_DAY_OF_YEAR_1) return reject('date_invalid', `date ${quoted(command.date)} is before 0001-01-01: a run pays the periods before its date, which must have four-digit years`);
  const holidays = parseHolidays(command.holidays ?? []);
  if (!holidays.ok) return holidays;

  // Gather what is due first, so one pass over the recent journal answers every period-end
  // balance (a pass per merchant and period made a run's cost merchants × journal).
  const due: DuePeriod[] = [];
  for (const merchantId of [...state.payoutSettings.keys()].sort()) {
    if (state.config.merchants.get(merchantId)?.status !== 'active') continue; // deactivated: takes part in nothing
    const byCurrency = state.payoutSettings.get(merchantId);
    if (byCurrency === undefined) continue;
    for (const currency of [...byCurrency.keys()].sort()) {
      const settings = byCurrency.get(currency);
      if (settings === undefined) continue;
      for (const payout of payoutsDueOn(day, settings.frequency, holidays.value)) {
        const periodStart = formatCalendarDate(payout.periodStart);
        const periodEnd = formatCalendarDate(payout.periodEnd);
        if (state.settledPeriods.has(periodKey(merchantId, currency, periodStart, periodEnd))) continue;
        const endsAt = startOfNextLocalDay(payout.periodEnd, state.config.timeZoneOffsetMinutes);
        due.push({ merchant: merchantId, currency, minimumAmount: settings.minimumAmount, periodStart, periodEnd, endsAt, balanceAtEnd: 0, exact: undefined });
      }
    }
  }
  // The balance at a period's end is only known once the period has ended: a run dated earlier
  // would pay a part of the period and mark the whole of it settled.
  const open = due.find((period) => at < period.endsAt);
  if (open !== undefined) {
    return reject(
      'settlement_period_not_ended',
      `the run is dated ${new Date(at).toISOString()}, before the period ${open.periodStart} to ${open.periodEnd} it would pay for ${open.merchant} has ended at ${localMidnightAfter(open.periodEnd, state.config.timeZoneOffsetMinutes)} (${new Date(open.endsAt).toISOString()} in UTC): date the run (at) at or after that`,
    );
  }
  balancesAtPeriodEnds(state, due);

  const changes: Change[] = [];
  const postings: Posting[] = [];
  const events: LedgerEvent[] = [];
  const paidThisRun = new Map<string, number>();
  const accounts = merchantAccounts(state.config);
  for (const period of due) {
    const key = `${period.merchant} ${period.currency}`;
    const paidBefore = paidThisRun.get(key) ?? 0;
    const paid = payoutAmount(period.balanceAtEnd, availableBalanceOf(state, period.merchant, period.currency), paidBefore, period.minimumAmount);
    changes.push({ kind: 'payout_period_settled', merchant: period.merchant, currency: period.currency, periodStart: period.periodStart, periodEnd: period.periodEnd, amount: paid });
    if (paid > 0) {
      pushMovement(postings, period.currency, paid, 'Payout', accounts.of(period.merchant), outsideRef(PAYOUTS_ACCOUNT));
      events.push({ type: 'settlement.created', merchant: period.merchant, amount: paid, currency: period.currency });
      paidThisRun.set(key, paidBefore + paid);
    }
  }
  return accept({ changes, postings, events });
}

/** 0001-01-01 as a day number. */
const FIRST_DAY_OF_YEAR_1 = -719_162;

/** A payout period due in this run, and what its merchant's balance held at its end. */
interface DuePeriod {
  readonly merchant: string;
  readonly currency: string;
  readonly minimumAmount: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The first instant after the period (exclusive end). */
  readonly endsAt: number;
  /** Filled in by balancesAtPeriodEnds. */
  balanceAtEnd: number;
  /**
   * The running balance while balancesAtPeriodEnds has it outside the safe integers. A field of
   * its own from the start, undefined: left out, a field `exact` another library set on
   * Object.prototype would be read as the period's balance and paid out.
   */
  exact: bigint | undefined;
}

/**
 * Fills in, for every due period at once, what its merchant's balance held at the period's
 * end, less the payouts posted after that end (they paid out money the period-end balance
 * still counts): the posted balance now, less what every later entry other than a payout
 * added. Entry times never go back along the journal, so only the entries since the earliest
 * period end are read, newest first; a run shortly after its periods end reads a few days of
 * entries, not the whole journal (a run per day over a long journal was quadratic).
 */
function balancesAtPeriodEnds(state: LedgerStateView, due: DuePeriod[]): void {
  if (due.length === 0) return;
  const byAccount = new Map<string, DuePeriod[]>();
  let earliestEnd = Number.POSITIVE_INFINITY;
  for (const period of due) {
    period.balanceAtEnd = postedBalanceOf(state, period.merchant, period.currency);
    earliestEnd = Math.min(earliestEnd, period.endsAt);
    const key = `${period.merchant} ${period.currency}`;
    const list = byAccount.get(key);
    if (list === undefined) byAccount.set(key, [period]);
    else list.push(period);
  }
  const journal = state.journal;
  for (let index = journal.length - 1; index >= 0; index -= 1) {
    const entry = journal[index] as Entry;
    const at = entryTimeMillis(entry.at);
    // Every entry from here back is before every due period's end.
    if (at < earliestEnd) break;
    for (const posting of entry.postings) {
      if (posting.merchant === undefined || posting.recordType === 'Payout') continue;
      const periods = byAccount.get(`${posting.merchant} ${posting.currency}`);
      if (periods === undefined) continue;
      // endsAt is the first instant of the next day: an entry at that instant is after it.
      // A merchant account is a liability: the posting took -amount from the balance.
      for (const period of periods) if (at >= period.endsAt) undo(period, posting.amount);
    }
  }
  for (const period of due) if (period.exact !== undefined) period.balanceAtEnd = Number(period.exact);
}

/**
 * Takes a later posting back out of a period's running balance. A balance is always a safe
 * integer, but the running figure is not: undoing a refund's debit before its Platform Fee
 * Return deposit can pass 2^53 for a moment, where a double rounds an odd number. The figure
 * is kept as a number while it stays a safe integer (the sum of two safe integers is exact
 * then) and as a BigInt from the first step that leaves them.
 */
function undo(period: DuePeriod, amount: number): void {
  if (period.exact !== undefined) {
    period.exact += BigInt(amount);
    return;
  }
  const next = period.balanceAtEnd + amount;
  if (Number.isSafeInteger(next)) period.balanceAtEnd = next;
  else period.exact = BigInt(period.balanceAtEnd) + BigInt(amount);
}

/**
 * The midnight that ends a period's last day, in the ledger's time zone (`2026-01-10T00:00+09:00`):
 * the period's dates are local, so its end is named in the same zone, beside the UTC instant.
 */
function localMidnightAfter(periodEnd: string, offsetMinutes: number): string {
  const lastDay = parseCalendarDate(periodEnd);
  return `${lastDay === undefined ? periodEnd : formatCalendarDate(lastDay + 1)}T00:00${utcOffsetText(offsetMinutes)}`;
}
