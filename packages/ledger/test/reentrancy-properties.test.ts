import fc from 'fast-check';
import { JournalReplay, createLedger, decideCommand, merchantBalances, replayJournal, type Command, type Entry, type Ledger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { pathsOf } from './support/caller-hostility.js';
import { CONFIG } from './support/fixtures.js';
import { newLedger } from './support/ledger-harness.js';
import { hostileCommand, nestedExecute, once, picture, TRAP_KINDS, type NestedCall, type ReadPoint } from './support/reentrancy-hooks.js';
import { attempt, expectLedgerSound, expectOutcomeConsistent, label } from './support/reentrancy-invariants.js';
import { baseLedger, CANDIDATE_AT, CANDIDATES, NESTED_AT } from './support/reentrancy-world.js';

// The property behind reentrancy-execute.test.ts's examples: whatever field of whatever command
// runs caller code (a getter, a Proxy trap, a class's prototype getter, a toJSON or getter in a
// field Kanjo does not read, a Date `at`, an id whose message lookup runs a trap), and
// whatever that code does with the same ledger (execute other commands, the same command with
// its key, another command with the outer key; read views, export, decide; build and run
// another ledger), afterwards (a) sequence numbers run 1..n and entries balance, (b) the
// journal replays to the live state, (c) no entry twice, (d) the outer answer agrees with the
// journal, (e) a key has one result, (f) balances are the postings' sums; and at the moment
// the caller code runs, the ledger is already such a ledger (nothing half-posted). With caller
// code that runs while the command is copied or written as JSON (not in a rejection message),
// the whole run is also byte for byte the run in which the nested calls came first (Kanjo's
// design: copy the command, let the nested calls land, decide on what they left), with or
// without an `at` on the outer command (without one it takes the time the nested calls left).

const NUM_RUNS = Math.max(20, Math.round(Number(process.env['KANJO_MODEL_RUNS'] ?? 200) * 0.75));

/** What the caller code does with the ledger, in order. */
type Action =
  | { readonly kind: 'execute'; readonly candidate: number; readonly at: 'outer' | 'later' | 'none'; readonly key: 'none' | 'outer' | 'own' }
  | { readonly kind: 'execute the outer command' }
  | { readonly kind: 'check soundness' }
  | { readonly kind: 'decide'; readonly candidate: number }
  | { readonly kind: 'another ledger'; readonly candidate: number };

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('execute' as const),
      candidate: fc.nat({ max: CANDIDATES.length - 1 }),
      at: fc.constantFrom<'outer' | 'later' | 'none'>('outer', 'outer', 'later', 'none'),
      key: fc.constantFrom<'none' | 'outer' | 'own'>('none', 'none', 'outer', 'own'),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'execute the outer command' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'check soundness' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decide' as const), candidate: fc.nat({ max: CANDIDATES.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('another ledger' as const), candidate: fc.nat({ max: CANDIDATES.length - 1 }) }) },
);

/** A read point drawn before the command is known: indexes are taken modulo what it has. */
type PointDraw =
  | { readonly kind: 'getter'; readonly pick: number }
  | { readonly kind: 'trap'; readonly trap: (typeof TRAP_KINDS)[number]; readonly at: number; readonly classy: boolean }
  | { readonly kind: 'prototype getter'; readonly pick: number }
  | { readonly kind: 'unread toJSON' | 'unread getter' | 'Date at' }
  | { readonly kind: 'message proxy'; readonly field: string };

const pointArbitrary: fc.Arbitrary<PointDraw> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('getter' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('trap' as const), trap: fc.constantFrom(...TRAP_KINDS), at: fc.integer({ min: 1, max: 12 }), classy: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('prototype getter' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('unread toJSON' as const, 'unread getter' as const, 'Date at' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('message proxy' as const), field: fc.constantFrom('payment', 'merchant', 'refundRequest', 'session', 'date', 'currency') }) },
);

function pointOf(draw: PointDraw, command: Command): ReadPoint {
  switch (draw.kind) {
    case 'getter': {
      const paths = pathsOf(command);
      return { kind: 'getter', path: paths[draw.pick % paths.length] as (string | number)[] };
    }
    case 'prototype getter': {
      const fields = Object.keys(command);
      return { kind: 'prototype getter', field: fields[draw.pick % fields.length] as string };
    }
    default:
      return draw;
  }
}

const runArbitrary = fc.record({
  outer: fc.nat({ max: CANDIDATES.length - 1 }),
  keyed: fc.boolean(),
  withAt: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  point: pointArbitrary,
  actions: fc.array(actionArbitrary, { minLength: 1, maxLength: 3 }),
});

