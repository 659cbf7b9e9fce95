import { createLedger, JournalReplay, postedBalance, type Entry } from '@kanjo/ledger';
import { expect, it } from 'vitest';
it('JournalReplay.add folds nothing of an entry it rejects as inapplicable', () => {
  const created = createLedger({ merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } } ] });
  if (!created.ok) throw new Error();
  const replay = new JournalReplay(created.value);
  const orphan: Entry = { seq: 1, at: '2026-01-01T00:00:00.000Z', command: { op: 'payment.cancel' }, changes: [{ kind: 'payment_cancelled', payment: 'nowhere' }],
    postings: [ { account: 'Assets:Receivable:Customers', currency: 'JPY', amount: 500, recordType: 'Payment' },
                { account: 'Liabilities:Merchants:mart', merchant: 'mart', currency: 'JPY', amount: -500, recordType: 'Payment' } ], events: [] };
  const added = replay.add(orphan);
  expect(added.ok ? 'ok' : added.error.code).toBe('journal_entry_inapplicable');
  // "Applies the next entry, or names what is wrong with it (nothing is applied then)."
  expect(postedBalance(replay.ledger.state, 'mart', 'JPY')).toBe(0);
});
