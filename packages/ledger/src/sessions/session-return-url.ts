/**
 * Where the customer returns after the hosted page: `return_url` with a `session_id` query
 * parameter (`[003]`). The merchant's URL is kept byte for byte (a signed return URL must not
 * be re-encoded): the parameter joins an existing query with `&` or starts one with `?`,
 * before any `#fragment`; a stale `session_id` already in the query is replaced where it stands
 * rather than repeated.
 */
export function sessionReturnUrl(returnUrl: string, sessionId: string): string {
  const hash = returnUrl.indexOf('#');
  const beforeFragment = hash === -1 ? returnUrl : returnUrl.slice(0, hash);
  const fragment = hash === -1 ? '' : returnUrl.slice(hash);
  const question = beforeFragment.indexOf('?');
  const path = question === -1 ? beforeFragment : beforeFragment.slice(0, question);
  const parameter = `session_id=${encodeURIComponent(sessionId)}`;
  const parts = question === -1 ? [] : beforeFragment.slice(question + 1).split('&').filter((part) => part !== '');
  const stale = parts.findIndex((part) => /^session_id(=|$)/.test(part));
  const query = stale === -1 ? [...parts, parameter] : parts.flatMap((part, index) => (/^session_id(=|$)/.test(part) ? (index === stale ? [parameter] : []) : [part]));
  return `${path}?${query.join('&')}${fragment}`;
}
