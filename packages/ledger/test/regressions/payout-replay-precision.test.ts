import { JournalReplay, replayJournal, type Command, type CreatePaymentCommand, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG } from '../support/fixtures.js';
import { ledgerAfter, newLedger } from '../support/ledger-harness.js';

// Found by the payout replay properties (payout-replay-properties.test.ts): replay kept what a
// balance had earned (posted plus everything ever paid out) as a plain number. A balance is
// never past 2^53 − 1, but what it earns over time is: once that total passed 2^53 the marks
// rounded, the balance at a period's end came out a unit off, and replay refused the payout
// the engine had written (and would have taken one a unit off instead).

/** A card payment of mart all to pm1 (no platform fee), at `at`. */
function paymentToPm1(id: string, amount: number, at: string): CreatePaymentCommand {
  return { op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', capture: true, split: [{ submerchantId: 'pm1', amount, platformFee: 0 }], at };
}

describe('a payout replays when what the balance earned over time passes 2^53', () => {
  // pm1 is paid weekly. It earns 5,000,000,000,000,001 in the week of 2026-01-03, paid on the
  // 16th; then 5,000,000,000,000,002 in the week of 2026-01-17, paid on the 30th. Earned in
  // all: 10,000,000,000,000,003, past 2^53 and odd, so no double holds it. The ¥10 payment on
  // the 26th comes after the second week ended, so the second run reads the period's end from
  // the day starts, not from the balance now.
  const commands: readonly Command[] = [
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
    paymentToPm1('p1', 5_000_000_000_000_001, '2026-01-05T10:00:00+09:00'),
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
    paymentToPm1('p2', 5_000_000_000_000_002, '2026-01-19T10:00:00+09:00'),
    paymentToPm1('p3', 10, '2026-01-26T10:00:00+09:00'),
    { op: 'settlement.run', date: '2026-01-30', at: '2026-01-30T12:00:00+09:00' },
  ];
  const journal = ledgerAfter(commands).journal;
  const payout = (entry: Entry | undefined): unknown => entry?.changes.find((change) => change.kind === 'payout_period_settled');

  it('the engine pays the second week exactly what pm1 held at its end', () => {
    expect(payout(journal[2])).toMatchObject({ periodEnd: '2026-01-09', amount: 5_000_000_000_000_001 });
    expect(payout(journal[5])).toMatchObject({ periodEnd: '2026-01-23', amount: 5_000_000_000_000_002 });
  });

  it('its journal replays in one call and streamed', () => {
    const replayed = replayJournal(CONFIG, journal);
    expect(replayed.ok ? 'replayed' : replayed.error.message).toBe('replayed');
    const streamed = new JournalReplay(newLedger(), false);
    for (const entry of journal) expect(streamed.add(entry)).toEqual({ ok: true, value: undefined });
    expect(streamed.ledger.state.balances.get('pm1')?.get('JPY')).toBe(10);
  });

  it('the second payout a unit more or less is refused', () => {
    for (const amount of [5_000_000_000_000_001, 5_000_000_000_000_003]) {
      const run = journal[5] as Entry;
      const edited: Entry = {
        ...run,
        changes: run.changes.map((change) => (change.kind === 'payout_period_settled' ? { ...change, amount } : change)),
        postings: run.postings.map((posting) => ({ ...posting, amount: Math.sign(posting.amount) * amount })),
      };
      const replayed = replayJournal(CONFIG, [...journal.slice(0, 5), edited]);
      expect(replayed.ok ? 'replayed' : replayed.error.code, `a payout of ${amount}`).toBe('journal_entry_inapplicable');
    }
  });
});
