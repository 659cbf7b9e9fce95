import { formatScenarioTable, merchantBalances, merchantRecords, paymentView, type ScenarioReport } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment } from './support/fixtures.js';
import { prettyJsonChunks } from '../src/reports/pretty-json-chunks.js';
import { ledgerAfter } from './support/ledger-harness.js';

/**
 * Survivors of a StrykerJS run over merchant-balances.ts, payment-view.ts, merchant-records.ts,
 * display-width.ts and pretty-json-chunks.ts (packages/ledger/src/reports) against the
 * library-level report tests. Each test names the mutant it kills and asserts exact values.
 */

describe('merchantBalances: each merchant\'s currencies in code order', () => {
  // Mutants of the sort: comparator `true ? -1 : 1`, `false ? -1 : 1`, `a <= b`, `a >= b`,
  // `+1`, `() => undefined`, and the sort removed: balances listed as the ledger met the
  // currencies. Every library test touched one currency per merchant. The met order JPY, USD,
  // EUR is neither sorted nor sorted reversed, so a comparator that always answers one way fails.
  it('JPY, then USD, then EUR payments: every merchant lists EUR, JPY, USD (neither met order nor its reverse)', () => {
    const ledger = ledgerAfter([
      goldenPayment('pj'),
      goldenPayment('pu', { currency: 'USD' }),
      goldenPayment('pe', { currency: 'EUR' }),
    ]);
    const balances = merchantBalances(ledger.state);
    expect(Object.keys(balances['mart'] ?? {})).toEqual(['EUR', 'JPY', 'USD']);
    expect(Object.keys(balances['pm1'] ?? {})).toEqual(['EUR', 'JPY', 'USD']);
    expect(JSON.stringify(balances['pm2'])).toBe('{"EUR":270,"JPY":270,"USD":270}');
  });
});

describe('paymentView: refunded_amount is refunded plus charged back', () => {
  // Mutant: `refundedAmount + chargebackAmount` read `-`; the view was never taken of a
  // charged-back payment in a library test.
  it('a ¥1,000 payment charged back: refunded_amount 1000, status refunded', () => {
    const ledger = ledgerAfter([goldenPayment(), { op: 'payment.chargeback', payment: 'pay_1' }]);
    const payment = ledger.state.payments.get('pay_1');
    if (payment === undefined) throw new Error('pay_1 missing');
    expect(paymentView(payment)).toStrictEqual({ status: 'refunded', amount: 1000, captured_amount: 1000, refunded_amount: 1000, currency: 'JPY' });
  });
});

describe('merchantRecords: a record of an entry with no payment has no payment key', () => {
  // Mutant: `entry.payment === undefined` read `false`: a balance transfer's rows held
  // `payment: undefined`, which toEqual ignores but `'payment' in row` and Object.keys see.
  it('a balance transfer\'s two rows have exactly seq, at, merchant, type, currency, deposit, debit', () => {
    const ledger = ledgerAfter([goldenPayment(), { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 10, currency: 'JPY' }]);
    const rows = merchantRecords(ledger.state.journal).filter((record) => record.seq === 2);
    expect(rows.map((row) => Object.keys(row))).toEqual([
      ['seq', 'at', 'merchant', 'type', 'currency', 'deposit', 'debit'],
      ['seq', 'at', 'merchant', 'type', 'currency', 'deposit', 'debit'],
    ]);
  });
});

const paymentReport = (payments: readonly string[]): ScenarioReport => ({
  results: [],
  balances: { m: { JPY: payments.length } },
  payments: {},
  events: [],
  records: payments.map((payment, index) => ({ seq: index + 1, payment, merchant: 'm', type: 'Payment' as const, currency: 'JPY', deposit: 1, debit: 0 })),
});
const paymentCells = (payments: readonly string[]): string[] => formatScenarioTable(paymentReport(payments)).split('\n').slice(5, 5 + payments.length).map((line) => line.slice(5, line.indexOf('Payment ')));

describe('formatScenarioTable: wide characters take two columns', () => {
  // Mutants of display-width.ts: `if (WIDE.test(segment)) width += 2` read `if (false)`, and
  // each of the three parts of WIDE's pattern emptied (CJK; Hangul and fullwidth forms; the
  // astral ideographs and emoji). Each cell is padded to the widest, 8 columns here (wider than
  // the header "payment").
  it.each([
    ['店舗店舗 (CJK)', '店舗店舗'],
    ['한글한글 (Hangul)', '한글한글'],
    ['ＡＢＣＤ (fullwidth)', 'ＡＢＣＤ'],
    ['𠀀𠀀𠀀𠀀 (astral ideographs)', '𠀀𠀀𠀀𠀀'],
    ['😀😀😀😀 (emoji)', '😀😀😀😀'],
  ])('%s is two columns a character: it and "abcdefgh" line up', (_name, wide) => {
    expect(paymentCells([wide, 'abcdefgh'])).toEqual([`${wide}  `, 'abcdefgh  ']);
  });

  // Mutant: ZERO_WIDTH's `+` dropped, so a grapheme of two marks (a text starting with two
  // combining accents) counted as one column. The column is the header's 7 wide.
  it('a grapheme of two combining marks takes no column', () => {
    expect(paymentCells(['\u0301\u0301ab', 'abcd'])).toEqual(['\u0301\u0301ab       ', 'abcd     ']);
  });
});

