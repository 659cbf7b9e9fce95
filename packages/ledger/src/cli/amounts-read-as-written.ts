import { fieldOf, isJsonObject } from '../scenario/field-reader.js';
import { COMMAND_FIELDS } from '../scenario/unknown-scenario-fields.js';
import type { FractionReadAsWhole, IntegerPastSafeRange } from './scan-json-text.js';

/**
 * Puts each amount JSON reads as another number than its text back as the text it is written
 * as, where the scenario file reads an amount, so that it is refused as that string is, with
 * the code and message the string gets:
 * - one with a fraction JSON rounds away (`9007199254740990.5`), refused as a fraction is
 *   (SCENARIO.md: "Anything else (1000.5, …) is rejected") rather than run as the whole number
 *   a double holds;
 * - a whole number past 2^53 written in digits (`9007199254740993`), refused as it is either
 *   way (`amount_not_safe_integer`), quoted as sent rather than as the double JSON reads
 *   (`9007199254740992`).
 *
 * A number under a field Kanjo does not read, or in a session's `metadata`, is no amount and is
 * left as JSON read it. Returns the ones put back, for the warnings.
 */
export function readAmountsAsWritten(document: unknown, amounts: readonly (FractionReadAsWhole | IntegerPastSafeRange)[]): (FractionReadAsWhole | IntegerPastSafeRange)[] {
  const refused: (FractionReadAsWhole | IntegerPastSafeRange)[] = [];
  for (const amount of amounts) {
    const parent = amountParent(document, amount.segments);
    if (parent === undefined) continue;
    parent[amount.segments[amount.segments.length - 1] as string] = amount.written;
    refused.push(amount);
  }
  return refused;
}

/** Split line fields that are amounts; the others of a split line are not. */
const SPLIT_LINE_AMOUNTS = ['amount', 'platform_fee'];
/** A payment method's settings that are amounts. */
const FEE_AMOUNTS = ['fixed_fee', 'customer_fee'];
/** A command's own fields that are amounts, where its op reads them. */
const COMMAND_AMOUNTS = ['amount', 'platform_amount', 'minimum_amount'];

/**
 * The object holding the amount at `segments` if the file reads one there (the file's
 * `refund_request_fee`, a platform's payment-method `fixed_fee` or `customer_fee`, a command's
 * `amount`, `platform_amount` or `minimum_amount` where its op reads it, or a split line's
 * `amount` or `platform_fee` in a command that reads `platform_details`), else undefined.
 */
function amountParent(document: unknown, segments: readonly (string | number)[]): Record<string, unknown> | undefined {
  if (!isJsonObject(document)) return undefined;
  const [first, index, ...rest] = segments;
  if (segments.length === 1) return first === 'refund_request_fee' ? document : undefined;
  if (typeof index !== 'number') return undefined;
  const list = fieldOf(document, first as string);
  const item: unknown = Array.isArray(list) ? list[index] : undefined;
  if (!isJsonObject(item)) return undefined;
  if (first === 'merchants') {
    const [methods, name, setting] = rest;
    if (rest.length !== 3 || methods !== 'payment_methods' || fieldOf(item, 'type') !== 'platform' || !FEE_AMOUNTS.includes(setting as string)) return undefined;
    const paymentMethods = fieldOf(item, 'payment_methods');
    const method = isJsonObject(paymentMethods) ? fieldOf(paymentMethods, name as string) : undefined;
    return isJsonObject(method) ? method : undefined;
  }
  if (first !== 'commands') return undefined;
  const op = fieldOf(item, 'op');
  const reads = typeof op === 'string' && Object.hasOwn(COMMAND_FIELDS, op) ? (COMMAND_FIELDS[op] as readonly string[]) : [];
  if (rest.length === 1) return COMMAND_AMOUNTS.includes(rest[0] as string) && reads.includes(rest[0] as string) ? item : undefined;
  const [details, submerchants, line, field] = rest;
  if (rest.length !== 4 || details !== 'platform_details' || submerchants !== 'submerchants' || typeof line !== 'number' || !reads.includes('platform_details') || !SPLIT_LINE_AMOUNTS.includes(field as string)) return undefined;
  const platformDetails = fieldOf(item, 'platform_details');
  const lines = isJsonObject(platformDetails) ? fieldOf(platformDetails, 'submerchants') : undefined;
  const splitLine: unknown = Array.isArray(lines) ? lines[line] : undefined;
  return isJsonObject(splitLine) ? splitLine : undefined;
}
