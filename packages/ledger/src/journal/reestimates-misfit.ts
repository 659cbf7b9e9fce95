import type { LedgerStateView } from '../engine/ledger-state.js';
import { combineRefundParts, sameRefundParts } from '../refunds/combine-refund-parts.js';
import { reestimatePendingRequests, type RefundRequestReestimated } from '../refunds/reestimate-pending-requests.js';
import { sameHolds } from '../refunds/refund-request.js';
import type { Entry } from './entry.js';
import { minorUnitsNote } from '../engine/message-text.js';

/**
 * Why an entry's re-estimates are not exactly those the engine writes, or undefined. When a
 * seller-model refund request completes or is rejected, the engine re-estimates, in the same
 * entry, every other pending request of the payment whose parts that changes
 * ({@link reestimatePendingRequests}: DOMAIN.md "Proportional refunds" works on cumulative
 * totals), and no other; an entry settles at most one request, and one that settles none
 * re-estimates nothing. Run after the payment checks, which make sure the entry's refund is of
 * the settled request's payment. Each
 * re-estimate's fit to its request is checked with the change itself; this requires that none
 * is left out, added or reordered: a request left holding its old estimate keeps some party's
 * available balance (DOMAIN.md "Sufficient balance") off by what it no longer costs.
 *
 * A completion is followed from the parts its refund gave in the journal, not those the engine
 * would give today, so journals of earlier versions (a seller-model request completed with its
 * own estimate) are judged by what they posted.
 */
export function reestimatesMisfit(state: LedgerStateView, entry: Pick<Entry, 'changes'>): string | undefined {
  const written: RefundRequestReestimated[] = [];
  let expected: readonly RefundRequestReestimated[] = [];
  for (const change of entry.changes) {
    if (change.kind === 'refund_request_reestimated') written.push(change);
  }
  let settling: Extract<Entry['changes'][number], { readonly kind: 'refund_request_completed' | 'refund_request_rejected' }> | undefined;
  for (const change of entry.changes) {
    if (change.kind !== 'refund_request_completed' && change.kind !== 'refund_request_rejected') continue;
    // The engine settles one request a command: a second in the entry would be re-estimated for by neither.
    if (settling !== undefined) return `it settles refund requests ${settling.refundRequest} and ${change.refundRequest}: an entry settles one`;
    settling = change;
  }
  let currency: string | undefined;
  if (settling !== undefined) {
    const request = state.refundRequests.get(settling.refundRequest);
    const payment = request === undefined ? undefined : state.payments.get(request.payment);
    currency = payment?.currency;
    if (request !== undefined && payment !== undefined) {
      if (settling.kind === 'refund_request_rejected') {
        expected = reestimatePendingRequests(state, payment, request, payment.refunded, payment.refundedAmount);
      } else {
        const refund = entry.changes.find((change) => change.kind === 'payment_refunded');
        if (refund !== undefined) expected = reestimatePendingRequests(state, payment, request, combineRefundParts(payment.refunded, refund.parts, 1), payment.refundedAmount + request.amount);
      }
    }
  }
  if (written.length === 0 && expected.length === 0) return undefined;
  const same =
    written.length === expected.length &&
    written.every((change, index) => {
      const wanted = expected[index] as RefundRequestReestimated;
      return (
        change.refundRequest === wanted.refundRequest &&
        sameRefundParts(change.parts, wanted.parts) &&
        sameHolds(change.holds, wanted.holds)
      );
    });
  if (same) return undefined;
  return `it re-estimates ${requestList(written)}, where settling it re-estimates ${requestList(expected)}${minorUnitsNote(currency)}`;
}

/** The re-estimated requests and their new parts, for a message. */
function requestList(changes: readonly RefundRequestReestimated[]): string {
  if (changes.length === 0) return 'no request';
  return Array.from(changes, (change) => `${change.refundRequest} (platform ${change.parts.platform}, ${Array.from(change.parts.submerchants, (part) => `${part.submerchantId} ${part.amount}`).join(', ')})`).join(', ');
}
