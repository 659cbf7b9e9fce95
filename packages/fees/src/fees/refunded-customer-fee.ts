import type { Result } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import { customerFeeWithTax } from './customer-fee-with-tax.js';
import type { FeeWithTax } from './fee-record.js';

/**
 * The customer fee and its tax given back on a refund with `include_payment_method_fee`, paid
 * by the platform: the same amounts as {@link customerFee}, under the records
 * `Refunded Customer Fee` / `Refunded Customer Fee Tax`. `undefined` when the method has no
 * customer fee.
 *
 * @example
 * refundedCustomerFee(schedule, 'konbini'); // { ok: true, value: { fee: { type: 'Refunded Customer Fee', amount: 190 }, tax: { type: 'Refunded Customer Fee Tax', amount: 19 } } }
 */
export function refundedCustomerFee(
  schedule: FeeSchedule,
  paymentType: string,
): Result<FeeWithTax | undefined, 'payment_type_not_in_schedule'> {
  return customerFeeWithTax(schedule, paymentType, 'Refunded Customer Fee', 'Refunded Customer Fee Tax');
}
