import { accept, reject, type Result } from '@kanjo/splits';

// A date and time with a UTC offset (or Z): the engine never guesses a time zone.
// Offsets as Z, ±hh:mm, ±hhmm or ±hh (all ISO 8601).
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * Epoch milliseconds of a command's `at`, or `time_invalid`. Every field is range-checked and
 * the date must exist: Date.parse would quietly roll 2026-02-30 over to March 2.
 */
export function parseCommandTime(at: string): Result<number> {
  const match = typeof at === 'string' ? ISO_DATE_TIME.exec(at) : null;
  if (match !== null) {
    const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index]));
    const second = Number(match[6] ?? 0);
    const offsetSign = match[7] === '-' ? -1 : 1;
    const offsetHours = Number(match[8] ?? 0);
    const offsetMinutes = Number(match[9] ?? 0);
    const date = new Date(Date.UTC(year as number, (month as number) - 1, day));
    const exists = date.getUTCFullYear() === year && date.getUTCMonth() === (month as number) - 1 && date.getUTCDate() === day;
    if (exists && (hour as number) <= 23 && (minute as number) <= 59 && second <= 59 && offsetHours <= 14 && offsetMinutes <= 59) {
      // Computed from the fields rather than Date.parse, which does not read ±hhmm or ±hh.
      const fraction = /\.(\d{1,9})/.exec(at)?.[1];
      const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
      const local = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second, milliseconds);
      return accept(local - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000);
    }
  }
  return reject('time_invalid', `at ${JSON.stringify(at)} must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00`);
}
