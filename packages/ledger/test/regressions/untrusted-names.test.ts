import { createLedger, hledgerJournalLines, replayJournal, type Command, type Entry, type Posting } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, refundRequest } from '../support/fixtures.js';
import { appended, ledgerAfter, newLedger, rejected } from '../support/ledger-harness.js';

// Review findings (session 3): ids and journal names reach the plain-text export and the
// reconciliation report unchecked.
// 1. An id holding a line break was accepted and, in the hledger export, started postings of
//    the caller's choosing in the middle of a transaction.
// 2. `kanjo reconcile` accepted a journal edited to book money to a merchant that is not in
//    the configuration: the entry still balanced, the report lists configured merchants
//    only, so the money vanished from it and the check passed.

const FORGED = 'p1\n    Assets:Bank:Payouts  1000000 JPY\n    Liabilities:Merchants:pm1  -1000000 JPY';

describe('ids with control characters or line breaks are rejected id_invalid', () => {
  const breaks = ['p\n1', 'p\r1', 'p\t1', 'p\u00001', 'p\u007f1', 'p\u00851', 'p\u20281', FORGED];
  for (const id of breaks) {
    it(`payment id ${JSON.stringify(id).slice(0, 24)}`, () => {
      expect(rejected(newLedger(), goldenPayment(id), 'id_invalid')).toContain('control character or line break');
    });
  }

  it('a refund request id and a session id', () => {
    const ledger = ledgerAfter([konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' }]);
    rejected(ledger, refundRequest({ id: 'rq\n2', payment: 'kb_1' }), 'id_invalid');
    const session = { op: 'session.create', id: 'ses\n1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'auto' } as Command;
    rejected(ledger, session, 'id_invalid');
  });

  it('ids with other punctuation and non-ASCII letters stay valid', () => {
    const ledger = newLedger();
    for (const id of ['pay_1;x', 'ご注文-42', 'a:b/c#d', 'x y']) expect(appended(ledger, goldenPayment(id)).payment).toBe(id);
  });

  it('a merchant id with a control character is config_merchant_id_invalid', () => {
    const created = createLedger({ merchants: [{ id: 'mart\u0001', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }] });
    expect(created.ok ? 'created' : created.error.code).toBe('config_merchant_id_invalid');
  });
});

describe('the hledger export keeps a description on its line, whatever a replayed journal holds', () => {
  it('a payment id with line breaks from a journal file is refused by replay, and a state holding one anyway is exported escaped', () => {
    const live = ledgerAfter([goldenPayment('pay_1')]);
    const [entry] = live.journal as readonly Entry[];
    if (entry === undefined) throw new Error('no entry');
    // Every change names the entry's payment (replay checks it): forge the id throughout.
    const forged = JSON.parse(JSON.stringify(entry).replaceAll('"pay_1"', JSON.stringify(FORGED))) as Entry;
    // The first defence: the engine refuses such an id (id_invalid), and so does replay.
    expect(replayJournal(CONFIG, [forged])).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable', message: expect.stringContaining('holds a control character or line break') } });
    // The second: the export escapes what a state built some other way still holds.
    const text = [...hledgerJournalLines({ ...live.state, journal: [forged] })].join('');
    expect(text).toContain('payment.create p1\\u000a    Assets:Bank:Payouts  1000000 JPY\\u000a    Liabilities:Merchants:pm1  -1000000 JPY\n');
    expect(text.split('\n').filter((line) => line.startsWith('    Assets:Bank:Payouts'))).toEqual([]);
  });

  it('a payment id with ";" (a valid id) is written whole, its ";" escaped: hledger would read the rest as a comment', () => {
    const text = [...hledgerJournalLines(ledgerAfter([goldenPayment('pay_1;x')]).state)].join('');
    expect(text.split('\n').filter((line) => line.includes('payment.create'))).toEqual(['1970-01-01 * (1) payment.create pay_1\\u003bx']);
  });

  // Unescaped, payment `x\u003by` (a valid id: a backslash, then letters and digits) was written
  // `x\u003by`, as payment `x;y` is: two payments of one description.
  it('a payment id with "\\" is written with its "\\" escaped too, so no two payments share a description', () => {
    const text = [...hledgerJournalLines(ledgerAfter([goldenPayment('x;y'), goldenPayment('x\\u003by', { at: '1970-01-01T00:00:01Z' })]).state)].join('');
    expect(text.split('\n').filter((line) => line.includes('payment.create'))).toEqual([
      '1970-01-01 * (1) payment.create x\\u003by',
      '1970-01-01 * (2) payment.create x\\u005cu003by',
    ]);
  });
});

describe('replay refuses postings this configuration could not have written (journal_entry_inapplicable)', () => {
  const live = ledgerAfter([goldenPayment('pay_1')]);
  const [entry] = live.journal as readonly Entry[];
  if (entry === undefined) throw new Error('no entry');
  const withPosting = (index: number, change: { readonly [K in keyof Posting]?: Posting[K] | undefined }): Entry => ({
    ...entry,
    postings: entry.postings.map((posting, at) => (at === index ? ({ ...posting, ...change } as Posting) : posting)),
  });
  const merchantIndex = entry.postings.findIndex((posting) => posting.merchant === 'pm1');
  const outsideIndex = entry.postings.findIndex((posting) => posting.merchant === undefined);
  const cases: [string, Entry, string][] = [
    ['money booked to a merchant not in the configuration', withPosting(merchantIndex, { account: 'Liabilities:Merchants:ghost', merchant: 'ghost' }), 'account "Liabilities:Merchants:ghost" is neither KOMOJU\'s nor that of a merchant configured in the journal\'s book'],
    ['money booked to an outside account Kanjo does not have', withPosting(outsideIndex, { account: 'Assets:Elsewhere' }), 'account "Assets:Elsewhere" is neither'],
    ['a merchant posting that moves another merchant\'s balance', withPosting(merchantIndex, { merchant: 'pm2' }), 'a posting on Liabilities:Merchants:pm1 moves the balance of merchant "pm2"'],
    ['a merchant account posting that moves no balance', withPosting(merchantIndex, { merchant: undefined }), 'a posting on Liabilities:Merchants:pm1 moves the balance of no merchant'],
    ['an unknown record type', withPosting(outsideIndex, { recordType: 'Gift' as Posting['recordType'] }), 'record type "Gift" is not one of KOMOJU\'s'],
    ['a currency with a line break', withPosting(outsideIndex, { currency: 'JPY\n' }), 'currency "JPY\\n" is not an ISO 4217 code'],
  ];
  for (const [what, broken, message] of cases) {
    it(what, () => {
      const replayed = replayJournal(CONFIG, [broken]);
      expect(replayed).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable', message: expect.stringContaining(`entry 1 cannot be applied: ${message}`) } });
    });
  }

  it('the engine\'s own journal still replays', () => {
    expect(replayJournal(CONFIG, live.journal).ok).toBe(true);
  });
});
