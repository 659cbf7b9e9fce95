import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { CompleteRefundRequestCommand, RejectRefundRequestCommand } from '../commands/command.js';
import type { RefundParts } from '@kanjo/splits';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { Payment } from '../payments/payment.js';
import { sellerRefundParts } from './plan-refund-parts.js';
import { combineRefundParts } from './combine-refund-parts.js';
import type { EntryDraft } from '../journal/entry.js';
import type { LedgerEvent } from '../journal/ledger-event.js';
import { findPayment } from '../payments/find-payment.js';
import { sessionContext } from '../payments/session-context.js';
import type { RefundRequest } from './refund-request.js';
import { merchantAccounts } from '../journal/push-movement.js';
import { refundEvents, refundPostings } from './refund-postings.js';
import { reestimatePendingRequests } from './reestimate-pending-requests.js';
import { quoted } from '../engine/message-text.js';

/**
 * `refund_request.complete`: KOMOJU paid the customer. The request's holds are released and
 * the refund posts with the Refund Fee and customer fee decided when the request was made;
 * who gives back what is settled by {@link partsAtCompletion}. In the seller model the same
 * entry re-estimates the payment's other pending requests ({@link reestimatePendingRequests}),
 * so their holds again match what they will cost.
 *
 * It always posts, whatever the balances: the customer has been paid. The seller-model parts
 * can need one unit more from a party than this request held (its estimate assumed an order
 * of completions that did not happen); the re-estimated requests then hold that unit less, so
 * each party's available balance is left exactly as it was, as in the marketplace, and
 * nothing is overdrawn. (A journal written before re-estimation existed, with estimates off
 * the curve, could leave a party a unit short; replay now refuses such a journal.)
 */
export function decideCompleteRefundRequest(state: LedgerStateView, command: CompleteRefundRequestCommand): LedgerResult<EntryDraft> {
  const found = findPendingRequest(state, command.refundRequest);
  if (!found.ok) return found;
  const { request, payment } = found.value;
  const parts = partsAtCompletion(payment, request);
  const given = combineRefundParts(payment.refunded, parts, 1);
  return accept({
    payment: request.payment,
    changes: [
      { kind: 'refund_request_completed', refundRequest: request.id },
      {
        kind: 'payment_refunded',
        payment: request.payment,
        amount: request.amount,
        parts,
        customerFeeRefunded: request.refundedCustomerFee !== undefined,
      },
      ...reestimatePendingRequests(state, payment, request, given, payment.refundedAmount + request.amount),
    ],
    postings: refundPostings(merchantAccounts(state.config), payment, request.amount, parts, request.refundFee, request.refundedCustomerFee),
    events: [
      requestUpdated(request, payment, 'completed'),
      ...refundEvents(payment, request.amount, request.id),
    ],
  });
}

/**
 * Who gives back what when a request completes. Marketplace: the parts fixed (and held for)
 * when the request was made, the caller's split or the reverse of what was left. Seller model:
 * the cumulative rule on the COMPLETED refunds alone (DOMAIN.md "Proportional refunds"): with
 * R the refunded amount plus this request's, the parts bring each party's completed total to
 * round-half-up(R × platform_amount / captured) for the platform and R minus that for the
 * seller. Pending requests are not counted: some may still be rejected, and requests may
 * complete in any order, yet after every completion the completed parts sit exactly on the
 * curve. The estimate made (and held for) at request time is not used.
 */
export function partsAtCompletion(payment: Payment, request: RefundRequest): RefundParts {
  if (payment.model !== 'seller') return request.parts;
  return sellerRefundParts(payment, payment.refunded, payment.refundedAmount, request.amount).parts;
}

/**
 * `refund_request.reject`: the request failed; its holds are released and no money moves. In
 * the seller model the payment's other pending requests no longer count it as given back:
 * they are re-estimated in the same entry. That never lowers an available balance: with the
 * estimates on the curve, what they hold together grows by at most what this request held of
 * each party.
 */
export function decideRejectRefundRequest(state: LedgerStateView, command: RejectRefundRequestCommand): LedgerResult<EntryDraft> {
  const found = findPendingRequest(state, command.refundRequest);
  if (!found.ok) return found;
  const { request, payment } = found.value;
  return accept({
    payment: request.payment,
    changes: [
      { kind: 'refund_request_rejected', refundRequest: request.id },
      ...reestimatePendingRequests(state, payment, request, payment.refunded, payment.refundedAmount),
    ],
    postings: [],
    events: [requestUpdated(request, payment, 'rejected')],
  });
}

/** A pending refund request and its payment, or why the command cannot settle it. */
function findPendingRequest(state: LedgerStateView, id: string): LedgerResult<{ readonly request: RefundRequest; readonly payment: Payment }> {
  const request = state.refundRequests.get(id);
  if (request === undefined) return reject('refund_request_not_found', `no refund request ${quoted(id)}: check the id`);
  if (request.status !== 'pending') {
    return reject('refund_request_not_pending', `refund request ${id} is already ${request.status}: only a pending refund request can be completed or rejected`);
  }
  const payment = findPayment(state, request.payment);
  if (!payment.ok) return payment;
  return accept({ request, payment: payment.value });
}

/** The refund_request.updated event of a request moving to `status`. */
function requestUpdated(request: RefundRequest, payment: Payment, status: 'completed' | 'rejected'): LedgerEvent {
  return { type: 'refund_request.updated', payment: request.payment, ...sessionContext(payment), refundRequest: request.id, status, amount: request.amount, currency: request.currency };
}
