import { formatScenarioTable, merchantStatementCsv, merchantStatementsCsv, type ScenarioReport } from '@kanjo/ledger';
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
