import type { Command, LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// The replay of a settlement run checked each payout against the run's earlier payouts and each
// party's money by walking lists: quadratic in the run's payouts (20,000 took 3.6 s to replay,
// 100,000 about 335 s; found 2026-12-02 by the scale tests). Sets and an index past 16 parties
// made it linear. These pin that the checks still refuse what they refused, past 16 parties.

const MERCHANTS = 40;
const ids = Array.from({ length: MERCHANTS }, (_, index) => `pm${index}`);
const config: LedgerConfig = {
  merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }, ...ids.map((id) => ({ id, type: 'payout' as const, platform: 'mart' }))],
};
/** Weekly settings for every merchant, one ¥40,000 payment giving each ¥900 + its index, then the run paying all 40. */
const commands: readonly Command[] = [
  ...ids.map((id): Command => ({ op: 'payout_settings.update', merchant: 'mart', target: id, currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' })),
  {
    op: 'payment.create',
    id: 'p',
    merchant: 'mart',
    amount: 40_000 + (MERCHANTS * (MERCHANTS - 1)) / 2,
    currency: 'JPY',
    paymentType: 'credit_card',
    split: ids.map((id, index) => ({ submerchantId: id, amount: 1000 + index, platformFee: 100 })),
    at: '2026-01-05T10:00:00+09:00',
  },
  { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
];
const RUN = MERCHANTS + 2;

/** The faithful journal with the run's entry edited. */
function withRun(edit: (run: RawEntry) => void): RawEntry[] {
  const journal = rawJournalOf(commands, config);
  edit(journal[RUN - 1] as RawEntry);
  return journal;
}

describe('a settlement run of 40 payouts, replayed', () => {
  it('the faithful journal replays, each of the 40 paid its ¥900 + index', () => {
    const journal = rawJournalOf(commands, config);
    const run = journal[RUN - 1] as RawEntry;
    expect(run.changes.map((change) => [change['merchant'], change['amount']])).toEqual(
      [...ids].sort().map((id) => [id, 900 + Number(id.slice(2))]),
    );
    expect(replayOutcome(journal, config)).toBe('accepted');
  });

  it('two payouts whose postings were swapped (pm3 and pm30, past the 16th party) are refused', () => {
    const journal = withRun((run) => {
      const posting = (merchant: string) => run.postings.find((candidate) => candidate['merchant'] === merchant) as Record<string, unknown>;
      const [three, thirty] = [posting('pm3'), posting('pm30')];
      [three['amount'], thirty['amount']] = [thirty['amount'], three['amount']];
    });
    expect(replayOutcome(journal, config)).toBe(
      'journal_entry_inapplicable: entry 42 cannot be applied: it moves -930 JPY for pm3, but its changes move -903 JPY for it',
    );
  });

  it('a period paid twice in one run (pm25 again, as the last payout) is refused as already settled', () => {
    const journal = withRun((run) => {
      const again = { ...(run.changes.find((change) => change['merchant'] === 'pm25') as Record<string, unknown>), amount: 0 };
      run.changes.push(again);
    });
    expect(replayOutcome(journal, config)).toBe('journal_entry_inapplicable: entry 42 cannot be applied: the period 2026-01-03 to 2026-01-09 of pm25 in JPY is already settled');
  });

  it('a payout past what the run left available after the same merchant\'s earlier payout is refused', () => {
    const journal = withRun((run) => {
      // A second period of pm39 paid in the same run: the week before, when it held nothing.
      run.changes.push({ kind: 'payout_period_settled', merchant: 'pm39', currency: 'JPY', periodStart: '2025-12-27', periodEnd: '2026-01-02', amount: 939 });
      run.postings.push({ account: 'Liabilities:Merchants:pm39', currency: 'JPY', amount: 939, recordType: 'Payout', merchant: 'pm39' });
      run.postings.push({ account: 'Assets:Bank:Payouts', currency: 'JPY', amount: -939, recordType: 'Payout' });
    });
    // pm39's first payout took all it had: the run had nothing left for it.
    expect(replayOutcome(journal, config)).toBe('journal_entry_inapplicable: entry 42 cannot be applied: payout of 939 JPY to pm39, which has 0 available: a run pays no more');
  });
});
