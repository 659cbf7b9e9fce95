import type { RefundParts } from '@kanjo/splits';
import type { FeeWithTax } from '@kanjo/fees';

/** The customer's Japanese bank account a refund request pays into. */
export interface BankAccount {
  /** Katakana, full-width or half-width. */
  readonly customerName: string;
  /** Scenario `bank_name`: 1 to 255 characters, not blank. */
  readonly bankName: string;
  /** 4 digits. */
  readonly bankCode: string;
  /** Scenario `branch_name`: 1 to 255 characters, not blank. */
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
  /** The merchant whose available balance is held. */
  readonly merchant: string;
  /** What the request will cost it, in minor units of the request's currency: its part, and for the platform also the fees and their tax. */
  readonly amount: number;
}

/** Whether two lists of holds hold the same from the same merchants, in the same order. */
export function sameHolds(a: readonly Hold[], b: readonly Hold[]): boolean {
  return a.length === b.length && a.every((hold, index) => hold.merchant === b[index]?.merchant && hold.amount === b[index]?.amount);
}

/** A refund request as created: everything its completion will post is decided up front. */
export interface RefundRequestInit {
  /** The request's id (scenario `id`; the `refund_request` of complete and reject). */
  readonly id: string;
  /** Id of the Konbini, Bank Transfer or Pay-Easy payment it refunds. */
  readonly payment: string;
  /** The payment's currency. */
  readonly currency: string;
  /** What the parties give back to the customer, in minor units; the Refund Fee and any refunded customer fee are on top, from the platform. */
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
  /** The customer's account KOMOJU pays into, as validated by `validateBankAccount`. */
  readonly bankAccount: BankAccount;
  /** Whether this refunds everything left (reverse) or follows the caller's split. */
  readonly reverse: boolean;
}

/** `pending` until completed (posts) or rejected (nothing moves). */
export type RefundRequestStatus = 'pending' | 'completed' | 'rejected';

/** A refund request's state: a fold of the journal. */
export interface RefundRequest extends RefundRequestInit {
  /** Set by `refund_request.complete` or `refund_request.reject`; only a pending request can be either. */
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
