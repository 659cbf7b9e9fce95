import type { PaymentInit } from './payment.js';

/**
 * `{ session }` for a payment that came from a hosted-page session, `{}` otherwise: spread into
 * every event about the payment, since events of a session's payment carry the session id.
 */
export function sessionContext(payment: Pick<PaymentInit, 'session'>): { readonly session?: string } {
  return payment.session === undefined ? {} : { session: payment.session };
}
