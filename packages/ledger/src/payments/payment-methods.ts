import type { PaymentOrigin } from './payment.js';

/**
 * What each payment type can do (DOMAIN.md "Payments", `[001]`): how it is refunded, whether
 * it waits for the customer after creation, whether it can be partially captured (and from
 * which origin), whether it can be charged back.
 */
export interface PaymentMethodCapabilities {
  /** `refund` (automatic) or `refund_request` (a bank transfer to the customer's account). */
  readonly refundRoute: 'refund' | 'refund_request';
  /** Created authorized, awaiting the customer's payment (Konbini, Bank Transfer, Pay-Easy). */
  readonly waitsForCustomer: boolean;
  /** Partial capture of a payment created by the Payment API. */
  readonly partialCaptureFromApi: boolean;
  /** Partial capture of a payment created through a hosted-page session. */
  readonly partialCaptureFromSession: boolean;
  /** Card disputes end in chargebacks; other methods have none. */
  readonly chargeback: boolean;
}

const card: PaymentMethodCapabilities = Object.freeze({
  refundRoute: 'refund',
  waitsForCustomer: false,
  partialCaptureFromApi: true,
  partialCaptureFromSession: true,
  chargeback: true,
});
const wallet: PaymentMethodCapabilities = Object.freeze({
  refundRoute: 'refund',
  waitsForCustomer: false,
  partialCaptureFromApi: false,
  partialCaptureFromSession: true,
  chargeback: false,
});
const waiting: PaymentMethodCapabilities = Object.freeze({
  refundRoute: 'refund_request',
  waitsForCustomer: true,
  partialCaptureFromApi: false,
  partialCaptureFromSession: false,
  chargeback: false,
});

/**
 * The engine's own table. Module state shared by every ledger, so never handed out: the export
 * below is a copy, and the capabilities are frozen. A caller that wrote to them (from
 * JavaScript, or through a cast) changed what every ledger decided: PayPay, LINE Pay and Merpay
 * share one object, so `paymentMethodCapabilities('paypay').chargeback = true` let a Merpay
 * payment be charged back.
 */
const CAPABILITIES: ReadonlyMap<string, PaymentMethodCapabilities> = new Map([
  ['credit_card', card],
  ['paypay', wallet],
  ['linepay', wallet],
  ['merpay', wallet],
  ['konbini', waiting],
  ['bank_transfer', waiting],
  ['pay_easy', waiting],
]);

/**
 * The payment types Kanjo knows the capabilities of. Cards cover VISA/Mastercard and JCB/AMEX/Diners.
 * A copy of the engine's table, each entry frozen: writing to it changes nothing the engine decides.
 */
export const PAYMENT_METHOD_CAPABILITIES: ReadonlyMap<string, PaymentMethodCapabilities> = new Map(CAPABILITIES);

/**
 * The capabilities of a payment type (frozen), or undefined for a type Kanjo does not know.
 *
 * @example
 * paymentMethodCapabilities('konbini'); // { refundRoute: 'refund_request', waitsForCustomer: true, partialCaptureFromApi: false, partialCaptureFromSession: false, chargeback: false }
 * paymentMethodCapabilities('credit_card')?.chargeback; // true
 * paymentMethodCapabilities('cash_on_delivery'); // undefined
 */
export function paymentMethodCapabilities(paymentType: string): PaymentMethodCapabilities | undefined {
  return CAPABILITIES.get(paymentType);
}

// The rules that depend on the payment type alone, as the engine decides commands by them
// and a replay re-checks an imported journal by them: one definition for both.

/** Whether payments of this type are refunded directly (`payment.refund`); false for a type Kanjo does not know. */
export function refundedDirectly(paymentType: string): boolean {
  return paymentMethodCapabilities(paymentType)?.refundRoute === 'refund';
}

/** Whether payments of this type are refunded by refund request (a bank transfer to the customer); false for a type Kanjo does not know. */
export function refundedByRequest(paymentType: string): boolean {
  return paymentMethodCapabilities(paymentType)?.refundRoute === 'refund_request';
}

/** Whether a payment of this type and origin may be captured for less than its amount. */
export function partialCaptureAllowed(paymentType: string, origin: PaymentOrigin): boolean {
  const capabilities = paymentMethodCapabilities(paymentType);
  return capabilities !== undefined && (origin === 'session' ? capabilities.partialCaptureFromSession : capabilities.partialCaptureFromApi);
}

/**
 * Whether a payment created with this `capture` (a session's `auto` is `true`) fixes its split
 * or platform amount at creation: a type that waits for the customer (Konbini, Bank Transfer,
 * Pay-Easy) takes them now and its capture, the customer paying, keeps them (seed 001). False
 * for a type Kanjo does not know.
 */
export function termsFixedAtCreation(paymentType: string, capture: boolean): boolean {
  return capture && paymentMethodCapabilities(paymentType)?.waitsForCustomer === true;
}

/** Whether payments of this type can be charged back (card disputes); false for a type Kanjo does not know. */
export function chargebackPossible(paymentType: string): boolean {
  return paymentMethodCapabilities(paymentType)?.chargeback === true;
}
