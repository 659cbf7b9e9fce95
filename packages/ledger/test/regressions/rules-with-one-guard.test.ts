import type { Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { marketplaceSession, sellerPayment } from '../support/fixtures.js';
import { accepted, newLedger, rejected, rowsOf } from '../support/ledger-harness.js';

// Review 200 went through DOMAIN.md rule by rule and found some rules guarded by one test only,
// deep in a long scenario. These guard them directly, with amounts worked out by hand.

describe('Seller Processing Model: a refund returns the platform fee in proportion to the captured amount', () => {
  it('¥1,000 authorized with platform_amount 100, ¥500 captured, ¥100 refunded: the Platform Fee Return is 100 × 100 / 500 = 20, not 100 × 100 / 1,000 = 10', () => {
    const ledger = newLedger();
    accepted(ledger, sellerPayment('sp_1', { amount: 1000, platformAmount: 100, capture: false }));
    expect(rowsOf(accepted(ledger, { op: 'payment.capture', payment: 'sp_1', amount: 500 } as Command).entry)).toEqual([
      { merchant: 's1', type: 'Payment', deposit: 500, debit: 0 },
      { merchant: 's1', type: 'Platform Fee', deposit: 0, debit: 100 },
      { merchant: 'plt', type: 'Platform Fee', deposit: 100, debit: 0 },
      { merchant: 'plt', type: 'Processing Fee', deposit: 0, debit: 18 },
      { merchant: 'plt', type: 'Processing Fee Tax', deposit: 0, debit: 2 },
    ]);
    expect(rowsOf(accepted(ledger, { op: 'payment.refund', payment: 'sp_1', amount: 100 } as Command).entry)).toEqual([
      { merchant: 's1', type: 'Refund', deposit: 0, debit: 100 },
      { merchant: 'plt', type: 'Platform Fee Return', deposit: 0, debit: 20 },
      { merchant: 's1', type: 'Platform Fee Return', deposit: 20, debit: 0 },
    ]);
  });
});

describe('a marketplace session offers only payment types every party accepts', () => {
  it('a type the platform has no fee settings for is payment_type_not_accepted, naming it', () => {
    const ledger = newLedger();
    expect(rejected(ledger, marketplaceSession('ses_1', { paymentTypes: ['credit_card', 'alipay'] }), 'payment_type_not_accepted')).toBe('merchant mart does not accept alipay: offer only payment types it accepts');
  });

  it('a split payout merchant\'s payment_types are checked when the session is completed (README, payment_type_not_accepted): pm4 takes credit_card only', () => {
    const ledger = newLedger();
    accepted(ledger, marketplaceSession('ses_1', { paymentTypes: ['credit_card', 'konbini'], split: [{ submerchantId: 'pm4', amount: 1000, platformFee: 100 }] }));
    expect(rejected(ledger, { op: 'session.complete', session: 'ses_1', payment: 'pay_1', paymentType: 'konbini' }, 'payment_type_not_accepted')).toMatch(/pm4/);
    accepted(ledger, { op: 'session.complete', session: 'ses_1', payment: 'pay_1', paymentType: 'credit_card' });
    expect(ledger.state.payments.get('pay_1')?.paymentType).toBe('credit_card');
  });
});
