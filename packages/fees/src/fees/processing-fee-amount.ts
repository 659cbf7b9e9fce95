import { multiplyDivide, type RoundingMode } from '@kanjo/splits';
import type { PaymentMethodFees } from '../schedule/build-fee-schedule.js';

/**
 * The processing fee on a captured amount: round(amount × feeRate) + fixedFee, the fixed part
 * added after rounding and before tax. The amount must be a non-negative safe integer (checked
 * by the callers at their edge). No big.js: multiplyDivide works in plain numbers while
 * amount × numerator is a safe integer and falls back to exact bigint beyond.
 *
 * The result may exceed MAX_SAFE_INTEGER only through the fixed part (the rounded percentage
 * part is at most the amount, the rate being at most 100%); callers check it. Float addition
 * cannot hide that: an exact sum ≥ 2^53 never rounds below 2^53.
 */
export function processingFeeAmount(method: PaymentMethodFees, amount: number, rounding: RoundingMode): number {
  return multiplyDivide(amount, method.feeRate.numerator, method.feeRate.denominator, rounding) + method.fixedFee;
}
