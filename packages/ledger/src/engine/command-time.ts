import { accept, reject, type Result } from '@kanjo/splits';

// A date and time with a UTC offset (or Z): the engine never guesses a time zone.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of a command's `at`, or `time_invalid`. */
export function parseCommandTime(at: string): Result<number> {
  const milliseconds = typeof at === 'string' && ISO_DATE_TIME.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(milliseconds)) {
    return reject('time_invalid', `at ${JSON.stringify(at)} must be an ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00`);
  }
  return accept(milliseconds);
}
