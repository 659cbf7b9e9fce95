import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

/**
 * Review of what `kanjo run` writes: the table, the CSV, the statements, the hledger journal.
 * Each test quotes the rule (SCENARIO.md, the ledger README, the reports' own TSDoc) it checks.
 */
const work = mkdtempSync(join(tmpdir(), 'kanjo-exports-'));
const write = (name: string, document: unknown): string => {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
};

type Submerchant = { submerchant_id: string; amount: number; platform_fee: number };
const platform = (id: string, feeRate = '3.6%') => ({ id, type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: feeRate } } });
const payout = (id: string, owner = 'mart') => ({ id, type: 'payout', platform: owner });
const card = (id: string, amount: number, submerchants: Submerchant[], extra: Record<string, unknown> = {}) => ({
  op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants }, ...extra,
});

/** The heading lines (date, code, description) of the hledger journal `kanjo run --hledger` writes for `path`. */
const hledgerHeadings = (path: string): string[] => {
  const journal = `${path}.journal`;
  expect(kanjo(['run', path, '--format', 'json', '--hledger', journal]).status).toBe(0);
  return readFileSync(journal, 'utf8').split('\n').filter((line) => /^\d{4}-/.test(line));
};

describe('kanjo run exports (review findings)', () => {
  // README "Command line" / formatScenarioTable: the table is "for a person to read", its
  // columns aligned (text left, numbers right). A Japanese or emoji id takes two terminal
  // columns a character: padding by UTF-16 length pushed every cell after it out of line.
  it('table: ids of East Asian wide characters and emoji are padded by their display width', () => {
    const path = write('wide.json', {
      merchants: [platform('mart'), payout('店舗')],
      commands: [card('ご注文-1', 1000, [{ submerchant_id: '店舗', amount: 1000, platform_fee: 100 }]), card('p2', 2000, [{ submerchant_id: '店舗', amount: 2000, platform_fee: 200 }]), card('🎁x', 500, [{ submerchant_id: '店舗', amount: 500, platform_fee: 50 }])],
    });
    const { status, stdout } = kanjo(['run', path, '--format', 'table']);
    expect(status).toBe(0);
    const section = stdout.split('\n\n')[2];
    expect(section).toBe([
      '店舗 (JPY)',
      'seq  payment   record            deposit  debit  balance',
      '---  --------  ----------------  -------  -----  -------',
      '  1  ご注文-1  Payment Transfer     1000      0     1000',
      '  1  ご注文-1  Platform Fee            0    100      900',
      '  2  p2        Payment Transfer     2000      0     2900',
      '  2  p2        Platform Fee            0    200     2700',
      '  3  🎁x       Payment Transfer      500      0     3200',
      '  3  🎁x       Platform Fee            0     50     3150',
      'closing balance: 3150 JPY',
    ].join('\n'));
  });

  // formatScenarioTable's TSDoc: each merchant's records "with the running balance and its
  // closing balance"; the running balance after the last row is the closing balance. Summed in
  // floating point, a running balance that passes 2^53 within an entry (the Payment row before
  // its Payment Transfer) was rounded, and every row after it was off.
  it('table and statements: the running balance stays exact near Number.MAX_SAFE_INTEGER and ends at the closing balance', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const path = write('near-limit.json', {
      merchants: [platform('mart', '0%'), payout('pm')],
      commands: [
        card('p1', max, [{ submerchant_id: 'pm', amount: max, platform_fee: max - 5 }]),
        card('p2', 1000, [{ submerchant_id: 'pm', amount: 1000, platform_fee: 0 }]),
        card('p3', 1001, [{ submerchant_id: 'pm', amount: 1001, platform_fee: 0 }]),
      ],
    });
    const directory = join(work, 'near-limit-statements');
    const { status, stdout } = kanjo(['run', path, '--format', 'table', '--statements', directory]);
    expect(status).toBe(0);
    expect(stdout.split('\n\n')[1]).toBe([
      'mart (JPY)',
      'seq  payment  record                     deposit             debit           balance',
      '---  -------  ----------------  ----------------  ----------------  ----------------',
      '  1  p1       Payment           9007199254740991                 0  9007199254740991',
      '  1  p1       Payment Transfer                 0  9007199254740991                 0',
      '  1  p1       Platform Fee      9007199254740986                 0  9007199254740986',
      '  2  p2       Payment                       1000                 0  9007199254741986',
      '  2  p2       Payment Transfer                 0              1000  9007199254740986',
      '  3  p3       Payment                       1001                 0  9007199254741987',
      '  3  p3       Payment Transfer                 0              1001  9007199254740986',
      'closing balance: 9007199254740986 JPY',
    ].join('\n'));
    expect(readFileSync(join(directory, 'mart.csv'), 'utf8').split('\r\n').slice(-3)).toEqual([
      '3,1970-01-01T00:00:00.000Z,p3,Payment,JPY,1001,0,9007199254741987',
      '3,1970-01-01T00:00:00.000Z,p3,Payment Transfer,JPY,0,1001,9007199254740986',
      '',
    ]);
  });

  // The table is read by people; an earlier finding (validate-input.ts CONTROL_CHARACTER) is
  // that a line break from the input "could end a line in a plain-text export (hledger, the
  // table) and forge what follows". A rejected command's `op` is printed as the file wrote it:
  // an op holding line breaks forged a merchant section and its closing balance.
  it('table: a rejected command\'s op with line breaks stays on its line, escaped', () => {
    const path = write('forged-op.json', {
      merchants: [platform('mart')],
      commands: [{ op: 'x\n\nmart (JPY)\nclosing balance: 1000000 JPY' }],
    });
    const { status, stdout } = kanjo(['run', path, '--format', 'table']);
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(1)).toEqual([
      '1 commands: 0 accepted, 1 rejected',
      '  #0 "x\\n\\nmart (JPY)\\nclosing balance: 1000000 JPY": op_unknown: unknown op "x\\n\\nmart (JPY)\\nclosing balance: 1000000 JPY": see SCENARIO.md for the ops Kanjo runs',
      '',
      'mart: no records',
      '',
    ]);
  });

  // README: `--statements` writes "one CSV per merchant" into DIR. The file was named
  // `<id>.csv` as the id was written: a merchant id with "/" (a valid id: no space, no
  // control character) named a sub-directory that does not exist (exit 2 for a valid
  // scenario), and "../x" wrote outside DIR.
  it('statements: a merchant id with "/" or "../" gets its file inside DIR, its "/" and "%" percent-encoded', () => {
    const base = mkdtempSync(join(work, 'statements-'));
    const directory = join(base, 'out');
    const path = write('slash-ids.json', {
      merchants: [platform('mart'), payout('../escaped'), payout('a/b'), payout('100%')],
      commands: [card('p1', 1000, [{ submerchant_id: 'a/b', amount: 1000, platform_fee: 100 }])],
    });
    const { status, stderr } = kanjo(['run', path, '--format', 'json', '--statements', directory]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(existsSync(join(base, 'escaped.csv'))).toBe(false);
    expect(readdirSync(directory).sort()).toEqual(['..%2Fescaped.csv', '100%25.csv', 'a%2Fb.csv', 'mart.csv']);
    expect(readFileSync(join(directory, 'a%2Fb.csv'), 'utf8')).toBe(
      'seq,at,payment,record_type,currency,deposit,debit,balance\r\n'
        + '1,1970-01-01T00:00:00.000Z,p1,Payment Transfer,JPY,1000,0,1000\r\n'
        + '1,1970-01-01T00:00:00.000Z,p1,Platform Fee,JPY,0,100,900\r\n',
    );
  });

  // README "Rejection codes": `config_*` covers an "invalid id"; an id (id_invalid) may not hold
  // "a lone UTF-16 surrogate", which "cannot be written as UTF-8 (exports would turn it into
  // U+FFFD, another id)". Merchant ids were not checked: "pm\uD800" and "pm\uDC00" both became
  // "pm\uFFFD" in every export: one statement overwrote the other, the CSV could not tell them
  // apart, and the hledger export failed its own balance assertions.
  it('a merchant id holding a lone surrogate makes the file unusable: exit 2, config_merchant_id_invalid', () => {
    const path = join(work, 'surrogate.json');
    writeFileSync(path, '{"merchants":[{"id":"mart","type":"platform","business":"marketplace","payment_methods":{"credit_card":{"fee_rate":"3.6%"}}},{"id":"pm\\ud800","type":"payout","platform":"mart"}],"commands":[]}');
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'json']);
    expect({ status, stdout }).toEqual({ status: 2, stdout: '' });
    expect(stderr).toBe(`kanjo: ${path}: config_merchant_id_invalid: merchant id "pm\\ud800" must be 1 to 255 characters without spaces, control characters or lone UTF-16 surrogates\n`);
  });

  // The CSV is "one RFC 4180 row per record": a field holding a comma or a double quote is
  // quoted, its quotes doubled. A payment id may hold both (an id only excludes spaces and
  // control characters), so a CSV reader must get the id back whole.
  it('csv: a payment id with a comma and double quotes is quoted, its quotes doubled', () => {
    const path = write('quoted-id.json', { merchants: [platform('mart'), payout('pm1')], commands: [card('a,"b"', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }])] });
    const { status, stdout } = kanjo(['run', path, '--format', 'csv']);
    expect(status).toBe(0);
    expect(stdout.split('\r\n').slice(0, 2)).toEqual(['seq,payment,merchant,type,currency,deposit,debit', '1,"a,""b""",mart,Payment,JPY,1000,0']);
  });

  // The table shows each merchant's records per currency ("<merchant> (<currency>)") with the
  // running balance of that currency, ending at that currency's closing balance: a USD row must
  // not appear, or move the balance, in the JPY section.
  it('table: a merchant with two currencies has one section per currency, each with only its rows', () => {
    const path = write('two-currencies.json', {
      merchants: [platform('mart', '0%'), payout('pm1')],
      commands: [card('pj', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }]), card('pu', 500, [{ submerchant_id: 'pm1', amount: 500, platform_fee: 50 }], { currency: 'USD' })],
    });
    const { status, stdout } = kanjo(['run', path, '--format', 'table']);
    expect(status).toBe(0);
    const sections = stdout.split('\n\n').filter((section) => section.startsWith('pm1 ('));
    expect(sections).toEqual([
      [
        'pm1 (JPY)',
        'seq  payment  record            deposit  debit  balance',
        '---  -------  ----------------  -------  -----  -------',
        '  1  pj       Payment Transfer     1000      0     1000',
        '  1  pj       Platform Fee            0    100      900',
        'closing balance: 900 JPY',
      ].join('\n'),
      [
        'pm1 (USD)',
        'seq  payment  record            deposit  debit  balance',
        '---  -------  ----------------  -------  -----  -------',
        '  2  pu       Payment Transfer     5.00   0.00     5.00',
        '  2  pu       Platform Fee         0.00   0.50     4.50',
        'closing balance: 4.50 USD',
      ].join('\n'),
    ]);
  });

  // The table ends with a payments section (status, amount, captured, refunded: the `payments`
  // of SCENARIO.md's output) whenever the run has payments; a run of one payment has one too.
  it('table: a run with a single payment still ends with the payments section', () => {
    const path = write('one-payment.json', { merchants: [platform('mart'), payout('pm1')], commands: [card('pay_1', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }])] });
    const { status, stdout } = kanjo(['run', path, '--format', 'table']);
    expect(status).toBe(0);
    expect(stdout.split('\n\n').at(-1)).toBe([
      'payments',
      'payment  status    amount  captured  refunded  currency',
      '-------  --------  ------  --------  --------  --------',
      'pay_1    captured    1000      1000         0  JPY',
      '',
    ].join('\n'));
  });

  // hledger-journal.ts: each transaction is "dated by its local date in the ledger's time zone"
  // (SCENARIO.md: time_zone, +09:00 by default). 16:00 UTC on the 5th is 01:00 on the 6th in Japan.
  it('hledger: a transaction is dated by its local date in the ledger\'s time zone', () => {
    const path = write('hledger-dates.json', {
      merchants: [platform('mart'), payout('pm1')],
      commands: [card('pay_1', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }], { at: '2026-01-05T16:00:00Z' })],
    });
    expect(hledgerHeadings(path)).toEqual(['2026-01-06 * (1) payment.create pay_1', '2026-01-06 * closing balances per merchant (Kanjo)']);
  });

  // hledger-journal.ts: entries that move no money (an authorization) get no transaction, so the
  // closing assertions carry the date of the last entry that moved money.
  it('hledger: an authorization moves no money and gets no transaction', () => {
    const path = write('hledger-authorization.json', {
      merchants: [platform('mart'), payout('pm1')],
      commands: [
        card('pay_1', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }], { at: '2026-01-06T00:00:00Z' }),
        { op: 'payment.create', id: 'pay_2', merchant: 'mart', amount: 500, currency: 'JPY', payment_type: 'credit_card', capture: false, at: '2026-01-08T00:00:00Z' },
      ],
    });
    expect(hledgerHeadings(path)).toEqual(['2026-01-06 * (1) payment.create pay_1', '2026-01-06 * closing balances per merchant (Kanjo)']);
  });
});
