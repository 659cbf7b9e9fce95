import { createLedger, type Command } from '@kanjo/ledger';
import { expect, it } from 'vitest';
it('refund_request.updated of a session payment carries the session id', () => {
  const c = createLedger({ merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } } },
    { id: 'pm1', type: 'payout', platform: 'mart' } ] });
  if (!c.ok) throw new Error();
  const l = c.value;
  const run = (command: Command) => { const r = l.execute(command); if (!r.ok) throw new Error(r.error.code); return r; };
  run({ op: 'payment.create', id: 'fund', merchant: 'mart', amount: 5000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 5000 }] });
  run({ op: 'session.create', id: 'ses', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['konbini'], returnUrl: 'https://shop.example/r', capture: 'auto', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] });
  run({ op: 'session.complete', session: 'ses', payment: 'kb', paymentType: 'konbini' });
  run({ op: 'payment.capture', payment: 'kb' });
  const created = run({ op: 'payment.refund_request', id: 'rq', payment: 'kb', includePaymentMethodFee: false,
    bankAccount: { customerName: 'ヤマダ', bankName: 'b', bankCode: '0117', branchName: 'b', branchNumber: '921', accountType: 'ordinary', accountNumber: '1' } });
  const completed = run({ op: 'refund_request.complete', refundRequest: 'rq' });
  // DOMAIN.md lifecycle: "Events of a payment that came from a session carry the session id."
  for (const event of [...created.events, ...completed.events]) expect({ type: event.type, session: event.session }).toEqual({ type: event.type, session: 'ses' });
});
