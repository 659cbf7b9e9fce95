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

describe('sessionReturnUrl: a stale session_id spelled with escapes, and a session id no URL can hold (reviews 194, 197)', () => {
  it('a stale session%5Fid (or session_%69d, session+id is not one) is replaced where it stands, as a server reads it as session_id', () => {
    expect(sessionReturnUrl('https://shop.example/done?session%5Fid=old&order=7', 'ses 1&2')).toBe('https://shop.example/done?session_id=ses%201%262&order=7');
    expect(sessionReturnUrl('https://shop.example/done?a=1&session_%69d&session_id=x', 'ses_1')).toBe('https://shop.example/done?a=1&session_id=ses_1');
    expect(sessionReturnUrl('https://shop.example/done?session+id=old&bad%ZZ=1', 'ses_1')).toBe('https://shop.example/done?session+id=old&bad%ZZ=1&session_id=ses_1');
    const params = new URL(sessionReturnUrl('https://shop.example/done?session%5Fid=old', 'ses_1')).searchParams;
    expect(params.getAll('session_id')).toEqual(['ses_1']);
  });

  it('a session id with a lone surrogate is a RangeError, not the URIError of encodeURIComponent', () => {
    expect(() => sessionReturnUrl('https://shop.example/done', 'a\ud800b')).toThrow(
      new RangeError('sessionReturnUrl: sessionId must be the session\'s id, not "a\\ud800b", which holds a lone surrogate'),
    );
    expect(sessionReturnUrl('https://shop.example/done', 'a\ud83d\ude00b')).toBe('https://shop.example/done?session_id=a%F0%9F%98%80b');
  });
});
