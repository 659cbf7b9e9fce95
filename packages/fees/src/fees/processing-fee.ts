import { describeValue } from './describe-value.js';
import { accept, reject, type Result } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import type { FeeWithTax } from './fee-record.js';
import { processingFeeAmount } from './processing-fee-amount.js';
import { rejectUnknownPaymentType } from './reject-unknown-payment-type.js';
import { taxOnFee } from './tax-on-fee.js';
import { paymentMethodOf } from '../schedule/payment-method-of.js';
import { assertBuiltProcessingFees } from '../schedule/assert-built-fees.js';

/**
 * Why a fee could not be computed, checked in this order:
 * - `payment_type_not_in_schedule`: the schedule has no fees for the payment type.
 * - `amount_not_safe_integer`: the amount is not a non-negative safe integer (a fraction, NaN,
 *   negative, beyond MAX_SAFE_INTEGER), or is so large that its fee with the fixed part would be.
 */
export type FeeErrorCode = 'payment_type_not_in_schedule' | 'amount_not_safe_integer';

/**
 * The processing fee the platform pays on a captured amount, and its tax:
 * `fee = round(amount × feeRate) + fixedFee`, `tax = round(fee × taxRate)`, each rounded by
 * `schedule.rounding` (half-up unless the schedule names another mode), the tax computed on the
 * already-rounded fee. An amount of 0 is accepted (its fee is the fixed part); whether a
 * capture may be 0 is the caller's rule. A schedule whose fields are not what
 * `buildFeeSchedule` builds throws a `RangeError` naming the field (a programmer error).
 *
 * For hot loops, {@link processingFeeCalculator} gives the same numbers without the look-up
 * and the result objects.
 *
 * @example
 * processingFee(schedule, 'konbini', 5000);     // 2.75%: fee 138 (137.5 rounded half-up), tax 14 (13.8)
 * processingFee(schedule, 'credit_card', 1000); // 3.6%: { fee: { type: 'Processing Fee', amount: 36 }, tax: { type: 'Processing Fee Tax', amount: 4 } }
 */
export function processingFee(schedule: FeeSchedule, paymentType: string, amount: number): Result<FeeWithTax, FeeErrorCode> {
  const method = paymentMethodOf(schedule, paymentType);
  if (method === undefined) return rejectUnknownPaymentType(schedule, paymentType);
  assertBuiltProcessingFees(schedule, paymentType, method);
  if (!(Number.isSafeInteger(amount) && amount >= 0)) {
    return reject('amount_not_safe_integer', `amount: expected a non-negative safe integer in minor units, got ${describeValue(amount)}`);
  }
  const fee = processingFeeAmount(method, amount, schedule.rounding);
  if (fee > Number.MAX_SAFE_INTEGER) {
    return reject(
      'amount_not_safe_integer',
      `amount: the ${paymentType} processing fee on ${amount} minor units, with the fixed part ${method.fixedFee}, exceeds MAX_SAFE_INTEGER minor units; lower the amount or the schedule's fixedFee`,
    );
  }
  return accept({
    fee: { type: 'Processing Fee', amount: fee },
    tax: { type: 'Processing Fee Tax', amount: taxOnFee(fee, schedule.taxRate, schedule.rounding) },
  });
}
