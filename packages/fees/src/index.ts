/**
 * @packageDocumentation
 * `@kanjo/fees`: fee schedules per platform merchant and payment type, and the fees KOMOJU
 * charges (processing fee, refund request fee, customer fee) with their consumption tax,
 * rounded exactly and by name. Rates are parsed once with big.js; fees are computed in integers.
 */
export type { RoundingMode } from '@kanjo/splits';

export type { Rate, RateErrorCode } from './rates/parse-rate.js';
export { parseRate } from './rates/parse-rate.js';
export { MAX_RATE_DECIMAL_PLACES, MAX_RATE_TEXT_LENGTH } from './rates/rate-limits.js';

export type {
  FeeSchedule,
  FeeScheduleErrorCode,
  FeeScheduleInput,
  PaymentMethodFeeInput,
  PaymentMethodFees,
} from './schedule/build-fee-schedule.js';
export { buildFeeSchedule } from './schedule/build-fee-schedule.js';
export { MAX_PAYMENT_TYPES, MAX_PAYMENT_TYPE_LENGTH } from './schedule/schedule-limits.js';
export { hasPaymentType } from './schedule/has-payment-type.js';

export type { FeeRecord, FeeRecordType, FeeWithTax } from './fees/fee-record.js';
export type { FeeErrorCode } from './fees/processing-fee.js';
export { processingFee } from './fees/processing-fee.js';
export type { ProcessingFeeCalculator } from './fees/processing-fee-calculator.js';
export { processingFeeCalculator } from './fees/processing-fee-calculator.js';
export { refundRequestFee } from './fees/refund-request-fee.js';
export { customerFee } from './fees/customer-fee.js';
export { refundedCustomerFee } from './fees/refunded-customer-fee.js';
