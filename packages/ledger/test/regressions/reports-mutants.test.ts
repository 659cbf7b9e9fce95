import { formatScenarioCsv, formatScenarioTable, type ScenarioReport } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

/**
 * Mutation testing of the pure report functions: each test failed with one deliberate wrong
 * line in packages/ledger/src/reports (named in the test) that no other test noticed.
 */
const report = (records: ScenarioReport['records'], extra: Partial<ScenarioReport> = {}): ScenarioReport => ({ results: [], balances: {}, payments: {}, records, events: [], ...extra });

describe('formatScenarioCsv: RFC 4180 fields', () => {
  // csvField: "quoted when it holds a comma, a quote, or a line break". A report built in code
  // may hold any text (the engine refuses control characters in ids, a hand-made report does
  // not); a lone CR is a line break to most CSV readers (Excel, Python's csv). Mutant: \r left
  // out of the pattern, so "a\rb" was written bare and split the row.
  it('a field with a lone CR, a lone LF or CRLF is quoted', () => {
    const csv = formatScenarioCsv(report([
      { seq: 1, payment: 'a\rb', merchant: 'm', type: 'Payment', currency: 'JPY', deposit: 1, debit: 0 },
      { seq: 2, payment: 'c\nd', merchant: 'm', type: 'Payment', currency: 'JPY', deposit: 1, debit: 0 },
      { seq: 3, payment: 'e\r\nf', merchant: 'm', type: 'Payment', currency: 'JPY', deposit: 1, debit: 0 },
    ]));
    expect(csv).toBe('seq,payment,merchant,type,currency,deposit,debit\r\n1,"a\rb",m,Payment,JPY,1,0\r\n2,"c\nd",m,Payment,JPY,1,0\r\n3,"e\r\nf",m,Payment,JPY,1,0\r\n');
  });
});

describe('formatScenarioTable: columns by display width', () => {
  // display-width.ts: a grapheme takes "none when it is only combining or zero-width marks,
  // otherwise one". Mutant: every grapheme that is not wide counted as one column, so "café"
  // written with a combining accent (e + U+0301) and a zero-width space each took a column
  // more than the terminal draws, and their rows were padded one space short.
  // A zero-width space is written as its escape (it would make `x` and `x` + U+200B read alike);
  // a zero-width joiner, which emoji are written with, is written as it is and takes no column.
  it('a combining accent and a zero-width joiner take no column; a zero-width space is written as its escape', () => {
    const table = formatScenarioTable(report([
      { seq: 1, payment: 'cafe\u0301', merchant: 'm', type: 'Payment', currency: 'JPY', deposit: 1, debit: 0 },
      { seq: 2, payment: 'abcde', merchant: 'm', type: 'Payment', currency: 'JPY', deposit: 2, debit: 0 },
      { seq: 3, payment: 'x\u200d', merchant: 'm', type: 'Payment', currency: 'JPY', deposit: 0, debit: 0 },
      { seq: 4, payment: 'y\u200b', merchant: 'm', type: 'Payment', currency: 'JPY', deposit: 0, debit: 0 },
    ], { balances: { m: { JPY: 3 } } }));
    expect(table.split('\n')).toEqual([
      '0 commands: 0 accepted, 0 rejected',
      '',
      'm (JPY)',
      'seq  payment  record   deposit  debit  balance',
      '---  -------  -------  -------  -----  -------',
      '  1  cafe\u0301     Payment        1      0        1',
      '  2  abcde    Payment        2      0        3',
      '  3  x\u200d        Payment        0      0        3',
      '  4  y\\u200b  Payment        0      0        3',
      'closing balance: 3 JPY',
      '',
    ]);
  });
});

describe('formatScenarioTable: the title stays on its line', () => {
  // format-scenario-table.ts: text from outside "kept on its line: a line break there would
  // start lines of the … choosing in a report people read"; kanjo run titles the table with the
  // scenario's path, which may hold a line break. Mutant: the title printed as given.
  it('a line break in the title is written as \\u000a', () => {
    expect(formatScenarioTable(report([]), 'a\nclosing balance: 1 JPY').split('\n')).toEqual(['# a\\u000aclosing balance: 1 JPY', '0 commands: 0 accepted, 0 rejected', '']);
  });
});
