/**
 * What a value that is not an amount is, for a message: a number as it is, anything else by its
 * kind, never serialized and never converted (`String` of the string "5" reads as the amount 5,
 * and of an object without a primitive form, or a revoked Proxy, throws).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${escapedJson(JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value))}`;
  if (typeof value === 'bigint') return `the bigint ${String(value)}n`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (value === undefined) return 'nothing (undefined)';
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  try {
    return Array.isArray(value) ? 'an array' : 'an object';
  } catch {
    return 'an object'; // a revoked Proxy
  }
}

/**
 * JSON text with what JSON.stringify leaves raw and that breaks, hides or reorders a line (C1
 * controls, U+2028 / U+2029, bidi controls) or shows as nothing or a plain space (U+00A0,
 * U+200B, U+FEFF...) escaped: the same set as `quoteText`'s in `@kanjo/splits`.
 */
export function escapedJson(json: string): string {
  return json.replace(/[\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000-\u200b\u200e\u200f\u2028\u2029\u202a-\u202f\u205f-\u206f\u2800\u3000\u3164\ufeff\uffa0\ufff0-\ufff8]|\ud82f[\udca0-\udca3]|\ud834[\udd73-\udd7a]/g, escapeEachUnit);
}

/** Each UTF-16 code unit of `text` (one character, or the two halves of one past U+FFFF) as `\uXXXX`. */
function escapeEachUnit(text: string): string {
  let escaped = '';
  for (let index = 0; index < text.length; index += 1) escaped += `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`;
  return escaped;
}
