import type { Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, refundRequest, sellerPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Session 39's journal review: replay checked that a refund's parts add up to its amount and
// that each party could afford its part, never who the engine would have made give back what.
// A balanced edit moving a marketplace refund onto a payout merchant with nothing left of its
// share replayed, and the rebuilt ledger then threw a RangeError on the payment's next refund;
// a seller-model refund or request off the proportional split (the platform giving back
// nothing) replayed too. README ("reconcile"): "Every entry must be one the engine could have
// written"; DOMAIN.md: 0 ≤ refunded share ≤ share, and a seller-model refund splits by the
// platform_amount ratio on cumulative totals, whatever the caller asks.

type Posting = { merchant?: string; amount: number; recordType: string };
type Hold = { merchant: string; amount: number };

/** Moves `by` of every posting of `recordType` on `merchant` away from zero (and the other leg with it). */
function grow(entry: RawEntry, recordType: string, merchant: string, by: number): void {
  const legs = (entry.postings as Posting[]).filter((posting) => posting.recordType === recordType);
  const own = legs.find((posting) => posting.merchant === merchant) as Posting;
  const other = legs[legs.indexOf(own) + (own.amount > 0 ? 1 : -1)] as Posting;
  own.amount += Math.sign(own.amount) * by;
  other.amount -= Math.sign(own.amount) * by;
}

const refusedAt = (seq: number, why: string) => `journal_entry_inapplicable: entry ${seq} cannot be applied: ${why}`;

describe('a marketplace refund never takes more than what is left of a party\'s share', () => {
  // pay_0 leaves pm2 money to spare, so its balance alone cannot refuse the edit.
  const REFUNDED: Command[] = [
    goldenPayment('pay_0'),
    goldenPayment('pay_1'),
    { op: 'payment.refund', payment: 'pay_1', amount: 900, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 30 }, { submerchantId: 'pm2', amount: 250, platformFee: 20 }] },
  ];

  it('control: the refund as written (platform 50, pm1 600, pm2 250) replays', () => {
    expect(replayOutcome(rawJournalOf(REFUNDED))).toBe('accepted');
  });

  it('control: a refund where pm2 gives back all 270 left of its share replays', () => {
    const all: Command[] = [...REFUNDED.slice(0, 2), { op: 'payment.refund', payment: 'pay_1', amount: 270, split: [{ submerchantId: 'pm2', amount: 270, platformFee: 0 }] }];
    expect(replayOutcome(rawJournalOf(all))).toBe('accepted');
  });

  it('the platform\'s 50 moved onto pm2, who then gives back 300 of a 270 share: refused, naming the share', () => {
    const entries = rawJournalOf(REFUNDED);
    const refund = entries[2] as RawEntry;
    refund.changes[0]!['parts'] = { platform: 0, submerchants: [{ submerchantId: 'pm1', amount: 600 }, { submerchantId: 'pm2', amount: 300 }] };
    grow(refund, 'Payment Transfer Return', 'pm2', 50);
    expect(replayOutcome(entries)).toBe(refusedAt(3, 'payment pay_1 refunded directly with pm2 giving back 300, more than the 270 left of its share'));
  });

  it('a refund request asking pm1 for 4,600 of a 4,500 share (holds moved to match): refused', () => {
    const commands: Command[] = [
      goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }),
      goldenPayment('pay_0'),
      konbiniPayment(),
      { op: 'payment.capture', payment: 'kb_1' },
      refundRequest({ payment: 'kb_1', id: 'rq', amount: 4600, split: [{ submerchantId: 'pm1', amount: 4500, platformFee: 100 }] }),
    ];
    const entries = rawJournalOf(commands);
    expect(replayOutcome(entries)).toBe('accepted');
    const request = (entries[4] as RawEntry).changes[0]!['request'] as { parts: unknown; holds: Hold[] };
    request.parts = { platform: 0, submerchants: [{ submerchantId: 'pm1', amount: 4600 }] };
    for (const hold of request.holds) hold.amount += hold.merchant === 'pm1' ? 100 : -100;
    expect(replayOutcome(entries)).toBe(refusedAt(5, 'refund request rq made with pm1 giving back 4600, more than the 4500 left of its share'));
  });
});

