import { formatScenarioCsv, formatScenarioTable, merchantStatementCsv, merchantStatementsCsv, scenarioCsvLines, scenarioTableLines, type ScenarioReport } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, sellerPayment } from './support/fixtures.js';
import { ledgerAfter } from './support/ledger-harness.js';

describe('the table of a large scenario', () => {
  // 200,000 rows of one merchant: the column widths were taken by spreading every row as
  // arguments of Math.max, which overflows the call stack ("internal error" from kanjo run).
  const rows = 200_000;
  const report: ScenarioReport = {
    results: [],
    balances: { mart: { JPY: rows * 10 }, idle: {} },
    payments: {},
    records: Array.from({ length: rows }, (_, index) => ({ seq: index + 1, payment: `p${index + 1}`, merchant: 'mart', type: 'Payment' as const, currency: 'JPY', deposit: 10, debit: 0 })),
    events: [],
  };

  it('prints every row aligned to the widest cell, with the running balance to the last row', () => {
    const lines = formatScenarioTable(report).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '0 commands: 0 accepted, 0 rejected',
      '',
      'mart (JPY)',
      '   seq  payment  record   deposit  debit  balance',
      '------  -------  -------  -------  -----  -------',
    ]);
    expect(lines.slice(rows + 4)).toEqual([
      '200000  p200000  Payment       10      0  2000000',
      'closing balance: 2000000 JPY',
      '',
      'idle: no records',
      '',
    ]);
  });
});

describe('the table and ids holding bidi controls (ids may; review 155)', () => {
  // U+202E (right-to-left override) ends the payment id: written raw, a viewer applying bidi
  // showed the rest of its row right to left (100070 as 070001), and the column was counted
  // one wider than a terminal draws it.
  const report: ScenarioReport = {
    results: [
      { index: 0, op: 'payment.create', ok: true },
      { index: 1, op: 'x\u2066y', ok: false, error: { code: 'op_unknown', message: 'unknown op "x\u2066y"' } },
    ],
    balances: { 'm\u202b': { JPY: 100075 }, 'idle\u200f': {} },
    payments: { 'pay\u202e': { status: 'captured', amount: 100070, captured_amount: 100070, refunded_amount: 0, currency: 'JPY' } },
    records: [
      { seq: 1, payment: 'pay\u202e', merchant: 'm\u202b', type: 'Payment Transfer', currency: 'JPY', deposit: 100070, debit: 0 },
      { seq: 2, payment: 'pay_2', merchant: 'm\u202b', type: 'Payment Transfer', currency: 'JPY', deposit: 5, debit: 0 },
    ],
    events: [],
  };

  it('writes each as a \\uXXXX escape, in ids, merchant headings, ops and messages, and aligns the columns on the escaped text', () => {
    expect(formatScenarioTable(report).split('\n')).toEqual([
      '2 commands: 1 accepted, 1 rejected',
      '  #1 "x\\u2066y": op_unknown: unknown op "x\\u2066y"',
      '',
      'm\\u202b (JPY)',
      'seq  payment    record            deposit  debit  balance',
      '---  ---------  ----------------  -------  -----  -------',
      '  1  pay\\u202e  Payment Transfer   100070      0   100070',
      '  2  pay_2      Payment Transfer        5      0   100075',
      'closing balance: 100075 JPY',
      '',
      'idle\\u200f: no records',
      '',
      'payments',
      'payment    status    amount  captured  refunded  currency',
      '---------  --------  ------  --------  --------  --------',
      'pay\\u202e  captured  100070    100070         0  JPY',
      '',
    ]);
  });
});

