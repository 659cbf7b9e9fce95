import type { FeeSchedule, PaymentMethodFees } from './build-fee-schedule.js';
import { assertBuiltPaymentMethods } from './assert-built-fees.js';

/**
 * The fees a schedule has for a payment type, or undefined. Own entries only: a schedule that
 * `buildFeeSchedule` built has no prototype, but one saved as JSON and parsed back (the type is
 * structural, so it type-checks) has Object's, and `"constructor"` would be found there.
 * Text only: from JavaScript, `undefined` or `1` would otherwise be read as the key
 * `"undefined"` or `"1"` and find a payment type of that name.
 *
 * @throws RangeError for a schedule whose `paymentMethods` is not an object (saved as JSON and
 * edited), as for the other fields `buildFeeSchedule` sets.
 */
export function paymentMethodOf(schedule: FeeSchedule, paymentType: string): PaymentMethodFees | undefined {
  assertBuiltPaymentMethods(schedule);
  if (typeof paymentType !== 'string') return undefined;
  return Object.hasOwn(schedule.paymentMethods, paymentType) ? schedule.paymentMethods[paymentType] : undefined;
}
