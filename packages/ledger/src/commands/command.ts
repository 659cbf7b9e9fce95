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
  readonly at?: string | undefined;
  /** The same key with the same command answers the first result and appends nothing. */
  readonly idempotencyKey?: string | undefined;
}

/** Create a payment: captured at once, or authorized (capture false, or a method that waits for the customer). */
export interface CreatePaymentCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'payment.create';
  /** The new payment's id, 1 to 255 characters; a reused id is rejected unless this is a retry under the same idempotency key. */
  readonly id: string;
  /** The authenticated platform merchant. */
  readonly merchant: string;
  /** Seller model: the seller the platform acts as (dual authentication). */
  readonly as?: string | undefined;
  /** Authorized amount, positive, in the currency's minor unit; a customer fee (Konbini…) is charged on top of it. */
  readonly amount: number;
  /** ISO 4217 code, e.g. `JPY`: the unit of every amount of the payment. */
  readonly currency: string;
  /** Scenario `payment_type`, e.g. `credit_card`, `konbini`: decides capture and refund routes; the processing merchant must accept it. */
  readonly paymentType: string;
  /** Default true. */
  readonly capture?: boolean | undefined;
  /** Default `api`. */
  readonly origin?: PaymentOrigin | undefined;
  /** Marketplace split (`platform_details.submerchants`). */
  readonly split?: readonly SplitLine[] | undefined;
  /** Seller model: the platform's part. */
  readonly platformAmount?: number | undefined;
  /** Seller model: the platform that receives platformAmount; must be `merchant`. */
  readonly platformMerchant?: string | undefined;
}

/** Capture an authorized payment, in full or (once, where the method allows) in part. */
export interface CapturePaymentCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'payment.capture';
  /** Id of the authorized payment (scenario `payment`). */
  readonly payment: string;
  /** Default: everything authorized. */
  readonly amount?: number | undefined;
  /** Marketplace split (`platform_details.submerchants`); default: the one given at creation of a payment that waited for the customer. Not for the seller model. */
  readonly split?: readonly SplitLine[] | undefined;
  /** Seller model: restates the platform's part. */
  readonly platformAmount?: number | undefined;
}

/** Cancel a pending or authorized payment. */
export interface CancelPaymentCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'payment.cancel';
  /** Id of the pending or authorized payment. */
  readonly payment: string;
}

/** An authorized payment lapses (the clock is the caller's). */
export interface ExpirePaymentCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'payment.expire';
  /** Id of the authorized payment. */
  readonly payment: string;
}

/** Refund: reverse without a split (everything left), non-reverse with amount and split. */
export interface RefundPaymentCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'payment.refund';
  /** Id of the captured card or wallet payment (Konbini, Bank Transfer, Pay-Easy need `payment.refund_request`). */
  readonly payment: string;
  /** Minor units; default: with a `split`, the split's sum (a non-reverse refund of exactly what its lines give back); without one, everything not yet refunded nor held by pending requests. In a marketplace a smaller amount needs a `split`. */
  readonly amount?: number | undefined;
  /** Non-reverse refund (`platform_details.submerchants`): who gives back what, Σ(amount + platformFee) = the refund. Absent: reverse refund. Not for the seller model. */
  readonly split?: readonly RefundLine[] | undefined;
}

/** A refund request (Konbini, Bank Transfer, Pay-Easy): pending until completed or rejected. */
export interface RequestRefundCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'payment.refund_request';
  /** The new refund request's id, 1 to 255 characters, unused so far. */
  readonly id: string;
  /** Id of the captured Konbini, Bank Transfer or Pay-Easy payment. */
  readonly payment: string;
  /** Minor units, as for `payment.refund`: default the split's sum, or everything left without a split; the Refund Fee (and a refunded customer fee) come on top, from the platform. */
  readonly amount?: number | undefined;
  /** As for `payment.refund`: absent for a reverse request, else who gives back what (`platform_details.submerchants`). */
  readonly split?: readonly RefundLine[] | undefined;
  /** Also refund the customer fee (and its tax), paid by the platform. Default `false`: the customer fee is not refunded. */
  readonly includePaymentMethodFee?: boolean | undefined;
  /** Where KOMOJU pays the customer: the scenario's top-level `customer_name`, `bank_name`, `bank_code`, `branch_name`, `branch_number`, `account_type`, `account_number`. */
  readonly bankAccount: BankAccount;
}

/** KOMOJU paid the customer: post the request's refund and fees. */
export interface CompleteRefundRequestCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'refund_request.complete';
  /** Id of the pending refund request (scenario `refund_request`). */
  readonly refundRequest: string;
}

/** The request failed: release its holds; nothing moves. */
export interface RejectRefundRequestCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'refund_request.reject';
  /** Id of the pending refund request (scenario `refund_request`). */
  readonly refundRequest: string;
}

/** A lost card dispute: what is not yet refunded goes back to the customer. */
export interface ChargebackPaymentCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'payment.chargeback';
  /** Id of the captured card payment that was disputed. */
  readonly payment: string;
}

/** Move balance between a platform and one of its sub-merchants, either way. */
export interface TransferBalanceCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'balance.transfer';
  /** The platform initiating it. */
  readonly merchant: string;
  /** The merchant whose balance pays: the platform or one of its sub-merchants; its available balance must cover `amount`. */
  readonly from: string;
  /** The merchant credited: the other party, so one of `from`/`to` is the platform. */
  readonly to: string;
  /** Positive, in the currency's minor unit. */
  readonly amount: number;
  /** ISO 4217 code of the balance moved. */
  readonly currency: string;
}

/** Set a merchant's payout frequency and minimum in a currency. */
export interface UpdatePayoutSettingsCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'payout_settings.update';
  /** The platform setting it. */
  readonly merchant: string;
  /** The platform itself or one of its sub-merchants. */
  readonly target: string;
  /** ISO 4217 code: settings are per currency, a merchant may have one per currency. */
  readonly currency: string;
  /** `weekly` (Fridays, for the Saturday–Friday week ended the Friday before) or `monthly` (month end, for the previous month). */
  readonly frequency: PayoutFrequency;
  /** Scenario `minimum_amount`: 0 or more, in minor units; a payout below it is carried over to the next. */
  readonly minimumAmount: number;
}

/** Pay out every merchant whose payout day is `date`. */
export interface RunSettlementCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'settlement.run';
  /** YYYY-MM-DD in the ledger's time zone. */
  readonly date: string;
  /** Non-business days besides weekends (YYYY-MM-DD). */
  readonly holidays?: readonly string[] | undefined;
}

/** Create a hosted-page session: the session's fields, as {@link SessionInit} describes them. */
export interface CreateSessionCommand extends CommandBase, SessionInit {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'session.create';
}

/** The customer paid on the hosted page: create the session's payment. */
export interface CompleteSessionCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'session.complete';
  /** Id of the pending session. */
  readonly session: string;
  /** The new payment's id. */
  readonly payment: string;
  /** Scenario `payment_type`: the one the customer chose, which must be among the session's `paymentTypes`. */
  readonly paymentType: string;
}

/** Cancel a pending session. */
export interface CancelSessionCommand extends CommandBase {
  /** Discriminant of {@link Command}: the scenario file's `op`. */
  readonly op: 'session.cancel';
  /** Id of the pending session. */
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
