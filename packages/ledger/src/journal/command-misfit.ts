import type { Change } from './change.js';
import type { Entry } from './entry.js';
import { quoted } from '../engine/message-text.js';

/** One step of the changes an op writes: a kind, at least `min` and at most `max` times in a row. */
type Step = readonly [kind: Change['kind'], min: number, max: number];

const ONCE = 1;
const MANY = Number.POSITIVE_INFINITY;

/**
 * The changes each op's `decide` writes, in order (see `src/engine/decide-command.ts` and the
 * flows it calls): `payment.create` a creation and, captured at once, its capture;
 * `refund_request.complete` the completion, its refund and any re-estimates; `settlement.run`
 * one settled period per merchant and currency due, or none; `session.complete` the payment it
 * creates (and captures) and then the completion. Every other op writes its one change.
 */
const CHANGES_OF_OP: ReadonlyMap<string, readonly Step[]> = new Map<string, readonly Step[]>([
  ['payment.create', [['payment_created', 1, ONCE], ['payment_captured', 0, ONCE]]],
  ['payment.capture', [['payment_captured', 1, ONCE]]],
  ['payment.cancel', [['payment_cancelled', 1, ONCE]]],
  ['payment.expire', [['payment_expired', 1, ONCE]]],
  ['payment.refund', [['payment_refunded', 1, ONCE]]],
  ['payment.refund_request', [['refund_request_created', 1, ONCE]]],
  ['payment.chargeback', [['payment_charged_back', 1, ONCE]]],
  ['refund_request.complete', [['refund_request_completed', 1, ONCE], ['payment_refunded', 1, ONCE], ['refund_request_reestimated', 0, MANY]]],
  ['refund_request.reject', [['refund_request_rejected', 1, ONCE], ['refund_request_reestimated', 0, MANY]]],
  ['balance.transfer', [['balance_transferred', 1, ONCE]]],
  ['payout_settings.update', [['payout_settings_updated', 1, ONCE]]],
  ['settlement.run', [['payout_period_settled', 0, MANY]]],
  ['session.create', [['session_created', 1, ONCE]]],
  ['session.complete', [['payment_created', 1, ONCE], ['payment_captured', 0, ONCE], ['session_completed', 1, ONCE]]],
  ['session.cancel', [['session_cancelled', 1, ONCE]]],
]);

/** The ops whose entry concerns no payment: the engine writes them without `payment`. */
const OPS_OF_NO_PAYMENT: readonly string[] = ['balance.transfer', 'payout_settings.update', 'settlement.run', 'session.create', 'session.cancel'];

/**
 * Why an entry's `command` and `payment` are not what the engine writes with its changes, or
 * undefined: the op is one Kanjo runs, the changes are the ones that op writes, in its order
 * (a `payment.refund` entry that creates a payment, or a `payment.create` entry that refunds
 * one, is no entry of the engine's: the hledger export and the records name the op), and an
 * entry of an op that concerns no payment (a transfer, payout settings, a settlement run, a
 * session created or cancelled) names none (the records and statements would show the
 * payment on its lines). That the changes of a payment's op name the entry's payment is
 * checked with the payment's lifecycle.
 */
export function commandMisfit(entry: Pick<Entry, 'command' | 'payment' | 'changes'>): string | undefined {
  const op = entry.command.op;
  const steps = CHANGES_OF_OP.get(op);
  if (steps === undefined) return `its command's op ${quoted(op)} is none Kanjo runs`;
  const { changes } = entry;
  // Indexed loops, no destructuring: a replay runs this once per entry of a million.
  let index = 0;
  for (let stepIndex = 0; stepIndex < steps.length; stepIndex += 1) {
    const step = steps[stepIndex] as Step;
    const kind = step[0];
    const max = step[2];
    let count = 0;
    while (index < changes.length && (changes[index] as Change).kind === kind && count < max) {
      index += 1;
      count += 1;
    }
    if (count < step[1]) return `its command is ${op}, which writes ${describe(steps)}, not ${kinds(changes)}`;
  }
  if (index !== changes.length) return `its command is ${op}, which writes ${describe(steps)}, not ${kinds(changes)}`;
  if (entry.payment !== undefined && OPS_OF_NO_PAYMENT.includes(op)) return `its command is ${op}, which concerns no payment, yet the entry names payment ${quoted(entry.payment)}`;
  return entry.command.fingerprint === undefined ? undefined : fingerprintMisfit(entry, entry.command.fingerprint);
}

/**
 * Why a keyed entry's fingerprint is not the command that made it, or undefined. The engine
 * keeps a keyed command as its JSON (less its time and key) and answers a retry from it; a
 * fingerprint of another command, or none at all, would make the rebuilt ledger refuse as
 * reused a retry the faithful one answers, or the reverse. It is read as JSON of an object
 * whose op is the entry's, without `at` or `idempotencyKey`, and that names what the entry is
 * about: its payment (the id a `payment.create` gives it, the `payment` of a later command), or
 * the refund request or session it creates or settles. Only keyed entries have one.
 */
function fingerprintMisfit(entry: Pick<Entry, 'command' | 'payment' | 'changes'>, fingerprint: string): string | undefined {
  let sent: unknown;
  try {
    sent = JSON.parse(fingerprint);
  } catch {
    return `its fingerprint ${quoted(fingerprint)} is not the JSON of a command`;
  }
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) return `its fingerprint ${quoted(fingerprint)} is not the JSON of a command`;
  const command = sent as Record<string, unknown>;
  const op = entry.command.op;
  if (command['op'] !== op) return `its fingerprint is of a command ${quoted(command['op'])}, not ${op}`;
  if (Object.hasOwn(command, 'at') || Object.hasOwn(command, 'idempotencyKey')) return 'its fingerprint keeps the command\'s time or key, which the engine leaves out of it';
  const subject = subjectOf(entry);
  if (subject === undefined) return undefined;
  const [field, expected] = subject;
  return command[field] === expected ? undefined : `its fingerprint is of a command whose ${field} is ${quoted(command[field])}, not ${quoted(expected)}`;
}

/** The field of an op's command that names what its entry is about, and its value there; undefined for ops that name nothing kept. */
function subjectOf(entry: Pick<Entry, 'command' | 'payment' | 'changes'>): [field: string, value: unknown] | undefined {
  const first: Change | undefined = entry.changes[0];
  switch (entry.command.op) {
    case 'payment.create':
      return ['id', entry.payment];
    case 'payment.capture':
    case 'payment.cancel':
    case 'payment.expire':
    case 'payment.refund':
    case 'payment.chargeback':
    case 'session.complete':
      return ['payment', entry.payment];
    case 'payment.refund_request':
      return first?.kind === 'refund_request_created' ? ['id', first.request.id] : undefined;
    case 'refund_request.complete':
    case 'refund_request.reject':
      return first?.kind === 'refund_request_completed' || first?.kind === 'refund_request_rejected' ? ['refundRequest', first.refundRequest] : undefined;
    case 'session.create':
      return first?.kind === 'session_created' ? ['id', first.session.id] : undefined;
    case 'session.cancel':
      return first?.kind === 'session_cancelled' ? ['session', first.session] : undefined;
    default:
      return undefined;
  }
}

function describe(steps: readonly Step[]): string {
  const parts = steps.map(([kind, min, max]) => (min === 1 && max === 1 ? kind : min === 0 && max === 1 ? `${kind}?` : min === 0 ? `${kind}*` : `${kind}+`));
  return `[${parts.join(', ')}]`;
}

function kinds(changes: readonly Change[]): string {
  return `[${Array.from(changes, (change) => change.kind).join(', ')}]`;
}
