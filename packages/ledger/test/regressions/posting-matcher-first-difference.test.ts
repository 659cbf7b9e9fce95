import { describe, expect, it } from 'vitest';
import { goldenPayment } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome } from '../support/raw-journal.js';

// PostingMatcher's TSDoc: "The first difference is kept in mismatch". A movement whose two
// postings both differ from the engine's was refused naming its second posting: the credit's
// comparison overwrote the debit's. Found by a StrykerJS run over posting-matcher.ts.

const capture = (what: string): string => `journal_entry_inapplicable: entry 1 cannot be applied: the capture of payment pay_1: ${what}`;

describe('replay names the first posting that differs from the engine\'s, also when both postings of a movement differ', () => {
  it('the Payment Transfer to pm1 booked in USD on both sides is refused naming posting 3, its debit', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.postings[2]!['currency'] = 'USD';
    journal[0]!.postings[3]!['currency'] = 'USD';
    expect(replayOutcome(journal)).toBe(capture('posting 3 is 700 (7.00 USD) Payment Transfer on Liabilities:Merchants:mart, where the engine posts 700 JPY Payment Transfer on Liabilities:Merchants:mart'));
  });

  it('the Processing Fee Tax movement left out (postings 13 and 14) is refused naming posting 13 as missing', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.postings.splice(12, 2);
    expect(replayOutcome(journal)).toBe(capture('posting 13 is missing: the engine posts 4 JPY Processing Fee Tax on Liabilities:Merchants:mart'));
  });
});
