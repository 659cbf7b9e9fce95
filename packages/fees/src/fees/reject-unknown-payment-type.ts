import { quoteText, reject, type Rejection } from '@kanjo/splits';
import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import { assertBuiltPaymentTypes } from '../schedule/assert-built-fees.js';

/**
 * The one `payment_type_not_in_schedule` rejection, so every fee function words it alike. The
 * payment type comes from a request: quoted with `quoteText` (escaped, cut to 64 characters), so
 * the message stays one short line whatever was sent, and so do the schedule's own types: at
 * most {@link TYPES_LISTED} are listed. A schedule not built by `buildFeeSchedule` (saved as JSON
 * and edited) whose `paymentTypes` is not a list of payment type names throws a RangeError, as
 * for its other fields: listed raw, an edited entry could make the message any length.
 */
export function rejectUnknownPaymentType(
  schedule: FeeSchedule,
  paymentType: string,
): { readonly ok: false; readonly error: Rejection<'payment_type_not_in_schedule'> } {
  assertBuiltPaymentTypes(schedule);
  // From JavaScript the type may be missing or not text: "payment type nothing has no fees" misread.
  const what = typeof paymentType === 'string' ? `payment type ${quoteText(paymentType)} has no fees in this schedule` : `the payment type must be a string naming one of the schedule's, not ${quoteText(paymentType)}`;
  return reject('payment_type_not_in_schedule', `${what} (it has: ${typesListed(schedule.paymentTypes)})`);
}

/** How many of the schedule's payment types a message lists before counting the rest. */
const TYPES_LISTED = 8;

function typesListed(types: readonly string[]): string {
  if (types.length === 0) return 'none';
  if (types.length <= TYPES_LISTED) return types.join(', ');
  return `${types.slice(0, TYPES_LISTED).join(', ')} and ${types.length - TYPES_LISTED} more`;
}
