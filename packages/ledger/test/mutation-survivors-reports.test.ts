import { formatScenarioCsv, hledgerAccountName, hledgerJournalLines, merchantStatementFileName, type ScenarioReport } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from './support/fixtures.js';
import { ledgerAfter, newLedger } from './support/ledger-harness.js';

/**
 * Survivors of a StrykerJS run over packages/ledger/src/reports (hledger-journal.ts,
 * merchant-statement-csv.ts, csv-field.ts, format-scenario-csv.ts, journal-ndjson.ts,
 * escape-characters.ts) against the library-level report tests. Each test names the mutant it
 * kills; each asserts exact bytes, so it passes on the real code and fails on the mutant.
 */

const hledger = (state: Parameters<typeof hledgerJournalLines>[0]): string => [...hledgerJournalLines(state)].join('');

/** The golden ¥1,000 marketplace payment's export, whole (declarations, transaction, closing). */
const GOLDEN_EXPORT = [
  "; Kanjo journal export: test book, dates in UTC+09:00, amounts in each currency's unit (ISO 4217 decimals)\n",
  '\n',
  'account Assets:Receivable:Customers\n',
  'account Liabilities:Merchants:mart\n',
  'account Liabilities:Merchants:pm1\n',
  'account Liabilities:Merchants:pm2\n',
  'account Income:Fees:Processing\n',
  'account Liabilities:Tax:Consumption\n',
  'commodity JPY\n',
  '\n',
  '1970-01-01 * (1) payment.create pay_1\n',
  '    Assets:Receivable:Customers  1000 JPY  ; Payment\n',
  '    Liabilities:Merchants:mart  -1000 JPY  ; Payment\n',
  '    Liabilities:Merchants:mart  700 JPY  ; Payment Transfer\n',
  '    Liabilities:Merchants:pm1  -700 JPY  ; Payment Transfer\n',
  '    Liabilities:Merchants:pm1  70 JPY  ; Platform Fee\n',
  '    Liabilities:Merchants:mart  -70 JPY  ; Platform Fee\n',
  '    Liabilities:Merchants:mart  300 JPY  ; Payment Transfer\n',
  '    Liabilities:Merchants:pm2  -300 JPY  ; Payment Transfer\n',
  '    Liabilities:Merchants:pm2  30 JPY  ; Platform Fee\n',
  '    Liabilities:Merchants:mart  -30 JPY  ; Platform Fee\n',
  '    Liabilities:Merchants:mart  36 JPY  ; Processing Fee\n',
  '    Income:Fees:Processing  -36 JPY  ; Processing Fee\n',
  '    Liabilities:Merchants:mart  4 JPY  ; Processing Fee Tax\n',
  '    Liabilities:Tax:Consumption  -4 JPY  ; Processing Fee Tax\n',
  '\n',
  '1970-01-01 * closing balances per merchant (Kanjo)\n',
  '    Liabilities:Merchants:mart  0 JPY = -60 JPY\n',
  '    Liabilities:Merchants:pm1  0 JPY = -630 JPY\n',
  '    Liabilities:Merchants:pm2  0 JPY = -270 JPY\n',
  '\n',
].join('');

describe('hledgerJournalLines: the whole export, byte for byte', () => {
  // Mutants: the header line yielded as ``; the declarations' loop never entered (`false`,
  // `index >= count`, its bodies emptied); `accounts.size === 0` read `true`; the `account`,
  // `commodity` lines or the blank line after them written as ``. Every library test read the
  // export with toContain or through hledger itself (CLI tests, on the built dist).
  it('one captured payment: header, account and commodity declarations, the transaction, the closing assertions', () => {
    expect(hledger(ledgerAfter([goldenPayment()]).state)).toBe(GOLDEN_EXPORT);
  });

  // Mutants: `if (accounts.size === 0) return ''` read `false` or `!== 0` (a lone blank line
  // declared nothing), and `if (assertions !== '')` read `true` (a closing transaction with no
  // posting, dated 1970-01-01, in an empty ledger's export).
  it('a ledger with no entry: the header line and its blank line, nothing else', () => {
    expect(hledger(newLedger().state)).toBe("; Kanjo journal export: test book, dates in UTC+09:00, amounts in each currency's unit (ISO 4217 decimals)\n\n");
  });

  // Mutant: `entry.payment === undefined ? '' : …` gave the text "Stryker was here!": an entry
  // with no payment (a balance transfer) must end its description at the op.
  it('an entry with no payment (balance.transfer) is described by its op alone', () => {
    const ledger = ledgerAfter([goldenPayment(), { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 10, currency: 'JPY' }]);
    expect(hledger(ledger.state)).toContain('\n1970-01-01 * (2) balance.transfer\n    Liabilities:Merchants:mart  10 JPY  ; Balance Transfer\n    Liabilities:Merchants:pm1  -10 JPY  ; Balance Transfer\n\n');
  });

  // Mutant: `let lastDate = '1970-01-01'` read `""`. A state built in code (the export takes any
  // LedgerStateView) may hold balances and no transaction: the closing line still needs a date
  // hledger reads, and the documented first one is 1970-01-01.
  it('closing assertions with no transaction before them are dated 1970-01-01', () => {
    const state = ledgerAfter([goldenPayment()]).state;
    expect(hledger({ ...state, journal: [] })).toBe([
      "; Kanjo journal export: test book, dates in UTC+09:00, amounts in each currency's unit (ISO 4217 decimals)\n\n",
      '1970-01-01 * closing balances per merchant (Kanjo)\n',
      '    Liabilities:Merchants:mart  0 JPY = -60 JPY\n',
      '    Liabilities:Merchants:pm1  0 JPY = -630 JPY\n',
      '    Liabilities:Merchants:pm2  0 JPY = -270 JPY\n',
      '\n',
    ].join(''));
  });
});

