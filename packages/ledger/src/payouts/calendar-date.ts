/**
 * Calendar dates as whole days since 1970-01-01 (day 0, a Thursday), so date arithmetic is
 * integer arithmetic and no clock or local time zone is ever consulted.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLISECONDS_PER_DAY = 86_400_000;

/**
 * Epoch milliseconds of the start of a UTC calendar day, or undefined if the day does not
 * exist (2026-02-30). `Date.UTC` would read the years 0 to 99 as 1900 to 1999.
 */
export function utcDayStart(year: number, month: number, day: number): number | undefined {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.getTime();
}

/** Day number of a YYYY-MM-DD date, or undefined if it is not a real date. */
export function parseCalendarDate(text: string): number | undefined {
  // From code a date may be anything: exec would coerce it (['2026-05-01'] read as that date, a
  // symbol or a null-prototype object a TypeError).
  if (typeof text !== 'string') return undefined;
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const milliseconds = utcDayStart(Number(match[1]), Number(match[2]), Number(match[3]));
  return milliseconds === undefined ? undefined : milliseconds / MILLISECONDS_PER_DAY;
}

/**
 * Why `text` is not a date {@link parseCalendarDate} reads, as the end of a sentence that
 * starts with the text quoted: a well-formed day that does not exist (2026-02-30) is told so,
 * rather than told to use the form it already has.
 */
export function notACalendarDate(text: unknown): string {
  const match = typeof text === 'string' ? DATE.exec(text) : null;
  if (match === null) return 'is not a YYYY-MM-DD date';
  const [, yearText = '', monthText = '', dayText = ''] = match;
  const month = Number(monthText);
  if (month < 1 || month > 12) return `is not a date: a month is 01 to 12, not ${monthText}`;
  const first = utcDayStart(Number(yearText), month, 1);
  if (first === undefined) return 'is not a YYYY-MM-DD date';
  const firstDay = first / MILLISECONDS_PER_DAY;
  return `is not a date: ${yearText}-${monthText} has days 01 to ${lastDayOfMonth(firstDay) - firstDay + 1}, not ${dayText}`;
}

/** YYYY-MM-DD of a day number. */
export function formatCalendarDate(day: number): string {
  return new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The last day of the month that `day` falls in. */
export function lastDayOfMonth(day: number): number {
  const date = new Date(day * MILLISECONDS_PER_DAY);
  date.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth() + 1, 0); // day 0 of the next month (not Date.UTC: years 0 to 99)
  return date.getTime() / MILLISECONDS_PER_DAY;
}

/** The first day of the month that `day` falls in. */
export function firstDayOfMonth(day: number): number {
  const date = new Date(day * MILLISECONDS_PER_DAY);
  date.setUTCDate(1);
  return date.getTime() / MILLISECONDS_PER_DAY;
}

/**
 * The first instant (epoch ms) after a local day, in a zone `offsetMinutes` east of UTC: the
 * day's exclusive end. An instant belongs to the day when it is before this.
 */
export function startOfNextLocalDay(day: number, offsetMinutes: number): number {
  return (day + 1) * MILLISECONDS_PER_DAY - offsetMinutes * 60_000;
}

/** The local day (in a zone `offsetMinutes` east of UTC) an instant falls in. */
export function localDayOf(epochMilliseconds: number, offsetMinutes: number): number {
  return Math.floor((epochMilliseconds + offsetMinutes * 60_000) / MILLISECONDS_PER_DAY);
}

/** A UTC offset in minutes as ±hh:mm (`+09:00`, `-05:00`, `+00:00`), however it was configured. */
export function utcOffsetText(minutes: number): string {
  const size = Math.abs(minutes);
  const twoDigits = (value: number): string => String(value).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${twoDigits(Math.floor(size / 60))}:${twoDigits(size % 60)}`;
}
