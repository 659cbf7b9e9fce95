import type { MarketplaceShares, RefundParts, SplitLine } from '@kanjo/splits';

/**
 * KOMOJU's payment statuses. A partially refunded payment stays `captured`; a fully refunded
 * or charged-back one is `refunded`. `pending` and `failed` are KOMOJU states that no command
 * here produces; they are part of the type so views of KOMOJU data fit it.
 */
export type PaymentStatus = 'pending' | 'authorized' | 'captured' | 'cancelled' | 'expired' | 'refunded' | 'failed';

/**
 * `marketplace`: the Platform Processing Model (the platform processes, split among payout
 * merchants). `seller`: the Seller Processing Model (the platform acts as its seller by dual
 * authentication, split by platform_amount).
 */
export type ProcessingModel = 'marketplace' | 'seller';

/** How the payment was created: by the Payment API or through a hosted-page session. */
export type PaymentOrigin = 'api' | 'session';

/** Whether the customer fee has been refunded: never, held by a pending request, or done. */
export type CustomerFeeRefundState = 'none' | 'pending' | 'refunded';

/** What a payment is when it is created; the rest of {@link Payment} starts empty. */
export interface PaymentInit {
  readonly id: string;
  /** The platform merchant (the authenticated one). */
  readonly platform: string;
  /** The seller the platform acts as (seller model only): the processing merchant. */
  readonly seller?: string | undefined;
  readonly model: ProcessingModel;
  /** Authorized (or to-be-paid) amount. */
  readonly amount: number;
  readonly currency: string;
  readonly paymentType: string;
  readonly origin: PaymentOrigin;
  /** The session it came from, if any. */
  readonly session?: string | undefined;
  /** A marketplace split given at creation of a payment that waits for the customer (Konbini…). */
  readonly pendingSplit?: readonly SplitLine[] | undefined;
  /** Seller model: the platform's part, as given at creation (a capture may restate it). */
  readonly platformAmount?: number | undefined;
}

/**
 * The state of a payment: a fold of the journal. Mutated only by the journal's apply step.
 * Each party's refunded part is tracked so no refund can take more than a party netted.
 */
export interface Payment extends PaymentInit {
  status: PaymentStatus;
  capturedAmount: number;
  /** The marketplace split as captured (empty before capture and in the seller model). */
  split: readonly SplitLine[];
  /**
   * What each party netted at capture. Seller model: `platform` is platform_amount and the one
   * sub-merchant entry is the seller's. Zero shares before capture.
   */
  shares: MarketplaceShares;
  /** What each party has given back so far, cumulative; a party not listed has given back nothing. */
  refunded: RefundParts;
  /** What each party is held for by pending refund requests; a party not listed, nothing. */
  pending: RefundParts;
  refundedAmount: number;
  pendingRefundAmount: number;
  chargebackAmount: number;
  /** Seller model: the platform_amount that stood at capture. */
  capturedPlatformAmount: number;
  /** The customer fee (pre-tax) and its tax charged at capture; 0 where the method has none. */
  customerFee: number;
  customerFeeTax: number;
  customerFeeRefund: CustomerFeeRefundState;
}
