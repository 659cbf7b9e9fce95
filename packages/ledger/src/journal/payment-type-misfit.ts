import type { Merchant } from '../merchants/merchant.js';
import type { PaymentInit } from '../payments/payment.js';
import { sessionOffers, type SessionInit } from '../sessions/session.js';
import { chargebackPossible, partialCaptureAllowed, paymentMethodCapabilities, refundedByRequest, refundedDirectly } from '../payments/payment-methods.js';
import { echoedOrBare, quoted } from '../engine/message-text.js';

// What a payment's type allows, re-checked on the replay of an imported journal with the
// predicates the engine decides commands by (payments/payment-methods.ts), so the two cannot
// drift apart. Each message ends with the code the engine gives the command such an entry would
// have come from. Part of paymentLifecycleProblem: they follow the entry's one payment.

/**
 * Why a payment cannot have been created with its type, or undefined: Kanjo knows the type's
 * fund flow, and the processing merchant (the seller in the seller model, else the platform)
 * accepts it, as `payment.create` requires.
 */
export function creationTypeMisfit(init: PaymentInit, processing: Merchant): string | undefined {
  if (paymentMethodCapabilities(init.paymentType) === undefined) {
    return `payment ${init.id} is of type ${quoted(init.paymentType)}, which Kanjo does not know the fund flow of (payment_type_not_supported)`;
  }
  if (!processing.paymentTypes.has(init.paymentType)) {
    return `payment ${init.id} is a ${init.paymentType} payment of ${processing.id}, which does not accept ${init.paymentType} (payment_type_not_accepted)`;
  }
  return undefined;
}

/**
 * Why a payment cannot have been captured for `capturedAmount`, or undefined: less than its
 * amount only where its type allows a partial capture from its origin. Called for partial
 * captures only, so a full capture costs nothing here.
 */
export function partialCaptureMisfit(payment: PaymentInit, capturedAmount: number): string | undefined {
  if (partialCaptureAllowed(payment.paymentType, payment.origin)) return undefined;
  const origin = payment.origin === 'session' ? 'a hosted-page session' : 'the Payment API';
  return `payment ${payment.id} of ${echoedOrBare(payment.amount, payment.currency)}, ${payment.paymentType} created through ${origin}, captured for ${echoedOrBare(capturedAmount, payment.currency)}: it cannot be partially captured (partial_capture_not_supported)`;
}

/** Why a payment cannot have been refunded directly (a refund that completes no refund request), or undefined. */
export function directRefundMisfit(payment: PaymentInit): string | undefined {
  if (refundedDirectly(payment.paymentType)) return undefined;
  return `payment ${payment.id} refunded directly, but ${payment.paymentType} payments are refunded by refund request (refund_request_required)`;
}

/** Why a refund request cannot have been made for a payment, or undefined. */
export function refundRequestMisfit(payment: PaymentInit, request: string): string | undefined {
  if (refundedByRequest(payment.paymentType)) return undefined;
  return `refund request ${request} made for payment ${payment.id}, but ${payment.paymentType} payments are refunded directly (refund_request_not_supported)`;
}

/** Why a payment cannot have been charged back, or undefined. */
export function chargebackMisfit(payment: PaymentInit): string | undefined {
  if (chargebackPossible(payment.paymentType)) return undefined;
  return `payment ${payment.id} charged back, but ${payment.paymentType} payments have no chargebacks (chargeback_not_supported)`;
}

/** Why a payout merchant cannot have a line in a payment's split, or undefined: it accepts the payment's type, as `checkSplitSubmerchants` requires. */
export function splitTypeMisfit(payment: PaymentInit, submerchant: Merchant): string | undefined {
  if (submerchant.paymentTypes.has(payment.paymentType)) return undefined;
  return `payment ${payment.id} split to ${submerchant.id}, which does not accept ${payment.paymentType} (payment_type_not_accepted)`;
}

/**
 * Why a session cannot have been completed with a payment, or undefined: the session offers the
 * payment's type. A session read from a journal is checked for its id only: one without a list
 * of types offers none.
 */
export function sessionTypeMisfit(session: SessionInit, payment: PaymentInit): string | undefined {
  if (Array.isArray(session.paymentTypes) && sessionOffers(session, payment.paymentType)) return undefined;
  return `session ${session.id} completed with payment ${payment.id} of ${payment.paymentType}, which the session does not offer (session_payment_type_not_offered)`;
}
