import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { RefundPaymentCommand } from '../commands/command.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { findCapturedPayment } from '../payments/find-payment.js';
import { refundedDirectly } from '../payments/payment-methods.js';
import { planRefundParts } from './plan-refund-parts.js';
import { checkRefundCosts, exactPlatformCost, refundCosts } from './refund-costs.js';
import { checkGivingBackActive, checkRefundMakersActive } from './refund-parties-active.js';
import { merchantAccounts } from '../journal/push-movement.js';
import { refundEvents, refundPostings } from './refund-postings.js';

/**
 * `payment.refund` of a card or wallet payment: reverse (no split) or non-reverse (amount and
 * split), each party within what it has left, every party that takes part active, each
 * party's available balance covering its cost, posted at once. Processing fees are not given
 * back (`[komoju]`).
 */
export function decideRefundPayment(state: LedgerStateView, command: RefundPaymentCommand): LedgerResult<EntryDraft> {
  const found = findCapturedPayment(state, command.payment);
  if (!found.ok) return found;
  const payment = found.value;
  if (!refundedDirectly(payment.paymentType)) {
    return reject('refund_request_required', `${payment.paymentType} payments are refunded by bank transfer to the customer: use payment.refund_request with the customer's bank account`);
  }
  const makers = checkRefundMakersActive(state, payment);
  if (!makers.ok) return makers;
  const plan = planRefundParts(payment, command.amount, command.split);
  if (!plan.ok) return plan;
  const givingBack = checkGivingBackActive(state, payment, plan.value.parts);
  if (!givingBack.ok) return givingBack;
  const costs = checkRefundCosts(state, payment.currency, refundCosts(payment, plan.value.parts, []), () => exactPlatformCost(plan.value.parts, []));
  if (!costs.ok) return costs;
  return accept({
    payment: payment.id,
    changes: [{ kind: 'payment_refunded', payment: payment.id, amount: plan.value.amount, parts: plan.value.parts, customerFeeRefunded: false }],
    postings: refundPostings(merchantAccounts(state.config), payment, plan.value.amount, plan.value.parts),
    events: refundEvents(payment, plan.value.amount),
  });
}
