import type { RefundRequestStatus } from '../refunds/refund-request.js';

/** Webhook event types (DOMAIN.md "Events"). */
export type EventType =
  | 'payment.authorized'
  | 'payment.captured'
  | 'payment.cancelled'
  | 'payment.expired'
  | 'payment.refund.created'
  | 'payment.refunded'
  | 'refund_request.updated'
  | 'settlement.created';

/** What a webhook would carry: the event type and the objects it concerns. */
export interface LedgerEvent {
  /** The webhook event type (DOMAIN.md "Events"). */
  readonly type: EventType;
  /** The payment concerned; absent only on settlement.created. */
  readonly payment?: string;
  /** The session a payment came from. */
  readonly session?: string | undefined;
  /** The refund request concerned: on refund_request.updated, and on the refund events its completion raises. */
  readonly refundRequest?: string;
  /** The merchant concerned (settlements). */
  readonly merchant?: string;
  /** On `payment.refund.created`, `refund_request.updated` and `settlement.created`: the amount refunded, requested or paid out (not on `payment.refunded`, the payment wholly refunded or charged back). */
  readonly amount?: number;
  /** ISO 4217 code of `amount`; present exactly when `amount` is. */
  readonly currency?: string;
  /** For refund_request.updated: the request's new status. */
  readonly status?: RefundRequestStatus;
}
