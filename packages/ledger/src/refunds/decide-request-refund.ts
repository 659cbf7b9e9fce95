import { refundRequestFee, type FeeWithTax } from '@kanjo/fees';
import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { RequestRefundCommand } from '../commands/command.js';
import { requireId } from '../commands/validate-input.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { findCapturedPayment } from '../payments/find-payment.js';
import { refundedByRequest } from '../payments/payment-methods.js';
import { sessionContext } from '../payments/session-context.js';
import { MAX_PENDING_REFUND_REQUESTS } from './max-pending-refund-requests.js';
import { planRefundParts } from './plan-refund-parts.js';
import { checkRefundCosts, exactPlatformCost, refundCosts } from './refund-costs.js';
import { checkGivingBackActive, checkRefundMakersActive } from './refund-parties-active.js';
import type { RefundRequestInit } from './refund-request.js';
import { validateBankAccount } from './validate-bank-account.js';

/**
 * `payment.refund_request` for Konbini, Bank Transfer and Pay-Easy: the same split rules as a
 * refund, plus the customer's bank account, the Refund Fee and its tax, and with
 * include_payment_method_fee the customer fee and its tax actually charged at capture. Nothing
 * posts yet: each party's cost is held from its available balance until the request completes
 * or is rejected, so two pending requests can never both rely on the same balance.
 */
export function decideRequestRefund(state: LedgerStateView, command: RequestRefundCommand): LedgerResult<EntryDraft> {
  const id = requireId(command.id, 'id');
  if (!id.ok) return id;
  if (state.refundRequests.has(command.id)) {
    return reject('refund_request_id_taken', `refund request id ${command.id} is already used: give a new id`);
  }
  const found = findCapturedPayment(state, command.payment);
  if (!found.ok) return found;
  const payment = found.value;
  if (!refundedByRequest(payment.paymentType)) {
    return reject('refund_request_not_supported', `${payment.paymentType} payments are refunded directly: use payment.refund`);
  }
  const makers = checkRefundMakersActive(state, payment);
  if (!makers.ok) return makers;
  const account = validateBankAccount(command.bankAccount);
  if (!account.ok) return account;
  const plan = planRefundParts(payment, command.amount, command.split);
  if (!plan.ok) return plan;
  const givingBack = checkGivingBackActive(state, payment, plan.value.parts);
  if (!givingBack.ok) return givingBack;

  let refundedCustomerFee: FeeWithTax | undefined;
  if (command.includePaymentMethodFee && payment.customerFee > 0) {
    if (payment.customerFeeRefund !== 'none') {
      return reject('customer_fee_already_refunded', `the customer fee of payment ${payment.id} is already refunded or requested: set include_payment_method_fee to false`);
    }
    refundedCustomerFee = {
      fee: { type: 'Refunded Customer Fee', amount: payment.customerFee },
      tax: { type: 'Refunded Customer Fee Tax', amount: payment.customerFeeTax },
    };
  }
  // After the request's own checks (a caller fixes its input first), before the balances.
  const pending = state.pendingRefundRequests.get(payment.id)?.length ?? 0;
  if (pending >= MAX_PENDING_REFUND_REQUESTS) {
    return reject('refund_request_too_many_pending', `payment ${payment.id} already has ${pending} refund requests pending, the most one payment may have: complete or reject one first`);
  }
  const schedule = state.config.merchants.get(payment.platform)?.feeSchedule;
  if (schedule === undefined) throw new Error(`platform ${payment.platform} has no fee schedule`);
  const refundFee = refundRequestFee(schedule);
  const fees = [refundFee, refundedCustomerFee];
  const holds = refundCosts(payment, plan.value.parts, fees);
  const covered = checkRefundCosts(state, payment.currency, holds, () => exactPlatformCost(plan.value.parts, fees));
  if (!covered.ok) return covered;

  const request: RefundRequestInit = {
    id: command.id,
    payment: payment.id,
    currency: payment.currency,
    amount: plan.value.amount,
    parts: plan.value.parts,
    refundFee,
    ...(refundedCustomerFee === undefined ? {} : { refundedCustomerFee }),
    platform: payment.platform,
    holds,
    bankAccount: account.value,
    reverse: plan.value.reverse,
  };
  return accept({
    payment: payment.id,
    changes: [{ kind: 'refund_request_created', request }],
    postings: [],
    events: [{ type: 'refund_request.updated', payment: payment.id, ...sessionContext(payment), refundRequest: request.id, status: 'pending', amount: request.amount, currency: request.currency }],
  });
}
