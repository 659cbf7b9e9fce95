/**
 * Why {@link parseAmount} rejected an input, in its order of precedence:
 * - `amount_not_a_number`: not a number and not a string of ASCII digits (`null`, `"abc"`,
 *   `"+5"`, `" 5"`, `""`, `NaN`, `Infinity`, objects, bigints).
 * - `amount_exponent_notation`: a string in exponent notation (`"1e3"`); send the digits.
 * - `amount_not_integer`: a fraction (`1000.5`, `"10.5"`); amounts are whole minor units.
 * - `amount_negative`: below zero, or a string with a minus sign (`-5`, `"-5"`).
 * - `amount_not_safe_integer`: beyond Number.MAX_SAFE_INTEGER (9007199254740991).
 * - `amount_not_positive`: zero where zero is not allowed.
 */
export type AmountErrorCode =
  | 'amount_not_a_number'
  | 'amount_not_integer'
  | 'amount_exponent_notation'
  | 'amount_negative'
  | 'amount_not_positive'
  | 'amount_not_safe_integer';

/** Options of {@link parseAmount}. */
export interface AmountConstraints {
  /** The field's name in rejection messages. Default `'amount'`. */
  readonly field?: string | undefined;
  /** Whether 0 is accepted. Default `false`: payment, capture and refund amounts must be positive. */
  readonly allowZero?: boolean | undefined;
}
