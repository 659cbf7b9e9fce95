import type { Command, LedgerStateView } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { combineRefundParts } from '../../src/refunds/combine-refund-parts.js';
import { reestimatePendingRequests } from '../../src/refunds/reestimate-pending-requests.js';
import { goldenPayment, refundRequest, sellerPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Session 40's mutation survey of the replay checks written in sessions 39 and 40: each test
// here fails on a mutant that every earlier test let through. The tampered journals are
// spliced: the head of one faithful history, then the last entry of another, which the engine
// wrote after a different past.

/** `base`'s journal, then the last entry of `other`'s journal. */
function spliced(base: readonly Command[], other: readonly Command[]): RawEntry[] {
  return [...rawJournalOf(base), rawJournalOf(other).at(-1) as RawEntry];
}

const refusedAt = (seq: number, why: string) => `journal_entry_inapplicable: entry ${seq} cannot be applied: ${why}`;

describe('a marketplace refund counts what each party gave back before (refund-parts-misfit.ts)', () => {
  // cc funds mart; pay_1 is the seeds' ¥1,000 payment: platform share 100, pm1 630, pm2 270.
  const HEAD: Command[] = [goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }), goldenPayment('pay_0'), goldenPayment('pay_1')];
  const refund = (amount: number, split: { submerchantId: string; amount: number; platformFee: number }[]): Command => ({ op: 'payment.refund', payment: 'pay_1', amount, split });

  it('the platform, having given back all 100 of its share, gives back 50 more: refused', () => {
    const journal = spliced(
      [...HEAD, refund(200, [{ submerchantId: 'pm1', amount: 100, platformFee: 100 }])],
      [...HEAD, refund(200, [{ submerchantId: 'pm1', amount: 200, platformFee: 0 }]), refund(100, [{ submerchantId: 'pm1', amount: 50, platformFee: 50 }])],
    );
    expect(replayOutcome(journal)).toBe(refusedAt(5, 'payment pay_1 refunded directly with the platform giving back 50, more than the 0 left of its share'));
  });

  it('pm2, having given back all 270 of its share, gives back 100 more: refused', () => {
    const journal = spliced(
      [...HEAD, refund(270, [{ submerchantId: 'pm2', amount: 270, platformFee: 0 }])],
      [...HEAD, refund(270, [{ submerchantId: 'pm1', amount: 270, platformFee: 0 }]), refund(100, [{ submerchantId: 'pm2', amount: 100, platformFee: 0 }])],
    );
    expect(replayOutcome(journal)).toBe(refusedAt(5, 'payment pay_1 refunded directly with pm2 giving back 100, more than the 0 left of its share'));
  });
});

describe('a completion that carries its own re-estimates is held to the curve (check-entry-applicable.ts)', () => {
  // A seller Konbini payment of ¥10,000 with 3,333 to the platform and three requests (101, 101
  // and 7). Completing r3 on the curve gives {platform 2, seller 5}; its own estimate was
  // {platform 3, seller 4}, as a version before eca5b54 would have posted it. Such a version
  // wrote no re-estimates: a completion carrying them is a later version's, on the curve.
  const COMMANDS: Command[] = [
    sellerPayment('k', { paymentType: 'konbini', amount: 10_000, platformAmount: 3333, capture: true }),
    { op: 'payment.capture', payment: 'k' },
    refundRequest({ payment: 'k', id: 'r1', amount: 101 }),
    refundRequest({ payment: 'k', id: 'r2', amount: 101 }),
    refundRequest({ payment: 'k', id: 'r3', amount: 7 }),
    { op: 'refund_request.complete', refundRequest: 'r3' },
  ];

  it('control: the completion as written replays', () => {
    expect(replayOutcome(rawJournalOf(COMMANDS))).toBe('accepted');
  });

  it('the completion moved to r3\'s estimate, with the re-estimates that estimate implies: refused', () => {
    const before = ledgerAfter(COMMANDS.slice(0, -1)).state as LedgerStateView;
    const payment = before.payments.get('k')!;
    const request = before.refundRequests.get('r3')!;
    expect(request.parts).toEqual({ platform: 3, submerchants: [{ submerchantId: 's1', amount: 4 }] });
    const entries = rawJournalOf(COMMANDS);
    const completion = entries.at(-1) as RawEntry;
    const refunded = completion.changes.find((change) => change['kind'] === 'payment_refunded')!;
    expect(refunded['parts']).toEqual({ platform: 2, submerchants: [{ submerchantId: 's1', amount: 5 }] });
    refunded['parts'] = JSON.parse(JSON.stringify(request.parts));
    const implied = reestimatePendingRequests(before as never, payment as never, request as never, combineRefundParts(payment.refunded, request.parts, 1), payment.refundedAmount + request.amount);
    expect(implied.length).toBeGreaterThan(0);
    completion.changes = [...completion.changes.filter((change) => change['kind'] !== 'refund_request_reestimated'), ...JSON.parse(JSON.stringify(implied))];
    for (const posting of completion.postings) if (posting['recordType'] === 'Platform Fee Return') posting['amount'] = Math.sign(posting['amount']) * 3;
    expect(replayOutcome(entries)).toMatch(/^journal_entry_inapplicable: entry 6 cannot be applied: .*not the \{"platform":2,.*this one has\)$/);
  });
});

describe('a session of capture manual fixes nothing (platform-amount-fixed.ts)', () => {
  const SESSION: Command = {
    op: 'session.create', id: 'ses_manual', merchant: 'plt', as: 's1', amount: 4000, currency: 'JPY',
    paymentTypes: ['konbini'], returnUrl: 'https://shop.example/back', capture: 'manual', platformAmount: 400, platformMerchant: 'plt',
  };
  const COMPLETE: Command = { op: 'session.complete', session: 'ses_manual', payment: 'k', paymentType: 'konbini' };

  it('its Konbini payment may restate the platform amount at capture, and the journal replays', () => {
    const ledger = ledgerAfter([SESSION, COMPLETE]);
    const restated = ledger.execute({ op: 'payment.capture', payment: 'k', platformAmount: 0 });
    expect(restated.ok).toBe(true);
    expect(ledger.state.payments.get('k')?.capturedPlatformAmount).toBe(0);
    expect(replayOutcome(JSON.parse(JSON.stringify(ledger.state.journal)) as RawEntry[])).toBe('accepted');
  });
});
