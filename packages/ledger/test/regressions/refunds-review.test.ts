import { describe, expect, it } from 'vitest';
import { goldenPayment, omit } from '../support/fixtures.js';
import { accepted, balances, ledgerAfter, rejected } from '../support/ledger-harness.js';

// Found by the adversarial review of refunds and refund requests (session 4).

describe('a marketplace payment captured with an empty split (the platform is its only party)', () => {
  // DOMAIN.md "Refunds, marketplace": "A marketplace refund with an amount below what is left but
  // no split is rejected: a partial refund is a non-reverse refund, and the caller says who gives
  // back what". With no payout merchant in the payment no split can be written, so the message
  // used to ask for something impossible. The rule stands (DOMAIN.md wins; whether the platform
  // alone may refund part of such a payment is left to the planners); the message now says what
  // can be done.
  const CAPTURED_ALONE = [omit(goldenPayment('solo', { capture: false }), 'split'), { op: 'payment.capture', payment: 'solo', split: [] }] as const;

  it('a partial refund without a split is refund_split_required, and its message says to refund everything left', () => {
    const ledger = ledgerAfter(CAPTURED_ALONE);
    const message = rejected(ledger, { op: 'payment.refund', payment: 'solo', amount: 100 }, 'refund_split_required');
    expect(message).toBe('a partial refund (100 of the 1000 left) is a non-reverse refund: this payment has no payout merchant a split could name, so omit the amount to refund everything left');
    expect(balances(ledger, 'mart')).toEqual({ mart: 960 });
  });

  it('refunding everything left works: the platform debits the whole Refund', () => {
    // Another payment first: the platform nets 960 from solo (fee and tax kept), 60 from it.
    const ledger = ledgerAfter([goldenPayment('other'), ...CAPTURED_ALONE]);
    accepted(ledger, { op: 'payment.refund', payment: 'solo' });
    expect({ balances: balances(ledger, 'mart'), status: ledger.state.payments.get('solo')?.status }).toEqual({ balances: { mart: 20 }, status: 'refunded' });
  });

  it('a payment with payout merchants keeps the message that asks for a split', () => {
    const message = rejected(ledgerAfter([goldenPayment('p1')]), { op: 'payment.refund', payment: 'p1', amount: 100 }, 'refund_split_required');
    expect(message).toContain('say who gives back what in platform_details');
  });
});
