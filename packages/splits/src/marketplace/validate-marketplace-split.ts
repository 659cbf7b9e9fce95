import { assertAmount } from '../amounts/assert-amount.js';
import { countText } from '../result/count-text.js';
import { isAmount } from '../amounts/is-amount.js';
import { accept, assertNever, reject, type Result } from '../result/result.js';
import { SUBMERCHANT_ID_MAX_LENGTH } from './max-submerchants.js';
import { resolveMaxSubmerchants } from './resolve-max-submerchants.js';
import type { SplitConstraints, SplitErrorCode, SplitLine, SplitMoment } from './types.js';
import { quoteText } from '../result/quote-text.js';
import { assertLineObject } from './assert-line-object.js';

const NO_LINES: readonly SplitLine[] = Object.freeze([]);

/**
 * Validates a marketplace (Platform Processing Model) split for the moment it is given.
 *
 * `amount` is the payment amount at `immediate_capture`, the captured amount at `capture` and
 * `partial_capture`, and unused at `authorization` (where it must still be a non-negative safe
 * integer: it is checked first, at every moment). At `authorization` no split is allowed
 * (`undefined` or `[]` gives `[]`); at every other moment one is required: `undefined` is
 * `split_required`, while `[]` is a split like any other, judged by the sum rule (at `capture`
 * it is valid and the platform keeps the whole captured amount; at immediate and partial
 * capture it adds up to 0, `split_sum_mismatch`). Then, in this fixed
 * order, the first failure is returned: `split_too_many_submerchants`,
 * `split_submerchant_id_invalid`, `split_duplicate_submerchant`,
 * `split_line_amount_not_positive`, `split_platform_fee_exceeds_amount`,
 * `amount_sum_not_safe_integer`, then the sum rule (`split_sum_mismatch` at immediate and
 * partial capture, where Σ amount must equal the amount; `split_sum_exceeds_amount` at capture,
 * where Σ amount ≤ the captured amount and the rest is the platform's own).
 *
 * Whether each submerchant is an active Payout Merchant of this platform is the ledger's to
 * check: the splits know no merchants. A line that is not an object (a TypeError), or a line
 * amount or fee that is not a non-negative safe integer (a RangeError), is a programmer error (requests go through {@link parseAmount} first) and throws,
 * checked after the rule of the moment (a split at `authorization` is refused as such, its lines
 * unread) and after `split_too_many_submerchants` (so that nothing loops over an unbounded
 * request), before every other rule.
 *
 * @returns the lines, unchanged, when valid
 * @example
 * validateMarketplaceSplit(
 *   [{ submerchantId: 'pm-1', amount: 700, platformFee: 70 }, { submerchantId: 'pm-2', amount: 300, platformFee: 30 }],
 *   'immediate_capture',
 *   1000,
 * ); // { ok: true, value: [...the two lines] }
 */
