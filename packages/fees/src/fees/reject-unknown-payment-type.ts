import { reject, type Rejection } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';

/** The one `payment_type_not_in_schedule` rejection, so every fee function words it alike. */
export function rejectUnknownPaymentType(
  schedule: FeeSchedule,
  paymentType: string,
): { readonly ok: false; readonly error: Rejection<'payment_type_not_in_schedule'> } {
  return reject(
    'payment_type_not_in_schedule',
    `payment type ${JSON.stringify(paymentType)} has no fees in this schedule (it has: ${schedule.paymentTypes.join(', ') || 'none'})`,
  );
}
