import { describe, expect, it } from 'vitest';
import type { Command, LedgerConfig } from '@kanjo/ledger';
import { CONFIG, goldenPayment, konbiniPayment, refundRequest, sellerPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Replay accepted a created payment or refund request holding what the engine never writes, as
// long as nothing later in the journal read it (found by tampering every field of generated
// journals, 2026-12-02). The rebuilt ledger then refused a capture the faithful one accepts
// (a kept split naming an unknown merchant), or kept and exported values no command gives.

/** The journal of `commands` with `edit` applied to the first change of entry `seq`, replayed. */
function tampered(commands: readonly Command[], seq: number, edit: (change: Record<string, any>) => void, config: LedgerConfig = CONFIG): string {
  const journal: RawEntry[] = rawJournalOf(commands);
  const change = journal[seq - 1]?.changes[0];
  if (change === undefined) throw new Error(`entry ${seq} has no change`);
  edit(change);
  return replayOutcome(journal, config);
}

/** A ¥5,000 Konbini payment of mart waiting for the customer, its split {pm1 5000 fee 500} kept for the capture. */
const WAITING: readonly Command[] = [konbiniPayment('kb_1')];

describe('a payment keeps the origin and terms payment.create gives it', () => {
  it('the faithful journals replay', () => {
    expect(tampered(WAITING, 1, () => {})).toBe('accepted');
    expect(tampered([sellerPayment('sp_1', { capture: false })], 1, () => {})).toBe('accepted');
  });

  it('an origin other than api or session is refused (it decides where a partial capture is allowed)', () => {
    expect(tampered(WAITING, 1, (change) => (change.payment.origin = 'batch'))).toBe(
      'journal_entry_inapplicable: entry 1 cannot be applied: payment kb_1 has origin "batch", not api or session',
    );
  });

  it('an origin of session is one payment.create takes from the caller', () => {
    expect(tampered(WAITING, 1, (change) => (change.payment.origin = 'session'))).toBe('accepted');
  });

  it('a kept split naming a merchant the engine would not split with is refused', () => {
    const prefix = 'journal_entry_inapplicable: entry 1 cannot be applied: payment kb_1 keeps a split for its capture that the engine refuses at creation: ';
    expect(tampered(WAITING, 1, (change) => (change.payment.pendingSplit[0].submerchantId = 'ghost'))).toBe(
      `${prefix}submerchant_not_found: no merchant "ghost" in this ledger: check the id`,
    );
    expect(tampered(WAITING, 1, (change) => (change.payment.pendingSplit[0].submerchantId = 'px'))).toBe(
      `${prefix}submerchant_not_owned: merchant px is not a sub-merchant of platform mart`,
    );
    // pm4 accepts only cards.
    expect(tampered(WAITING, 1, (change) => (change.payment.pendingSplit[0].submerchantId = 'pm4'))).toMatch(
      new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}payment_type_not_accepted: `),
    );
  });

  it('a kept split that does not add up to the amount, or a fee above its line, is refused', () => {
    const prefix = 'journal_entry_inapplicable: entry 1 cannot be applied: payment kb_1 keeps a split for its capture that the engine refuses at creation: ';
    expect(tampered(WAITING, 1, (change) => (change.payment.pendingSplit[0].amount = 4999))).toMatch(new RegExp(`^${prefix}split_sum_mismatch: `));
    expect(tampered(WAITING, 1, (change) => (change.payment.pendingSplit[0].platformFee = 5001))).toMatch(new RegExp(`^${prefix}split_platform_fee_exceeds_amount: `));
  });

  it('another valid split of the same amount is accepted: the journal does not keep what the caller asked', () => {
    expect(tampered(WAITING, 1, (change) => (change.payment.pendingSplit[0].submerchantId = 'pm2'))).toBe('accepted');
  });

  it('a kept split naming a merchant deactivated since still replays (the header holds today\'s configuration)', () => {
    const since: LedgerConfig = { merchants: CONFIG.merchants.map((merchant) => (merchant.id === 'pm1' ? { ...merchant, status: 'deactivated' as const } : merchant)) };
    expect(tampered(WAITING, 1, () => {}, since)).toBe('accepted');
  });

  it('a seller-model platform amount above the amount is refused', () => {
    expect(tampered([sellerPayment('sp_1', { capture: false })], 1, (change) => (change.payment.platformAmount = 50_001))).toMatch(
      /^journal_entry_inapplicable: entry 1 cannot be applied: payment sp_1 keeps a platform amount for its capture that the engine refuses at creation: platform_amount_exceeds_amount: /,
    );
  });
});

describe('a refund request keeps the bank account and fee records payment.refund_request gives it', () => {
  const request = (includePaymentMethodFee: boolean): Command =>
    refundRequest({ payment: 'kb_1', id: 'rr_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee });
  // A card payment first leaves mart ¥5,000 of platform fees to pay the request's fees from.
  const FUNDED: readonly Command[] = [goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }), konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' }];
  const REQUESTED: readonly Command[] = [...FUNDED, request(false)];
  const prefix = 'journal_entry_inapplicable: entry 4 cannot be applied: refund request rr_1 ';

  it('the faithful journal replays', () => {
    expect(tampered(REQUESTED, 4, () => {})).toBe('accepted');
  });

  it('a bank account the engine refuses is refused, with the engine\'s code', () => {
    expect(tampered(REQUESTED, 4, (change) => (change.request.bankAccount.bankCode = '117'))).toBe(
      `${prefix}has a bank account the engine refuses: bank_account_bank_code_invalid: bank_code must be 4 digits, e.g. "0117"`,
    );
    expect(tampered(REQUESTED, 4, (change) => (change.request.bankAccount.customerName = 'ヤ'.repeat(256)))).toMatch(
      new RegExp(`^${prefix}has a bank account the engine refuses: bank_account_customer_name_invalid: `),
    );
    expect(tampered(REQUESTED, 4, (change) => (change.request.bankAccount.accountType = 'current'))).toMatch(
      new RegExp(`^${prefix}has a bank account the engine refuses: bank_account_type_invalid: `),
    );
  });

  it('a request without a bank account is refused', () => {
    expect(tampered(REQUESTED, 4, (change) => delete change.request.bankAccount)).toBe(`${prefix}has no bank account`);
    expect(tampered(REQUESTED, 4, (change) => (change.request.bankAccount = null))).toBe(`${prefix}has no bank account`);
  });

  it('fee records of another type are refused', () => {
    expect(tampered(REQUESTED, 4, (change) => (change.request.refundFee.fee.type = 'Processing Fee'))).toBe(
      `${prefix}keeps its refund fee as "Processing Fee" and "Refund Fee Tax", not "Refund Fee" and "Refund Fee Tax"`,
    );
    expect(tampered(REQUESTED, 4, (change) => (change.request.refundFee.tax.type = 'Tax'))).toBe(
      `${prefix}keeps its refund fee as "Refund Fee" and "Tax", not "Refund Fee" and "Refund Fee Tax"`,
    );
  });

  it('a refunded customer fee of another type is refused', () => {
    const withFee: readonly Command[] = [...FUNDED, request(true)];
    expect(tampered(withFee, 4, () => {})).toBe('accepted');
    expect(tampered(withFee, 4, (change) => (change.request.refundedCustomerFee.tax.type = 'Customer Fee Tax'))).toBe(
      `${prefix}keeps the customer fee it refunds as "Refunded Customer Fee" and "Customer Fee Tax", not "Refunded Customer Fee" and "Refunded Customer Fee Tax"`,
    );
    // The fee's type is checked too, not only its tax's (StrykerJS survivor of creation-misfit.ts).
    expect(tampered(withFee, 4, (change) => (change.request.refundedCustomerFee.fee.type = 'Customer Fee'))).toBe(
      `${prefix}keeps the customer fee it refunds as "Customer Fee" and "Refunded Customer Fee Tax", not "Refunded Customer Fee" and "Refunded Customer Fee Tax"`,
    );
  });

  it('a marketplace request marked reverse that refunds less than everything left is refused', () => {
    expect(tampered(REQUESTED, 4, (change) => (change.request.reverse = true))).toBe(`${prefix}has reverse true, but refunds 100 of the 5000 left of payment kb_1`);
  });

  it('a marketplace request of everything left without a split is reverse; one with a split may be either', () => {
    const whole: readonly Command[] = [...FUNDED, refundRequest({ payment: 'kb_1', id: 'rr_1' })];
    expect(rawJournalOf(whole)[3]?.changes[0]?.request.reverse).toBe(true);
    expect(tampered(whole, 4, () => {})).toBe('accepted');
    expect(tampered(whole, 4, (change) => (change.request.reverse = false))).toBe('accepted');
  });

  describe('seller model: reverse exactly when the request refunds everything left', () => {
    // The seed's ¥50,000 card payment leaves plt enough to pay a request's fees; then a ¥5,000
    // seller-model Konbini payment of s1 with ¥500 to plt, paid by the customer.
    const PAID: readonly Command[] = [sellerPayment('sp_1'), sellerPayment('skb', { amount: 5000, platformAmount: 500, paymentType: 'konbini' }), { op: 'payment.capture', payment: 'skb' }];
    const sellerPrefix = 'journal_entry_inapplicable: entry 4 cannot be applied: refund request rq ';

    it('a request of part marked reverse is refused', () => {
      const part: readonly Command[] = [...PAID, refundRequest({ id: 'rq', payment: 'skb', amount: 100 })];
      expect(tampered(part, 4, () => {})).toBe('accepted');
      expect(tampered(part, 4, (change) => (change.request.reverse = true))).toBe(`${sellerPrefix}has reverse true, but refunds 100 of the 5000 left of payment skb`);
    });

    it('a request of everything left not marked reverse is refused', () => {
      const whole: readonly Command[] = [...PAID, refundRequest({ id: 'rq', payment: 'skb' })];
      expect(tampered(whole, 4, () => {})).toBe('accepted');
      expect(tampered(whole, 4, (change) => (change.request.reverse = false))).toBe(
        `${sellerPrefix}has reverse false, but refunds all 5000 left of seller-model payment skb, which makes it reverse`,
      );
    });
  });

  it('reverse that is not a boolean is refused', () => {
    expect(tampered(REQUESTED, 4, (change) => (change.request.reverse = 'yes'))).toBe(`${prefix}has reverse "yes", not true or false`);
  });
});