describe('the table and the CSV given a line at a time (kanjo run writes them in batches)', () => {
  // Built whole, a scenario's table passed V8's longest string (about 512 MiB) near 700,000
  // payments and its CSV near a million: `kanjo run` died with "Invalid string length".
  const report: ScenarioReport = {
    results: [{ index: 0, op: 'payment.create', ok: true }, { index: 1, op: 'payment.refund', ok: false, error: { code: 'refund_exceeds_share', message: 'too much' } }],
    balances: { mart: { JPY: 60, USD: -5 }, pm1: { JPY: 630 }, idle: {} },
    payments: { pay_1: { status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' } },
    records: [
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Payment', currency: 'JPY', deposit: 1000, debit: 0 },
      { seq: 1, payment: 'pay_1', merchant: 'pm1', type: 'Payment Transfer', currency: 'JPY', deposit: 700, debit: 0 },
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Payment Transfer', currency: 'JPY', deposit: 0, debit: 940 },
      { seq: 2, merchant: 'mart', type: 'Balance Transfer', currency: 'USD', deposit: 0, debit: 5 },
      { seq: 3, payment: 'pay_1', merchant: 'pm1', type: 'Platform Fee', currency: 'JPY', deposit: 0, debit: 70 },
    ],
    events: [],
  };

  it('each table piece is one line with its line break, and the pieces are exactly formatScenarioTable', () => {
    const pieces = [...scenarioTableLines(report, 'file.json')];
    expect(pieces.join('')).toBe(formatScenarioTable(report, 'file.json'));
    for (const piece of pieces) expect(piece).toMatch(/^[^\n]*\n$/);
    expect(pieces).toEqual([
      '# file.json\n',
      '2 commands: 1 accepted, 1 rejected\n',
      '  #1 payment.refund: refund_exceeds_share: too much\n',
      '\n',
      'mart (JPY)\n',
      'seq  payment  record            deposit  debit  balance\n',
      '---  -------  ----------------  -------  -----  -------\n',
      '  1  pay_1    Payment              1000      0     1000\n',
      '  1  pay_1    Payment Transfer        0    940       60\n',
      'closing balance: 60 JPY\n',
      '\n',
      'mart (USD)\n',
      'seq  payment  record            deposit  debit  balance\n',
      '---  -------  ----------------  -------  -----  -------\n',
      '  2           Balance Transfer     0.00   0.05    -0.05\n',
      'closing balance: -0.05 USD\n',
      '\n',
      'pm1 (JPY)\n',
      'seq  payment  record            deposit  debit  balance\n',
      '---  -------  ----------------  -------  -----  -------\n',
      '  1  pay_1    Payment Transfer      700      0      700\n',
      '  3  pay_1    Platform Fee            0     70      630\n',
      'closing balance: 630 JPY\n',
      '\n',
      'idle: no records\n',
      '\n',
      'payments\n',
      'payment  status    amount  captured  refunded  currency\n',
      '-------  --------  ------  --------  --------  --------\n',
      'pay_1    captured    1000      1000         0  JPY\n',
    ]);
  });

  it('each CSV piece is one record with its CRLF, and the pieces are exactly formatScenarioCsv', () => {
    const pieces = [...scenarioCsvLines(report)];
    expect(pieces.join('')).toBe(formatScenarioCsv(report));
    expect(pieces).toEqual([
      'seq,payment,merchant,type,currency,deposit,debit\r\n',
      '1,pay_1,mart,Payment,JPY,1000,0\r\n',
      '1,pay_1,pm1,Payment Transfer,JPY,700,0\r\n',
      '1,pay_1,mart,Payment Transfer,JPY,0,940\r\n',
      '2,,mart,Balance Transfer,USD,0,5\r\n',
      '3,pay_1,pm1,Platform Fee,JPY,0,70\r\n',
    ]);
  });
});

describe('merchant statements written together', () => {
  const ledger = ledgerAfter([
    goldenPayment('pay_1'),
    goldenPayment('pay_2', { amount: 2000, split: [{ submerchantId: 'pm1', amount: 2000, platformFee: 200 }] }),
    { op: 'payment.refund', payment: 'pay_1' },
    sellerPayment('sp_1'),
    { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm2', amount: 10, currency: 'JPY' },
  ]);
  const merchants = ['mart', 'pm1', 'pm2', 'pm3', 'plt', 's1'];

  it('are, merchant by merchant, the statement written alone', () => {
    const together = merchantStatementsCsv(ledger.journal, merchants);
    expect([...together.keys()]).toEqual(merchants);
    for (const merchant of merchants) expect([merchant, together.get(merchant)]).toEqual([merchant, merchantStatementCsv(ledger.journal, merchant)]);
  });

  it('give each merchant only its own records with its running balance', () => {
    const together = merchantStatementsCsv(ledger.journal, ['pm2', 'pm3']);
    expect(together.get('pm2')).toBe(
      'seq,at,payment,record_type,currency,deposit,debit,balance\r\n' +
        '1,1970-01-01T00:00:00.000Z,pay_1,Payment Transfer,JPY,300,0,300\r\n' +
        '1,1970-01-01T00:00:00.000Z,pay_1,Platform Fee,JPY,0,30,270\r\n' +
        '3,1970-01-01T00:00:00.000Z,pay_1,Payment Transfer Return,JPY,0,270,0\r\n' +
        '5,1970-01-01T00:00:00.000Z,,Balance Transfer,JPY,10,0,10\r\n',
    );
    expect(together.get('pm3')).toBe('seq,at,payment,record_type,currency,deposit,debit,balance\r\n');
  });
});
