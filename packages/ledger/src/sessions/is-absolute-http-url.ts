import { CONTROL_CHARACTER } from '../commands/validate-input.js';

/** `http://` or `https://` and then the first character of a host (not a further slash, `?`, `#` or a backslash). */
const HTTP_URL_START = /^https?:\/\/[^/?#\\]/i;

/**
 * An absolute http(s) URL as written, not merely one the WHATWG parser can repair: that parser
 * drops tabs and line breaks, trims spaces, reads a backslash as `/` and supplies a missing `//`, but the
 * return URL is kept and handed back byte for byte (sessionReturnUrl), so what is checked must
 * be what the customer is sent to. Spaces, control characters and backslashes are refused.
 */
export function isAbsoluteHttpUrl(text: string): boolean {
  if (typeof text !== 'string') return false;
  if (!HTTP_URL_START.test(text) || text.includes(' ') || text.includes('\\') || CONTROL_CHARACTER.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
