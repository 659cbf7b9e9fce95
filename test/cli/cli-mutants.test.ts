import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KANJO_CLI, kanjo } from '../support/kanjo-cli.js';

/**
 * Mutation testing of the command line, its reports and the scenario reader: each test here
 * failed with one deliberate wrong line in packages/ledger/src/{cli,reports,scenario} (named in
 * the test) that no other test noticed, and passes on the real code. Each asserts the exact
 * outcome a user sees (the bytes of the output or of a file, the exit status) and quotes the
 * rule it checks (SCENARIO.md, the ledger README's "Command line").
 */
const work = mkdtempSync(join(tmpdir(), 'kanjo-mutants-'));
const write = (name: string, document: unknown): string => {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
};

type Submerchant = { submerchant_id: string; amount: number; platform_fee: number };
const platform = (id: string, methods: Record<string, unknown> = { credit_card: { fee_rate: '3.6%' } }) => ({ id, type: 'platform', business: 'marketplace', payment_methods: methods });
const payout = (id: string, owner = 'mart') => ({ id, type: 'payout', platform: owner });
const card = (id: string, amount: number, submerchants: Submerchant[], extra: Record<string, unknown> = {}) => ({
  op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants }, ...extra,
});

describe('csv and statements: RFC 4180 quoting', () => {
  // csvField: "quoted when it holds a comma, a quote, or a line break". Mutant: the comma left
  // out of the pattern; the only test had a comma and a quote, so it was quoted all the same.
  it('a payment id with a comma (and no quote) is quoted in the CSV and in the statement', () => {
    const path = write('comma.json', { merchants: [platform('mart'), payout('pm1')], commands: [card('a,b', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }])] });
    const directory = join(work, 'comma-statements');
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'csv', '--statements', directory]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout.split('\r\n').slice(0, 3)).toEqual(['seq,payment,merchant,type,currency,deposit,debit', '1,"a,b",mart,Payment,JPY,1000,0', '1,"a,b",mart,Payment Transfer,JPY,0,1000']);
    expect(readFileSync(join(directory, 'pm1.csv'), 'utf8')).toBe(
      'seq,at,payment,record_type,currency,deposit,debit,balance\r\n'
        + '1,1970-01-01T00:00:00.000Z,"a,b",Payment Transfer,JPY,1000,0,1000\r\n'
        + '1,1970-01-01T00:00:00.000Z,"a,b",Platform Fee,JPY,0,100,900\r\n',
    );
  });
});

