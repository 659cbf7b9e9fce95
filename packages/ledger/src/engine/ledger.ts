import { accept } from '@kanjo/splits';
import { reject, type LedgerRejection, type LedgerResult } from './ledger-rejection.js';
import type { Command } from '../commands/command.js';
import { freezeEntry } from '../journal/freeze-entry.js';
import { unbalancedCurrency } from '../journal/assert-entry-balanced.js';
import type { CommandReference, Entry } from '../journal/entry.js';
import type { LedgerEvent } from '../journal/ledger-event.js';
import { resolveConfig } from '../merchants/resolve-config.js';
import { appendEntry, refuseIfBroken } from './append-entry.js';
import { checkBalanceRange } from './check-balance-range.js';
import { keyedFingerprintOf, matchesEarlierFingerprint } from './command-fingerprint.js';
import { checkLedgerCapacity } from './check-ledger-capacity.js';
import { parseCommandTime, timeOfCommandWithoutAt, timeOutOfOrder } from './command-time.js';
import { decideReadableCommand } from './decide-command.js';
import { commandShapeProblem } from '../commands/command-shape-problem.js';
import { readCommandOnce, type InheritedFields } from '../commands/read-command-once.js';
import { lengthNote, MAX_IDEMPOTENCY_KEY_LENGTH } from '../commands/validate-input.js';
import { refuseIfBeingRebuilt } from '../journal/replay-in-progress.js';
import type { LedgerConfig } from './ledger-config.js';
import { emptyLedgerState, type LedgerState, type LedgerStateView } from './ledger-state.js';
import { quoted, shown } from './message-text.js';
import { readPolluted, refusePrototypePollution } from './refuse-prototype-pollution.js';

/** What executing a command did. */
export type ExecuteResult =
  | {
      /** Accepted: the command's entry was appended and folded into the state, or (`replayed`) its idempotency key answered with the first command's entry. */
      readonly ok: true;
      /**
       * The entry appended: every accepted command appends exactly one, even one that moves no
       * money (an authorization, a settlement run with nobody due), so that its time and its
       * idempotency key are part of the journal. When `replayed`, the entry the first command
       * with the key appended. Frozen all the way down (the state keeps objects of it) when this
       * ledger appended it; in a ledger rebuilt by `replayJournal`, the object the replay was
       * given, as given.
       */
      readonly entry: Entry;
      /** The entry's webhook events, in order (`entry.events`); empty when it raised none. */
      readonly events: readonly LedgerEvent[];
      /** True when an idempotency key answered with the first result and nothing was appended. */
      readonly replayed: boolean;
    }
  | {
      /** Rejected: nothing was appended and the state is unchanged; the command may be retried, with its key too. */
      readonly ok: false;
      /** Why: a stable code (README "Rejection codes", those of `@kanjo/splits` and `@kanjo/fees` included) and a message saying what to fix. */
      readonly error: LedgerRejection;
    };

/**
 * A ledger: one book's state and its append-only journal. Each command is decided against the
 * state (pure), then its entry, checked to balance, is appended and folded into the state.
 * A rejected command changes nothing. Same configuration and commands give the same journal,
 * byte for byte: the engine reads no clock and draws no random numbers.
 */
export class Ledger {
  /**
   * The state: balances, payments, requests, sessions, settings, and the journal. Typed
   * read-only: the engine folds each entry into it in place, and a write from outside would
   * leave a state no replay of the journal gives. Read it between commands; it changes as
   * they execute.
   */
  readonly state: LedgerStateView;

  /** Use {@link createLedger}: the configuration must be validated first. */
  constructor(state: LedgerState) {
    this.state = state;
  }

  /** The journal so far, oldest first. */
  get journal(): readonly Entry[] {
    return this.state.journal;
  }

