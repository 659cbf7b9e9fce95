import { fieldOf, isJsonObject, type JsonObject } from './field-reader.js';

/** A field of a scenario file that Kanjo does not read, and where it is. */
export interface UnknownScenarioField {
  /** Where the field sits, as a path into the file: `commands[3]`, `merchants[0].payment_methods.konbini`; empty at the top. */
  readonly path: string;
  /** The command's op when the field is in a command, so a reader knows which table row to check. */
  readonly op?: string;
  /** The field's name as the file spells it. */
  readonly field: string;
  /**
   * Where Kanjo reads what the field means, when it reads it elsewhere: KOMOJU takes a session's
   * capture mode as `payment_data[capture]`, SCENARIO.md as the command's own `capture`.
   */
  readonly readInstead?: string;
}

/** Every command may carry these besides the fields of its op. */
const COMMON_COMMAND_FIELDS = ['op', 'at', 'idempotency_key'];
const PARTIES = ['merchant', 'as', 'platform_details', 'platform_amount', 'platform_merchant'];
const BANK_ACCOUNT = ['customer_name', 'bank_name', 'bank_code', 'branch_name', 'branch_number', 'account_type', 'account_number'];

/** The fields each op reads (SCENARIO.md "Commands", and what `parseScenarioCommand` reads besides). */
export const COMMAND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'payment.create': ['id', ...PARTIES, 'amount', 'currency', 'payment_type', 'capture', 'origin'],
  'payment.capture': ['payment', 'amount', 'platform_details', 'platform_amount'],
  'payment.cancel': ['payment'],
  'payment.expire': ['payment'],
  'payment.refund': ['payment', 'amount', 'platform_details'],
  'payment.refund_request': ['id', 'payment', 'amount', 'platform_details', 'include_payment_method_fee', ...BANK_ACCOUNT],
  'refund_request.complete': ['refund_request'],
  'refund_request.reject': ['refund_request'],
  'payment.chargeback': ['payment'],
  'balance.transfer': ['merchant', 'from', 'to', 'amount', 'currency'],
  'payout_settings.update': ['merchant', 'target', 'currency', 'frequency', 'minimum_amount'],
  'settlement.run': ['date', 'holidays'],
  'session.create': ['id', ...PARTIES, 'amount', 'currency', 'payment_types', 'return_url', 'capture', 'external_customer_id', 'payment_data', 'default_locale', 'metadata'],
  'session.complete': ['session', 'payment', 'payment_type'],
  'session.cancel': ['session'],
};

/** The file's own fields; `description` is free text that documents an example. */
const FILE_FIELDS = ['merchants', 'commands', 'tax_rate', 'refund_request_fee', 'time_zone', 'book', 'rounding', 'description'];
const MERCHANT_FIELDS = ['id', 'type', 'status', 'approved', 'book'];
const PLATFORM_FIELDS = [...MERCHANT_FIELDS, 'business', 'payment_methods'];
const SUB_MERCHANT_FIELDS = [...MERCHANT_FIELDS, 'platform', 'payment_types'];
const FEE_FIELDS = ['fee_rate', 'fixed_fee', 'customer_fee'];
const SPLIT_LINE_FIELDS = ['submerchant_id', 'amount', 'platform_fee'];

/**
 * The fields of a scenario file that Kanjo ignores because it does not know them: SCENARIO.md
 * lets the format grow, so they are no error, but a misspelt optional field is silently its
 * default (a refund's `amout` refunds everything, `platform_detail` splits nothing), so the
 * command line warns of each. Only objects Kanjo reads field by field are looked into: not
 * `metadata`, whose keys are the caller's; not `payment_data`, where KOMOJU takes many fields
 * Kanjo does not model (it reads only `external_order_num`, so a misspelling of that one is not
 * named), except its `capture`: KOMOJU's place for a session's capture mode, which Kanjo reads
 * from the command's own `capture` (SCENARIO.md), so that a session written from an API log
 * with `payment_data.capture` "manual" would otherwise be captured at completion without a
 * word; not a command with an unknown op, which is rejected anyway.
 *
 * Listed by place, whatever the order of the file's keys (a JSON object's key order means
 * nothing): the top level first, then each merchant (its own fields, then its payment
 * methods', method by method), then each command (its own fields, its `payment_data.capture`,
 * then its split lines'), each
 * list in file order; the fields of one object, and the payment methods, in code-unit order of
 * their names.
 */
export function unknownScenarioFields(document: unknown): UnknownScenarioField[] {
  const unknown: UnknownScenarioField[] = [];
  if (!isJsonObject(document)) return unknown;
  collect(unknown, document, FILE_FIELDS, '');
  const merchants = fieldOf(document, 'merchants');
  if (Array.isArray(merchants)) {
    for (const [index, merchant] of merchants.entries()) {
      if (!isJsonObject(merchant)) continue;
      const path = `merchants[${index}]`;
      const type = fieldOf(merchant, 'type');
      if (type === 'platform') {
        collect(unknown, merchant, PLATFORM_FIELDS, path);
        const methods = fieldOf(merchant, 'payment_methods');
        if (isJsonObject(methods)) for (const [paymentType, fees] of Object.entries(methods).sort(byName)) collect(unknown, fees, FEE_FIELDS, `${path}.payment_methods.${paymentType}`);
      } else if (type === 'seller' || type === 'payout') {
        collect(unknown, merchant, SUB_MERCHANT_FIELDS, path);
      }
    }
  }
  const commands = fieldOf(document, 'commands');
  if (Array.isArray(commands)) {
    for (const [index, command] of commands.entries()) {
      if (!isJsonObject(command)) continue;
      const op = fieldOf(command, 'op');
      const fields = typeof op === 'string' && Object.hasOwn(COMMAND_FIELDS, op) ? COMMAND_FIELDS[op] : undefined;
      if (fields === undefined) continue;
      const path = `commands[${index}]`;
      collect(unknown, command, [...COMMON_COMMAND_FIELDS, ...fields], path, op as string);
      const paymentData = fieldOf(command, 'payment_data');
      if (fields.includes('payment_data') && isJsonObject(paymentData) && Object.hasOwn(paymentData, 'capture')) {
        unknown.push({ path: `${path}.payment_data`, op: op as string, field: 'capture', readInstead: `${path}.capture` });
      }
      const details = fieldOf(command, 'platform_details');
      if (!fields.includes('platform_details') || !isJsonObject(details)) continue;
      collect(unknown, details, ['submerchants'], `${path}.platform_details`, op as string);
      const lines = fieldOf(details, 'submerchants');
      if (Array.isArray(lines)) for (const [line, split] of lines.entries()) collect(unknown, split, SPLIT_LINE_FIELDS, `${path}.platform_details.submerchants[${line}]`, op as string);
    }
  }
  return unknown;
}

function collect(unknown: UnknownScenarioField[], object: unknown, known: readonly string[], path: string, op?: string): void {
  if (!isJsonObject(object)) return;
  // Sorted, not in the file's order: the command line names only the first few, and the same
  // object with its keys reordered must warn of the same ones.
  for (const field of Object.keys(object as JsonObject).sort()) {
    if (!known.includes(field)) unknown.push({ path, field, ...(op === undefined ? {} : { op }) });
  }
}

function byName([left]: [string, unknown], [right]: [string, unknown]): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
