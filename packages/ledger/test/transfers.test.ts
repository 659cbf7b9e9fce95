import type { TransferBalanceCommand } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, sellerPayment } from './support/fixtures.js';
import { appended, balances, ledgerAfter, rejected, rowsOf } from './support/ledger-harness.js';

function transfer(from: string, to: string, amount: number, overrides: Partial<TransferBalanceCommand> = {}): TransferBalanceCommand {
  return { op: 'balance.transfer', merchant: 'mart', from, to, amount, currency: 'JPY', ...overrides };
}

describe('balance transfers ([000]): only the platform initiates, between itself and its own sub-merchant', () => {
  it('platform → payout merchant: a "Balance Transfer" record on both sides, no events', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const entry = appended(ledger, transfer('mart', 'pm1', 50));
    expect(rowsOf(entry)).toEqual([
      { merchant: 'mart', type: 'Balance Transfer', deposit: 0, debit: 50 },
      { merchant: 'pm1', type: 'Balance Transfer', deposit: 50, debit: 0 },
    ]);
    expect(entry.events).toEqual([]);
    expect(entry.postings.every((posting) => posting.merchant !== undefined)).toBe(true);
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 10, pm1: 680 });
  });

  it('payout merchant → platform, its whole balance (equal is enough)', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const entry = appended(ledger, transfer('pm2', 'mart', 270));
    expect(rowsOf(entry)).toEqual([
      { merchant: 'pm2', type: 'Balance Transfer', deposit: 0, debit: 270 },
      { merchant: 'mart', type: 'Balance Transfer', deposit: 270, debit: 0 },
    ]);
    expect(balances(ledger, 'mart', 'pm2')).toEqual({ mart: 330, pm2: 0 });
  });

  it('seller → its platform and back', () => {
    const ledger = ledgerAfter([sellerPayment()]);
    appended(ledger, transfer('s1', 'plt', 1000, { merchant: 'plt' }));
    appended(ledger, transfer('plt', 's1', 20, { merchant: 'plt' }));
    expect(balances(ledger, 's1', 'plt')).toEqual({ s1: 44_020, plt: 4_000 });
  });

  it('every rejection, each with its code', () => {
    const ledger = ledgerAfter([goldenPayment(), goldenPayment('b', { merchant: 'bazaar', split: [{ submerchantId: 'px', amount: 1000, platformFee: 0 }] })]);
    // Not initiated by a platform.
    rejected(ledger, transfer('pm1', 'mart', 10, { merchant: 'pm1' }), 'merchant_not_platform');
    rejected(ledger, transfer('mart', 'pm1', 10, { merchant: 'ghost' }), 'merchant_not_found');
    rejected(ledger, transfer('shut', 'py', 10, { merchant: 'shut' }), 'merchant_deactivated');
    // Not its sub-merchant.
    rejected(ledger, transfer('mart', 'px', 10), 'submerchant_not_owned');
    rejected(ledger, transfer('px', 'mart', 10), 'submerchant_not_owned');
    rejected(ledger, transfer('mart', 'bazaar', 10), 'submerchant_not_owned');
    rejected(ledger, transfer('mart', 'ghost', 10), 'submerchant_not_found');
    // A deactivated sub-merchant.
    rejected(ledger, transfer('mart', 'pm3', 10), 'merchant_deactivated');
    // The same party on both sides; neither side the platform.
    rejected(ledger, transfer('mart', 'mart', 10), 'transfer_same_party');
    rejected(ledger, transfer('pm1', 'pm1', 10), 'transfer_same_party');
    rejected(ledger, transfer('pm1', 'pm2', 10), 'transfer_must_involve_platform');
    // The source's balance must cover it.
    rejected(ledger, transfer('mart', 'pm1', 61), 'insufficient_balance');
    rejected(ledger, transfer('pm2', 'mart', 271), 'insufficient_balance');
    rejected(ledger, transfer('mart', 'pm1', 1, { currency: 'USD' }), 'insufficient_balance');
    // Amount and currency.
    rejected(ledger, transfer('mart', 'pm1', 0), 'amount_not_positive');
    rejected(ledger, transfer('mart', 'pm1', 10, { currency: 'YEN' }), 'currency_unknown');
    expect(balances(ledger, 'mart', 'pm1', 'pm2', 'px', 'bazaar')).toEqual({ mart: 60, pm1: 630, pm2: 270, px: 1000, bazaar: -40 });
  });

  it('a negative platform balance (after a chargeback) cannot fund a transfer', () => {
    const ledger = ledgerAfter([goldenPayment(), { op: 'payment.chargeback', payment: 'pay_1' }]);
    rejected(ledger, transfer('mart', 'pm1', 1), 'insufficient_balance');
    appended(ledger, transfer('pm1', 'mart', 630));
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: -310, pm1: 0 });
  });
});
