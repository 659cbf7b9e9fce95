import { replayJournal, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, marketplaceSession, sellerPayment } from '../support/fixtures.js';
import { accepted, appended, ledgerAfter, rejected, rowsOf } from '../support/ledger-harness.js';

// Review 262 (session 61) mutated the code that decides payment creation, capture, cancel and
// expire. Four mutants survived the payment tests (one was killed only by a random property
// elsewhere); these tests kill each of them, and each was checked against its mutant. Review
// 263 did the same for payouts and transfers: one mutant got past the payout tests (below).

describe('a seller payment whose platform_amount was fixed at creation', () => {
  // Mutant: the restated platform_amount was compared with `>` (only a higher one refused).
  // DOMAIN.md [decided]: a payment that waits for the customer took its platform_amount at
  // creation and keeps it; the tests restated a higher one only.
  it('a Konbini payment restating a lower platform_amount at capture is split_fixed_at_creation, and stays authorized', () => {
    const ledger = ledgerAfter([sellerPayment('sk', { paymentType: 'konbini', capture: true })]);
    rejected(ledger, { op: 'payment.capture', payment: 'sk', platformAmount: 4_000 }, 'split_fixed_at_creation');
    expect(ledger.state.payments.get('sk')?.status).toBe('authorized');
  });

  // Mutant: any session `capture` (not only 'auto') fixed platform_amount at creation. A
  // two-step capture may restate platform_amount (DOMAIN.md); the tests of sessions with
  // capture manual used cards, which never wait for the customer.
  it('a Konbini payment from a capture: manual session may restate it at capture: 5,000 → 3,000', () => {
    const session = marketplaceSession('ses', {
      merchant: 'plt', as: 's1', amount: 50_000, paymentTypes: ['konbini'], capture: 'manual',
      split: undefined, platformAmount: 5_000, platformMerchant: 'plt',
    });
    const ledger = ledgerAfter([session, { op: 'session.complete', session: 'ses', payment: 'sp', paymentType: 'konbini' }]);
    expect(ledger.state.payments.get('sp')?.status).toBe('authorized');
    accepted(ledger, { op: 'payment.capture', payment: 'sp', platformAmount: 3_000 });
    expect(ledger.state.payments.get('sp')?.shares?.platform).toBe(3_000);
  });

  // Mutant: the creation platform_amount compared with the authorized amount, not the amount
  // captured: still refused (the seller split check), but with a message that no longer says
  // the platform_amount came from creation, or the two ways out.
  it('above a partial capture without restating it: refused naming the platform_amount given at creation', () => {
    const ledger = ledgerAfter([sellerPayment('sp', { amount: 1000, platformAmount: 800, capture: false })]);
    const message = rejected(ledger, { op: 'payment.capture', payment: 'sp', amount: 500 }, 'platform_amount_exceeds_amount');
    expect(message).toBe('the platform_amount 800 given at creation is more than the 500 captured: capture at least that much, or restate a platform_amount of at most 500 with the capture');
  });
});

describe('a payout merchant of a split fixed at creation, deactivated since', () => {
  // Mutant: the capture's check of the split lines did not say the split was fixed at creation,
  // so the refusal said "leave it out", which that capture refuses too (LockedIn, find-merchant.ts).
  it('is merchant_deactivated at capture, naming payment.cancel as the way out', () => {
    const first = ledgerAfter([konbiniPayment('kb')]);
    const config: LedgerConfig = { ...CONFIG, merchants: CONFIG.merchants.map((merchant) => (merchant.id === 'pm1' ? { ...merchant, status: 'deactivated' as const } : merchant)) };
    const replayed = replayJournal(config, first.journal);
    if (!replayed.ok) throw new Error(replayed.error.message);
    const message = rejected(replayed.value, { op: 'payment.capture', payment: 'kb' }, 'merchant_deactivated');
    expect(message).toBe((
      'merchant pm1 is deactivated and cannot take part in anything, and payment kb cannot be captured without it (a payout merchant of the split it took at creation): activate it in the configuration (status: active), or cancel the payment (payment.cancel)'
    ));
  });
});

describe('settlement.run dated at the very instant its period ends', () => {
  // Mutant: `at <= period.endsAt` for `at < period.endsAt`, refusing a run dated at the end
  // instant ("date the run (at) at or after that", says the refusal); the payout tests dated
  // runs at 23:59:59 and at noon, and one test killed it only by chance, through a run without `at`.
  const ledger = (): ReturnType<typeof ledgerAfter> =>
    ledgerAfter([
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
      goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
    ]);

  it('is accepted: Friday 2026-01-16 pays Saturday 01-03 to Friday 01-09, which ends at 2026-01-10T00:00+09:00', () => {
    const entry = appended(ledger(), { op: 'settlement.run', date: '2026-01-16', at: '2026-01-10T00:00:00+09:00' });
    expect(rowsOf(entry)).toEqual([{ merchant: 'pm1', type: 'Payout', deposit: 0, debit: 630 }]);
  });

  it('a millisecond earlier is settlement_period_not_ended', () => {
    rejected(ledger(), { op: 'settlement.run', date: '2026-01-16', at: '2026-01-09T23:59:59.999+09:00' }, 'settlement_period_not_ended');
  });
});
