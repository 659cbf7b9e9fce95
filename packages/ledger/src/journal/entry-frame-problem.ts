import { quoted } from '../engine/message-text.js';

/**
 * Why a value handed to replay from code is not an entry in the frame every later check reads,
 * or undefined: an object with a safe-integer `seq`, a `command` object naming its op, lists of
 * `changes` (objects naming their kind), `events` and `postings` (each posting is checked by
 * {@link postingInFrame} as replay walks them). `position` counts the entries given, from 1, for
 * a value that has no `seq` to name it by.
 *
 * The readers check this shape (and more) before an entry reaches replay; entries from code
 * have not been through one: a service's own store of entries, read back with `JSON.parse`,
 * may hold a posting amount written as text, which the balance check summed as text
 * ("its JPY postings sum to 01000-1000…"), or a `null` that made replay throw a TypeError.
 * Each is a few type checks, next to the microseconds an entry's other checks take.
 */
export function entryFrameProblem(value: unknown, position: number): string | undefined {
  if (typeof value !== 'object' || value === null) return `the entry at position ${position} is ${quoted(value)}, not an entry object`;
  const entry = value as Record<string, unknown>;
  const seq = entry['seq'];
  if (!Number.isSafeInteger(seq)) return `the entry at position ${position}: seq must be an integer, not ${quoted(seq)}`;
  const where = `entry ${seq as number}`;
  const command = entry['command'];
  if (typeof command !== 'object' || command === null || typeof (command as Record<string, unknown>)['op'] !== 'string') {
    return `${where}: command must be an object naming its op, not ${quoted(command)}`;
  }
  for (const list of ['changes', 'events', 'postings'] as const) {
    const problem = listProblem(entry[list]);
    if (problem !== undefined) return `${where}: ${list} ${problem}`;
  }
  const changes = entry['changes'] as readonly unknown[];
  for (let index = 0; index < changes.length; index += 1) {
    const change = changes[index] as Record<string, unknown> | null;
    if (typeof change !== 'object' || change === null || typeof change['kind'] !== 'string') {
      return `${where}: change ${index + 1} must be an object naming its kind, not ${quoted(change)}`;
    }
  }
  return undefined;
}

/**
 * Whether a posting of an entry from code is in the frame the checks read: an object whose
 * amount is a non-zero safe integer, whose currency is text and whose merchant is text or absent. Asked of every posting of every
 * replayed entry, inside the walk that checks its account, record type and currency (a separate
 * pass cost a replay of captures 8%); an account or a record type of the wrong type that walk
 * already refuses by name (neither KOMOJU's nor that of a merchant configured in the journal's book; not one of KOMOJU's).
 */
export function postingInFrame(posting: unknown): boolean {
  if (typeof posting !== 'object' || posting === null) return false;
  const { amount, currency, merchant } = posting as { amount?: unknown; currency?: unknown; merchant?: unknown };
  // A merchant of null on an outside posting passed the account check (no merchant either way)
  // and would have been folded as a balance of the merchant "null".
  return typeof currency === 'string' && Number.isSafeInteger(amount) && amount !== 0 && (merchant === undefined || typeof merchant === 'string');
}

/** Why a posting is not {@link postingInFrame}: for the message, built only then. */
export function postingFrameProblem(posting: unknown, index: number): string {
  return `posting ${index + 1} ${postingFieldsProblem(posting) ?? 'is not a posting as the engine writes it'}`;
}

/**
 * Why a value is not a list the checks can walk, or undefined. A list without Array.prototype
 * (`Object.setPrototypeOf(list, null)`) is still a list to `Array.isArray`, but `for…of` over
 * it throws: it is named apart, as JSON would show it as a list.
 */
function listProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return `must be a list, not ${quoted(value)}`;
  if (typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') return 'is a list without Array.prototype\'s iterator (a null prototype?): pass a plain list';
  return undefined;
}

/**
 * What is wrong with one posting's fields, or undefined: the shape the engine writes (a string
 * account, currency and record type, a non-zero safe-integer amount, a string merchant or none).
 */
function postingFieldsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `is ${quoted(value)}, not a posting object`;
  const posting = value as Record<string, unknown>;
  for (const field of ['account', 'currency', 'recordType'] as const) {
    if (typeof posting[field] !== 'string') return `has ${field} ${quoted(posting[field])}, not a string`;
  }
  const amount = posting['amount'];
  if (!Number.isSafeInteger(amount) || amount === 0) return `has amount ${quoted(amount)}, not a non-zero integer of minor units`;
  const merchant = posting['merchant'];
  if (merchant !== undefined && typeof merchant !== 'string') return `has merchant ${quoted(merchant)}, not a string`;
  return undefined;
}
