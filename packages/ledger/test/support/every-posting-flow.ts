import type { Command, LedgerConfig } from '@kanjo/ledger';

/** Two platforms (a marketplace with two payout merchants, a platform with a seller), card at 3.6%. */
export const EVERY_POSTING_CONFIG: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
    { id: 'plt', type: 'platform', business: 'platform', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 's1', type: 'seller', platform: 'plt' },
  ],
};

/**
 * Every kind of command that writes postings, as entries 1–7: payout settings, a marketplace
 * capture, a seller capture, a refund, a chargeback, a transfer, a settlement run.
 */
export const EVERY_POSTING_COMMANDS: readonly Command[] = [
  { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
  { op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: true, split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }], at: '2026-01-05T10:00:00+09:00' },
  { op: 'payment.create', id: 'p2', merchant: 'plt', as: 's1', amount: 2000, currency: 'JPY', paymentType: 'credit_card', capture: true, platformAmount: 200, platformMerchant: 'plt', at: '2026-01-05T11:00:00+09:00' },
  { op: 'payment.refund', payment: 'p1', amount: 100, split: [{ submerchantId: 'pm1', amount: 70, platformFee: 0 }, { submerchantId: 'pm2', amount: 30, platformFee: 0 }], at: '2026-01-06T10:00:00+09:00' },
  { op: 'payment.chargeback', payment: 'p2', at: '2026-01-06T11:00:00+09:00' },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 10, currency: 'JPY', at: '2026-01-07T10:00:00+09:00' },
  { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
];
