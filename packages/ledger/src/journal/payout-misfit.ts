import { availableBalanceOf, exactAvailableBalance, type LedgerStateView } from '../engine/ledger-state.js';
import { echoed, unitOnly } from '../engine/message-text.js';
import { parseCalendarDate, startOfNextLocalDay } from '../payouts/calendar-date.js';
import { payoutAmount } from '../payouts/payout-amount.js';
import { isPayoutPeriod } from '../payouts/payout-schedule.js';
import type { Change } from './change.js';
import type { DayStartBalances } from './day-start-balances.js';

type PayoutChange = Extract<Change, { readonly kind: 'payout_period_settled' }>;

/**
 * Why a settled payout period is not one a settlement run could have written, or undefined, by
 * what `decideRunSettlement` decides: only a merchant with payout settings in that currency is
 * paid, for a period its settings define (a Saturday–Friday week or a calendar month), by a run
 * dated after the period ended; and the run pays exactly {@link payoutAmount}:
 * what the balance held at the period's end (less payouts since), never more than is available
 * (posted less what pending refund requests hold), both less what the same run paid the
 * merchant before this period, and 0 for an amount below the minimum.
 *
 * @param paidBefore - what the same run paid the same merchant in the same currency before
 *   this period (the payouts before `change` in its entry).
 * @param at - the entry's time (epoch milliseconds).
 * @param dayStarts - the replayed balances' history, which answers the balance at a period's end.
 */
export function payoutMisfit(state: LedgerStateView, change: PayoutChange, paidBefore: number, at: number, dayStarts: DayStartBalances): string | undefined {
  const { merchant, currency, amount, periodStart, periodEnd } = change;
  const settings = state.payoutSettings.get(merchant)?.get(currency);
  if (settings === undefined) return `payout of ${merchant} in ${currency}, which has no payout settings in that currency`;
  // A run pays the period's amount or carries it over with 0: never less (NaN fails too).
  if (!(amount >= 0)) return `payout of ${echoed(amount, currency)} to ${merchant}: a run pays a period nothing or more`;
  if (amount > 0 && amount < settings.minimumAmount) return `payout of ${echoed(amount, currency)} to ${merchant}, below its minimum of ${unitOnly(settings.minimumAmount, currency)}: a run carries such an amount over`;
  const firstDay = parseCalendarDate(periodStart);
  const lastDay = parseCalendarDate(periodEnd);
  if (firstDay === undefined || lastDay === undefined) return `payout period ${periodStart} to ${periodEnd} of ${merchant}: both ends must be YYYY-MM-DD dates`;
  // A run pays the periods the settings define, never a stretch of days the journal names.
  if (!isPayoutPeriod(firstDay, lastDay, settings.frequency)) {
    return `payout period ${periodStart} to ${periodEnd} of ${merchant} in ${currency}: its ${settings.frequency} payout settings pay ${settings.frequency === 'weekly' ? 'Saturday-to-Friday weeks' : 'calendar months'}`;
  }
  const endsAt = startOfNextLocalDay(lastDay, state.config.timeZoneOffsetMinutes);
  // The engine refuses such a run (settlement_period_not_ended): it would pay part of the period.
  if (at < endsAt) return `payout of ${merchant} for the period ${periodStart} to ${periodEnd} by a run dated ${new Date(at).toISOString()}, before the period ended`;
  const available = availableBalanceOf(state, merchant, currency);
  const exactAtEnd = dayStarts.exactBalanceAtEnd(state, merchant, currency, endsAt);
  const due = payoutAmount(Number(exactAtEnd), available, paidBefore, settings.minimumAmount);
  if (amount === due) return undefined;
  // The messages subtract in bigint: a balance charged back far below 0 takes them past -2^53.
  const availableNow = exactAvailableBalance(state, merchant, currency) - BigInt(paidBefore);
  if (amount > available - paidBefore) return `payout of ${echoed(amount, currency)} to ${merchant}, which has ${unitOnly(availableNow, currency)} available: a run pays no more`;
  const heldAtEnd = exactAtEnd - BigInt(paidBefore);
  return `payout of ${echoed(amount, currency)} to ${merchant} for the period ${periodStart} to ${periodEnd}, where a run pays ${unitOnly(due, currency)}: the balance held ${unitOnly(heldAtEnd, currency)} at the period's end (less payouts since) and has ${unitOnly(availableNow, currency)} available`;
}

/**
 * Why a settlement run's payouts are not in the order a run settles them, or undefined: by
 * merchant, then currency (each in sorted order), then period, oldest first, and every export
 * lists a run's payouts as its entry holds them; another order is nothing the engine writes. (Which periods
 * a run settles depends on its holidays, which the journal does not keep, and on which
 * merchants were active then, which today's configuration may not say: a run that leaves out a
 * period of 0 cannot be told from one of another calendar.) Called for entries that settle a
 * period.
 */
export function runOrderMisfit(changes: readonly Change[]): string | undefined {
  let before: PayoutChange | undefined;
  for (const change of changes) {
    if (change.kind !== 'payout_period_settled') continue;
    if (before !== undefined && !settledBefore(before, change)) {
      return `the run settles ${change.merchant} in ${change.currency} for ${change.periodStart} to ${change.periodEnd} after ${before.merchant} in ${before.currency} for ${before.periodStart} to ${before.periodEnd}: a run goes by merchant, then currency, then period`;
    }
    before = change;
  }
  return undefined;
}

/** Whether a run settles `first` before `second` (string order, as the engine sorts ids and codes). */
function settledBefore(first: PayoutChange, second: PayoutChange): boolean {
  if (first.merchant !== second.merchant) return first.merchant < second.merchant;
  if (first.currency !== second.currency) return first.currency < second.currency;
  return first.periodStart < second.periodStart;
}
