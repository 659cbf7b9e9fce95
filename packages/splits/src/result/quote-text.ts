import { isArraySafely } from './is-array-safely.js';

/** Longest piece of caller input a message quotes whole. */
const MAX_QUOTED_LENGTH = 64;

/** Characters JSON.stringify leaves as they are but that break, hide or reorder a line: C1 controls, U+2028/9, bidi controls. */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * An id the caller sent, for a rejection message: quoted as JSON, control characters and line
 * separators escaped, cut to 64 characters (on a code point) so that the message stays one short
 * line. A value that is not a string is described, never serialized (a bigint would throw).
 */
export function quoteText(value: unknown): string {
  if (typeof value !== 'string') return describeNonString(value);
  let text = value;
  if (text.length > MAX_QUOTED_LENGTH) {
    const characters = Array.from(text.slice(0, MAX_QUOTED_LENGTH * 2));
    if (characters.length > MAX_QUOTED_LENGTH || text.length > MAX_QUOTED_LENGTH * 2) text = `${characters.slice(0, MAX_QUOTED_LENGTH).join('')}…`;
  }
  return JSON.stringify(text).replace(UNESCAPED_BY_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What a message says for a value from untyped code that is not a string: its value when short and plain, else its kind. */
function describeNonString(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (isArraySafely(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
