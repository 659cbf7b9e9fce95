import type { RunSettlementCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { OUTSIDE, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, type Pick } from '../targeting.js';
import { describeStep, readAt, type TimeStep } from '../timing.js';

const DAY = 86_400_000;

/** Days since 1970-01-01 of a real YYYY-MM-DD date, or undefined. */
function dayOf(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const instant = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(instant).toISOString().slice(0, 10) === text ? instant / DAY : undefined;
}

function dateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function isBusinessDay(day: number, holidays: ReadonlySet<number>): boolean {
  const weekday = new Date(day * DAY).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

function nextBusinessDay(day: number, holidays: ReadonlySet<number>): number {
  let candidate = day;
  while (!isBusinessDay(candidate, holidays)) candidate += 1;
  return candidate;
}

/**
 * The periods whose payout falls on `day` (DOMAIN.md "Payouts"): weekly, each Friday pays the
 * Saturday–Friday week that ended the Friday before; monthly, each month end pays the previous
 * calendar month; a payout day on a weekend or holiday moves to the next business day.
 */
function periodsPaidOn(day: number, frequency: 'weekly' | 'monthly', holidays: ReadonlySet<number>): { start: number; end: number }[] {
  const periods: { start: number; end: number }[] = [];
  for (let candidate = day - 40; candidate <= day; candidate += 1) {
    const date = new Date(candidate * DAY);
    if (frequency === 'weekly') {
      if (date.getUTCDay() === 5 && nextBusinessDay(candidate, holidays) === day) periods.push({ start: candidate - 13, end: candidate - 7 });
    } else {
      const isMonthEnd = new Date((candidate + 1) * DAY).getUTCDate() === 1;
      if (isMonthEnd && nextBusinessDay(candidate, holidays) === day) {
        const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY - 1;
        const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1) / DAY;
        periods.push({ start, end });
      }
    }
  }
  return periods.sort((a, b) => a.start - b.start);
}

/**
 * The model's `settlement.run`: for every active merchant with payout settings, each period
 * paid on this date and not settled before is settled once: paid what the balance held at the
 * period's end (less payouts made since), never more than is available now, or carried over
 * (nothing paid) when that is below the minimum or not positive. A period is the pair of its
 * first and last day: a month that starts on the day an already settled week started is
 * another period.
 */
export function decideRunSettlement(model: ReferenceModel, command: RunSettlementCommand): Decision {
  const day = dayOf(command.date);
  if (day === undefined) return refuse(`date ${command.date}`);
  const holidays = new Set<number>();
  for (const holiday of command.holidays ?? []) {
    const holidayDay = dayOf(holiday);
    if (holidayDay === undefined) return refuse(`holiday ${holiday}`);
    holidays.add(holidayDay);
  }
  const settled: { merchant: string; currency: string; key: string; paid: number }[] = [];
  for (const [merchant, byCurrency] of model.payoutSettings) {
    if (!(model.merchants.get(merchant)?.active ?? false)) continue;
    for (const [currency, settings] of byCurrency) {
      let paidThisRun = 0;
      for (const period of periodsPaidOn(day, settings.frequency, holidays)) {
        const key = `${merchant} ${currency} ${dateOf(period.start)} ${dateOf(period.end)}`;
        if (model.settledPeriods.has(key)) continue;
        // The period ends at midnight (in the ledger's time zone) after its last day: a
        // movement at that very instant belongs to the next day.
        const end = (period.end + 1) * DAY - model.timeZoneOffset;
        // A run dated before the end of a period it would pay is refused: that balance is not known yet.
        const now = command.at === undefined ? model.lastAt : (readAt(command.at) as number);
        if (now < end) return refuse(`the period ending ${dateOf(period.end)} has not ended at the run's time`);
        // Summed exactly, like the model's balances: movement by movement in doubles, a sum
        // passing 2^53 on the way (a huge capture before its transfers) is rounded, and the
        // model then owed a unit less than the balance held.
        let heldAtEnd = 0n;
        let paidSince = 0n;
        for (const movement of model.movements) {
          if (movement.merchant !== merchant || movement.currency !== currency) continue;
          if (movement.at < end) heldAtEnd += BigInt(movement.delta);
          else if (movement.payout) paidSince += BigInt(movement.delta);
        }
        const owed = Number(heldAtEnd + paidSince) - paidThisRun;
        const amount = Math.min(owed, model.available(merchant, currency) - paidThisRun);
        const paid = amount > 0 && amount >= settings.minimumAmount ? amount : 0;
        settled.push({ merchant, currency, key, paid });
        paidThisRun += paid;
      }
    }
  }
  // Even with nobody due the run is recorded: every accepted command appends one entry.
  return agree(() => {
    for (const { merchant, currency, key, paid } of settled) {
      model.settledPeriods.add(key);
      model.move(currency, paid, { merchant }, { outside: OUTSIDE.payouts }, true);
    }
  });
}

/**
 * Steers the command's date to one of the last few payout days (Fridays and month ends, in the
 * ledger's time zone) on or before the model's clock, so that the periods it pays have ended
 * and had money moving in them (see targeting.ts). Dates are generated over half a year while
 * the clock moves on by a few weeks a run, so unsteered runs mostly fall on a day nobody is due
 * or before their period ends: in 600 model runs, 8 of 959 accepted runs paid anyone. A run
 * whose date is not well formed keeps it (date_invalid), and so does one without a pick.
 */
export function steerRunSettlement(model: ReferenceModel, command: Untimed<RunSettlementCommand>, pick: Pick): Untimed<RunSettlementCommand> {
  if (pick === undefined || dayOf(command.date) === undefined) return command;
  const today = Math.floor((model.clock + model.timeZoneOffset) / DAY);
  // Weekly settings are paid on Fridays, monthly ones at month ends: aim at a kind someone has.
  const frequencies = new Set([...model.payoutSettings.values()].flatMap((byCurrency) => [...byCurrency.values()].map((settings) => settings.frequency)));
  const monthly = frequencies.has('monthly') && (!frequencies.has('weekly') || pick % 2 === 1);
  const payoutDays: number[] = [];
  for (let day = today; day > today - 100 && payoutDays.length < 3; day -= 1) {
    const isPayoutDay = monthly ? new Date((day + 1) * DAY).getUTCDate() === 1 : new Date(day * DAY).getUTCDay() === 5;
    if (isPayoutDay) payoutDays.push(day);
  }
  // Mostly the latest payout day; now and then one of the two before it (a run that was missed).
  const chosen = payoutDays[pick % 8 === 0 ? (pick >> 3) % payoutDays.length : 0];
  if (chosen === undefined) return command;
  // A Friday or month end on a weekend or holiday is paid on the next business day.
  const holidays = new Set((command.holidays ?? []).map(dayOf).filter((day): day is number => day !== undefined));
  return { ...command, date: dateOf(nextBusinessDay(chosen, holidays)) };
}

/** `settlement.run` in the model run. */
export class RunSettlementModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<RunSettlementCommand>,
    readonly step: TimeStep,
    readonly pick: Pick = undefined,
  ) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerRunSettlement(model, this.command, this.pick), this.step, decideRunSettlement);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
