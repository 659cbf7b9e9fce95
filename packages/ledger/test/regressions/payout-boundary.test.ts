import { createLedger, merchantRecords, type Command } from '@kanjo/ledger';
import { expect, it } from 'vitest';
const config = { merchants: [
  { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' } ] } as const;
const pay = (id: string, at: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], at });
/** A ledger of this configuration after `commands`, every one accepted. */
function ledgerAfter(commands: readonly object[]) {
  const created = createLedger(config as never);
  if (!created.ok) throw new Error(created.error.message);
  for (const command of commands) expect(created.value.execute(command as Command).ok).toBe(true);
  return created.value;
}

it('a posting at exactly 00:00 Saturday (+09:00) belongs to the new week, not the period that ended', () => {
  const ledger = ledgerAfter([
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
    pay('in', '2026-01-09T23:59:59+09:00'),
    pay('out', '2026-01-10T00:00:00+09:00'),
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
  ]);
  const paid = merchantRecords(ledger.journal).filter((r) => r.type === 'Payout').map((r) => r.debit);
  expect(paid).toEqual([1000]); // only 'in' belongs to the week 3–9 January
});

it('a run dated the last millisecond of the period it would pay is rejected; one dated the first instant after it pays', () => {
  const ledger = ledgerAfter([
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
    pay('in', '2026-01-09T23:00:00+09:00'),
  ]);
  // Friday 16 January pays the week 3–9 January (+09:00), which ends at 00:00 on the 10th.
  const early = ledger.execute({ op: 'settlement.run', date: '2026-01-16', at: '2026-01-09T23:59:59.999+09:00' });
  expect(early.ok ? 'accepted' : early.error.code).toBe('settlement_period_not_ended');
  const onTime = ledger.execute({ op: 'settlement.run', date: '2026-01-16', at: '2026-01-10T00:00:00+09:00' });
  expect(onTime.ok ? 'accepted' : onTime.error.code).toBe('accepted');
  expect(merchantRecords(ledger.journal).filter((r) => r.type === 'Payout').map((r) => r.debit)).toEqual([1000]);
});
