import type { RefundLine, SplitLine } from '@kanjo/splits';
import type { BankAccount } from '../refunds/refund-request.js';
import type { PayoutFrequency } from '../payouts/payout-settings.js';
import type { SessionInit } from '../sessions/session.js';
import type { PaymentOrigin } from '../payments/payment.js';

/**
 * Fields every command may carry. Commands mirror KOMOJU API requests (SCENARIO.md) in
 * camelCase; amounts are integers in the currency's minor unit (a non-integer from code is a
 * programmer error and throws; the scenario parser turns bad input into rejections first).
 */
export interface CommandBase {
  /** When it happened (ISO 8601 with a UTC offset or Z). Default: the previous command's time. */
  readonly at?: string;
  /** The same key with the same command answers the first result and appends nothing. */
  readonly idempotencyKey?: string;
}

/** Create a payment: captured at once, or authorized (capture false, or a method that waits for the customer). */
export interface CreatePaymentCommand extends CommandBase {
  readonly op: 'payment.create';
  readonly id: string;
  /** The authenticated platform merchant. */
  readonly merchant: string;
  /** Seller model: the seller the platform acts as (dual authentication). */
  readonly as?: string;
  readonly amount: number;
  readonly currency: string;
  readonly paymentType: string;
  /** Default true. */
  readonly capture?: boolean;
  /** Default `api`. */
  readonly origin?: PaymentOrigin;
  /** Marketplace split (`platform_details.submerchants`). */
  readonly split?: readonly SplitLine[];
  /** Seller model: the platform's part. */
  readonly platformAmount?: number;
  /** Seller model: the platform that receives platformAmount; must be `merchant`. */
  readonly platformMerchant?: string;
}

/** Capture an authorized payment, in full or (once, where the method allows) in part. */
export interface CapturePaymentCommand extends CommandBase {
  readonly op: 'payment.capture';
  readonly payment: string;
  /** Default: everything authorized. */
  readonly amount?: number;
  readonly split?: readonly SplitLine[];
  /** Seller model: restates the platform's part. */
  readonly platformAmount?: number;
}

/** Cancel a pending or authorized payment. */
export interface CancelPaymentCommand extends CommandBase {
  readonly op: 'payment.cancel';
  readonly payment: string;
}

/** An authorized payment lapses (the clock is the caller's). */
export interface ExpirePaymentCommand extends CommandBase {
  readonly op: 'payment.expire';
  readonly payment: string;
}

/** Refund: reverse without a split (everything left), non-reverse with amount and split. */
export interface RefundPaymentCommand extends CommandBase {
  readonly op: 'payment.refund';
  readonly payment: string;
  readonly amount?: number;
  readonly split?: readonly RefundLine[];
}

/** A refund request (Konbini, Bank Transfer, Pay-Easy): pending until completed or rejected. */
export interface RequestRefundCommand extends CommandBase {
  readonly op: 'payment.refund_request';
  readonly id: string;
  readonly payment: string;
  readonly amount?: number;
  readonly split?: readonly RefundLine[];
  /** Also refund the customer fee (and its tax), paid by the platform. */
  readonly includePaymentMethodFee: boolean;
  readonly bankAccount: BankAccount;
}

/** KOMOJU paid the customer: post the request's refund and fees. */
export interface CompleteRefundRequestCommand extends CommandBase {
  readonly op: 'refund_request.complete';
  readonly refundRequest: string;
}

/** The request failed: release its holds; nothing moves. */
export interface RejectRefundRequestCommand extends CommandBase {
  readonly op: 'refund_request.reject';
  readonly refundRequest: string;
}

/** A lost card dispute: what is not yet refunded goes back to the customer. */
export interface ChargebackPaymentCommand extends CommandBase {
  readonly op: 'payment.chargeback';
  readonly payment: string;
}

/** Move balance between a platform and one of its sub-merchants, either way. */
export interface TransferBalanceCommand extends CommandBase {
  readonly op: 'balance.transfer';
  /** The platform initiating it. */
  readonly merchant: string;
  readonly from: string;
  readonly to: string;
  readonly amount: number;
  readonly currency: string;
}

/** Set a merchant's payout frequency and minimum in a currency. */
export interface UpdatePayoutSettingsCommand extends CommandBase {
  readonly op: 'payout_settings.update';
  /** The platform setting it. */
  readonly merchant: string;
  /** The platform itself or one of its sub-merchants. */
  readonly target: string;
  readonly currency: string;
  readonly frequency: PayoutFrequency;
  readonly minimumAmount: number;
}

/** Pay out every merchant whose payout day is `date`. */
export interface RunSettlementCommand extends CommandBase {
  readonly op: 'settlement.run';
  /** YYYY-MM-DD in the ledger's time zone. */
  readonly date: string;
  /** Non-business days besides weekends (YYYY-MM-DD). */
  readonly holidays?: readonly string[];
}

/** Create a hosted-page session: the session's fields, as {@link SessionInit} describes them. */
export interface CreateSessionCommand extends CommandBase, SessionInit {
  readonly op: 'session.create';
}

/** The customer paid on the hosted page: create the session's payment. */
export interface CompleteSessionCommand extends CommandBase {
  readonly op: 'session.complete';
  readonly session: string;
  /** The new payment's id. */
  readonly payment: string;
  readonly paymentType: string;
}

/** Cancel a pending session. */
export interface CancelSessionCommand extends CommandBase {
  readonly op: 'session.cancel';
  readonly session: string;
}

/** Every command the engine accepts. */
export type Command =
  | CreatePaymentCommand
  | CapturePaymentCommand
  | CancelPaymentCommand
  | ExpirePaymentCommand
  | RefundPaymentCommand
  | RequestRefundCommand
  | CompleteRefundRequestCommand
  | RejectRefundRequestCommand
  | ChargebackPaymentCommand
  | TransferBalanceCommand
  | UpdatePayoutSettingsCommand
  | RunSettlementCommand
  | CreateSessionCommand
  | CompleteSessionCommand
  | CancelSessionCommand;

/** A command's op. */
export type CommandOp = Command['op'];