type Drawn = typeof runArbitrary extends fc.Arbitrary<infer Run> ? Run : never;

/** Every part of a ledger's state as JSON (Maps as lists of pairs). */
function stateJson(ledger: Ledger): string {
  const state = ledger.state;
  const pairs = (map: ReadonlyMap<string, unknown>): unknown => [...map].map(([key, value]) => [key, value instanceof Map ? pairs(value) : value]);
  return JSON.stringify({
    journal: state.journal,
    balances: pairs(state.balances),
    holds: pairs(state.holds),
    payments: pairs(state.payments),
    refundRequests: pairs(state.refundRequests),
    sessions: pairs(state.sessions),
    payoutSettings: pairs(state.payoutSettings),
    settledPeriods: [...state.settledPeriods],
    idempotency: pairs(state.idempotency),
    lastAt: state.lastAt,
  });
}

/** The outer command of a run, as plain data. */
function outerOf(run: Drawn): Command {
  const command = { ...(CANDIDATES[run.outer] as Command), ...(run.keyed ? { idempotencyKey: 'outer-key' } : {}) } as Record<string, unknown>;
  if (!run.withAt) delete command['at'];
  return command as unknown as Command;
}

/**
 * Performs `actions` on `ledger`: the nested calls' answers into `calls`, what a soundness
 * check found wrong into `problems` (recorded, not thrown: a throw would come out of the outer
 * `execute` as the caller's own exception).
 */
function perform(ledger: Ledger, outer: Command, actions: readonly Action[], calls: NestedCall[], problems: string[]): void {
  for (const action of actions) {
    switch (action.kind) {
      case 'execute': {
        const candidate = { ...(CANDIDATES[action.candidate] as Command) } as Record<string, unknown>;
        if (action.at === 'none') delete candidate['at'];
        if (action.at === 'later') candidate['at'] = NESTED_AT;
        if (action.key === 'outer') candidate['idempotencyKey'] = 'outer-key';
        if (action.key === 'own') candidate['idempotencyKey'] = `nested-${action.candidate}`;
        nestedExecute(ledger, candidate as unknown as Command, calls);
        break;
      }
      case 'execute the outer command':
        nestedExecute(ledger, outer, calls);
        break;
      case 'check soundness':
        try {
          expectLedgerSound(CONFIG, ledger);
          picture(ledger);
        } catch (error) {
          problems.push((error as Error).message);
        }
        break;
      case 'decide':
        decideCommand(ledger.state, CANDIDATES[action.candidate] as Command);
        break;
      case 'another ledger': {
        const created = createLedger(CONFIG);
        if (!created.ok) throw new Error(created.error.message);
        created.value.execute({ ...(CANDIDATES[action.candidate] as Command), idempotencyKey: 'outer-key' });
        break;
      }
    }
  }
}

