import { isArraySafely } from './is-array-safely.js';

/** Longest piece of caller input a message quotes whole. */
const MAX_QUOTED_LENGTH = 64;

/**
 * Characters JSON.stringify leaves as they are but that break, hide or reorder a line (C1
 * controls, U+2028/9, bidi controls), or that show as nothing or as a plain space, so that two
 * different ids would read alike: the spaces but U+0020 (U+00A0, U+1680, U+2000 to U+200A,
 * U+202F, U+205F, U+3000) and the blank Braille pattern U+2800; Unicode's default-ignorable
 * characters (U+00AD, U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180E, U+200B, U+2060 to U+206F,
 * U+3164, U+FEFF, U+FFA0, U+FFF0 to U+FFF8, U+1BCA0 to U+1BCA3, U+1D173 to U+1D17A), but for
 * those emoji and scripts are written with, which stay: the joiners U+200C / U+200D (Persian,
 * 👩‍💻), the variation selectors (❤️) and the tag characters of flags.
 */
const UNESCAPED_BY_JSON = /[\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000-\u200b\u200e\u200f\u2028\u2029\u202a-\u202f\u205f-\u206f\u2800\u3000\u3164\ufeff\uffa0\ufff0-\ufff8]|\ud82f[\udca0-\udca3]|\ud834[\udd73-\udd7a]/g;

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
  return JSON.stringify(text).replace(UNESCAPED_BY_JSON, escapeEachUnit);
}

/** Each UTF-16 code unit of `text` (one character, or the two halves of one past U+FFFF) as `\uXXXX`. */
function escapeEachUnit(text: string): string {
  let escaped = '';
  for (let index = 0; index < text.length; index += 1) escaped += `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`;
  return escaped;
}

/** What a message says for a value from untyped code that is not a string: its value when short and plain, else its kind. */
function describeNonString(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (isArraySafely(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
