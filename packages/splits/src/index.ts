/**
 * @packageDocumentation
 * `@kanjo/splits`: minor-unit amounts, split validation, shares and proportional refunds.
 */
export type { Rejection, Result } from './result/result.js';
export { accept, reject, unwrap, assertNever, RejectionError } from './result/result.js';
