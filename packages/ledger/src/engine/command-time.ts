import { accept } from '@kanjo/splits';
import { reject, type LedgerRejection, type LedgerResult } from './ledger-rejection.js';
import { utcDayStart } from '../payouts/calendar-date.js';
import { quoted } from './message-text.js';

// A date and time with a UTC offset (or Z): the engine never guesses a time zone.
// Offsets as Z, ±hh:mm, ±hhmm or ±hh; a fraction of a second after a point or a comma (ISO
// 8601 takes either, the comma preferred).
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/;
// The same in ISO 8601's basic format, without separators: 20260401T100000Z, 20260401T1000+0900.
const ISO_BASIC_DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(?:(\d{2})(?:[.,]\d{1,9})?)?(?:Z|([+-])(\d{2})(\d{2})?)$/;

/**
 * 1400-01-02T00:00:00.000Z and 9999-12-30T23:59:59.999Z: a day inside the years ledger reads
 * (1400 to 9999: "Year is out of valid range: 1400..9999"; hledger reads all four-digit years)
 * at each end, so that an entry's date in any time zone (the hledger export writes local dates)
 * is one both tools read, and the payout periods before it (a run early in 1400 pays December
 * of 1399) are four-digit years too.
 */
const FIRST_INSTANT = -17_987_356_800_000;
const LAST_INSTANT = 253_402_214_399_999;

/**
 * Epoch milliseconds of a command's `at`, or `time_invalid`. Every field is range-checked and
 * the date must exist: Date.parse would quietly roll 2026-02-30 over to March 2. The instant
 * must fall in a four-digit UTC year: 9999-12-31T23:00:00-05:00 is year 10000 in UTC, which
 * the journal would write as +010000-01-01T04:00:00.000Z and no plain-text accounting tool reads.
 */
export function parseCommandTime(at: string): LedgerResult<number> {
  // From code a Date is the likeliest wrong value, and quoted as JSON it reads as a valid string.
  const dateTime = timeOfDate(at);
  if (dateTime !== undefined) return dateRejection(dateTime);
  const instant = typeof at === 'string' ? instantOf(at) : undefined;
  if (instant === undefined) {
    return reject('time_invalid', `at ${quoted(at)} must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00${timeHint(at)}`);
  }
  if (instant < FIRST_INSTANT || instant > LAST_INSTANT) {
    return reject('time_invalid', `at ${quoted(at)} is ${new Date(instant).toISOString()} in UTC: a time must fall between 1400-01-02 and 9999-12-30 in UTC, so that every date Kanjo writes of it, in any time zone, is one hledger and ledger read`);
  }
  return accept(instant);
}

