import type { Result } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import { customerFeeWithTax } from './customer-fee-with-tax.js';
import type { FeeWithTax } from './fee-record.js';

/**
 * The customer fee of a payment method (Konbini and the like) and its tax, which the customer
 * pays on top of the amount at payment; no processing fee is taken on it. `undefined` when the
 * method has no customer fee.
 *
 * @example
 * customerFee(schedule, 'konbini');     // { ok: true, value: { fee: { type: 'Customer Fee', amount: 190 }, tax: { type: 'Customer Fee Tax', amount: 19 } } }
 * customerFee(schedule, 'credit_card'); // { ok: true, value: undefined }
 */
export function customerFee(schedule: FeeSchedule, paymentType: string): Result<FeeWithTax | undefined, 'payment_type_not_in_schedule'> {
  return customerFeeWithTax(schedule, paymentType, 'Customer Fee', 'Customer Fee Tax');
}
