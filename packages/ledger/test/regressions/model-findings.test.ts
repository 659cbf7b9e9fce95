import { createLedger, nextPayout, postedBalance, type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

// Found by the model-based test (test/model); kept here as exact regressions.

function ledgerOf(config: LedgerConfig) {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

function must(ledger: ReturnType<typeof ledgerOf>, command: Command) {
  const result = ledger.execute(command);
  if (!result.ok) throw new Error(`${command.op}: ${result.error.code}: ${result.error.message}`);
  return result;
}

const bank = { customerName: 'ヤマダタロウ', bankName: '青森銀行', bankCode: '0117', branchName: '東京支店', branchNumber: '921', accountType: 'ordinary', accountNumber: '1234567' };

describe('model-based findings', () => {
  it('a reverse refund near 2^53 moves the platform exactly by its own part (0), not by a lost unit', () => {
    const ledger = ledgerOf({ merchants: [
      { id: 'mkt', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
      { id: 'pm-1', type: 'payout', platform: 'mkt' },
    ] });
    const amount = 9007199254740984;
    must(ledger, { op: 'payment.create', id: 'a', merchant: 'mkt', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm-1', amount, platformFee: 0 }] });
    const before = postedBalance(ledger.state, 'mkt', 'JPY');
    must(ledger, { op: 'payment.refund', payment: 'a' });
    expect(postedBalance(ledger.state, 'mkt', 'JPY')).toBe(before);
    expect(before).toBe(-356685090487743);
    expect(postedBalance(ledger.state, 'pm-1', 'JPY')).toBe(0);
  });

  it('a seller-model refund request that KOMOJU paid always completes, even after its parties moved their balance', () => {
    const ledger = ledgerOf({ merchants: [
      { id: 'plat', type: 'platform', business: 'platform', paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%' } } },
      { id: 'seller-1', type: 'seller', platform: 'plat' },
    ] });
    const asSeller = { merchant: 'plat', as: 'seller-1', currency: 'JPY', platformMerchant: 'plat' } as const;
    must(ledger, { op: 'payment.create', id: 'cushion', ...asSeller, amount: 10000, paymentType: 'credit_card', platformAmount: 10000 });
    must(ledger, { op: 'payment.create', id: 'k', ...asSeller, amount: 2, paymentType: 'konbini', platformAmount: 1 });
    must(ledger, { op: 'payment.capture', payment: 'k' });
    must(ledger, { op: 'payment.refund_request', id: 'rr-a', payment: 'k', amount: 1, includePaymentMethodFee: false, bankAccount: bank });
    must(ledger, { op: 'payment.refund_request', id: 'rr-b', payment: 'k', amount: 1, includePaymentMethodFee: false, bankAccount: bank });
    must(ledger, { op: 'refund_request.complete', refundRequest: 'rr-b' });
    // rr-b posts on the curve of the completed refunds (R = 1: platform 1, seller 0) and rr-a
    // is re-estimated to seller 1 in the same entry: the seller's yen stays held for rr-a and
    // cannot be transferred away from under it.
    const drained = ledger.execute({ op: 'balance.transfer', merchant: 'plat', from: 'seller-1', to: 'plat', amount: 1, currency: 'JPY' });
    expect(drained.ok ? 'accepted' : drained.error.code).toBe('insufficient_balance');
    const completed = ledger.execute({ op: 'refund_request.complete', refundRequest: 'rr-a' });
    expect(completed.ok).toBe(true);
    const payment = ledger.state.payments.get('k');
    expect({ status: payment?.status, refunded: payment?.refunded, pending: payment?.pendingRefundAmount }).toEqual({
      status: 'refunded',
      refunded: { platform: 1, submerchants: [{ submerchantId: 'seller-1', amount: 1 }] },
      pending: 0,
    });
  });

  it('a holiday calendar with no business day for 31 days is a rejection, not a crash', () => {
    const days = Array.from({ length: 45 }, (_, index) => new Date(Date.UTC(2026, 3, 1 + index)).toISOString().slice(0, 10));
    const ledger = ledgerOf({ merchants: [
      { id: 'mkt', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
      { id: 'pm-1', type: 'payout', platform: 'mkt' },
    ] });
    must(ledger, { op: 'payout_settings.update', merchant: 'mkt', target: 'pm-1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 });
    const run = ledger.execute({ op: 'settlement.run', date: '2026-04-10', holidays: days });
    expect(run.ok ? 'accepted' : run.error.code).toBe('holiday_calendar_invalid');
    const next = nextPayout('weekly', '2026-04-01', days);
    expect(next.ok ? 'accepted' : next.error.code).toBe('holiday_calendar_invalid');
    // Thirty weekdays off still leave a business day within the bound.
    expect(nextPayout('weekly', '2026-04-01', days.slice(0, 20)).ok).toBe(true);
  });
});
