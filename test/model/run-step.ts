import type fc from 'fast-check';
import type { Command } from '@kanjo/ledger';
import { withDefaultsWritten } from '../../packages/ledger/test/support/request-defaults.js';
import { checkInvariants, ensure, invariant, takeSnapshot, type Outcome } from './invariants.js';
import type { LedgerSystem } from './ledger-system.js';
import type { ReferenceModel } from './reference-model.js';
import { readAt, resolveAt, type TimeStep } from './timing.js';

/** A command of the model run. */
export type LedgerModelCommand = fc.Command<ReferenceModel, LedgerSystem>;

/**
 * What the reference model expects of a command: refused (and why, for the failure message),
 * or accepted, with what it does to the model. Every accepted command appends one entry.
 */
export type Decision = { readonly accepted: false; readonly why: string } | { readonly accepted: true; readonly apply: () => void };

/** How the model decides one kind of command. */
export type Decide<C extends Command> = (model: ReferenceModel, command: C) => Decision;

/** The model refuses. */
export function refuse(why: string): Decision {
  return { accepted: false, why };
}

/** The model accepts, doing `apply`. */
export function agree(apply: () => void): Decision {
  return { accepted: true, apply };
}

/** The command without its time: what the arbitraries generate. */
export type Untimed<C extends Command> = Omit<C, 'at'>;

/**
 * Runs one command against the engine and the model, and checks every invariant.
 * The model decides first, from its own state alone: the command's time (malformed, or before
 * the last entry: refused), its idempotency key (the same request again: answered without
 * appending; another request: refused), then the command itself, and what it accepts it
 * applies (undoing it if a balance would leave the safe-integer range: refused). Then the
 * engine runs it, and the two must agree.
 */
export function runStep<C extends Command>(model: ReferenceModel, system: LedgerSystem, untimed: Untimed<C>, step: TimeStep, decide: Decide<C>): C {
  const at = resolveAt(model, step);
  const command = (at === undefined ? { ...untimed } : { ...untimed, at }) as C;
  let expected = expect(model, command, decide);
  // The model applies what it accepts before the engine runs, so that a command whose sums
  // would leave the exact range is known to be refused; it is undone then (and only then).
  if (expected.kind === 'decided' && expected.decision.accepted) {
    const saved = model.save();
    model.now = command.at === undefined ? model.lastAt : (readAt(command.at) as number);
    expected.decision.apply();
    const overflow = model.overflowingBalance();
    if (overflow !== undefined) {
      model.restore(saved);
      expected = { kind: 'decided', decision: refuse(`the balance would leave the safe-integer range: ${overflow}`) };
    }
  }
  if (command.idempotencyKey !== undefined) model.lastKeyed = command;
  model.executed.push(command);
  try {
    checkedStep(model, system, command, expected);
  } catch (error) {
    const lines = model.executed.map((sent) => `  ${JSON.stringify(sent)}`).join('\n');
    throw new Error(`${(error as Error).message}\n\nTo reproduce, on the configuration\n  ${JSON.stringify(system.config)}\nexecute:\n${lines}`, { cause: error });
  }
  return command;
}

function checkedStep(model: ReferenceModel, system: LedgerSystem, command: Command, expected: Expectation): void {
  const before = takeSnapshot(system.ledger);
  const result = system.ledger.execute(command);
  const outcome: Outcome = !result.ok ? 'rejected' : result.replayed ? 'replayed' : 'appended';
  const tally = model.tally.get(command.op) ?? { accepted: 0, rejected: 0 };
  if (result.ok) tally.accepted += 1;
  else {
    tally.rejected += 1;
    const key = `${command.op} ${result.error.code}`;
    model.rejections.set(key, (model.rejections.get(key) ?? 0) + 1);
  }
  model.tally.set(command.op, tally);

  invariant('the engine accepts a command exactly when the reference model does', () => {
    const engineSaid = result.ok ? outcome : `rejected (${result.error.code}: ${result.error.message})`;
    const modelSaid = expected.kind === 'decided' ? (expected.decision.accepted ? 'appended' : `rejected (${expected.decision.why})`) : expected.kind === 'replayed' ? 'replayed' : `rejected (${expected.code})`;
    const agreed =
      expected.kind === 'decided'
        ? expected.decision.accepted
          ? result.ok && !result.replayed
          : !result.ok
        : expected.kind === 'replayed'
          ? result.ok && result.replayed
          : !result.ok && result.error.code === expected.code;
    ensure(agreed, `${JSON.stringify(command)}\n  engine: ${engineSaid}\n  model:  ${modelSaid}`);
  });

  if (expected.kind === 'decided' && expected.decision.accepted) {
    model.lastAt = model.now;
    if (command.idempotencyKey !== undefined) model.idempotency.set(command.idempotencyKey, fingerprint(model, command));
  }
  checkInvariants(system, model, command, outcome, before);
}

/** A refusal for the command's time or key, with the exact code the README gives it. */
type TimeOrKeyCode = 'time_invalid' | 'idempotency_key_reused' | 'time_out_of_order';
type Expectation = { readonly kind: 'decided'; readonly decision: Decision } | { readonly kind: 'replayed' } | { readonly kind: 'rejected (time or key)'; readonly code: TimeOrKeyCode };

function expect<C extends Command>(model: ReferenceModel, command: C, decide: Decide<C>): Expectation {
  let atMs = model.lastAt;
  if (command.at !== undefined) {
    const parsed = readAt(command.at);
    if (parsed === undefined) return { kind: 'rejected (time or key)', code: 'time_invalid' };
    atMs = parsed;
  }
  if (command.idempotencyKey !== undefined) {
    const first = model.idempotency.get(command.idempotencyKey);
    if (first !== undefined) return first === fingerprint(model, command) ? { kind: 'replayed' } : { kind: 'rejected (time or key)', code: 'idempotency_key_reused' };
  }
  if (atMs < model.lastAt) return { kind: 'rejected (time or key)', code: 'time_out_of_order' };
  return { kind: 'decided', decision: decide(model, command) };
}

/**
 * The request a command makes, without its time and key: two sends of it are "the same request".
 * A default written out asks for the same as the default left out (ledger README
 * "Idempotency"; the list is in {@link withDefaultsWritten}).
 */
export function fingerprint(model: ReferenceModel, command: Command): string {
  const { at: _at, idempotencyKey: _key, ...request } = withDefaultsWritten(command, (payment) => model.payments.get(payment)?.amount);
  return JSON.stringify(request, (_name, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
  );
}

/** A command as text for counterexamples: its request and its time step. */
export function describeCommand(command: object, step: string): string {
  return `${JSON.stringify(command)} @ ${step}`;
}
