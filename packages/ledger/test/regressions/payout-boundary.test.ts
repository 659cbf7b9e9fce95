import { createLedger, merchantRecords, type Command } from '@kanjo/ledger';
import { expect, it } from 'vitest';
const config = { merchants: [
  { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' } ] } as const;
const pay = (id: string, at: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], at });
it('a posting at exactly 00:00 Saturday (+09:00) belongs to the new week, not the period that ended', () => {
  const created = createLedger(config as never); if (!created.ok) throw new Error();
  const ledger = created.value;
  for (const command of [
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
    pay('in', '2026-01-09T23:59:59+09:00'),
    pay('out', '2026-01-10T00:00:00+09:00'),
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
  ] as Command[]) expect(ledger.execute(command).ok).toBe(true);
  const paid = merchantRecords(ledger.journal).filter((r) => r.type === 'Payout').map((r) => r.debit);
  expect(paid).toEqual([1000]); // only 'in' belongs to the week 3–9 January
});