describe('a run of every kind of outcome: the JSON document and the hledger journal, byte for byte', () => {
  // SCENARIO.md "Output (--format json)": the keys in the order shown (results, balances,
  // payments, records, events; within each as shown), two-space indentation, and (run-command.ts)
  // a final line break. Tests that parse the output and compare objects cannot see the order
  // of keys, which the contract shows and scripts that diff the output rely on. Mutants: the
  // report's payments and records swapped; a record's seq after its payment; a payment's amount
  // before its status; an event's amount before its status; the final "\n" dropped; a
  // merchant's currencies in the order touched, not sorted; a chargeback left out of
  // refunded_amount; an idempotent retry's events repeated; refund_request written refundRequest.
  const path = write('rich.json', {
    merchants: [platform('mart', { credit_card: { fee_rate: '0%' }, konbini: { fee_rate: '0%', customer_fee: 190 } }), payout('pm1'), payout('idle')],
    commands: [
      card('u1', 500, [{ submerchant_id: 'pm1', amount: 500, platform_fee: 50 }], { currency: 'USD', at: '2026-04-01T00:00:00Z' }),
      card('j1', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 900 }], { idempotency_key: 'k1' }),
      card('j1', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 900 }], { idempotency_key: 'k1' }),
      { op: 'payment.chargeback', payment: 'u1' },
      { op: 'payment.refund', payment: 'j1', amount: 5000 },
      card('k1', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 900 }], { payment_type: 'konbini', capture: true }),
      { op: 'payment.capture', payment: 'k1' },
      {
        op: 'payment.refund_request', id: 'rq1', payment: 'k1', customer_name: 'ヤマダタロウ', bank_name: 'B', bank_code: '0001',
        branch_name: 'C', branch_number: '001', account_type: 'ordinary', account_number: '1234567',
      },
      { op: 'refund_request.reject', refund_request: 'rq1' },
      { op: 'payment.cancel' },
    ],
  });
  type Row = readonly [number, string, string, string, string, number, number];
  const records = (rows: readonly Row[]) => rows.map(([seq, payment, merchant, type, currency, deposit, debit]) => ({ seq, payment, merchant, type, currency, deposit, debit }));
  const view = (status: string, amount: number, captured: number, refunded: number, currency: string) => ({ status, amount, captured_amount: captured, refunded_amount: refunded, currency });
  const expected = {
    results: [
      { index: 0, op: 'payment.create', ok: true },
      { index: 1, op: 'payment.create', ok: true },
      { index: 2, op: 'payment.create', ok: true },
      { index: 3, op: 'payment.chargeback', ok: true },
      { index: 4, op: 'payment.refund', ok: false, error: { code: 'refund_exceeds_remaining', message: 'cannot refund 5000: payment j1 has 1000 left to refund' } },
      { index: 5, op: 'payment.create', ok: true },
      { index: 6, op: 'payment.capture', ok: true },
      { index: 7, op: 'payment.refund_request', ok: true },
      { index: 8, op: 'refund_request.reject', ok: true },
      { index: 9, op: 'payment.cancel', ok: false, error: { code: 'field_missing', message: 'payment is required' } },
    ],
    balances: { mart: { JPY: 1800, USD: -450 }, pm1: { JPY: 200, USD: 450 }, idle: {} },
    payments: { u1: view('refunded', 500, 500, 500, 'USD'), j1: view('captured', 1000, 1000, 0, 'JPY'), k1: view('captured', 1000, 1000, 0, 'JPY') },
    records: records([
      [1, 'u1', 'mart', 'Payment', 'USD', 500, 0],
      [1, 'u1', 'mart', 'Payment Transfer', 'USD', 0, 500],
      [1, 'u1', 'pm1', 'Payment Transfer', 'USD', 500, 0],
      [1, 'u1', 'pm1', 'Platform Fee', 'USD', 0, 50],
      [1, 'u1', 'mart', 'Platform Fee', 'USD', 50, 0],
      [2, 'j1', 'mart', 'Payment', 'JPY', 1000, 0],
      [2, 'j1', 'mart', 'Payment Transfer', 'JPY', 0, 1000],
      [2, 'j1', 'pm1', 'Payment Transfer', 'JPY', 1000, 0],
      [2, 'j1', 'pm1', 'Platform Fee', 'JPY', 0, 900],
      [2, 'j1', 'mart', 'Platform Fee', 'JPY', 900, 0],
      [3, 'u1', 'mart', 'Chargeback', 'USD', 0, 500],
      [5, 'k1', 'mart', 'Payment', 'JPY', 1000, 0],
      [5, 'k1', 'mart', 'Payment Transfer', 'JPY', 0, 1000],
      [5, 'k1', 'pm1', 'Payment Transfer', 'JPY', 1000, 0],
      [5, 'k1', 'pm1', 'Platform Fee', 'JPY', 0, 900],
      [5, 'k1', 'mart', 'Platform Fee', 'JPY', 900, 0],
    ]),
    events: [
      { type: 'payment.captured', payment: 'u1' },
      { type: 'payment.captured', payment: 'j1' },
      { type: 'payment.refund.created', payment: 'u1', amount: 500, currency: 'USD' },
      { type: 'payment.refunded', payment: 'u1' },
      { type: 'payment.authorized', payment: 'k1' },
      { type: 'payment.captured', payment: 'k1' },
      { type: 'refund_request.updated', payment: 'k1', refund_request: 'rq1', status: 'pending', amount: 1000, currency: 'JPY' },
      { type: 'refund_request.updated', payment: 'k1', refund_request: 'rq1', status: 'rejected', amount: 1000, currency: 'JPY' },
    ],
  };

  it('every key in SCENARIO.md\'s order, indented by two spaces, ending in one line break', () => {
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'json']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  // README "Command line": "--statements one CSV per merchant"; merchantStatementCsv: "each
  // record on its balance in journal order with the running balance per currency"; a merchant
  // with no records gets its header row. Mutant: one running balance for all the currencies
  // (the JPY rows of mart went on from the USD balance).
  it('statements: the running balance is kept per currency', () => {
    const directory = join(work, 'rich-statements');
    expect(kanjo(['run', path, '--format', 'json', '--statements', directory]).status).toBe(0);
    const header = 'seq,at,payment,record_type,currency,deposit,debit,balance\r\n';
    const rows = (lines: string[]): string => header + lines.map((line) => `${line}\r\n`).join('');
    const at = '2026-04-01T00:00:00.000Z';
    expect(readdirSync(directory).sort()).toEqual(['idle.csv', 'mart.csv', 'pm1.csv']);
    expect(readFileSync(join(directory, 'idle.csv'), 'utf8')).toBe(header);
    expect(readFileSync(join(directory, 'mart.csv'), 'utf8')).toBe(rows([
      `1,${at},u1,Payment,USD,500,0,500`,
      `1,${at},u1,Payment Transfer,USD,0,500,0`,
      `1,${at},u1,Platform Fee,USD,50,0,50`,
      `2,${at},j1,Payment,JPY,1000,0,1000`,
      `2,${at},j1,Payment Transfer,JPY,0,1000,0`,
      `2,${at},j1,Platform Fee,JPY,900,0,900`,
      `3,${at},u1,Chargeback,USD,0,500,-450`,
      `5,${at},k1,Payment,JPY,1000,0,1900`,
      `5,${at},k1,Payment Transfer,JPY,0,1000,900`,
      `5,${at},k1,Platform Fee,JPY,900,0,1800`,
    ]));
    expect(readFileSync(join(directory, 'pm1.csv'), 'utf8')).toBe(rows([
      `1,${at},u1,Payment Transfer,USD,500,0,500`,
      `1,${at},u1,Platform Fee,USD,0,50,450`,
      `2,${at},j1,Payment Transfer,JPY,1000,0,1000`,
      `2,${at},j1,Platform Fee,JPY,0,900,100`,
      `5,${at},k1,Payment Transfer,JPY,1000,0,1100`,
      `5,${at},k1,Platform Fee,JPY,0,900,200`,
    ]));
  });

  // README "Command line": reconcile "replays it and prints the balances"; the table names the
  // file and each merchant's balance per currency, ids padded on the right and amounts on the
  // left, and "no records" for a merchant none touched (idle); JSON is {entries, balances}.
  // for-each-line.ts gives each line "without its \n or \r\n": a journal saved with CRLF line
  // ends (an editor on Windows) reconciles as the same journal. Mutants: one space in the table;
  // balances before entries in the JSON; the CR kept at the end of each line (exit 1 at line 2).
  it('reconcile: the exact table and JSON, and the same for the journal with CRLF line ends, in both formats', () => {
    const table = [
      '{FILE}: 7 entries, all balanced, sequence contiguous, replay succeeded',
      'mart   1800 JPY',
      'mart  -4.50 USD',
      'pm1     200 JPY',
      'pm1    4.50 USD',
      'idle  no records',
      '',
    ].join('\n');
    const json = `${JSON.stringify({ entries: 7, balances: { mart: { JPY: 1800, USD: -450 }, pm1: { JPY: 200, USD: 450 }, idle: {} } }, null, 2)}\n`;
    for (const format of ['compact', 'objects']) {
      const journal = join(work, `rich-${format}.ndjson`);
      expect(kanjo(['run', path, '--format', 'json', '--journal', journal, '--journal-format', format]).status).toBe(0);
      const crlf = join(work, `rich-${format}-crlf.ndjson`);
      writeFileSync(crlf, readFileSync(journal, 'utf8').replaceAll('\n', '\r\n'));
      for (const file of [journal, crlf]) {
        expect([format, kanjo(['reconcile', file, '--format', 'table'])]).toEqual([format, { status: 0, stdout: table.replace('{FILE}', file), stderr: '' }]);
        expect([format, kanjo(['reconcile', file, '--format', 'json'])]).toEqual([format, { status: 0, stdout: json, stderr: '' }]);
      }
    }
  });

  // README "Command line": reconcile exits "1 naming the first broken entry or line (or a header
  // whose configuration is invalid), exit 2 for a file that is not a Kanjo journal". Mutant: an
  // invalid configuration reported as a usage error (exit 2, "not a journal" to a script).
  it('reconcile: a header whose configuration is invalid is exit 1, named', () => {
    const journal = join(work, 'rich-bad-config.ndjson');
    expect(kanjo(['run', path, '--format', 'json', '--journal', journal]).status).toBe(0);
    const [header = '', ...entries] = readFileSync(journal, 'utf8').split('\n');
    const parsed = JSON.parse(header) as { config: Record<string, unknown> };
    parsed.config['timeZone'] = 'nowhere';
    writeFileSync(journal, [JSON.stringify(parsed), ...entries].join('\n'));
    expect(kanjo(['reconcile', journal, '--format', 'json'])).toEqual({
      status: 1,
      stdout: '',
      stderr: 'kanjo: reconciliation failed: the journal\'s configuration is invalid: config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not "nowhere"\n',
    });
  });

  // README "Command line": "--hledger writes a plain-text journal for hledger or ledger ending
  // in one balance assertion per merchant account"; hledger-journal.ts: dated by the local date,
  // the sequence number as the code, "each posting commented with its record type", a header
  // line naming the book, the time zone and the unit. Mutants: the comment dropped; "UTC" dropped
  // from the header; the assertions' sign flipped (a merchant balance is a liability: hledger
  // shows it negated); the assertions dated 1970-01-01.
  it('hledger: the header, one transaction per entry that moves money, the closing assertions', () => {
    const journal = join(work, 'rich.journal');
    expect(kanjo(['run', path, '--format', 'json', '--hledger', journal]).status).toBe(0);
    // Amounts in the unit the currency names: USD has two decimals, so 500 cents is `5.00 USD`.
    const unit = (amount: number, currency: string): string => (currency === 'USD' ? `${amount < 0 ? '-' : ''}${Math.trunc(Math.abs(amount) / 100)}.${String(Math.abs(amount) % 100).padStart(2, '0')}` : String(amount));
    const posting = (account: string, amount: number, currency: string, type: string): string => `    ${account}  ${unit(amount, currency)} ${currency}  ; ${type}`;
    const capture = (amount: number, fee: number, currency: string): string[] => [
      posting('Assets:Receivable:Customers', amount, currency, 'Payment'),
      posting('Liabilities:Merchants:mart', -amount, currency, 'Payment'),
      posting('Liabilities:Merchants:mart', amount, currency, 'Payment Transfer'),
      posting('Liabilities:Merchants:pm1', -amount, currency, 'Payment Transfer'),
      posting('Liabilities:Merchants:pm1', fee, currency, 'Platform Fee'),
      posting('Liabilities:Merchants:mart', -fee, currency, 'Platform Fee'),
    ];
    expect(readFileSync(journal, 'utf8')).toBe([
      '; Kanjo journal export: test book, dates in UTC+09:00, amounts in each currency\'s unit (ISO 4217 decimals)',
      '',
      // Each account and currency, as the postings first use them.
      'account Assets:Receivable:Customers',
      'account Liabilities:Merchants:mart',
      'account Liabilities:Merchants:pm1',
      'account Income:Fees:Customer',
      'account Liabilities:Tax:Consumption',
      'commodity USD',
      'commodity JPY',
      '',
      '2026-04-01 * (1) payment.create u1',
      ...capture(500, 50, 'USD'),
      '',
      '2026-04-01 * (2) payment.create j1',
      ...capture(1000, 900, 'JPY'),
      '',
      '2026-04-01 * (3) payment.chargeback u1',
      posting('Liabilities:Merchants:mart', 500, 'USD', 'Chargeback'),
      posting('Assets:Receivable:Customers', -500, 'USD', 'Chargeback'),
      '',
      '2026-04-01 * (5) payment.capture k1',
      ...capture(1000, 900, 'JPY'),
      posting('Assets:Receivable:Customers', 190, 'JPY', 'Customer Fee'),
      posting('Income:Fees:Customer', -190, 'JPY', 'Customer Fee'),
      posting('Assets:Receivable:Customers', 19, 'JPY', 'Customer Fee Tax'),
      posting('Liabilities:Tax:Consumption', -19, 'JPY', 'Customer Fee Tax'),
      '',
      '2026-04-01 * closing balances per merchant (Kanjo)',
      '    Liabilities:Merchants:mart  0 USD = 4.50 USD',
      '    Liabilities:Merchants:mart  0 JPY = -1800 JPY',
      '    Liabilities:Merchants:pm1  0 USD = -4.50 USD',
      '    Liabilities:Merchants:pm1  0 JPY = -200 JPY',
      '',
      '',
    ].join('\n'));
  });
});

