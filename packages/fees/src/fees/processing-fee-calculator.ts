import { accept, type Result } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import { processingFeeAmount } from './processing-fee-amount.js';
import { rejectUnknownPaymentType } from './reject-unknown-payment-type.js';
import { taxOnFee } from './tax-on-fee.js';

/**
 * {@link processingFee} precompiled for one payment type, for hot loops (batch statements,
 * re-computing fees over a journal): plain numbers in, plain numbers out, no look-up and no
 * object per call. Gives exactly the amounts {@link processingFee} gives.
 *
 * Misuse throws instead of returning a rejection, because a per-call result object is what
 * this API exists to avoid: validate untrusted amounts first, or use {@link processingFee}.
 */
export interface ProcessingFeeCalculator {
  /** The payment type whose fees this calculator applies. */
  readonly paymentType: string;
  /**
   * The processing fee on a captured amount, `round(amount × feeRate) + fixedFee`.
   * Throws a `RangeError` when the amount is not a non-negative safe integer, or when the fee
   * would exceed MAX_SAFE_INTEGER (the cases {@link processingFee} rejects as
   * `amount_not_safe_integer`).
   */
  readonly fee: (amount: number) => number;
  /**
   * The tax on an already-rounded fee, `round(fee × taxRate)`. Throws a `RangeError` when the
   * fee is not a non-negative safe integer.
   */
  readonly tax: (fee: number) => number;
}

/**
 * Precompiles the processing fee and tax of one payment type of a schedule, so the per-payment
 * work is two exact integer multiply-divides.
 *
 * @example
 * const card = processingFeeCalculator(schedule, 'credit_card');
 * if (card.ok) {
 *   const fee = card.value.fee(1000); // 36
 *   const tax = card.value.tax(fee);  // 4
 * }
 */
export function processingFeeCalculator(
  schedule: FeeSchedule,
  paymentType: string,
): Result<ProcessingFeeCalculator, 'payment_type_not_in_schedule'> {
  const method = schedule.paymentMethods[paymentType];
  if (method === undefined) return rejectUnknownPaymentType(schedule, paymentType);
  const { rounding, taxRate } = schedule;
  const fee = (amount: number): number => {
    if (!(Number.isSafeInteger(amount) && amount >= 0)) {
      throw new RangeError(`processing fee: amount must be a non-negative safe integer in minor units, got ${String(amount)}`);
    }
    const total = processingFeeAmount(method, amount, rounding);
    if (total > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`processing fee: the ${paymentType} fee on ${amount} with the fixed part ${method.fixedFee} exceeds MAX_SAFE_INTEGER`);
    }
    return total;
  };
  const tax = (feeAmount: number): number => taxOnFee(feeAmount, taxRate, rounding);
  return accept(Object.freeze({ paymentType, fee, tax }));
}
