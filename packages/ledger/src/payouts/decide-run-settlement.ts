import { accept, reject, type Result } from '@kanjo/splits';
import type { RunSettlementCommand } from '../commands/command.js';
import { availableBalance, periodKey, type LedgerState } from '../engine/ledger-state.js';
import { PAYOUTS_ACCOUNT } from '../journal/accounts.js';
import type { Change } from '../journal/change.js';
import type { Entry, EntryDraft } from '../journal/entry.js';
import type { LedgerEvent } from '../journal/ledger-event.js';
import type { Posting } from '../journal/posting.js';
import { merchantRef, outsideRef, pushMovement } from '../journal/push-movement.js';
import { formatCalendarDate, parseCalendarDate, startOfNextLocalDay } from './calendar-date.js';
import { parseHolidays } from './next-payout.js';
import { payoutsDueOn } from './payout-schedule.js';

/**
 * `settlement.run` for a date (DOMAIN.md "Payouts"): every merchant with payout settings whose
 * payout day it is gets paid, for each period due that day not yet settled, what its balance
 * held at the end of that period (less payouts made since), never more than its available
 * balance now. An amount below the minimum, or negative, is carried over: the period is
 * settled with nothing paid and the money stays in the balance for the next payout. Each
 * period is settled once, however often the run is repeated. When nobody is due the entry is
 * empty: the run is still recorded, so its time and idempotency key count.
 */
export function decideRunSettlement(state: LedgerState, command: RunSettlementCommand): Result<EntryDraft> {
  const day = parseCalendarDate(command.date);
  if (day === undefined) return reject('date_invalid', `date ${JSON.stringify(command.date)} is not a YYYY-MM-DD date`);
  const holidays = parseHolidays(command.holidays ?? []);
  if (!holidays.ok) return holidays;

  const changes: Change[] = [];
  const postings: Posting[] = [];
  const events: LedgerEvent[] = [];
  const merchants = [...state.payoutSettings.keys()].sort();
  for (const merchantId of merchants) {
    if (state.config.merchants.get(merchantId)?.status !== 'active') continue; // deactivated: takes part in nothing
    const byCurrency = state.payoutSettings.get(merchantId);
    if (byCurrency === undefined) continue;
    for (const currency of [...byCurrency.keys()].sort()) {
      const settings = byCurrency.get(currency);
      if (settings === undefined) continue;
      let paidThisRun = 0;
      for (const due of payoutsDueOn(day, settings.frequency, holidays.value)) {
        const periodStart = formatCalendarDate(due.periodStart);
        const periodEnd = formatCalendarDate(due.periodEnd);
        if (state.settledPeriods.has(periodKey(merchantId, currency, periodStart, periodEnd))) continue;
        const periodEndsAt = startOfNextLocalDay(due.periodEnd, state.config.timeZoneOffsetMinutes);
        const owed = balanceAtPeriodEnd(state.journal, merchantId, currency, periodEndsAt) - paidThisRun;
        const amount = Math.min(owed, availableBalance(state, merchantId, currency) - paidThisRun);
        const paid = amount > 0 && amount >= settings.minimumAmount ? amount : 0;
        changes.push({ kind: 'payout_period_settled', merchant: merchantId, currency, periodStart, periodEnd, amount: paid });
        if (paid > 0) {
          pushMovement(postings, currency, paid, 'Payout', merchantRef(merchantId), outsideRef(PAYOUTS_ACCOUNT));
          events.push({ type: 'settlement.created', merchant: merchantId, amount: paid, currency });
          paidThisRun += paid;
        }
      }
    }
  }
  return accept({ changes, postings, events });
}

/**
 * What a merchant's balance held at the end of a period, less the payouts posted after that
 * end (they paid out money the period-end balance still counts). Scans the journal: runs are
 * rare next to payments, so no per-posting history is kept for them.
 */
function balanceAtPeriodEnd(journal: readonly Entry[], merchant: string, currency: string, periodEndsAt: number): number {
  let balance = 0;
  for (const entry of journal) {
    // periodEndsAt is the first instant of the next day: an entry at that instant is after it.
    const after = Date.parse(entry.at) >= periodEndsAt;
    for (const posting of entry.postings) {
      if (posting.merchant !== merchant || posting.currency !== currency) continue;
      if (!after) balance -= posting.amount;
      else if (posting.recordType === 'Payout') balance -= posting.amount;
    }
  }
  return balance;
}
