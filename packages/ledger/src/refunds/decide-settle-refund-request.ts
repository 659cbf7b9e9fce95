import { accept, reject, type Result } from '@kanjo/splits';
import type { CompleteRefundRequestCommand, RejectRefundRequestCommand } from '../commands/command.js';
import type { LedgerState } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { findPayment } from '../payments/find-payment.js';
import type { RefundRequest } from './refund-request.js';
import { refundEvents, refundPostings } from './refund-postings.js';

/**
 * `refund_request.complete`: KOMOJU paid the customer. The holds are released and the refund
 * posts exactly as decided when the request was made (parts, Refund Fee, customer fee), which
 * the holds guaranteed the balances could cover.
 */
export function decideCompleteRefundRequest(state: LedgerState, command: CompleteRefundRequestCommand): Result<EntryDraft> {
  const found = findPendingRequest(state, command.refundRequest);
  if (!found.ok) return found;
  const request = found.value;
  const payment = findPayment(state, request.payment);
  if (!payment.ok) return payment;
  return accept({
    payment: request.payment,
    changes: [
      { kind: 'refund_request_completed', refundRequest: request.id },
      {
        kind: 'payment_refunded',
        payment: request.payment,
        amount: request.amount,
        parts: request.parts,
        customerFeeRefunded: request.refundedCustomerFee !== undefined,
      },
    ],
    postings: refundPostings(payment.value, request.amount, request.parts, request.refundFee, request.refundedCustomerFee),
    events: [
      { type: 'refund_request.updated', payment: request.payment, refundRequest: request.id, status: 'completed', amount: request.amount, currency: request.currency },
      ...refundEvents(payment.value, request.amount, request.id),
    ],
  });
}

/** `refund_request.reject`: the request failed; its holds are released and nothing moves. */
export function decideRejectRefundRequest(state: LedgerState, command: RejectRefundRequestCommand): Result<EntryDraft> {
  const found = findPendingRequest(state, command.refundRequest);
  if (!found.ok) return found;
  const request = found.value;
  return accept({
    payment: request.payment,
    changes: [{ kind: 'refund_request_rejected', refundRequest: request.id }],
    postings: [],
    events: [{ type: 'refund_request.updated', payment: request.payment, refundRequest: request.id, status: 'rejected', amount: request.amount, currency: request.currency }],
  });
}

function findPendingRequest(state: LedgerState, id: string): Result<RefundRequest> {
  const request = state.refundRequests.get(id);
  if (request === undefined) return reject('refund_request_not_found', `no refund request ${JSON.stringify(id)}: check the id`);
  if (request.status !== 'pending') {
    return reject('refund_request_not_pending', `refund request ${id} is already ${request.status}`);
  }
  return accept(request);
}
