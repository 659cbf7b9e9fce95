import { sessionReturnUrl } from '@kanjo/ledger';
import { expect, it } from 'vitest';
it('the return URL keeps the merchant\'s existing query byte for byte', () => {
  // DOMAIN.md: "The customer returns to return_url?session_id=…" — the merchant's URL plus session_id.
  expect(sessionReturnUrl('https://shop.example/return?q=a%20b&paid&t=~x', 'ses_1')).toBe('https://shop.example/return?q=a%20b&paid&t=~x&session_id=ses_1');
});
