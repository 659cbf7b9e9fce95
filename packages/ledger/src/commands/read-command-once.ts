import type { Command } from './command.js';
import type { RefundLine, SplitLine } from '@kanjo/splits';
import { readEntries, readFields, readFieldsOf, readList, type EveryFieldListed, type FieldsOf } from '../engine/read-fields-once.js';
import type { BankAccount } from '../refunds/refund-request.js';

/**
 * The fields a command may have, read by name (through its prototype too: a command may be an
 * instance of a class whose fields are getters).
 */
const COMMAND_FIELDS = [
  'op', 'at', 'idempotencyKey', 'id', 'merchant', 'as', 'amount', 'currency', 'paymentType', 'capture', 'origin',
  'split', 'platformAmount', 'platformMerchant', 'payment', 'includePaymentMethodFee', 'bankAccount', 'refundRequest',
  'from', 'to', 'target', 'frequency', 'minimumAmount', 'date', 'holidays', 'session', 'paymentTypes', 'returnUrl',
  'externalCustomerId', 'externalOrderNum', 'defaultLocale', 'metadata',
] as const satisfies readonly FieldsOf<Command>[];

/** A split line's fields (a refund's line has the same). */
const LINE_FIELDS = ['submerchantId', 'amount', 'platformFee'] as const satisfies readonly FieldsOf<SplitLine | RefundLine>[];

/** A refund request's bank account fields. */
const BANK_ACCOUNT_FIELDS = ['customerName', 'bankName', 'bankCode', 'branchName', 'branchNumber', 'accountType', 'accountNumber'] as const satisfies readonly FieldsOf<BankAccount>[];

// Each fails to compile when a field is added to its type and not listed above.
const EVERY_FIELD_LISTED: [
  EveryFieldListed<Command, (typeof COMMAND_FIELDS)[number]>,
  EveryFieldListed<SplitLine | RefundLine, (typeof LINE_FIELDS)[number]>,
  EveryFieldListed<BankAccount, (typeof BANK_ACCOUNT_FIELDS)[number]>,
] = [true, true, true];
void EVERY_FIELD_LISTED;

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
 * session reads of it), when it is an object of JSON's kind (a Map is kept as it is, for the
 * session's check to refuse rather than read as empty). Anything else (a string, a number, a Date) is kept as it is. Something
 * that is not an object is returned as it is, for the shape check to refuse.
 *
 * A getter that throws throws here, out of `execute`, with nothing written (as before: see the
 * README's "How it works"). A keyed command is fingerprinted from the copy too: what is
 * remembered is what was decided.
 *
 * @param inherited - given, receives where a field was read through a prototype (see
 *   {@link InheritedFields}).
 */
export function readCommandOnce(command: Command, inherited?: InheritedFields): Command {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) return command;
  // The names each read finds through a prototype (none for plain data), then moved into
  // `inherited` as paths.
  const found: string[] | undefined = inherited === undefined ? undefined : [];
  const copy = readFields(command, COMMAND_FIELDS, found);
  if (found !== undefined && found.length > 0) moveFound(found, inherited as InheritedFields, []);
  for (const field of AMOUNT_FIELDS) if (copy[field] === 0) copy[field] = 0;
  if (copy['split'] !== undefined) {
    copy['split'] = readList(copy['split'], (line, index) => {
      const read = readFieldsOf(line, LINE_FIELDS, found);
      if (found !== undefined && found.length > 0) moveFound(found, inherited as InheritedFields, ['split', index]);
      // Only the copy is changed: a line that is no record comes back as it is, the caller's.
      if (read !== line) withoutNegativeZeros(read as Record<string, unknown>);
      return read;
    }, 'split');
  }
  if (copy['holidays'] !== undefined) copy['holidays'] = readList(copy['holidays'], (item) => item, 'holidays');
  if (copy['paymentTypes'] !== undefined) copy['paymentTypes'] = readList(copy['paymentTypes'], (item) => item, 'paymentTypes');
  if (copy['bankAccount'] !== undefined) {
    copy['bankAccount'] = readFieldsOf(copy['bankAccount'], BANK_ACCOUNT_FIELDS, found);
    if (found !== undefined && found.length > 0) moveFound(found, inherited as InheritedFields, ['bankAccount']);
  }
  if (copy['metadata'] !== undefined) copy['metadata'] = readEntries(copy['metadata'], (value) => value);
  return copy as unknown as Command;
}

/**
 * The amount fields of a command and of its split lines. A `-0` from code (`0 * -1`, a
 * negated share) is an amount of 0 that JSON writes as `0`: kept as it came, the live state
 * held `-0` where the replay of its journal holds `0`, and a strict comparison of the two
 * (`Object.is`, `isDeepStrictEqual`, vitest's `toEqual`) told them apart. Read as `0`.
 */
const AMOUNT_FIELDS = ['amount', 'platformAmount', 'minimumAmount'] as const;
const LINE_AMOUNT_FIELDS = ['amount', 'platformFee'] as const;

/** `-0` in a split line's amount fields made `0` (see {@link AMOUNT_FIELDS}); `x === 0` holds for both zeros. */
function withoutNegativeZeros(line: Record<string, unknown>): void {
  for (const field of LINE_AMOUNT_FIELDS) if (line[field] === 0) line[field] = 0;
}

function moveFound(found: string[], inherited: InheritedFields, path: readonly (string | number)[]): void {
  for (const key of found) inherited.push([...path, key]);
  found.length = 0;
}

/**
 * Where {@link readCommandOnce} read a field through a prototype (a class instance's getter),
 * as paths into the copy (`['amount']`, `['split', 0, 'amount']`): the fields `JSON.stringify`
 * of the caller's object leaves out, which fingerprints written before the copy left out too.
 */
export type InheritedFields = (readonly (string | number)[])[];
