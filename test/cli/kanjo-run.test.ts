import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordTotals, sharedExamples } from '../golden/shared-examples.js';
import { KANJO_CLI, kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

const { work, write } = scratchFolder('kanjo-cli-');

describe('kanjo run on the seeds\' worked examples', () => {
  for (const example of sharedExamples()) {
    it(`${example.name}: the JSON output matches ${example.name}.expect.json`, () => {
      const { status, stdout, stderr } = kanjo(['run', example.path, '--format', 'json']);
      expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
      const report = JSON.parse(stdout) as {
        results: { ok: boolean }[];
        balances: unknown;
        payments: Record<string, { status: string }>;
        records: { type: string; deposit: number; debit: number }[];
      };
      expect(report.results.map((result) => result.ok)).toEqual(example.expect.ok);
      expect(report.balances).toEqual(example.expect.balances);
      expect(Object.fromEntries(Object.entries(report.payments).map(([id, view]) => [id, view.status]))).toEqual(example.expect.statuses);
      const totals = recordTotals(report.records);
      for (const [type, total] of Object.entries(example.expect.record_totals)) expect([type, totals[type]]).toEqual([type, total]);
    });
  }
});

const marketplace = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
  ],
  commands: [
    {
      op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: '1000', currency: 'JPY', payment_type: 'credit_card',
      platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 700, platform_fee: 70 }, { submerchant_id: 'pm2', amount: '300', platform_fee: '30' }] },
    },
  ],
};

