import type { RefundParts } from '@kanjo/splits';
import type { Payment } from '../payments/payment.js';
import { combineRefundParts, sameRefundParts } from '../refunds/combine-refund-parts.js';
import { sellerRefundParts } from '../refunds/plan-refund-parts.js';
import { echoedOrBare, jsonInLine, minorUnitsNote, unitOnly } from '../engine/message-text.js';

/**
 * Why the parts of a direct refund or of a new refund request are not ones the engine gives
 * (`planRefundParts`), or undefined. `payment` is the payment before the entry, and what its
 * pending requests hold counts as given back, as the engine counts it.
 * - Seller model: exactly the proportional split on cumulative totals (DOMAIN.md "Proportional
 *   refunds"), which no caller can change (`refund_split_not_allowed_for_seller`). Every version
 *   of Kanjo worked a refund's or a request's parts out so, from the same state.
 * - Marketplace: no party above what is left of its share (DOMAIN.md "0 ≤ refunded share ≤
 *   share"). A caller's split decides a non-reverse refund's parts, so within that bound any parts
 *   adding up to the amount are ones the engine could have written; a reverse refund, of
 *   everything left, can only be the rest of every share.
 *
 * Without it a journal moving a refund onto a party that had nothing left to give replayed, and
 * the rebuilt ledger threw a `RangeError` on the payment's next refund.
 */
export function refundPartsMisfit(payment: Payment, what: string, amount: number, parts: RefundParts): string | undefined {
  const given = combineRefundParts(payment.refunded, payment.pending, 1);
  if (payment.model === 'seller') {
    const expected = sellerRefundParts(payment, given, payment.refundedAmount + payment.pendingRefundAmount, amount).parts;
    if (sameRefundParts(parts, expected)) return undefined;
    return `${what} in parts ${jsonInLine(parts)}, not the ${jsonInLine(expected)} of the proportional split${minorUnitsNote(payment.currency)}`;
  }
  const platformLeft = payment.shares.platform - given.platform;
  if (parts.platform > platformLeft) return `${what} with the platform giving back ${echoedOrBare(parts.platform, payment.currency)}, more than the ${unitOnly(platformLeft, payment.currency)} left of its share`;
  // The parties are the shares' own, in order (checked before: partiesMisfit).
  for (let index = 0; index < parts.submerchants.length; index += 1) {
    const part = parts.submerchants[index];
    const share = payment.shares.submerchants[index];
    if (part === undefined || share === undefined) continue;
    const left = share.share - (given.submerchants[index]?.amount ?? 0);
    if (part.amount > left) return `${what} with ${part.submerchantId} giving back ${echoedOrBare(part.amount, payment.currency)}, more than the ${unitOnly(left, payment.currency)} left of its share`;
  }
  return undefined;
}
