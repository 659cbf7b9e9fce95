import type { LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, omit, PAYMENT_METHODS } from '../support/fixtures.js';
import { accepted, balances, newLedger, rejected } from '../support/ledger-harness.js';

// Found by the adversarial review of payments, captures, chargebacks, fees and tax; each kept
// as an exact regression.

describe('a live payment splits only to approved payout merchants', () => {
  // DOMAIN.md "Parties": "A merchant processes live payments only once approved" [000]; seed 000,
  // Marketplace onboarding step 5: "Once the Payout Merchant account gets approved, you can start
  // processing real payments". The engine checked the platform's approval but not the payout
  // merchants' in the split, so a live payment paid an unapproved payout merchant.
  const LIVE: LedgerConfig = {
    book: 'live',
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS },
      { id: 'pm1', type: 'payout', platform: 'mart' },
      { id: 'pm2', type: 'payout', platform: 'mart', approved: false },
    ],
  };

  it('payment.create with an unapproved payout merchant in its split: merchant_not_approved, nothing posted', () => {
    const ledger = newLedger(LIVE);
    const message = rejected(ledger, goldenPayment('p1'), 'merchant_not_approved');
    expect(message).toContain('pm2');
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 0, pm1: 0, pm2: 0 });
  });

  it('a two-step capture splitting to it is refused too; approved payout merchants still take part', () => {
    const ledger = newLedger(LIVE);
    accepted(ledger, omit(goldenPayment('p1', { capture: false }), 'split'));
    rejected(ledger, { op: 'payment.capture', payment: 'p1', split: [{ submerchantId: 'pm2', amount: 1000, platformFee: 0 }] }, 'merchant_not_approved');
    accepted(ledger, { op: 'payment.capture', payment: 'p1', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] });
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 100 - 36 - 4, pm1: 900, pm2: 0 });
  });

  it('a session with capture auto splitting to it is refused at creation', () => {
    const ledger = newLedger(LIVE);
    rejected(
      ledger,
      {
        op: 'session.create',
        id: 's1',
        merchant: 'mart',
        amount: 1000,
        currency: 'JPY',
        paymentTypes: ['credit_card'],
        returnUrl: 'https://shop.example/return',
        capture: 'auto',
        split: [{ submerchantId: 'pm2', amount: 1000, platformFee: 0 }],
      },
      'merchant_not_approved',
    );
  });

  it('in the test book an unapproved payout merchant may take part', () => {
    const ledger = newLedger({ ...LIVE, book: 'test' });
    accepted(ledger, goldenPayment('p1'));
    expect(balances(ledger, 'pm2')).toEqual({ pm2: 270 });
  });
});
