import { describe, expect, it } from 'vitest';
import type { Command } from '@kanjo/ledger';
import { refundRequest, sellerPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome } from '../support/raw-journal.js';

// Refund parts list every party of the payment, a party that gives nothing with 0. Replay took
// parts that listed no sub-merchant at all (found 2026-12-02): the rebuilt ledger then
// re-estimated such a request with every party, as the engine does, and a replay of its own
// journal refused that re-estimate.
describe('refund parts list every party of the payment', () => {
  // The seed's ¥50,000 card payment funds plt; then a ¥1,000 seller-model Konbini payment of s1
  // with ¥900 to plt, and two requests of ¥1, each taken from plt alone (s1's part is 0).
  const REQUESTS: readonly Command[] = [
    sellerPayment('sp_1'),
    sellerPayment('skb', { amount: 1000, platformAmount: 900, paymentType: 'konbini' }),
    { op: 'payment.capture', payment: 'skb' },
    refundRequest({ id: 'r1', payment: 'skb', amount: 1 }),
    refundRequest({ id: 'r2', payment: 'skb', amount: 1 }),
  ];

  it('a request s1 gives nothing to lists s1 with 0, and replays', () => {
    const journal = rawJournalOf(REQUESTS);
    expect(journal[3]?.changes[0]?.request.parts).toEqual({ platform: 1, submerchants: [{ submerchantId: 's1', amount: 0 }] });
    expect(replayOutcome(journal)).toBe('accepted');
  });

  it('the same parts without s1 are refused', () => {
    const journal = rawJournalOf(REQUESTS);
    journal[3]!.changes[0]!.request.parts.submerchants = [];
    expect(replayOutcome(journal)).toBe('journal_entry_inapplicable: entry 4 cannot be applied: refund request r1 made with parties "" instead of "s1"');
  });
});
