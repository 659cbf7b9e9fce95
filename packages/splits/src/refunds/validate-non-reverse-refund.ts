import { assertAmount } from '../amounts/assert-amount.js';
import { isAmount } from '../amounts/is-amount.js';
import { resolveMaxSubmerchants } from '../marketplace/resolve-max-submerchants.js';
import type { MarketplaceShares, SplitConstraints, SubmerchantShare } from '../marketplace/types.js';
import { accept, reject, type Result } from '../result/result.js';
import type { RefundLine, RefundParts, RefundSplitErrorCode, SubmerchantRefundPart } from './types.js';
import { quoteText } from '../result/quote-text.js';
import { assertLineObject } from '../marketplace/assert-line-object.js';

/**
 * Validates a non-reverse marketplace refund (a `refund` with an amount and a split: the caller
 * says who pays) against what is left of each party's share, and returns the refund's parts.
 *
 * Each line's `amount` is what that Payout Merchant gives back and its `platformFee` what the
 * platform bears on that line; the platform's part is Σ platformFee. Checked in this fixed
 * order, the first failure returned: `refund_split_too_many_lines`,
 * `refund_split_duplicate_submerchant`, `refund_submerchant_not_in_payment`,
 * `amount_sum_not_safe_integer`, `refund_split_sum_mismatch` (Σ(amount + platformFee) must be
 * `refundAmount`), `refund_exceeds_share` (no Payout Merchant above the rest of its share, lines
 * in order, then the platform above the rest of its own). Lines of 0/0 are allowed.
 *
 * Amounts that are not non-negative safe integers are programmer errors and throw: the refund
 * amount (checked first), and after `refund_split_too_many_lines` (which reads nothing of an
 * unbounded split) and before every other rule, each line's and what is left of each share in
 * `remaining`. So do a line that is not an object and a Payout Merchant listed twice in
 * `remaining`.
 *
 * @param remaining - what is left of each share ({@link remainingShares})
 * @returns every Payout Merchant of `remaining`, in its order, with what it gives back (0 if not
 *   on a line), and the platform's part
 * @example
 * // After the ¥1,000 capture {pm-1 700/70, pm-2 300/30}, a ¥900 refund: 50 platform / 600 / 250.
 * validateNonReverseRefund(
 *   900,
 *   [{ submerchantId: 'pm-1', amount: 600, platformFee: 30 }, { submerchantId: 'pm-2', amount: 250, platformFee: 20 }],
 *   { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] },
 * ); // { ok: true, value: { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] } }
 */
export function validateNonReverseRefund(
  refundAmount: number,
  lines: readonly RefundLine[],
  remaining: MarketplaceShares,
  constraints: SplitConstraints = {},
): Result<RefundParts, RefundSplitErrorCode> {
  assertAmount(refundAmount, 'refund amount');
  const maxLines = resolveMaxSubmerchants(constraints);
  if (!Array.isArray(lines)) throw new TypeError('refund split lines must be an array');
  // The bound comes first so that nothing below loops over an unbounded request.
  if (lines.length > maxLines) {
    return reject('refund_split_too_many_lines', `a refund split may have at most ${maxLines} submerchants, got ${lines.length}`);
  }
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as RefundLine;
    assertLineObject(line, index);
    // The message names the entry, so it is built only when the check fails.
    if (!isAmount(line.amount)) assertAmount(line.amount, `submerchants[${index}].amount`);
    if (!isAmount(line.platformFee)) assertAmount(line.platformFee, `submerchants[${index}].platform_fee`);
  }
  // What is left is an amount too: a share that is not one (a RefundParts passed by mistake,
  // whose entries have `amount`, not `share`) would compare false against every line and let
  // any refund through.
  if (!isAmount(remaining.platform)) assertAmount(remaining.platform, 'remaining.platform');
  const shareById = new Map<string, number>();
  for (const { submerchantId, share } of remaining.submerchants) {
    if (!isAmount(share)) assertAmount(share, `remaining share of ${quoteText(submerchantId)}`);
    // Listed twice, the later share would be checked and both entries answered with the line's
    // amount: parts adding up past the refund. Only a split with a duplicate id (which
    // validateMarketplaceSplit refuses) gives such shares, so it is misuse, thrown.
    if (shareById.has(submerchantId)) throw new RangeError(`validateNonReverseRefund: ${quoteText(submerchantId)} is listed twice in remaining`);
    shareById.set(submerchantId, share);
  }
  const lineIndexById = new Map<string, number>();
  for (let index = 0; index < lines.length; index += 1) {
    const id = (lines[index] as RefundLine).submerchantId;
    if (lineIndexById.has(id)) {
      return reject('refund_split_duplicate_submerchant', `submerchant ${quoteText(id)} appears more than once in the refund split (again at submerchants[${index}]); give each Payout Merchant one line`);
    }
    lineIndexById.set(id, index);
  }
  for (let index = 0; index < lines.length; index += 1) {
    const id = (lines[index] as RefundLine).submerchantId;
    if (!shareById.has(id)) {
      return reject('refund_submerchant_not_in_payment', `submerchant ${quoteText(id)} (submerchants[${index}]) has no share in this payment; only Payout Merchants of its split can give back`);
    }
  }
  let total = 0;
  let platform = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as RefundLine;
    // Each step compared before adding, so the check never leaves the exact range.
    if (line.amount > Number.MAX_SAFE_INTEGER - total || line.platformFee > Number.MAX_SAFE_INTEGER - total - line.amount) {
      return reject('amount_sum_not_safe_integer', `the refund split's amounts add up past ${Number.MAX_SAFE_INTEGER} minor units`);
    }
    total += line.amount + line.platformFee;
    platform += line.platformFee; // ≤ total, so safe too
  }
  if (total !== refundAmount) {
    return reject('refund_split_sum_mismatch', `the refund split's amounts and platform fees add up to ${total}, but must equal the refund amount ${refundAmount}`);
  }
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as RefundLine;
    const left = shareById.get(line.submerchantId) as number;
    if (line.amount > left) {
      return reject('refund_exceeds_share', `submerchant ${quoteText(line.submerchantId)} is asked to give back ${line.amount}, but has only ${left} left of its share`);
    }
  }
  if (platform > remaining.platform) {
    return reject('refund_exceeds_share', `the platform is asked to bear ${platform} (the sum of platform_fee), but has only ${remaining.platform} left of its share`);
  }
  const submerchants = remaining.submerchants.map(({ submerchantId }: SubmerchantShare): SubmerchantRefundPart => {
    const index = lineIndexById.get(submerchantId);
    // `+ 0`: a line's amount of -0 (a valid amount) is answered as 0, never "-0".
    return { submerchantId, amount: index === undefined ? 0 : (lines[index] as RefundLine).amount + 0 };
  });
  return accept({ platform, submerchants });
}
