import { type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, marketplaceSession } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome } from '../support/raw-journal.js';

// Code review of the replay checks added after cdf6965 (events, op, movements, creations).

// README ("reconcile", Creations): "a session is one `session.create` accepts (re-decided on the
// fields it keeps: a configured platform and seller, a positive amount, a known currency, payment
// types its processing merchant accepts, an absolute http(s) return_url, capture auto or manual,
// a split or platform amount the engine takes; not whether a merchant was active then)".
// `sessionCreationMisfit` re-ran `session.create` and let its `merchant_deactivated` or
// `merchant_not_approved` through; but `session.create` stops at its first rejection, so for a
// merchant deactivated (or not approved) in the header's final configuration none of the other
// fields was re-decided at all: a session with a return_url no customer can be sent to, an amount
// of −1 or an unknown currency replayed as the engine's.
describe('a session of a merchant deactivated since is still re-decided on every other field', () => {
  const mart = (change: Partial<{ status: 'deactivated'; approved: boolean }>, book?: 'live'): LedgerConfig => ({
    ...CONFIG,
    ...(book === undefined ? {} : { book }),
    merchants: CONFIG.merchants.map((merchant) => (merchant.id === 'mart' ? { ...merchant, ...change } : book === undefined ? merchant : { ...merchant, approved: true })),
  });
  const deactivated = mart({ status: 'deactivated' });
  const sessionJournal = (config: LedgerConfig = CONFIG) => rawJournalOf([marketplaceSession('ses_1') as Command], config);
  const refused = /^journal_entry_inapplicable: entry 1 cannot be applied: session ses_1 is one the engine refuses to create: /;

  it('control: the engine\'s session replays under a header where mart was deactivated since', () => {
    expect(replayOutcome(sessionJournal(), deactivated)).toBe('accepted');
  });

  it('its return_url, amount, currency, payment types or capture tampered with is refused', () => {
    const edits: ((session: Record<string, any>) => void)[] = [
      (session) => (session['returnUrl'] = 'javascript:alert(1)'),
      (session) => (session['amount'] = 0),
      (session) => (session['currency'] = 'ZZZ'),
      (session) => (session['paymentTypes'] = ['alipay']),
      (session) => (session['capture'] = 'later'),
    ];
    for (const edit of edits) {
      const entries = sessionJournal();
      edit(entries[0]!.changes[0]!['session']);
      expect(replayOutcome(entries, CONFIG)).toMatch(refused);
      expect(replayOutcome(entries, deactivated)).toMatch(refused);
    }
  });

  it('a split line to another platform\'s payout merchant after one deactivated since is refused', () => {
    // pm1 deactivated since: the engine took the session while it was active.
    const pm1Gone: LedgerConfig = { ...CONFIG, merchants: CONFIG.merchants.map((merchant) => (merchant.id === 'pm1' ? { ...merchant, status: 'deactivated' as const } : merchant)) };
    const entries = sessionJournal();
    expect(replayOutcome(entries, pm1Gone)).toBe('accepted');
    entries[0]!.changes[0]!['session'].split[1].submerchantId = 'px'; // bazaar's
    expect(replayOutcome(entries, CONFIG)).toMatch(refused);
    expect(replayOutcome(entries, pm1Gone)).toMatch(refused);
  });

  it('in the live book, a session of a platform not approved since is still re-decided', () => {
    const approved = mart({ approved: true }, 'live');
    const entries = sessionJournal(approved);
    expect(replayOutcome(entries, mart({ approved: false }, 'live'))).toBe('accepted');
    entries[0]!.changes[0]!['session'].returnUrl = 'javascript:alert(1)';
    expect(replayOutcome(entries, mart({ approved: false }, 'live'))).toMatch(refused);
  });
});
