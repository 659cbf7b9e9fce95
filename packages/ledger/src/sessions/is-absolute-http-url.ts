import { CONTROL_CHARACTER, LONE_SURROGATE } from '../commands/validate-input.js';

/** `http://` or `https://` and then the first character of a host (not a further slash, `?`, `#` or a backslash). */
const HTTP_URL_START = /^https?:\/\/[^/?#\\]/i;

/** Unicode white space (U+0020, U+00A0, U+3000, U+FEFF…): RFC 3986 allows none in a URL; one pasted in is a mistake. */
const WHITE_SPACE = /\s/;

/**
 * An absolute http(s) URL as written, not merely one the WHATWG parser can repair: that parser
 * drops tabs and line breaks, trims spaces, reads a backslash as `/` and supplies a missing `//`, but the
 * return URL is kept and handed back byte for byte (sessionReturnUrl), so what is checked must
 * be what the customer is sent to. Spaces (any Unicode white space: U+00A0 and U+3000 too,
 * review 194), control characters, backslashes and lone surrogates (no UTF-8 holds one) are
 * refused.
 */
export function isAbsoluteHttpUrl(text: string): boolean {
  if (typeof text !== 'string') return false;
  if (!HTTP_URL_START.test(text) || WHITE_SPACE.test(text) || text.includes('\\') || CONTROL_CHARACTER.test(text) || LONE_SURROGATE.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
