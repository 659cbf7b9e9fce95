import { isAmount, isRoundingMode } from '@kanjo/splits';
import { describeValue } from '../fees/describe-value.js';
import type { Rate } from '../rates/parse-rate.js';
import type { FeeSchedule, PaymentMethodFees } from './build-fee-schedule.js';

/**
 * Throws a RangeError naming the field when the fees of `method` (and the schedule's tax rate
 * and rounding) are not what {@link buildFeeSchedule} builds. The type is structural, so a
 * schedule saved as JSON and edited, or written by hand, type-checks; without this its
 * `fixedFee: 1.5` or a rate over 0 would come out as a fractional, NaN or string fee.
 */
export function assertBuiltFees(schedule: FeeSchedule, method: PaymentMethodFees): void {
  const where = `paymentMethods.${method.paymentType}`;
  if (!isAmount(method.fixedFee)) throw notBuilt(`${where}.fixedFee`, `a non-negative safe integer, got ${describeValue(method.fixedFee)}`);
  assertRate(method.feeRate, `${where}.feeRate`);
  assertRate(schedule.taxRate, 'taxRate');
  if (!isRoundingMode(schedule.rounding)) throw notBuilt('rounding', `one of half_up, half_even, floor, ceiling, got ${describeValue(schedule.rounding)}`);
}

function assertRate(rate: Rate, field: string): void {
  const { numerator, denominator } = typeof rate === 'object' && rate !== null ? rate : { numerator: undefined, denominator: undefined };
  // What parseRate gives: 0% to 100% as non-negative safe integers over a positive one.
  if (!(isAmount(numerator) && isAmount(denominator) && denominator > 0 && numerator <= denominator)) {
    throw notBuilt(field, `a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got ${describeValue(numerator)}/${describeValue(denominator)}`);
  }
}

function notBuilt(field: string, expected: string): RangeError {
  return new RangeError(`fee schedule ${field} must be ${expected}; build schedules with buildFeeSchedule`);
}