describe('a seller-model refund or refund request is split by the platform_amount ratio, as the engine splits it', () => {
  it('a direct refund of 100 with the platform\'s 10 dropped (the seller giving all 100): refused, naming the split', () => {
    const entries = rawJournalOf([sellerPayment(), { op: 'payment.refund', payment: 'sp_1', amount: 100 }]);
    const refund = entries[1] as RawEntry;
    refund.changes[0]!['parts'] = { platform: 0, submerchants: [{ submerchantId: 's1', amount: 100 }] };
    refund.postings = refund.postings.filter((posting) => posting['recordType'] !== 'Platform Fee Return');
    expect(replayOutcome(entries)).toBe(
      refusedAt(2, 'payment sp_1 refunded directly in parts {"platform":0,"submerchants":[{"submerchantId":"s1","amount":100}]}, not the {"platform":10,"submerchants":[{"submerchantId":"s1","amount":90}]} of the proportional split'),
    );
  });

  it('a direct refund of 20,000 given back by the platform alone (the split gives it 2,000): refused', () => {
    const entries = rawJournalOf([sellerPayment('sp_0', { platformAmount: 50_000 }), sellerPayment(), { op: 'payment.refund', payment: 'sp_1', amount: 20_000 }]);
    const refund = entries[2] as RawEntry;
    expect(refund.changes[0]!['parts']).toEqual({ platform: 2000, submerchants: [{ submerchantId: 's1', amount: 18_000 }] });
    refund.changes[0]!['parts'] = { platform: 20_000, submerchants: [{ submerchantId: 's1', amount: 0 }] };
    grow(refund, 'Platform Fee Return', 'plt', 18_000);
    expect(replayOutcome(entries)).toMatch(/^journal_entry_inapplicable: entry 3 cannot be applied: payment sp_1 refunded directly in parts \{"platform":20000,/);
  });

  it('a Konbini refund request whose parts drop the platform\'s 10 (holds moved to match), then completed so: refused at the request', () => {
    const commands: Command[] = [
      sellerPayment(),
      sellerPayment('sk', { paymentType: 'konbini', amount: 10_000, platformAmount: 1000, capture: true }),
      { op: 'payment.capture', payment: 'sk' },
      refundRequest({ payment: 'sk', id: 'rq', amount: 100 }),
      { op: 'refund_request.complete', refundRequest: 'rq' },
    ];
    const entries = rawJournalOf(commands);
    expect(replayOutcome(entries)).toBe('accepted');
    const request = (entries[3] as RawEntry).changes[0]!['request'] as { parts: unknown; holds: Hold[] };
    expect(request.parts).toEqual({ platform: 10, submerchants: [{ submerchantId: 's1', amount: 90 }] });
    const tampered = { platform: 0, submerchants: [{ submerchantId: 's1', amount: 100 }] };
    request.parts = tampered;
    for (const hold of request.holds) hold.amount += hold.merchant === 's1' ? 10 : -10;
    const completion = entries[4] as RawEntry;
    completion.changes[1]!['parts'] = tampered;
    completion.postings = completion.postings.filter((posting) => posting['recordType'] !== 'Platform Fee Return');
    expect(replayOutcome(entries)).toBe(
      refusedAt(4, 'refund request rq made in parts {"platform":0,"submerchants":[{"submerchantId":"s1","amount":100}]}, not the {"platform":10,"submerchants":[{"submerchantId":"s1","amount":90}]} of the proportional split'),
    );
  });
});

describe('a seller-model completion posts its request\'s own estimate only in a journal of a version before eca5b54', () => {
  // Seller Konbini payments of 10,000 with platform_amount 3,333 and two requests of 101 each:
  // estimated 34 (101 × 0.3333 = 33.66) and 33 (202 × 0.3333 = 67.33, less 34). Completing the
  // second first, the curve of completed refunds gives it 34, and the first is re-estimated to 33.
  const konbini = (id: string) => sellerPayment(id, { paymentType: 'konbini', amount: 10_000, platformAmount: 3333, capture: true });
  const requestsCompletedOutOfOrder = (payment: string, first: string, second: string): Command[] => [
    refundRequest({ payment, id: first, amount: 101 }),
    refundRequest({ payment, id: second, amount: 101 }),
    { op: 'refund_request.complete', refundRequest: second },
  ];
  const K2: Command[] = [konbini('k2'), { op: 'payment.capture', payment: 'k2' }, ...requestsCompletedOutOfOrder('k2', 'r2', 'r3')];
  const EARLIER_REESTIMATE: Command[] = [konbini('k'), { op: 'payment.capture', payment: 'k' }, ...requestsCompletedOutOfOrder('k', 'r0', 'r1')];

  /** The journal with its last entry (r3's completion) rewritten as versions before eca5b54 wrote it: the request's estimate, no re-estimate. */
  function withLegacyCompletion(commands: readonly Command[]): RawEntry[] {
    const entries = rawJournalOf(commands);
    const completion = entries.at(-1) as RawEntry;
    const refund = completion.changes.find((change) => change['kind'] === 'payment_refunded') as Record<string, unknown>;
    expect(refund['parts']).toEqual({ platform: 34, submerchants: [{ submerchantId: 's1', amount: 67 }] });
    expect(completion.changes.filter((change) => change['kind'] === 'refund_request_reestimated').map((change) => change['refundRequest'])).toEqual(['r2']);
    refund['parts'] = { platform: 33, submerchants: [{ submerchantId: 's1', amount: 68 }] };
    completion.changes = completion.changes.filter((change) => change['kind'] !== 'refund_request_reestimated');
    grow(completion, 'Platform Fee Return', 'plt', -1);
    return entries;
  }

  it('control: alone, such a journal replays, as one of those versions wrote it', () => {
    expect(replayOutcome(withLegacyCompletion(K2))).toBe('accepted');
  });

  it('after a re-estimate, which only later versions write, the same completion is refused', () => {
    const entries = withLegacyCompletion([...EARLIER_REESTIMATE, ...K2]);
    expect(replayOutcome(entries)).toBe(
      refusedAt(
        entries.length,
        'payment k2 refunded by the completion of refund request r3 in parts {"platform":33,"submerchants":[{"submerchantId":"s1","amount":68}]}, not the {"platform":34,"submerchants":[{"submerchantId":"s1","amount":67}]} its completion gives (the request\'s own estimate is taken only from a journal of a version before eca5b54, which wrote no re-estimates; this one has)',
      ),
    );
  });
});
