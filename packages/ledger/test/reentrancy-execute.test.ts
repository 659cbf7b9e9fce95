import { availableBalance, createLedger, decideCommand, type Command, type Ledger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { pathsOf } from './support/caller-hostility.js';
import { CONFIG, goldenPayment, omit } from './support/fixtures.js';
import { newLedger } from './support/ledger-harness.js';
import { hostileCommand, nestedExecute, once, picture, TRAP_KINDS, type NestedCall, type ReadPoint } from './support/reentrancy-hooks.js';
import { attempt, expectLedgerSound, expectOutcomeConsistent, label, type Outcome } from './support/reentrancy-invariants.js';
import { baseLedger, CANDIDATE_AT, CANDIDATES, NESTED_AT } from './support/reentrancy-world.js';

// Re-entrancy: caller code that runs while `execute` reads the command (a getter, a Proxy trap,
// a toJSON, a Date's method) and calls back into the same ledger.
//
// Which design Kanjo follows, read from src/engine/ledger.ts: the command is copied first
// (readCommandOnce: every field read once, "before anything is checked"), so a getter or
// trap runs before the ledger's state, the time or the key is looked at. The caller code that
// runs later is (1) a keyed command's JSON, written by keyedFingerprintOf (a toJSON or getter
// in a field Kanjo does not read, or in a field of the wrong type), before the key is looked
// up and the command decided; (2) a value's toJSON lookup in a rejection message (always a
// rejection). A Date subclass's methods, when `at` is one, no longer run (session 59: its time
// is read with Date's own getTime, which runs no caller code; `instanceof` asked a Proxy's
// getPrototypeOf trap, which threw for a revoked one). No
// caller code runs between the decision and the append. Kanjo does not refuse the nested call:
// it lands first, and the outer command is decided on the state it left. So the outer command
// must come out exactly as if the nested calls had been made just before it, and the
// invariants of support/reentrancy-invariants.ts must hold after.

/** The nested command most tests make: a transfer no candidate conflicts with (pm2 holds 270). */
const NESTED_TRANSFER: Command = { op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 7, currency: 'JPY', at: CANDIDATE_AT };

type Nested = (ledger: Ledger, calls: NestedCall[]) => void;

const executing =
  (...commands: Command[]): Nested =>
  (ledger, calls) => {
    for (const command of commands) nestedExecute(ledger, command, calls);
  };

interface Run {
  readonly ledger: Ledger;
  readonly calls: NestedCall[];
  readonly outcome: Outcome;
}

/** The outer command, made hostile at `point`, on the base ledger; `nested` runs from inside it. */
function reentrant(outer: Command, point: ReadPoint, nested: Nested): Run & { readonly fired: boolean } {
  const ledger = baseLedger();
  const calls: NestedCall[] = [];
  const hook = once(() => nested(ledger, calls));
  const hostile = hostileCommand(outer, point, hook.fire);
  const before = [...ledger.journal];
  const outcome = attempt(() => ledger.execute(hostile));
  expectLedgerSound(CONFIG, ledger);
  expectOutcomeConsistent(ledger, before, outcome, outer.idempotencyKey, calls);
  return { ledger, calls, outcome, fired: hook.fired() };
}

/** The same, with the nested calls made first and the outer command (its caller code silent) after. */
function sequential(outer: Command, point: ReadPoint, nested: Nested): Run {
  const ledger = baseLedger();
  const calls: NestedCall[] = [];
  nested(ledger, calls);
  const outcome = attempt(() => ledger.execute(hostileCommand(outer, point, () => undefined)));
  return { ledger, calls, outcome };
}

/** Runs both and expects the same answers and the same journal, byte for byte. */
function expectAsIfNestedCameFirst(outer: Command, point: ReadPoint, nested: Nested): Run {
  const inside = reentrant(outer, point, nested);
  const what = `${outer.op} ${JSON.stringify(point)}`;
  expect(inside.fired, `${what}: the caller code ran`).toBe(true);
  const first = sequential(outer, point, nested);
  expect(inside.calls.map((call) => label(call.outcome)), `${what}: nested answers`).toEqual(first.calls.map((call) => label(call.outcome)));
  expect(label(inside.outcome), `${what}: outer answer`).toBe(label(first.outcome));
  expect(JSON.stringify(inside.ledger.journal), `${what}: journal`).toBe(JSON.stringify(first.ledger.journal));
  return inside;
}

const keyed = (command: Command, key = 'outer-key'): Command => ({ ...command, idempotencyKey: key });

describe('the design: the command is copied before caller code can reach the ledger, then decided on the state the nested calls left', () => {
  it('a getter on the amount that creates the same payment id first: the outer payment.create is payment_id_taken', () => {
    const outer = { ...goldenPayment('pay_x'), at: CANDIDATE_AT };
    const run = expectAsIfNestedCameFirst(outer, { kind: 'getter', path: ['amount'] }, executing({ ...omit(goldenPayment('pay_x', { amount: 2000, capture: false }), 'split'), at: CANDIDATE_AT }));
    expect(run.calls.map((call) => label(call.outcome))).toEqual(['accepted']);
    expect(label(run.outcome)).toBe('payment_id_taken');
    // The payment is the nested one: 2,000 authorized, not the outer's 1,000 captured.
    expect(run.ledger.state.payments.get('pay_x')).toMatchObject({ amount: 2000, status: 'authorized' });
  });

  it("a getter on a split line that spends pm1's available balance first: the outer refund is insufficient_balance", () => {
    const outer = CANDIDATES.find((command) => command.op === 'payment.refund') as Command;
    const spendAll: Nested = (ledger, calls) => {
      const pm1 = availableBalance(ledger.state, 'pm1', 'JPY');
      nestedExecute(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: pm1, currency: 'JPY', at: CANDIDATE_AT }, calls);
    };
    const run = expectAsIfNestedCameFirst(outer, { kind: 'getter', path: ['split', 0, 'amount'] }, spendAll);
    expect(label(run.outcome)).toBe('insufficient_balance');
    expect(availableBalance(run.ledger.state, 'pm1', 'JPY')).toBe(0);
  });

  it('without the nested call each candidate is accepted (so the tests above and below can tell)', () => {
    for (const command of CANDIDATES) expect(label(attempt(() => baseLedger().execute(command))), command.op).toBe('accepted');
  });
});

