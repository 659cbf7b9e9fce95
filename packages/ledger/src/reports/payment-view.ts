import type { Payment, PaymentStatus } from '../payments/payment.js';

/** A payment as SCENARIO.md reports it. */
export interface PaymentView {
  readonly status: PaymentStatus;
  readonly amount: number;
  readonly captured_amount: number;
  /** Refunded plus charged back. */
  readonly refunded_amount: number;
}

/** The view of one payment. */
export function paymentView(payment: Payment): PaymentView {
  return {
    status: payment.status,
    amount: payment.amount,
    captured_amount: payment.capturedAmount,
    refunded_amount: payment.refundedAmount + payment.chargebackAmount,
  };
}
