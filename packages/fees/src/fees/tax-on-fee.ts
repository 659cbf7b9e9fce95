import { multiplyDivide, type RoundingMode } from '@kanjo/splits';
import type { Rate } from '../rates/parse-rate.js';

/**
 * The tax on an already-rounded fee: round(fee × taxRate) by the schedule's mode. Taxing the
 * rounded fee, not the exact one, is KOMOJU's rule (5000 × 2.75% = 137.5 → 138; 13.8 → 14).
 * The fee must be a non-negative safe integer (multiplyDivide throws otherwise); a rate of at
 * most 100% keeps the tax ≤ the fee, so it is a safe integer too.
 */
export function taxOnFee(fee: number, taxRate: Rate, rounding: RoundingMode): number {
  return multiplyDivide(fee, taxRate.numerator, taxRate.denominator, rounding);
}
