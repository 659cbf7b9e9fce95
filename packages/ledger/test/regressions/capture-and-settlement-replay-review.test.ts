import type { Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, marketplaceSession, omit, refundRequest, sellerPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// A review of the day's replay checks (captures against the engine's movements, split and
// platform amount fixed at creation, required re-estimates) found edits they still let through.
// Each journal below is a faithful one edited once; the engine cannot write it, and replay
// must refuse it at the edited entry.

const journalOf = (commands: readonly Command[]): RawEntry[] => rawJournalOf(commands);
const replayed = (entries: readonly RawEntry[]): string => replayOutcome(entries);

/** Sets every posting of `recordType` in the entry to move `to` (each keeps its sign, so the entry still balances). */
function scale(entry: RawEntry, recordType: string, to: number): void {
  for (const posting of entry.postings) if (posting['recordType'] === recordType) posting['amount'] = Math.sign(posting['amount']) * to;
}

describe('a seller-model capture in its creation entry keeps the creation\'s platform amount', () => {
  it('a card payment created with platform_amount 5,000 and captured (shares and postings edited to match) with 45,000', () => {
    const journal = journalOf([sellerPayment('sp')]);
    expect(replayed(journal)).toBe('accepted');
    const capture = journal[0]!.changes[1]!;
    capture['platformAmount'] = 45_000;
    capture['shares'] = { platform: 45_000, submerchants: [{ submerchantId: 's1', share: 5000 }] };
    scale(journal[0]!, 'Platform Fee', 45_000);
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: payment sp took its platform amount 5000 at creation, but is captured with 45000');
  });
});

describe('a session\'s capture: auto fixes a waiting payment\'s split or platform amount, flag or no flag', () => {
  const complete: Command = { op: 'session.complete', session: 'ses_1', payment: 'kb', paymentType: 'konbini' };

  it('a marketplace Konbini payment of such a session without its pendingSplit', () => {
    const journal = journalOf([marketplaceSession(), complete]);
    expect(replayed(journal)).toBe('accepted');
    const created = journal[1]!.changes.find((change) => change['kind'] === 'payment_created')!;
    delete created['payment'].pendingSplit;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: session ses_1 (capture auto) completed with a konbini payment kb whose split is not fixed at creation');
  });

  it('a seller-model Konbini payment of such a session without platformAmountFixed (as journals before it existed), captured with another platform amount', () => {
    const session = marketplaceSession('ses_1', { merchant: 'plt', as: 's1', platformAmount: 100, platformMerchant: 'plt', paymentTypes: ['konbini'] });
    delete (session as { split?: unknown }).split;
    const journal = journalOf([session, complete, { op: 'payment.capture', payment: 'kb' }]);
    expect(replayed(journal)).toBe('accepted');
    delete journal[1]!.changes.find((change) => change['kind'] === 'payment_created')!['payment'].platformAmountFixed;
    expect(replayed(journal)).toBe('accepted');
    const capture = journal[2]!.changes[0]!;
    capture['platformAmount'] = 900;
    capture['shares'] = { platform: 900, submerchants: [{ submerchantId: 's1', share: 100 }] };
    scale(journal[2]!, 'Platform Fee', 900);
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 3 cannot be applied: payment kb took its platform amount 100 at creation, but is captured with 900');
  });
});

describe('an entry settling a seller-model request carries the engine\'s re-estimates wherever its settlement sits', () => {
  // ¥10,000 by Konbini with platform_amount 1,000; two requests of ¥5: rA is estimated 1/4
  // (cumulative 5 × 0.1 = 0.5 → 1), rB 0/5 (10 × 0.1 = 1, less 1). Rejecting rA re-estimates rB to 1/4.
  const commands: Command[] = [
    sellerPayment('skb', { paymentType: 'konbini', amount: 10_000, platformAmount: 1000 }),
    { op: 'payment.capture', payment: 'skb' },
    refundRequest({ id: 'rA', payment: 'skb', amount: 5 }),
    refundRequest({ id: 'rB', payment: 'skb', amount: 5 }),
    { op: 'refund_request.reject', refundRequest: 'rA' },
  ];

  it('its re-estimate left out, with another change put before the rejection', () => {
    const journal = journalOf(commands);
    expect(journal[4]!.changes.map((change) => change['kind'])).toEqual(['refund_request_rejected', 'refund_request_reestimated']);
    journal[4]!.changes = [{ kind: 'payout_settings_updated', settings: { merchant: 's1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 } }, journal[4]!.changes[0]!];
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 5 cannot be applied: it re-estimates no request, where settling it re-estimates rB (platform 1, s1 4)');
  });

  it('two settlements in one entry', () => {
    const journal = journalOf(commands);
    journal[4]!.changes = [journal[4]!.changes[0]!, { kind: 'refund_request_rejected', refundRequest: 'rB' }];
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 5 cannot be applied: it settles refund requests rA and rB: an entry settles one');
  });
});

describe('a marketplace capture\'s split is one the engine takes at that moment', () => {
  const authorized = (id: string): Command => omit(goldenPayment(id, { capture: false }), 'split');

  it('a card captured at creation split 700 of its 1,000 (the rest left to the platform)', () => {
    const journal = journalOf([goldenPayment('p', { split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] })]);
    const capture = journal[0]!.changes[1]!;
    capture['split'] = [{ submerchantId: 'pm1', amount: 700, platformFee: 100 }];
    expect(replayed(journal)).toMatch(/^journal_entry_inapplicable: entry 1 cannot be applied: payment p captured with a split the engine refuses at immediate capture: split_sum_mismatch: /);
  });

  it('a partial capture of 600 split 500; a split naming pm1 twice; a zero line', () => {
    const partial = journalOf([authorized('p'), { op: 'payment.capture', payment: 'p', amount: 600, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 0 }] }]);
    partial[1]!.changes[0]!['split'] = [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }];
    expect(replayed(partial)).toMatch(/^journal_entry_inapplicable: entry 2 cannot be applied: payment p captured with a split the engine refuses at partial capture: split_sum_mismatch: /);
    const full = (split: unknown[]): string => {
      const journal = journalOf([authorized('p'), { op: 'payment.capture', payment: 'p', split: [{ submerchantId: 'pm1', amount: 600, platformFee: 0 }] }]);
      journal[1]!.changes[0]!['split'] = split;
      return replayed(journal);
    };
    expect(full([{ submerchantId: 'pm1', amount: 300, platformFee: 0 }, { submerchantId: 'pm1', amount: 300, platformFee: 0 }])).toMatch(/: payment p captured with a split the engine refuses at capture: split_duplicate_submerchant: /);
    expect(full([{ submerchantId: 'pm1', amount: 600, platformFee: 0 }, { submerchantId: 'pm2', amount: 0, platformFee: 0 }])).toMatch(/: payment p captured with a split the engine refuses at capture: split_line_amount_not_positive: /);
  });
});

describe('a settlement entry whose refund names another payment is refused for that, not with an internal error', () => {
  it('rB of p1 completed with a payment_refunded of p2', () => {
    const journal = journalOf([
      sellerPayment('p1', { paymentType: 'konbini' }),
      { op: 'payment.capture', payment: 'p1' },
      sellerPayment('p2', { paymentType: 'konbini' }),
      { op: 'payment.capture', payment: 'p2' },
      refundRequest({ id: 'rA', payment: 'p1', amount: 7 }),
      { op: 'refund_request.complete', refundRequest: 'rA' },
      refundRequest({ id: 'rB', payment: 'p1', amount: 7 }),
      { op: 'refund_request.complete', refundRequest: 'rB' },
    ]);
    expect(replayed(journal)).toBe('accepted');
    journal[7]!.changes.find((change) => change['kind'] === 'payment_refunded')!['payment'] = 'p2';
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 8 cannot be applied: a payment_refunded change names payment p2, the entry payment p1');
  });
});
