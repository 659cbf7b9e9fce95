import { accept, reject, type Result } from '@kanjo/splits';
import type { CompleteRefundRequestCommand, RejectRefundRequestCommand } from '../commands/command.js';
import type { RefundParts } from '@kanjo/splits';
import { availableBalance, type LedgerState } from '../engine/ledger-state.js';
import type { Payment } from '../payments/payment.js';
import { sellerRefundParts } from './plan-refund-parts.js';
import { combineRefundParts } from './combine-refund-parts.js';
import { refundCosts } from './refund-costs.js';
import type { EntryDraft } from '../journal/entry.js';
import type { LedgerEvent } from '../journal/ledger-event.js';
import { findPayment } from '../payments/find-payment.js';
import { sessionContext } from '../payments/session-context.js';
import type { RefundRequest } from './refund-request.js';
import { refundEvents, refundPostings } from './refund-postings.js';

/**
 * `refund_request.complete`: KOMOJU paid the customer. The holds are released and the refund
 * posts with the Refund Fee and customer fee decided when the request was made; who gives back
 * what is settled by {@link partsAtCompletion}. It always posts: the holds covered it.
 */
export function decideCompleteRefundRequest(state: LedgerState, command: CompleteRefundRequestCommand): Result<EntryDraft> {
  const found = findPendingRequest(state, command.refundRequest);
  if (!found.ok) return found;
  const { request, payment } = found.value;
  const parts = partsAtCompletion(state, payment, request);
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
    ],
    postings: refundPostings(payment, request.amount, parts, request.refundFee, request.refundedCustomerFee),
    events: [
      requestUpdated(request, payment, 'completed'),
      ...refundEvents(payment, request.amount, request.id),
    ],
  });
}

/**
 * Who gives back what when a request completes. KOMOJU has paid the customer by then, so a
 * completion always posts: the parts fixed (and held for) when the request was made are
 * always good. Marketplace parts are the caller's split, or the reverse of what was left.
 * Seller-model parts follow the cumulative rule, and a request made while others were pending
 * assumed they would complete: if one was rejected since, the parts are worked out again now
 * (counting the other pending requests as given back) and used when the parties' available
 * balance plus what this request held covers them; otherwise the fixed parts post, and the next
 * refund of the payment re-centres the cumulative parts.
 */
function partsAtCompletion(state: LedgerState, payment: Payment, request: RefundRequest): RefundParts {
  if (payment.model !== 'seller') return request.parts;
  const othersPending = combineRefundParts(payment.pending, request.parts, -1);
  const given = combineRefundParts(payment.refunded, othersPending, 1);
  const before = payment.refundedAmount + payment.pendingRefundAmount - request.amount;
  const plan = sellerRefundParts(payment, given, before, request.amount);
  for (const cost of refundCosts(payment, plan.parts, [request.refundFee, request.refundedCustomerFee])) {
    const held = request.holds.find((hold) => hold.merchant === cost.merchant)?.amount ?? 0;
    if (availableBalance(state, cost.merchant, request.currency) + held < cost.amount) return request.parts;
  }
  return plan.parts;
}

/** `refund_request.reject`: the request failed; its holds are released and nothing moves. */
export function decideRejectRefundRequest(state: LedgerState, command: RejectRefundRequestCommand): Result<EntryDraft> {
  const found = findPendingRequest(state, command.refundRequest);
  if (!found.ok) return found;
  const { request, payment } = found.value;
  return accept({
    payment: request.payment,
    changes: [{ kind: 'refund_request_rejected', refundRequest: request.id }],
    postings: [],
    events: [requestUpdated(request, payment, 'rejected')],
  });
}

/** A pending refund request and its payment, or why the command cannot settle it. */
function findPendingRequest(state: LedgerState, id: string): Result<{ readonly request: RefundRequest; readonly payment: Payment }> {
  const request = state.refundRequests.get(id);
  if (request === undefined) return reject('refund_request_not_found', `no refund request ${JSON.stringify(id)}: check the id`);
  if (request.status !== 'pending') {
    return reject('refund_request_not_pending', `refund request ${id} is already ${request.status}`);
  }
  const payment = findPayment(state, request.payment);
  if (!payment.ok) return payment;
  return accept({ request, payment: payment.value });
}

/** The refund_request.updated event of a request moving to `status`. */
function requestUpdated(request: RefundRequest, payment: Payment, status: 'completed' | 'rejected'): LedgerEvent {
  return { type: 'refund_request.updated', payment: request.payment, ...sessionContext(payment), refundRequest: request.id, status, amount: request.amount, currency: request.currency };
}
