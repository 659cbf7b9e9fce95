import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableBalance,
  checkJournalLength,
  CompactEntryDecoder,
  createLedger,
  headerEntryCount,
  JournalReplay,
  journalNdjsonLines,
  merchantBalances,
  parseJournalEntry,
  paymentView,
  postedBalance,
  replayJournal,
  type Command,
  type Entry,
  type ExecuteResult,
  type JournalFormat,
  type Ledger,
  type LedgerConfig,
} from '@kanjo/ledger';
import {
  cancelPaymentCommandArbitrary,
  cancelSessionCommandArbitrary,
  capturePaymentCommandArbitrary,
  chargebackPaymentCommandArbitrary,
  completeRefundRequestCommandArbitrary,
  completeSessionCommandArbitrary,
  createPaymentCommandArbitrary,
  createSessionCommandArbitrary,
  expirePaymentCommandArbitrary,
  ledgerConfigArbitrary,
  refundPaymentCommandArbitrary,
  rejectRefundRequestCommandArbitrary,
  requestRefundCommandArbitrary,
  runSettlementCommandArbitrary,
  TESTING_MERCHANT_IDS,
  transferBalanceCommandArbitrary,
  updatePayoutSettingsCommandArbitrary,
} from '@kanjo/ledger/testing';
import { journalScenarioArbitrary, runJournalScenario } from './support/journal-scenarios.js';
import { BANK_ACCOUNT, CONFIG, refundRequest, sellerPayment } from './support/fixtures.js';
import { newLedger, stateSnapshot } from './support/ledger-harness.js';
import { currenciesOf, usdPayoutSettings } from './support/metamorphic.js';
import { payoutScenarioArbitrary, runPayoutScenario } from './support/payout-scenarios.js';

// Metamorphic properties of a stop and a restart.
//
// A service that embeds Kanjo keeps the journal in its own store and, after a crash or a
// deploy, rebuilds the ledger from it and carries on. README ("Export the journal as `kanjo run
// --journal` writes it … and rebuild a ledger from it", "apply": "The engine and
// `replayJournal` use the same function, so a replay gives the same state as the live run")
// promises that the rebuilt ledger goes on exactly where the live one would. So a run of
// commands executed with stops anywhere in it (the journal written out as NDJSON in either
// format, read back from the text as the README's sample does, replayed, and the remaining
// commands executed on the rebuilt ledger) must give every command the result of the run
// without stops (ok or the rejection's code and message; the entry and events when accepted),
// and end with the same journal, byte for byte as NDJSON, and the same balances and payments.
//
// What replay.test.ts and the other metamorphic files already check, and this file does not
// repeat: a replay of a whole run's journal (in memory) equals the live state; the compact and
// objects formats give back the entries; one fixed list of five commands goes on alike after a
// replay of EVERY_FLOW; a JournalReplay that keeps its entries numbers the next entry after the
// last; and (metamorphic-retries) a ledger read back from a whole run's compact journal answers
// the keyed commands' retries with the first result. New here: stops in the middle of a run
// (and several of them), the objects format read back and gone on from, the whole NDJSON text
// compared at the end, every later command's result compared (rejections included), the header
// configuration as the restarted service holds it used for its next export, retries sent right
// after a stop (between a command and its keyed retry), stops around settlement runs and payout
// settings (repeated runs and carried-over periods after it) and with refund requests (seller-
// model re-estimation after it), sessions and two-step captures pending, commands without `at`
// right after a stop, the live book's approvals and balance_overflow decided after a stop, a
// journal appended line by line as a service writes it, and a ledger rebuilt by `replayJournal`
// against one rebuilt by `JournalReplay` entry by entry.

/** How many runs each property makes (KANJO_MODEL_RUNS for a longer search). */
const NUM_RUNS = Number(process.env['KANJO_MODEL_RUNS'] ?? 150);

const FORMATS: readonly JournalFormat[] = ['compact', 'objects'];

/** How a stopped service rebuilds its ledger from the decoded entries. */
type Rebuild = 'replayJournal' | 'JournalReplay';

/** One stop: where (before which command, 0 to n), the format written out, and how the ledger is rebuilt. */
interface Stop {
  readonly before: number;
  readonly format: JournalFormat;
  readonly rebuild: Rebuild;
}

/** A stop before every command, the formats and the ways of rebuilding taken in turn from `turn` on. */
function stopBeforeEvery(commands: readonly Command[], turn: number): Stop[] {
  return commands.map((_, before) => ({
    before,
    format: FORMATS[(before + turn) % 2] as JournalFormat,
    rebuild: (before + (turn >> 1)) % 2 === 0 ? 'replayJournal' : 'JournalReplay',
  }));
}

// ---------------------------------------------------------------------------------------------
// Writing out and reading back, as the README's sample does.

/** The journal as the file `kanjo run --journal` writes (README: each line ends in its `\n`). */
function journalText(config: LedgerConfig, journal: readonly Entry[], format: JournalFormat): string {
  return [...journalNdjsonLines(config, journal, format)].join('');
}

/**
 * The configuration and entries of a journal file, read from its text exactly as the README's
 * sample does: the compact format through `CompactEntryDecoder`, the objects format through
 * `parseJournalEntry(JSON.parse(line), n)`, and the length checked against the header with
 * `checkJournalLength`. Anything refused fails the test.
 */
