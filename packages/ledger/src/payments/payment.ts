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
  /** The payment's id, unique in the ledger (scenario `id`; the `payment` of later commands). */
  readonly id: string;
  /** The platform merchant (the authenticated one). */
  readonly platform: string;
  /** The seller the platform acts as (seller model only): the processing merchant. */
  readonly seller?: string | undefined;
  /** Which fund-flow rules apply: `seller` when the platform created it acting as its seller (`as`), else `marketplace`. */
  readonly model: ProcessingModel;
  /** Authorized (or to-be-paid) amount. */
  readonly amount: number;
  /** ISO 4217 code: the unit of every amount of the payment. */
  readonly currency: string;
  /** Scenario `payment_type`: decides the fee rate, partial capture, the refund route, chargebacks and any customer fee. */
  readonly paymentType: string;
  /** `session` when a hosted-page session created it (which widens partial capture), else `api`. */
  readonly origin: PaymentOrigin;
  /** The session it came from, if any. */
  readonly session?: string | undefined;
  /** A marketplace split given at creation of a payment that waits for the customer (Konbini…). */
  readonly pendingSplit?: readonly SplitLine[] | undefined;
  /** Seller model: the platform's part, as given at creation (a two-step capture may restate it). */
  readonly platformAmount?: number | undefined;
  /**
   * Seller model: true when `platformAmount` was fixed at creation, that is a payment that waits
   * for the customer (Konbini…) created with `capture: true` or by a session with `capture:
   * auto`. Its capture records the customer paying and keeps that platform amount. Undefined
   * otherwise (journals of earlier versions never have it).
   */
  readonly platformAmountFixed?: true | undefined;
}

/**
 * The state of a payment: a fold of the journal. Mutated only by the journal's apply step.
 * Each party's refunded part is tracked so no refund can take more than a party netted.
 */
export interface Payment extends PaymentInit {
  /** Where it is in the lifecycle (DOMAIN.md "Payments"): starts `authorized`; a full refund or a chargeback makes it `refunded`. */
  status: PaymentStatus;
  /** Captured amount in minor units, at most `amount`; 0 until captured. The processing fee, the shares and refunds are reckoned on it. */
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
  /** Refunded so far by refunds and completed refund requests, cumulative, in minor units; chargebacks are in `chargebackAmount`. */
  refundedAmount: number;
  /** What pending refund requests will refund, in minor units: counts as already refunded when working out what is left. */
  pendingRefundAmount: number;
  /** What a chargeback sent back to the customer, in minor units; 0 without one. */
  chargebackAmount: number;
  /** Seller model: the platform_amount that stood at capture. */
  capturedPlatformAmount: number;
  /** The customer fee (before tax) charged at capture, in minor units; its tax is `customerFeeTax`. 0 where the method has none. */
  customerFee: number;
  /** The consumption tax on `customerFee`, paid by the customer too; 0 where there is no customer fee. */
  customerFeeTax: number;
  /** Refund of the customer fee (`include_payment_method_fee`): `pending` while a request holds it (`none` again if rejected), `refunded` once completed. */
  customerFeeRefund: CustomerFeeRefundState;
}
