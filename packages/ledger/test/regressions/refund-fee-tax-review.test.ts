import type { LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, FUNDED_KONBINI, refundRequest } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome } from '../support/raw-journal.js';

// Review 138: a compact journal whose refund request kept its ¥300 Refund Fee with a tax of 0
// (the holds and the completion's postings edited to match) reconciled with exit 0 and a
// platform ¥30 richer. DOMAIN.md: a Refund Fee "and its tax"; the tax rate and rounding hold
// for a ledger's whole life (README), so the tax on the fee a request kept is known. The fee
// itself is taken as kept: a new refundRequestFee may be configured later.

const COMMANDS = [...FUNDED_KONBINI, refundRequest({ id: 'rq', payment: 'kb_1' }), { op: 'refund_request.complete', refundRequest: 'rq' } as const];

/** The journal with the request's Refund Fee and tax as given. */
function withRefundFee(fee: number, tax: number, config: LedgerConfig = CONFIG) {
  const journal = rawJournalOf(COMMANDS, config);
  const created = journal[3]?.changes[0];
  if (created?.['kind'] !== 'refund_request_created') throw new Error('expected the request in entry 4');
  created['request'].refundFee = { fee: { type: 'Refund Fee', amount: fee }, tax: { type: 'Refund Fee Tax', amount: tax } };
  return journal;
}

describe('a refund request\'s Refund Fee Tax is the configuration\'s tax on the fee it kept', () => {
  it('the engine\'s own journal replays: ¥300 and its ¥30', () => {
    const journal = rawJournalOf(COMMANDS);
    expect(journal[3]?.changes[0]?.['request'].refundFee).toEqual({ fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } });
    expect(replayOutcome(journal)).toBe('accepted');
  });

  it('a tax of 0 or 31 on ¥300 at 10% is refused at the request, naming the tax it should be', () => {
    expect(replayOutcome(withRefundFee(300, 0))).toBe(
      'journal_entry_inapplicable: entry 4 cannot be applied: refund request rq keeps a Refund Fee of 300 with a tax of 0, not the 30 the configuration\'s tax rate and rounding put on it',
    );
    expect(replayOutcome(withRefundFee(300, 31))).toMatch(/refund request rq keeps a Refund Fee of 300 with a tax of 31, not the 30 /);
  });

  it('the rounding counts: ¥305 at 10% is taxed 31 half up and 30 floored', () => {
    expect(replayOutcome(withRefundFee(305, 31))).not.toMatch(/keeps a Refund Fee/);
    expect(replayOutcome(withRefundFee(305, 30))).toMatch(/keeps a Refund Fee of 305 with a tax of 30, not the 31 /);
    const floor: LedgerConfig = { ...CONFIG, rounding: 'floor' };
    expect(replayOutcome(withRefundFee(305, 31, floor), floor)).toMatch(/keeps a Refund Fee of 305 with a tax of 31, not the 30 /);
  });
});
