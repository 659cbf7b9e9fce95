import { isAmount, isRoundingMode } from '@kanjo/splits';
import { describeValue } from '../fees/describe-value.js';
import type { Rate } from '../rates/parse-rate.js';
import type { FeeSchedule, PaymentMethodFees } from './build-fee-schedule.js';
import { isBuiltSchedule } from './built-schedules.js';
import { isPaymentTypeName, MAX_PAYMENT_TYPE_LENGTH, MAX_PAYMENT_TYPES } from './schedule-limits.js';

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
  assertScheduleObject(schedule);
  if (isBuiltSchedule(schedule)) return;
  if (!isAmount(schedule.refundRequestFee)) throw notBuilt('refundRequestFee', `a non-negative safe integer, got ${describeValue(schedule.refundRequestFee)}`);
  assertTaxAndRounding(schedule);
}

/** Anything but an object (`null` from untyped JSON, a rate text) is no schedule at all. */
function assertScheduleObject(schedule: FeeSchedule): void {
  if (typeof schedule !== 'object' || schedule === null) {
    throw new TypeError(`expected a fee schedule from buildFeeSchedule, got ${describeValue(schedule)}`);
  }
}

/** The schedule itself and its `paymentMethods`, which every look-up of a payment type reads. */
export function assertBuiltPaymentMethods(schedule: FeeSchedule): void {
  assertScheduleObject(schedule);
  if (isBuiltSchedule(schedule)) return;
  const methods: unknown = schedule.paymentMethods;
  if (typeof methods !== 'object' || methods === null || Array.isArray(methods)) {
    throw notBuilt('paymentMethods', `an object of the payment types' fees, got ${describeValue(methods)}`);
  }
}

/**
 * The schedule's `paymentTypes`, which a `payment_type_not_in_schedule` message lists: a list
 * of at most {@link MAX_PAYMENT_TYPES} payment type names as `buildFeeSchedule` accepts them,
 * so the message stays one line of bounded length.
 */
export function assertBuiltPaymentTypes(schedule: FeeSchedule): void {
  if (isBuiltSchedule(schedule)) return;
  const types: unknown = schedule.paymentTypes;
  if (!Array.isArray(types) || types.length > MAX_PAYMENT_TYPES) {
    throw notBuilt('paymentTypes', `a list of at most ${MAX_PAYMENT_TYPES} payment types, got ${describeValue(types)}`);
  }
  types.forEach((type: unknown, index) => {
    if (!isPaymentTypeName(type)) throw notBuilt(`paymentTypes[${index}]`, `a payment type name (1 to ${MAX_PAYMENT_TYPE_LENGTH} characters of a-z, 0-9 and "_"), got ${describeValue(type)}`);
  });
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
