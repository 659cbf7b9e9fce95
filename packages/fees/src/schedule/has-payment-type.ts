import type { FeeSchedule } from './build-fee-schedule.js';

/**
 * Whether the schedule has fees for a payment type. Only configured types count: the
 * schedule's record has no prototype, so `"constructor"` or `"toString"` are never found.
 *
 * @example
 * hasPaymentType(schedule, 'konbini'); // true
 * hasPaymentType(schedule, 'alipay');  // false
 */
export function hasPaymentType(schedule: FeeSchedule, paymentType: string): boolean {
  return schedule.paymentMethods[paymentType] !== undefined;
}
