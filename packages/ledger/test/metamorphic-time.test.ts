import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableBalance, hledgerJournalLines, postedBalance, replayJournal, type Command, type ExecuteResult, type Ledger, type LedgerConfig, type LedgerStateView } from '@kanjo/ledger';
import { newLedger } from './support/ledger-harness.js';
import { currenciesOf } from './support/metamorphic.js';
import { DAY, TIME_ZONES, offsetMinutes, payoutScenarioArbitrary, runPayoutScenario, type PayoutScenario } from './support/payout-scenarios.js';

// Metamorphic properties about time: what a payout calendar pays depends on local dates alone.
//
// 1. The same local wall clock in another time zone gives the same money. DOMAIN.md "Payouts":
//    dates are Japan time (UTC+9) unless configured; a run's `date` and `holidays` are local
//    dates, and a period ends at the local midnight after its last day. A ledger configured in
//    zone Z2 and fed a Z1 ledger's commands, each moved so that it happens at the same local
//    wall-clock time in its own ledger's zone (at₂ = at₁ + offset(Z1) − offset(Z2)), runs and
//    dates unchanged, gets the same result for every command (a message's UTC times moved the
//    same way), the same entries but for their times (moved the same way), and ends with the
//    same balances, holds, payments, payout settings, settled periods and idempotency keys; its
//    hledger export, which dates each transaction by its local day, is the same but for the
//    zone its header names.
// 2. A holiday that moves no payout day changes nothing. A run on day D pays the periods whose
//    payout day (weekly: a Friday; monthly: a month end), moved past weekends and holidays to
//    the next business day, is D. Adding to its `holidays` a date that moves no payout day onto
//    or off D (see HOLIDAY_KINDS for which and why) leaves every result, entry and balance
//    the same. The configuration has no holiday calendar (LedgerConfig: merchants, taxRate,
//    refundRequestFee, rounding, timeZone, book), so a run's `holidays` is the only one.

/** How many scenarios each property runs (KANJO_MODEL_RUNS for a longer search): the file takes about 20 s on two shared cores. */
const NUM_RUNS = Number(process.env['KANJO_MODEL_RUNS'] ?? 2000);

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;

// ---------------------------------------------------------------------------------------------
// Comparing two ledgers.

/** What a result says: its outcome, code and message, or whether it was replayed and its entry. */
function outcome(result: ExecuteResult): unknown {
  if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
  return { ok: true, replayed: result.replayed, entry: result.entry };
}

/** Every settled period of a state, in a stable order. */
function settled(state: LedgerStateView): string[] {
  return [...state.settledPeriods].sort();
}

/**
 * Everything but the journal and the clock: each merchant's posted and available balance in
 * every currency it has, its payout settings, the settled periods, payments, refund requests,
 * and the idempotency keys with the entries they answer.
 */
function expectSameBook(actual: LedgerStateView, expected: LedgerStateView, idempotency: boolean): void {
  for (const merchant of expected.config.merchants.keys()) {
    for (const currency of currenciesOf(merchant, expected, actual)) {
      const where = `${merchant} ${currency}`;
      expect(postedBalance(actual, merchant, currency), where).toBe(postedBalance(expected, merchant, currency));
      expect(availableBalance(actual, merchant, currency), where).toBe(availableBalance(expected, merchant, currency));
    }
    expect(actual.payoutSettings.get(merchant), `payout settings of ${merchant}`).toEqual(expected.payoutSettings.get(merchant));
  }
  expect(settled(actual)).toEqual(settled(expected));
  expect(actual.payments).toEqual(expected.payments);
  expect(actual.refundRequests).toEqual(expected.refundRequests);
  expect(actual.holds).toEqual(expected.holds);
  if (idempotency) expect(actual.idempotency).toEqual(expected.idempotency);
  else expect([...actual.idempotency].map(([key, record]) => [key, record.seq])).toEqual([...expected.idempotency].map(([key, record]) => [key, record.seq]));
}

/** A property must see money move: a run that pays nobody in any scenario proves little. */
function paidOut(ledger: Ledger): number {
  return ledger.journal.reduce((count, entry) => count + entry.events.filter((event) => event.type === 'settlement.created').length, 0);
}

// ---------------------------------------------------------------------------------------------
// Property 1: the same wall clock in another zone.

/** A time zone as a configuration names it, and its offset in minutes east of UTC. */
interface Zone {
  readonly text: string;
  readonly minutes: number;
}