describe('hledgerJournalLines: the header names the offset as UTC±hh:mm', () => {
  // Mutants of utcOffsetName: the sign (`<= 0`, `>= 0`, `true`, `false`, '-' or '+' emptied),
  // `size / 60` and `size % 60` read `size * 60`, twoDigits not padding or returning undefined,
  // the whole name ``. Only +09:00 (the default) was ever exported by a library test.
  it.each([
    ['Z', 'UTC+00:00'],
    ['+05:45', 'UTC+05:45'],
    ['-03:30', 'UTC-03:30'],
    ['-10', 'UTC-10:00'],
    ['+14:00', 'UTC+14:00'],
  ])('timeZone %s is written %s', (timeZone, name) => {
    const first = hledgerJournalLines(newLedger({ ...CONFIG, timeZone }).state).next().value;
    expect(first).toBe(`; Kanjo journal export: test book, dates in ${name}, amounts in each currency's unit (ISO 4217 decimals)\n\n`);
  });
});

describe('hledgerAccountName: only a merchant account is encoded', () => {
  // Mutant: `if (!account.startsWith(MERCHANT_ACCOUNT_PREFIX)) return account` read `false`: the
  // part of any account past the prefix's length was percent-encoded. The engine's own other
  // accounts happen to hold no `:` there, but the function is public and says "every other
  // account as it is".
  it('an account outside Liabilities:Merchants: is returned as it is, whatever its : and %', () => {
    expect(hledgerAccountName('Expenses:Bank:Charges:Wire:Fees%')).toBe('Expenses:Bank:Charges:Wire:Fees%');
    expect(hledgerAccountName('Liabilities:Merchants:a:b%c')).toBe('Liabilities:Merchants:a%3Ab%25c');
  });

  it('an account that is not a string throws a TypeError that says so (review 151: "account.startsWith is not a function")', () => {
    expect(() => hledgerAccountName(5 as never)).toThrow(new TypeError('hledgerAccountName: account must be a journal account name (a string), got number'));
  });
});

describe('CSV fields: a quote inside a quoted field is doubled (RFC 4180)', () => {
  // Mutant (csv-field.ts): `replaceAll('"', '""')` read `replaceAll('"', "")`: the quote was
  // dropped, and `a"b` came back from a CSV reader as `ab`.
  it('payment a"b is written "a""b"', () => {
    const report: ScenarioReport = { results: [], balances: {}, payments: {}, events: [], records: [{ seq: 1, payment: 'a"b', merchant: 'm', type: 'Payment', currency: 'JPY', deposit: 1, debit: 0 }] };
    expect(formatScenarioCsv(report)).toBe('seq,payment,merchant,type,currency,deposit,debit\r\n1,"a""b",m,Payment,JPY,1,0\r\n');
  });
});

describe('merchantStatementFileName: UTF-8 lengths at each boundary, and the hash always 16 digits', () => {
  const SUFFIX_LENGTH = '%~0123456789abcdef.csv'.length; // 22: 233 bytes of room for the id
  const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

  // Mutants of utf8Length: `code < 0x80` read `<= 0x80` (U+0080 one byte), `code < 0x800` read
  // `false` (every 2-byte character three) or `<= 0x800` (U+0800 two bytes), `code < 0x10000`
  // read `<= 0x10000` (U+10000 three bytes). Each id below is 252 bytes: its plain name is 256,
  // so it must be cut to what fits in 233 bytes, whole characters, then %~ and the hash.
  it.each([
    ['U+0080 (2 bytes)', '\u0080', 126, 116],
    ['U+07FF (2 bytes)', '\u07ff', 126, 116],
    ['U+0800 (3 bytes)', '\u0800', 84, 77],
    ['U+FFFF (3 bytes)', '\uffff', 84, 77],
    ['U+10000 (4 bytes)', '\u{10000}', 63, 58],
  ])('%s × id length: cut to the whole characters that fit', (_name, character, count, kept) => {
    const name = merchantStatementFileName(character.repeat(count));
    expect(name.startsWith(`${character.repeat(kept)}%~`)).toBe(true);
    expect(name).toMatch(/%~[0-9a-f]{16}\.csv$/);
    expect([...name].length).toBe(kept + SUFFIX_LENGTH);
    expect(bytes(name)).toBeLessThanOrEqual(255);
  });

  // Mutant: fnv1a64Hex's `padStart(16, '0')` read `padStart(16, "")`: a hash with a leading zero
  // nibble lost it, the suffix was 21 characters and one more x was kept. FNV-1a 64 of this id
  // is 0fbb4a312390105a (found by search; 1 id in 16 has a leading zero).
  it('a hash with a leading zero keeps it: 16 hex digits', () => {
    expect(merchantStatementFileName(`${'x'.repeat(250)}3400`)).toBe(`${'x'.repeat(233)}%~0fbb4a312390105a.csv`);
  });
});
