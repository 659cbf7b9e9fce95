import type { SplitLine } from '@kanjo/splits';

/** `auto` captures at completion (as `capture: true`); `manual` authorizes and waits for a capture. */
export type SessionCapture = 'auto' | 'manual';

/** A hosted-page session as created (DOMAIN.md "Hosted page sessions", `[003]`). */
export interface SessionInit {
  readonly id: string;
  readonly merchant: string;
  /** Seller model: the seller the platform acts as. */
  readonly as?: string;
  readonly amount: number;
  readonly currency: string;
  readonly paymentTypes: readonly string[];
  readonly returnUrl: string;
  readonly capture: SessionCapture;
  readonly split?: readonly SplitLine[];
  readonly platformAmount?: number;
  readonly platformMerchant?: string;
  readonly externalCustomerId?: string;
  readonly externalOrderNum?: string;
  readonly defaultLocale?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** `pending` until completed (with a payment) or cancelled; nothing after that. */
export type SessionStatus = 'pending' | 'completed' | 'cancelled';

/** A session's state: a fold of the journal. */
export interface Session extends SessionInit {
  status: SessionStatus;
  /** The payment created on completion. */
  payment?: string;
}

/** Whether a session offers a payment type: its customer may pay with it (`session.complete` requires it). */
export function sessionOffers(session: Pick<SessionInit, 'paymentTypes'>, paymentType: string): boolean {
  return session.paymentTypes.includes(paymentType);
}
