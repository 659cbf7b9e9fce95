import { sessionReturnUrl } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
it('the return URL keeps the merchant\'s existing query byte for byte', () => {
  // DOMAIN.md: "The customer returns to return_url?session_id=…" — the merchant's URL plus session_id.
  expect(sessionReturnUrl('https://shop.example/return?q=a%20b&paid&t=~x', 'ses_1')).toBe('https://shop.example/return?q=a%20b&paid&t=~x&session_id=ses_1');
});

describe('sessionReturnUrl refuses what is no return URL rather than build a link (review 175)', () => {
  it('the arguments swapped, a javascript: URL, an empty URL or session id: RangeError', () => {
    expect(() => sessionReturnUrl('ses_1', 'https://shop.example/r')).toThrow(
      new RangeError('sessionReturnUrl: returnUrl must be an absolute http or https URL (the session\'s return_url), not "ses_1"; the arguments are (returnUrl, sessionId)'),
    );
    expect(() => sessionReturnUrl('javascript:alert(1)', 'ses_1')).toThrow(RangeError);
    expect(() => sessionReturnUrl('', 'ses_1')).toThrow(RangeError);
    expect(() => sessionReturnUrl('https://shop.example/r', '')).toThrow(new RangeError('sessionReturnUrl: sessionId must be the session\'s id, not empty'));
    expect(sessionReturnUrl('HTTP://shop.example/r', 'ses_1')).toBe('HTTP://shop.example/r?session_id=ses_1');
  });
});