describe('--format table: the commands\' outcomes', () => {
  // formatScenarioTable: "the commands' outcomes, then per merchant and currency its records …
  // (a merchant with no records in any currency is named with "no records")"; a payments
  // section only when the run has payments. Text from the file stays on its line. Mutants: the
  // "(no op)" placeholder dropped (a line "#0 : op_unknown…"); the accepted count including the
  // rejected ones; a rejected command's message printed unescaped (a metadata key with a line
  // break starts a forged "mart (JPY)" line); a "payments" heading printed with no payments.
  it('rejected commands named one a line, escaped, and no payments section without payments', () => {
    const path = write('no-payments.json', {
      merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } }],
      commands: [
        { amount: 1 },
        { op: 'payment.cancel', payment: 'nope' },
        { op: 'session.create', id: 's', merchant: 'mart', amount: 1, currency: 'JPY', return_url: 'https://x.example/', metadata: { 'a\nmart (JPY)': {} } },
        { op: 'settlement.run', date: '2026-04-01' },
      ],
    });
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'table']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toBe([
      `# ${path}`,
      '4 commands: 1 accepted, 3 rejected',
      '  #0 (no op): op_unknown: the command has no op: see SCENARIO.md for the ops Kanjo runs',
      '  #1 payment.cancel: payment_not_found: no payment "nope": check the id',
      '  #2 session.create: field_invalid: metadata."a\\nmart (JPY)" must be a string, number or boolean',
      '',
      'mart: no records',
      '',
    ].join('\n'));
  });
});

