import { accept, reject, type Result } from '../result/result.js';
import { quoteText } from '../result/quote-text.js';
import { isArraySafely } from '../result/is-array-safely.js';
import type { AmountConstraints, AmountErrorCode } from './types.js';

// Only the shapes a person might plausibly send are recognised, to give them a precise code;
// anything else is simply not a number. Strings are strict: ASCII digits, nothing else.
// Each pattern reads a digit run with one quantifier only: `[0-9]+\.?[0-9]*` would let the
// engine try every split of a long run (quadratic backtracking on "111…1x" from a request).
const EXPONENT_NOTATION = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+$/;
const DECIMAL_NOTATION = /^-?(?:[0-9]+\.[0-9]*|\.[0-9]+)$/;
const NEGATIVE_DIGITS = /^-[0-9]+$/;
const DIGITS = /^[0-9]+$/;
const ZERO_CODE = 48; // '0'

/**
 * Parses a minor-unit amount from a request: a JS number that is a safe integer, or a string
 * of ASCII digits (`"1000"`, leading zeros allowed). Everything else is rejected with its own
 * code, checked in this order: `amount_not_a_number`, `amount_exponent_notation`,
 * `amount_not_integer`, `amount_negative`, `amount_not_safe_integer`, `amount_not_positive`.
 *
 * A JS number written `1e3` in code is just 1000 and is accepted; the string `"1e3"` is not,
 * so that what is sent is what is meant. Strings never go through floating point: their
 * digits are accumulated exactly and rejected as soon as they leave the safe range.
 *
 * @example
 * parseAmount('1000'); // { ok: true, value: 1000 }
 * parseAmount(10.5); // { ok: false, error: { code: 'amount_not_integer', … } }
 * parseAmount(0, { allowZero: true, field: 'platform_fee' }); // { ok: true, value: 0 }
 *
 * @throws TypeError when `constraints` is not an object, `constraints.allowZero` is given and is not a boolean, or
 * `constraints.field` is given and is not a string: the options come from code, not from a
 * request, and `{ allowZero: 'no' }` must not quietly accept 0.
 */
export function parseAmount(input: unknown, constraints: AmountConstraints = {}): Result<number, AmountErrorCode> {
  // `null` from JavaScript is no options, as undefined is (a default parameter takes only undefined).
  if (constraints !== null && typeof constraints !== 'object') throw new TypeError(`parseAmount: the options must be an object ({ field, allowZero }), got ${typeof constraints}`);
  // Only a missing option takes its default: `null` (from untyped JSON) is a wrong value, as
  // the TypeErrors below say, not "not given".
  const givenField = constraints?.field;
  const givenAllowZero = constraints?.allowZero;
  const field = givenField === undefined ? 'amount' : givenField;
  const allowZero = givenAllowZero === undefined ? false : givenAllowZero;
  if (typeof allowZero !== 'boolean') throw new TypeError(`parseAmount: allowZero must be true or false, got ${allowZero === null ? 'null' : typeof allowZero}`);
  if (typeof field !== 'string') throw new TypeError(`parseAmount: field must be a string, got ${field === null ? 'null' : typeof field}`);
  let value: number;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return notANumber(field, input);
    if (!Number.isInteger(input)) {
      return reject('amount_not_integer', `${field} must be a whole number of minor units (send an integer such as 1000), got ${describe(input)}`);
    }
    if (input < 0) return negative(field, input);
    if (!Number.isSafeInteger(input)) return notSafe(field, input);
    value = input === 0 ? 0 : input; // folds -0 into 0
  } else if (typeof input === 'string') {
    if (DIGITS.test(input)) {
      value = 0;
      for (let index = 0; index < input.length; index += 1) {
        value = value * 10 + (input.charCodeAt(index) - ZERO_CODE);
        // Exact while the value stays safe; once beyond, the rounded double is still above
        // MAX_SAFE_INTEGER (rounding is monotonic), so the check cannot be fooled.
        if (value > Number.MAX_SAFE_INTEGER) return notSafe(field, input);
      }
    } else if (EXPONENT_NOTATION.test(input)) {
      return reject('amount_exponent_notation', `${field} must be written as plain digits (send "1000", not "1e3"), got ${describe(input)}`);
    } else if (DECIMAL_NOTATION.test(input)) {
      return reject('amount_not_integer', `${field} must be a whole number of minor units written as digits only, without a decimal point, got ${describe(input)}`);
    } else if (NEGATIVE_DIGITS.test(input)) {
      return negative(field, input);
    } else {
      return notANumber(field, input);
    }
  } else {
    return notANumber(field, input);
  }
  if (value === 0 && !allowZero) return reject('amount_not_positive', `${field} must be greater than 0, got ${describe(input)}`);
  return accept(value);
}

function notANumber(field: string, input: unknown): Result<number, AmountErrorCode> {
  return reject('amount_not_a_number', `${field} must be an integer number of minor units or a string of digits (such as 1000 or "1000"), got ${describe(input)}`);
}

function negative(field: string, input: number | string): Result<number, AmountErrorCode> {
  return reject('amount_negative', `${field} must not be negative (send the amount without a sign), got ${describe(input)}`);
}

function notSafe(field: string, input: number | string): Result<number, AmountErrorCode> {
  return reject('amount_not_safe_integer', `${field} must be at most ${Number.MAX_SAFE_INTEGER} minor units, got ${describe(input)}`);
}

// Quotes strings with quoteText (escaped, shortened) so that "" and " 5" are visible in the
// message and a line separator or C1 control sent in an amount cannot break it in two.
function describe(input: unknown): string {
  if (typeof input === 'string') return quoteText(input);
  if (typeof input === 'number') return String(input);
  if (input === null) return 'null';
  if (isArraySafely(input)) return 'an array';
  if (input === undefined) return 'nothing (undefined)';
  const type = typeof input;
  return `${type === 'object' ? 'an' : 'a'} ${type}`;
}
