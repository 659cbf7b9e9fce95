import type { FeeSchedule } from '../schedule/build-fee-schedule.js';
import type { FeeWithTax } from './fee-record.js';
import { taxOnFee } from './tax-on-fee.js';
import { assertBuiltRefundRequestFee } from '../schedule/assert-built-fees.js';

/**
 * The fee for one successful refund request (Konbini, Bank Transfer, Pay-Easy) and its tax,
 * both debited from the platform: `schedule.refundRequestFee` (default 300) and
 * round(fee × taxRate). Cannot fail: the schedule validated the amount.
 *
 * @example
 * refundRequestFee(schedule); // { fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } }
 */
export function refundRequestFee(schedule: FeeSchedule): FeeWithTax {
  assertBuiltRefundRequestFee(schedule);
  // `+ 0`: a schedule saved as JSON and edited to hold -0 answers 0, as the built one does.
  const fee = schedule.refundRequestFee + 0;
  return {
    fee: { type: 'Refund Fee', amount: fee },
    tax: { type: 'Refund Fee Tax', amount: taxOnFee(fee, schedule.taxRate, schedule.rounding) },
  };
}
