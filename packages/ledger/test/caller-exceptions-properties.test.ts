import fc from 'fast-check';
import {
  CompactEntryDecoder,
  JournalReplay,
  createLedger,
  decideCommand,
  journalNdjsonLines,
  merchantBalances,
  parseJournalEntry,
  parseScenarioCommand,
  parseScenarioConfig,
  paymentView,
  replayJournal,
  type Command,
  type CreatePaymentCommand,
  type Entry,
  type ExecuteResult,
  type Ledger,
  type LedgerConfig,
  type LedgerResult,
} from '@kanjo/ledger';
import { afterAll, describe, expect, it } from 'vitest';
import { journalScenarioArbitrary, runJournalScenario, type JournalScenario } from './support/journal-scenarios.js';
import { CONFIG, goldenPayment, marketplaceSession } from './support/fixtures.js';
import { accepted, newLedger, rejected, stateSnapshot } from './support/ledger-harness.js';
import { scenarioDocument } from './support/scenario-document.js';
import {
  CallerError,
  HOSTILE_VALUE_KINDS,
  explainedThrow,
  hostileValue,
  pathsOf,
  trapped,
  tripwire,
  tripwireArbitrary,
  withThrowingGetter,
  withValueAt,
  type HostileValueKind,
  type Path,
  type TrapKind,
} from './support/caller-hostility.js';

// README "How it works": "A rejected command appends nothing and changes nothing"; `execute`
// "read[s] each field of a command once, nested lists and objects included (a field's getter,
// or a Proxy's trap, runs once), and decide[s] that copy"; a keyed command is remembered as the
// JSON of that copy (command_invalid for "a value JSON cannot write"). readCommandOnce's TSDoc:
// "A getter that throws throws here, out of `execute`, with nothing written". So whatever a
// caller's object throws, at whatever read, the command is either decided on what was read
// (every read answered) or refused / thrown out with nothing written: never half-posted, and
// never leaving a trace a later command would see.
//
// The existing coverage (regressions/fields-read-once, hostile-fields-fuzz, boxed-primitives,
// embedding-review, own-constructor-arrays-properties) fuzzes values of the wrong type and
// getters that answer differently; hostile-fields-fuzz leaves out, on purpose, objects that
// throw when read. This file is about exactly those.
//
// What is not promised, and so not asserted: a JournalReplay reads an entry's fields more than
// once and keeps the entries as given (replayJournal's TSDoc: "pass entries as plain data"), so
// its traps are disarmed once the replay has answered, and the wrappers keep identity (one
// Proxy per object): a wrapper that hands out a new Proxy at every read makes `change ===
// change` false, and the payout check (paidEarlierInEntry) then refuses a faithful settlement
// run. The scenario readers take JSON and may answer with the caller's own lists.

const NUM_RUNS = Math.max(1, Math.round(Number(process.env['KANJO_MODEL_RUNS'] ?? 200) / 4));

/** How the hostile command of a run is made from the valid one it replaces. */
type Plan =
  | { readonly kind: 'trap'; readonly trap: TrapKind | 'any'; readonly at: number; readonly classy?: boolean }
  | { readonly kind: 'getter'; readonly pick: number; readonly throwAt: 1 | 2 }
  | { readonly kind: 'value'; readonly pick: number; readonly value: HostileValueKind }
  | { readonly kind: 'unread'; readonly value: HostileValueKind; readonly keyed: boolean }
  | { readonly kind: 'iterator'; readonly pick: number };