describe('re-entrancy properties', () => {
  it('whatever caller code does with the ledger at whatever read point, the ledger stays sound, the outer answer agrees with the journal, and the run is the one where the nested calls came first', () => {
    const tally = new Map<string, number>();
    fc.assert(
      fc.property(runArbitrary, (run) => {
        const outer = outerOf(run);
        const point = pointOf(run.point, outer);

        const ledger = baseLedger();
        const calls: NestedCall[] = [];
        const problems: string[] = [];
        const hook = once(() => perform(ledger, outer, run.actions, calls, problems));
        const hostile = hostileCommand(outer, point, hook.fire);
        const before = [...ledger.journal];
        const outcome = attempt(() => ledger.execute(hostile));
        expect(problems, 'the ledger was sound when the caller code ran').toEqual([]);
        expectLedgerSound(CONFIG, ledger);
        expectOutcomeConsistent(ledger, before, outcome, outer.idempotencyKey, calls);
        const key = `${point.kind} | ${hook.fired() ? 'fired' : 'silent'} | ${label(outcome).split(':')[0]}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);

        // (With or without an `at`: a command without one takes the time the nested calls left.)
        // Caller code in a rejection message runs after the outer command's time and state
        // were checked: it is refused either way, by the check it had reached (a later-dated
        // nested command does not make it time_out_of_order after the fact).
        // (A field the op does not read, made a Proxy, is written as JSON like any other.)
        if (point.kind === 'message proxy' && Object.hasOwn(outer, point.field)) {
          if (hook.fired()) expect(label(outcome)).not.toMatch(/^(accepted|replayed)$/);
          return;
        }
        const first = baseLedger();
        const firstCalls: NestedCall[] = [];
        if (hook.fired()) perform(first, outer, run.actions, firstCalls, []);
        const firstOutcome = attempt(() => first.execute(hostileCommand(outer, point, () => undefined)));
        expect(calls.map((call) => label(call.outcome))).toEqual(firstCalls.map((call) => label(call.outcome)));
        expect(label(outcome)).toBe(label(firstOutcome));
        expect(JSON.stringify(ledger.journal)).toBe(JSON.stringify(first.journal));
      }),
      { numRuns: NUM_RUNS },
    );
    // The runs reach caller code, and outer commands both accepted and refused after it ran.
    const fired = [...tally].filter(([key]) => key.includes('| fired |'));
    expect(fired.reduce((sum, [, count]) => sum + count, 0)).toBeGreaterThan(NUM_RUNS / 3);
    expect(fired.some(([key]) => key.endsWith('accepted'))).toBe(true);
    expect(fired.some(([key]) => !key.endsWith('accepted') && !key.endsWith('replayed'))).toBe(true);
    if (process.env['KANJO_MODEL_TALLY'] !== undefined) console.log([...tally].sort().map(([name, count]) => `${count}\t${name}`).join('\n'));
  });

  it('the outer command with a later `at` than every nested call is never refused for time: an accepted nested command lands before it', () => {
    // A narrower property: nested commands dated as the outer one never make it time_out_of_order.
    fc.assert(
      fc.property(fc.nat({ max: CANDIDATES.length - 1 }), fc.nat({ max: CANDIDATES.length - 1 }), pointArbitrary, (outerIndex, nestedIndex, draw) => {
        const outer = { ...(CANDIDATES[outerIndex] as Command), at: NESTED_AT, idempotencyKey: 'outer-key' } as Command;
        const ledger = baseLedger();
        const calls: NestedCall[] = [];
        const hook = once(() => nestedExecute(ledger, { ...(CANDIDATES[nestedIndex] as Command), at: CANDIDATE_AT }, calls));
        const outcome = attempt(() => ledger.execute(hostileCommand(outer, pointOf(draw, outer), hook.fire)));
        expect(label(outcome)).not.toBe('time_out_of_order');
        expectLedgerSound(CONFIG, ledger);
      }),
      { numRuns: Math.round(NUM_RUNS / 2) },
    );
  });

  it('a journal entry whose getters or traps read the half-rebuilt ledger (balances, journal, a decision) at any read: the reads see the ledger before the entry, and the replay ends as the live one', () => {
    const live = baseLedger();
    const entries = JSON.parse(JSON.stringify(live.journal)) as Entry[];
    const prefixes = entries.map((_, index) => {
      const replayed = replayJournal(CONFIG, entries.slice(0, index));
      if (!replayed.ok) throw new Error(replayed.error.message);
      return { balances: merchantBalances(replayed.value.state), length: index };
    });
    let firedRuns = 0;
    fc.assert(
      fc.property(fc.nat({ max: entries.length - 1 }), fc.integer({ min: 1, max: 60 }), fc.nat({ max: CANDIDATES.length - 1 }), (index, fireAt, candidate) => {
        const replay = new JournalReplay(newLedger());
        const seen: unknown[] = [];
        let reads = 0;
        let armed = true;
        const wrappers = new WeakMap<object, object>();
        // Every object of the entry behind one Proxy each: any get, at the fireAt-th, reads the ledger.
        const wrap = <Value>(value: Value): Value => {
          if (typeof value !== 'object' || value === null) return value;
          const known = wrappers.get(value);
          if (known !== undefined) return known as Value;
          const proxy = new Proxy(value, {
            get(target, key, receiver) {
              if (armed) reads += 1;
              if (armed && reads === fireAt) {
                decideCommand(replay.ledger.state, CANDIDATES[candidate] as Command);
                seen.push({ balances: merchantBalances(replay.ledger.state), length: replay.ledger.journal.length });
              }
              return wrap(Reflect.get(target, key, receiver) as unknown);
            },
          });
          wrappers.set(value, proxy);
          return proxy as Value;
        };
        for (const [at, entry] of entries.entries()) {
          const added = replay.add(at === index ? wrap(structuredClone(entry)) : entry);
          expect(added.ok ? 'ok' : added.error.message).toBe('ok');
        }
        // The replay keeps the entries as given (Proxies included): compared as JSON, the traps silent.
        armed = false;
        expect(seen).toEqual(reads >= fireAt ? [prefixes[index]] : []);
        firedRuns += seen.length;
        expect(stateJson(replay.ledger)).toBe(stateJson(live));
      }),
      { numRuns: Math.round(NUM_RUNS / 2) },
    );
    expect(firedRuns).toBeGreaterThan(NUM_RUNS / 8);
  });
});