/** Epoch milliseconds of a date and time in one of the forms Kanjo reads, or undefined; any year. */
function instantOf(at: string): number | undefined {
  const match = ISO_DATE_TIME.exec(at) ?? ISO_BASIC_DATE_TIME.exec(at);
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index]));
  const second = Number(match[6] ?? 0);
  const offsetSign = match[7] === '-' ? -1 : 1;
  const offsetHours = Number(match[8] ?? 0);
  const offsetMinutes = Number(match[9] ?? 0);
  const dayStart = utcDayStart(year as number, month as number, day as number);
  if (dayStart === undefined || (hour as number) > 23 || (minute as number) > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return undefined;
  // Computed from the fields rather than Date.parse, which does not read ±hhmm or ±hh.
  const fraction = /[.,](\d{1,9})/.exec(at)?.[1];
  const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = dayStart + (((hour as number) * 60 + (minute as number)) * 60 + second) * 1000 + milliseconds;
  return local - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

// The near misses a generated file is likeliest to hold. A hint is given only when making the
// change it names gives a time Kanjo reads, so that following it is enough: RFC 3339 allows a
// lower-case t and z; a leap second (23:59:60 in UTC, whatever the offset it is written in)
// cannot be held by JavaScript's Date; nanoseconds are the most digits writers put after the
// point; and a day that does not exist is named.
const LEAP_SECOND = /^(\d{4}-?\d{2}-?\d{2}T\d{2}:?\d{2}:?)60/;
const LONG_FRACTION = /([.,]\d{9})\d+/;
const DATE_PART = /^(\d{4})(-?)(\d{2})(-?)(\d{2})T/;
const MILLISECONDS_PER_DAY = 86_400_000;

/** What to change in a time that is one change away from a form Kanjo reads, or nothing. */
function timeHint(at: unknown): string {
  if (typeof at !== 'string') return '';
  if (at !== at.toUpperCase() && instantOf(at.toUpperCase()) !== undefined) return ' (write T and Z in upper case)';
  const leap = instantOf(at.replace(LEAP_SECOND, '$159'));
  if (LEAP_SECOND.test(at) && leap !== undefined && (((leap + 1000) % MILLISECONDS_PER_DAY) + MILLISECONDS_PER_DAY) % MILLISECONDS_PER_DAY < 1000) {
    return ' (a leap second, 23:59:60 in UTC, is not a time Kanjo holds: write :59.999 of the same minute)';
  }
  if (LONG_FRACTION.test(at) && instantOf(at.replace(LONG_FRACTION, '$1')) !== undefined) return ' (at most 9 digits after the decimal point; Kanjo keeps 3)';
  const date = DATE_PART.exec(at);
  if (date !== null && instantOf(at.replace(DATE_PART, '$1$2$3$401T')) !== undefined) return ` (${date[1] ?? ''}-${date[3] ?? ''}-${date[5] ?? ''} is no day of the calendar)`;
  // Well formed, but past what an offset can be (+15:00, +09:60): the time is right with +00:00.
  const offset = OFFSET_PART.exec(at);
  if (offset !== null && instantOf(at.replace(OFFSET_PART, offset[0].replace(/\d/gu, '0'))) !== undefined) return ` (a UTC offset runs from -14:59 to +14:59, not ${offset[0]})`;
  return '';
}

/** The UTC offset at the end of a time, in any of its forms (`+09:00`, `+0900`, `+09`). */
const OFFSET_PART = /[+-]\d{2}(?::?\d{2})?$/u;

/**
 * The time of a command sent without `at`: the previous entry's, checked against the range
 * {@link parseCommandTime} holds a given `at` to. Only a ledger replayed from a journal of an
 * earlier version (the engine took times from 0001-01-02 until the range was narrowed) can hold
 * a time outside it, and writing it again would give an entry ledger cannot read.
 */
export function timeOfCommandWithoutAt(lastAt: number, lastAtText: string): LedgerResult<number> {
  if (lastAt >= FIRST_INSTANT && lastAt <= LAST_INSTANT) return accept(lastAt);
  return reject(
    'time_invalid',
    `the command has no at, so it takes the previous entry's time, ${lastAtText}, which is outside 1400-01-02 to 9999-12-30 in UTC (a journal of an earlier version): give it an at in that range, so that hledger and ledger read every date Kanjo writes of it`,
  );
}

/**
 * The time a Date holds, or undefined for anything else. Date's own getTime checks that its
 * receiver is a Date without reading it: `instanceof` asks a Proxy's getPrototypeOf trap, which
 * may throw (and a revoked Proxy always does), and misses a Date of another realm.
 */
function timeOfDate(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
}

/** `at` given as a Date object (holding `time`), from code: say so, and what to pass instead. */
function dateRejection(time: number): LedgerResult<number> {
  if (Number.isNaN(time)) return reject('time_invalid', 'at must be a string, not a Date (an invalid one): an ISO 8601 date and time with a UTC offset such as 2026-04-01T10:00:00+09:00');
  // A valid Date always has an ISO text (toISOString throws only for an invalid one).
  return reject('time_invalid', `at must be a string, not a Date: pass date.toISOString() (${new Date(time).toISOString()}), or an ISO 8601 date and time with a UTC offset such as 2026-04-01T10:00:00+09:00`);
}

/**
 * `time_out_of_order` when a command at `at` would come before the previous accepted command,
 * or undefined. Only an accepted command sets a floor: the first command may carry any time
 * (1970-01-01T00:00:00Z is the default of an `at` left out, not a lower bound).
 */
export function timeOutOfOrder(state: { readonly journal: { readonly length: number }; readonly lastAt: number }, at: number): { readonly ok: false; readonly error: LedgerRejection } | undefined {
  if (state.journal.length === 0 || at >= state.lastAt) return undefined;
  return reject('time_out_of_order', `at ${new Date(at).toISOString()} is before the previous command (${new Date(state.lastAt).toISOString()}): commands come in time order`);
}
