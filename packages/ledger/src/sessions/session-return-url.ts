import { LONE_SURROGATE } from '../commands/validate-input.js';
import { quoted } from '../engine/message-text.js';
import { isAbsoluteHttpUrl } from './is-absolute-http-url.js';

/**
 * Where the customer returns after the hosted page: `return_url` with a `session_id` query
 * parameter (`[003]`). The merchant's URL is kept byte for byte (a signed return URL must not
 * be re-encoded): the parameter joins an existing query with `&` or starts one with `?`,
 * before any `#fragment`; a stale `session_id` already in the query (its name percent-encoded
 * too, `session%5Fid`) is replaced where it stands rather than repeated. Arguments that are not
 * strings throw a TypeError; a `returnUrl` that is not an absolute http or https URL (as
 * `session.create` requires: the arguments swapped, a `javascript:` URL), an empty session id
 * or one with a lone surrogate throws a RangeError rather than build a link.
 *
 * @example
 * sessionReturnUrl('https://shop.example/done?order=7', 'ses_1'); // 'https://shop.example/done?order=7&session_id=ses_1'
 * sessionReturnUrl('https://shop.example/done#top', 'ses_1'); // 'https://shop.example/done?session_id=ses_1#top'
 * sessionReturnUrl('ses_1', 'https://shop.example/done'); // throws RangeError: the arguments swapped
 */
export function sessionReturnUrl(returnUrl: string, sessionId: string): string {
  // From JavaScript: a number would fail on indexOf, and a session id of undefined be written "undefined".
  if (typeof returnUrl !== 'string' || typeof sessionId !== 'string') {
    throw new TypeError(`sessionReturnUrl: returnUrl and sessionId must be strings, got ${typeof returnUrl} and ${typeof sessionId}`);
  }
  // Review 175: swapped arguments gave "ses_1?session_id=https%3A…", a link nobody can follow.
  if (!isAbsoluteHttpUrl(returnUrl)) {
    throw new RangeError(`sessionReturnUrl: returnUrl must be an absolute http or https URL (the session's return_url), not ${quoted(returnUrl)}; the arguments are (returnUrl, sessionId)`);
  }
  if (sessionId.length === 0) throw new RangeError('sessionReturnUrl: sessionId must be the session\'s id, not empty');
  // encodeURIComponent throws a URIError on one (review 194); the engine accepts no such id.
  if (LONE_SURROGATE.test(sessionId)) throw new RangeError(`sessionReturnUrl: sessionId must be the session's id, not ${quoted(sessionId)}, which holds a lone surrogate`);
  const hash = returnUrl.indexOf('#');
  const beforeFragment = hash === -1 ? returnUrl : returnUrl.slice(0, hash);
  const fragment = hash === -1 ? '' : returnUrl.slice(hash);
  const parameter = `session_id=${encodeURIComponent(sessionId)}`;
  const question = beforeFragment.indexOf('?');
  if (question === -1) return `${beforeFragment}?${parameter}${fragment}`;
  const query = beforeFragment.slice(question + 1);
  // Split as written: an empty part (`a=1&&b=2`) is part of what the merchant may have signed.
  const parts = query.split('&');
  const stale = parts.findIndex(isSessionIdPart);
  if (stale === -1) return `${beforeFragment}${query === '' || query.endsWith('&') ? '' : '&'}${parameter}${fragment}`;
  const kept = parts.flatMap((part, index) => (isSessionIdPart(part) ? (index === stale ? [parameter] : []) : [part]));
  return `${beforeFragment.slice(0, question)}?${kept.join('&')}${fragment}`;
}

/**
 * A `session_id` query part, with or without a value, its name read as a server reads it
 * (percent-decoded, `+` a space): `session%5Fid=old` left beside the new one was the value a
 * server reading the first one got (review 197).
 */
function isSessionIdPart(part: string): boolean {
  const equals = part.indexOf('=');
  const name = equals === -1 ? part : part.slice(0, equals);
  if (name === 'session_id') return true;
  if (!name.includes('%')) return false;
  try {
    return decodeURIComponent(name.replaceAll('+', ' ')) === 'session_id';
  } catch {
    return false; // a malformed escape: a name no server reads as session_id
  }
}
