import type { SplitLine } from '@kanjo/splits';

/** `auto` captures at completion (as `capture: true`); `manual` authorizes and waits for a capture. */
export type SessionCapture = 'auto' | 'manual';

/** A hosted-page session as created (DOMAIN.md "Hosted page sessions", `[003]`). */
export interface SessionInit {
  /** The session's id, 1 to 255 characters, unused so far (scenario `id`). */
  readonly id: string;
  /** The authenticated platform merchant; the payment's `merchant` on completion. */
  readonly merchant: string;
  /** Seller model: the seller the platform acts as. */
  readonly as?: string | undefined;
  /** What the customer pays, positive, in the currency's minor unit: the amount of the payment it creates. */
  readonly amount: number;
  /** ISO 4217 code of `amount`. */
  readonly currency: string;
  /** Scenario `payment_types`: offered on the hosted page; at least one, each accepted by the processing merchant. */
  readonly paymentTypes: readonly string[];
  /** Scenario `return_url`: an absolute http(s) URL, kept byte for byte; see `sessionReturnUrl`. */
  readonly returnUrl: string;
  /** How completion creates the payment; the scenario's default is `auto`. */
  readonly capture: SessionCapture;
  /** Marketplace split (`platform_details.submerchants`): required with `auto` capture, refused with `manual`. */
  readonly split?: readonly SplitLine[] | undefined;
  /** Seller model (scenario `platform_amount`), required with `as`: the platform's part, 0 to `amount`, in minor units. */
  readonly platformAmount?: number | undefined;
  /** Seller model (scenario `platform_merchant`), required with `as`: must be `merchant`, the platform that owns the seller. */
  readonly platformMerchant?: string | undefined;
  /** Scenario `external_customer_id`: the merchant's own customer id, at most 255 characters; carried, not interpreted. */
  readonly externalCustomerId?: string | undefined;
  /** Scenario `payment_data.external_order_num`: the merchant's own order number; carried, not interpreted. */
  readonly externalOrderNum?: string | undefined;
  /** Scenario `default_locale`: the hosted page's language; carried, not validated. */
  readonly defaultLocale?: string | undefined;
  /** Scenario `metadata`: the merchant's own keys and values (numbers and booleans as text); carried, never interpreted. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/** `pending` until completed (with a payment) or cancelled; nothing after that. */
export type SessionStatus = 'pending' | 'completed' | 'cancelled';

/** A session's state: a fold of the journal. */
export interface Session extends SessionInit {
  /** Set by `session.complete` or `session.cancel`; only a pending session can be either. */
  status: SessionStatus;
  /** The payment created on completion. */
  payment?: string;
}

/** Whether a session offers a payment type: its customer may pay with it (`session.complete` requires it). */
export function sessionOffers(session: Pick<SessionInit, 'paymentTypes'>, paymentType: string): boolean {
  return session.paymentTypes.includes(paymentType);
}