function readJournalText(text: string, format: JournalFormat): { config: LedgerConfig; entries: Entry[] } {
  const [header = '', ...lines] = text.split('\n').filter((line) => line !== '');
  const parsedHeader = JSON.parse(header) as { kanjo_journal: number; entries?: unknown; config: LedgerConfig };
  let config: LedgerConfig;
  let expected: number | undefined;
  let entries: Entry[];
  if (format === 'compact') {
    expect(parsedHeader.kanjo_journal).toBe(2);
    const opened = CompactEntryDecoder.fromHeader(parsedHeader);
    if (!opened.ok) throw new Error(opened.error.message);
    config = opened.value.config;
    expected = opened.value.entries;
    entries = lines.map((line, index) => {
      const decoded = opened.value.decoder.decodeText(line, index + 2);
      if (!decoded.ok) throw new Error(decoded.error.message);
      return decoded.value;
    });
  } else {
    expect(parsedHeader.kanjo_journal).toBe(1);
    const count = headerEntryCount(parsedHeader);
    if (!count.ok) throw new Error(count.error.message);
    config = parsedHeader.config;
    expected = count.value;
    entries = lines.map((line, index) => {
      const parsed = parseJournalEntry(JSON.parse(line), index + 2);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
  }
  const whole = checkJournalLength(expected, entries.length);
  if (!whole.ok) throw new Error(whole.error.message);
  return { config, entries };
}

/** A ledger rebuilt from entries: by `replayJournal`, or fed to a `JournalReplay` (keeping them) one at a time. */
function rebuild(config: LedgerConfig, entries: readonly Entry[], how: Rebuild): Ledger {
  if (how === 'replayJournal') {
    const replayed = replayJournal(config, entries);
    if (!replayed.ok) throw new Error(`${replayed.error.code}: ${replayed.error.message}`);
    return replayed.value;
  }
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const replay = new JournalReplay(created.value);
  for (const entry of entries) {
    const added = replay.add(entry);
    if (!added.ok) throw new Error(`${added.error.code}: ${added.error.message}`);
  }
  return replay.ledger;
}

/**
 * A stop and a restart: the journal written out with the configuration the service holds (the
 * one it gave `createLedger`, or after an earlier restart the one it read from the header),
 * read back from the text, and rebuilt. The service goes on with the header's configuration.
 */
function restart(config: LedgerConfig, ledger: Ledger, stop: Stop): { config: LedgerConfig; ledger: Ledger } {
  const read = readJournalText(journalText(config, ledger.journal, stop.format), stop.format);
  return { config: read.config, ledger: rebuild(read.config, read.entries, stop.rebuild) };
}

// ---------------------------------------------------------------------------------------------
// Comparing.

/** What a result says: the entry, events and `replayed` when accepted, the code and message when refused. */
function outcome(result: ExecuteResult): unknown {
  if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
  return { ok: true, replayed: result.replayed, entry: result.entry, events: result.events };
}

/** What a service shows of a ledger: balances (posted and available, per merchant and currency) and every payment's view. */
function views(config: LedgerConfig, ledger: Ledger, others: readonly Ledger[]): unknown {
  const merchants = config.merchants.map((merchant) => merchant.id);
  const money: Record<string, unknown> = {};
  for (const merchant of merchants) {
    for (const currency of [...currenciesOf(merchant, ledger.state, ...others.map((other) => other.state))].sort()) {
      money[`${merchant} ${currency}`] = { posted: postedBalance(ledger.state, merchant, currency), available: availableBalance(ledger.state, merchant, currency) };
    }
  }
  return {
    balances: merchantBalances(ledger.state),
    money,
    payments: [...ledger.state.payments.values()].map((payment) => paymentView(payment)),
  };
}

/**
 * Runs `commands` on one ledger without a stop and on another with `stops`, and checks that
 * every command gets the same result on both, and that both end with the same journal (as
 * NDJSON text in both formats, each written with the configuration its service holds), views
 * and state. Returns both ledgers and their outcomes for further checks.
 */
function checkStops(config: LedgerConfig, commands: readonly Command[], stops: readonly Stop[]): { live: Ledger; stopped: Ledger; outcomes: unknown[]; stoppedConfig: LedgerConfig } {
  const live = newLedger(config);
  const outcomes = commands.map((command) => outcome(live.execute(command)));

  let current = { config, ledger: newLedger(config) };
  const byPosition = new Map<number, Stop[]>();
  for (const stop of stops) byPosition.set(stop.before, [...(byPosition.get(stop.before) ?? []), stop]);
  for (let index = 0; index <= commands.length; index += 1) {
    for (const stop of byPosition.get(index) ?? []) {
      const before = stateSnapshot(current.ledger.state);
      current = restart(current.config, current.ledger, stop);
      // The rebuilt state is the one it was rebuilt from (a quick guard: the properties below
      // are about what comes after).
      expect(stateSnapshot(current.ledger.state), `state rebuilt before command ${index + 1} (${stop.format}, ${stop.rebuild})`).toEqual(before);
    }
    const command = commands[index];
    if (command === undefined) break;
    const answer = outcome(current.ledger.execute(command));
    const where = `command ${index + 1} of ${commands.length} ${JSON.stringify(command)}; stops ${JSON.stringify(stops)}`;
    // As a service would send it on, and as values.
    expect(JSON.stringify(answer), where).toBe(JSON.stringify(outcomes[index]));
    expect(answer, where).toEqual(outcomes[index]);
  }
  const stopped = current.ledger;
  for (const format of FORMATS) {
    expect(journalText(current.config, stopped.journal, format), `the final ${format} journal`).toBe(journalText(config, live.journal, format));
  }
  expect(views(config, stopped, [live])).toEqual(views(config, live, [stopped]));
  expect(stateSnapshot(stopped.state)).toEqual(stateSnapshot(live.state));
  // The configuration the restarted ledger runs with, as resolved (merchants, book, time zone).
  expect(stopped.state.config).toEqual(live.state.config);
  return { live, stopped, outcomes, stoppedConfig: current.config };
}

// ---------------------------------------------------------------------------------------------
// Runs of commands.

/** A journal scenario's commands as sent (times included), some of them keyed, with USD payout settings sometimes. */
function journalRun(scenario: JournalScenarioDraw): { config: LedgerConfig; commands: Command[] } {
  const run = runJournalScenario(scenario.scenario);
  const commands = [...usdPayoutSettings(run.config, run.sent[0], scenario.usdPayouts), ...run.sent].map((command, index) =>
    scenario.keyed[index % scenario.keyed.length] === true ? ({ ...command, idempotencyKey: `key-${index}` } as Command) : command,
  );
  return { config: run.config, commands };
}

const journalScenarioDrawArbitrary = fc.record({
  scenario: journalScenarioArbitrary,
  usdPayouts: fc.constantFrom<'weekly' | 'monthly' | undefined>('weekly', 'monthly', undefined),
  /** Which commands carry a key of their own (modulo 16). */
  keyed: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
});
type JournalScenarioDraw = typeof journalScenarioDrawArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** When a drawn command is sent: without `at` (the previous entry's time), later, or earlier than the clock (refused as out of order unless it is a retry). */
type TimeStep = { readonly kind: 'none' } | { readonly kind: 'later'; readonly minutes: number } | { readonly kind: 'earlier'; readonly minutes: number };

const timeStepArbitrary: fc.Arbitrary<TimeStep> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<TimeStep>({ kind: 'none' }) },
  { weight: 6, arbitrary: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 4 * 1440 })).map((minutes): TimeStep => ({ kind: 'later', minutes })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 600 }).map((minutes): TimeStep => ({ kind: 'earlier', minutes })) },
);

