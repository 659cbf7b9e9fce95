import { replayJournal, type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, FUNDED_KONBINI, goldenPayment, PAYMENT_METHODS, refundRequest } from '../support/fixtures.js';
import { appended, ledgerAfter, rejected } from '../support/ledger-harness.js';

// Review 261 (session 60) mutated the code that decides refunds, refund requests and
// chargebacks. Three mutants survived every test, each a plausible bug the suite would not have
// seen; these tests kill them (each was checked against its mutant).

describe('a chargeback of a payment that was never captured', () => {
  // Mutant: findCapturedPayment let a cancelled payment through. DOMAIN.md's lifecycle table
  // takes a chargeback only from captured ("Nothing else moves a status"); the tests tried an
  // authorized payment and an unknown one, never a cancelled or an expired one.
  const authorized: Command = { ...goldenPayment('auth', { capture: false }), split: [] };

  it('is payment_not_captured for a cancelled payment, and changes nothing', () => {
    const ledger = ledgerAfter([authorized, { op: 'payment.cancel', payment: 'auth' }]);
    rejected(ledger, { op: 'payment.chargeback', payment: 'auth' }, 'payment_not_captured');
    expect(ledger.state.payments.get('auth')?.status).toBe('cancelled');
  });

  it('is payment_not_captured for an expired payment, and changes nothing', () => {
    const ledger = ledgerAfter([authorized, { op: 'payment.expire', payment: 'auth' }]);
    rejected(ledger, { op: 'payment.chargeback', payment: 'auth' }, 'payment_not_captured');
    expect(ledger.state.payments.get('auth')?.status).toBe('expired');
  });
});

describe("a refund request's id once the request is settled", () => {
  // Mutant: the id was refused only while its request was pending, so a new request took the
  // id of a rejected or completed one and overwrote its record.
  const split = [{ submerchantId: 'pm1', amount: 10, platformFee: 0 }];
  const request = refundRequest({ id: 'rr', payment: 'kb_1', amount: 10, split });

  for (const settle of ['refund_request.reject', 'refund_request.complete'] as const) {
    it(`stays taken after ${settle}: refund_request_id_taken, and the settled request is kept`, () => {
      const ledger = ledgerAfter([...FUNDED_KONBINI, request, { op: settle, refundRequest: 'rr' } as Command]);
      const settled = structuredClone(ledger.state.refundRequests.get('rr'));
      expect(settled?.status).toBe(settle === 'refund_request.reject' ? 'rejected' : 'completed');
      rejected(ledger, { ...request, amount: 20, split: [{ submerchantId: 'pm1', amount: 20, platformFee: 0 }] }, 'refund_request_id_taken');
      expect(ledger.state.refundRequests.get('rr')).toEqual(settled);
    });
  }
});

describe('a direct refund of a card payment whose method has a customer fee', () => {
  // Mutant: payment.refund wrote customerFeeRefunded true when the payment had a customer fee.
  // DOMAIN.md gives the customer fee back only with include_payment_method_fee, which only a
  // refund request has; a card method may be configured with a customer fee.
  const config: LedgerConfig = {
    ...CONFIG,
    merchants: CONFIG.merchants.map((merchant) =>
      merchant.id === 'mart' ? { ...merchant, paymentMethods: { ...PAYMENT_METHODS, credit_card: { feeRate: '3.6%', customerFee: 100 } } } : merchant,
    ),
  };

  it('does not mark the customer fee refunded, live or replayed', () => {
    const ledger = ledgerAfter([goldenPayment('pay_0'), goldenPayment()], config);
    expect(ledger.state.payments.get('pay_1')?.customerFee).toBe(100);
    const entry = appended(ledger, { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    expect(entry.changes).toEqual([{ kind: 'payment_refunded', payment: 'pay_1', amount: 100, parts: { platform: 0, submerchants: [{ submerchantId: 'pm1', amount: 100 }, { submerchantId: 'pm2', amount: 0 }] }, customerFeeRefunded: false }]);
    expect(entry.postings.some((posting) => posting.recordType.startsWith('Refunded Customer Fee'))).toBe(false);
    expect(ledger.state.payments.get('pay_1')?.customerFeeRefund).toBe('none');
    const replayed = replayJournal(config, ledger.journal);
    expect(replayed.ok && replayed.value.state.payments.get('pay_1')?.customerFeeRefund).toBe('none');
  });
});
