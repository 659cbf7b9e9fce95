import type { Command } from './command.js';

/** Every field name of every command, each op's and the ones they share. */
type CommandField = Command extends infer Each ? (Each extends unknown ? keyof Each : never) : never;

/**
 * The fields a command may have, read by name (through its prototype too: a command may be an
 * instance of a class whose fields are getters). Checked by the compiler against `Command`: a
 * field added to a command and left out here fails to type check.
 */
const COMMAND_FIELDS = [
  'op', 'at', 'idempotencyKey', 'id', 'merchant', 'as', 'amount', 'currency', 'paymentType', 'capture', 'origin',
  'split', 'platformAmount', 'platformMerchant', 'payment', 'includePaymentMethodFee', 'bankAccount', 'refundRequest',
  'from', 'to', 'target', 'frequency', 'minimumAmount', 'date', 'holidays', 'session', 'paymentTypes', 'returnUrl',
  'externalCustomerId', 'externalOrderNum', 'defaultLocale', 'metadata',
] as const satisfies readonly CommandField[];
type Listed = (typeof COMMAND_FIELDS)[number];
// Fails to compile when a field of Command is not listed: the type is then the missing names, not `true`.
const EVERY_FIELD_LISTED: [Exclude<CommandField, Listed>] extends [never] ? true : Exclude<CommandField, Listed> = true;
void EVERY_FIELD_LISTED;

/** A split line's fields (a refund's line has the same). */
const LINE_FIELDS = ['submerchantId', 'amount', 'platformFee'] as const;

/** A refund request's bank account fields. */
const BANK_ACCOUNT_FIELDS = ['customerName', 'bankName', 'bankCode', 'branchName', 'branchNumber', 'accountType', 'accountNumber'] as const;

/**
 * A copy of `command` in which every field was read exactly once, for the engine to read
 * instead of the caller's object. A command from code may be an object whose fields are
 * getters, or a Proxy; one that answered differently on a later read (amount 1,000 to the split
 * check, 2,000 to the posting) made the engine append an entry it had never decided as a whole:
 * a payment of 1,000 captured for 2,000, which the journal's replay then refused. Each field is
 * read once here, before anything is checked, and everything after reads the copy.
 *
 * What is copied, and how deep: the command's own enumerable fields (as JSON sees them) and
 * every field of {@link COMMAND_FIELDS} it has (`in`, so through its prototype); of a list
 * (`split`, `holidays`, `paymentTypes`) each item, and of a split line and a bank account their
 * own enumerable fields and their known ones; of `metadata` its own enumerable entries (all a
 * session reads of it). Anything else (a string, a number, a Date) is kept as it is. Something
 * that is not an object is returned as it is, for the shape check to refuse.
 *
 * A getter that throws throws here, out of `execute`, with nothing written (as before: see the
 * README's "How it works"). The fingerprint of a keyed command is still written from the
 * caller's object, so that it stays the JSON of what was sent.
 */
export function readCommandOnce(command: Command): Command {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) return command;
  const copy = readFields(command, COMMAND_FIELDS);
  if (copy['split'] !== undefined) copy['split'] = readList(copy['split'], (line) => readFieldsOf(line, LINE_FIELDS));
  if (copy['holidays'] !== undefined) copy['holidays'] = readList(copy['holidays'], (item) => item);
  if (copy['paymentTypes'] !== undefined) copy['paymentTypes'] = readList(copy['paymentTypes'], (item) => item);
  if (copy['bankAccount'] !== undefined) copy['bankAccount'] = readFieldsOf(copy['bankAccount'], BANK_ACCOUNT_FIELDS);
  if (copy['metadata'] !== undefined) copy['metadata'] = readFieldsOf(copy['metadata'], []);
  return copy as unknown as Command;
}

/** `value`'s own enumerable fields and the `known` ones it has, each read once; not an object (or a list): as it is. */
function readFieldsOf(value: unknown, known: readonly string[]): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? readFields(value, known) : value;
}

function readFields(value: object, known: readonly string[]): Record<string, unknown> {
  const fields = value as Readonly<Record<string, unknown>>;
  const copy: Record<string, unknown> = {};
  // Own keys first, in their order (JSON's order, which messages and lists follow).
  for (const key of Object.keys(fields)) define(copy, key, fields[key]);
  for (const key of known) if (!Object.hasOwn(copy, key) && key in fields) define(copy, key, fields[key]);
  return copy;
}

/**
 * A key as a field of its own: a plain assignment of `__proto__` would set the copy's prototype
 * instead (JSON.parse makes `__proto__` an own field, and Object.keys lists it).
 */
function define(copy: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  else copy[key] = value;
}

/**
 * A list read by index, each item once, `length` once, holes as undefined (the shape check
 * refuses them as it did), into a plain array; not a list: as it is.
 */
function readList(value: unknown, readItem: (item: unknown) => unknown): unknown {
  if (!Array.isArray(value)) return value;
  const items: readonly unknown[] = value;
  const length = items.length;
  const copy = new Array<unknown>(length);
  for (let index = 0; index < length; index += 1) copy[index] = readItem(items[index]);
  return copy;
}