describe('read point: the copy of the command (readCommandOnce)', () => {
  it.each(CANDIDATES.map((command) => [command.op, command] as const))('%s: a getter on any field, nested ones included, that executes another command', (_op, outer) => {
    const paths = pathsOf(outer);
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) {
      const run = expectAsIfNestedCameFirst(outer, { kind: 'getter', path }, executing(NESTED_TRANSFER));
      expect(run.calls.map((call) => label(call.outcome))).toEqual(['accepted']);
    }
  });

  it.each(TRAP_KINDS.map((trap) => [trap] as const))('a Proxy whose %s trap executes another command (plain object and class instance)', (trap) => {
    let firedRuns = 0;
    for (const outer of CANDIDATES) {
      for (const classy of [false, true]) {
        for (const at of [1, 2, 7]) {
          const point: ReadPoint = { kind: 'trap', trap, at, classy };
          const probe = reentrant(outer, point, executing(NESTED_TRANSFER));
          if (!probe.fired) continue;
          firedRuns += 1;
          expectAsIfNestedCameFirst(outer, point, executing(NESTED_TRANSFER));
        }
      }
    }
    // Every trap kind is reached: getPrototypeOf and ownKeys of each object, `in` of a class instance's fields.
    expect(firedRuns).toBeGreaterThanOrEqual(CANDIDATES.length);
  });

  it('a class instance whose field is a getter on its prototype, executing another command', () => {
    for (const outer of CANDIDATES) {
      for (const field of Object.keys(outer)) expectAsIfNestedCameFirst(outer, { kind: 'prototype getter', field }, executing(NESTED_TRANSFER));
    }
  });

  it('a getter that executes the very same keyed command: the outer answers with that entry, replayed, and the key has one entry', () => {
    for (const command of CANDIDATES) {
      const outer = keyed(command);
      const run = expectAsIfNestedCameFirst(outer, { kind: 'getter', path: ['op'] }, executing(outer));
      expect(run.calls.map((call) => label(call.outcome)), outer.op).toEqual(['accepted']);
      expect(label(run.outcome), outer.op).toBe('replayed');
      const nestedEntry = run.calls[0]?.outcome.threw === false && run.calls[0].outcome.result.ok ? run.calls[0].outcome.result.entry : undefined;
      expect(!run.outcome.threw && run.outcome.result.ok && run.outcome.result.entry === nestedEntry, outer.op).toBe(true);
    }
  });

  it('a getter that executes the very same caller object again (a retry from inside the ORM): one entry per key, the outer replayed', () => {
    for (const point of [{ kind: 'getter', path: ['op'] }, { kind: 'unread toJSON' }, { kind: 'trap', trap: 'ownKeys', at: 1, classy: false }] as const) {
      for (const command of CANDIDATES) {
        const ledger = baseLedger();
        const calls: NestedCall[] = [];
        let hostile: Command | undefined;
        const hook = once(() => nestedExecute(ledger, hostile as Command, calls));
        hostile = hostileCommand(keyed(command), point, hook.fire);
        const before = [...ledger.journal];
        const outcome = attempt(() => ledger.execute(hostile as Command));
        expect(hook.fired(), `${command.op} ${point.kind}`).toBe(true);
        expectLedgerSound(CONFIG, ledger);
        expectOutcomeConsistent(ledger, before, outcome, 'outer-key', calls);
        expect([...calls.map((call) => label(call.outcome)), label(outcome)], `${command.op} ${point.kind}`).toEqual(['accepted', 'replayed']);
        expect(ledger.journal.length, `${command.op} ${point.kind}`).toBe(before.length + 1);
      }
    }
  });

  it('a getter that executes the same key with another command: the outer is idempotency_key_reused, the key keeps the nested result', () => {
    for (const command of CANDIDATES) {
      const outer = keyed(command);
      const run = expectAsIfNestedCameFirst(outer, { kind: 'getter', path: ['op'] }, executing(keyed(NESTED_TRANSFER)));
      expect(label(run.outcome), outer.op).toBe('idempotency_key_reused');
      expect(run.ledger.state.idempotency.get('outer-key')?.seq, outer.op).toBe(run.ledger.journal.length);
      expect(run.ledger.journal.at(-1)?.command.op, outer.op).toBe('balance.transfer');
    }
  });
});