describe('the scenario reader: SCENARIO.md\'s field names and defaults', () => {
  // SCENARIO.md "File" and "Commands": `time_zone` (the UTC offset dates are read in),
  // `refund_request_fee` (an amount: 0 is one), a session's `capture` (auto by default), a
  // refund request's `include_payment_method_fee` (no by default), `platform_amount` (the
  // platform's share in the Seller Processing Model: 0 is one), `session.complete`'s `payment`.
  // Mutants, each of which changed this run: time_zone read from "timezone" (dates in +09:00);
  // refund_request_fee 0 refused (the file unusable); a session's capture manual by default
  // (the payment only authorized); include_payment_method_fee yes by default (the customer fee
  // refunded from a platform with nothing: insufficient_balance); platform_amount 0 refused on
  // payment.create; the `session` of a session's payment's event dropped.
  const path = write('defaults.json', {
    merchants: [
      { id: 'shop', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '0%' }, konbini: { fee_rate: '0%', customer_fee: 190 } } },
      { id: 's1', type: 'seller', platform: 'shop' },
    ],
    refund_request_fee: 0,
    time_zone: '-05:00',
    commands: [
      {
        op: 'session.create', id: 'ss', merchant: 'shop', as: 's1', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://x.example/',
        platform_amount: 0, platform_merchant: 'shop', at: '2026-04-01T03:00:00Z',
      },
      { op: 'session.complete', session: 'ss', payment: 'pc', payment_type: 'credit_card' },
      { op: 'payment.create', id: 'kb', merchant: 'shop', as: 's1', amount: 2000, currency: 'JPY', payment_type: 'konbini', platform_amount: 0, platform_merchant: 'shop' },
      { op: 'payment.capture', payment: 'kb' },
      {
        op: 'payment.refund_request', id: 'rq', payment: 'kb', customer_name: 'ヤマダタロウ', bank_name: 'B', bank_code: '0001', branch_name: 'C',
        branch_number: '001', account_type: 'ordinary', account_number: '1234567',
      },
      { op: 'refund_request.complete', refund_request: 'rq' },
    ],
  });

  it('each field read under its own name, each default as SCENARIO.md gives it', () => {
    const journal = join(work, 'defaults.journal');
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'json', '--hledger', journal]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toEqual({
      results: ['session.create', 'session.complete', 'payment.create', 'payment.capture', 'payment.refund_request', 'refund_request.complete'].map((op, index) => ({ index, op, ok: true })),
      balances: { shop: {}, s1: { JPY: 1000 } },
      payments: {
        pc: { status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' },
        kb: { status: 'refunded', amount: 2000, captured_amount: 2000, refunded_amount: 2000, currency: 'JPY' },
      },
      records: [
        { seq: 2, payment: 'pc', merchant: 's1', type: 'Payment', currency: 'JPY', deposit: 1000, debit: 0 },
        { seq: 4, payment: 'kb', merchant: 's1', type: 'Payment', currency: 'JPY', deposit: 2000, debit: 0 },
        { seq: 6, payment: 'kb', merchant: 's1', type: 'Refund', currency: 'JPY', deposit: 0, debit: 2000 },
      ],
      events: [
        { type: 'payment.captured', payment: 'pc', session: 'ss' },
        { type: 'payment.authorized', payment: 'kb' },
        { type: 'payment.captured', payment: 'kb' },
        { type: 'refund_request.updated', payment: 'kb', refund_request: 'rq', status: 'pending', amount: 2000, currency: 'JPY' },
        { type: 'refund_request.updated', payment: 'kb', refund_request: 'rq', status: 'completed', amount: 2000, currency: 'JPY' },
        { type: 'payment.refund.created', payment: 'kb', refund_request: 'rq', amount: 2000, currency: 'JPY' },
        { type: 'payment.refunded', payment: 'kb', refund_request: 'rq' },
      ],
    });
    // 03:00 UTC on 04-01 is 22:00 on 03-31 at -05:00 (it would be 04-01 in the default +09:00).
    const text = readFileSync(journal, 'utf8');
    expect(text.split('\n')[0]).toBe('; Kanjo journal export: test book, dates in UTC-05:00, amounts in each currency\'s unit (ISO 4217 decimals)');
    expect(text.split('\n').filter((line) => /^\d{4}-/.test(line))).toEqual([
      '2026-03-31 * (2) session.complete pc',
      '2026-03-31 * (4) payment.capture kb',
      '2026-03-31 * (6) refund_request.complete kb',
      '2026-03-31 * closing balances per merchant (Kanjo)',
    ]);
  });
});

