import type { RefundParts } from '@kanjo/splits';
import type { FeeWithTax } from '@kanjo/fees';

/** The customer's Japanese bank account a refund request pays into. */
export interface BankAccount {
  /** Katakana, full-width or half-width. */
  readonly customerName: string;
  readonly bankName: string;
  /** 4 digits. */
  readonly bankCode: string;
  readonly branchName: string;
  /** 3 digits. */
  readonly branchNumber: string;
  /** `ordinary`, `checking` or `savings`. */
  readonly accountType: string;
  /** 1 to 8 digits. */
  readonly accountNumber: string;
}

/** What a merchant is held for while a refund request is pending. */
export interface Hold {
  readonly merchant: string;
  readonly amount: number;
}

/** A refund request as created: everything its completion will post is decided up front. */
export interface RefundRequestInit {
  readonly id: string;
  readonly payment: string;
  readonly currency: string;
  readonly amount: number;
  /** Who gives back what (cumulative bookkeeping happens on completion). */
  readonly parts: RefundParts;
  /** Refund Fee and its tax, charged to the platform on completion. */
  readonly refundFee: FeeWithTax;
  /** Refunded Customer Fee and its tax, when include_payment_method_fee and the method has one. */
  readonly refundedCustomerFee?: FeeWithTax;
  /** The platform that pays the fees. */
  readonly platform: string;
  /** Available balance held from each party until completion or rejection. */
  readonly holds: readonly Hold[];
  readonly bankAccount: BankAccount;
  /** Whether this refunds everything left (reverse) or follows the caller's split. */
  readonly reverse: boolean;
}

/** `pending` until completed (posts) or rejected (nothing moves). */
export type RefundRequestStatus = 'pending' | 'completed' | 'rejected';

/** A refund request's state: a fold of the journal. */
export interface RefundRequest extends RefundRequestInit {
  status: RefundRequestStatus;
  /**
   * While pending, what each party is expected to give back. Seller model: re-estimated when
   * another request of the payment completes or is rejected (a `refund_request_reestimated`
   * change). A completed request keeps its last estimate; what it posted is its entry's
   * `payment_refunded` change.
   */
  parts: RefundParts;
  /** While pending, what it holds of each party's available balance (re-estimated with `parts`). */
  holds: readonly Hold[];
}