/**
 * Every offset the configuration reads (LedgerConfig.timeZone, parseUtcOffset): `Z`, or ±hh,
 * ±hhmm or ±hh:mm up to 14 hours and 59 minutes either way (not only the real ones: +14:59 is
 * read too), `-00:00` included; and the scenarios' own zones.
 */
const zoneArbitrary: fc.Arbitrary<Zone> = fc.oneof(
  fc.constantFrom(...TIME_ZONES).map((text) => ({ text, minutes: offsetMinutes(text) })),
  fc
    .record({ negative: fc.boolean(), hours: fc.integer({ min: 0, max: 14 }), minutes: fc.integer({ min: 0, max: 59 }), form: fc.constantFrom('hh:mm', 'hhmm', 'hh') })
    .map(({ negative, hours, minutes, form }) => {
      const hh = String(hours).padStart(2, '0');
      const mm = String(minutes).padStart(2, '0');
      const text = `${negative ? '-' : '+'}${hh}${form === 'hh' && minutes === 0 ? '' : form === 'hhmm' ? mm : `:${mm}`}`;
      return { text, minutes: (negative ? -1 : 1) * (hours * 60 + minutes) };
    }),
);

/**
 * How a moved `at` is written: in UTC (`toISOString`), or as the very local wall-clock time
 * the first ledger's command showed in its zone followed by the second zone's offset (what
 * "the same local wall clock" means read literally), or each in turn.
 */
type TimeForm = 'utc' | 'wall_clock' | 'alternate';

const shiftArbitrary = fc.record({
  scenario: payoutScenarioArbitrary,
  zone: zoneArbitrary,
  form: fc.constantFrom<TimeForm>('utc', 'wall_clock', 'alternate'),
});

/** The local date and time of an instant in a zone, as `at` writes it before the offset: 2026-04-01T10:00:00.000. */
function localText(instant: number, zone: Zone): string {
  return new Date(instant + zone.minutes * 60_000).toISOString().slice(0, 23);
}

/** A local time to the minute with its offset, as a message names a period's end: 2026-01-10T00:00+09:00. */
const LOCAL_MINUTE = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})[+-]\d{2}:\d{2}/g;

/** A UTC time (as entries and messages write it) moved by `delta` milliseconds. */
function movedIso(text: string, delta: number): string {
  return new Date(Date.parse(text) + delta).toISOString();
}

/**
 * What the first ledger's result says, with every UTC time in it moved by `delta` and every local
 * time (a period's end, `2026-01-10T00:00+09:00`) kept as a wall clock in the second's zone: what
 * the second must say.
 */
function movedOutcome(result: ExecuteResult, delta: number, zone: Zone): unknown {
  if (!result.ok) {
    const message = result.error.message.replace(ISO_TIME, (text) => movedIso(text, delta)).replace(LOCAL_MINUTE, (_, wallClock: string) => `${wallClock}${offsetName(zone.minutes)}`);
    return { ok: false, code: result.error.code, message };
  }
  return { ok: true, replayed: result.replayed, entry: { ...result.entry, at: movedIso(result.entry.at, delta) } };
}

/** Tallies over the runs, so the property can be seen to cover what it claims. */
const shiftTally = { omitted: 0, madeExplicit: 0, paid: 0 };
/** Rejections by code in property 1: `settlement_period_not_ended` quotes UTC times, which move. */
const shiftRejections = new Map<string, number>();

