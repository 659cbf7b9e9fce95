import fc from 'fast-check';
import type { RunSettlementCommand } from '../commands/command.js';
import { plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

const MILLISECONDS_PER_DAY = 86_400_000;

/**
 * A `settlement.run` command for a date between {@link CommandConstraints.firstDate} and
 * {@link CommandConstraints.lastDate}, leaning on the days payouts fall on (Fridays, Mondays
 * after a Friday holiday, the last days of a month), sometimes with a holiday calendar that
 * moves a payout day. Implausible ones give a date that does not exist or a malformed holiday.
 */
export function runSettlementCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<RunSettlementCommand> {
  const resolved = resolveCommandConstraints(constraints);
  // Dates that exist, firstDate not after lastDate: resolveCommandConstraints has checked them.
  const first = Date.parse(`${resolved.firstDate}T00:00:00Z`);
  const last = Date.parse(`${resolved.lastDate}T00:00:00Z`);
  const days: string[] = [];
  for (let instant = first; instant <= last; instant += MILLISECONDS_PER_DAY) days.push(new Date(instant).toISOString().slice(0, 10));
  const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();
  const fridays = days.filter((day) => weekdayOf(day) === 5);
  const mondays = days.filter((day) => weekdayOf(day) === 1);
  // The last three days of each month: a month end, or the business day a weekend one moves to.
  const monthEnds = days.filter((day) => {
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 3 * MILLISECONDS_PER_DAY);
    return next.getUTCDate() <= 3;
  });
  const firstsOfMonth = days.filter((day) => day.endsWith('-01') || day.endsWith('-02') || day.endsWith('-03'));
  const date = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(fridays.length > 0 ? fridays : days)) },
    { weight: 2, arbitrary: fc.constantFrom(...(monthEnds.length > 0 ? monthEnds : days)) },
    { weight: 1, arbitrary: fc.constantFrom(...(mondays.length > 0 ? mondays : days)) },
    { weight: 1, arbitrary: fc.constantFrom(...(firstsOfMonth.length > 0 ? firstsOfMonth : days)) },
    { weight: 1, arbitrary: fc.constantFrom(...days) },
  );
  // Holidays on the days payouts fall on; a window of a few days may hold fewer than three
  // of them, or none (review 211: fast-check refused a subarray longer than its list).
  const payoutDays = [...fridays, ...monthEnds];
  const holidayPool = payoutDays.length > 0 ? payoutDays : days;
  const holidays = fc.oneof(
    { weight: 3, arbitrary: fc.constant<string[] | undefined>(undefined) },
    { weight: 2, arbitrary: fc.subarray(holidayPool, { minLength: 1, maxLength: Math.min(3, holidayPool.length) }) },
  );
  const plausible = fc.tuple(date, holidays).map(([day, list]): RunSettlementCommand => ({ op: 'settlement.run', date: day, ...(list === undefined ? {} : { holidays: list }) }));
  const implausible = fc.oneof(
    fc.constantFrom('2026-02-30', '2026/04/10', '2026-4-10', '').map((day): RunSettlementCommand => ({ op: 'settlement.run', date: day })),
    date.map((day): RunSettlementCommand => ({ op: 'settlement.run', date: day, holidays: ['golden week'] })),
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