export function validateMarketplaceSplit(
  lines: readonly SplitLine[] | undefined,
  moment: SplitMoment,
  amount: number,
  constraints: SplitConstraints = {},
): Result<readonly SplitLine[], SplitErrorCode> {
  assertAmount(amount);
  const maxSubmerchants = resolveMaxSubmerchants(constraints);
  if (lines !== undefined && !Array.isArray(lines)) throw new TypeError('split lines must be an array or undefined');
  switch (moment) {
    case 'authorization':
      if (lines === undefined || lines.length === 0) return accept(NO_LINES);
      return reject('split_not_allowed_at_authorization', 'a payment authorized with capture: false takes no split; send the split when capturing it');
    case 'immediate_capture':
    case 'capture':
    case 'partial_capture':
      break;
    default:
      return assertNever(moment, 'split moment');
  }
  if (lines === undefined) {
    return reject('split_required', `a split (submerchants) is required at ${moment.replace('_', ' ')}; list each Payout Merchant's amount and platform_fee`);
  }
  // The bound comes first so that nothing below loops over an unbounded request.
  if (lines.length > maxSubmerchants) {
    return reject('split_too_many_submerchants', `a split may have at most ${countText(maxSubmerchants)} submerchants, got ${countText(lines.length)}`);
  }
  // A malformed number is the caller's bug (requests are parsed first): it throws rather than
  // hide behind whichever business rejection happens to come first.
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as SplitLine;
    assertLineObject(line, index);
    // The message names the entry, so it is built only when the check fails.
    if (!isAmount(line.amount)) assertAmount(line.amount, `submerchants[${index}].amount`);
    if (!isAmount(line.platformFee)) assertAmount(line.platformFee, `submerchants[${index}].platform_fee`);
  }
  for (let index = 0; index < lines.length; index += 1) {
    const id: unknown = (lines[index] as SplitLine).submerchantId;
    if (typeof id !== 'string' || id.length === 0 || id.length > SUBMERCHANT_ID_MAX_LENGTH) {
      // The bound counts UTF-16 code units: 128 emoji are past it, and the message says so.
      const units = typeof id === 'string' && id.length > SUBMERCHANT_ID_MAX_LENGTH ? ` (UTF-16 code units, JavaScript's length, where a character past U+FFFF (most emoji) counts 2: it has ${countText(id.length)})` : '';
      return reject('split_submerchant_id_invalid', `submerchants[${index}].submerchant_id must be a non-empty string of at most ${SUBMERCHANT_ID_MAX_LENGTH} characters${units}`);
    }
  }
  const again = duplicateAt(lines);
  if (again !== undefined) {
    const id = (lines[again] as SplitLine).submerchantId;
    return reject('split_duplicate_submerchant', `submerchant ${quoteText(id)} appears more than once in the split (again at submerchants[${again}]); give each Payout Merchant one line`);
  }
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as SplitLine;
    if (line.amount === 0) {
      return reject('split_line_amount_not_positive', `submerchants[${index}] (${quoteText(line.submerchantId)}) has amount 0; every line's amount must be positive, leave out a Payout Merchant that gets nothing`);
    }
  }
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as SplitLine;
    if (line.platformFee > line.amount) {
      return reject('split_platform_fee_exceeds_amount', `submerchants[${index}] (${quoteText(line.submerchantId)}) has platform_fee ${line.platformFee} above its amount ${line.amount}; the fee is taken out of the amount`);
    }
  }
  let total = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const lineAmount = (lines[index] as SplitLine).amount;
    if (lineAmount > Number.MAX_SAFE_INTEGER - total) {
      return reject('amount_sum_not_safe_integer', `the split's amounts add up past ${Number.MAX_SAFE_INTEGER} minor units`);
    }
    total += lineAmount;
  }
  if (moment === 'capture') {
    if (total > amount) {
      return reject('split_sum_exceeds_amount', `the split's amounts add up to ${total}, more than the captured amount ${amount}; they may add up to at most ${amount} (the rest is the platform's own)`);
    }
  } else if (total !== amount) {
    const what = moment === 'partial_capture' ? 'the partially captured amount' : 'the payment amount';
    return reject('split_sum_mismatch', `the split's amounts add up to ${total}, but must equal ${what} ${amount}`);
  }
  return accept(lines);
}

/** Splits this short are checked for a repeated id pair by pair; longer ones with a set. */
const PAIRWISE_UP_TO = 16;

/**
 * The index of the first line whose submerchant id an earlier line has, or undefined. Most
 * splits have a few lines, and every capture (and every replayed one) checks its split: a
 * `Set` per call was the largest allocation of a replayed capture's split check, so short
 * splits compare ids pair by pair instead. Both ways give the same index.
 */
function duplicateAt(lines: readonly SplitLine[]): number | undefined {
  if (lines.length <= PAIRWISE_UP_TO) {
    for (let index = 1; index < lines.length; index += 1) {
      const id = (lines[index] as SplitLine).submerchantId;
      for (let earlier = 0; earlier < index; earlier += 1) if ((lines[earlier] as SplitLine).submerchantId === id) return index;
    }
    return undefined;
  }
  const seen = new Set<string>();
  for (let index = 0; index < lines.length; index += 1) {
    const id = (lines[index] as SplitLine).submerchantId;
    if (seen.has(id)) return index;
    seen.add(id);
  }
  return undefined;
}
