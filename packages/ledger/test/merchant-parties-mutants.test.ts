import { describe, expect, it } from 'vitest';
import { replayJournal, type LedgerConfig, type MerchantConfig } from '@kanjo/ledger';
import { CONFIG, PAYMENT_METHODS, goldenPayment, konbiniPayment, marketplaceSession, omit, sellerPayment } from './support/fixtures.js';
import { accepted, ledgerAfter, newLedger, rejected } from './support/ledger-harness.js';

/** CONFIG with `id` changed by `change`. */
function changed(id: string, change: Partial<MerchantConfig>, base: LedgerConfig = CONFIG): LedgerConfig {
  return { ...base, merchants: base.merchants.map((m) => (m.id === id ? ({ ...m, ...change } as MerchantConfig) : m)) };
}

// Review 268 made 50 mutants of the merchant, status and book rules (find-merchant.ts and the
// party checks of each command). 21 passed the focused test files (merchants, config, seller
// model, the status matrix); these tests kill 16 of them, each checked against its mutant. The
// other five are likely equivalent (a replayed entry is decided again, and caught first).

describe('party checks the focused suites left open (review 268, mutation testing of the merchant rules)', () => {
  it('a platform naming itself in its split or as its seller is split_with_self, not submerchant_not_owned', () => {
    const ledger = newLedger();
    rejected(ledger, goldenPayment('p', { split: [{ submerchantId: 'mart', amount: 1000, platformFee: 0 }] }), 'split_with_self');
    rejected(ledger, sellerPayment('s', { as: 'plt' }), 'split_with_self');
  });

  it("another platform's payout merchant cannot be in a split, nor receive a transfer", () => {
    const ledger = ledgerAfter([goldenPayment()]);
    rejected(ledger, goldenPayment('p', { split: [{ submerchantId: 'px', amount: 1000, platformFee: 100 }] }), 'submerchant_not_owned');
    rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'px', amount: 10, currency: 'JPY' }, 'submerchant_not_owned');
    rejected(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'px', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 }, 'submerchant_not_owned');
  });

  it('a live merchant in a test ledger is merchant_in_other_book (books never mix, either way)', () => {
    const ledger = newLedger(changed('pm2', { book: 'live' }));
    rejected(ledger, goldenPayment(), 'merchant_in_other_book');
  });

  it('a platform business must name its seller: seller_required', () => {
    rejected(newLedger(), omit(sellerPayment(), 'as'), 'seller_required');
  });

  it("a split line's payout merchant must accept the payment type, whatever its platform accepts", () => {
    rejected(newLedger(), { ...konbiniPayment('k'), split: [{ submerchantId: 'pm4', amount: 5000, platformFee: 0 }] }, 'payment_type_not_accepted');
  });

  it("a session of a seller offers only the seller's payment types, and only types Kanjo knows", () => {
    rejected(newLedger(), { ...marketplaceSession('ses'), merchant: 'plt', as: 's2', split: undefined, platformAmount: 0, platformMerchant: 'plt', paymentTypes: ['konbini'] } as never, 'payment_type_not_accepted');
    const withUnknown: LedgerConfig = { merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { ...PAYMENT_METHODS, alipay: { feeRate: '3%' } } }, { id: 'pm1', type: 'payout', platform: 'mart' }, { id: 'pm2', type: 'payout', platform: 'mart' }] };
    rejected(newLedger(withUnknown), marketplaceSession('ses', { paymentTypes: ['alipay'] }), 'payment_type_not_accepted');
  });

  it('refusal messages name the ways out the command has (lockedIn), never "undefined"', () => {
    // Creation can leave a deactivated payout merchant out.
    const created = rejected(newLedger(), goldenPayment('p', { split: [{ submerchantId: 'pm3', amount: 1000, platformFee: 0 }] }), 'merchant_deactivated');
    expect(created).toContain('leave it out');
    expect(created).not.toContain('undefined');
    // A capture cannot leave out the payout merchant of a split fixed at creation.
    const base: LedgerConfig = { ...CONFIG, book: 'live' };
    const live = ledgerAfter([{ ...konbiniPayment('k'), split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 0 }] }], base);
    for (const change of [{ status: 'deactivated' }, { approved: false }] as const) {
      const replayed = replayJournal(changed('pm2', change, base), live.journal);
      if (!replayed.ok) throw new Error(replayed.error.message);
      const message = rejected(replayed.value, { op: 'payment.capture', payment: 'k' }, 'status' in change ? 'merchant_deactivated' : 'merchant_not_approved');
      expect(message).toContain('cannot be captured without it (a payout merchant of the split it took at creation)');
      expect(message).toContain('cancel the payment (payment.cancel)');
    }
    // Nor its platform, once its approval is withdrawn.
    const card = ledgerAfter([goldenPayment('a', { capture: false, split: undefined })], base);
    const unapproved = replayJournal(changed('mart', { approved: false }, base), card.journal);
    if (!unapproved.ok) throw new Error(unapproved.error.message);
    expect(rejected(unapproved.value, { op: 'payment.capture', payment: 'a', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }, 'merchant_not_approved')).toContain('cannot be captured without it (its platform)');
  });

  it('a deactivated payout merchant giving back a single unit takes part: merchant_deactivated', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const replayed = replayJournal(changed('pm2', { status: 'deactivated' }), ledger.journal);
    if (!replayed.ok) throw new Error(replayed.error.message);
    rejected(replayed.value, { op: 'payment.refund', payment: 'pay_1', amount: 1, split: [{ submerchantId: 'pm2', amount: 1, platformFee: 0 }] }, 'merchant_deactivated');
    accepted(replayed.value, { op: 'payment.refund', payment: 'pay_1', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] });
  });
});

describe('replay refuses a payment type the merchant no longer accepts (README: "no longer accepting a payment type it took")', () => {
  const wide = changed('s2', { paymentTypes: ['credit_card', 'konbini'] }, changed('pm4', { paymentTypes: ['credit_card', 'konbini'] }));
  it('a seller', () => {
    const ledger = ledgerAfter([sellerPayment('k', { as: 's2', paymentType: 'konbini' })], wide);
    const replayed = replayJournal(CONFIG, ledger.journal);
    expect(replayed.ok ? 'replayed' : replayed.error.code).toBe('journal_entry_inapplicable');
  });
  it('a payout merchant of the split', () => {
    const ledger = ledgerAfter([{ ...konbiniPayment('k'), split: [{ submerchantId: 'pm4', amount: 5000, platformFee: 0 }] }], wide);
    const replayed = replayJournal(CONFIG, ledger.journal);
    expect(replayed.ok ? 'replayed' : replayed.error.code).toBe('journal_entry_inapplicable');
  });
});
