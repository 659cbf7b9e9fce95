import { createLedger, merchantRecords, type Command } from '@kanjo/ledger';
import { expect, it } from 'vitest';
it('a monthly period is paid even when a weekly period with the same first day was settled', () => {
  const c = createLedger({ merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' } ] });
  if (!c.ok) throw new Error();
  const l = c.value;
  const pay = (id: string, at: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], at });
  for (const command of [
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-08-01T00:00:00+09:00' },
    pay('a', '2026-08-03T10:00:00+09:00'),                        // week Sat 1 – Fri 7 August
    { op: 'settlement.run', date: '2026-08-14', at: '2026-08-14T12:00:00+09:00' }, // pays 1000 for 1–7 Aug
    pay('b', '2026-08-17T10:00:00+09:00'), // 17 August
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'monthly', minimumAmount: 0, at: '2026-08-20T00:00:00+09:00' },
    { op: 'settlement.run', date: '2026-09-30', at: '2026-09-30T12:00:00+09:00' }, // monthly: August (1–31 Aug), never paid as a month
  ] as Command[]) { const r = l.execute(command); if (!r.ok) throw new Error(r.error.code); }
  const payouts = merchantRecords(l.journal).filter((r) => r.type === 'Payout').map((r) => [r.at.slice(0, 10), r.debit]);
  expect(payouts).toEqual([['2026-08-14', 1000], ['2026-09-30', 1000]]);
});
