import { paymentView } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, marketplaceSession, sellerPayment } from './support/fixtures.js';
import { appended, balances, ledgerAfter, rejected, rowsOf } from './support/ledger-harness.js';

describe('chargebacks (DOMAIN.md "Chargeback", seller model [decided])', () => {
  it('marketplace: the platform alone bears the whole payment, into a negative balance; sub-merchants keep their shares', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const entry = appended(ledger, { op: 'payment.chargeback', payment: 'pay_1' });
    expect(rowsOf(entry)).toEqual([{ merchant: 'mart', type: 'Chargeback', deposit: 0, debit: 1000 }]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60 - 1000, pm1: 630, pm2: 270 });
    expect(entry.events).toEqual([
      { type: 'payment.refund.created', payment: 'pay_1', amount: 1000, currency: 'JPY' },
      { type: 'payment.refunded', payment: 'pay_1' },
    ]);
    const payment = ledger.state.payments.get('pay_1');
    expect(payment && paymentView(payment)).toEqual({ status: 'refunded', amount: 1000, captured_amount: 1000, refunded_amount: 1000, currency: 'JPY' });
    // README ("kanjo run"): the view's refunded_amount adds the chargeback; the state keeps them apart.
    expect(payment && { refundedAmount: payment.refundedAmount, chargebackAmount: payment.chargebackAmount }).toEqual({ refundedAmount: 0, chargebackAmount: 1000 });
  });

  it('after a partial refund, only what is not yet refunded is charged back', () => {
    const ledger = ledgerAfter([
      goldenPayment(),
      { op: 'payment.refund', payment: 'pay_1', amount: 900, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 30 }, { submerchantId: 'pm2', amount: 250, platformFee: 20 }] },
    ]);
    const entry = appended(ledger, { op: 'payment.chargeback', payment: 'pay_1' });
    expect(rowsOf(entry)).toEqual([{ merchant: 'mart', type: 'Chargeback', deposit: 0, debit: 100 }]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 10 - 100, pm1: 30, pm2: 20 });
    expect(ledger.state.payments.get('pay_1')).toMatchObject({ status: 'refunded', refundedAmount: 900, chargebackAmount: 100 });
  });

  it('seller model: the seller (the processing merchant) bears it', () => {
    const ledger = ledgerAfter([sellerPayment()]);
    const entry = appended(ledger, { op: 'payment.chargeback', payment: 'sp_1' });
    expect(rowsOf(entry)).toEqual([{ merchant: 's1', type: 'Chargeback', deposit: 0, debit: 50_000 }]);
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 45_000 - 50_000, plt: 3_020 });
  });

  it('Konbini has no card disputes: chargeback_not_supported; PayPay neither', () => {
    const konbini = ledgerAfter([konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' }]);
    rejected(konbini, { op: 'payment.chargeback', payment: 'kb_1' }, 'chargeback_not_supported');
    const paypay = ledgerAfter([goldenPayment('pp', { paymentType: 'paypay' })]);
    rejected(paypay, { op: 'payment.chargeback', payment: 'pp' }, 'chargeback_not_supported');
  });

  it('nothing after a chargeback: no second chargeback, no refund', () => {
    const ledger = ledgerAfter([goldenPayment(), { op: 'payment.chargeback', payment: 'pay_1' }]);
    expect(rejected(ledger, { op: 'payment.chargeback', payment: 'pay_1' }, 'payment_already_refunded')).toBe('payment pay_1 was charged back: nothing is left to give back');
    expect(rejected(ledger, { op: 'payment.refund', payment: 'pay_1' }, 'payment_already_refunded')).toBe('payment pay_1 was charged back: nothing is left to give back');
  });

  it('a payment refunded in full says so, not that it was charged back', () => {
    // A second payment first: the platform pays the refund's fee out of its balance.
    const ledger = ledgerAfter([goldenPayment('pay_0'), goldenPayment(), { op: 'payment.refund', payment: 'pay_1' }]);
    expect(rejected(ledger, { op: 'payment.chargeback', payment: 'pay_1' }, 'payment_already_refunded')).toBe('payment pay_1 is already fully refunded: nothing is left to give back');
  });

  it('an authorized payment cannot be charged back', () => {
    const ledger = ledgerAfter([{ ...goldenPayment('auth', { capture: false }), split: [] }]);
    rejected(ledger, { op: 'payment.chargeback', payment: 'auth' }, 'payment_not_captured');
  });

  it('a chargeback of a session payment carries the session id in its events', () => {
    const ledger = ledgerAfter([
      marketplaceSession('ses', { paymentTypes: ['credit_card'], split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] }),
      { op: 'session.complete', session: 'ses', payment: 'sp', paymentType: 'credit_card' },
    ]);
    const entry = appended(ledger, { op: 'payment.chargeback', payment: 'sp' });
    expect(entry.events).toEqual([
      { type: 'payment.refund.created', payment: 'sp', amount: 1000, currency: 'JPY', session: 'ses' },
      { type: 'payment.refunded', payment: 'sp', session: 'ses' },
    ]);
  });
});
