import { merchantStatementCsv, merchantStatementsCsv, merchantStatementsCsvLines } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// TypeScript takes a string where an Iterable<string> is asked for, so
// `merchantStatementsCsv(journal, 'pm1')` compiled and answered a statement for each character
// ('p', 'm', '1'), each a header alone: a caller reading `.get('pm1')` got undefined, with no
// error. Those mistakes, and a list holding something other than ids, now throw TypeError.

const live = ledgerAfter([goldenPayment('pay_1')]);
const HEADER = 'seq,at,payment,record_type,currency,deposit,debit,balance\r\n';

describe('the merchants given to merchantStatementsCsv', () => {
  it('refuses one id given as a string, saying to pass it in a list', () => {
    expect(() => merchantStatementsCsv(live.journal, 'pm1')).toThrow(
      new TypeError('merchantStatementsCsv takes a list of merchant ids, not the string "pm1": pass [id], or use merchantStatementCsv for one merchant'),
    );
    expect(() => merchantStatementsCsvLines(live.journal, 'pm1')).toThrow(
      new TypeError('merchantStatementsCsvLines takes a list of merchant ids, not the string "pm1": pass [id], or use merchantStatementCsv for one merchant'),
    );
    // A String object is as iterable as the string it wraps (review 175).
    expect(() => merchantStatementsCsv(live.journal, new String('pm1') as unknown as string[])).toThrow(/^merchantStatementsCsv takes a list of merchant ids, not the string "pm1"/);
  });

  it('refuses a missing or non-iterable list, naming what it got', () => {
    const call = merchantStatementsCsv as (journal: unknown, merchants?: unknown) => unknown;
    expect(() => call(live.journal)).toThrow(
      new TypeError('merchantStatementsCsv takes a list of merchant ids as its second argument (an array or other iterable of strings), not nothing'),
    );
    expect(() => call(live.journal, null)).toThrow(/second argument .* not null$/);
    expect(() => call(live.journal, { pm1: true })).toThrow(/not \{"pm1":true\}$/);
  });

  it('refuses an id that is not a string, naming its place in the list', () => {
    const call = merchantStatementsCsv as (journal: unknown, merchants: unknown) => unknown;
    expect(() => call(live.journal, ['pm1', 7])).toThrow(new TypeError('merchantStatementsCsv merchants[1] must be a merchant id (a string), not 7'));
    const single = merchantStatementCsv as (journal: unknown, merchant: unknown) => unknown;
    expect(() => single(live.journal, ['pm1'])).toThrow(new TypeError('merchantStatementCsv: merchant must be a merchant id (a string), not ["pm1"]'));
  });

  it('still takes any iterable of ids: a list, a Set, a Map of keys, a generator', () => {
    const expected = merchantStatementsCsv(live.journal, ['pm1', 'nobody']);
    expect(expected.get('pm1')).toBe(`${HEADER}1,1970-01-01T00:00:00.000Z,pay_1,Payment Transfer,JPY,700,0,700\r\n1,1970-01-01T00:00:00.000Z,pay_1,Platform Fee,JPY,0,70,630\r\n`);
    expect(expected.get('nobody')).toBe(HEADER);
    expect(merchantStatementsCsv(live.journal, new Set(['pm1', 'nobody']))).toEqual(expected);
    expect(merchantStatementsCsv(live.journal, new Map([['pm1', 1], ['nobody', 2]]).keys())).toEqual(expected);
    expect(merchantStatementsCsv(live.journal, (function* () { yield 'pm1'; yield 'nobody'; })())).toEqual(expected);
  });
});