describe('kanjo run output formats', () => {
  const path = write('marketplace.json', JSON.stringify(marketplace));

  it('json: SCENARIO.md\'s document with results, balances, payments, records and events', () => {
    const report = JSON.parse(kanjo(['run', path, '--format', 'json']).stdout) as Record<string, unknown>;
    expect(report['results']).toEqual([{ index: 0, op: 'payment.create', ok: true }]);
    expect(report['balances']).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
    expect(report['payments']).toEqual({ pay_1: { status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' } });
    expect(report['events']).toEqual([{ type: 'payment.captured', payment: 'pay_1' }]);
    expect(report['records']).toEqual([
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Payment', currency: 'JPY', deposit: 1000, debit: 0 },
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Payment Transfer', currency: 'JPY', deposit: 0, debit: 700 },
      { seq: 1, payment: 'pay_1', merchant: 'pm1', type: 'Payment Transfer', currency: 'JPY', deposit: 700, debit: 0 },
      { seq: 1, payment: 'pay_1', merchant: 'pm1', type: 'Platform Fee', currency: 'JPY', deposit: 0, debit: 70 },
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Platform Fee', currency: 'JPY', deposit: 70, debit: 0 },
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Payment Transfer', currency: 'JPY', deposit: 0, debit: 300 },
      { seq: 1, payment: 'pay_1', merchant: 'pm2', type: 'Payment Transfer', currency: 'JPY', deposit: 300, debit: 0 },
      { seq: 1, payment: 'pay_1', merchant: 'pm2', type: 'Platform Fee', currency: 'JPY', deposit: 0, debit: 30 },
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Platform Fee', currency: 'JPY', deposit: 30, debit: 0 },
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Processing Fee', currency: 'JPY', deposit: 0, debit: 36 },
      { seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Processing Fee Tax', currency: 'JPY', deposit: 0, debit: 4 },
    ]);
  });

  it('csv: a header row and one RFC 4180 row per record, CRLF line ends, plain integers', () => {
    const { stdout } = kanjo(['run', path, '--format', 'csv']);
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe('seq,payment,merchant,type,currency,deposit,debit');
    expect(lines[1]).toBe('1,pay_1,mart,Payment,JPY,1000,0');
    expect(lines).toHaveLength(13); // header, 11 records, and the empty string after the last CRLF
  });

  it('table: each merchant\'s records with a running balance and its closing balance', () => {
    const { stdout } = kanjo(['run', path, '--format', 'table']);
    expect(stdout).toContain('1 commands: 1 accepted, 0 rejected');
    expect(stdout).toMatch(/mart \(JPY\)\nseq\s+payment\s+record\s+deposit\s+debit\s+balance\n/);
    expect(stdout).toMatch(/1\s+pay_1\s+Processing Fee Tax\s+0\s+4\s+60\n/);
    expect(stdout).toContain('closing balance: 630 JPY');
  });

  it('table: a merchant of the file with no records is named, not left out', () => {
    const idle = write('idle.json', JSON.stringify({ ...marketplace, merchants: [...marketplace.merchants, { id: 'pm3', type: 'payout', platform: 'mart' }] }));
    const { stdout } = kanjo(['run', idle, '--format', 'table']);
    expect(stdout).toContain('closing balance: 270 JPY\n\npm3: no records\n\npayments\n');
  });

  it('writes one statement CSV per merchant with a running balance', () => {
    const directory = join(work, 'statements');
    expect(kanjo(['run', path, '--format', 'json', '--statements', directory]).status).toBe(0);
    expect(readFileSync(join(directory, 'pm1.csv'), 'utf8')).toBe(
      'seq,at,payment,record_type,currency,deposit,debit,balance\r\n' +
        '1,1970-01-01T00:00:00.000Z,pay_1,Payment Transfer,JPY,700,0,700\r\n' +
        '1,1970-01-01T00:00:00.000Z,pay_1,Platform Fee,JPY,0,70,630\r\n',
    );
  });
});

describe('kanjo run on bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['a missing file', join(work, 'nope.json'), /cannot read .*nope\.json: no such file or directory \(ENOENT\)$/m],
    ['a directory', work, /cannot read .*: it is a directory \(EISDIR\)$/m],
    ['invalid JSON', write('broken.json', '{"merchants": ['), /is not valid JSON/],
    ['no commands list', write('no-commands.json', '{"merchants": []}'), /scenario_invalid: the scenario has no commands list/],
    ['a duplicate merchant id', write('dup.json', JSON.stringify({ merchants: [marketplace.merchants[0], marketplace.merchants[0]], commands: [] })), /config_merchant_duplicate/],
    ['an unknown merchant type', write('type.json', JSON.stringify({ merchants: [{ id: 'x', type: 'bank' }], commands: [] })), /config_merchant_type_unknown/],
    ['a sub-merchant whose platform is missing', write('orphan.json', JSON.stringify({ merchants: [{ id: 'pm', type: 'payout', platform: 'ghost' }], commands: [] })), /config_platform_missing/],
  ];
  for (const [what, path, message] of cases) {
    it(`${what}: exit status 2 and one line on standard error, no stack trace`, () => {
      const { status, stdout, stderr } = kanjo(['run', path, '--format', 'json']);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
    });
  }

  it('an unknown op or a malformed command is a rejected result and the other commands still run', () => {
    const path = write('mixed.json', JSON.stringify({
      ...marketplace,
      commands: [{ op: 'payment.teleport' }, { op: 'payment.create', id: 'x', merchant: 'mart', amount: 1000.5 }, ...marketplace.commands, { op: 'payment.refund', payment: 'pay_1', amount: '1e3' }],
    }));
    const { status, stdout } = kanjo(['run', path, '--format', 'json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { results: { ok: boolean; error?: { code: string } }[]; balances: unknown };
    expect(report.results.map((result) => result.error?.code ?? 'ok')).toEqual(['op_unknown', 'amount_not_integer', 'ok', 'amount_exponent_notation']);
    expect(report.balances).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
  });
});

describe('kanjo reconcile', () => {
  const scenario = write('recon.json', JSON.stringify({ ...marketplace, commands: [...marketplace.commands, { op: 'payment.refund', payment: 'pay_1', amount: 100, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 60, platform_fee: 40 }] } }] }));
  const journal = join(work, 'recon.ndjson');
  /** What reconciling that journal prints as JSON: its two entries and the run's balances. */
  const RECONCILED = { entries: 2, balances: { mart: { JPY: 20 }, pm1: { JPY: 570 }, pm2: { JPY: 270 } } };
  /** Reconciles `path` (with `options`), which must succeed with exactly {@link RECONCILED}. */
  const expectReconciled = (path: string, ...options: string[]): void => {
    const { status, stdout } = kanjo(['reconcile', path, ...options]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(RECONCILED);
  };
  kanjo(['run', scenario, '--format', 'json', '--journal', journal]);

  it('replays an exported journal and prints the same balances as the run', () => {
    expectReconciled(journal, '--format', 'json');
  });

  it('names the first unbalanced entry and exits 1', () => {
    const lines = readFileSync(journal, 'utf8').split('\n');
    // The refund's postings end with the platform's -100 Refund: make it -99.
    const entry = JSON.parse(lines[2] ?? '') as unknown[];
    const postings = entry[6] as number[];
    expect(postings).toContain(-100);
    postings[postings.indexOf(-100)] = -99;
    lines[2] = JSON.stringify(entry);
    const tampered = write('tampered.ndjson', lines.join('\n'));
    const { status, stderr } = kanjo(['reconcile', tampered]);
    expect(status).toBe(1);
    expect(stderr).toBe('kanjo: reconciliation failed: journal_entry_unbalanced: line 3: entry 2: its JPY postings sum to 1, not 0\n');
  });

  it('names a gap in the sequence numbers and exits 1', () => {
    const lines = readFileSync(journal, 'utf8').split('\n');
    const gapped = write('gapped.ndjson', [lines[0], lines[2]].join('\n'));
    const { status, stderr } = kanjo(['reconcile', gapped]);
    expect(status).toBe(1);
    expect(stderr).toBe('kanjo: reconciliation failed: journal_sequence_broken: line 2: entry 2 is the first entry: sequence numbers start at 1 and run without gaps\n');
  });

  // Review 259: an edited number named the intact entry before it ("entry 3 follows entry 3"),
  // and swapped lines, which appends that overtook each other leave, were called a gap.
  it('names a sequence number edited, a line given twice and two lines swapped by line and place', () => {
    const three = write('three.json', JSON.stringify({ ...marketplace, commands: [...marketplace.commands, { op: 'payment.refund', payment: 'pay_1', amount: 100, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 60, platform_fee: 40 }] } }, { op: 'payment.refund', payment: 'pay_1', amount: 100, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 100, platform_fee: 0 }] } }] }));
    const objects = join(work, 'three.ndjson');
    expect(kanjo(['run', three, '--format', 'json', '--journal', objects, '--journal-format', 'objects']).status).toBe(0);
    const lines = readFileSync(objects, 'utf8').split('\n');
    expect(lines.map((line) => (line === '' ? undefined : (JSON.parse(line) as { seq?: number }).seq))).toEqual([undefined, 1, 2, 3, undefined]);
    const renumbered = [...lines];
    renumbered[3] = JSON.stringify({ ...JSON.parse(renumbered[3] as string), seq: 2 });
    const twice = [lines[0], lines[1], lines[2], lines[2], ...lines.slice(3)];
    const swapped = [lines[0], lines[1], lines[3], lines[2], ...lines.slice(4)];
    const failed = (name: string, text: readonly (string | undefined)[]) => kanjo(['reconcile', write(name, text.join('\n'))]);
    const order = '(sequence numbers run 1, 2, 3, … in order, without gaps)';
    expect(failed('renumbered.ndjson', renumbered)).toMatchObject({ status: 1, stdout: '', stderr: `kanjo: reconciliation failed: journal_sequence_broken: line 4: the entry after entry 2 is numbered 2: entry 2 is given again or out of order ${order}\n` });
    expect(failed('twice.ndjson', twice)).toMatchObject({ status: 1, stdout: '', stderr: `kanjo: reconciliation failed: journal_sequence_broken: line 4: the entry after entry 2 is numbered 2: entry 2 is given again or out of order ${order}\n` });
    expect(failed('swapped.ndjson', swapped)).toMatchObject({ status: 1, stdout: '', stderr: `kanjo: reconciliation failed: journal_sequence_broken: line 3: the entry after entry 1 is numbered 3: entry 2 is missing or out of order ${order}\n` });
  });

  it('reads the objects format too (kanjo_journal 1), as earlier versions wrote it', () => {
    const objects = join(work, 'recon-objects.ndjson');
    expect(kanjo(['run', scenario, '--format', 'json', '--journal', objects, '--journal-format', 'objects']).status).toBe(0);
    expect(JSON.parse(readFileSync(objects, 'utf8').split('\n')[0] ?? '')).toMatchObject({ kanjo_journal: 1 });
    expectReconciled(objects, '--format', 'json');
    const lines = readFileSync(objects, 'utf8').split('\n');
    lines[2] = (lines[2] ?? '').slice(0, 20);
    const cut = kanjo(['reconcile', write('cut-objects.ndjson', lines.join('\n'))]);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toBe('kanjo: reconciliation failed: journal_entry_malformed: line 3: not valid JSON (column 21)\n');
    // A comma too many mid-line: the column is the one after the first comma (V8 names the same place).
    const doubled = readFileSync(objects, 'utf8').split('\n');
    const comma = (doubled[1] ?? '').indexOf(',');
    doubled[1] = `${(doubled[1] ?? '').slice(0, comma + 1)},${(doubled[1] ?? '').slice(comma + 1)}`;
    const edited = kanjo(['reconcile', write('comma-objects.ndjson', doubled.join('\n'))]);
    expect(edited.stderr).toBe(`kanjo: reconciliation failed: journal_entry_malformed: line 2: not valid JSON (column ${comma + 2})\n`);
    // Counted from the line's first character, white space before the entry included.
    doubled[1] = `   ${doubled[1] ?? ''}`;
    const indented = kanjo(['reconcile', write('comma-indented-objects.ndjson', doubled.join('\n'))]);
    expect(indented.stderr).toBe(`kanjo: reconciliation failed: journal_entry_malformed: line 2: not valid JSON (column ${comma + 5})\n`);
  });

  it('past ten rejections, CSV output names how many more, its counts written with separators', () => {
    const refusals = Array.from({ length: 1011 }, (_, index) => ({ op: 'payment.capture', payment: `missing_${index}` }));
    const many = write('many-rejections.json', JSON.stringify({ ...marketplace, commands: refusals }));
    const { status, stderr } = kanjo(['run', many, '--format', 'csv']);
    expect(status).toBe(0);
    expect(stderr.split('\n').filter((line) => line.includes('more commands were rejected'))).toEqual([
      'kanjo: warning: 1,001 more commands were rejected (1,011 of 1,011); --format json or table lists them all',
    ]);
  });

  it('an unknown --journal-format is exit 2 with one line', () => {
    const { status, stderr } = kanjo(['run', scenario, '--format', 'json', '--journal', join(work, 'x.ndjson'), '--journal-format', 'yaml']);
    expect(status).toBe(2);
    expect(stderr).toBe('kanjo: --journal-format must be compact or objects, not yaml\n');
  });

  it('--journal-format without --journal is said on standard error; the run is as without it', () => {
    const alone = kanjo(['run', scenario, '--format', 'json', '--journal-format', 'objects']);
    expect({ status: alone.status, stderr: alone.stderr }).toEqual({ status: 0, stderr: 'kanjo: warning: --journal-format has no effect without --journal OUT.ndjson: no journal is written\n' });
    expect(alone.stdout).toBe(kanjo(['run', scenario, '--format', 'json']).stdout);
  });

  it('a line cut short is named and exits 1', () => {
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines[2] = (lines[2] ?? '').slice(0, 20);
    const { status, stderr } = kanjo(['reconcile', write('cut.ndjson', lines.join('\n'))]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^kanjo: reconciliation failed: journal_entry_malformed: line 3 \(entry 2\): .* \(byte \d+\)\n$/);
  });

  it('a compact header without its tables is exit 2 naming journal_header_malformed', () => {
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines[0] = JSON.stringify({ ...(JSON.parse(lines[0] ?? '') as object), shapes: undefined });
    const { status, stderr } = kanjo(['reconcile', write('headless.ndjson', lines.join('\n'))]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^kanjo: .*headless\.ndjson: journal_header_malformed: the compact journal header needs accounts, recordTypes, strings and shapes lists\n$/);
  });

  /** The bank account a refund request pays into, but its account number. */
  const bank = { customer_name: 'ヤマダタロウ', bank_name: '青森銀行', bank_code: '0117', branch_name: '東京支店', branch_number: '921', account_type: 'ordinary' };
  /** A scenario: a seller-model ¥50,000 Konbini payment `skb` of plt as s1 (platform_amount 5,000), paid, then `commands`. */
  const sellerKonbini = (...commands: object[]): string => JSON.stringify({
    merchants: [
      { id: 'plt', type: 'platform', business: 'platform', payment_methods: { konbini: { fee_rate: '2.75%', customer_fee: 190 } } },
      { id: 's1', type: 'seller', platform: 'plt' },
    ],
    commands: [
      { op: 'payment.create', id: 'skb', merchant: 'plt', as: 's1', amount: 50000, currency: 'JPY', payment_type: 'konbini', platform_amount: 5000, platform_merchant: 'plt' },
      { op: 'payment.capture', payment: 'skb' },
      ...commands,
    ],
  });

  it('replays a journal whose seller-model requests were settled out of order (refund_request_reestimated) to the run\'s balances', () => {
    const seller = write('seller-requests.json', sellerKonbini(
      ...['r0', 'r1', 'r2'].map((id, index) => ({ op: 'payment.refund_request', id, payment: 'skb', amount: 7, ...bank, account_number: `${index + 1}` })),
      { op: 'refund_request.complete', refund_request: 'r1' },
      { op: 'refund_request.reject', refund_request: 'r0' },
      { op: 'refund_request.complete', refund_request: 'r2' },
    ));
    const exported = join(work, 'seller-requests.ndjson');
    const readable = join(work, 'seller-requests-objects.ndjson');
    const run = kanjo(['run', seller, '--format', 'json', '--journal', exported]);
    expect(run.status).toBe(0);
    expect(kanjo(['run', seller, '--format', 'json', '--journal', readable, '--journal-format', 'objects']).status).toBe(0);
    const changes = readFileSync(readable, 'utf8').trim().split('\n').slice(1).flatMap((line) => (JSON.parse(line) as { changes: { kind: string }[] }).changes.map((change) => change.kind));
    expect(changes.filter((kind) => kind === 'refund_request_reestimated')).toHaveLength(2);
    // r1 then r2 post 1/6 and 0/7: platform 3,487 − 1 − 330 − 0 − 330, seller 45,000 − 6 − 7.
    for (const journalFile of [exported, readable]) {
      const { status, stdout } = kanjo(['reconcile', journalFile, '--format', 'json']);
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ entries: 8, balances: { plt: { JPY: 2826 }, s1: { JPY: 44987 } } });
    }
    expect((JSON.parse(run.stdout) as { balances: unknown }).balances).toEqual({ plt: { JPY: 2826 }, s1: { JPY: 44987 } });
  });

  it('names a refund request whose stored Refund Fee tax was edited into a string, and exits 1', () => {
    const konbini = write('konbini-request.json', sellerKonbini({ op: 'payment.refund_request', id: 'r0', payment: 'skb', amount: 700, ...bank, account_number: '1234567' }));
    const exported = join(work, 'konbini-request.ndjson');
    expect(kanjo(['run', konbini, '--format', 'json', '--journal', exported, '--journal-format', 'objects']).status).toBe(0);
    expect(kanjo(['reconcile', exported, '--format', 'json']).status).toBe(0);
    const lines = readFileSync(exported, 'utf8').split('\n');
    const entry = JSON.parse(lines[3] ?? '') as { changes: { request: { refundFee: { tax: { amount: unknown } } } }[] };
    expect(entry.changes[0]?.request.refundFee.tax.amount).toBe(30);
    entry.changes[0]!.request.refundFee.tax.amount = '30';
    lines[3] = JSON.stringify(entry);
    const { status, stdout, stderr } = kanjo(['reconcile', write('konbini-request-tampered.ndjson', lines.join('\n'))]);
    expect({ status, stdout, stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: 'kanjo: reconciliation failed: journal_entry_malformed: line 4 (entry 3): refund_request_created needs request.refundFee of the right type (request, request.refundFee, request.refundedCustomerFee)\n',
    });
  });

  it('names an entry that books money to a merchant the configuration does not have, and exits 1', () => {
    const lines = readFileSync(journal, 'utf8').split('\n');
    const header = JSON.parse(lines[0] ?? '') as { accounts: [string, string][] };
    // The compact header names each account once: point pm2's postings at a stranger's account.
    header.accounts = header.accounts.map(([account, currency]) => [account === 'Liabilities:Merchants:pm2' ? 'Liabilities:Merchants:ghost' : account, currency]);
    lines[0] = JSON.stringify(header);
    const { status, stderr } = kanjo(['reconcile', write('ghost.ndjson', lines.join('\n'))]);
    expect(status).toBe(1);
    expect(stderr).toBe('kanjo: reconciliation failed: journal_entry_inapplicable: line 2: entry 1 cannot be applied: account "Liabilities:Merchants:ghost" is neither KOMOJU\'s nor that of a merchant configured in the journal\'s book\n');
  });

  it('skips lines of only spaces and tabs like empty ones (a journal touched by an editor)', () => {
    const lines = readFileSync(journal, 'utf8').split('\n');
    const spaced = write('spaced.ndjson', [lines[0], '', lines[1], ' \t ', lines[2], '  '].join('\r\n'));
    expectReconciled(spaced, '--format', 'json');
  });

  it('rejects a file that is not a Kanjo journal with exit 2', () => {
    const { status, stderr } = kanjo(['reconcile', scenario]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/does not start with a Kanjo journal header/);
  });

  // README: exit 2 "for a file that is not a Kanjo journal": an empty file has no header, so it
  // is not one; it must not pass as a journal of no entries.
  it('rejects an empty file with exit 2: a journal starts with its header line', () => {
    const empty = write('empty.ndjson', '');
    const { status, stdout, stderr } = kanjo(['reconcile', empty]);
    expect({ status, stdout, stderr }).toEqual({ status: 2, stdout: '', stderr: `kanjo: ${empty} is empty: a Kanjo journal starts with its header line\n` });
  });

  // README: exit 1 "naming the first broken entry or line". A last line without its newline is
  // still a line, however short: a stray byte after the last entry is not skipped.
  it('a one-byte last line without a newline is named and exits 1', () => {
    const trailing = write('trailing-byte.ndjson', `${readFileSync(journal, 'utf8')}x`);
    const { status, stderr } = kanjo(['reconcile', trailing, '--format', 'json']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^kanjo: reconciliation failed: journal_entry_malformed: line 4: /);
  });

  // As `run` ignores a UTF-8 byte order mark before the scenario, `reconcile` ignores one
  // before the header line (an editor on Windows adds it when saving the journal).
  it('a byte order mark before the header line is ignored', () => {
    const marked = write('bom.ndjson', `\uFEFF${readFileSync(journal, 'utf8')}`);
    expectReconciled(marked, '--format', 'json');
  });

  // As for run (SCENARIO.md: table "on a terminal"), a program reading a pipe gets JSON.
  it('without --format, a pipe gets JSON', () => {
    expectReconciled(journal);
  });
});

