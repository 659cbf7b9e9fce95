import { accept, countText, MAX_SUBMERCHANTS, type SplitLine } from '@kanjo/splits';
import { reject, type LedgerRejection, type LedgerResult } from '../engine/ledger-rejection.js';
import { fieldOf, isJsonObject, readAmount, readString, type JsonObject } from './field-reader.js';

/**
 * `platform_details.submerchants` of a request: each line's submerchant_id, amount and
 * platform_fee (numbers or digit strings; 0 is let through so the split rules name the
 * problem). `platform_details` absent, or present without `submerchants` (KOMOJU's
 * authorization example sends `{}`), means no split.
 *
 * @param tooMany - the code of a list longer than `@kanjo/splits` takes: a payment's split
 *   and a refund's have their own (`refund_split_too_many_lines`), as from code.
 */
export function parseSplitLines(object: JsonObject, tooMany: 'split_too_many_submerchants' | 'refund_split_too_many_lines' = 'split_too_many_submerchants'): LedgerResult<readonly SplitLine[] | undefined> {
  const details = fieldOf(object, 'platform_details');
  if (details === undefined || details === null) return accept(undefined);
  if (!isJsonObject(details)) return reject('field_invalid', 'platform_details must be an object');
  const submerchants = fieldOf(details, 'submerchants');
  if (submerchants === undefined || submerchants === null) return accept(undefined);
  if (!Array.isArray(submerchants)) return reject('field_invalid', 'platform_details.submerchants must be a list');
  // Bounded before any line is read: a huge list is rejected without walking it.
  if (submerchants.length > MAX_SUBMERCHANTS) {
    return reject(tooMany === 'refund_split_too_many_lines' ? 'refund_split_too_many_lines' : 'split_too_many_submerchants', `platform_details.submerchants has ${countText(submerchants.length)} lines; at most ${countText(MAX_SUBMERCHANTS)}`);
  }
  const lines: SplitLine[] = [];
  for (const [index, line] of submerchants.entries()) {
    const where = `platform_details.submerchants[${index}]`;
    if (!isJsonObject(line)) return reject('field_invalid', `${where} must be an object`);
    const id = readString(line, 'submerchant_id');
    if (!id.ok) return prefixed(id.error, where);
    const amount = readAmount(line, 'amount', true);
    if (!amount.ok) return prefixed(amount.error, where);
    const platformFee = readAmount(line, 'platform_fee', true);
    if (!platformFee.ok) return prefixed(platformFee.error, where);
    lines.push({ submerchantId: id.value, amount: amount.value, platformFee: platformFee.value });
  }
  return accept(lines);
}

function prefixed(error: LedgerRejection, where: string): LedgerResult<never> {
  return reject(error.code, `${where}: ${error.message}`);
}