describe('standard error: warnings and progress', () => {
  // README "Command line": an unknown field is named on standard error, "the first ten, then a
  // count". Mutant: the count line written when there are exactly ten ("0 more fields…").
  it('exactly ten unknown fields: ten lines, no count line', () => {
    const create = card('p', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }]);
    const noisy = { ...create, ...Object.fromEntries([...'abcdefghij'].map((field) => [field, 1])) };
    const { status, stderr } = kanjo(['run', write('ten.json', { merchants: [platform('mart'), payout('pm1')], commands: [noisy] }), '--format', 'csv']);
    expect(status).toBe(0);
    expect(stderr).toBe([...'abcdefghij'].map((field) => `kanjo: warning: commands[0] (payment.create) has the field "${field}", which Kanjo does not read: it is ignored\n`).join(''));
  });

  // main.ts: on a terminal, reconcile shows "\rreconciled N entries…" every 50,000 entries and
  // clears that line ("\r\x1b[K") when it is done, so the balances printed next start on a
  // line of their own. Mutant: the line cleared only before an error, left on the terminal
  // after a successful reconciliation.
  it('a successful reconcile on a terminal clears its progress line', () => {
    const lines = Array.from({ length: 50_000 }, (_, index) => ({ op: 'payment.create', id: `a${index}`, merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', capture: false }));
    const scenario = write('fifty-thousand.json', { merchants: [platform('mart')], commands: lines });
    const journal = join(work, 'fifty-thousand.ndjson');
    expect(kanjo(['run', scenario, '--format', 'csv', '--journal', journal]).status).toBe(0);
    const terminal = spawnSync('script', ['-qec', `"${process.execPath}" "${KANJO_CLI}" reconcile "${journal}" --format json > /dev/null`, '/dev/null'], { encoding: 'utf8' });
    expect({ status: terminal.status, output: terminal.stdout }).toEqual({ status: 0, output: '\rreconciled 50000 entries…\r\x1b[K' });
  });
});

describe('the scenario reader: a malformed merchants list', () => {
  // SCENARIO.md: a malformed merchants list "makes the whole file unusable: exit status 2" with
  // "one line on standard error saying what is wrong"; parseScenarioConfig names the merchant
  // by its place in the list. Mutant: the place dropped ("platform is required": of which?).
  it('exit 2 and one line naming merchants[1] and the field', () => {
    const path = write('merchant-without-platform.json', { merchants: [platform('mart'), { id: 'pm1', type: 'payout' }], commands: [] });
    expect(kanjo(['run', path, '--format', 'json'])).toEqual({ status: 2, stdout: '', stderr: `kanjo: ${path}: field_missing: merchants[1]: platform is required\n` });
  });
});

describe('the scenario reader: a session\'s metadata', () => {
  // parse-scenario-command.ts: a session carries at most 50 metadata keys. Mutant: the limit
  // off by one (51 keys accepted).
  it('50 keys are carried, 51 are field_invalid', () => {
    const session = (keys: number) => ({
      op: 'session.create', id: `s${keys}`, merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://x.example/',
      metadata: Object.fromEntries(Array.from({ length: keys }, (_, index) => [`k${index}`, index])), platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] },
    });
    const path = write('metadata.json', { merchants: [platform('mart'), payout('pm1')], commands: [session(50), session(51)] });
    const { status, stdout } = kanjo(['run', path, '--format', 'json']);
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as { results: unknown }).results).toEqual([
      { index: 0, op: 'session.create', ok: true },
      { index: 1, op: 'session.create', ok: false, error: { code: 'field_invalid', message: 'metadata may have at most 50 keys' } },
    ]);
  });
});

