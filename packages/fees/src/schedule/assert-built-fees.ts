import { isAmount, isRoundingMode } from '@kanjo/splits';
import { describeValue } from '../fees/describe-value.js';
import type { Rate } from '../rates/parse-rate.js';
import type { FeeSchedule, PaymentMethodFees } from './build-fee-schedule.js';
import { isBuiltSchedule } from './built-schedules.js';

// The type is structural, so a schedule saved as JSON and edited, or written by hand,
// type-checks: without these checks its `fixedFee: 1.5`, a rate over 0 or a tax rate of 200%
// would come out as a fractional, NaN, string or wrong fee. Each throws a RangeError naming the
// field; a schedule buildFeeSchedule returned skips them (its fields are frozen as checked).

/** The fields `processingFee` reads: the method's `fixedFee` and `feeRate`, the tax rate and rounding. */
export function assertBuiltProcessingFees(schedule: FeeSchedule, paymentType: string, method: PaymentMethodFees): void {
  if (isBuiltSchedule(schedule)) return;
  const where = methodField(paymentType, method);
  if (!isAmount(method.fixedFee)) throw notBuilt(`${where}.fixedFee`, `a non-negative safe integer, got ${describeValue(method.fixedFee)}`);
  assertRate(method.feeRate, `${where}.feeRate`);
  assertTaxAndRounding(schedule);
}

/** The fields a customer fee reads: the method's `customerFee` (none or an amount), the tax rate and rounding. */
export function assertBuiltCustomerFee(schedule: FeeSchedule, paymentType: string, method: PaymentMethodFees): void {
  if (isBuiltSchedule(schedule)) return;
  const where = methodField(paymentType, method);
  if (method.customerFee !== undefined && !isAmount(method.customerFee)) {
    throw notBuilt(`${where}.customerFee`, `a non-negative safe integer or absent, got ${describeValue(method.customerFee)}`);
  }
  assertTaxAndRounding(schedule);
}

/** The fields the Refund Fee reads: `refundRequestFee`, the tax rate and rounding. */
export function assertBuiltRefundRequestFee(schedule: FeeSchedule): void {
  if (isBuiltSchedule(schedule)) return;
  if (!isAmount(schedule.refundRequestFee)) throw notBuilt('refundRequestFee', `a non-negative safe integer, got ${describeValue(schedule.refundRequestFee)}`);
  assertTaxAndRounding(schedule);
}

/** `paymentMethods.<the type asked for>`, once the entry is known to be an object. */
function methodField(paymentType: string, method: unknown): string {
  const where = `paymentMethods.${paymentType}`;
  if (typeof method !== 'object' || method === null) throw notBuilt(where, `an object { paymentType, feeRate, fixedFee, customerFee }, got ${describeValue(method)}`);
  return where;
}

function assertTaxAndRounding(schedule: FeeSchedule): void {
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