function checkShift({ scenario, zone, form }: { scenario: PayoutScenario; zone: Zone; form: TimeForm }): void {
  const { config, commands } = runPayoutScenario(scenario);
  const from: Zone = { text: scenario.setting.timeZone, minutes: offsetMinutes(scenario.setting.timeZone) };
  const delta = (from.minutes - zone.minutes) * 60_000;
  const moved: LedgerConfig = { ...config, timeZone: zone.text };
  const first = newLedger(config);
  const second = newLedger(moved);

  commands.forEach((command, index) => {
    let sent: Command;
    if (command.at !== undefined) {
      const instant = Date.parse(command.at);
      const inUtc = form === 'utc' || (form === 'alternate' && index % 2 === 0);
      sent = { ...command, at: inUtc ? new Date(instant + delta).toISOString() : `${localText(instant, from)}${zone.text}` };
    } else if (first.journal.length > 0) {
      // Without `at` the command takes the previous entry's time, already moved in the second ledger.
      sent = command;
      shiftTally.omitted += 1;
    } else {
      // Before any entry the clock stands at 1970-01-01T00:00:00Z in every zone: that time is not
      // a local wall clock, so the second ledger is given the first's, moved.
      sent = { ...command, at: new Date(first.state.lastAt + delta).toISOString() };
      shiftTally.madeExplicit += 1;
    }
    const where = `command ${index + 1}: ${JSON.stringify(command)} → ${JSON.stringify(sent)}`;
    const expected = first.execute(command);
    const actual = second.execute(sent);
    if (!expected.ok) shiftRejections.set(expected.error.code, (shiftRejections.get(expected.error.code) ?? 0) + 1);
    expect(outcome(actual), where).toEqual(movedOutcome(expected, delta, zone));
  });

  expectSameBook(second.state, first.state, true);
  expect(second.state.lastAt).toBe(first.journal.length === 0 ? 0 : first.state.lastAt + delta);
  // The hledger export dates each transaction by its local day: the same days, but for the zone
  // the header names.
  const [firstHeader, ...firstLines] = [...hledgerJournalLines(first.state)];
  const [secondHeader, ...secondLines] = [...hledgerJournalLines(second.state)];
  expect(secondLines).toEqual(firstLines);
  expect(secondHeader).toBe(firstHeader?.replace(`UTC${offsetName(from.minutes)}`, `UTC${offsetName(zone.minutes)}`));
  // The moved journal replays in its own zone (replay re-decides every payout's period end).
  const replayed = replayJournal(moved, second.journal);
  expect(replayed.ok ? 'ok' : replayed.error.message).toBe('ok');
  shiftTally.paid += paidOut(first);
}

// ---------------------------------------------------------------------------------------------
// Property 2: holidays that move no payout day.

/** Calendar helpers on day numbers (days since 1970-01-01), written from DOMAIN.md, not the engine's. */
const dayOf = (text: string): number => Date.parse(`${text}T00:00:00Z`) / DAY;
const dateText = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;
const isWeekend = (day: number): boolean => weekday(day) === 0 || weekday(day) === 6;
const isMonthEnd = (day: number): boolean => new Date((day + 1) * DAY).getUTCDate() === 1;
/** A nominal payout day of some frequency: a Friday (weekly) or a month end (monthly). */
const isNominalPayoutDay = (day: number): boolean => weekday(day) === 5 || isMonthEnd(day);
const isBusinessDay = (day: number, holidays: ReadonlySet<number>): boolean => !isWeekend(day) && !holidays.has(day);

/**
 * Which kind of added holiday, each irrelevant to a run on day D with holidays H by DOMAIN.md's
 * rule: a period is paid on D when its nominal payout day P, moved forward past weekends and
 * holidays, lands on D; so D is a business day and every day from P to D − 1 is not. Let E
 * (the eve) be the last business day before D.
 * - `weekend`: a Saturday or Sunday is no business day already (any week, near or far).
 * - `listed`: a date H already lists.
 * - `after`: a day after D: payout days only move forward, so none after D can land on D, and
 *   whether P lands on D reads only the days from P to D.
 * - `before_eve`: a day before E (a Friday or month end too: a payout day of some earlier
 *   period, not one this run pays): P lands on D only if P > E; for P ≤ E, E stays a business
 *   day between P and D.
 * - `eve`: E itself, when no Friday or month end falls after the business day before E and up to
 *   E: a holiday on E would move exactly those payout days onto D (if D is a business day), so
 *   it moves none.
 * - `run_day`: D itself, when no Friday or month end falls after E and up to D: nothing lands
 *   on D then, and nothing would.
 * - `off_day`: any day near D when D is not a business day: nothing is paid on such a day.
 */
const HOLIDAY_KINDS = ['weekend', 'listed', 'after', 'before_eve', 'eve', 'run_day', 'off_day'] as const;
type HolidayKind = (typeof HOLIDAY_KINDS)[number];

interface HolidayDraw {
  readonly kind: HolidayKind;
  readonly pick: number;
}

const holidayDrawArbitrary: fc.Arbitrary<HolidayDraw> = fc.record({ kind: fc.constantFrom(...HOLIDAY_KINDS), pick: fc.nat({ max: 10_000 }) });

const holidayArbitrary = fc.record({
  scenario: payoutScenarioArbitrary,
  // For the n-th distinct run: up to three added dates, and where in the list they go.
  draws: fc.array(fc.record({ added: fc.array(holidayDrawArbitrary, { minLength: 1, maxLength: 3 }), at: fc.nat({ max: 20 }) }), { minLength: 40, maxLength: 40 }),
});

