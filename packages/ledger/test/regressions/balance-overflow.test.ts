import { createLedger, postedBalance, type Command } from '@kanjo/ledger';
import { expect, it } from 'vitest';
it('a balance that would pass MAX_SAFE_INTEGER is rejected with balance_overflow, not rounded', () => {
  const c = createLedger({ merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' } ] });
  if (!c.ok) throw new Error();
  const l = c.value;
  const pay = (id: string, amount: number): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount, platformFee: 0 }] });
  expect(l.execute(pay('a', Number.MAX_SAFE_INTEGER)).ok).toBe(true);
  const second = l.execute(pay('b', 2));
  // DOMAIN.md "Money": an amount whose sum overflows is rejected with a clear error.
  expect({ code: second.ok ? 'accepted' : second.error.code, balance: postedBalance(l.state, 'pm1', 'JPY') }).toEqual({ code: 'balance_overflow', balance: Number.MAX_SAFE_INTEGER });
});
