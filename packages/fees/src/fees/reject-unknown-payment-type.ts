import { quoteText, reject, type Rejection } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';

/**
 * The one `payment_type_not_in_schedule` rejection, so every fee function words it alike. The
 * payment type comes from a request: quoted with `quoteText` (escaped, cut to 64 characters), so
 * the message stays one short line whatever was sent.
 */
export function rejectUnknownPaymentType(
  schedule: FeeSchedule,
  paymentType: string,
): { readonly ok: false; readonly error: Rejection<'payment_type_not_in_schedule'> } {
  return reject(
    'payment_type_not_in_schedule',
    `payment type ${quoteText(paymentType)} has no fees in this schedule (it has: ${schedule.paymentTypes.join(', ') || 'none'})`,
  );
}
