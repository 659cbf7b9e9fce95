import type { MarketplaceShares, RefundParts, SplitLine } from '@kanjo/splits';
import type { PaymentInit } from '../payments/payment.js';
import type { PayoutSettings } from '../payouts/payout-settings.js';
import type { Hold, RefundRequestInit } from '../refunds/refund-request.js';
import type { SessionInit } from '../sessions/session.js';

/**
 * The state facts an entry records besides its postings. Balances are a fold of postings;
 * everything else (payment statuses, refunded shares, holds, sessions, payout settings) is a
 * fold of these. Each carries the values it sets, never a delta computed at apply time, so a
 * replay cannot drift from the live run.
 */
export type Change =
  | { readonly kind: 'payment_created'; readonly payment: PaymentInit }
  | {
      readonly kind: 'payment_captured';
      readonly payment: string;
      readonly capturedAmount: number;
      readonly split: readonly SplitLine[];
      readonly shares: MarketplaceShares;
      /** Seller model: the platform_amount that stands. */
      readonly platformAmount: number;
      readonly customerFee: number;
      readonly customerFeeTax: number;
    }
  | { readonly kind: 'payment_cancelled'; readonly payment: string }
  | { readonly kind: 'payment_expired'; readonly payment: string }
  | {
      readonly kind: 'payment_refunded';
      readonly payment: string;
      readonly amount: number;
      /** Who gave back what in this refund. */
      readonly parts: RefundParts;
      /** Whether this refund also returned the customer fee. */
      readonly customerFeeRefunded: boolean;
    }
  | { readonly kind: 'payment_charged_back'; readonly payment: string; readonly amount: number }
  | { readonly kind: 'refund_request_created'; readonly request: RefundRequestInit }
  | { readonly kind: 'refund_request_completed'; readonly refundRequest: string }
  | { readonly kind: 'refund_request_rejected'; readonly refundRequest: string }
  | {
      /**
       * A pending seller-model request's parts and holds worked out again, because another
       * request of its payment completed or was rejected in the same entry: what each party
       * would give back if it completes, the payment's other pending requests counted as given
       * back in the order they were made. Replaces the request's parts and holds.
       */
      readonly kind: 'refund_request_reestimated';
      readonly refundRequest: string;
      /** The request's new parts (they add up to its amount). */
      readonly parts: RefundParts;
      /** The new holds: each party's cost of those parts, the request's fees on the platform. */
      readonly holds: readonly Hold[];
    }
  | {
      readonly kind: 'balance_transferred';
      readonly from: string;
      readonly to: string;
      readonly currency: string;
      readonly amount: number;
    }
  | { readonly kind: 'payout_settings_updated'; readonly settings: PayoutSettings }
  | {
      readonly kind: 'payout_period_settled';
      readonly merchant: string;
      readonly currency: string;
      /** First and last calendar day covered. */
      readonly periodStart: string;
      readonly periodEnd: string;
      /** What was paid; 0 when it was carried over (below the minimum). */
      readonly amount: number;
    }
  | { readonly kind: 'session_created'; readonly session: SessionInit }
  | { readonly kind: 'session_completed'; readonly session: string; readonly payment: string }
  | { readonly kind: 'session_cancelled'; readonly session: string };

/** The kind of a {@link Change}. */
export type ChangeKind = Change['kind'];
