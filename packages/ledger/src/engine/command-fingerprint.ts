import { accept, countText } from '@kanjo/splits';
import type { Command } from '../commands/command.js';
import type { InheritedFields } from '../commands/read-command-once.js';
import { isRequiredCommandField } from './required-command-fields.js';
import { canonicalJson } from './canonical-json.js';
import type { IdempotencyRecord, LedgerStateView } from './ledger-state.js';
import { reject, type LedgerResult } from './ledger-rejection.js';
import { writeJson } from './write-json.js';

/** A keyed command as the journal remembers it. */
export interface KeyedCommand {
  /** {@link fingerprintOf} the command: what a retry's is compared with. */
  readonly fingerprint: string;
  /**
   * The command as JSON data, written once from the fields as read: everything after (the
   * forms earlier versions wrote) reads this, never the caller's objects again.
   */
  readonly data: Command;
}

/**
 * The longest fingerprint a keyed command may have, in UTF-16 code units. The journal keeps it
 * in the command's entry, inside one line that must stay shorter than JavaScript's longest
 * string (2^29 − 24, about 537 million). 2^26 holds the largest command Kanjo reads (a session
 * of 103 texts of 65,536, each character escaped: about 41 million) with room to spare, and a
 * fingerprint at the limit made only of characters the line escapes again into six (C1
 * controls) still writes as about 403 million.
 */
const MAX_FINGERPRINT_LENGTH = 2 ** 26;

/**
 * The fingerprint of a keyed command, from `command`, the fields as read (so a class instance's
 * fields answered from its prototype count, which the JSON of the caller's object leaves out:
 * two commands for different amounts were one), or `command_invalid` for a command with its own
 * toJSON, one JSON cannot write (a bigint, a cycle: only from code), one nested too deeply to
 * write, or one too long to keep. A bigint or a cycle cannot be told apart from another command
 * by its text, so it is refused rather than fingerprinted by some other spelling that a stored
 * command's string could match; the others (a request body passed on whole, with fields Kanjo
 * does not read) would make the journal's line unwritable. What a caller's own `toJSON` deeper
 * down throws is thrown on as it is: it is the caller's to see.
 *
 * The command is written as JSON once, here: a value Kanjo does not read (a Date, an object
 * of the caller's deeper down) has its `toJSON` and getters run once, however the retry is then
 * compared.
 */
export function keyedFingerprintOf(command: Command, state: LedgerStateView): LedgerResult<KeyedCommand> {
  // JSON.stringify writes a value's own toJSON answer instead of its fields: the command would
  // be remembered as something else (replay refuses such a fingerprint, and a retry of another
  // command with the same answer would be taken for this one). A class's toJSON is not copied
  // with the fields, so only the command's own counts: the copy holds it as read.
  if (Object.hasOwn(command, 'toJSON') && typeof (command as { toJSON?: unknown }).toJSON === 'function') {
    return reject(
      'command_invalid',
      'a command sent with an idempotency key is remembered as the JSON of its fields, and this one has its own toJSON method, which would write it as something else: send the command as plain data',
    );
  }
  const written = writeJson(command);
  if (!written.ok) {
    if (written.unwritable === 'a bigint') {
      return reject('command_invalid', 'a command sent with an idempotency key is remembered as JSON, and this one holds a bigint, which JSON cannot write: send numbers as numbers and ids as strings');
    }
    if (written.unwritable === 'a cycle') {
      return reject('command_invalid', 'a command sent with an idempotency key is remembered as JSON, and this one holds a cycle (an object inside itself), which JSON cannot write: send the command as plain data');
    }
    return fingerprintTooLarge('nested too deeply or too long to write as JSON');
  }
  let data: Command;
  let fingerprint: string;
  try {
    data = JSON.parse(written.text) as Command;
    fingerprint = fingerprintOf(data, state);
  } catch (error) {
    // Sorting the keys nests deeper than writing did: the call stack can run out only here
    // (the data is JSON's own now, so nothing of the caller's can throw).
    if (error instanceof RangeError) return fingerprintTooLarge('nested too deeply or too long to write as JSON');
    throw error;
  }
  if (fingerprint.length > MAX_FINGERPRINT_LENGTH) return fingerprintTooLarge(`${countText(fingerprint.length)} characters long as JSON`);
  return accept({ fingerprint, data });
}

function fingerprintTooLarge(what: string): LedgerResult<never> {
  return reject(
    'command_invalid',
    `a command sent with an idempotency key is remembered as JSON in the journal, and this one is ${what} (at most ${countText(MAX_FINGERPRINT_LENGTH)} characters): leave out the fields Kanjo does not read`,
  );
}

/**
 * What a command asks for, as text a retry's is compared with, from the command as JSON data.
 * The time and the key itself are not part of it: a retry may be sent later, and must still be
 * recognised as the same request. A default spelled out asks for the same thing as the default
 * left out (capture: true, origin: 'api', a refund request's includePaymentMethodFee: false; a
 * capture's amount, which defaults to the payment's authorized amount).
 */
function fingerprintOf(command: Command, state: LedgerStateView): string {
  const { at: _at, idempotencyKey: _key, ...request } = command;
  // The defaults are read as the command's own fields: JSON.parse's objects inherit
  // Object.prototype, where a field set by other code would be taken for one the command gave.
  const given = (field: string): unknown => (Object.hasOwn(request, field) ? (request as Readonly<Record<string, unknown>>)[field] : undefined);
  if (request.op === 'payment.create') return canonicalJson({ ...request, capture: given('capture') ?? true, origin: given('origin') ?? 'api' });
  if (request.op === 'settlement.run') return canonicalJson({ ...request, holidays: holidayCalendar(given('holidays') as readonly string[] | undefined) });
  if (request.op === 'payment.refund_request') return canonicalJson({ ...request, includePaymentMethodFee: given('includePaymentMethodFee') ?? false });
  if (request.op === 'payment.capture' && given('amount') === undefined) {
    // Capturing never changes the authorized amount, so a retry reads the same default.
    const authorized = state.payments.get(request.payment)?.amount;
    if (authorized !== undefined) return canonicalJson({ ...request, amount: authorized });
  }
  return canonicalJson(request);
}

