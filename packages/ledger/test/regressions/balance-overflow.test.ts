import { createLedger, postedBalance, type Command, type Ledger } from '@kanjo/ledger';
import { expect, it } from 'vitest';

/** A marketplace with no fees and one payout merchant: every yen of a payment reaches pm1. */
function feelessLedger(): Ledger {
  const c = createLedger({ merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' } ] });
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
}
const pay = (id: string, amount: number): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount, platformFee: 0 }] });

it('a balance that would pass MAX_SAFE_INTEGER is rejected with balance_overflow, not rounded', () => {
  const l = feelessLedger();
  expect(l.execute(pay('a', Number.MAX_SAFE_INTEGER)).ok).toBe(true);
  const second = l.execute(pay('b', 2));
  // DOMAIN.md "Money": an amount whose sum overflows is rejected with a clear error.
  expect({ code: second.ok ? 'accepted' : second.error.code, balance: postedBalance(l.state, 'pm1', 'JPY') }).toEqual({ code: 'balance_overflow', balance: Number.MAX_SAFE_INTEGER });
});

it('a balance built up by ordinary entries is still caught at the limit (the overflow check does not skip it)', () => {
  const l = feelessLedger();
  // 2^49 a payment: each entry moves 2^51 in all, far from the limit by itself.
  const amount = 2 ** 49;
  const codes: string[] = [];
  for (let index = 0; index < 16; index += 1) {
    const result = l.execute(pay(`p${index}`, amount));
    codes.push(result.ok ? 'accepted' : result.error.code);
  }
  // Fifteen fit (15 × 2^49 < 2^53 − 1); the sixteenth would make pm1's balance exactly 2^53.
  expect({ codes, balance: postedBalance(l.state, 'pm1', 'JPY') }).toEqual({ codes: [...Array<string>(15).fill('accepted'), 'balance_overflow'], balance: 15 * amount });
});

it('a balance that would pass −MAX_SAFE_INTEGER is rejected with balance_overflow too (chargebacks may take a platform negative, not out of range)', () => {
  const c = createLedger({ merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' } ] });
  if (!c.ok) throw new Error(c.error.message);
  const l = c.value;
  const payTo = (id: string, submerchantId: string, amount: number): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId, amount, platformFee: 0 }] });
  // Everything goes to the payout merchants; each chargeback is debited from the platform alone.
  expect(l.execute(payTo('a', 'pm1', Number.MAX_SAFE_INTEGER)).ok).toBe(true);
  expect(l.execute({ op: 'payment.chargeback', payment: 'a' }).ok).toBe(true);
  expect(l.execute(payTo('b', 'pm2', 1)).ok).toBe(true);
  const overflow = l.execute({ op: 'payment.chargeback', payment: 'b' });
  expect({ code: overflow.ok ? 'accepted' : overflow.error.code, balance: postedBalance(l.state, 'mart', 'JPY') }).toEqual({ code: 'balance_overflow', balance: -Number.MAX_SAFE_INTEGER });
});