describe('read point: the JSON of a keyed command (keyedFingerprintOf), after the copy', () => {
  for (const kind of ['unread toJSON', 'unread getter'] as const) {
    it(`${kind}: executing another command first`, () => {
      for (const command of CANDIDATES) expectAsIfNestedCameFirst(keyed(command), { kind }, executing(NESTED_TRANSFER));
    });

    it(`${kind}: executing the same keyed command (as plain data) first: the outer is replayed with its entry`, () => {
      for (const command of CANDIDATES) {
        const outer = keyed(command);
        // The nested copy carries the note as the outer's JSON writes it: the same command.
        const run = expectAsIfNestedCameFirst(outer, { kind }, executing({ ...outer, note: kind === 'unread toJSON' ? 'a note' : { kind: 'note', text: 'a note' } } as unknown as Command));
        expect(label(run.outcome), outer.op).toBe('replayed');
        expect(run.ledger.journal.filter((entry) => entry.command.idempotencyKey === 'outer-key'), outer.op).toHaveLength(1);
      }
    });

    it(`${kind}: executing the same key with another command first: the outer is idempotency_key_reused`, () => {
      for (const command of CANDIDATES) {
        const run = expectAsIfNestedCameFirst(keyed(command), { kind }, executing(keyed(NESTED_TRANSFER)));
        expect(label(run.outcome), command.op).toBe('idempotency_key_reused');
      }
    });
  }

  it('executing a later-dated command first: the outer, dated before it, is time_out_of_order and appends nothing', () => {
    for (const command of CANDIDATES.filter((candidate) => candidate.op !== 'settlement.run')) {
      const run = expectAsIfNestedCameFirst(keyed(command), { kind: 'unread toJSON' }, executing({ ...NESTED_TRANSFER, at: NESTED_AT }));
      expect(label(run.outcome), command.op).toBe('time_out_of_order');
    }
  });

  // Defect. Minimal reproduction:
  //   ledger.execute({ ...goldenPayment('pay_1'), at: '2026-04-01T10:00:00Z' });
  //   ledger.execute({ ...goldenPayment('pay_3'), idempotencyKey: 'k',
  //     note: { toJSON() { ledger.execute({ ...goldenPayment('pay_2'), at: '2026-04-02T10:00:00Z' }); return 1; } } });
  // answers time_out_of_order: "at 2026-04-01T10:00:00.000Z is before the previous command
  // (2026-04-02T10:00:00.000Z)", for a command that has no `at`. README "Time": "Without `at` a
  // command takes the previous one's time", and a command without `at` can never be out of
  // order. Ledger.execute read state.lastAt for the time before keyedFingerprintOf wrote the
  // JSON (caller code), then compared with the lastAt the nested command moved. Now: the
  // outer command takes the nested command's time and is accepted (as when the nested command
  // comes first), or a typed refusal of the nested call; not a time it was never given.
  it('a keyed command without `at` whose JSON executes a later command takes that command\'s time, as if it had come first', () => {
    const outer = { ...(CANDIDATES[0] as Command), idempotencyKey: 'outer-key' } as Record<string, unknown>;
    delete outer['at'];
    const run = expectAsIfNestedCameFirst(outer as unknown as Command, { kind: 'unread toJSON' }, executing(NESTED_TRANSFER));
    expect(label(run.outcome)).toBe('accepted');
  });
});