describe('--journal --journal-format objects: each entry as a readable JSON object', () => {
  // README "Command line": objects is `{"kanjo_journal":1,…}`, "each entry as a readable JSON
  // object, postings as [account, currency, amount, recordType] tuples". SCENARIO.md
  // "Commands": session.create's external_customer_id, payment_data (its external_order_num),
  // default_locale and metadata; a platform's fee_rate and fixed_fee. Mutants:
  // external_customer_id read from "customer_id"; default_locale read from "locale"; fixed_fee
  // dropped (the Processing Fee 36 instead of 76); each read only into the journal, which no
  // other test of the command line looked at.
  it('a session with every optional field, completed: the header and both entries, byte for byte', () => {
    const path = write('session.json', {
      merchants: [{ id: 'shop', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%', fixed_fee: 40 } } }, payout('pm1', 'shop')],
      commands: [
        {
          op: 'session.create', id: 'ss', merchant: 'shop', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://x.example/',
          external_customer_id: 'cus_1', default_locale: 'ja', payment_data: { external_order_num: 'o-1' }, metadata: { k: 1 }, at: '2026-04-01T03:00:00Z',
          platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] },
        },
        { op: 'session.complete', session: 'ss', payment: 'p', payment_type: 'credit_card' },
      ],
    });
    const journal = join(work, 'session.ndjson');
    expect(kanjo(['run', path, '--format', 'json', '--journal', journal, '--journal-format', 'objects'])).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(journal, 'utf8').split('\n')).toEqual([
      '{"kanjo_journal":1,"entries":2,"config":{"merchants":[{"id":"shop","type":"platform","business":"marketplace","paymentMethods":{"credit_card":{"feeRate":"3.6%","fixedFee":40}}},{"id":"pm1","type":"payout","platform":"shop"}]}}',
      '{"seq":1,"at":"2026-04-01T03:00:00.000Z","command":{"op":"session.create"},"changes":[{"kind":"session_created","session":{"id":"ss","merchant":"shop","amount":1000,"currency":"JPY","paymentTypes":["credit_card"],"returnUrl":"https://x.example/","capture":"auto","split":[{"submerchantId":"pm1","amount":1000,"platformFee":100}],"externalCustomerId":"cus_1","externalOrderNum":"o-1","defaultLocale":"ja","metadata":{"k":"1"}}}],"postings":[],"events":[]}',
      '{"seq":2,"at":"2026-04-01T03:00:00.000Z","command":{"op":"session.complete"},"payment":"p","changes":[{"kind":"payment_created","payment":{"id":"p","platform":"shop","model":"marketplace","amount":1000,"currency":"JPY","paymentType":"credit_card","origin":"session","session":"ss"}},{"kind":"payment_captured","payment":"p","capturedAmount":1000,"split":[{"submerchantId":"pm1","amount":1000,"platformFee":100}],"shares":{"platform":100,"submerchants":[{"submerchantId":"pm1","share":900}]},"platformAmount":0,"customerFee":0,"customerFeeTax":0},{"kind":"session_completed","session":"ss","payment":"p"}],"postings":[["Assets:Receivable:Customers","JPY",1000,"Payment"],["Liabilities:Merchants:shop","JPY",-1000,"Payment"],["Liabilities:Merchants:shop","JPY",1000,"Payment Transfer"],["Liabilities:Merchants:pm1","JPY",-1000,"Payment Transfer"],["Liabilities:Merchants:pm1","JPY",100,"Platform Fee"],["Liabilities:Merchants:shop","JPY",-100,"Platform Fee"],["Liabilities:Merchants:shop","JPY",76,"Processing Fee"],["Income:Fees:Processing","JPY",-76,"Processing Fee"],["Liabilities:Merchants:shop","JPY",8,"Processing Fee Tax"],["Liabilities:Tax:Consumption","JPY",-8,"Processing Fee Tax"]],"events":[{"type":"payment.captured","payment":"p","session":"ss"}]}',
      '',
    ]);
  });
});

