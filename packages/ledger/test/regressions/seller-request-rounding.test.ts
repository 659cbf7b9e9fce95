import { createLedger, merchantRecords, type Command } from '@kanjo/ledger';
import { expect, it } from 'vitest';
const PM = { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } };
function ledger() { const c = createLedger({ merchants: [
  { id: 'plt', type: 'platform', business: 'platform', paymentMethods: PM }, { id: 's1', type: 'seller', platform: 'plt' },
  { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PM }, { id: 'pm1', type: 'payout', platform: 'mart' } ] }); if (!c.ok) throw new Error(c.error.code); return c.value; }
const bank = { customerName: 'ヤマダ', bankName: 'b', bankCode: '0117', branchName: 'b', branchNumber: '921', accountType: 'ordinary', accountNumber: '1' };
it('seller model: after a rejected refund request the platform\'s cumulative part stays within half a unit', () => {
  const l = ledger();
  const run = (c: Command) => { const r = l.execute(c); if (!r.ok) throw new Error(r.error.code); return r; };
  run({ op: 'payment.create', id: 'fund', merchant: 'plt', as: 's1', amount: 100000, currency: 'JPY', paymentType: 'credit_card', platformAmount: 100000, platformMerchant: 'plt' });
  run({ op: 'payment.create', id: 'k', merchant: 'plt', as: 's1', amount: 3, currency: 'JPY', paymentType: 'konbini', platformAmount: 1, platformMerchant: 'plt' });
  run({ op: 'payment.capture', payment: 'k' });
  run({ op: 'payment.refund_request', id: 'r1', payment: 'k', amount: 1, includePaymentMethodFee: false, bankAccount: bank });
  run({ op: 'payment.refund_request', id: 'r2', payment: 'k', amount: 1, includePaymentMethodFee: false, bankAccount: bank });
  // console.log('r1', JSON.stringify(l.state.refundRequests.get('r1')?.parts), 'r2', JSON.stringify(l.state.refundRequests.get('r2')?.parts));
  run({ op: 'refund_request.reject', refundRequest: 'r1' });
  run({ op: 'refund_request.complete', refundRequest: 'r2' });
  // console.log('refunded after R=1', JSON.stringify(l.state.payments.get('k')?.refunded));
  expect(l.state.payments.get('k')?.refunded.platform).toBe(0); // round(1 × 1/3) = 0
});