describe('kanjo run on awkward but valid or plainly bad input (review findings)', () => {
  it('a UTF-8 byte order mark before the JSON is ignored', () => {
    const path = write('bom.json', `\uFEFF${JSON.stringify(marketplace)}`);
    const { status, stdout } = kanjo(['run', path, '--format', 'json']);
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as { balances: unknown }).balances).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
  });

  it('a file saved on Windows (byte order mark, CRLF line ends) runs byte for byte as the plain one (README "Bad input")', () => {
    const plain = kanjo(['run', write('plain.json', JSON.stringify(marketplace, null, 2)), '--format', 'json']);
    const windows = kanjo(['run', write('windows.json', `\uFEFF${JSON.stringify(marketplace, null, 2).replaceAll('\n', '\r\n')}\r\n`), '--format', 'json']);
    expect(plain.status).toBe(0);
    expect(windows).toEqual({ ...plain, stdout: plain.stdout.replaceAll('plain.json', 'windows.json') });
  });

  it('an invalid JSON file whose error quotes several lines is still reported on one line', () => {
    const { status, stderr } = kanjo(['run', write('lines.json', '{\n "commands": [,]\n}'), '--format', 'json']);
    expect(status).toBe(2);
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  // Review 233: Node 20 says only "at position 17", which no editor shows; Node 22 writes the line
  // and column itself, with no comma.
  it('an invalid JSON file is reported with the line and column of the fault', () => {
    // A comma before the closing brace (Node 20: "Expected double-quoted property name in JSON at position 19").
    const { status, stderr } = kanjo(['run', write('place.json', '{\n "commands": [],\n}'), '--format', 'json']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^kanjo: .*place\.json is not valid JSON: .*\(line 3,? column 1\)\n$/);
    // Lines may end in CRLF or a lone CR (classic Mac), as V8 counts them for Node 22 (review 234).
    for (const end of ['\r\n', '\r']) {
      const ended = kanjo(['run', write('ended.json', `{${end} "commands": [],${end}}`), '--format', 'json']);
      expect(ended.stderr, JSON.stringify(end)).toMatch(/\(line 3,? column 1\)\n$/);
    }
  });

  // Session 57: for a misplaced token and for a file that ends too soon Node names no position at
  // all ("Unexpected token ']', … is not valid JSON"); Kanjo finds it by reading the text again.
  it('a comma before ], or a file cut short, is reported with its line and column too; an empty file says so', () => {
    const comma = kanjo(['run', write('comma.json', '{\n  "merchants": [],\n  "commands": [\n    {"op": "payment.cancel", "id": "p"},\n  ]\n}\n'), '--format', 'json']);
    expect(comma.status).toBe(2);
    expect(comma.stderr).toMatch(/^kanjo: .*comma\.json is not valid JSON: Unexpected token '\]', .* is not valid JSON \(line 5, column 3\)\n$/);
    const cut = kanjo(['run', write('cut.json', '{\n  "merchants": [\n'), '--format', 'json']);
    expect(cut.stderr).toMatch(/^kanjo: .*cut\.json is not valid JSON: Unexpected end of JSON input \(line 3, column 1\)\n$/);
    expect(kanjo(['run', write('empty.json', ''), '--format', 'json']).stderr).toMatch(/^kanjo: .*empty\.json is not valid JSON: it is empty\n$/);
    expect(kanjo(['run', write('blank.json', '\n\n'), '--format', 'json']).stderr).toMatch(/^kanjo: .*blank\.json is not valid JSON: it holds only white space\n$/);
  });

  // Review 234: `out` a symbolic link to a folder not made yet: "the folder out does not exist"
  // sent the reader to `mkdir out`, which fails (File exists).
  it('an export in a folder that is a symbolic link to nothing names the link and where it points', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kanjo-dangling-'));
    symlinkSync('out-real', join(folder, 'out'));
    const { status, stderr } = kanjo(['run', write('ok.json', JSON.stringify(marketplace)), '--format', 'json', '--journal', join(folder, 'out', 'j.ndjson')]);
    expect({ status, stderr }).toEqual({
      status: 2,
      stderr: `kanjo: cannot write ${join(folder, 'out', 'j.ndjson')}: the folder ${join(folder, 'out')} is a symbolic link to out-real, which does not exist (make it first; only --statements makes its folder): no such file or directory (ENOENT)\n`,
    });
  });

  it('an output path that cannot be written is exit 2 with one line, not an internal error', () => {
    const { status, stderr } = kanjo(['run', write('ok.json', JSON.stringify(marketplace)), '--format', 'json', '--journal', join(work, 'no-such-directory', 'x.ndjson')]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^kanjo: cannot write .*x\.ndjson: the folder .*no-such-directory does not exist \(make it first; only --statements makes its folder\): no such file or directory \(ENOENT\)\n$/);
  });
});

