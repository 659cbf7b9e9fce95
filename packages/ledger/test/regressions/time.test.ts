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
// ISO 8601's basic format and its decimal comma (SCENARIO.md: "an ISO 8601 time"; found by the
// scenario grammar properties, 2026-12-02): read as the extended format with a point is.
it.each([
  ['20260401T100000Z', '2026-04-01T10:00:00.000Z'],
  ['20260401T1000+0900', '2026-04-01T01:00:00.000Z'],
  ['20260401T100000.25-0130', '2026-04-01T11:30:00.250Z'],
  ['20260401T100000,5+09', '2026-04-01T01:00:00.500Z'],
  ['2026-04-01T10:00:00,123456789Z', '2026-04-01T10:00:00.123Z'],
])('%s is the instant %s', (at, instant) => {
  const result = ledger().execute(pay('p', at));
  expect(result.ok ? result.entry.at : result.error.code).toBe(instant);
});
it.each(['20260230T100000Z', '20260401T240000Z', '20260401T10:00:00Z', '2026-04-01T100000Z', '20260401T100000', '20260401T10Z', '2026-04-01T10:00:00,Z'])('%s is time_invalid', (at) => {
  const result = ledger().execute(pay('p', at));
  expect(result.ok ? result.entry.at : result.error.code).toBe('time_invalid');
});
