import { accept, assertAmount, countText, isCurrency } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { quoted } from '../engine/message-text.js';

/** Longest id Kanjo accepts (payments, sessions, refund requests, merchants). */
export const MAX_ID_LENGTH = 255;

/** Longest idempotency key kept: keys live in the journal, so they are bounded like ids. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * A positive amount from code. A number that is not a non-negative safe integer is a
 * programmer error and throws at once; zero is a business rejection (DOMAIN.md: payment,
 * capture, refund, transfer and session amounts must be positive).
 */
export function requirePositiveAmount(value: number, field: string): LedgerResult<number> {
  assertAmount(value, field);
  if (value === 0) return reject('amount_not_positive', `${field} must be more than 0`);
  return accept(value);
}

/**
 * Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: an id holding
 * one could end a line in a plain-text export (hledger, the table) and forge what follows.
 */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * A UTF-16 surrogate standing alone, not half of a pair: no character at all. It cannot be
 * written as UTF-8 (exports would turn it into U+FFFD, another id) nor URI-encoded.
 */
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * For a text past its bound: the unit the bound counts, and how many the text has. Bounds count
 * UTF-16 code units (JavaScript's `length`), so 128 emoji (128 characters) are past 255, and a
 * message saying only "255 characters" would not tell the caller what to fix.
 */
export function lengthNote(value: unknown, bound: number): string {
  if (typeof value !== 'string' || value.length <= bound) return '';
  return ` (UTF-16 code units, JavaScript's length, where a character past U+FFFF (most emoji) counts 2: it has ${countText(value.length)})`;
}

/** An id: 1 to 255 characters, none of them a control character, a line break or a lone surrogate. */
export function requireId(value: string, field: string): LedgerResult<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    return reject('id_invalid', `${field} must be a string of 1 to ${MAX_ID_LENGTH} characters${lengthNote(value, MAX_ID_LENGTH)}`);
  }
  if (CONTROL_CHARACTER.test(value)) {
    return reject('id_invalid', `${field} ${quoted(value)} holds a control character or line break: use letters, digits and punctuation`);
  }
  if (LONE_SURROGATE.test(value)) {
    return reject('id_invalid', `${field} ${quoted(value)} holds a lone UTF-16 surrogate, which is no character: send the id as well-formed text`);
  }
  return accept(value);
}

/**
 * Why {@link requireId} refuses `value`, or undefined. Printable ASCII, nearly every id, is
 * decided by one pass over its char codes; anything else goes through `requireId` itself.
 * Replay asks this once for every payment it reads, a million of them in a large journal.
 */
export function idProblem(value: string, field: string): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH) {
    let plain = true;
    for (let index = 0; index < value.length && plain; index += 1) {
      const code = value.charCodeAt(index);
      plain = code >= 0x20 && code <= 0x7e;
    }
    if (plain) return undefined;
  }
  const required = requireId(value, field);
  return required.ok ? undefined : required.error.message;
}

/** An ISO 4217 currency code Kanjo knows the minor unit of. */
export function requireCurrency(value: string): LedgerResult<string> {
  if (!isCurrency(value)) return reject('currency_unknown', `currency ${quoted(value)} is not an ISO 4217 code Kanjo knows: use e.g. JPY or USD`);
  return accept(value);
}
