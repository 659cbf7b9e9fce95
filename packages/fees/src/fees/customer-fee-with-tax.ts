import { accept, type Result } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import type { FeeRecordType, FeeWithTax } from './fee-record.js';
import { rejectUnknownPaymentType } from './reject-unknown-payment-type.js';
import { taxOnFee } from './tax-on-fee.js';
import { paymentMethodOf } from '../schedule/payment-method-of.js';
import { assertBuiltCustomerFee } from '../schedule/assert-built-fees.js';

/**
 * A payment method's customer fee and its tax under the given record types: one computation
 * behind {@link customerFee} (charged at payment) and {@link refundedCustomerFee} (given back),
 * so the two can never disagree on the amounts. `undefined` when the method has none.
 */
export function customerFeeWithTax(
  schedule: FeeSchedule,
  paymentType: string,
  feeType: FeeRecordType,
  taxType: FeeRecordType,
): Result<FeeWithTax | undefined, 'payment_type_not_in_schedule'> {
  const method = paymentMethodOf(schedule, paymentType);
  if (method === undefined) return rejectUnknownPaymentType(schedule, paymentType);
  assertBuiltCustomerFee(schedule, paymentType, method);
  const fee = method.customerFee;
  if (fee === undefined) return accept(undefined);
  return accept({
    // `+ 0`: a schedule saved as JSON and edited to hold -0 (an amount, so its checks pass)
    // answers 0, as the built one does; never a fee that prints as "-0".
    fee: { type: feeType, amount: fee + 0 },
    tax: { type: taxType, amount: taxOnFee(fee, schedule.taxRate, schedule.rounding) },
  });
}