/** Every command arbitrary of `@kanjo/ledger/testing`, weighted roughly as a shop sends them; keys `key-1` and `key-2` are drawn now and then, so keys are reused and retried. */
const testingCommandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 10, arbitrary: createPaymentCommandArbitrary() },
  { weight: 5, arbitrary: capturePaymentCommandArbitrary() },
  { weight: 1, arbitrary: cancelPaymentCommandArbitrary() },
  { weight: 1, arbitrary: expirePaymentCommandArbitrary() },
  { weight: 4, arbitrary: refundPaymentCommandArbitrary() },
  { weight: 4, arbitrary: requestRefundCommandArbitrary() },
  { weight: 3, arbitrary: completeRefundRequestCommandArbitrary() },
  { weight: 1, arbitrary: rejectRefundRequestCommandArbitrary() },
  { weight: 1, arbitrary: chargebackPaymentCommandArbitrary() },
  { weight: 2, arbitrary: transferBalanceCommandArbitrary() },
  { weight: 3, arbitrary: updatePayoutSettingsCommandArbitrary() },
  { weight: 3, arbitrary: runSettlementCommandArbitrary() },
  { weight: 2, arbitrary: createSessionCommandArbitrary() },
  { weight: 2, arbitrary: completeSessionCommandArbitrary() },
  { weight: 1, arbitrary: cancelSessionCommandArbitrary() },
);

const START = Date.parse('2026-04-01T00:00:00Z');

/** Drawn commands dated by their steps from 2026-04-01 (the arbitraries' settlement dates run from April to September). */
function timed(steps: readonly (readonly [Command, TimeStep])[]): Command[] {
  let clock = START;
  return steps.map(([command, step]) => {
    if (step.kind === 'none') {
      const { at: _at, ...undated } = command;
      return undated as Command;
    }
    clock += (step.kind === 'later' ? 1 : -1) * step.minutes * 60_000;
    const at = new Date(clock).toISOString();
    if (step.kind === 'earlier') clock += step.minutes * 60_000;
    return { ...command, at };
  });
}

/**
 * Now and then a card payment of the marketplace just below 2^53, all of it to one payout
 * merchant (as `hugeAmounts` draws it): a second one to the same merchant is balance_overflow,
 * decided on both sides of a stop.
 */
const HUGE = Number.MAX_SAFE_INTEGER - 7;
const hugePaymentArbitrary: fc.Arbitrary<Command> = fc
  .tuple(fc.constantFrom('pay-1', 'pay-2', 'pay-3'), fc.constantFrom(...TESTING_MERCHANT_IDS.payoutMerchants.slice(0, 2)))
  .map(([id, submerchantId]): Command => ({ op: 'payment.create', id, merchant: TESTING_MERCHANT_IDS.marketplace, amount: HUGE, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId, amount: HUGE, platformFee: 0 }] }));

/**
 * The test book of `ledgerConfigArbitrary`, or the same merchants in the live book, each approved
 * or not (README merchant_not_approved: live payments need approved merchants), which the
 * arbitrary itself never draws.
 */