  /**
   * Executes one command: validates its time and idempotency key, decides it, appends its
   * entry. Business rejections come back as `{ ok: false, error }`, and so does a command with a
   * field the flows would otherwise misread (`command_invalid`, `field_missing`, `field_invalid`;
   * see `decideCommand`; another field of the wrong type gets the code of the check it
   * fails); misuse from code (an amount that is not an integer, a ledger rebuilt without its
   * journal, a journal or state frozen from outside) throws. A journal frozen from outside
   * throws before anything changed; a state frozen from outside throws part-way through the
   * fold, and the ledger then throws for every further command: rebuild it from its journal,
   * which does not hold the command that threw.
   *
   * @example
   * // The ledger of the package README after its payment pay_1 (¥1,000 by card: 700 with a 70 fee to pm1, 300 with 30 to pm2):
   * ledger.execute({ op: 'payment.refund', payment: 'pay_1', amount: 5000 }); // { ok: false, error: { code: 'refund_exceeds_remaining', … } }: nothing posted
   * ledger.execute({ op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 63, platformFee: 7 }, { submerchantId: 'pm2', amount: 27, platformFee: 3 }] }); // { ok: true, entry: { seq: 2, … }, events: [{ type: 'payment.refund.created', payment: 'pay_1', amount: 100, currency: 'JPY' }], replayed: false }
   * merchantBalances(ledger.state); // { mart: { JPY: 50 }, pm1: { JPY: 567 }, pm2: { JPY: 243 } }
   * // A command sent again with its idempotency key is answered with its first entry and posts nothing:
   * const first = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });
   * const again = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });
   * again.ok && again.replayed && again.entry === (first.ok && first.entry); // true
   */
  execute(sent: Command): ExecuteResult {
    // `const run = ledger.execute; run(command)` (a method passed on as a callback unbound).
    if (typeof this !== 'object' || this === null) throw new TypeError('execute was called without its ledger: call ledger.execute(command), or pass ledger.execute.bind(ledger)');
    // From a getter of an entry a JournalReplay is adding to this very ledger: misuse, thrown.
    refuseIfBeingRebuilt(this.state);
    // A fold that stopped part-way (the state was frozen from outside) left a state no replay gives.
    refuseIfBroken(this.state);
    // Every field read once, before anything else: the engine decides (and a keyed command is
    // remembered by) what it read, all of it at one moment (see readCommandOnce).
    const inherited: InheritedFields = [];
    const command = readPolluted(() => readCommandOnce(sent, inherited));
    // First: a command of the wrong shape is neither fingerprinted, nor decided, nor written.
    const misshapen = commandShapeProblem(command);
    if (misshapen !== undefined) return misshapen;
    const state = writableStateOf(this);
    if (state.entriesNotKept > 0) {
      throw new Error(
        `this ledger was rebuilt without its journal (${state.entriesNotKept} ${state.entriesNotKept === 1 ? 'entry' : 'entries'} not kept) and cannot execute ${String(command.op)}: replay with retain true to go on from it`,
      );
    }
    const parsed = command.at === undefined ? timeOfCommandWithoutAt(state.lastAt, state.lastAtText) : parseCommandTime(command.at);
    if (!parsed.ok) return parsed;
    let at = parsed.value;
    let reference: CommandReference | undefined;
    if (command.idempotencyKey !== undefined) {
      if (typeof command.idempotencyKey !== 'string') {
        return reject('idempotency_key_invalid', `idempotency_key must be a string of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, not ${quoted(command.idempotencyKey)}`);
      }
      if (command.idempotencyKey.length === 0 || command.idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        return reject('idempotency_key_invalid', `idempotency_key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters${lengthNote(command.idempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH)}`);
      }
      const keyed = keyedFingerprintOf(command, state);
      if (!keyed.ok) return keyed;
      const fingerprint = keyed.value.fingerprint;
      const first = state.idempotency.get(command.idempotencyKey);
      if (first !== undefined) {
        if (first.fingerprint !== fingerprint && !matchesEarlierFingerprint(first, keyed.value, inherited, state)) {
          return reject('idempotency_key_reused', `idempotency_key ${shown(command.idempotencyKey)} was used for a different command: use a new key`);
        }
        const entry = state.journal[first.seq - 1];
        if (entry === undefined) throw new Error(`ledger bug: idempotency key ${command.idempotencyKey} points at missing entry ${first.seq}`);
        return { ok: true, entry, events: entry.events, replayed: true };
      }
      reference = { op: command.op, idempotencyKey: command.idempotencyKey, fingerprint };
      // Writing the JSON ran the caller's code (a toJSON or getter in a field the engine does
      // not read), which may have executed commands on this ledger: a command without `at`
      // takes the time of the entry now before it, as if those had come first.
      if (command.at === undefined) {
        const now = timeOfCommandWithoutAt(state.lastAt, state.lastAtText);
        if (!now.ok) return now;
        at = now.value;
      }
    }
    const outOfOrder = timeOutOfOrder(state, at);
    if (outOfOrder !== undefined) return outOfOrder;
    // Writing a keyed command's JSON ran the caller's code again (a toJSON deeper down).
    if (reference !== undefined) refusePrototypePollution();
    const decided = decideReadableCommand(state, command, at);
    if (!decided.ok) return decided;
    const draft = decided.value;
    const overflow = checkBalanceRange(state, draft.postings);
    if (overflow !== undefined) return overflow;
    const full = checkLedgerCapacity(state, draft.changes, reference !== undefined);
    if (full !== undefined) return full;
    const entry: Entry = {
      seq: state.journal.length + 1,
      at: at === state.lastAt ? state.lastAtText : new Date(at).toISOString(),
      // Looked up only now that the op is known to be one the engine decides: the cache of
      // shared references then holds the engine's ops, not whatever a caller sends.
      command: reference ?? referenceOf(command.op),
      // Always present (undefined for no payment), as the journal decoders build it: one shape.
      payment: draft.payment,
      changes: draft.changes,
      postings: draft.postings,
      events: draft.events,
    };
    const unbalanced = unbalancedCurrency(entry);
    if (unbalanced !== undefined) {
      throw new Error(`ledger bug: ${command.op} produced an entry whose ${unbalanced.currency} postings sum to ${unbalanced.sum}`);
    }
    // Frozen before the fold: the state keeps objects of it, which the caller gets back.
    freezeEntry(entry);
    appendEntry(state, entry, at);
    return { ok: true, entry, events: entry.events, replayed: false };
  }
}

/**
 * The ledger's state as the engine writes it: the very object `Ledger.state` shows read-only.
 * For the engine and the journal's replay; the package does not export it.
 */
export function writableStateOf(ledger: Ledger): LedgerState {
  return ledger.state as LedgerState;
}

/**
 * Validates the configuration and returns an empty ledger, or the configuration's first problem.
 *
 * @example
 * createLedger({ merchants: [{ id: 'pm1', type: 'payout', platform: 'mart' }] }); // { ok: false, error: { code: 'config_platform_missing', … } }
 * const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }] });
 * created.ok && created.value.journal.length; // 0: an empty ledger
 */
export function createLedger(config: LedgerConfig): LedgerResult<Ledger> {
  refusePrototypePollution();
  const resolved = resolveConfig(config);
  if (!resolved.ok) return resolved;
  return accept(new Ledger(emptyLedgerState(resolved.value)));
}

const references = new Map<string, CommandReference>();

/** One shared reference per op for commands without a key: entries keep it, so share it. */
function referenceOf(op: string): CommandReference {
  let reference = references.get(op);
  if (reference === undefined) references.set(op, (reference = Object.freeze({ op })));
  return reference;
}
