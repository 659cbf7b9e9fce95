/**
 * @packageDocumentation
 * `@kanjo/fees/testing`: fast-check arbitraries for fee schedules, rates and amounts, the ones
 * the package's own property tests use. Requires the optional peer dependency `fast-check`.
 */
export type { AmountNearEdgesConstraints } from './amount-near-edges-arbitrary.js';
export { amountNearEdgesArbitrary } from './amount-near-edges-arbitrary.js';
export type { FeeScheduleInputConstraints } from './fee-schedule-input-arbitrary.js';
export { feeScheduleInputArbitrary } from './fee-schedule-input-arbitrary.js';
export { invalidPaymentTypeArbitrary } from './invalid-payment-type-arbitrary.js';
export type { InvalidRateText } from './invalid-rate-text-arbitrary.js';
export { invalidRateTextArbitrary } from './invalid-rate-text-arbitrary.js';
export { paymentTypeArbitrary } from './payment-type-arbitrary.js';
export type { RateTextConstraints } from './rate-text-arbitrary.js';
export { rateTextArbitrary } from './rate-text-arbitrary.js';
export { roundingModeArbitrary } from './rounding-mode-arbitrary.js';
