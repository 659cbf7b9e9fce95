import { sessionReturnUrl } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { marketplaceSession } from './support/fixtures.js';
import type { Command } from '@kanjo/ledger';
import { newLedger, rejected } from './support/ledger-harness.js';

// Review 272 made 60 mutants of the hosted-page session code (sessions/*, session-payment-misfit
// and the replay checks of sessions). Three passed every test: the backslash and the control
// character checks of a return URL past its host's first character (`https://shop.example\evil`
// was then accepted, which WHATWG reads as a path), and one entry creating a session twice. The
// checks of a session's payment on replay were caught only by the general replay files; these
// tests hold each of them here too, with its message, each checked against its mutant.

describe('return_url: refused past the first character of the host too (is-absolute-http-url.ts)', () => {
  // The start pattern only looks at the first host character; a backslash or control character
  // later is refused by the dedicated checks alone (WHATWG would read "\" as "/" and percent-encode U+0001).
  it.each([
    ['a backslash after the host', 'https://shop.example\\evil.example/r'],
    ['a backslash in the path', 'https://shop.example/a\\b'],
    ['U+0001 in the path', 'https://shop.example/a\u0001b'],
    ['U+007F in the path', 'https://shop.example/a\u007fb'],
  ])('%s', (_name, returnUrl) => {
    rejected(newLedger(), marketplaceSession('s', { returnUrl }), 'session_return_url_invalid');
    expect(() => sessionReturnUrl(returnUrl, 'ses_1')).toThrow(RangeError);
  });
});

describe('sessionReturnUrl: a query ending in & is joined without an empty part', () => {
  it('adds session_id after the trailing &, not after a second one', () => {
    expect(sessionReturnUrl('https://shop.example/r?a=1&', 'ses_1')).toBe('https://shop.example/r?a=1&session_id=ses_1');
    expect(sessionReturnUrl('https://shop.example/r?a=1&#top', 'ses_1')).toBe('https://shop.example/r?a=1&session_id=ses_1#top');
  });
});

import { rawJournalOf, replayOutcome } from './support/raw-journal.js';

