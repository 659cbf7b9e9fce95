import { replayJournal, type Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, sellerPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// A payout pays what the balance held at the period's end (DOMAIN.md "Payouts").
// decideRunSettlement works that balance out backwards from the balance now, undoing each
// later posting in turn. The undo of a seller-model refund takes back the Refund debit before
// the Platform Fee Return deposit, so for a moment the figure stands at the balance before the
// refund plus the platform's part: past 2^53 here, where a double rounds an odd number. s1
// held exactly ¥1,001 at the end of the week of 2026-01-03, and the run paid it ¥1,002, which
// replay (keeping its totals exactly) refused. The figure is now exact past 2^53 too.

describe('a run pays exactly what the balance held, even when undoing a later refund passes 2^53 mid-entry', () => {
  // sp1 (¥1,000, ¥100 to the platform) and sp2 fill s1 up to 2^53 − 13 after the week ended;
  // sp3 tops up plt for the fees; the full refund of sp1 returns ¥100 to s1 from plt.
  const commands: readonly Command[] = [
    { op: 'payout_settings.update', merchant: 'plt', target: 's1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
    sellerPayment('sp0', { amount: 1001, platformAmount: 0, at: '2026-01-05T10:00:00+09:00' }),
    sellerPayment('sp1', { amount: 1000, platformAmount: 100, at: '2026-01-10T10:00:00+09:00' }),
    sellerPayment('sp2', { amount: 2 ** 53 - 13 - 1901, platformAmount: 0, at: '2026-01-10T11:00:00+09:00' }),
    sellerPayment('sp3', { as: 's2', amount: 1e15, platformAmount: 1e15, at: '2026-01-10T12:00:00+09:00' }),
    { op: 'payment.refund', payment: 'sp1', at: '2026-01-12T10:00:00+09:00' },
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
  ];

  it('the run pays s1 the ¥1,001 it held at the end of the week', () => {
    const run = ledgerAfter(commands).journal.at(-1);
    expect(run?.changes).toEqual([{ kind: 'payout_period_settled', merchant: 's1', currency: 'JPY', periodStart: '2026-01-03', periodEnd: '2026-01-09', amount: 1001 }]);
  });

  it('the engine\'s journal replays', () => {
    const replayed = replayJournal(CONFIG, ledgerAfter(commands).journal);
    expect(replayed.ok ? 'replayed' : replayed.error.message).toBe('replayed');
  });
});