/**
 * A run's holidays as the set of days they are: the run reads them as one (order and repeats
 * change nothing it pays), so a retry that lists the same days otherwise, as a service building
 * the list from a set may, asks for the same run. A list the command's check refused is never
 * kept, so anything else is left as it is.
 */
function holidayCalendar(holidays: readonly string[] | undefined): readonly unknown[] {
  if (holidays === undefined) return [];
  if (!Array.isArray(holidays)) return holidays;
  return [...new Set(holidays)].sort();
}

/**
 * Whether `first`'s fingerprint, the one an entry keeps for its key, names the same command as a
 * retry (`keyed`) whose fingerprint today differs from it: a fingerprint an earlier version
 * wrote (see {@link earlierFingerprintsOf}). Asked only of such a retry.
 *
 * @param inherited - where the retry's fields were read through a prototype.
 */
export function matchesEarlierFingerprint(first: IdempotencyRecord, keyed: KeyedCommand, inherited: InheritedFields, state: LedgerStateView): boolean {
  if (earlierFingerprintsOf(keyed.data, inherited, state).includes(first.fingerprint)) return true;
  return todaysFingerprintOf(first, state) === keyed.fingerprint;
}

// The stored command's fingerprint as today writes it, per record: worked out once, not on
// every retry that reuses the key (review 167: retries of a 3 MB session's key re-read it each
// time, 5 ms a retry). Held weakly, so a ledger's records are not kept alive by it. Today's form
// reads only what a command fixes for good (a capture's authorized amount), so it stays true.
const TODAYS_FINGERPRINTS = new WeakMap<IdempotencyRecord, string | undefined>();

/**
 * Before the defaults were filled in, a command was kept as its caller spelled it: a retry that
 * spells a default the other way (`capture: true` written out, or left out) is the same
 * command, as the README says. The stored command with today's defaults filled in is today's
 * fingerprint of it; a fingerprint written since is its own normal form, so this matches
 * nothing the comparison with the retry's earlier forms did not. Undefined when the stored text
 * is no command.
 */
function todaysFingerprintOf(first: IdempotencyRecord, state: LedgerStateView): string | undefined {
  if (TODAYS_FINGERPRINTS.has(first)) return TODAYS_FINGERPRINTS.get(first);
  const today = fingerprintOfStored(first.fingerprint, state);
  TODAYS_FINGERPRINTS.set(first, today);
  return today;
}

function fingerprintOfStored(stored: string, state: LedgerStateView): string | undefined {
  let earlier: unknown;
  try {
    earlier = JSON.parse(stored);
  } catch {
    return undefined;
  }
  if (typeof earlier !== 'object' || earlier === null || Array.isArray(earlier) || typeof (earlier as { op?: unknown }).op !== 'string') return undefined;
  try {
    return fingerprintOf(earlier as Command, state);
  } catch {
    return undefined;
  }
}

/**
 * The fingerprints earlier versions wrote for the same command, which a retry of it must still
 * match: without the defaults filled in, and, for a command with fields read through a
 * prototype, as `JSON.stringify` of the caller's object wrote it before the fields
 * were read once (without those fields; for plain data the same text as today's), where one of
 * those fields is one every such command has. A retry whose prototype answers only optional
 * fields matches only today's form: an earlier version's journal answers it
 * `idempotency_key_reused`.
 */
function earlierFingerprintsOf(data: Command, inherited: InheritedFields, state: LedgerStateView): string[] {
  try {
    const { at: _at, idempotencyKey: _key, ...request } = data;
    const forms = [canonicalJson(request)];
    // Only where a field every command of its op has is among them (a class's `amount`, a split
    // line's): a form without it is no command today's engine writes, so it can only be an
    // earlier version's. Without only optional fields (`capture`, a refund's `amount`) it can
    // be another command as today writes it: a retry inheriting `capture: false` was answered
    // with the first result of a payment captured at once (review 269).
    if (inherited.some((path) => isRequiredCommandField(data.op, path))) {
      const sent = withoutFields(data, inherited);
      const { at: _sentAt, idempotencyKey: _sentKey, ...sentRequest } = sent;
      forms.push(fingerprintOf(sent, state), canonicalJson(sentRequest));
    }
    return forms;
  } catch (error) {
    // A command nested to within a few calls of the stack's end was fingerprinted, but this
    // runs deeper in the stack: such a command matches no earlier form.
    if (error instanceof RangeError) return [];
    throw error;
  }
}

/** A copy of JSON data `data` without the fields at `paths`. */
function withoutFields(data: Command, paths: InheritedFields): Command {
  const copy = structuredClone(data) as unknown as Record<string | number, unknown>;
  for (const path of paths) {
    let holder: unknown = copy;
    for (const step of path.slice(0, -1)) holder = typeof holder === 'object' && holder !== null ? (holder as Record<string | number, unknown>)[step] : undefined;
    if (typeof holder === 'object' && holder !== null) delete (holder as Record<string | number, unknown>)[path[path.length - 1] as string | number];
  }
  return copy as unknown as Command;
}
