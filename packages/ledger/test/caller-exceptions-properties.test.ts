import fc from 'fast-check';
import {
  JournalReplay,
  createLedger,
  decideCommand,
  journalNdjsonLines,
  parseScenarioCommand,
  parseScenarioConfig,
  replayJournal,
  merchantBalances,
  paymentView,
  type Command,
  type ExecuteResult,
  type Ledger,
  type LedgerConfig,
} from '@kanjo/ledger';
import { afterAll, describe, expect, it } from 'vitest';
import { journalScenarioArbitrary, runJournalScenario } from './support/journal-scenarios.js';
import { newLedger, stateSnapshot } from './support/ledger-harness.js';
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

const NUM_RUNS = Math.max(1, Math.round(Number(process.env['KANJO_MODEL_RUNS'] ?? 200) / 5));

/** How the hostile command of a run is made from the valid one it replaces. */
type Plan =
  | { readonly kind: 'trap'; readonly trap: TrapKind | 'any'; readonly at: number }
  | { readonly kind: 'getter'; readonly pick: number; readonly throwAt: 1 | 2 }
  | { readonly kind: 'value'; readonly pick: number; readonly value: HostileValueKind }
  | { readonly kind: 'unread'; readonly value: HostileValueKind; readonly keyed: boolean }
  | { readonly kind: 'iterator'; readonly pick: number };

const planArbitrary: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 4, arbitrary: tripwireArbitrary.map(({ kind, at }) => ({ kind: 'trap' as const, trap: kind, at })) },
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
  /** Whether the command was made keyed (so its plain run differs): it is then compared only with the run without it. */
  readonly keyed: boolean;
}

/** A hostile copy of `root` (a command, a configuration, an entry, a scenario document's part) built by `plan`. */
function hostileOf<Root>(root: Root, plan: Plan): Hostile<Root> {
  const copy = structuredClone(root);
  const fired: { thrown?: CallerError } = {};
  const pick = (from: Path[], index: number): Path | undefined => (from.length === 0 ? undefined : from[index % from.length]);
  switch (plan.kind) {
    case 'trap': {
      const trip = tripwire(plan.trap, plan.at);
      return { command: trapped(copy, trip), thrown: () => trip.thrown, neverReadToThrow: false, keyed: false };
    }
    case 'getter': {
      const path = pick(pathsOf(copy), plan.pick) as Path;
      // A getter that throws only at its second read must never throw: every field is read once.
      return { command: withThrowingGetter(copy, path, plan.throwAt, fired), thrown: () => fired.thrown, neverReadToThrow: plan.throwAt === 2, keyed: false };
    }
    case 'value': {
      // Not the metadata object itself: one without string keys ({[Symbol.toPrimitive]}) is an empty metadata, rightly accepted.
      const path = pick(pathsOf(copy).filter((candidate) => candidate.join('.') !== 'metadata'), plan.pick) as Path;
      return { command: withValueAt(copy, path, hostileValue(plan.value, fired)), thrown: () => fired.thrown, neverReadToThrow: false, keyed: false };
    }
    case 'unread': {
      // A field Kanjo does not read: copied by reference, never looked into unless the command is keyed (its JSON is remembered).
      const fields = { ...copy, note: hostileValue(plan.value, fired), ...(plan.keyed ? { idempotencyKey: 'k-hostile' } : {}) } as Root;
      return { command: fields, thrown: () => fired.thrown, neverReadToThrow: !plan.keyed, keyed: plan.keyed };
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
      return { command: copy, thrown: () => fired.thrown, neverReadToThrow: false, keyed: false };
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

/** The scenario, one command of it (by `pick`) and a plan for making it hostile. */
const hostileRunArbitrary = fc.record({ scenario: journalScenarioArbitrary, pick: fc.nat(), plan: planArbitrary });

describe('whatever a caller object throws, a command is decided whole or not at all (fast-check)', () => {
  it('whatever a caller object throws, at whatever read, in whatever command of a run, execute either answers a typed rejection or throws (the caller\'s own error, an amount\'s RangeError, a revoked Proxy\'s TypeError), and the journal\'s NDJSON bytes, the balances, payments and payment views and every later answer are those of the run without that command; a command none of whose reads threw is decided as the plain one', () => {
    fc.assert(
      fc.property(hostileRunArbitrary, ({ scenario, pick, plan }) => {
        const { config, sent } = runJournalScenario(scenario);
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
        const { config, sent } = runJournalScenario(scenario);
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
        const { config, sent } = runJournalScenario(scenario);
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