/** The last business day before `day`. */
function businessDayBefore(day: number, holidays: ReadonlySet<number>): number {
  let candidate = day - 1;
  while (!isBusinessDay(candidate, holidays)) candidate -= 1;
  return candidate;
}

/** Whether a Friday or a month end falls in the days after `start` up to `end` (both day numbers). */
function payoutDayBetween(start: number, end: number): boolean {
  for (let day = start + 1; day <= end; day += 1) if (isNominalPayoutDay(day)) return true;
  return false;
}

/** A distance of 0 days one time in three, else up to 39 days, or now and then up to 10,000. */
function nearOrFar(pick: number): number {
  if (pick % 3 === 0) return 0;
  return pick % 5 === 0 ? pick : pick % 40;
}

/** The added date a draw names for a run on `date` with `holidays`, or undefined when its kind does not apply to this run. */
function irrelevantHoliday(date: number, holidays: ReadonlySet<number>, draw: HolidayDraw): number | undefined {
  const { pick } = draw;
  const eve = businessDayBefore(date, holidays);
  switch (draw.kind) {
    case 'weekend': {
      // A weekend day near D (±6 weeks), now and then one a year or more away.
      const weeks = pick % 3 === 0 ? ((pick % 7) - 3) * 52 : (pick % 13) - 6;
      const saturday = date - ((weekday(date) + 1) % 7) + 7 * weeks;
      return saturday + (pick % 2);
    }
    case 'listed':
      return holidays.size === 0 ? undefined : [...holidays][pick % holidays.size];
    // The day next to the edge (D + 1, E − 1) one time in three: an engine off by one there would move a payout.
    case 'after':
      return date + 1 + nearOrFar(pick);
    case 'before_eve':
      return eve - 1 - nearOrFar(pick);
    case 'eve':
      return isBusinessDay(date, holidays) && !payoutDayBetween(businessDayBefore(eve, holidays), eve) ? eve : undefined;
    case 'run_day':
      return isBusinessDay(date, holidays) && !payoutDayBetween(eve, date) ? date : undefined;
    case 'off_day':
      return isBusinessDay(date, holidays) ? undefined : date - 20 + (pick % 41);
  }
}

const holidayTally = new Map<HolidayKind, number>();

type RunCommand = Extract<Command, { op: 'settlement.run' }>;

/** The run with irrelevant holidays added, as drawn, each irrelevant given those before it; the same run (a repeat) gets the same ones, so a keyed repeat stays a retry. */
function withIrrelevantHolidays(run: RunCommand, draw: { added: readonly HolidayDraw[]; at: number }): RunCommand {
  const date = dayOf(run.date);
  const listed = run.holidays ?? [];
  const holidays = new Set(listed.map(dayOf));
  const added: string[] = [];
  for (const one of draw.added) {
    const day = irrelevantHoliday(date, holidays, one);
    if (day === undefined) continue;
    holidayTally.set(one.kind, (holidayTally.get(one.kind) ?? 0) + 1);
    added.push(dateText(day));
    // The next one must be irrelevant with this one listed: a holiday on the eve (a Monday) and
    // one on the Friday before it would, together, move that Friday's payout onto the run's date.
    holidays.add(day);
  }
  const at = draw.at % (listed.length + 1);
  return { ...run, holidays: [...listed.slice(0, at), ...added, ...listed.slice(at)] };
}

/** An entry as the other ledger must write it: a keyed run's fingerprint is its command's JSON, which holds the holidays. */
function comparable(result: ExecuteResult): unknown {
  if (!result.ok || result.entry.command.op !== 'settlement.run') return outcome(result);
  const { fingerprint: _fingerprint, ...command } = result.entry.command;
  return { ok: true, replayed: result.replayed, entry: { ...result.entry, command } };
}

const holidayRuns = { runs: 0, changed: 0, paid: 0 };

function checkHolidays({ scenario, draws }: typeof holidayArbitrary extends fc.Arbitrary<infer T> ? T : never): void {
  const { config, commands } = runPayoutScenario(scenario);
  const plain = newLedger(config);
  const withHolidays = newLedger(config);
  // One draw per distinct run (date, holidays and key): a repeat is sent the same.
  const chosen = new Map<string, RunCommand>();
  commands.forEach((command, index) => {
    let sent: Command = command;
    if (command.op === 'settlement.run') {
      const { at, ...untimed } = command;
      const key = JSON.stringify(untimed);
      const added = chosen.get(key) ?? withIrrelevantHolidays(untimed, draws[chosen.size % draws.length] as (typeof draws)[number]);
      chosen.set(key, added);
      const run: RunCommand = at === undefined ? added : { ...added, at };
      holidayRuns.runs += 1;
      if (JSON.stringify(run.holidays ?? []) !== JSON.stringify(command.holidays ?? [])) holidayRuns.changed += 1;
      sent = run;
    }
    const where = `command ${index + 1}: ${JSON.stringify(sent)} (scenario sent holidays ${JSON.stringify(command.op === 'settlement.run' ? (command.holidays ?? []) : undefined)})`;
    const expected = plain.execute(command);
    const actual = withHolidays.execute(sent);
    expect(comparable(actual), where).toEqual(comparable(expected));
  });
  expectSameBook(withHolidays.state, plain.state, false);
  expect(withHolidays.state.lastAt).toBe(plain.state.lastAt);
  holidayRuns.paid += paidOut(plain);
}