describe('read points that always refuse: a Date `at`, a value in a rejection message', () => {
  it('a Date subclass `at` whose toISOString would execute another command: its methods are not called, so time_invalid and nothing appended', () => {
    for (const command of CANDIDATES) {
      const run = reentrant(command, { kind: 'Date at' }, executing(NESTED_TRANSFER));
      expect(run.fired, command.op).toBe(false);
      expect(label(run.outcome), command.op).toBe('time_invalid');
      expect(JSON.stringify(run.ledger.journal), command.op).toBe(JSON.stringify(baseLedger().journal));
    }
  });

  const MESSAGE_FIELDS: Readonly<Record<string, readonly [field: string, code: string]>> = {
    'payment.create': ['merchant', 'merchant_not_found'],
    'payment.capture': ['payment', 'payment_not_found'],
    'payment.cancel': ['payment', 'payment_not_found'],
    'payment.expire': ['payment', 'payment_not_found'],
    'payment.refund': ['payment', 'payment_not_found'],
    'payment.refund_request': ['payment', 'payment_not_found'],
    'refund_request.complete': ['refundRequest', 'refund_request_not_found'],
    'refund_request.reject': ['refundRequest', 'refund_request_not_found'],
    'payment.chargeback': ['payment', 'payment_not_found'],
    'balance.transfer': ['merchant', 'merchant_not_found'],
    'payout_settings.update': ['merchant', 'merchant_not_found'],
    'settlement.run': ['date', 'date_invalid'],
    'session.create': ['merchant', 'merchant_not_found'],
    'session.complete': ['session', 'session_not_found'],
    'session.cancel': ['session', 'session_not_found'],
  };

  it.each(CANDIDATES.map((command) => [command.op, command] as const))('%s: an id that is a Proxy, whose toJSON lookup in the message executes another command', (op, command) => {
    const [field, code] = MESSAGE_FIELDS[op] as readonly [string, string];
    const run = expectAsIfNestedCameFirst(command, { kind: 'message proxy', field }, executing(NESTED_TRANSFER));
    expect(label(run.outcome)).toBe(code);
  });
});

