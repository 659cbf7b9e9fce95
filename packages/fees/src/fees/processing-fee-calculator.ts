import { accept, type Result } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import { compileRoundedProduct } from './compile-rounded-product.js';
import { rejectUnknownPaymentType } from './reject-unknown-payment-type.js';
import { paymentMethodOf } from '../schedule/payment-method-of.js';
import { assertBuiltProcessingFees } from '../schedule/assert-built-fees.js';

/**
 * {@link processingFee} precompiled for one payment type, for hot loops (batch statements,
 * re-computing fees over a journal): plain numbers in, plain numbers out, no look-up and no
 * object per call. Gives exactly the amounts {@link processingFee} gives.
 *
 * Misuse throws instead of returning a rejection, because a per-call result object is what
 * this API exists to avoid: validate untrusted amounts first, or use {@link processingFee}.
 * A schedule whose fields are not what `buildFeeSchedule` builds (edited after a JSON round
 * trip, say) throws a `RangeError` naming the field when the calculator is built.
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
 * work is two exact integer multiply-divides on plain numbers, with the rate's checks and the
 * rounding mode resolved once. Amounts whose product with the rate leaves the safe-integer
 * range are still exact (bigint fallback), only slower.
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
  const method = paymentMethodOf(schedule, paymentType);
  if (method === undefined) return rejectUnknownPaymentType(schedule, paymentType);
  assertBuiltProcessingFees(schedule, paymentType, method);
  const { fixedFee } = method;
  // Compiled, not routed through processingFee's shared path: the rate's bound and rounding
  // step are fixed once, and the hot call sites are the calculator's alone (sharing them with
  // the Result API and its bigint-range callers measurably slowed both down).
  const variablePart = compileRoundedProduct(method.feeRate, schedule.rounding, `${paymentType} processing fee: amount`);
  const tax = compileRoundedProduct(schedule.taxRate, schedule.rounding, `${paymentType} processing fee tax: fee`);
  const fee = (amount: number): number => {
    const total = variablePart(amount) + fixedFee;
    // An exact sum ≥ 2^53 never rounds below 2^53 in a double, so this catches every overflow.
    if (total > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`${paymentType} processing fee: the fee on ${amount} minor units with the fixed part ${fixedFee} exceeds MAX_SAFE_INTEGER minor units`);
    }
    return total;
  };
  return accept(Object.freeze({ paymentType, fee, tax }));
}
