import { merchantStatementsCsv, merchantStatementsCsvLines } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// A platform's statement has rows for every one of its payments: a marketplace's grows
// by about 420 characters a payment, and past some 1.3 million payments it is longer than a
// JavaScript string can be (2^29 - 24 UTF-16 units). `merchantStatementsCsv` joined each
// statement into one string, so `kanjo run --statements` of such a scenario threw
// `RangeError: Invalid string length`. `merchantStatementsCsvLines` gives the lines unjoined,
// and the command line writes them so.

// test/cli/statement-longer-than-a-string.test.ts writes one such statement (KANJO_BIG_CLI=1).

const live = ledgerAfter([goldenPayment('pay_1'), goldenPayment('pay_2')]);

describe('merchantStatementsCsv', () => {
  it('is the lines of merchantStatementsCsvLines joined, each line one row ending in CRLF', () => {
    const lines = merchantStatementsCsvLines(live.journal, ['mart', 'pm1', 'nobody']);
    expect(new Map(Array.from(lines, ([merchant, rows]) => [merchant, rows.join('')]))).toEqual(merchantStatementsCsv(live.journal, ['mart', 'pm1', 'nobody']));
    expect(lines.get('pm1')).toEqual([
      'seq,at,payment,record_type,currency,deposit,debit,balance\r\n',
      '1,1970-01-01T00:00:00.000Z,pay_1,Payment Transfer,JPY,700,0,700\r\n',
      '1,1970-01-01T00:00:00.000Z,pay_1,Platform Fee,JPY,0,70,630\r\n',
      '2,1970-01-01T00:00:00.000Z,pay_2,Payment Transfer,JPY,700,0,1330\r\n',
      '2,1970-01-01T00:00:00.000Z,pay_2,Platform Fee,JPY,0,70,1260\r\n',
    ]);
    expect(lines.get('nobody')).toEqual(['seq,at,payment,record_type,currency,deposit,debit,balance\r\n']);
  });
});