describe('kanjo command line: format choice and exit statuses', () => {
  const path = write('formats.json', JSON.stringify(marketplace));

  // SCENARIO.md: `--format table|json|csv`, "table is the default on a terminal". Anything else
  // is a usage error: exit status 2 and one line on standard error, nothing on standard output.
  it('an unknown --format is exit 2 with one line naming the formats', () => {
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'xml']);
    expect({ status, stdout, stderr }).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --format must be table, json or csv, not xml\n' });
  });

  // One file a command: a second was silently ignored, and the output read as if of both.
  it('a second file is exit 2 with one line naming it, for run and for reconcile', () => {
    const run = kanjo(['run', path, 'other.json', '--format', 'json']);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: one file at a time: "other.json" would be ignored (usage: kanjo run SCENARIO.json [--format table|json|csv] [--journal OUT.ndjson [--journal-format compact|objects]] [--hledger OUT.journal] [--statements DIR])\n',
    });
    const reconcile = kanjo(['reconcile', 'a.ndjson', 'b.ndjson']);
    expect({ status: reconcile.status, stdout: reconcile.stdout, stderr: reconcile.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: one file at a time: "b.ndjson" would be ignored (usage: kanjo reconcile JOURNAL.ndjson [--format table|json])\n',
    });
  });

  // Review 233: `kanjo run -f json v1.json` blamed "json" and "v1.json", the reader's real file,
  // and said nothing of -f, which kanjo had taken for the file.
  it('a single-dash word before a second file is named as what was read as the file', () => {
    const run = kanjo(['run', '-f', 'json', path]);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `kanjo: one file at a time: "-f" is read as the file (kanjo's options are written --name), so "json", ${JSON.stringify(path)} would be ignored (usage: kanjo run SCENARIO.json [--format table|json|csv] [--journal OUT.ndjson [--journal-format compact|objects]] [--hledger OUT.journal] [--statements DIR])\n`,
    });
    // After `--` a word starting with -- is a file the caller meant: no such note.
    expect(kanjo(['run', '--', '--x.json', 'b.json']).stderr).toMatch(/^kanjo: one file at a time: "b\.json" would be ignored \(usage: /);
    // `-` is standard input, a file like any other: no such note.
    expect(kanjo(['reconcile', '-', 'b.ndjson'], '').stderr).toBe('kanjo: one file at a time: "b.ndjson" would be ignored (usage: kanjo reconcile JOURNAL.ndjson [--format table|json])\n');
  });

  // SCENARIO.md: "table is the default on a terminal"; a program reading a pipe gets JSON.
  // `script` (util-linux) runs the command line on a pseudo-terminal.
  it('without --format, a terminal gets the table and a pipe gets JSON', () => {
    const terminal = spawnSync('script', ['-qec', `${process.execPath} ${KANJO_CLI} run ${path}`, '/dev/null'], { encoding: 'utf8' });
    expect(terminal.status).toBe(0);
    expect(terminal.stdout.replaceAll('\r\n', '\n')).toContain('1 commands: 1 accepted, 0 rejected\n');
    expect(JSON.parse(kanjo(['run', path]).stdout)).toHaveProperty('results', [{ index: 0, op: 'payment.create', ok: true }]);
  });

  // A reader that stops early closes the pipe: kanjo stops quietly (exit 0), never with Node's
  // EPIPE stack trace ("never a stack trace"). 600 payments are far more than a pipe buffers.
  it('a reader that closes the pipe early (| head) gets no stack trace', () => {
    const many = write('many.json', JSON.stringify({ ...marketplace, commands: Array.from({ length: 600 }, (_, index) => ({ ...marketplace.commands[0], id: `pay_${index}` })) }));
    expect(kanjo(['run', many, '--format', 'json']).stdout.length).toBeGreaterThan(1 << 20);
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${KANJO_CLI}" run "${many}" --format json | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect({ stdout: piped.stdout, stderr: piped.stderr }).toEqual({ stdout: '0\n', stderr: '' });
  });

  // main.ts's parseArguments reads `--name=value` as well as `--name value`.
  it('--format=csv is read like --format csv', () => {
    expect(kanjo(['run', path, '--format=csv'])).toEqual(kanjo(['run', path, '--format', 'csv']));
    expect(kanjo(['run', path, '--format=csv']).stdout).toMatch(/^seq,payment,merchant,type,currency,deposit,debit\r\n/);
  });

  // main.ts: with no command the usage is printed on standard error and the status is 2 (a
  // usage error); asked for with --help or help it is printed on standard output with status 0.
  it('no command prints the usage on standard error with exit 2; --help and help print it on standard output with exit 0', () => {
    const bare = kanjo([]);
    expect({ status: bare.status, stdout: bare.stdout }).toEqual({ status: 2, stdout: '' });
    expect(bare.stderr).toMatch(/^usage:\n {2}kanjo run SCENARIO\.json/);
    for (const argv of [['--help'], ['help']]) {
      const help = kanjo(argv);
      expect({ status: help.status, stdout: help.stdout, stderr: help.stderr }).toEqual({ status: 0, stdout: bare.stderr, stderr: '' });
    }
  });

  // `kanjo -h` was "unknown command", `kanjo --version` "--version needs a value" (exit 2).
  it('-h is --help, anywhere on the line; --version prints the package version with exit 0', () => {
    const help = kanjo(['--help']);
    for (const argv of [['-h'], ['run', '-h'], ['reconcile', 'journal.ndjson', '-h'], ['run', '--version', '-h']]) {
      const { status, stdout, stderr } = kanjo(argv);
      expect({ argv, status, stdout, stderr }).toEqual({ argv, status: 0, stdout: help.stdout, stderr: '' });
    }
    expect(help.stdout).toContain('kanjo help | --help | -h | --version\n');
    const { version } = JSON.parse(readFileSync(new URL('../../packages/ledger/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const argv of [['--version'], ['run', path, '--version'], ['reconcile', '--version']]) {
      const { status, stdout, stderr } = kanjo(argv);
      expect({ argv, status, stdout, stderr }).toEqual({ argv, status: 0, stdout: `kanjo ${version}\n`, stderr: '' });
    }
  });

  // `kanjo reconcile -` was "cannot read -: no such file or directory (ENOENT)".
  it('the file - is standard input, for run and reconcile, named so in messages and titles', () => {
    const directory = mkdtempSync(join(tmpdir(), 'kanjo-stdin-'));
    const journal = join(directory, 'out.ndjson');
    const fromFile = kanjo(['run', path, '--format', 'json', '--journal', journal]);
    const fromInput = kanjo(['run', '-', '--format', 'json'], readFileSync(path, 'utf8'));
    expect({ status: fromInput.status, stdout: fromInput.stdout, stderr: fromInput.stderr }).toEqual({ status: 0, stdout: fromFile.stdout, stderr: '' });
    expect(kanjo(['run', '-', '--format', 'table'], readFileSync(path, 'utf8')).stdout).toMatch(/^# standard input\n/);
    const reconciled = kanjo(['reconcile', journal, '--format', 'table']);
    const piped = kanjo(['reconcile', '-', '--format', 'table'], readFileSync(journal, 'utf8'));
    expect(piped).toEqual({ status: 0, stdout: reconciled.stdout.replace(journal, 'standard input'), stderr: '' });
    expect(kanjo(['reconcile', '-'], '')).toEqual({ status: 2, stdout: '', stderr: 'kanjo: standard input is empty: a Kanjo journal starts with its header line\n' });
    expect(kanjo(['run', '-'], '{').stderr).toMatch(/^kanjo: standard input is not valid JSON: /);
    // Standard input redirected from the file an export would replace is the scenario itself.
    const scenarioCopy = join(directory, 'scenario.json');
    writeFileSync(scenarioCopy, readFileSync(path));
    const overwrite = spawnSync('bash', ['-c', `"${process.execPath}" "${KANJO_CLI}" run - --journal "${scenarioCopy}" < "${scenarioCopy}"`], { encoding: 'utf8' });
    expect({ status: overwrite.status, stderr: overwrite.stderr }).toEqual({ status: 2, stderr: `kanjo: --journal ${scenarioCopy} is the scenario file itself: write the export to another file\n` });
    expect(readFileSync(scenarioCopy, 'utf8')).toBe(readFileSync(path, 'utf8'));
    expect(kanjo(['run', './-']).stderr).toBe('kanjo: cannot read ./-: no such file or directory (ENOENT)\n');
  });
});

describe('kanjo run warns of fields it does not read, and changes nothing else', () => {
  const [create] = marketplace.commands;
  it('one line on standard error for each, the output and exit status as without them', () => {
    // The misspelt amount makes the refund one of everything, as the plain file says: the warning is the only sign.
    const plain = kanjo(['run', write('plain.json', JSON.stringify({ ...marketplace, commands: [create, { op: 'payment.refund', payment: 'pay_1' }] })), '--format', 'json']);
    const typo = kanjo(['run', write('typo.json', JSON.stringify({ ...marketplace, tax_rates: '8%', commands: [{ ...create, note: 'first sale' }, { op: 'payment.refund', payment: 'pay_1', amout: 5 }] })), '--format', 'json']);
    expect(plain.stderr).toBe('');
    expect(typo.status).toBe(0);
    expect(typo.stdout).toBe(plain.stdout);
    expect(typo.stderr).toBe([
      'kanjo: warning: the file has the field "tax_rates", which Kanjo does not read: it is ignored',
      'kanjo: warning: commands[0] (payment.create) has the field "note", which Kanjo does not read: it is ignored',
      'kanjo: warning: commands[1] (payment.refund) has the field "amout", which Kanjo does not read: it is ignored',
      '',
    ].join('\n'));
  });

  // Review 212: a session written from a KOMOJU API log gives its capture mode as
  // payment_data[capture]; Kanjo reads the command's own `capture` (SCENARIO.md), so the session
  // below is captured when it completes, and the later cancel refused. The line says so.
  it('names a session\'s payment_data.capture and where Kanjo reads the capture mode instead; the run is as without it', () => {
    const merchants = [
      { id: 'plat', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
      { id: 's1', type: 'seller', platform: 'plat' },
    ];
    const session = { op: 'session.create', id: 'a', merchant: 'plat', as: 's1', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://shop.example/back', platform_amount: 100, platform_merchant: 'plat', at: '2026-04-01T00:00:00Z' };
    const after = [{ op: 'session.complete', session: 'a', payment: 'pay_a', payment_type: 'credit_card' }, { op: 'payment.cancel', payment: 'pay_a' }];
    const plain = kanjo(['run', write('session-plain.json', JSON.stringify({ merchants, commands: [session, ...after] })), '--format', 'json']);
    const logged = kanjo(['run', write('session-logged.json', JSON.stringify({ merchants, commands: [{ ...session, payment_data: { external_order_num: 'o-1', capture: 'manual' } }, ...after] })), '--format', 'json']);
    expect(plain.stderr).toBe('');
    expect(logged).toEqual({
      status: 0,
      stdout: plain.stdout,
      stderr: 'kanjo: warning: commands[0].payment_data (session.create) has the field "capture", which Kanjo does not read: it is ignored; Kanjo reads commands[0].capture instead\n',
    });
    const report = JSON.parse(logged.stdout) as { results: { ok: boolean; error?: { code: string } }[]; payments: Record<string, { status: string }> };
    expect(report.results.map((result) => result.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'payment_not_cancellable']);
    expect(report.payments['pay_a']?.status).toBe('captured');
  });

  // Review 212: a metadata number is kept as the text of what JSON read, so an order number past
  // 2^53 was kept as another without a word. Only a session.create's metadata is read.
  it('names each number of a session\'s metadata that JSON does not keep as written; the run is as with JSON\'s numbers', () => {
    const merchants = [
      { id: 'plat', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
      { id: 's1', type: 'seller', platform: 'plat' },
    ];
    const session = (metadata: string) => `{"op":"session.create","id":"a","merchant":"plat","as":"s1","amount":1000,"currency":"JPY","payment_types":["credit_card"],"return_url":"https://shop.example/back","platform_amount":100,"platform_merchant":"plat","metadata":{${metadata}}}`;
    const file = (metadata: string, other = '{"op":"payment.cancel","payment":"p","metadata":{"n":1.50}}') => `{"merchants":${JSON.stringify(merchants)},"commands":[${session(metadata)},${other}]}`;
    const read = kanjo(['run', write('metadata-read.json', file('"order_id":12345678901234567000,"qty":1.5,"ok":7')), '--format', 'json', '--journal', join(work, 'metadata-read.ndjson')]);
    const written = kanjo(['run', write('metadata-written.json', file('"order_id":12345678901234567890,"qty":1.50,"ok":7')), '--format', 'json', '--journal', join(work, 'metadata-written.ndjson')]);
    const unknownField = 'kanjo: warning: commands[1] (payment.cancel) has the field "metadata", which Kanjo does not read: it is ignored\n';
    expect(read.stderr).toBe(unknownField);
    expect(written).toEqual({
      status: 0,
      stdout: read.stdout,
      stderr: [
        'kanjo: warning: commands[0].metadata.order_id is written 12345678901234567890, which JSON reads as 12345678901234567000: metadata keeps a number as the text of what JSON read; write it as a string to keep it as written\n',
        'kanjo: warning: commands[0].metadata.qty is written 1.50, which JSON reads as 1.5: metadata keeps a number as the text of what JSON read; write it as a string to keep it as written\n',
        unknownField,
      ].join(''),
    });
    expect(readFileSync(join(work, 'metadata-written.ndjson'), 'utf8')).toBe(readFileSync(join(work, 'metadata-read.ndjson'), 'utf8'));
    expect(readFileSync(join(work, 'metadata-written.ndjson'), 'utf8')).toContain('"12345678901234567000","1.5","7"');
  });

  // Review 217: numbers in another command's metadata (a payment.create's, as KOMOJU payments
  // carry metadata) filled the places before the session's came, and the closing line gave no count.
  it('a session\'s metadata number is named whatever other commands\' metadata holds; past ten, a count', () => {
    const merchants = [
      { id: 'plat', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
      { id: 's1', type: 'seller', platform: 'plat' },
    ];
    const numbers = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `"${prefix}${index}":1.50`).join(',');
    const payment = `{"op":"payment.create","id":"p","merchant":"plat","as":"s1","amount":1000,"currency":"JPY","payment_type":"credit_card","platform_amount":100,"platform_merchant":"plat","metadata":{${numbers(11, 'x')}}}`;
    const session = (metadata: string) => `{"op":"session.create","id":"a","merchant":"plat","as":"s1","amount":1000,"currency":"JPY","payment_types":["credit_card"],"return_url":"https://shop.example/back","platform_amount":100,"platform_merchant":"plat","metadata":{${metadata}}}`;
    const after = kanjo(['run', write('metadata-after.json', `{"merchants":${JSON.stringify(merchants)},"commands":[${payment},${session('"order_id":12345678901234567890')}]}`), '--format', 'json']);
    expect(after.status).toBe(0);
    expect(after.stderr.split('\n').filter((line) => line.includes('metadata'))).toEqual([
      'kanjo: warning: commands[1].metadata.order_id is written 12345678901234567890, which JSON reads as 12345678901234567000: metadata keeps a number as the text of what JSON read; write it as a string to keep it as written',
      'kanjo: warning: commands[0] (payment.create) has the field "metadata", which Kanjo does not read: it is ignored',
    ]);
    // A session refused (its merchant unknown) keeps nothing: no number of it is named (review 219).
    const refused = kanjo(['run', write('metadata-refused.json', `{"merchants":${JSON.stringify(merchants)},"commands":[${session('"order_id":12345678901234567890').replace('"merchant":"plat"', '"merchant":"nobody"')}]}`), '--format', 'json']);
    expect(refused.status).toBe(0);
    expect((JSON.parse(refused.stdout) as { results: { ok: boolean }[] }).results.map((result) => result.ok)).toEqual([false]);
    expect(refused.stderr).toBe('');
    const many = kanjo(['run', write('metadata-many.json', `{"merchants":${JSON.stringify(merchants)},"commands":[${session(numbers(14, 'k'))}]}`), '--format', 'json']);
    const lines = many.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('kanjo: warning: 4 more metadata numbers are written otherwise than JSON reads them; write them as strings to keep them as written');
  });

  it('names the first ten and counts the rest', () => {
    const noisy = { ...create, ...Object.fromEntries([...'abcdefghijkl'].map((field) => [field, 1])) };
    const { status, stderr } = kanjo(['run', write('noisy.json', JSON.stringify({ ...marketplace, commands: [noisy] })), '--format', 'csv']);
    expect(status).toBe(0);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[9]).toBe('kanjo: warning: commands[0] (payment.create) has the field "j", which Kanjo does not read: it is ignored');
    expect(lines[10]).toBe('kanjo: warning: 2 more fields Kanjo does not read are ignored; SCENARIO.md lists the fields it reads');
  });
});

describe('kanjo reconcile on a file it cannot read', () => {
  it('a missing journal: exit 2, one line saying so in words, the system code kept beside them', () => {
    const path = join(work, 'no-such-journal.ndjson');
    expect(kanjo(['reconcile', path, '--format', 'json'])).toEqual({ status: 2, stdout: '', stderr: `kanjo: cannot read ${path}: no such file or directory (ENOENT)\n` });
  });
});
