import { createLedger, type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT } from '../support/fixtures.js';

// Review 189: an insufficient_balance message near 2^53 wrote amounts a number could not hold.
// A refund request's cost (the platform's part plus the ¥330 Refund Fee and tax) was summed as
// a number past 2^53 and rounded (needs …132, short by 331, where the truth is …131 and 330);
// a transfer's shortfall from a negative balance was a bare number past the safe range, in
// cents beside a message in dollars. The decisions were right (nothing covers such a cost);
// the amounts are now summed in bigint and written in the unit.

const MART: LedgerConfig['merchants'][number] = { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { konbini: { feeRate: '0%' }, credit_card: { feeRate: '0%' } } };
const CONFIG: LedgerConfig = { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart' }, { id: 'pm2', type: 'payout', platform: 'mart' }] };

function lastOutcome(commands: readonly Command[]): string {
  const created = createLedger(CONFIG);
  if (!created.ok) throw new Error(created.error.message);
  const results = commands.map((command) => created.value.execute(command));
  expect(results.slice(0, -1).every((result) => result.ok)).toBe(true);
  const last = results.at(-1);
  return last === undefined || last.ok ? 'accepted' : `${last.error.code}: ${last.error.message}`;
}

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * Review 190: mart's available balance below -2^53. A ¥1,000 Konbini request holds 1,330 of
 * mart's 1,330; then a payment of 2^53 - 1 all to pm2 and four of ¥1, each charged back (mart
 * bears them): posted 1,330 - (2^53 - 1) - 4, available that less the 1,330 held, -(2^53 + 4).
 */
const FAR_BELOW: readonly Command[] = [
  { op: 'payment.create', id: 'q', merchant: 'mart', amount: 330, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 330, platformFee: 330 }] },
  { op: 'payment.create', id: 'k', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 1000 }] },
  { op: 'payment.capture', payment: 'k' },
  { op: 'payment.refund_request', id: 'r', payment: 'k', bankAccount: BANK_ACCOUNT },
  { op: 'payment.create', id: 'p', merchant: 'mart', amount: MAX, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm2', amount: MAX, platformFee: 0 }] },
  { op: 'payment.chargeback', payment: 'p' },
  ...[0, 1, 2, 3].flatMap((index): Command[] => [
    { op: 'payment.create', id: `s${index}`, merchant: 'mart', amount: 1, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] },
    { op: 'payment.chargeback', payment: `s${index}` },
  ]),
];

describe('insufficient_balance amounts past 2^53', () => {
  it('an available balance below -2^53 (posted less held) is written exactly, and the shortfall from it', () => {
    expect(lastOutcome([...FAR_BELOW, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 1, currency: 'JPY' }])).toBe(
      'insufficient_balance: merchant mart has -9007199254740995 JPY available, less than the amount 1 JPY to transfer (short by 9007199254740996)',
    );
    expect(lastOutcome([...FAR_BELOW, { op: 'payment.refund', payment: 'q' }])).toBe(
      'insufficient_balance: merchant mart needs 330 JPY available for this refund but has -9007199254740995 (short by 9007199254741325); top it up with a balance transfer or refund less',
    );
  });

  it("a refund request whose cost passes 2^53 names the exact cost and shortfall (the platform's whole share plus ¥330)", () => {
    const amount = 9_007_199_254_740_801;
    expect(
      lastOutcome([
        { op: 'payment.create', id: 'k', merchant: 'mart', amount, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount, platformFee: amount }] },
        { op: 'payment.capture', payment: 'k' },
        { op: 'payment.refund_request', id: 'r', payment: 'k', bankAccount: BANK_ACCOUNT },
      ]),
    ).toBe(
      'insufficient_balance: merchant mart needs 9007199254741131 JPY available for this refund but has 9007199254740801 (short by 330); top it up with a balance transfer or refund less',
    );
  });

  it('a transfer from a balance far below zero names the exact shortfall, in dollars like the rest of the message', () => {
    const amount = 9_007_199_254_740_990;
    expect(
      lastOutcome([
        { op: 'payment.create', id: 'p', merchant: 'mart', amount, currency: 'USD', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount, platformFee: 0 }] },
        { op: 'payment.chargeback', payment: 'p' },
        { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 9_007_199_254_740_991, currency: 'USD' },
      ]),
    ).toBe(
      'insufficient_balance: merchant mart has -90071992547409.90 USD available, less than the amount 9007199254740991 (90071992547409.91 USD) to transfer (short by 180143985094819.81)',
    );
  });
});
