import type { Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { konbiniPayment, sellerPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Review finding: a Konbini payment created with capture: true (its split given at creation,
// seed 001) could be captured with another split, moving the money to other payout merchants.
// The engine now refuses that (split_fixed_at_creation, captures.test.ts); replay refuses a
// journal in which it happened, as an earlier Kanjo could write it.

const journalOf = (commands: readonly Command[]): RawEntry[] => rawJournalOf(commands);
const replayed = (entries: readonly RawEntry[]): string => replayOutcome(entries);

const PAID_AGAIN: Command[] = [konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' }];

describe('replay: a payment that took its split at creation is captured with that split', () => {
  const PAID: Command[] = [konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' }];

  it('control: the faithful journal replays', () => {
    expect(replayed(journalOf(PAID))).toBe('accepted');
  });

  it('the creation split pm1 5000 (fee 500) with a capture that split to pm2 instead is refused at the capture', () => {
    const journal = journalOf(PAID);
    // As an earlier Kanjo wrote a capture with another split: the creation says pm2 took 5000
    // with no fee, the capture (and its postings) pm1 5000 with fee 500.
    journal[0]!.changes[0]!.payment.pendingSplit = [{ submerchantId: 'pm2', amount: 5000, platformFee: 0 }];
    expect(replayed(journal)).toBe(
      'journal_entry_inapplicable: entry 2 cannot be applied: payment kb_1 took its split at creation, but is captured with another (pm1 5000 (fee 500) instead of pm2 5000 (fee 0))',
    );
  });

  it('a seller-model payment that took its platform amount 5000 at creation, captured with 45000, is refused at the capture', () => {
    const journal = journalOf([sellerPayment('sk', { paymentType: 'konbini' }), { op: 'payment.capture', payment: 'sk' }]);
    expect(replayed(journal)).toBe('accepted');
    // As an earlier Kanjo let the capture restate it: the creation said 45000 was fixed.
    journal[0]!.changes[0]!.payment.platformAmount = 45_000;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: payment sk took its platform amount 45000 at creation, but is captured with 5000');
  });
});
