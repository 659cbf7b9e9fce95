import type { RefundParts } from '@kanjo/splits';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { Change } from '../journal/change.js';
import type { Payment } from '../payments/payment.js';
import { combineRefundParts, sameRefundParts } from './combine-refund-parts.js';
import { sellerRefundParts } from './plan-refund-parts.js';
import { refundCosts } from './refund-costs.js';
import type { RefundRequest } from './refund-request.js';

/** The change that replaces a pending request's parts and holds. */
export type RefundRequestReestimated = Extract<Change, { readonly kind: 'refund_request_reestimated' }>;

/**
 * The seller model's other pending requests of a payment, worked out again after `settled`
 * completed or was rejected (DOMAIN.md "Proportional refunds"): in the order they were made,
 * each gets what brings the cumulative platform part to round-half-up(R × platform_amount /
 * captured), counting the completed refunds (`given`, totalling `refundedAmount`, this entry's
 * completion included) and the requests before it as given back; its holds become the cost of
 * those parts plus its own fees. So holds again equal what each party will give back if the
 * requests complete, and no request keeps an estimate that counted a rejected request or the
 * wrong order of completions. Only requests whose parts change are listed. Marketplace parts
 * are the caller's split or the reverse of what was left: they never change.
 */
export function reestimatePendingRequests(
  state: LedgerStateView,
  payment: Payment,
  settled: RefundRequest,
  given: RefundParts,
  refundedAmount: number,
): RefundRequestReestimated[] {
  if (payment.model !== 'seller') return [];
  const changes: RefundRequestReestimated[] = [];
  let givenSoFar = given;
  let refundedSoFar = refundedAmount;
  for (const id of state.pendingRefundRequests.get(payment.id) ?? []) {
    const request = state.refundRequests.get(id);
    if (request === undefined) throw new Error(`ledger bug: pending refund request ${id} is unknown`);
    if (request.id === settled.id) continue;
    const { parts } = sellerRefundParts(payment, givenSoFar, refundedSoFar, request.amount);
    if (!sameRefundParts(parts, request.parts)) {
      changes.push({
        kind: 'refund_request_reestimated',
        refundRequest: request.id,
        parts,
        holds: refundCosts(payment, parts, [request.refundFee, request.refundedCustomerFee]),
      });
    }
    givenSoFar = combineRefundParts(givenSoFar, parts, 1);
    refundedSoFar += request.amount;
  }
  return changes;
}
