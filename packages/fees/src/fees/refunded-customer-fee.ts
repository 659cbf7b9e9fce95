import { accept, type Result } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import type { FeeWithTax } from './fee-record.js';
import { rejectUnknownPaymentType } from './reject-unknown-payment-type.js';
import { taxOnFee } from './tax-on-fee.js';

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
  const method = schedule.paymentMethods[paymentType];
  if (method === undefined) return rejectUnknownPaymentType(schedule, paymentType);
  const fee = method.customerFee;
  if (fee === undefined) return accept(undefined);
  return accept({
    fee: { type: 'Refunded Customer Fee', amount: fee },
    tax: { type: 'Refunded Customer Fee Tax', amount: taxOnFee(fee, schedule.taxRate, schedule.rounding) },
  });
}