const configArbitrary: fc.Arbitrary<LedgerConfig> = fc
  .tuple(ledgerConfigArbitrary(), fc.boolean(), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
  .map(([config, live, approvals]) =>
    live ? { ...config, book: 'live', merchants: config.merchants.map((merchant, index) => ({ ...merchant, approved: approvals[index % approvals.length] !== false || index === 0 })) } : config,
  );

/**
 * The arbitraries' commands on one payment of its own: drawn alone, they rarely meet a captured
 * payment whose split names the merchants a refund does (a review counted one run in 150 with an
 * accepted refund, and none with a completed refund request), so restarts before refunds went
 * untried. The first payout merchant and seller (always in the configuration, always active)
 * and plausible commands only; what they decide is still the engine's (a reverse refund of the
 * only payment is insufficient_balance, the fee being the platform's).
 */
const FLOW_CONSTRAINTS = {
  ids: { ...TESTING_MERCHANT_IDS, payoutMerchants: TESTING_MERCHANT_IDS.payoutMerchants.slice(0, 1), sellers: TESTING_MERCHANT_IDS.sellers.slice(0, 1) },
  implausibleWeight: 0,
  idempotencyKeys: [],
} as const;
const flowPaymentId = fc.nat({ max: 9999 }).map((n) => `flow-${n}`);

/** A card or PayPay payment, its capture if it was only authorized, and one to three refunds of it. */
const directRefundFlowArbitrary: fc.Arbitrary<Command[]> = flowPaymentId.chain((id) =>
  fc
    .tuple(
      createPaymentCommandArbitrary({ ...FLOW_CONSTRAINTS, paymentIds: [id], paymentTypes: ['credit_card', 'paypay'] }),
      capturePaymentCommandArbitrary({ ...FLOW_CONSTRAINTS, paymentIds: [id] }),
      fc.array(refundPaymentCommandArbitrary({ ...FLOW_CONSTRAINTS, paymentIds: [id] }), { minLength: 1, maxLength: 3 }),
    )
    .map(([create, capture, refunds]) => [create, ...(create.capture === false ? [capture] : []), ...refunds]),
);

/**
 * A Konbini payment, the customer paying it at the store (a capture command from the arbitrary
 * if the payment was only authorized), one or two refund requests of it and the completion of
 * each (drawn alone, a completion rarely names a request that was made).
 */
const refundRequestFlowArbitrary: fc.Arbitrary<Command[]> = flowPaymentId.chain((id) =>
  fc
    .tuple(
      createPaymentCommandArbitrary({ ...FLOW_CONSTRAINTS, paymentIds: [id], paymentTypes: ['konbini'] }),
      capturePaymentCommandArbitrary({ ...FLOW_CONSTRAINTS, paymentIds: [id] }),
      fc.array(requestRefundCommandArbitrary({ ...FLOW_CONSTRAINTS, paymentIds: [id], refundRequestIds: [`${id}-a`, `${id}-b`] }), { minLength: 1, maxLength: 2 }),
    )
    .map(([create, capture, requests]): Command[] => [
      create,
      create.capture === false ? capture : { op: 'payment.capture', payment: id },
      ...requests,
      ...requests.map((request): Command => ({ op: 'refund_request.complete', refundRequest: request.id })),
    ]),
);

/** Each command of a flow with a time step of its own. */
function timedSteps(commands: fc.Arbitrary<Command[]>): fc.Arbitrary<[Command, TimeStep][]> {
  return commands.chain((list) => fc.tuple(...list.map((command) => timeStepArbitrary.map((step): [Command, TimeStep] => [command, step]))));
}

const testingRunArbitrary = fc.record({
  config: configArbitrary,
  chunks: fc.array(
    fc.oneof(
      { weight: 12, arbitrary: fc.tuple(testingCommandArbitrary, timeStepArbitrary).map((step) => [step]) },
      { weight: 1, arbitrary: fc.tuple(hugePaymentArbitrary, timeStepArbitrary).map((step) => [step]) },
      { weight: 1, arbitrary: timedSteps(directRefundFlowArbitrary) },
      { weight: 2, arbitrary: timedSteps(refundRequestFlowArbitrary) },
    ),
    { minLength: 5, maxLength: 45 },
  ),
}).map(({ config, chunks }) => ({ config, steps: chunks.flat() }));

/** Draws of stops over a run of n commands: positions (modulo n + 1), formats and rebuilds. */
const stopDrawsArbitrary = fc.array(fc.record({ at: fc.nat({ max: 10_000 }), format: fc.constantFrom(...FORMATS), rebuild: fc.constantFrom<Rebuild>('replayJournal', 'JournalReplay') }), { minLength: 1, maxLength: 4 });

function stopsOf(draws: readonly { at: number; format: JournalFormat; rebuild: Rebuild }[], count: number): Stop[] {
  return draws.map((draw) => ({ before: draw.at % (count + 1), format: draw.format, rebuild: draw.rebuild })).sort((a, b) => a.before - b.before);
}

/** Tallies over the runs, so that each property can be seen to reach what it aims at. */
const tally = {
  accepted: 0,
  refused: 0,
  replayedAfterStop: 0,
  undatedAfterStop: 0,
  stopsBeforeRun: 0,
  stopsAfterRun: 0,
  stopsBeforeSettings: 0,
  stopsWithPendingRequest: 0,
  stopsWithPendingSession: 0,
  stopsWithAuthorized: 0,
  stopsWithPartialRefunds: 0,
  runsPayingAfterStop: 0,
  retriesAfterStop: 0,
  retriesAnsweredFirst: 0,
  overflowRefused: 0,
  appendedRestarts: 0,
  reestimatedAfterStop: 0,
  carriedAfterStop: 0,
  repeatedRunAfterStop: 0,
  unapprovedAfterStop: 0,
  refundsAfterStop: 0,
  requestsCompletedAfterStop: 0,
};

/** Counts what the commands around each stop were and what the state held there (on the live run, which the stopped one equals). */
function tallyStops(config: LedgerConfig, commands: readonly Command[], stops: readonly Stop[], outcomes: readonly unknown[]): void {
  const positions = new Set(stops.map((stop) => stop.before));
  const ledger = newLedger(config);
  commands.forEach((command, index) => {
    if (positions.has(index)) {
      const state = ledger.state;
      if (command.op === 'settlement.run') tally.stopsBeforeRun += 1;
      if (command.op === 'payout_settings.update') tally.stopsBeforeSettings += 1;
      if (commands[index - 1]?.op === 'settlement.run') tally.stopsAfterRun += 1;
      if ([...state.refundRequests.values()].some((request) => request.status === 'pending')) tally.stopsWithPendingRequest += 1;
      if ([...state.sessions.values()].some((session) => session.status === 'pending')) tally.stopsWithPendingSession += 1;
      if ([...state.payments.values()].some((payment) => payment.status === 'authorized')) tally.stopsWithAuthorized += 1;
      if ([...state.payments.values()].some((payment) => payment.refundedAmount > 0 && payment.refundedAmount < payment.capturedAmount)) tally.stopsWithPartialRefunds += 1;
    }
    const result = ledger.execute(command);
    const afterStop = [...positions].some((position) => position <= index);
    if (result.ok) tally.accepted += 1;
    else tally.refused += 1;
    if (afterStop && result.ok && result.replayed) tally.replayedAfterStop += 1;
    if (positions.has(index) && command.at === undefined) tally.undatedAfterStop += 1;
    if (afterStop && result.ok && command.op === 'settlement.run' && result.entry.postings.length > 0) tally.runsPayingAfterStop += 1;
    if (!result.ok && result.error.code === 'balance_overflow') tally.overflowRefused += 1;
    if (afterStop && !result.ok && result.error.code === 'merchant_not_approved') tally.unapprovedAfterStop += 1;
    if (afterStop && result.ok && !result.replayed && command.op === 'payment.refund') tally.refundsAfterStop += 1;
    if (afterStop && result.ok && !result.replayed && command.op === 'refund_request.complete') tally.requestsCompletedAfterStop += 1;
    if (afterStop && result.ok && !result.replayed) {
      if (result.entry.changes.some((change) => change.kind === 'refund_request_reestimated')) tally.reestimatedAfterStop += 1;
      if (result.entry.changes.some((change) => change.kind === 'payout_period_settled' && change.amount === 0)) tally.carriedAfterStop += 1;
      if (command.op === 'settlement.run' && commands.slice(0, index).some((earlier) => earlier.op === 'settlement.run' && earlier.date === command.date)) tally.repeatedRunAfterStop += 1;
    }
  });
  expect(outcomes.length).toBe(commands.length);
}

// ---------------------------------------------------------------------------------------------
// Retries right after a stop.

/**
 * A run with retries of its keyed commands inserted, each right after a stop: the retry of the
 * command at `of` goes `after` commands later (0: right after it), dated at its command's own
 * time, without `at`, or at the next command's time. Returns the commands and the stops (before
 * each retry, alternating the format, and sometimes after it too).
 */
function withRetriesAfterStops(commands: readonly Command[], draws: readonly RetryDraw[]): { commands: Command[]; stops: Stop[]; retries: Map<number, number> } {
  const keyed = commands.flatMap((command, index) => (command.idempotencyKey === undefined ? [] : [index]));
  if (keyed.length === 0) return { commands: [...commands], stops: [], retries: new Map() };
  // Where each retry goes: after the original command at position `insertAfter`.
  const inserts = draws.map((draw) => {
    const of = keyed[draw.of % keyed.length] as number;
    const insertAfter = of + (draw.after % (commands.length - of));
    return { of, insertAfter, draw };
  });
  const out: Command[] = [];
  const stops: Stop[] = [];
  const retries = new Map<number, number>(); // position of a retry in `out` → position of its command in `out`
  const positionOf = new Map<number, number>();
  commands.forEach((command, index) => {
    positionOf.set(index, out.length);
    out.push(command);
    inserts
      .filter((insert) => insert.insertAfter === index)
      .forEach((insert, count) => {
        const original = commands[insert.of] as Command;
        const { at: _at, ...undated } = original;
        const next = commands[index + 1]?.at;
        const retry =
          insert.draw.time === 'none' || (insert.draw.time === 'next' && next === undefined)
            ? (undated as Command)
            : insert.draw.time === 'next'
              ? ({ ...undated, at: next } as Command)
              : original;
        stops.push({ before: out.length, format: (stops.length + count) % 2 === 0 ? 'compact' : 'objects', rebuild: insert.draw.rebuild });
        retries.set(out.length, positionOf.get(insert.of) as number);
        out.push(retry);
        if (insert.draw.stopAfter) stops.push({ before: out.length, format: 'objects', rebuild: 'replayJournal' });
      });
  });
  return { commands: out, stops, retries };
}

const retryDrawArbitrary = fc.record({
  of: fc.nat({ max: 1000 }),
  after: fc.nat({ max: 1000 }),
  time: fc.constantFrom<'same' | 'none' | 'next'>('same', 'none', 'next'),
  rebuild: fc.constantFrom<Rebuild>('replayJournal', 'JournalReplay'),
  stopAfter: fc.boolean(),
});
type RetryDraw = typeof retryDrawArbitrary extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------

describe('metamorphic: a stop and a restart from the written journal change nothing', () => {
  it('for any run and any one stop, in either format: every later command gets the result of the run without the stop (ok or the code and message), and the run ends with the same NDJSON text in both formats, balances, payment views and state', () => {
    fc.assert(
      fc.property(journalScenarioDrawArbitrary, fc.nat({ max: 10_000 }), fc.constantFrom(...FORMATS), (draw, at, format) => {
        const { config, commands } = journalRun(draw);
        const stops: Stop[] = [{ before: at % (commands.length + 1), format, rebuild: 'replayJournal' }];
        const { outcomes } = checkStops(config, commands, stops);
        tallyStops(config, commands, stops, outcomes);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.accepted).toBeGreaterThan(NUM_RUNS * 5);
    expect(tally.refused).toBeGreaterThan(0);
  });

  it('for runs of the @kanjo/ledger/testing arbitraries, alone and as flows of one payment and its refunds (many refused: unknown ids, keys reused, times out of order, merchants not approved in the live book, balances past 2^53; commands without at), with stops anywhere, in either format, rebuilt either way: the same results, the same NDJSON, balances and payment views', () => {
    const before = { ...tally };
    fc.assert(
      fc.property(testingRunArbitrary, stopDrawsArbitrary, ({ config, steps }, draws) => {
        const commands = timed(steps);
        const stops = stopsOf(draws, commands.length);
        const { outcomes } = checkStops(config, commands, stops);
        tallyStops(config, commands, stops, outcomes);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.undatedAfterStop).toBeGreaterThan(0);
    expect(tally.overflowRefused).toBeGreaterThan(0);
    expect(tally.unapprovedAfterStop).toBeGreaterThan(0);
    // Counted over this property's runs alone: the journal scenarios of the others refund too.
    expect(tally.refundsAfterStop - before.refundsAfterStop).toBeGreaterThan(0);
    expect(tally.requestsCompletedAfterStop - before.requestsCompletedAfterStop).toBeGreaterThan(0);
    if (process.env['KANJO_MODEL_TALLY'] !== undefined) console.log(tally);
  });

  it('with several stops in one run (k1 < k2 < k3…, each format and rebuild in turn): every command gets the result of the run without stops, and the run ends with the same NDJSON text, balances and payment views', () => {
    fc.assert(
      fc.property(journalScenarioDrawArbitrary, fc.array(fc.nat({ max: 10_000 }), { minLength: 2, maxLength: 5 }), fc.nat({ max: 3 }), (draw, ats, turn) => {
        const { config, commands } = journalRun(draw);
        const positions = [...new Set(ats.map((at) => at % (commands.length + 1)))].sort((a, b) => a - b);
        const stops = positions.map((before, index): Stop => ({
          before,
          format: FORMATS[(index + turn) % 2] as JournalFormat,
          rebuild: (index + (turn >> 1)) % 2 === 0 ? 'replayJournal' : 'JournalReplay',
        }));
        const { outcomes } = checkStops(config, commands, stops);
        tallyStops(config, commands, stops, outcomes);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a keyed command\'s retry sent right after a stop (dated as it was, later, or without at) is answered with the first result (replayed, the very entry) and appends nothing, as without the stop; a stop right after the retry changes nothing either', () => {
    fc.assert(
      fc.property(journalScenarioDrawArbitrary, fc.array(retryDrawArbitrary, { minLength: 1, maxLength: 4 }), (draw, retryDraws) => {
        const run = journalRun(draw);
        const { commands, stops, retries } = withRetriesAfterStops(run.commands, retryDraws);
        const { outcomes, stopped } = checkStops(run.config, commands, stops);
        for (const [retryAt, firstAt] of retries) {
          tally.retriesAfterStop += 1;
          const first = outcomes[firstAt] as { ok: boolean; replayed?: boolean; entry?: Entry; events?: unknown };
          // A command the ledger refused is not remembered: its retry is decided again (compared above with the run without stops).
          if (!first.ok || first.replayed === true) continue;
          expect(outcomes[retryAt], `retry at ${retryAt + 1} of command ${firstAt + 1}`).toEqual({ ...first, replayed: true });
          tally.retriesAnsweredFirst += 1;
        }
        // Every entry is one accepted command's that was not answered from its key.
        expect(stopped.journal.length).toBe(outcomes.filter((each) => (each as { ok: boolean; replayed?: boolean }).ok && (each as { replayed?: boolean }).replayed === false).length);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.retriesAnsweredFirst).toBeGreaterThan(NUM_RUNS / 2);
  });

  it('a stop before every command of a payout run (settlement runs paying and carrying, payout settings switched, refund requests pending across runs, commands without at), alternating formats and rebuilds: the same results, payouts, settled periods and NDJSON as without stops', () => {
    fc.assert(
      fc.property(payoutScenarioArbitrary, fc.nat({ max: 3 }), (scenario, turn) => {
        const { config, commands } = runPayoutScenario(scenario);
        const stops = stopBeforeEvery(commands, turn);
        const { outcomes, live, stopped } = checkStops(config, commands, stops);
        expect(stopped.state.settledPeriods).toEqual(live.state.settledPeriods);
        expect(stopped.state.payoutSettings).toEqual(live.state.payoutSettings);
        tallyStops(config, commands, stops, outcomes);
      }),
      { numRuns: Math.max(20, Math.floor(NUM_RUNS / 3)) },
    );
    expect(tally.stopsBeforeRun).toBeGreaterThan(0);
    expect(tally.stopsAfterRun).toBeGreaterThan(0);
    expect(tally.runsPayingAfterStop).toBeGreaterThan(0);
    expect(tally.carriedAfterStop).toBeGreaterThan(0);
    expect(tally.repeatedRunAfterStop).toBeGreaterThan(0);
  });

  it('a stop before every command of a run of every flow (refund requests, sessions and two-step captures pending, partial refunds, chargebacks, transfers): the same results and NDJSON as without stops', () => {
    fc.assert(
      fc.property(journalScenarioDrawArbitrary, fc.nat({ max: 3 }), (draw, turn) => {
        const { config, commands } = journalRun(draw);
        const stops = stopBeforeEvery(commands, turn);
        const { outcomes } = checkStops(config, commands, stops);
        tallyStops(config, commands, stops, outcomes);
      }),
      { numRuns: Math.max(20, Math.floor(NUM_RUNS / 3)) },
    );
    expect(tally.stopsWithPendingRequest).toBeGreaterThan(0);
    expect(tally.stopsWithPendingSession).toBeGreaterThan(0);
    expect(tally.stopsWithAuthorized).toBeGreaterThan(0);
    expect(tally.stopsWithPartialRefunds).toBeGreaterThan(0);
    expect(tally.stopsBeforeSettings).toBeGreaterThan(0);
    // A re-estimation after a stop needs two seller-model requests pending on one payment, which
    // twenty draws do not always make (this assertion failed about one run in five): the next
    // test makes one on purpose.
  });

  it('a stop between two pending seller-model refund requests and the completion that re-estimates the other: the same entry, re-estimation included, and NDJSON as without the stop', () => {
    const commands: readonly Command[] = [
      sellerPayment('skb', { paymentType: 'konbini', at: '2026-01-05T10:00:00+09:00' }),
      { op: 'payment.capture', payment: 'skb' },
      refundRequest({ id: 'r0', payment: 'skb', amount: 7 }),
      refundRequest({ id: 'r1', payment: 'skb', amount: 7 }),
      { op: 'refund_request.complete', refundRequest: 'r1' },
      { op: 'refund_request.reject', refundRequest: 'r0' },
    ];
    const before = tally.reestimatedAfterStop;
    for (const stops of [stopBeforeEvery(commands, 0), stopBeforeEvery(commands, 3), [{ before: 4, format: 'compact', rebuild: 'JournalReplay' } as const]]) {
      const { outcomes } = checkStops(CONFIG, commands, stops);
      tallyStops(CONFIG, commands, stops, outcomes);
    }
    expect(tally.reestimatedAfterStop - before).toBe(3);
  });

  it('a journal a service appends as entries come (the objects format: a header without the count, then each accepted command\'s line) holds the exported lines byte for byte, and a restart from it goes on like the run without a stop', () => {
    fc.assert(
      fc.property(journalScenarioDrawArbitrary, fc.nat({ max: 10_000 }), (draw, at) => {
        const { config, commands } = journalRun(draw);
        const cut = at % (commands.length + 1);
        const live = newLedger(config);
        const outcomes = commands.map((command) => outcome(live.execute(command)));
        // The service: a header once (JournalHeader: `entries` may be left out by a writer that
        // appends), then the line of each entry an accepted command appends, up to the stop.
        const service = newLedger(config);
        let file = `${JSON.stringify({ kanjo_journal: 1, config })}\n`;
        for (const command of commands.slice(0, cut)) {
          const result = service.execute(command);
          if (result.ok && !result.replayed) file += [...journalNdjsonLines(config, [result.entry], 'objects')][1] as string;
        }
        const exported = journalText(config, service.journal, 'objects');
        expect(file.slice(file.indexOf('\n') + 1)).toBe(exported.slice(exported.indexOf('\n') + 1));
        const read = readJournalText(file, 'objects');
        const restarted = rebuild(read.config, read.entries, 'replayJournal');
        tally.appendedRestarts += 1;
        commands.slice(cut).forEach((command, index) => {
          expect(outcome(restarted.execute(command)), `command ${cut + index + 1}: ${JSON.stringify(command)}`).toEqual(outcomes[cut + index]);
        });
        expect(journalText(read.config, restarted.journal, 'objects')).toBe(journalText(config, live.journal, 'objects'));
      }),
      { numRuns: NUM_RUNS },
    );
    expect(tally.appendedRestarts).toBe(NUM_RUNS);
  });

  it('a service that keeps each accepted command\'s entry as JSON.stringify(result.entry) in its own store (postings as objects) and rebuilds with parseJournalEntry and replayJournal goes on like the run without a stop, and then writes the same NDJSON', () => {
    fc.assert(
      fc.property(journalScenarioDrawArbitrary, fc.nat({ max: 10_000 }), (draw, at) => {
        const { config, commands } = journalRun(draw);
        const cut = at % (commands.length + 1);
        const live = newLedger(config);
        const outcomes = commands.map((command) => outcome(live.execute(command)));
        const service = newLedger(config);
        const rows: string[] = [];
        for (const command of commands.slice(0, cut)) {
          const result = service.execute(command);
          if (result.ok && !result.replayed) rows.push(JSON.stringify(result.entry));
        }
        const entries = rows.map((row, index) => {
          const parsed = parseJournalEntry(JSON.parse(row), index + 1);
          if (!parsed.ok) throw new Error(parsed.error.message);
          return parsed.value;
        });
        const restarted = rebuild(config, entries, 'replayJournal');
        commands.slice(cut).forEach((command, index) => {
          expect(outcome(restarted.execute(command)), `command ${cut + index + 1}: ${JSON.stringify(command)}`).toEqual(outcomes[cut + index]);
        });
        for (const format of FORMATS) expect(journalText(config, restarted.journal, format)).toBe(journalText(config, live.journal, format));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a ledger rebuilt by replayJournal and one rebuilt by a JournalReplay entry by entry, from the same text (either format), give every later command the same result and end with the same journal', () => {
    fc.assert(
      fc.property(journalScenarioDrawArbitrary, fc.nat({ max: 10_000 }), fc.constantFrom(...FORMATS), (draw, at, format) => {
        const { config, commands } = journalRun(draw);
        const cut = at % (commands.length + 1);
        const before = newLedger(config);
        for (const command of commands.slice(0, cut)) before.execute(command);
        const read = readJournalText(journalText(config, before.journal, format), format);
        const whole = rebuild(read.config, read.entries, 'replayJournal');
        const streamed = rebuild(read.config, read.entries, 'JournalReplay');
        for (const [index, command] of commands.slice(cut).entries()) {
          const where = `command ${cut + index + 1}: ${JSON.stringify(command)}`;
          expect(outcome(streamed.execute(command)), where).toEqual(outcome(whole.execute(command)));
        }
        expect(journalText(read.config, streamed.journal, format)).toBe(journalText(read.config, whole.journal, format));
        expect(stateSnapshot(streamed.state)).toEqual(stateSnapshot(whole.state));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Findings.

/**
 * A service's configuration object whose settings are getters of its class (README: `createLedger`
 * reads its configuration once, "in the same way" as a command, whose fields a class instance
 * answers from its prototype are part of it).
 */
class ServiceConfig implements LedgerConfig {
  readonly merchants: LedgerConfig['merchants'] = [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 190 } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
  ];
  get refundRequestFee(): number {
    return 500;
  }
}

describe('a restart from the written journal, with a configuration of a class', () => {
  // Found by these properties: `createLedger` read the settings a configuration object answers
  // from its prototype (here a getter: a Refund Fee of ¥500), but `journalNdjsonLines(config, …)`
  // wrote the caller's object with JSON, which left them out: a restarted service rebuilt under
  // the default ¥300, and the next refund request held and posted ¥330 instead of ¥550. taxRate
  // and rounding made the replay refuse the journal (journal_entry_inapplicable), timeZone moved
  // payout dates silently and book changed the approvals. The header now carries the
  // configuration as createLedger reads it.
  it('a configuration whose settings are getters of its class is written into the header, so the restarted ledger decides the next refund request as the live one does', () => {
    const config = new ServiceConfig();
    const live = newLedger(config);
    const before: Command[] = [
      { op: 'payment.create', id: 'kb', merchant: 'mart', amount: 5000, currency: 'JPY', paymentType: 'konbini', capture: true, split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }], at: '2026-04-01T10:00:00+09:00' },
      { op: 'payment.capture', payment: 'kb' }, // the customer paid at the store
      { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 2000, currency: 'JPY' },
    ];
    for (const command of before) expect(outcome(live.execute(command)), command.op).toMatchObject({ ok: true });
    const stopped = restart(config, live, { before: 3, format: 'compact', rebuild: 'replayJournal' });
    const next: Command = { op: 'payment.refund_request', id: 'rr', payment: 'kb', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee: false, bankAccount: BANK_ACCOUNT };
    expect(outcome(stopped.ledger.execute(next))).toEqual(outcome(live.execute(next)));
    expect(stopped.config.refundRequestFee).toBe(500);
  });
  it('every setting and merchant field a class answers from its prototype is in the header, in both formats, as the plain configuration writes it', () => {
    class PlatformMerchant {
      get id(): string { return 'mart'; }
      get type(): 'platform' { return 'platform'; }
      get business(): 'marketplace' { return 'marketplace'; }
      get approved(): boolean { return true; }
      get paymentMethods(): Record<string, { feeRate: string; customerFee: number }> { return { konbini: { feeRate: '2.75%', customerFee: 190 } }; }
    }
    class EverySetting {
      get merchants(): LedgerConfig['merchants'] { return [new PlatformMerchant() as unknown as LedgerConfig['merchants'][number], { id: 'pm1', type: 'payout', platform: 'mart', approved: true }]; }
      get taxRate(): string { return '8%'; }
      get refundRequestFee(): number { return 500; }
      get rounding(): LedgerConfig['rounding'] { return 'half_even'; }
      get timeZone(): string { return '-05:00'; }
      get book(): LedgerConfig['book'] { return 'live'; }
    }
    const plain: LedgerConfig = {
      merchants: [
        // A class's fields in the order createLedger reads them (MERCHANT_FIELDS).
        { id: 'mart', type: 'platform', approved: true, business: 'marketplace', paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 190 } } },
        { id: 'pm1', type: 'payout', platform: 'mart', approved: true },
      ],
      taxRate: '8%',
      refundRequestFee: 500,
      rounding: 'half_even',
      timeZone: '-05:00',
      book: 'live',
    };
    const live = newLedger(new EverySetting() as unknown as LedgerConfig);
    expect(outcome(live.execute({ op: 'payment.create', id: 'kb', merchant: 'mart', amount: 5000, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }], at: '2026-04-01T10:00:00-05:00' }))).toMatchObject({ ok: true });
    for (const format of FORMATS) {
      const read = readJournalText(journalText(new EverySetting() as unknown as LedgerConfig, live.journal, format), format);
      expect(read.config, format).toEqual(plain);
      expect(journalText(new EverySetting() as unknown as LedgerConfig, live.journal, format), format).toBe(journalText(plain, live.journal, format));
    }
  });
});