describe('exports: the temporary files', () => {
  // README "Command line": "each goes to a hidden temporary file beside its target
  // (`.NAME.kanjo-PID-N.tmp`), and all are renamed into place only once every one is written".
  // The name is seen only while a run writes (or after Ctrl-C), so the test records, through a
  // preloaded module, each file the run creates exclusively. Mutant: the temporary file not
  // hidden (`NAME.kanjo-PID-N.tmp`, which `ls` and a glob such as `*.ndjson*` show).
  it('each export is written to .NAME.kanjo-PID-N.tmp beside it, N counting up, none left after', () => {
    const directory = realpathSync(mkdtempSync(join(work, 'temporary-')));
    mkdirSync(join(directory, 'out'));
    const path = join(directory, 'scenario.json');
    writeFileSync(path, JSON.stringify({ merchants: [platform('mart'), payout('pm1')], commands: [card('p', 1000, [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }])] }));
    const preload = join(directory, 'record-opened.cjs');
    const opened = join(directory, 'opened.txt');
    writeFileSync(preload, [
      "const fs = require('node:fs');",
      'const open = fs.openSync;',
      "fs.openSync = function (path, flags, ...rest) { if (flags === 'wx') fs.appendFileSync(process.env.KANJO_TEST_OPENED, `${path}\\n`); return open.call(this, path, flags, ...rest); };",
      "require('node:module').syncBuiltinESMExports();",
    ].join('\n'));
    const run = spawnSync(process.execPath, [KANJO_CLI, 'run', path, '--format', 'json', '--journal', join(directory, 'j.ndjson'), '--hledger', join(directory, 'out', 'h.journal')], {
      encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${preload}`, KANJO_TEST_OPENED: opened },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(opened, 'utf8')).toBe(`${join(directory, `.j.ndjson.kanjo-${run.pid}-0.tmp`)}\n${join(directory, 'out', `.h.journal.kanjo-${run.pid}-1.tmp`)}\n`);
    expect(readdirSync(directory).sort()).toEqual(['j.ndjson', 'opened.txt', 'out', 'record-opened.cjs', 'scenario.json']);
    expect(readdirSync(join(directory, 'out'))).toEqual(['h.journal']);
  });
});
