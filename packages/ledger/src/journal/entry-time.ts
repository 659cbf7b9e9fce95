/** The length of the form the engine writes an entry's time in: `2026-04-01T01:00:00.000Z`. */
const ENGINE_FORM_LENGTH = 24;
const ZERO = 0x30;
const MILLISECONDS_PER_DAY = 86_400_000;

let lastText = '';
let lastMillis = Date.parse('');

/**
 * An entry's `at` as epoch milliseconds, or NaN unless it is written exactly as the engine
 * writes every entry time, `Date#toISOString` (`2026-04-01T01:00:00.000Z`, and
 * `+010000-01-01T00:00:00.000Z` past year 9999). Other texts are refused, not guessed:
 * `Date.parse` reads forms beyond ISO 8601 as the JavaScript engine decides, and a journal
 * must reconcile the same everywhere. The common form (years 0000 to 9999) is read from its
 * digits, about four times faster than `Date.parse`; the extended years go through
 * `Date.parse` and must give back the same text. The last answer is kept: a reconciliation reads each
 * entry's time twice (shape check, then order check), and consecutive entries often share one.
 * Pure: the memo only saves work.
 */
export function entryTimeMillis(text: string): number {
  if (text === lastText) return lastMillis;
  const millis = engineFormMillis(text) ?? writtenByToIsoString(text);
  lastText = text;
  lastMillis = millis;
  return millis;
}

/** `Date.parse` of a text that `Date#toISOString` gives back unchanged, else NaN. */
function writtenByToIsoString(text: string): number {
  const millis = Date.parse(text);
  return !Number.isNaN(millis) && new Date(millis).toISOString() === text ? millis : Number.NaN;
}

/** The rule of {@link entryTimeMillis}, for messages. */
export const ENTRY_TIME_FORM = 'a time as the engine writes it, such as 2026-04-01T01:00:00.000Z';

/** `YYYY-MM-DDTHH:MM:SS.sssZ` with every field in its everyday range, or undefined. */
function engineFormMillis(text: string): number | undefined {
  if (text.length !== ENGINE_FORM_LENGTH || text.charCodeAt(23) !== 0x5a /* Z */) return undefined;
  if (text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54) return undefined;
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a || text.charCodeAt(19) !== 0x2e) return undefined;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const millisecond = twoDigits(text, 20) * 10 + digit(text, 22);
  // NaN (a non-digit) fails every comparison.
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && millisecond >= 0)) {
    return undefined;
  }
  return daysFromCivil(year, month, day) * MILLISECONDS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}

/** Days in a month of the proleptic Gregorian calendar (the one Date uses). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(text: string, at: number): number {
  const value = text.charCodeAt(at) - ZERO;
  return value >= 0 && value <= 9 ? value : Number.NaN;
}

function twoDigits(text: string, at: number): number {
  return digit(text, at) * 10 + digit(text, at + 1);
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`):
 * integer arithmetic only, with years counted from March so leap days fall at the end.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const shifted = month <= 2 ? year - 1 : year;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
