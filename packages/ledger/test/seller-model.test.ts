import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sellerPayment } from './support/fixtures.js';
import { accepted, appended, balances, ledgerAfter, newLedger, rejected, rowsOf } from './support/ledger-harness.js';

/** round-half-up(numerator / denominator) for non-negative integers, exactly (BigInt). */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

describe('Seller Processing Model: the two parameters and who may take part ([002])', () => {
  it('the seller receives exactly amount − platform_amount whatever the fees; the platform bears them', () => {
    for (const [amount, platformAmount] of [
      [50_000, 5_000],
      [1, 0],
      [1, 1],
      [999, 333],
    ] as const) {
      const ledger = ledgerAfter([sellerPayment('sp', { amount, platformAmount })]);
      const fee = Number(roundHalfUp(BigInt(amount) * 36n, 1000n));
      const tax = Number(roundHalfUp(BigInt(fee), 10n));
      expect(balances(ledger, 's1', 'plt')).toEqual({ s1: amount - platformAmount, plt: platformAmount - fee - tax });
    }
  });

  it('a Konbini seller payment: the customer fee never touches the seller nor the platform balance', () => {
    const ledger = ledgerAfter([sellerPayment('skb', { amount: 5000, platformAmount: 500, paymentType: 'konbini' })]);
    const entry = appended(ledger, { op: 'payment.capture', payment: 'skb' });
    expect(rowsOf(entry)).toEqual([
      { merchant: 's1', type: 'Payment', deposit: 5000, debit: 0 },
      { merchant: 's1', type: 'Platform Fee', deposit: 0, debit: 500 },
      { merchant: 'plt', type: 'Platform Fee', deposit: 500, debit: 0 },
      { merchant: 'plt', type: 'Processing Fee', deposit: 0, debit: 138 },
      { merchant: 'plt', type: 'Processing Fee Tax', deposit: 0, debit: 14 },
    ]);
    expect(entry.postings.filter((posting) => posting.recordType.startsWith('Customer Fee')).map((posting) => posting.amount)).toEqual([190, -190, 19, -19]);
  });

  it('the seller\'s own payment_types list decides what it accepts; without one, its platform\'s', () => {
    const ledger = newLedger();
    rejected(ledger, sellerPayment('a', { as: 's2', paymentType: 'paypay' }), 'payment_type_not_accepted');
    accepted(ledger, sellerPayment('b', { as: 's1', paymentType: 'paypay' }));
    accepted(ledger, sellerPayment('c', { as: 's2', paymentType: 'credit_card' }));
  });

  it('refused parties: another platform, the seller itself, a deactivated seller, a deactivated platform', () => {
    const ledger = newLedger();
    rejected(ledger, sellerPayment('p', { platformMerchant: 'bazaar' }), 'platform_merchant_mismatch');
    rejected(ledger, sellerPayment('p', { platformMerchant: 's1' }), 'split_with_self');
    rejected(ledger, sellerPayment('p', { platformMerchant: 's2' }), 'platform_merchant_mismatch');
    rejected(ledger, sellerPayment('p', { as: 's3' }), 'merchant_deactivated');
    rejected(ledger, sellerPayment('p', { merchant: 'shut', as: 's1' }), 'merchant_deactivated');
    rejected(ledger, sellerPayment('p', { merchant: 'bazaar', platformMerchant: 'bazaar' }), 'dual_authentication_not_allowed');
  });

  it('a sub-merchant cannot act on its own, even as itself', () => {
    const ledger = newLedger();
    rejected(ledger, sellerPayment('p', { merchant: 's1' }), 'merchant_not_platform');
  });
});

describe('Seller refunds: the platform\'s cumulative part is round-half-up(R × p / A)', () => {
  it('three refunds of 1 on ¥3 with ¥1 to the platform: 0, 1, 0 (cumulative 1/3 → 0, 2/3 → 1, 1 → 1)', () => {
    const ledger = ledgerAfter([sellerPayment('fund', { as: 's2', amount: 1000, platformAmount: 1000 }), sellerPayment('sp', { amount: 3, platformAmount: 1 })]);
    const parts = [1, 1, 1].map((amount) => rowsOf(appended(ledger, { op: 'payment.refund', payment: 'sp', amount })).find((row) => row.merchant === 'plt')?.debit ?? 0);
    expect(parts).toEqual([0, 1, 0]);
    expect(ledger.state.payments.get('sp')?.status).toBe('refunded');
  });

  it('property: parts are never negative, the cumulative platform part is exactly the rounded proportion, and a full refund returns the split', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }).chain((amount) =>
          fc.record({
            amount: fc.constant(amount),
            platformAmount: fc.integer({ min: 0, max: amount }),
            cuts: fc.array(fc.integer({ min: 1, max: amount }), { maxLength: 30, size: 'max' }),
          }),
        ),
        ({ amount, platformAmount, cuts }) => {
          const ledger = ledgerAfter([
            sellerPayment('fund', { as: 's2', amount: 10_000_000, platformAmount: 10_000_000 }),
            sellerPayment('sp', { amount, platformAmount }),
          ]);
          // Refund amounts: many small steps up to the full amount (the last one refunds the rest).
          const boundaries = [...new Set(cuts.filter((cut) => cut < amount))].sort((a, b) => a - b);
          let refunded = 0;
          let platformGiven = 0;
          for (const boundary of [...boundaries, amount]) {
            const step = boundary - refunded;
            const entry = appended(ledger, { op: 'payment.refund', payment: 'sp', amount: step });
            const platformPart = rowsOf(entry).find((row) => row.merchant === 'plt' && row.type === 'Platform Fee Return')?.debit ?? 0;
            const refundRow = rowsOf(entry).find((row) => row.type === 'Refund');
            refunded = boundary;
            platformGiven += platformPart;
            expect(refundRow).toEqual({ merchant: 's1', type: 'Refund', deposit: 0, debit: step });
            expect(platformPart).toBeGreaterThanOrEqual(0);
            expect(platformPart).toBeLessThanOrEqual(step);
            expect(platformGiven).toBe(Number(roundHalfUp(BigInt(refunded) * BigInt(platformAmount), BigInt(amount))));
          }
          expect(platformGiven).toBe(platformAmount);
          expect(ledger.state.payments.get('sp')).toMatchObject({ status: 'refunded', refunded: { platform: platformAmount, submerchants: [{ submerchantId: 's1', amount: amount - platformAmount }] } });
          // The seller received amount − platformAmount and gave it all back.
          expect(balances(ledger, 's1')).toEqual({ s1: 0 });
        },
      ),
      { numRuns: 200 },
    );
  });
});
