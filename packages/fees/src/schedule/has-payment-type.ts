import type { FeeSchedule } from './build-fee-schedule.js';
import { paymentMethodOf } from './payment-method-of.js';

/**
 * Whether the schedule has fees for a payment type. Only configured types count: `"constructor"`
 * or `"toString"` are never found, even in a schedule parsed back from JSON.
 *
 * @example
 * hasPaymentType(schedule, 'konbini'); // true
 * hasPaymentType(schedule, 'alipay');  // false
 */
export function hasPaymentType(schedule: FeeSchedule, paymentType: string): boolean {
  return paymentMethodOf(schedule, paymentType) !== undefined;
}
