import { accept, reject, type Result } from '@kanjo/splits';
import { formatCalendarDate, parseCalendarDate } from './calendar-date.js';
import type { PayoutFrequency, PayoutPeriod } from './payout-settings.js';
import { nextScheduledPayout } from './payout-schedule.js';

/** When a merchant is next paid out, and for which period. */
export interface NextPayout {
  /** YYYY-MM-DD: the business day it is paid. */
  readonly payoutDate: string;
  readonly period: PayoutPeriod;
}

/**
 * Answers "when is this merchant's next payout, and for which period" for a frequency, from a
 * date (inclusive), with a holiday calendar: weekly on Fridays for the Saturday–Friday week that
 * ended the Friday before, monthly at month end for the previous month, a weekend or holiday
 * payout day moved to the next business day. Pure: the caller says what today is.
 */
export function nextPayout(frequency: PayoutFrequency, fromDate: string, holidays: readonly string[] = []): Result<NextPayout> {
  const from = parseCalendarDate(fromDate);
  if (from === undefined) return reject('date_invalid', `${JSON.stringify(fromDate)} is not a YYYY-MM-DD date`);
  const holidayDays = parseHolidays(holidays);
  if (!holidayDays.ok) return holidayDays;
  const payout = nextScheduledPayout(from, frequency, holidayDays.value);
  return accept({
    payoutDate: formatCalendarDate(payout.payoutDay),
    period: { start: formatCalendarDate(payout.periodStart), end: formatCalendarDate(payout.periodEnd) },
  });
}

/** A holiday calendar as day numbers; any entry that is not a YYYY-MM-DD date is rejected. */
export function parseHolidays(holidays: readonly string[]): Result<ReadonlySet<number>> {
  const days = new Set<number>();
  for (const holiday of holidays) {
    const day = parseCalendarDate(holiday);
    if (day === undefined) return reject('holiday_date_invalid', `holiday ${JSON.stringify(holiday)} is not a YYYY-MM-DD date`);
    days.add(day);
  }
  return accept(days);
}
