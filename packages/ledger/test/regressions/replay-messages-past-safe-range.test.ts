import type { Command, LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, goldenPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome } from '../support/raw-journal.js';

// Noticed in session 49: two replay messages for a tampered journal added journal amounts as
// numbers. Past 2^53 they were rounded: "refunded up to …092" where the refunds add to …091,
// and a payout's "which has … available" from a balance charged back below -2^53. Only a
// hand-edited journal reaches them, and the decisions were right; the amounts are now exact.

const inapplicable = (seq: number, what: string): string => `journal_entry_inapplicable: entry ${seq} cannot be applied: ${what}`;
const MAX = Number.MAX_SAFE_INTEGER;

describe('a refund past the captured amount names the exact total, past 2^53', () => {
  it('a second refund of 100 of a payment of 2^53 - 1, edited to 2^53 - 1, is refused as refunded up to 2^53 + 99', () => {
    const refund100: Command = { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] };
    const journal = rawJournalOf([goldenPayment('pay_1', { amount: MAX, split: [{ submerchantId: 'pm1', amount: MAX, platformFee: 0 }] }), refund100, refund100]);
    const refund = journal[2]!.changes[0]!;
    refund['amount'] = MAX;
    refund['parts'] = { platform: 0, submerchants: [{ submerchantId: 'pm1', amount: MAX }] };
    // As numbers, 100 + (2^53 - 1) is 9007199254741090 or …092: a double holds neither …091.
    expect(replayOutcome(journal)).toBe(inapplicable(3, `payment pay_1 captured for ${MAX} refunded up to 9007199254741091`));
  });
});

describe('a payout beyond what is available names the exact available balance, below -2^53', () => {
  const MART: LedgerConfig['merchants'][number] = { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { konbini: { feeRate: '0%' }, credit_card: { feeRate: '0%' } } };
  const CONFIG: LedgerConfig = { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart' }, { id: 'pm2', type: 'payout', platform: 'mart' }] };
  const at = '2026-01-05T10:00:00+09:00';

  /**
   * mart's available balance below -2^53 (as in shortfall-past-safe-range.test.ts): a ¥1,000
   * Konbini request holds 1,330; a payment of 2^53 - 1 all to pm2 and four of ¥1 are charged
   * back. Posted 1,330 - (2^53 - 1) - 4, available that less 1,330: -(2^53 + 4). A weekly run
   * pays mart 0 for the week.
   */
  const commands: Command[] = [
    { op: 'payout_settings.update', merchant: 'mart', target: 'mart', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' } as Command,
    { op: 'payment.create', id: 'q', merchant: 'mart', amount: 330, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 330, platformFee: 330 }], at } as Command,
    { op: 'payment.create', id: 'k', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 1000 }], at } as Command,
    { op: 'payment.capture', payment: 'k', at } as Command,
    { op: 'payment.refund_request', id: 'r', payment: 'k', bankAccount: BANK_ACCOUNT, at } as Command,
    { op: 'payment.create', id: 'p', merchant: 'mart', amount: MAX, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm2', amount: MAX, platformFee: 0 }], at } as Command,
    { op: 'payment.chargeback', payment: 'p', at } as Command,
    ...[0, 1, 2, 3].flatMap((index): Command[] => [
      { op: 'payment.create', id: `s${index}`, merchant: 'mart', amount: 1, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }], at } as Command,
      { op: 'payment.chargeback', payment: `s${index}`, at } as Command,
    ]),
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' } as Command,
  ];

  it('the run\'s 0 for mart edited to 1 is refused naming -9007199254740995 JPY available, not a rounded number', () => {
    const journal = rawJournalOf(commands, CONFIG);
    const run = journal.at(-1)!;
    const mart = run.changes.find((change) => change['merchant'] === 'mart')!;
    expect(mart['amount']).toBe(0);
    expect(replayOutcome(journal, CONFIG)).toBe('accepted');
    mart['amount'] = 1;
    expect(replayOutcome(journal, CONFIG)).toBe(inapplicable(journal.length, 'payout of 1 JPY to mart, which has -9007199254740995 available: a run pays no more'));
  });
});
