import { replayJournal, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, marketplaceSession, sellerPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Review 142: fields the engine never writes, edited into a creation, replayed with the same
// balances but reached the rebuilt state: a marketplace payment with `seller: "pm1"`, a
// cancelled session with `payment: "p1"` (a payment it never made). README "Creations": a
// marketplace payment keeps no seller; a session's payment is set by its completion.

function replayedState(journal: readonly RawEntry[]) {
  const result = replayJournal(CONFIG, journal as unknown as Entry[]);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value.state;
}

describe('a field edited into a creation does not reach the rebuilt state', () => {
  it('a marketplace payment whose creation names a seller replays as one with none', () => {
    const journal = rawJournalOf([goldenPayment('p1')]);
    journal[0]!.changes[0]!['payment'].seller = 'pm1';
    expect(replayedState(journal).payments.get('p1')?.seller).toBeUndefined();
    expect(replayedState(rawJournalOf([sellerPayment('sp')])).payments.get('sp')?.seller).toBe('s1');
  });

  it('a created session carrying a payment is journal_entry_malformed', () => {
    const journal = rawJournalOf([goldenPayment('p1'), marketplaceSession('ses'), { op: 'session.cancel', session: 'ses' }]);
    expect(replayOutcome(journal)).toBe('accepted');
    journal[1]!.changes[0]!['session'].payment = 'p1';
    expect(replayOutcome(journal)).toBe('journal_entry_malformed: entry 2: session_created needs session of the right type (session)');
  });
});

// Review 142: a message printed `undefined` where a field was missing.
describe('a missing payment or seller is named as missing', () => {
  it('a seller-model payment without its seller', () => {
    const journal = rawJournalOf([sellerPayment('sp')]);
    delete journal[0]!.changes[0]!['payment'].seller;
    expect(replayOutcome(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: seller-model payment sp names no seller');
  });

  it('a payment change in an entry that names no payment', () => {
    const journal = rawJournalOf([goldenPayment('p1')]) as (RawEntry & { payment: unknown })[];
    journal[0]!.payment = null;
    expect(replayOutcome(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: a payment_created change names payment p1, but the entry names no payment (its payment field)');
  });
});
