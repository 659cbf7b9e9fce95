/**
 * @packageDocumentation
 * `@kanjo/splits`: minor-unit amounts, split validation, shares and proportional refunds.
 */
export type { Rejection, Result } from './result/result.js';
export { accept, reject, unwrap, assertNever, RejectionError } from './result/result.js';
export type { RoundingMode } from './rounding/rounding-mode.js';
export { ROUNDING_MODES, isRoundingMode } from './rounding/rounding-mode.js';
export { divideRoundedBig } from './rounding/divide-rounded-big.js';
export { multiplyDivide } from './rounding/multiply-divide.js';