// ---------------------------------------------------------------------------------------------
// Why the times must move: the zone decides which week a payment falls in.

const ONE_PAYOUT_MERCHANT: LedgerConfig = {
  merchants: [
    { id: 'mkt', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 'pm-1', type: 'payout', platform: 'mkt' },
  ],
};

/**
 * Weekly payouts for pm-1, ¥1,000 paid to it on Friday 2026-07-17 at 20:00 UTC (Saturday 05:00
 * in Japan), and the run for Friday 07-24 at its UTC midnight; each time moved by `hours`.
 */
function fridayNightPayment(hours: number): Command[] {
  const at = (text: string): string => new Date(Date.parse(text) + hours * 3_600_000).toISOString();
  return [
    { op: 'payout_settings.update', at: at('2026-07-01T00:00:00Z'), merchant: 'mkt', target: 'pm-1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
    { op: 'payment.create', at: at('2026-07-17T20:00:00Z'), id: 'pay', merchant: 'mkt', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: true, split: [{ submerchantId: 'pm-1', amount: 1000, platformFee: 0 }] },
    { op: 'settlement.run', at: at('2026-07-24T00:00:00Z'), date: '2026-07-24' },
  ];
}

/** An offset as the hledger export's header names it: `+09:00`, `+00:00` for `Z`, whatever its spelling. */
function offsetName(minutes: number): string {
  const size = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
}

/** What the run (the last command) paid, in a ledger of `timeZone`. */
function runEvents(timeZone: string, commands: readonly Command[]): unknown {
  const ledger = newLedger({ ...ONE_PAYOUT_MERCHANT, timeZone });
  const results = commands.map((command) => ledger.execute(command));
  const run = results.at(-1);
  return run?.ok === true ? run.entry.events : run?.error.code;
}

describe('metamorphic: payout calendars read local dates', () => {
  it('the same local wall clock in another time zone gives the same results, entries (times moved), balances, payouts and settled periods, and the same hledger dates', () => {
    fc.assert(fc.property(shiftArbitrary, checkShift), { numRuns: NUM_RUNS });
    // Not vacuous: runs paid, commands without `at` kept their moved clock, and runs refused before
    // their period ended (the message quotes UTC times) were refused in the moved ledger too.
    expect(shiftTally.paid).toBeGreaterThan(NUM_RUNS);
    expect(shiftTally.omitted).toBeGreaterThan(0);
    expect(shiftRejections.get('settlement_period_not_ended') ?? 0).toBeGreaterThan(0);
  });

  it('a holiday that moves no payout day onto or off the run\'s date (a weekend, a date listed, a day after the run, a business day before its eve, an eve or run day with no Friday or month end before it, any day when the run day is no business day) changes no result, entry or balance', () => {
    fc.assert(fc.property(holidayArbitrary, checkHolidays), { numRuns: NUM_RUNS });
    expect(holidayRuns.paid).toBeGreaterThan(NUM_RUNS);
    expect(holidayRuns.changed).toBeGreaterThan(holidayRuns.runs / 2);
    for (const kind of HOLIDAY_KINDS) expect(holidayTally.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });

  it('the same instants in another zone are another calendar: a payment on Friday 20:00 UTC is in the week 07-11 to 07-17 in UTC, paid on 07-24, but on Saturday in Japan, in the next week; moved nine hours it is on Saturday in UTC too', () => {
    const paid = [{ type: 'settlement.created', merchant: 'pm-1', amount: 1000, currency: 'JPY' }];
    expect(runEvents('+09:00', fridayNightPayment(0))).toEqual([]);
    expect(runEvents('Z', fridayNightPayment(0))).toEqual(paid);
    expect(runEvents('Z', fridayNightPayment(9))).toEqual([]);
  });
});
