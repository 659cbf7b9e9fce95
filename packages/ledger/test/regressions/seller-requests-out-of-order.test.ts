import { replayJournal, type Change, type Command, type Entry, type Ledger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, refundRequest, sellerPayment } from '../support/fixtures.js';
import { accepted, appended, available, balances, ledgerAfter, rowsOf } from '../support/ledger-harness.js';

// Issue 5: seller-model refund requests settled out of order. ¥50,000 by Konbini with
// platform_amount 5,000 (ratio 1/10): fee 2.75% = 1,375, tax 138, so plt 3,487 and s1 45,000.
// Two requests of ¥7: r0 is estimated as if first (cumulative 7 × 0.1 = 0.7 → 1: platform 1,
// seller 6), r1 as if second (14 × 0.1 = 1.4 → 1: platform 0, seller 7). Each holds its cost,
// the platform's with the Refund Fee and its tax (330).

const TWO_PENDING: readonly Command[] = [
  sellerPayment('skb', { paymentType: 'konbini' }),
  { op: 'payment.capture', payment: 'skb' },
  refundRequest({ id: 'r0', payment: 'skb', amount: 7 }),
  refundRequest({ id: 'r1', payment: 'skb', amount: 7 }),
];

/** What the completion of a lone ¥7 request posts: DOMAIN.md's 1/6 (cumulative 7 × 0.1 → 1). */
const ONE_SIX = [
  { merchant: 's1', type: 'Refund', deposit: 0, debit: 7 },
  { merchant: 'plt', type: 'Platform Fee Return', deposit: 0, debit: 1 },
  { merchant: 's1', type: 'Platform Fee Return', deposit: 1, debit: 0 },
  { merchant: 'plt', type: 'Refund Fee', deposit: 0, debit: 300 },
  { merchant: 'plt', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
];

function parts(platform: number, seller: number): { platform: number; submerchants: { submerchantId: string; amount: number }[] } {
  return { platform, submerchants: [{ submerchantId: 's1', amount: seller }] };
}

function held(ledger: Ledger): { plt: number; s1: number } {
  return { plt: ledger.state.holds.get('plt')?.get('JPY') ?? 0, s1: ledger.state.holds.get('s1')?.get('JPY') ?? 0 };
}

function requestState(ledger: Ledger, id: string): unknown {
  const request = ledger.state.refundRequests.get(id);
  return { status: request?.status, parts: request?.parts, holds: request?.holds };
}

describe('seller-model refund requests completed or rejected out of order (issue 5)', () => {
  it('the reproduction: complete r1, then reject r0: r1 posts 1/6 like a lone ¥7 refund, r0 is re-estimated to 0/7 in the same entry, and nothing is held at the end', () => {
    const ledger = ledgerAfter(TWO_PENDING);
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 3487, s1: 45000 });
    expect(requestState(ledger, 'r0')).toEqual({ status: 'pending', parts: parts(1, 6), holds: [{ merchant: 'plt', amount: 331 }, { merchant: 's1', amount: 6 }] });
    expect(requestState(ledger, 'r1')).toEqual({ status: 'pending', parts: parts(0, 7), holds: [{ merchant: 'plt', amount: 330 }, { merchant: 's1', amount: 7 }] });
    expect(held(ledger)).toEqual({ plt: 661, s1: 13 });
    expect(ledger.state.pendingRefundRequests.get('skb')).toEqual(['r0', 'r1']);

    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'r1' });
    expect(ledger.state.pendingRefundRequests.get('skb')).toEqual(['r0']);
    expect(rowsOf(completion)).toEqual(ONE_SIX);
    const lone = ledgerAfter([...TWO_PENDING.slice(0, 2), refundRequest({ id: 'r', payment: 'skb', amount: 7 })]);
    expect(rowsOf(appended(lone, { op: 'refund_request.complete', refundRequest: 'r' }))).toEqual(ONE_SIX);
    expect(completion.changes).toEqual([
      { kind: 'refund_request_completed', refundRequest: 'r1' },
      { kind: 'payment_refunded', payment: 'skb', amount: 7, parts: parts(1, 6), customerFeeRefunded: false },
      { kind: 'refund_request_reestimated', refundRequest: 'r0', parts: parts(0, 7), holds: [{ merchant: 'plt', amount: 330 }, { merchant: 's1', amount: 7 }] },
    ] satisfies Change[]);
    // r0 now holds what it will cost if it completes second; every available balance is as it was.
    expect(requestState(ledger, 'r0')).toEqual({ status: 'pending', parts: parts(0, 7), holds: [{ merchant: 'plt', amount: 330 }, { merchant: 's1', amount: 7 }] });
    expect(held(ledger)).toEqual({ plt: 330, s1: 7 });
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 3156, s1: 44994 });
    expect({ plt: available(ledger, 'plt'), s1: available(ledger, 's1') }).toEqual({ plt: 2826, s1: 44987 });

    const rejection = appended(ledger, { op: 'refund_request.reject', refundRequest: 'r0' });
    expect(rejection.postings).toEqual([]);
    expect(rejection.changes).toEqual([{ kind: 'refund_request_rejected', refundRequest: 'r0' }]);
    expect(held(ledger)).toEqual({ plt: 0, s1: 0 });
    expect(ledger.state.pendingRefundRequests.has('skb')).toBe(false);
    expect(ledger.state.payments.get('skb')).toMatchObject({ refunded: parts(1, 6), refundedAmount: 7, pending: parts(0, 0), pendingRefundAmount: 0 });
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 3156, s1: 44994 });
  });

  it('reject r0 first: r1 no longer counts it as given back and is re-estimated to 1/6 (holds 331 and 6), then posts exactly that', () => {
    const ledger = ledgerAfter(TWO_PENDING);
    const rejection = appended(ledger, { op: 'refund_request.reject', refundRequest: 'r0' });
    expect(rejection.changes).toEqual([
      { kind: 'refund_request_rejected', refundRequest: 'r0' },
      { kind: 'refund_request_reestimated', refundRequest: 'r1', parts: parts(1, 6), holds: [{ merchant: 'plt', amount: 331 }, { merchant: 's1', amount: 6 }] },
    ] satisfies Change[]);
    expect(held(ledger)).toEqual({ plt: 331, s1: 6 });
    expect({ plt: available(ledger, 'plt'), s1: available(ledger, 's1') }).toEqual({ plt: 3487 - 331, s1: 45000 - 6 });
    const completion = appended(ledger, { op: 'refund_request.complete', refundRequest: 'r1' });
    expect(rowsOf(completion)).toEqual(ONE_SIX);
    expect(completion.changes).toHaveLength(2); // nothing else pending: nothing re-estimated
    expect(held(ledger)).toEqual({ plt: 0, s1: 0 });
  });

  it('completed in order, nothing is re-estimated: r0 posts 1/6, r1 posts 0/7 (cumulative 14 × 0.1 → 1)', () => {
    const ledger = ledgerAfter(TWO_PENDING);
    const first = appended(ledger, { op: 'refund_request.complete', refundRequest: 'r0' });
    expect(first.changes.map((change) => change.kind)).toEqual(['refund_request_completed', 'payment_refunded']);
    expect(rowsOf(first)).toEqual(ONE_SIX);
    accepted(ledger, { op: 'refund_request.complete', refundRequest: 'r1' });
    expect(ledger.state.payments.get('skb')?.refunded).toEqual(parts(1, 13));
  });

  it('a completion always posts: with the platform drained to 0 available, r1 still posts 1/6 though it held only 330 of the platform; r0\'s re-estimate gives the unit back, so no balance is overdrawn', () => {
    const ledger = ledgerAfter(TWO_PENDING);
    accepted(ledger, { op: 'balance.transfer', merchant: 'plt', from: 'plt', to: 's1', amount: available(ledger, 'plt'), currency: 'JPY' });
    expect({ plt: available(ledger, 'plt'), s1: available(ledger, 's1') }).toEqual({ plt: 0, s1: 44987 + 2826 });
    expect(rowsOf(appended(ledger, { op: 'refund_request.complete', refundRequest: 'r1' }))).toEqual(ONE_SIX);
    expect({ plt: available(ledger, 'plt'), s1: available(ledger, 's1') }).toEqual({ plt: 0, s1: 44987 + 2826 });
    expect(held(ledger)).toEqual({ plt: 330, s1: 7 });
  });

  it('a journal written before re-estimation (a rejection that left r1 estimated 0/7) is refused: r1 would hold a unit of plt it will not cost', () => {
    // Kanjo wrote such journals only before 7d6f2db, on its first day. Replayed, r1 kept holding
    // plt 330 (its estimate as if after r0) where, r0 rejected, it will cost plt 331: plt's
    // available balance was a unit too high, and its completion then left plt a unit below what
    // it had available (DOMAIN.md "Sufficient balance": less what pending requests hold).
    const live = ledgerAfter(TWO_PENDING);
    accepted(live, { op: 'refund_request.reject', refundRequest: 'r0' });
    const journal: Entry[] = live.journal.map((entry) => ({ ...entry, changes: entry.changes.filter((change) => change.kind !== 'refund_request_reestimated') }));
    const replayed = replayJournal(CONFIG, journal);
    expect(replayed.ok ? 'accepted' : `${replayed.error.code}: ${replayed.error.message}`).toBe(
      'journal_entry_inapplicable: entry 5 cannot be applied: it re-estimates no request, where settling it re-estimates r1 (platform 1, s1 6)',
    );
  });
});
