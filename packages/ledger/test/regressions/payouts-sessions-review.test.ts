import { sessionReturnUrl, type CreateSessionCommand } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { marketplaceSession } from '../support/fixtures.js';
import { accepted, newLedger, rejected } from '../support/ledger-harness.js';

// Review of balance transfers, payouts and hosted-page sessions (review-payouts-sessions).

/** A ¥1,000 marketplace session, capture auto, all to pm1. */
function session(id: string, overrides: Partial<CreateSessionCommand> = {}): CreateSessionCommand {
  return marketplaceSession(id, { paymentTypes: ['credit_card'], split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }], ...overrides });
}

describe('return_url must already be an absolute http(s) URL, not one the URL parser repairs', () => {
  // DOMAIN.md "Hosted page sessions": "return_url an absolute http or https URL"; "The customer
  // returns to `return_url?session_id=…`". The URL is kept and handed back byte for byte
  // (sessionReturnUrl), so a URL that only parses after WHATWG's clean-up (line breaks and tabs
  // dropped, spaces trimmed, `\` read as `/`, a missing or extra `//` supplied) reached the
  // customer's redirect as written: with a CR LF in it, a header-splitting Location.
  const repaired: [string, string][] = [
    ['a CR LF in the path', 'https://shop.example/r\r\nSet-Cookie: a=b'],
    ['a tab in the host', 'https://shop.ex\tample/r'],
    ['a leading space', ' https://shop.example/r'],
    ['a trailing space', 'https://shop.example/r '],
    ['a space in the path', 'https://shop.example/a b'],
    ['no // after the scheme', 'https:shop.example/r'],
    ['three slashes after the scheme', 'https:///shop.example/r'],
    ['backslashes for slashes', 'https:\\\\shop.example\\r'],
    // Review 194: README "no spaces" held for U+0020 only.
    ['a no-break space in the path', 'https://shop.example/a\u00a0b'],
    ['an ideographic space in the query', 'https://shop.example/r?q=\u3000'],
    ['a byte order mark after the host', 'https://shop.example\ufeff/r'],
    ['a lone surrogate in the path (no UTF-8 holds it)', 'https://shop.example/\ud800'],
  ];
  for (const [what, returnUrl] of repaired) {
    it(`${what}: session_return_url_invalid, and nothing is created`, () => {
      rejected(newLedger(), session('s', { returnUrl }), 'session_return_url_invalid');
    });
  }

  it('ordinary URLs still pass: ports, IPv6 hosts, user info, queries, fragments, non-ASCII paths', () => {
    const ledger = newLedger();
    const urls = ['http://localhost:3000/return', 'http://[::1]:8080/r', 'https://user@shop.example/r?x=1&y=%20#top', 'https://shop.example/注文/完了', 'HTTPS://SHOP.EXAMPLE'];
    for (const [index, returnUrl] of urls.entries()) accepted(ledger, session(`ok_${index}`, { returnUrl }));
  });
});

describe('external_customer_id is at most 255 characters, not 255 UTF-16 code units', () => {
  // DOMAIN.md "Hosted page sessions": "optional external_customer_id ≤ 255 characters"; [003]:
  // "A string, less than or equal to 255 characters long." JavaScript's length counts a
  // character outside the BMP (an emoji, a rare kanji) twice, so 128 such characters were refused.
  it('255 astral characters are accepted; 256 are session_external_customer_id_too_long', () => {
    const ledger = newLedger();
    accepted(ledger, session('s255', { externalCustomerId: '𠮷'.repeat(255) }));
    rejected(ledger, session('s256', { externalCustomerId: '𠮷'.repeat(256) }), 'session_external_customer_id_too_long');
    rejected(ledger, session('s256b', { externalCustomerId: 'c'.repeat(256) }), 'session_external_customer_id_too_long');
    accepted(ledger, session('s255b', { externalCustomerId: `${'c'.repeat(254)}😀` }));
  });
});

describe('an id holding a lone UTF-16 surrogate is id_invalid', () => {
  // A lone surrogate is no character at all: it cannot be written as UTF-8, and
  // sessionReturnUrl (DOMAIN.md: "The customer returns to `return_url?session_id=…`") threw a
  // URIError encoding such a session id, which session.create had accepted.
  it('session.create refuses the id; a paired surrogate (an emoji) is still a valid id', () => {
    const ledger = newLedger();
    rejected(ledger, session('ses_\uD800'), 'id_invalid');
    rejected(ledger, session('ses_\uDC00x'), 'id_invalid');
    accepted(ledger, session('ses_😀'));
    expect(sessionReturnUrl('https://shop.example/r', 'ses_😀')).toBe('https://shop.example/r?session_id=ses_%F0%9F%98%80');
  });
});
