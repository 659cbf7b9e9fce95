import { unicodeEscape } from '../engine/message-text.js';

/**
 * Characters JSON.stringify leaves raw that some line readers take for a line break: Python's
 * `str.splitlines()` splits at U+0085 (NEL), U+2028 and U+2029 as well as "\n". (JSON escapes
 * every other one, C0 controls included.)
 */
const READ_AS_LINE_BREAK = /[\u0085\u2028\u2029]/g;
/** The same, without the global flag (whose `test` would keep a position between calls). */
const HAS_READ_AS_LINE_BREAK = /[\u0085\u2028\u2029]/;

/**
 * `JSON.stringify(value)` with U+0085, U+2028 and U+2029 written as `\uXXXX` escapes: the same
 * JSON value, but one line for every reader of an NDJSON journal (a session's metadata may
 * hold them, and split its entry in two for a reconciliation script that reads lines the
 * Unicode way).
 */
export function lineSafeJson(value: unknown): string {
  const text = JSON.stringify(value);
  return HAS_READ_AS_LINE_BREAK.test(text) ? text.replace(READ_AS_LINE_BREAK, unicodeEscape) : text;
}