describe('prettyJsonChunks: what JSON.stringify leaves out of an object is left out', () => {
  // Mutants of isOmitted: `typeof value === 'function'` and `typeof value === 'symbol'` read
  // `false` (or compared with ""): a function or symbol member was written `"f": null`.
  it('a function and a symbol member are skipped, at the top and one level down', () => {
    const value = { a: 1, f: () => 1, s: Symbol('s'), inner: { g: () => 2, t: Symbol('t'), b: 2 } };
    expect([...prettyJsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
    expect([...prettyJsonChunks(value)].join('')).toBe('{\n  "a": 1,\n  "inner": {\n    "b": 2\n  }\n}');
  });
});

describe('formatScenarioTable: reports built in code (every field the type leaves optional)', () => {
  // Mutants of the rejected-command line: `'(no op)'` emptied, `result.error?.code ?? ''` and
  // `result.error?.message ?? ''` given text, and both `?.` made `.` (a TypeError). A result
  // may be rejected with no error (from JavaScript: the type requires one) and an op may be empty.
  it('a rejected result with an empty op and no error: "#0 (no op): : "', () => {
    const report = { results: [{ index: 0, op: '', ok: false }], balances: {}, payments: {}, records: [], events: [] } as unknown as ScenarioReport;
    expect(formatScenarioTable(report)).toBe('1 commands: 0 accepted, 1 rejected\n  #0 (no op): : \n');
  });

  // Review 194: an unknown op of 100,000 characters was written whole on its table line.
  it('an unknown op is written as the warnings write it: a long one quoted and cut, an ordinary one as it is', () => {
    const report = {
      results: [
        { index: 0, op: 'x'.repeat(100_000), ok: false, error: { code: 'op_unknown', message: 'm' } },
        { index: 1, op: 'payment.teleport', ok: false, error: { code: 'op_unknown', message: 'm' } },
      ],
      balances: {},
      payments: {},
      records: [],
      events: [],
    } as unknown as ScenarioReport;
    expect(formatScenarioTable(report).split('\n').slice(1, 3)).toEqual([`  #0 "${'x'.repeat(64)}…": op_unknown: m`, '  #1 payment.teleport: op_unknown: m']);
  });

  // Mutant: `recordsByAccount.get(…) ?? []` read `?? ["Stryker was here"]`: a currency in the
  // balances with no record got a row made of a string.
  it('a balance with no records: the header rows and the closing balance only', () => {
    const report: ScenarioReport = { results: [], balances: { m: { JPY: 0 } }, payments: {}, records: [], events: [] };
    expect(formatScenarioTable(report)).toBe('0 commands: 0 accepted, 0 rejected\n\nm (JPY)\nseq  payment  record  deposit  debit  balance\n---  -------  ------  -------  -----  -------\nclosing balance: 0 JPY\n');
  });
});

describe('formatScenarioTable: a grapheme that starts with a mark but is not only marks', () => {
  // Mutant: ZERO_WIDTH's `$` dropped, so any grapheme starting with a mark took no column. A
  // combining accent followed by U+FF9E (halfwidth katakana voiced mark: it extends the
  // grapheme but is a letter, drawn one column wide) is one grapheme of one column.
  it('"\\u0301\\uff9eab" is three columns wide', () => {
    expect(paymentCells(['\u0301\uff9eab', 'abcd'])).toEqual(['\u0301\uff9eab      ', 'abcd     ']);
  });
});

describe('prettyJsonChunks: which containers are written member by member', () => {
  // Mutants: `depth < STREAMED_DEPTH` read `<=` or `true` for lists (a list two levels down
  // streamed too), and isPlain's `own === null` read `false` (a null-prototype object written
  // whole), or `true` (a class instance streamed). The text is the same either way; the
  // pieces are the documented contract.
  it('the top level and one level down are streamed; a null-prototype object is streamed; two levels down, and a class instance, are one piece', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { x: 1 });
    class Point {
      readonly y = 2;
    }
    expect([...prettyJsonChunks({ a: [[1, 2]], b: bare, c: new Point() })]).toEqual(['{', '\n  "a": ', '[', '\n    ', '[\n      1,\n      2\n    ]', '\n  ]', ',\n  "b": ', '{', '\n    "x": ', '1', '\n  }', ',\n  "c": ', '{\n    "y": 2\n  }', '\n}']);
  });
});
