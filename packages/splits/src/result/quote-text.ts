import { isArraySafely } from './is-array-safely.js';

/** Longest piece of caller input a message quotes whole. */
const MAX_QUOTED_LENGTH = 64;

/**
 * Characters JSON.stringify leaves as they are but that break, hide or reorder a line (C1
 * controls, U+2028/9, bidi controls), or that show as nothing or as a plain space, so that two
 * different ids would read alike: U+00A0 and the other spaces but U+0020, the soft hyphen U+00AD,
 * U+180E, U+200B, U+2060 to U+2064 and U+FEFF. The joiners U+200C / U+200D and the variation
 * selectors stay: they belong to emoji and to scripts such as Persian.
 */
const UNESCAPED_BY_JSON = /[\u007f-\u00a0\u00ad\u061c\u1680\u180e\u2000-\u200b\u200e\u200f\u2028\u2029\u202a-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff]/g;

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