describe('replay: a session completed by a payment that differs from it (session-payment-misfit.ts)', () => {
  const COMPLETED = [marketplaceSession('ses_1'), { op: 'session.complete', session: 'ses_1', payment: 'p', paymentType: 'credit_card' }] as const;
  it('control: the faithful journal replays', () => {
    expect(replayOutcome(rawJournalOf(COMPLETED))).toBe('accepted');
  });
  it('a payment of origin api', () => {
    const journal = rawJournalOf(COMPLETED);
    journal[1]!.changes[0]!['payment']['origin'] = 'api';
    expect(replayOutcome(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: session ses_1 completed with payment p whose origin is "api", not the session\'s "session"');
  });
  it('a payment that names no session (nor do its events)', () => {
    const journal = rawJournalOf(COMPLETED);
    delete journal[1]!.changes[0]!['payment']['session'];
    for (const event of (journal[1] as unknown as { events: Record<string, unknown>[] }).events) delete event['session'];
    expect(replayOutcome(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: session ses_1 completed with payment p whose session is absent, not the session\'s "ses_1"');
  });
  it('a session cancelled twice, or completed then cancelled, in one entry', () => {
    const cancelled = rawJournalOf([marketplaceSession('ses_1'), { op: 'session.cancel', session: 'ses_1' }]);
    cancelled[1]!.changes.push({ ...cancelled[1]!.changes[0]! });
    expect(replayOutcome(cancelled)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: session ses_1 is settled earlier in the entry, not pending');
    const completed = rawJournalOf(COMPLETED);
    completed[1]!.changes.push({ kind: 'session_cancelled', session: 'ses_1' });
    expect(replayOutcome(completed)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: session ses_1 is settled earlier in the entry, not pending');
  });
  it('a session created twice in one entry', () => {
    const journal = rawJournalOf([marketplaceSession('ses_1')]);
    journal[0]!.changes.push({ ...journal[0]!.changes[0]! });
    expect(replayOutcome(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: session ses_1 already exists');
  });
});

describe('replay: a manual session completed by an authorized payment with other terms (nothing posted to betray them)', () => {
  const MANUAL: Command[] = [
    marketplaceSession('m', { capture: 'manual', split: undefined }),
    { op: 'session.complete', session: 'm', payment: 'p', paymentType: 'credit_card' },
    { op: 'session.create', id: 'ss', merchant: 'plt', as: 's1', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'manual', platformAmount: 100, platformMerchant: 'plt' },
    { op: 'session.complete', session: 'ss', payment: 'q', paymentType: 'credit_card' },
  ];
  const cases: [string, number, string, unknown, string][] = [
    ['amount', 1, 'amount', 5000, 'entry 2 cannot be applied: session m completed with payment p whose amount is 5000, not the session\'s 1000'],
    ['currency', 1, 'currency', 'USD', 'entry 2 cannot be applied: session m completed with payment p whose currency is "USD", not the session\'s "JPY"'],
    ['platform', 1, 'platform', 'bazaar', 'entry 2 cannot be applied: session m completed with payment p whose platform is "bazaar", not the session\'s "mart"'],
    ['seller', 3, 'seller', 's2', 'entry 4 cannot be applied: session ss completed with payment q whose seller is "s2", not the session\'s "s1"'],
    ['platform_amount', 3, 'platformAmount', 200, 'entry 4 cannot be applied: session ss completed with payment q whose platform_amount is 200, not the session\'s 100'],
  ];
  it('control: the faithful journal replays', () => {
    expect(replayOutcome(rawJournalOf(MANUAL))).toBe('accepted');
  });
  it.each(cases)('its %s', (_name, index, field, value, message) => {
    const journal = rawJournalOf(MANUAL);
    journal[index]!.changes[0]!['payment'][field] = value;
    expect(replayOutcome(journal)).toBe(`journal_entry_inapplicable: ${message}`);
  });
});

describe('replay: the capture terms and state of a session completion', () => {
  const KONBINI: Command[] = [marketplaceSession('k'), { op: 'session.complete', session: 'k', payment: 'p', paymentType: 'konbini' }];
  const SELLER_MANUAL: Command[] = [
    { op: 'session.create', id: 'ss', merchant: 'plt', as: 's1', amount: 1000, currency: 'JPY', paymentTypes: ['konbini'], returnUrl: 'https://shop.example/r', capture: 'manual', platformAmount: 100, platformMerchant: 'plt' },
    { op: 'session.complete', session: 'ss', payment: 'q', paymentType: 'konbini' },
  ];
  const prefix = 'journal_entry_inapplicable: ';
  it('controls replay', () => {
    expect(replayOutcome(rawJournalOf(KONBINI))).toBe('accepted');
    expect(replayOutcome(rawJournalOf(SELLER_MANUAL))).toBe('accepted');
  });
  it('an auto Konbini session whose payment keeps another valid split', () => {
    const journal = rawJournalOf(KONBINI);
    journal[1]!.changes[0]!['payment']['pendingSplit'] = [{ submerchantId: 'pm2', amount: 1000, platformFee: 100 }];
    expect(replayOutcome(journal)).toBe(`${prefix}entry 2 cannot be applied: session k completed with payment p whose split is [{"submerchantId":"pm2","amount":1000,"platformFee":100}], not the session's [{"submerchantId":"pm1","amount":700,"platformFee":70},{"submerchantId":"pm2","amount":300,"platformFee":30}]`);
  });
  it('an auto Konbini session whose payment keeps no split', () => {
    const journal = rawJournalOf(KONBINI);
    delete journal[1]!.changes[0]!['payment']['pendingSplit'];
    expect(replayOutcome(journal)).toBe(`${prefix}entry 2 cannot be applied: session k (capture auto) completed with a konbini payment p whose split is not fixed at creation`);
  });
  it('a manual seller session whose payment says its platform amount is fixed', () => {
    const journal = rawJournalOf(SELLER_MANUAL);
    journal[1]!.changes[0]!['payment']['platformAmountFixed'] = true;
    expect(replayOutcome(journal)).toBe(`${prefix}entry 2 cannot be applied: session ss (capture manual) completed with a konbini payment q whose platform amount is fixed at creation`);
  });
  it('a payment of a type the session does not offer (one the platform accepts)', () => {
    const journal = rawJournalOf([marketplaceSession('m', { capture: 'manual', split: undefined }), { op: 'session.complete', session: 'm', payment: 'p', paymentType: 'credit_card' }]);
    journal[1]!.changes[0]!['payment']['paymentType'] = 'paypay';
    expect(replayOutcome(journal)).toBe(`${prefix}entry 2 cannot be applied: session m completed with payment p of paypay, which the session does not offer (session_payment_type_not_offered)`);
  });
  it('a cancelled session cancelled again in a later entry', () => {
    const journal = rawJournalOf([marketplaceSession('c'), { op: 'session.cancel', session: 'c' }]);
    journal.push({ ...structuredClone(journal[1]!), seq: 3 });
    expect(replayOutcome(journal)).toBe(`${prefix}entry 3 cannot be applied: session c is cancelled, not pending`);
  });
  it('a session completed with a payment an earlier entry created', () => {
    const journal = rawJournalOf([{ op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: true, split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }] }, marketplaceSession('c'), { op: 'session.cancel', session: 'c' }]);
    journal[2]!.changes = [{ kind: 'session_completed', session: 'c', payment: 'pay_1' }];
    expect(replayOutcome(journal)).toBe(`${prefix}entry 3 cannot be applied: session c completed with payment pay_1, which the entry does not create`);
  });
});
