import { firstDayOfMonth, lastDayOfMonth, weekday } from './calendar-date.js';
import type { PayoutFrequency } from './payout-settings.js';

/** A payout: the day it is paid and the period (day numbers, inclusive) it covers. */
export interface ScheduledPayout {
  readonly payoutDay: number;
  readonly periodStart: number;
  readonly periodEnd: number;
}

const FRIDAY = 5;
/**
 * The longest run of non-business days a holiday calendar may make; bounds every search loop.
 * Calendars that exceed it are rejected when they are read (see parseHolidays).
 */
export const MAX_NON_BUSINESS_RUN = 31;

/** Weekends and the given holidays are not business days. */
export function isBusinessDay(day: number, holidays: ReadonlySet<number>): boolean {
  const dayOfWeek = weekday(day);
  return dayOfWeek !== 0 && dayOfWeek !== 6 && !holidays.has(day);
}

/** A payout day that falls on a weekend or a holiday moves to the next business day. */
export function nextBusinessDay(day: number, holidays: ReadonlySet<number>): number {
  for (let candidate = day; candidate < day + MAX_NON_BUSINESS_RUN; candidate += 1) {
    if (isBusinessDay(candidate, holidays)) return candidate;
  }
  throw new RangeError(`no business day within ${MAX_NON_BUSINESS_RUN} days of day ${day}: check the holiday calendar`);
}

/**
 * The nominal (before business-day adjustment) payouts whose adjusted day could be `day`:
 * weekly, each Friday pays the Saturday–Friday week that ended the Friday before; monthly,
 * each month end pays the previous calendar month (DOMAIN.md "Payouts").
 */
function nominalPayoutsNear(day: number, frequency: PayoutFrequency): ScheduledPayout[] {
  const payouts: ScheduledPayout[] = [];
  if (frequency === 'weekly') {
    const lastFriday = day - ((weekday(day) - FRIDAY + 7) % 7);
    for (let friday = lastFriday; friday > day - MAX_NON_BUSINESS_RUN; friday -= 7) {
      payouts.push({ payoutDay: friday, periodStart: friday - 13, periodEnd: friday - 7 });
    }
  } else {
    let monthEnd = lastDayOfMonth(day);
    for (let step = 0; step < 3; step += 1) {
      const previousMonthEnd = firstDayOfMonth(monthEnd) - 1;
      payouts.push({ payoutDay: monthEnd, periodStart: firstDayOfMonth(previousMonthEnd), periodEnd: previousMonthEnd });
      monthEnd = previousMonthEnd;
    }
  }
  return payouts;
}

/**
 * Whether the days `start` to `end` (inclusive) are a period a payout of `frequency` covers:
 * a Saturday–Friday week, or a calendar month, as {@link payoutsDueOn} gives them.
 */
export function isPayoutPeriod(start: number, end: number, frequency: PayoutFrequency): boolean {
  if (frequency === 'weekly') return weekday(start) === FRIDAY + 1 && end === start + 6;
  return start === firstDayOfMonth(start) && end === lastDayOfMonth(start);
}

/** The payouts due on `day` (after moving weekend and holiday payout days), oldest period first. */
export function payoutsDueOn(day: number, frequency: PayoutFrequency, holidays: ReadonlySet<number>): ScheduledPayout[] {
  return nominalPayoutsNear(day, frequency)
    .filter((payout) => nextBusinessDay(payout.payoutDay, holidays) === day)
    .map((payout) => ({ ...payout, payoutDay: day }))
    .sort((a, b) => a.periodStart - b.periodStart);
}

/** The first payout paid on or after `fromDay`, with its (adjusted) payout day and its period. */
export function nextScheduledPayout(fromDay: number, frequency: PayoutFrequency, holidays: ReadonlySet<number>): ScheduledPayout {
  // Payout days come at least monthly, so a bounded search always finds one.
  for (let day = fromDay; day < fromDay + 70; day += 1) {
    const due = payoutsDueOn(day, frequency, holidays);
    const first = due[0];
    if (first !== undefined) return first;
  }
  throw new RangeError(`no payout day within 70 days of day ${fromDay}: check the holiday calendar`);
}
