import { replayJournal, type Command, type Entry, type LedgerConfig, type RequestRefundCommand } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, CONFIG, konbiniPayment, refundRequest, sellerPayment } from '../support/fixtures.js';
import { accepted, available, ledgerAfter, rejected } from '../support/ledger-harness.js';

// Review 162: settling each of n seller-model refund requests worked every other pending one
// out again, n² work; completed newest first, a journal of n² changes (8,000 requests of ¥7
// took 3.8 GB). A payment now holds at most 100 pending requests, in both models.

/** No Refund Fee, so a hundred requests need no more than the parts' balances. */
const NO_REFUND_FEE: LedgerConfig = { ...CONFIG, refundRequestFee: 0 };

const MARKETPLACE: readonly Command[] = [konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' }];
const SELLER: readonly Command[] = [sellerPayment('sk', { paymentType: 'konbini' }), { op: 'payment.capture', payment: 'sk' }];

function marketplaceRequest(index: number): Command {
  return refundRequest({ id: `r${index}`, payment: 'kb_1', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] });
}

function sellerRequest(index: number): Command {
  return refundRequest({ id: `s${index}`, payment: 'sk', amount: 1 });
}

function hundred(request: (index: number) => Command): Command[] {
  return Array.from({ length: 100 }, (_, index) => request(index));
}

describe('a payment holds at most 100 pending refund requests', () => {
  it('marketplace: the 101st is refused, changing nothing, and is accepted once one of the hundred completes', () => {
    const ledger = ledgerAfter([...MARKETPLACE, ...hundred(marketplaceRequest)], NO_REFUND_FEE);
    expect(ledger.state.pendingRefundRequests.get('kb_1')).toHaveLength(100);
    expect(rejected(ledger, marketplaceRequest(100), 'refund_request_too_many_pending')).toBe(
      'payment kb_1 already has 100 refund requests pending, the most one payment may have: complete or reject one first',
    );
    accepted(ledger, { op: 'refund_request.complete', refundRequest: 'r0' });
    accepted(ledger, marketplaceRequest(100));
    expect(ledger.state.pendingRefundRequests.get('kb_1')).toHaveLength(100);
  });

  it('seller model: the 101st is refused, and is accepted once one of the hundred is rejected', () => {
    const ledger = ledgerAfter([...SELLER, ...hundred(sellerRequest)], NO_REFUND_FEE);
    expect(rejected(ledger, sellerRequest(100), 'refund_request_too_many_pending')).toBe(
      'payment sk already has 100 refund requests pending, the most one payment may have: complete or reject one first',
    );
    accepted(ledger, { op: 'refund_request.reject', refundRequest: 's99' });
    accepted(ledger, sellerRequest(100));
  });

  it('a request with its own fault is told that fault first, not to wait for a slot (review 168)', () => {
    const ledger = ledgerAfter([...MARKETPLACE, ...hundred(marketplaceRequest)], NO_REFUND_FEE);
    rejected(ledger, refundRequest({ id: 'bad', payment: 'kb_1', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }], bankAccount: { ...BANK_ACCOUNT, bankCode: '12' } }), 'bank_account_bank_code_invalid');
    rejected(ledger, refundRequest({ id: 'bad', payment: 'kb_1', amount: 99_999, split: [{ submerchantId: 'pm1', amount: 99_999, platformFee: 0 }] }), 'refund_exceeds_remaining');
  });

  it('the bound comes before the balances: with nothing left to hold, the 101st is still told the bound (review 169)', () => {
    const ledger = ledgerAfter([...MARKETPLACE, ...hundred(marketplaceRequest)], NO_REFUND_FEE);
    accepted(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: available(ledger, 'pm1'), currency: 'JPY' });
    expect(available(ledger, 'pm1')).toBe(0);
    rejected(ledger, marketplaceRequest(100), 'refund_request_too_many_pending');
  });

  it('the customer fee already requested is the request\'s own fault, told before the bound (review 169)', () => {
    const withFee = (index: number): Command => ({ ...(marketplaceRequest(index) as RequestRefundCommand), includePaymentMethodFee: true });
    const ledger = ledgerAfter([...MARKETPLACE, withFee(0), ...hundred(marketplaceRequest).slice(1)], NO_REFUND_FEE);
    expect(ledger.state.pendingRefundRequests.get('kb_1')).toHaveLength(100);
    rejected(ledger, withFee(100), 'customer_fee_already_refunded');
  });

  it('the bound is per payment: another payment of the same platform still takes requests', () => {
    const ledger = ledgerAfter([...MARKETPLACE, ...hundred(marketplaceRequest), konbiniPayment('kb_2'), { op: 'payment.capture', payment: 'kb_2' }], NO_REFUND_FEE);
    accepted(ledger, refundRequest({ id: 'other', payment: 'kb_2', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] }));
  });

  it('a replay refuses an entry that makes the 101st pending request, naming the code, and replays the journal that stayed within it', () => {
    const full = ledgerAfter([...MARKETPLACE, ...hundred(marketplaceRequest)], NO_REFUND_FEE);
    const within = ledgerAfter([...MARKETPLACE, ...hundred(marketplaceRequest), { op: 'refund_request.complete', refundRequest: 'r0' }, marketplaceRequest(100)], NO_REFUND_FEE);
    expect(replayJournal(NO_REFUND_FEE, within.journal).ok).toBe(true);
    // The 101st request's entry, renumbered onto the journal whose hundred are all pending.
    const creation = within.journal.at(-1) as Entry;
    const seq = full.journal.length + 1;
    const result = replayJournal(NO_REFUND_FEE, [...full.journal, { ...creation, seq }]);
    expect(result.ok || result.error).toEqual({
      code: 'journal_entry_inapplicable',
      message: `entry ${seq} cannot be applied: payment kb_1 already has 100 refund requests pending, the most one payment may have (refund_request_too_many_pending)`,
    });
  });

  it('a replay counts the requests an entry from code creates together', () => {
    const full = ledgerAfter([...MARKETPLACE, ...hundred(marketplaceRequest).slice(0, 99)], NO_REFUND_FEE);
    const within = ledgerAfter(
      [...MARKETPLACE, ...hundred(marketplaceRequest).slice(0, 99), { op: 'refund_request.complete', refundRequest: 'r0' }, marketplaceRequest(99), marketplaceRequest(100)],
      NO_REFUND_FEE,
    );
    const [ninetyNinth, hundredth] = within.journal.slice(-2) as [Entry, Entry];
    // One entry creating the 100th and the 101st: the first fits, the second does not.
    const seq = full.journal.length + 1;
    const both: Entry = { ...ninetyNinth, seq, changes: [...ninetyNinth.changes, ...hundredth.changes], events: [...ninetyNinth.events, ...hundredth.events] };
    const result = replayJournal(NO_REFUND_FEE, [...full.journal, both]);
    expect(result.ok || result.error).toEqual({
      code: 'journal_entry_inapplicable',
      message: `entry ${seq} cannot be applied: payment kb_1 already has 100 refund requests pending, the most one payment may have (refund_request_too_many_pending)`,
    });
  });
});
