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
export function refundShapeFits(refund: { readonly amount?: number; readonly split?: readonly RefundLine[] }, payment: ModelPayment): boolean {
  if (refund.split !== undefined) return payment.model === 'marketplace' && refund.split.every((line) => payment.shares.has(line.submerchantId));
  if (refund.amount !== undefined) return payment.model === 'seller';
  return true;
}
