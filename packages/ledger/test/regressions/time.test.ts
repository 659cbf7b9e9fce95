import { createLedger, type Command } from '@kanjo/ledger';
import { expect, it } from 'vitest';
const config = { merchants: [
  { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' } ] } as const;
const pay = (id: string, at: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], at });
function ledger() { const created = createLedger(config as never); if (!created.ok) throw new Error(); return created.value; }
it('a date that does not exist (30 February) is time_invalid, not rolled over to 2 March', () => {
  const result = ledger().execute(pay('p', '2026-02-30T10:00:00Z'));
  expect(result.ok ? result.entry?.at : result.error.code).toBe('time_invalid');
});
it('every accepted command moves the clock, even one that posts nothing', () => {
  const l = ledger();
  expect(l.execute({ op: 'settlement.run', date: '2026-02-01', at: '2026-02-01T12:00:00+09:00' }).ok).toBe(true);
  const result = l.execute(pay('p', '2026-01-01T00:00:00+09:00'));
  expect(result.ok ? 'accepted' : result.error.code).toBe('time_out_of_order');
});
it('an idempotency key first used by a command that posts nothing is still taken', () => {
  const l = ledger();
  expect(l.execute({ op: 'settlement.run', date: '2026-02-01', idempotencyKey: 'K' }).ok).toBe(true);
  const other = l.execute({ ...pay('p', '2026-02-02T00:00:00Z'), idempotencyKey: 'K' });
  expect(other.ok ? 'accepted' : other.error.code).toBe('idempotency_key_reused');
});
