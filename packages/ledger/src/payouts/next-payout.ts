import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { formatCalendarDate, notACalendarDate, parseCalendarDate } from './calendar-date.js';
import type { PayoutFrequency, PayoutPeriod } from './payout-settings.js';
import { isBusinessDay, MAX_NON_BUSINESS_RUN, nextScheduledPayout } from './payout-schedule.js';
import { quoted } from '../engine/message-text.js';

/** When a merchant is next paid out, and for which period. */
export interface NextPayout {
  /** YYYY-MM-DD: the business day it is paid. */
  readonly payoutDate: string;
  /** The period that payout covers: what the balance held at its end is paid. */
  readonly period: PayoutPeriod;
}

/**
 * Answers "when is this merchant's next payout, and for which period" for a frequency, from a
 * date (inclusive), with a holiday calendar: weekly on Fridays for the Saturday–Friday week that
 * ended the Friday before, monthly at month end for the previous month, a weekend or holiday
 * payout day moved to the next business day. Pure: the caller says what today is. Refused:
 * another frequency (`payout_frequency_invalid`), a date or holiday that is not YYYY-MM-DD
 * or holidays that are not a list, a calendar whose weekends and holidays leave no business
 * day for a long run of days, and a payout or period outside the years 0000 to 9999 (`date_invalid`: no YYYY-MM-DD date names it).
 *
 * @example
 * nextPayout('monthly', '2026-12-06'); // { ok: true, value: { payoutDate: '2026-12-31', period: { start: '2026-11-01', end: '2026-11-30' } } }
 * nextPayout('weekly', '2026-12-12', ['2026-12-18']); // { ok: true, value: { payoutDate: '2026-12-21', period: { start: '2026-12-05', end: '2026-12-11' } } }: Friday the 18th is a holiday
 * nextPayout(JSON.parse('"daily"'), '2026-12-12'); // { ok: false, error: { code: 'payout_frequency_invalid', … } }: read from a store, not a PayoutFrequency
 */
export function nextPayout(frequency: PayoutFrequency, fromDate: string, holidays: readonly string[] = []): LedgerResult<NextPayout> {
  // The type says weekly or monthly; a value read from a service's own store may be anything,
  // and the schedule would otherwise answer it as monthly.
  if (frequency !== 'weekly' && frequency !== 'monthly') {
    return reject('payout_frequency_invalid', `frequency must be weekly or monthly, not ${quoted(frequency)}`);
  }
  const from = parseCalendarDate(fromDate);
  if (from === undefined) return reject('date_invalid', `${quoted(fromDate)} ${notACalendarDate(fromDate)}`);
  const holidayDays = parseHolidays(holidays);
  if (!holidayDays.ok) return holidayDays;
  const payout = nextScheduledPayout(from, frequency, holidayDays.value);
  // YYYY-MM-DD names only the four-digit years: a week of the year -1 or a payout moved into
  // the year 10000 would come out as "-000001-12" or "+010000-01".
  if (payout.periodStart < FIRST_DAY_OF_YEAR_0 || payout.payoutDay > LAST_DAY_OF_YEAR_9999) {
    return reject('date_invalid', `the payout after ${quoted(fromDate)} or the period it pays falls outside the years 0000 to 9999, which a YYYY-MM-DD date cannot name`);
  }
  return accept({
    payoutDate: formatCalendarDate(payout.payoutDay),
    period: { start: formatCalendarDate(payout.periodStart), end: formatCalendarDate(payout.periodEnd) },
  });
}

/** 0000-01-01 and 9999-12-31 as day numbers: the first and last days a YYYY-MM-DD date names. */
const FIRST_DAY_OF_YEAR_0 = -719_528;
const LAST_DAY_OF_YEAR_9999 = 2_932_896;

/**
 * A holiday calendar as day numbers. Rejected: a calendar that is not a list, an entry that is not a YYYY-MM-DD date, and a
 * calendar that, with weekends, leaves no business day for MAX_NON_BUSINESS_RUN days in a row
 * (no payout day could be found after it).
 */
export function parseHolidays(holidays: readonly string[]): LedgerResult<ReadonlySet<number>> {
  // From code a single date may come as a string, which would be walked character by character
  // (holiday "2"), or null, which is not iterable at all.
  if (!Array.isArray(holidays)) return reject('holiday_date_invalid', `holidays must be a list of YYYY-MM-DD dates, not ${quoted(holidays)}`);
  const days = new Set<number>();
  for (const holiday of holidays) {
    const day = parseCalendarDate(holiday);
    if (day === undefined) return reject('holiday_date_invalid', `holiday ${quoted(holiday)} ${notACalendarDate(holiday)}`);
    days.add(day);
  }
  // Each run of days without business, weekends included, is checked once from its first day,
  // so the message names that day whatever order the calendar lists the holidays in. In
  // ascending order, a walk back stops at the business day that ended the run checked before,
  // so no day is walked twice.
  let checkedUntil = Number.NEGATIVE_INFINITY;
  for (const start of [...days].sort((left, right) => left - right)) {
    if (start < checkedUntil) continue;
    let first = start;
    while (!isBusinessDay(first - 1, days)) first -= 1;
    let run = 0;
    while (run < MAX_NON_BUSINESS_RUN && !isBusinessDay(first + run, days)) run += 1;
    if (run >= MAX_NON_BUSINESS_RUN) {
      return reject('holiday_calendar_invalid', `the holidays and weekends from ${formatCalendarDate(first)} leave no business day for ${MAX_NON_BUSINESS_RUN} days: no payout day can follow them`);
    }
    checkedUntil = first + run;
  }
  return accept(days);
}
