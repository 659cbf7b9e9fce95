/**
 * Where the customer returns after the hosted page: `return_url` with a `session_id` query
 * parameter (`[003]`), added correctly whether or not the URL already has a query or a
 * fragment, and replacing a stale `session_id` rather than repeating it.
 */
export function sessionReturnUrl(returnUrl: string, sessionId: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set('session_id', sessionId);
  return url.toString();
}
