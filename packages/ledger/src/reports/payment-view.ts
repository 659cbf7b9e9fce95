import { quoted } from '../engine/message-text.js';
import type { Payment, PaymentStatus } from '../payments/payment.js';

/** A payment as SCENARIO.md reports it. */
export interface PaymentView {
  /** The payment's status: a partial refund leaves it `captured`, a full refund or chargeback makes it `refunded`. */
  readonly status: PaymentStatus;
  /** The amount authorized at creation, in minor units (a partial capture does not change it). */
  readonly amount: number;
  /** What was captured, in minor units; 0 until captured. */
  readonly captured_amount: number;
  /** Refunded plus charged back. */
  readonly refunded_amount: number;
  /**
   * The ISO 4217 code all three amounts count minor units of. Not in SCENARIO.md's example; added
   * (last, so its keys stay a prefix) because in a ledger of several currencies `amount: 5000`
   * could be ¥5,000 or $50.00.
   */
  readonly currency: string;
}

/**
 * The view of one payment.
 *
 * @throws TypeError for a value that is not a payment of a ledger's state (from JavaScript:
 * the state itself, or a payment's id), rather than a view of NaN amounts.
 *
 * @example
 * // The ledger of the package README after its payment pay_1 (¥1,000 by card: 700 with a 70 fee to pm1, 300 with 30 to pm2):
 * paymentView(ledger.state.payments.get('pay_1')!); // { status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' }
 */
export function paymentView(payment: Payment): PaymentView {
  if (typeof payment !== 'object' || payment === null || typeof payment.status !== 'string' || !Number.isSafeInteger(payment.refundedAmount)) {
    throw new TypeError(`paymentView takes a payment of the ledger's state (ledger.state.payments.get(id)), not ${typeof payment === 'object' && payment !== null ? 'an object without a payment\'s status and amounts' : quoted(payment)}`);
  }
  return {
    status: payment.status,
    amount: payment.amount,
    captured_amount: payment.capturedAmount,
    refunded_amount: payment.refundedAmount + payment.chargebackAmount,
    currency: payment.currency,
  };
}