describe('nested reads see the ledger as it was before the command: nothing half-posted', () => {
  const POINTS: readonly [string, (command: Command) => ReadPoint, boolean][] = [
    ['a getter on op', () => ({ kind: 'getter', path: ['op'] }), false],
    ['a getter on the last field', (command) => ({ kind: 'getter', path: [Object.keys(command).at(-1) as string] }), false],
    ['a Proxy ownKeys trap', () => ({ kind: 'trap', trap: 'ownKeys', at: 1, classy: false }), false],
    ["a keyed command's toJSON", () => ({ kind: 'unread toJSON' }), true],
    ["a keyed command's deeper getter", () => ({ kind: 'unread getter' }), true],
  ];
  it.each(POINTS)('%s: balances, payment views, the journal and its export are those before the command', (_name, pointOf, isKeyed) => {
    for (const command of CANDIDATES) {
      const outer = isKeyed ? keyed(command) : command;
      const seen: unknown[] = [];
      const run = reentrant(outer, pointOf(outer), (ledger) => void seen.push(picture(ledger)));
      expect(run.fired, outer.op).toBe(true);
      expect(seen, outer.op).toEqual([picture(baseLedger())]);
      // And the outer command then runs as without the reads.
      const alone = sequential(outer, pointOf(outer), () => undefined);
      expect(label(run.outcome), outer.op).toBe(label(alone.outcome));
      expect(JSON.stringify(run.ledger.journal), outer.op).toBe(JSON.stringify(alone.ledger.journal));
    }
  });

  it('decideCommand of another command from inside is pure: the outer runs as without it', () => {
    for (const command of CANDIDATES) {
      const decided: string[] = [];
      const run = reentrant(keyed(command), { kind: 'unread toJSON' }, (ledger) => {
        for (const other of CANDIDATES) {
          const draft = decideCommand(ledger.state, other);
          decided.push(draft.ok ? 'ok' : draft.error.code);
        }
      });
      expect(decided, command.op).toEqual(CANDIDATES.map(() => 'ok'));
      const alone = sequential(keyed(command), { kind: 'unread toJSON' }, () => undefined);
      expect(label(run.outcome), command.op).toBe(label(alone.outcome));
      expect(JSON.stringify(run.ledger.journal), command.op).toBe(JSON.stringify(alone.ledger.journal));
    }
  });

  it('creating and running another ledger from inside (module state shared by two ledgers) changes neither', () => {
    for (const command of CANDIDATES) {
      let other: Ledger | undefined;
      const run = reentrant(keyed(command), { kind: 'unread toJSON' }, () => {
        const created = createLedger(CONFIG);
        if (!created.ok) throw new Error(created.error.message);
        other = created.value;
        for (const candidate of [{ ...goldenPayment('pay_1'), at: CANDIDATE_AT }, NESTED_TRANSFER, { ...keyed(NESTED_TRANSFER, 'outer-key'), amount: 8 }]) other.execute(candidate);
      });
      const without = sequential(keyed(command), { kind: 'unread toJSON' }, () => undefined);
      expect(label(run.outcome), command.op).toBe(label(without.outcome));
      expect(JSON.stringify(run.ledger.journal), command.op).toBe(JSON.stringify(without.ledger.journal));
      const alone = newLedger();
      for (const candidate of [{ ...goldenPayment('pay_1'), at: CANDIDATE_AT }, NESTED_TRANSFER, { ...keyed(NESTED_TRANSFER, 'outer-key'), amount: 8 }]) alone.execute(candidate);
      expect(JSON.stringify(other?.journal), command.op).toBe(JSON.stringify(alone.journal));
      expectLedgerSound(CONFIG, other as Ledger);
    }
  });
});
