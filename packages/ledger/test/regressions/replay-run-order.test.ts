import { describe, expect, it } from 'vitest';
import type { Command } from '@kanjo/ledger';
import { goldenPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome } from '../support/raw-journal.js';

// A settlement run settles by merchant, then currency, then period, oldest first. Replay took
// the payouts of a run in any order (found 2026-12-02 by reordering the lists of exported
// entries): nothing the engine writes, and every export then listed them so.
describe('a settlement run\'s payouts are in the order the engine settles them', () => {
  // pm1 and pm2 paid weekly, then the seeds' ¥1,000 payment in the week of 2026-01-03 to 01-09,
  // paid on the run of Friday 2026-01-16: pm1 630, pm2 270.
  const RUN: readonly Command[] = [
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
    goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
  ];

  it('the faithful run settles pm1 and then pm2, and replays', () => {
    const journal = rawJournalOf(RUN);
    expect(journal[3]?.changes.map((change) => [change.merchant, change.periodStart, change.amount])).toEqual([
      ['pm1', '2026-01-03', 630],
      ['pm2', '2026-01-03', 270],
    ]);
    expect(replayOutcome(journal)).toBe('accepted');
  });

  it('the same payouts in another order are refused', () => {
    const journal = rawJournalOf(RUN);
    const run = journal[3]!;
    run.changes.reverse();
    run.postings = [...run.postings.slice(2), ...run.postings.slice(0, 2)];
    (run as unknown as { events: unknown[] }).events.reverse();
    expect(replayOutcome(journal)).toBe(
      'journal_entry_inapplicable: entry 4 cannot be applied: the run settles pm1 in JPY for 2026-01-03 to 2026-01-09 after pm2 in JPY for 2026-01-03 to 2026-01-09: a run goes by merchant, then currency, then period',
    );
  });
});
