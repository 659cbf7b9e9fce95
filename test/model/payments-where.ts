import type { RefundLine } from '@kanjo/splits';
import type { ModelPayment, ReferenceModel } from './reference-model.js';

/** The ids of the model's payments that satisfy `predicate`: candidates for steering a command. */
export function paymentsWhere(model: ReferenceModel, predicate: (payment: ModelPayment) => boolean): string[] {
  return [...model.payments.values()].filter(predicate).map((payment) => payment.id);
}

/**
 * Whether a refund's shape suits a payment: a split only for a marketplace payment whose
 * split names every line's payout merchant; an amount alone only in the seller model (in a
 * marketplace it must be the whole rest).
 */
export function refundShapeFits(refund: { readonly amount?: number | undefined; readonly split?: readonly RefundLine[] | undefined }, payment: ModelPayment): boolean {
  if (refund.split !== undefined) return payment.model === 'marketplace' && refund.split.every((line) => payment.shares.has(line.submerchantId));
  if (refund.amount !== undefined) return payment.model === 'seller';
  return true;
}

/** The ids of the pending refund requests of `payment`. */
export function pendingRequestsOf(model: ReferenceModel, payment: string): string[] {
  return [...model.refundRequests.values()].filter((request) => request.payment === payment && request.status === 'pending').map((request) => request.id);
}

/**
 * The ids of the pending refund requests whose seller-model payment has at least one other
 * pending: settling one of them makes the engine work the others out again (and record a
 * `refund_request_reestimated` change for each whose parts move).
 */
export function crowdedSellerRequests(model: ReferenceModel): string[] {
  const pendingByPayment = new Map<string, string[]>();
  for (const request of model.refundRequests.values()) {
    if (request.status !== 'pending' || model.payments.get(request.payment)?.model !== 'seller') continue;
    pendingByPayment.set(request.payment, [...(pendingByPayment.get(request.payment) ?? []), request.id]);
  }
  return [...pendingByPayment.values()].filter((ids) => ids.length >= 2).flat();
}