const planArbitrary: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(tripwireArbitrary, fc.boolean()).map(([{ kind, at }, classy]) => ({ kind: 'trap' as const, trap: kind, at, classy })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('getter' as const), pick: fc.nat(), throwAt: fc.constantFrom<1 | 2>(1, 2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('value' as const), pick: fc.nat(), value: fc.constantFrom(...HOSTILE_VALUE_KINDS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unread' as const), value: fc.constantFrom(...HOSTILE_VALUE_KINDS), keyed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('iterator' as const), pick: fc.nat() }) },
);

/** A hostile command built from `command` by `plan`, and what tells whether its trap fired. */
interface Hostile<Root = Command> {
  readonly command: Root;
  /** The CallerError it threw, if any read threw. */
  readonly thrown: () => CallerError | undefined;
  /** Whether nothing the engine reads can throw: the command must be decided as the plain one. */
  readonly neverReadToThrow: boolean;
  /** Makes every later read answer: for a replay, which keeps the entries it was given. */
  readonly disarm: () => void;
  /** Whether the command was made keyed (so its plain run differs): it is then compared only with the run without it. */
  readonly keyed: boolean;
}

/** A caller's command class: no fields of its own on the prototype, so an instance decides as its plain fields. */
class CallerCommand {}

/** A hostile copy of `root` (a command, a configuration, an entry, a scenario document's part) built by `plan`. */
function hostileOf<Root>(root: Root, plan: Plan): Hostile<Root> {
  const copy = structuredClone(root);
  const fired: { thrown?: CallerError; disarmed?: boolean } = {};
  const disarm = (): void => {
    fired.disarmed = true;
  };
  const pick = (from: Path[], index: number): Path | undefined => (from.length === 0 ? undefined : from[index % from.length]);
  switch (plan.kind) {
    case 'trap': {
      const trip = tripwire(plan.trap, plan.at);
      // A class instance (its fields own, its prototype a class's): the engine then also asks
      // `key in command` of every field it knows, through the `has` trap.
      if (plan.classy === true) Object.setPrototypeOf(copy, CallerCommand.prototype);
      return { command: trapped(copy, trip), thrown: () => trip.thrown, neverReadToThrow: false, keyed: false, disarm: () => void (trip.disarmed = true) };
    }
    case 'getter': {
      const path = pick(pathsOf(copy), plan.pick) as Path;
      // A getter that throws only at its second read must never throw: every field is read once.
      return { command: withThrowingGetter(copy, path, plan.throwAt, fired), thrown: () => fired.thrown, neverReadToThrow: plan.throwAt === 2, keyed: false, disarm };
    }
    case 'value': {
      // Not the metadata object itself: one without string keys ({[Symbol.toPrimitive]}) is an empty metadata, rightly accepted.
      const path = pick(pathsOf(copy).filter((candidate) => candidate.join('.') !== 'metadata'), plan.pick) as Path;
      return { command: withValueAt(copy, path, hostileValue(plan.value, fired)), thrown: () => fired.thrown, neverReadToThrow: false, keyed: false, disarm };
    }
    case 'unread': {
      // A field Kanjo does not read: copied by reference, never looked into unless the command is keyed (its JSON is remembered).
      const fields = { ...copy, note: hostileValue(plan.value, fired), ...(plan.keyed ? { idempotencyKey: 'k-hostile' } : {}) } as Root;
      return { command: fields, thrown: () => fired.thrown, neverReadToThrow: !plan.keyed, keyed: plan.keyed, disarm };
    }
    case 'iterator': {
      const lists = pathsOf(copy).filter((path) => Array.isArray(parentValue(copy, path)));
      const path = pick(lists, plan.pick);
      if (path !== undefined) {
        Object.defineProperty(parentValue(copy, path) as unknown[], Symbol.iterator, {
          value: () => {
            throw (fired.thrown = new CallerError(`the caller's iterator of ${path.join('.')} threw`));
          },
        });
      }
      return { command: copy, thrown: () => fired.thrown, neverReadToThrow: false, keyed: false, disarm };
    }
  }
}

function parentValue(root: unknown, path: Path): unknown {
  let at = root as Record<string | number, unknown>;
  for (const key of path) at = at[key] as Record<string | number, unknown>;
  return at;
}

/** What the hostile command got: an answer, or the exception that came out of `execute`. */
type Outcome = { readonly threw: false; readonly result: ExecuteResult } | { readonly threw: true; readonly error: unknown };

function attempt(run: () => ExecuteResult): Outcome {
  try {
    return { threw: false, result: run() };
  } catch (error) {
    return { threw: true, error };
  }
}

/** Everything a run leaves that a caller sees: the journal as its NDJSON bytes, balances, payments and their views. */
function picture(config: LedgerConfig, ledger: Ledger): unknown {
  return {
    ndjson: [...journalNdjsonLines(config, ledger.journal)].join(''),
    balances: merchantBalances(ledger.state),
    payments: JSON.stringify([...ledger.state.payments]),
    views: [...ledger.state.payments.values()].map(paymentView),
  };
}

/** Runs `commands` on a fresh ledger of `config`; each answer as JSON text (the hostile one's: `hostile`), and the ledger. */
function runCommands(config: LedgerConfig, commands: readonly Command[], hostileAt = -1, hostile?: Command): { answers: string[]; ledger: Ledger; outcome: Outcome | undefined } {
  const ledger = newLedger(config);
  const answers: string[] = [];
  let outcome: Outcome | undefined;
  commands.forEach((command, index) => {
    if (index === hostileAt && hostile !== undefined) {
      outcome = attempt(() => ledger.execute(hostile));
      answers.push('hostile');
      return;
    }
    answers.push(JSON.stringify(ledger.execute(command)));
  });
  return { answers, ledger, outcome };
}

/** Outcomes by plan kind, printed when KANJO_MODEL_TALLY is set: that the reads do throw, and where. */
const tally = new Map<string, number>();
function tallyOutcome(plan: Plan, outcome: Outcome, fired: CallerError | undefined): void {
  if (process.env['KANJO_MODEL_TALLY'] === undefined) return;
  const what = outcome.threw ? `threw ${(outcome.error as Error).name}` : outcome.result.ok ? 'accepted' : `rejected ${outcome.result.error.code}`;
  const key = `${plan.kind}${'value' in plan ? ` ${plan.value}` : ''}${'trap' in plan ? ` ${plan.trap}` : ''} | ${fired === undefined ? 'unfired' : 'fired'} | ${what}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
}
afterAll(() => {
  if (process.env['KANJO_MODEL_TALLY'] !== undefined) console.log([...tally].sort().map(([key, count]) => `${count}\t${key}`).join('\n'));
});

/**
 * A scenario's configuration and commands, each command carrying every kind of nested field
 * the engine copies (the driver sends none of these): a settlement run its holidays, a session
 * its metadata and carried texts. Every run of a property uses these same commands.
 */
function scenarioRun(scenario: JournalScenario): { config: LedgerConfig; sent: Command[] } {
  const { config, sent } = runJournalScenario(scenario);
  return { config, sent: sent.map(richer) };
}

function richer(command: Command): Command {
  if (command.op === 'settlement.run') return { ...command, holidays: ['2025-12-31', '2026-01-01'] };
  if (command.op === 'session.create') return { ...command, metadata: { order: 'o-1', note: 'gift' }, externalCustomerId: 'c-1', defaultLocale: 'ja' };
  return command;
}

/** The scenario, one command of it (by `pick`) and a plan for making it hostile. */
const hostileRunArbitrary = fc.record({ scenario: journalScenarioArbitrary, pick: fc.nat(), plan: planArbitrary });

describe('whatever a caller object throws, a command is decided whole or not at all (fast-check)', () => {
  it('whatever a caller object throws, at whatever read, in whatever command of a run, execute either answers a typed rejection or throws (the caller\'s own error, an amount\'s RangeError, a revoked Proxy\'s TypeError), and the journal\'s NDJSON bytes, the balances, payments and payment views and every later answer are those of the run without that command; a command none of whose reads threw is decided as the plain one', () => {
    fc.assert(
      fc.property(hostileRunArbitrary, ({ scenario, pick, plan }) => {
        const { config, sent } = scenarioRun(scenario);
        fc.pre(sent.length > 0);
        const index = pick % sent.length;
        const hostile = hostileOf(sent[index] as Command, plan);
        const withHostile = runCommands(config, sent, index, hostile.command);
        const outcome = withHostile.outcome as Outcome;
        const fired = hostile.thrown();
        tallyOutcome(plan, outcome, fired);
        const show = `command ${index}: ${JSON.stringify(sent[index])}\nplan: ${JSON.stringify(plan)}\noutcome: ${outcome.threw ? String(outcome.error) : JSON.stringify(outcome.result.ok ? 'accepted' : outcome.result.error)}`;
        if (hostile.neverReadToThrow) expect(fired, `a read that must not happen happened\n${show}`).toBeUndefined();
        if (outcome.threw) expect(explainedThrow(outcome.error, fired), show).toBeUndefined();
        if (!outcome.threw && outcome.result.ok) {
          // Accepted: only a command none of whose reads threw, decided as the plain one.
          expect(fired, `accepted although a read threw\n${show}`).toBeUndefined();
          if (!hostile.keyed) {
            const plain = runCommands(config, sent);
            expect(withHostile.answers.filter((_, at) => at !== index), show).toEqual(plain.answers.filter((_, at) => at !== index));
            expect(JSON.stringify(outcome.result)).toBe(plain.answers[index]);
            expect(picture(config, withHostile.ledger), show).toEqual(picture(config, plain.ledger));
          }
          return;
        }
        if (!outcome.threw && !outcome.result.ok) {
          // A rejection says what to fix, on one line: not a JavaScript error's text caught and passed on.
          expect(outcome.result.error.message, show).not.toMatch(/[\n\r\u2028\u2029]|Cannot read propert|is not a function|is not iterable|Cannot convert|CallerError|trap threw/);
        }
        // Refused or thrown: exactly the run without the command.
        const without = runCommands(config, sent.filter((_, at) => at !== index));
        expect(withHostile.answers.filter((_, at) => at !== index), show).toEqual(without.answers);
        expect(picture(config, withHostile.ledger), show).toEqual(picture(config, without.ledger));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/** A plan that makes one read of an object throw (or answers a hostile value), for the other entry points. */
const readPlanArbitrary: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 4, arbitrary: tripwireArbitrary.map(({ kind, at }) => ({ kind: 'trap' as const, trap: kind, at })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('getter' as const), pick: fc.nat(), throwAt: fc.constantFrom<1 | 2>(1, 2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('value' as const), pick: fc.nat(), value: fc.constantFrom(...HOSTILE_VALUE_KINDS) }) },
);

describe('createLedger and decideCommand with caller objects that throw (fast-check)', () => {
  it('createLedger with a configuration any read of which throws either throws (the caller\'s own error, a revoked Proxy\'s TypeError) or answers a typed rejection, and creates nothing: a ledger made afterwards from the plain configuration runs the same commands to the same journal bytes; one none of whose reads threw is the plain ledger', () => {
    fc.assert(
      fc.property(journalScenarioArbitrary, readPlanArbitrary, (scenario, plan) => {
        const { config, sent } = scenarioRun(scenario);
        const plain = runCommands(config, sent);
        const hostile = hostileOf(config, plan);
        const outcome = attemptAny(() => createLedger(hostile.command));
        const fired = hostile.thrown();
        const show = `plan: ${JSON.stringify(plan)}\noutcome: ${outcome.threw ? String(outcome.error) : JSON.stringify(outcome.value.ok ? 'created' : outcome.value.error)}`;
        if (hostile.neverReadToThrow) expect(fired, `a read that must not happen happened\n${show}`).toBeUndefined();
        if (outcome.threw) expect(explainedThrow(outcome.error, fired), show).toBeUndefined();
        else if (outcome.value.ok) {
          expect(fired, `created although a read threw\n${show}`).toBeUndefined();
          // A hostile value may stand where any object is taken (a platform's payment methods
          // answering none): that ledger is another one; every other one is the plain ledger.
          if (plan.kind !== 'value') {
            const ledger = outcome.value.value;
            expect(sent.map((command) => JSON.stringify(ledger.execute(command))), show).toEqual(plain.answers);
            expect(picture(config, ledger), show).toEqual(picture(config, plain.ledger));
          }
        } else {
          expect(outcome.value.error.code, show).toMatch(/^[a-z][a-z_]*$/);
        }
        const after = runCommands(config, sent);
        expect(after.answers).toEqual(plain.answers);
        expect(picture(config, after.ledger)).toEqual(picture(config, plain.ledger));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('decideCommand, given a command any read of which throws, in any state of a run, leaves that state exactly as it was (it is pure) and throws or answers; a command none of whose reads threw is decided as the plain one', () => {
    fc.assert(
      fc.property(hostileRunArbitrary, ({ scenario, pick, plan }) => {
        const { config, sent } = scenarioRun(scenario);
        fc.pre(sent.length > 0);
        const index = pick % sent.length;
        const { ledger } = runCommands(config, sent.slice(0, index));
        const before = stateSnapshot(ledger.state);
        const plainDecision = JSON.stringify(decideCommand(ledger.state, sent[index] as Command));
        const hostile = hostileOf(sent[index] as Command, plan);
        const outcome = attemptAny(() => decideCommand(ledger.state, hostile.command));
        const fired = hostile.thrown();
        const show = `command ${index}: ${JSON.stringify(sent[index])}\nplan: ${JSON.stringify(plan)}\noutcome: ${outcome.threw ? String(outcome.error) : JSON.stringify(outcome.value.ok ? 'decided' : outcome.value.error)}`;
        expect(stateSnapshot(ledger.state), show).toEqual(before);
        if (hostile.neverReadToThrow) expect(fired, `a read that must not happen happened\n${show}`).toBeUndefined();
        if (outcome.threw) {
          expect(explainedThrow(outcome.error, fired), show).toBeUndefined();
          return;
        }
        if (fired !== undefined) expect(outcome.value.ok, `decided although a read threw\n${show}`).toBe(false);
        // decideCommand looks at no key and keeps no unread field: the same decision.
        if (fired === undefined && plan.kind !== 'value') expect(JSON.stringify(outcome.value), show).toBe(plainDecision);
        // And the state still takes the plain command as the run did.
        expect(JSON.stringify(ledger.execute(sent[index] as Command))).toBe(runCommands(config, sent.slice(0, index + 1)).answers[index]);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/** What a call that may throw did. */
type AnyOutcome<Value> = { readonly threw: false; readonly value: Value } | { readonly threw: true; readonly error: unknown };

function attemptAny<Value>(run: () => Value): AnyOutcome<Value> {
  try {
    return { threw: false, value: run() };
  } catch (error) {
    return { threw: true, error };
  }
}

/** A run's journal as plain data (a structured clone: what a reader or JSON.parse gives, `payment: undefined` kept). */
function plainJournal(ledger: Ledger): Entry[] {
  return structuredClone([...ledger.journal]) as Entry[];
}

describe('replaying entries from code whose reads throw (fast-check)', () => {
  // JournalReplay#add's TSDoc: "An entry the checks refuse ... changes nothing, and the next
  // entry may be tried. ... should an entry still fail half-way through being applied, the
  // rebuilt state is incomplete: this replay then refuses every further entry". So after an
  // entry that threw or was refused, the replay is either exactly as before (and the plain
  // entry goes on to the live state) or refuses everything after: never a half-applied state
  // that goes on accepting entries.
  it('JournalReplay.add given an entry any read of which throws either rejects it with a code or throws, and then either its state is exactly as before and the plain entries replay to the live journal bytes and balances, or it refuses every further entry; an entry none of whose reads threw is folded as the plain one', () => {
    fc.assert(
      fc.property(journalScenarioArbitrary, fc.nat(), readPlanArbitrary, (scenario, pick, plan) => {
        const { config, ledger: live } = runJournalScenario(scenario);
        const entries = plainJournal(live);
        fc.pre(entries.length > 0);
        const index = pick % entries.length;
        const replay = new JournalReplay(newLedger(config));
        for (const entry of entries.slice(0, index)) expect(replay.add(entry).ok).toBe(true);
        const before = stateSnapshot(replay.ledger.state);
        const hostile = hostileOf(entries[index] as Entry, plan);
        const outcome = attemptAny(() => replay.add(hostile.command));
        const fired = hostile.thrown();
        const show = `entry ${index + 1}: ${JSON.stringify(entries[index])}\nplan: ${JSON.stringify(plan)}\noutcome: ${outcome.threw ? String(outcome.error) : JSON.stringify(outcome.value.ok ? 'added' : outcome.value.error)}`;
        if (outcome.threw) expect(explainedThrow(outcome.error, fired), show).toBeUndefined();
        if (!outcome.threw && outcome.value.ok) {
          expect(fired, `added although a read threw\n${show}`).toBeUndefined();
          if (plan.kind === 'value') return; // a value where the journal's was: folded as it reads (README: pass plain data)
          // The replay keeps the entry as given (README): the test is done with its traps.
          hostile.disarm();
          for (const entry of entries.slice(index + 1)) expect(replay.add(entry).ok, show).toBe(true);
          expect(picture(config, replay.ledger), show).toEqual(picture(config, live));
          return;
        }
        if (!outcome.threw && !outcome.value.ok) expect(outcome.value.error.code, show).toMatch(/^journal_[a-z_]+$/);
        hostile.disarm();
        const unchanged = JSON.stringify(stateSnapshot(replay.ledger.state)) === JSON.stringify(before);
        const next = replay.add(entries[index] as Entry);
        if (process.env['KANJO_MODEL_TALLY'] !== undefined) {
          const key = `replay ${plan.kind} | ${fired === undefined ? 'unfired' : 'fired'} | ${outcome.threw ? 'threw' : outcome.value.ok ? 'added' : outcome.value.error.code} | ${unchanged ? 'unchanged' : 'changed'} | next ${next.ok ? 'added' : next.error.code}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
        if (next.ok) {
          expect(unchanged, `the replay took the next entry after a half-applied one\n${show}`).toBe(true);
          for (const entry of entries.slice(index + 1)) expect(replay.add(entry).ok, show).toBe(true);
          expect(picture(config, replay.ledger), show).toEqual(picture(config, live));
        } else {
          // Broken: every further entry is refused too.
          expect(next.ok ? 'added' : next.error.code, show).toBe('journal_entry_inapplicable');
          for (const entry of entries.slice(index + 1)) expect(replay.add(entry).ok, show).toBe(false);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('replayJournal given entries (a list behind a Proxy, or a generator) any read of which throws either rejects with a code or throws, never answering a ledger of part of the journal; one none of whose reads threw is the live ledger', () => {
    fc.assert(
      fc.property(journalScenarioArbitrary, tripwireArbitrary, fc.boolean(), fc.nat(), (scenario, { kind, at }, asGenerator, stop) => {
        const { config, ledger: live } = runJournalScenario(scenario);
        const entries = plainJournal(live);
        const trip = tripwire(kind, at);
        let thrownByGenerator: CallerError | undefined;
        const given: Iterable<Entry> = asGenerator
          ? (function* () {
              const last = stop % (entries.length + 1);
              for (const [index, entry] of entries.entries()) {
                if (index === last) throw (thrownByGenerator = new CallerError(`the caller's generator threw before entry ${index + 1}`));
                yield entry;
              }
            })()
          : trapped(entries, trip);
        const outcome = attemptAny(() => replayJournal(config, given));
        const fired = asGenerator ? thrownByGenerator : trip.thrown;
        const show = `generator: ${asGenerator}, trip ${kind} at ${at}, stop ${stop}\noutcome: ${outcome.threw ? String(outcome.error) : JSON.stringify(outcome.value.ok ? 'replayed' : outcome.value.error)}`;
        if (outcome.threw) {
          expect(explainedThrow(outcome.error, fired), show).toBeUndefined();
          return;
        }
        if (!outcome.value.ok) {
          expect(outcome.value.error.code, show).toMatch(/^journal_[a-z_]+$/);
          return;
        }
        expect(fired, `replayed although a read threw\n${show}`).toBeUndefined();
        trip.disarmed = true; // the replayed ledger keeps the entries as given (README)
        expect(picture(config, outcome.value.value), show).toEqual(picture(config, live));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the scenario readers with caller objects that throw (fast-check)', () => {
  it('parseScenarioCommand and parseScenarioConfig, given a scenario command or document any read of which throws, throw (the caller\'s own error, a revoked Proxy\'s TypeError) or answer a typed rejection; one none of whose reads threw reads as the plain one', () => {
    fc.assert(
      fc.property(hostileRunArbitrary, fc.boolean(), ({ scenario, pick, plan }, ofConfig) => {
        const { config, sent } = scenarioRun(scenario);
        fc.pre(sent.length > 0);
        const { commands, ...document } = scenarioDocument(config, sent);
        const raw: object = ofConfig ? document : (commands[pick % commands.length] as object);
        const read = (value: object): LedgerResult<unknown> => (ofConfig ? parseScenarioConfig(value as never) : parseScenarioCommand(value));
        const plainRead = JSON.stringify(read(raw));
        const hostile = hostileOf(raw, plan.kind === 'unread' || plan.kind === 'iterator' ? { kind: 'trap', trap: 'any', at: plan.kind === 'unread' ? 3 : 7 } : plan);
        const outcome = attemptAny(() => read(hostile.command));
        const fired = hostile.thrown();
        // The scenario readers take JSON (SCENARIO.md) and promise no single read: what they
        // answer may share the caller's lists (a merchant's payment_types), read again below.
        hostile.disarm();
        const show = `${ofConfig ? 'configuration' : `command ${JSON.stringify(raw)}`}\nplan: ${JSON.stringify(plan)}\noutcome: ${outcome.threw ? String(outcome.error) : JSON.stringify(outcome.value.ok ? 'read' : outcome.value.error)}`;
        if (outcome.threw) {
          expect(explainedThrow(outcome.error, fired), show).toBeUndefined();
          return;
        }
        if (outcome.value.ok) expect(fired, `read although a read threw\n${show}`).toBeUndefined();
        if (fired === undefined && plan.kind !== 'value') expect(JSON.stringify(outcome.value), show).toBe(plainRead);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the journal readers given objects from code whose reads throw (fast-check)', () => {
  it('parseJournalEntry (an objects-format line as JSON.parse gives it) and CompactEntryDecoder.fromHeader (a compact header) with any read throwing throw (the caller\'s own error, a revoked Proxy\'s TypeError) or answer a journal_ rejection; one none of whose reads threw reads as the plain one', () => {
    fc.assert(
      fc.property(journalScenarioArbitrary, fc.nat(), fc.boolean(), readPlanArbitrary, (scenario, pick, ofHeader, plan) => {
        const { config, ledger } = runJournalScenario(scenario);
        const lines = [...journalNdjsonLines(config, ledger.journal, ofHeader ? 'compact' : 'objects')].map((line) => JSON.parse(line) as object);
        fc.pre(lines.length > 1);
        const index = ofHeader ? 0 : 1 + (pick % (lines.length - 1));
        const raw = lines[index] as object;
        const read = (value: object): LedgerResult<unknown> => {
          if (!ofHeader) return parseJournalEntry(value, index + 1);
          const opened = CompactEntryDecoder.fromHeader(value);
          return opened.ok ? { ok: true, value: { config: opened.value.config, entries: opened.value.entries } } : opened;
        };
        const plainRead = JSON.stringify(read(raw));
        const hostile = hostileOf(raw, plan);
        const outcome = attemptAny(() => read(hostile.command));
        const fired = hostile.thrown();
        hostile.disarm(); // an entry read is kept as given, as a replay keeps it
        const show = `${ofHeader ? 'header' : `line ${index + 1}`}: ${JSON.stringify(raw).slice(0, 400)}\nplan: ${JSON.stringify(plan)}\noutcome: ${outcome.threw ? String(outcome.error) : JSON.stringify(outcome.value.ok ? 'read' : outcome.value.error)}`;
        if (outcome.threw) {
          expect(explainedThrow(outcome.error, fired), show).toBeUndefined();
          return;
        }
        if (!outcome.value.ok) {
          expect(outcome.value.error.code, show).toMatch(/^journal_[a-z_]+$|^config_|^[a-z_]+$/);
          return;
        }
        expect(fired, `read although a read threw\n${show}`).toBeUndefined();
        if (plan.kind !== 'value') expect(JSON.stringify(outcome.value), show).toBe(plainRead);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('a keyed retry whose reads throw (fast-check)', () => {
  // The keyed path reads more than the copy: the fingerprint of the first command, and, for a
  // retry whose fingerprint differs, the caller's object again (pinned above). Whatever throws
  // there, a retry appends nothing, so the run must read as the run without it.
  it('a retry of an earlier keyed command of a run (the same, or another under its key), any read of which throws, answers a typed rejection or throws, and leaves the journal bytes, state and every later answer as the run without it; a retry none of whose reads threw answers as the plain retry', () => {
    fc.assert(
      fc.property(journalScenarioArbitrary, fc.nat(), fc.nat(), fc.boolean(), readPlanArbitrary, (scenario, pickFirst, pickAfter, changed, plan) => {
        const { config, sent } = scenarioRun(scenario);
        fc.pre(sent.length > 0);
        const keyedRun = sent.map((command, index) => ({ ...command, idempotencyKey: `k-${index}` }) as Command);
        const first = pickFirst % keyedRun.length;
        const after = first + (pickAfter % (keyedRun.length - first));
        const retry = { ...keyedRun[first], at: (keyedRun[after] as { at: string }).at, ...(changed ? { note: 'another request' } : {}) } as Command;
        const withRetry = (sentAt: Command): Command[] => [...keyedRun.slice(0, after + 1), sentAt, ...keyedRun.slice(after + 1)];
        const hostile = hostileOf(retry, plan);
        const run = runCommands(config, withRetry(retry), after + 1, hostile.command);
        const outcome = run.outcome as Outcome;
        const fired = hostile.thrown();
        const show = `retry of ${first} after ${after}: ${JSON.stringify(retry)}\nplan: ${JSON.stringify(plan)}\noutcome: ${outcome.threw ? String(outcome.error) : JSON.stringify(outcome.result.ok ? `accepted, replayed ${outcome.result.replayed}` : outcome.result.error)}`;
        if (outcome.threw) expect(explainedThrow(outcome.error, fired), show).toBeUndefined();
        const others = run.answers.filter((_, index) => index !== after + 1);
        if (!outcome.threw && outcome.result.ok) {
          expect(fired, `accepted although a read threw\n${show}`).toBeUndefined();
          if (plan.kind === 'value') return;
          const plain = runCommands(config, withRetry(retry));
          expect(JSON.stringify(outcome.result), show).toBe(plain.answers[after + 1]);
          expect(others, show).toEqual(plain.answers.filter((_, index) => index !== after + 1));
          expect(picture(config, run.ledger), show).toEqual(picture(config, plain.ledger));
          return;
        }
        const without = runCommands(config, keyedRun);
        expect(others, show).toEqual(without.answers);
        expect(picture(config, run.ledger), show).toEqual(picture(config, without.ledger));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// All five were fixed the day they were found (src/engine/command-fingerprint.ts: a keyed
// command is written as JSON once, from the copy, and every later form is made from that JSON;
// a bigint, a cycle and a caller's own error are told apart; resolve-config.ts refuses a
// configuration its journal's header could not hold). Their comments describe the behaviour
// before the fix.
describe('counterexamples found while probing', () => {
  const keyed = (overrides: Partial<CreatePaymentCommand> = {}): CreatePaymentCommand => ({ ...goldenPayment('p'), idempotencyKey: 'k', ...overrides });
  const otherAmount = { amount: 2000, split: [{ submerchantId: 'pm1', amount: 2000, platformFee: 0 }] };

  // README "How it works": `execute` reads each field of a command once ("a field's getter, or a
  // Proxy's trap, runs once"). A keyed command whose fingerprint differs from the one its key
  // stored is looked up again as earlier versions wrote it (earlierFingerprintsOf in
  // src/engine/ledger.ts): from `sent`, the caller's own object, spread and JSON-written twice
  // more. Minimal reproduction: execute({ ...goldenPayment('p'), idempotencyKey: 'k' }), then the
  // same key for ¥2,000 with `amount` a getter: idempotency_key_reused, as it should be, but the
  // getter ran 3 times (a Proxy's get and getOwnPropertyDescriptor traps too, for every field).
  // A getter that throws at its second read is swallowed there; one with a side effect (a
  // counter, a lazy load) has it three times.
  it('a keyed retry of another command under a used key (idempotency_key_reused) runs each getter once', () => {
    const ledger = newLedger();
    accepted(ledger, keyed());
    let reads = 0;
    const retry = keyed(otherAmount) as unknown as Record<string, unknown>;
    Object.defineProperty(retry, 'amount', { enumerable: true, get: () => ((reads += 1), 2000) });
    expect(rejected(ledger, retry as unknown as Command, 'idempotency_key_reused')).toBe('idempotency_key k was used for a different command: use a new key');
    expect(reads).toBe(1);
  });

  // The same README sentence; keyedFingerprintOf reads `sent.toJSON` again (after
  // readCommandOnce read it as an own field) to refuse a command with its own toJSON. Minimal
  // reproduction: a keyed goldenPayment whose own enumerable `toJSON` is a getter answering
  // undefined the first time and throwing the second: execute throws the getter's error out of a
  // command it had read whole (the copy holds `toJSON: undefined`, which JSON leaves out).
  it("a keyed command's own toJSON getter runs once: one that would throw at a second read is never read again", () => {
    const ledger = newLedger();
    let reads = 0;
    const command = keyed() as unknown as Record<string, unknown>;
    Object.defineProperty(command, 'toJSON', {
      enumerable: true,
      get: () => {
        reads += 1;
        if (reads === 2) throw new CallerError('toJSON read a second time');
        return undefined;
      },
    });
    const outcome = attemptAny(() => ledger.execute(command as unknown as Command));
    expect(outcome.threw ? String(outcome.error) : 'answered').toBe('answered');
    expect(reads).toBe(1);
  });

  // keyedFingerprintOf's TSDoc: command_invalid "for a command JSON cannot write (a bigint, a
  // cycle: only from code)", with the message "holds a value JSON cannot write (a bigint or a
  // cycle)". But canonicalJson's replacer answers a fresh object at every level, so
  // JSON.stringify never sees the cycle: it recurses until the stack runs out, and the RangeError
  // is reported as "nested too deeply or too long to write as JSON ...: leave out the fields
  // Kanjo does not read". For a cycle in `metadata`, a field Kanjo reads, that advice is wrong.
  // Minimal reproduction: execute({ ...marketplaceSession('s'), idempotencyKey: 'k', metadata:
  // cycle }) with cycle = { note: 'a' }, cycle.self = cycle.
  it('a keyed session whose metadata holds a cycle is command_invalid naming a cycle, not "nested too deeply ... leave out the fields Kanjo does not read"', () => {
    const cycle: Record<string, unknown> = { note: 'a' };
    cycle['self'] = cycle;
    const message = rejected(newLedger(), { ...marketplaceSession('s'), idempotencyKey: 'k', metadata: cycle as never }, 'command_invalid');
    expect(message).toMatch(/cycle/);
    expect(message).not.toMatch(/fields Kanjo does not read/);
  });

  // "a message saying what to fix" (ExecuteResult's TSDoc): a keyed command whose JSON writing
  // throws a TypeError is answered "holds a value JSON cannot write (a bigint or a cycle)",
  // whatever threw it. A caller's toJSON (on a field Kanjo does not read) that throws its own
  // TypeError, say "order 17 is not loaded", is swallowed and described as a bigint or a cycle
  // the command does not hold; its own Error of any other class reaches the caller. Minimal
  // reproduction: execute({ ...goldenPayment('p'), idempotencyKey: 'k', order: { toJSON() {
  // throw new TypeError('order 17 is not loaded') } } }).
  it("a keyed command whose own value's toJSON throws a TypeError hands that error on (or names it), not a bigint or cycle it does not hold", () => {
    const error = new TypeError('order 17 is not loaded');
    const command = {
      ...keyed(),
      order: {
        toJSON: (): never => {
          throw error;
        },
      },
    } as unknown as Command;
    const outcome = attemptAny(() => newLedger().execute(command));
    const said = outcome.threw ? outcome.error : outcome.value.ok ? 'accepted' : outcome.value.error.message;
    expect(said === error || (typeof said === 'string' && said.includes('order 17 is not loaded')), String(said)).toBe(true);
  });

  // README: "A key Kanjo does not read is ignored without a word from code", and "The header
  // carries the configuration as createLedger reads it" (own fields included: readConfigOnce
  // copies them). So createLedger accepts a configuration holding a bigint (or a cycle) in a
  // field it does not read, and the journal of that ledger can never be exported:
  // journalNdjsonLines throws JavaScript's own "TypeError: Do not know how to serialize a BigInt"
  // (or "Converting circular structure to JSON"), naming neither the field nor what to do.
  // Minimal reproduction: createLedger({ ...CONFIG, note: 10n }) is ok; then
  // [...journalNdjsonLines({ ...CONFIG, note: 10n }, [])] throws. Either answer would do:
  // refuse the configuration with a code, export it, or throw a message naming the field.
  // Fixed by refusing it when the ledger is created, before any command could be accepted
  // into a journal that could never be written.
  it('a configuration with a bigint or a cycle in a field Kanjo does not read is refused config_invalid, naming the field, when the ledger is created', () => {
    const cycle: Record<string, unknown> = { note: 'a' };
    cycle['self'] = cycle;
    const said = (config: unknown): string => {
      const created = createLedger(config as LedgerConfig);
      return created.ok ? 'accepted' : `${created.error.code}: ${created.error.message}`;
    };
    const refused = (where: string, what: string): string =>
      `config_invalid: the configuration is written into its journal's header as JSON, and ${where} holds ${what}, which JSON cannot write: leave it out, or write it as plain data`;
    expect(said({ ...CONFIG, note: 10n })).toBe(refused('its field note', 'a bigint'));
    expect(said({ ...CONFIG, note: cycle })).toBe(refused('its field note', 'a cycle (an object inside itself)'));
    const merchants = CONFIG.merchants.map((merchant) => (merchant.id === 'pm2' ? { ...merchant, extra: { deep: [1n] } } : merchant));
    expect(said({ ...CONFIG, merchants })).toBe(refused("merchant pm2's field extra", 'a bigint'));
    // A caller's own toJSON that throws is the caller's error, thrown on as it is.
    const error = new TypeError('settings not loaded');
    expect(() => createLedger({ ...CONFIG, note: { toJSON: (): never => { throw error; } } } as unknown as LedgerConfig)).toThrow(error);
  });

  it('control: the same configuration without the bigint exports, and a keyed ¥1,000 retry under its key answers the first entry', () => {
    const created = createLedger({ ...CONFIG, note: 'ten' } as unknown as LedgerConfig);
    if (!created.ok) throw new Error(created.error.message);
    const first = accepted(created.value, keyed());
    expect([...journalNdjsonLines({ ...CONFIG, note: 'ten' } as unknown as LedgerConfig, created.value.journal)]).toHaveLength(2);
    const again = accepted(created.value, keyed());
    expect(again.replayed).toBe(true);
    expect(again.entry).toBe(first.entry);
  });
});
