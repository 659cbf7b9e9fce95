import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KANJO_CLI, kanjo } from '../support/kanjo-cli.js';

/**
 * An adversarial audit of `kanjo run` / `kanjo reconcile` against SCENARIO.md, as a file written
 * by hand or generated from API logs by another team would exercise them. Each test quotes the
 * sentence it checks.
 */
const work = mkdtempSync(join(tmpdir(), 'kanjo-contract-audit-'));
const writeBytes = (name: string, bytes: Buffer): string => {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
};
const write = (name: string, document: unknown): string => writeBytes(name, Buffer.from(JSON.stringify(document)));

const merchants = [
  { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' },
];
const paymentJson = (id: string): string =>
  `{"op":"payment.create","id":"${id}","merchant":"mart","amount":1000,"currency":"JPY","payment_type":"credit_card",` +
  `"platform_details":{"submerchants":[{"submerchant_id":"pm1","amount":1000,"platform_fee":100}]}}`;

/**
 * `kanjo reconcile` of an objects journal whose line `index` (0 is the header) has the field
 * `field` of its first change, of kind `kind`, edited by `tamper`; written as a new file.
 */
function reconcileTampered(journal: string, index: number, kind: string, field: string, tamper: (value: Record<string, unknown>) => void, name: string) {
  const lines = readFileSync(journal, 'utf8').split('\n');
  const entry = JSON.parse(lines[index] ?? '') as { changes: Record<string, unknown>[] };
  expect(entry.changes[0]?.['kind']).toBe(kind);
  tamper(entry.changes[0]![field] as Record<string, unknown>);
  lines[index] = JSON.stringify(entry);
  return kanjo(['reconcile', writeBytes(`${name.replace(/\W+/g, '-')}.ndjson`, Buffer.from(lines.join('\n'))), '--format', 'json']);
}

describe('kanjo run: a scenario file that is not UTF-8', () => {
  // SCENARIO.md "Output": "A file that cannot be read, is not JSON, or has no `commands` list:
  // exit status 2 and one line on standard error saying what is wrong." JSON text is UTF-8
  // (RFC 8259 8.1). A file saved as Latin-1 or Shift_JIS by another team's tool was read with
  // each byte that is not UTF-8 replaced by U+FFFD: the ids "pay_é" and "pay_è" both became
  // "pay_\uFFFD", so the second payment was rejected as payment_id_taken and the first was
  // reported under an id the file does not hold. `kanjo reconcile` already refuses such bytes.
  it('is exit status 2 with one line naming the file, not a run with its bytes replaced', () => {
    const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
    const path = writeBytes(
      'latin1.json',
      Buffer.concat([
        Buffer.from(`{"merchants":${JSON.stringify(merchants)},"commands":[`),
        latin1(paymentJson('pay_é')),
        Buffer.from(','),
        latin1(paymentJson('pay_è')),
        Buffer.from(']}'),
      ]),
    );
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'json']);
    expect(stdout).toBe('');
    expect(status).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^kanjo: .*latin1\.json is not valid JSON: it is not UTF-8/);
  });

  it('a UTF-8 file with the same ids runs both payments', () => {
    const path = writeBytes('utf8.json', Buffer.from(`{"merchants":${JSON.stringify(merchants)},"commands":[${paymentJson('pay_é')},${paymentJson('pay_è')}]}`));
    const { status, stdout } = kanjo(['run', path, '--format', 'json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { results: { ok: boolean }[]; payments: Record<string, unknown> };
    expect(report.results.map((result) => result.ok)).toEqual([true, true]);
    expect(Object.keys(report.payments)).toEqual(['pay_é', 'pay_è']);
  });
});

describe('kanjo run and kanjo reconcile: an option they do not know', () => {
  // README "Command line": `kanjo run SCENARIO.json [--format table|json|csv] [--journal
  // OUT.ndjson [--journal-format compact|objects]] [--hledger OUT.journal] [--statements DIR]`.
  // A misspelt option was dropped without a word: `--jurnal out.ndjson` exited 0 and wrote no
  // journal, `--fromat=csv` printed JSON. The run already says so on standard error when
  // `--journal-format` comes without `--journal` ("the caller expected a file"); an option it
  // does not know at all is a usage error: exit status 2 and one line naming it.
  const scenario = write('one-payment.json', { merchants, commands: [JSON.parse(paymentJson('pay_1')) as unknown] });

  it('kanjo run --jurnal OUT: exit 2, one line naming --jurnal, no output', () => {
    const journal = join(work, 'out.ndjson');
    const { status, stdout, stderr } = kanjo(['run', scenario, '--format', 'json', '--jurnal', journal]);
    expect(stdout).toBe('');
    expect(status).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^kanjo: unknown option --jurnal/);
    expect(existsSync(journal)).toBe(false);
  });

  it('kanjo run --fromat=csv: exit 2, one line naming --fromat', () => {
    const { status, stdout, stderr } = kanjo(['run', scenario, '--fromat=csv']);
    expect(stdout).toBe('');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^kanjo: unknown option --fromat/);
  });

  it('kanjo run --jurnal FILE with the scenario file only as the option\'s value: the unknown option is named, not the usage line', () => {
    // `--jurnal` takes the next word as its value, so no scenario file is left: the misspelt
    // option is the mistake to name.
    const { status, stdout, stderr } = kanjo(['run', '--jurnal', scenario]);
    expect(stdout).toBe('');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^kanjo: unknown option --jurnal/);
  });

  it('an option without its value is exit 2 naming it: at the end of the line, empty after =, or followed by another option', () => {
    for (const args of [
      ['run', scenario, '--journal'],
      ['run', scenario, '--format'],
      ['run', scenario, '--journal='],
      ['run', scenario, '--journal', '--format', 'json'],
      ['reconcile', scenario, '--format'],
    ]) {
      const { status, stdout, stderr } = kanjo(args);
      const name = (args.find((argument) => argument.startsWith('--journal') || argument === '--format') ?? '').replace('=', '');
      expect({ args, status, stdout }).toEqual({ args, status: 2, stdout: '' });
      expect(stderr).toBe(`kanjo: ${name} needs a value\n`);
    }
    // A value that does start with -- is given after = (spawned in the work folder: a relative name).
    const dashed = spawnSync(process.execPath, [KANJO_CLI, 'run', scenario, '--format', 'json', '--journal=--dashed.ndjson'], { cwd: work, encoding: 'utf8' });
    expect(dashed.status).toBe(0);
    expect(existsSync(join(work, '--dashed.ndjson'))).toBe(true);
  });

  it('an export onto the scenario file itself is exit 2 and leaves the file as it was', () => {
    const before = readFileSync(scenario, 'utf8');
    for (const option of ['--journal', '--hledger']) {
      const { status, stderr } = kanjo(['run', scenario, '--format', 'json', option, scenario]);
      expect(status).toBe(2);
      expect(stderr).toBe(`kanjo: ${option} ${scenario} is the scenario file itself: write the export to another file\n`);
    }
    expect(readFileSync(scenario, 'utf8')).toBe(before);
  });

  it('kanjo reconcile --fromat json: exit 2, one line naming --fromat', () => {
    const journal = join(work, 'recon.ndjson');
    expect(kanjo(['run', scenario, '--format', 'json', '--journal', journal]).status).toBe(0);
    const { status, stdout, stderr } = kanjo(['reconcile', journal, '--fromat', 'json']);
    expect(stdout).toBe('');
    expect(status).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^kanjo: unknown option --fromat/);
  });

  it('every documented option is still read, and --help still prints the usage', () => {
    const out = join(work, 'documented');
    const { status, stderr } = kanjo([
      'run', scenario, '--format', 'csv', '--journal', join(work, 'documented.ndjson'), '--journal-format', 'objects',
      '--hledger', join(work, 'documented.journal'), '--statements', out,
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(kanjo(['reconcile', join(work, 'documented.ndjson'), '--format', 'table']).status).toBe(0);
    expect(kanjo(['run', '--help']).status).toBe(0);
  });
});

describe('kanjo run: `at` with more than millisecond precision', () => {
  // SCENARIO.md "Commands": "`at` (an ISO 8601 time ...; a time before the previous command's
  // is rejected)". Kanjo keeps times to the millisecond, as the journal writes them
  // (toISOString) and replay compares them: digits after the third decimal are dropped, never
  // rounded, before the order is checked. So 10:00:00.1234 after 10:00:00.123456 is the same
  // millisecond and accepted; 10:00:00.122999 after 10:00:00.123 is a millisecond earlier and
  // rejected. Refusing the extra digits would reject what API logs commonly write. (README,
  // "Rejection codes": time_out_of_order.)
  it('orders times by their millisecond: within one it is accepted and journaled at it, a millisecond earlier is rejected', () => {
    const scenario = write('sub-millisecond.json', {
      merchants,
      commands: [
        { ...JSON.parse(paymentJson('pay_1')), at: '2026-04-01T10:00:00.123456Z' },
        { ...JSON.parse(paymentJson('pay_2')), at: '2026-04-01T10:00:00.1234Z' },
        { ...JSON.parse(paymentJson('pay_3')), at: '2026-04-01T10:00:00.122999Z' },
      ],
    });
    const journal = join(work, 'sub-millisecond.ndjson');
    const { status, stdout } = kanjo(['run', scenario, '--format', 'json', '--journal', journal, '--journal-format', 'objects']);
    expect(status).toBe(0);
    const results = (JSON.parse(stdout) as { results: { ok: boolean; error?: { code: string } }[] }).results;
    expect(results.map((result) => result.ok)).toEqual([true, true, false]);
    expect(results[2]?.error?.code).toBe('time_out_of_order');
    const times = readFileSync(journal, 'utf8').trim().split('\n').slice(1).map((line) => (JSON.parse(line) as { at: string }).at);
    expect(times).toEqual(['2026-04-01T10:00:00.123Z', '2026-04-01T10:00:00.123Z']);
  });
});

describe('kanjo reconcile: a header line that is not UTF-8', () => {
  // README "Command line": reconcile exits 1 "naming the first broken entry or line"; an entry
  // line with a byte that is not UTF-8 is refused in both formats (reconcile-invalid-utf8.test.ts).
  // The header line was still decoded with each such byte replaced by U+FFFD: a journal whose
  // header had the last byte of merchant id "pm3" overwritten with 0xFF reconciled with exit 0
  // and printed the balances of a merchant "pm\uFFFD" that no run ever had.
  for (const format of ['compact', 'objects'] as const) {
    it(`${format}: exit 1 naming line 1, not a reconciliation of a merchant "pm\\uFFFD"`, () => {
      const scenario = write(`header-${format}.json`, {
        merchants: [...merchants, { id: 'pm3', type: 'payout', platform: 'mart' }],
        commands: [JSON.parse(paymentJson('pay_1')) as unknown],
      });
      const journal = join(work, `header-${format}.ndjson`);
      expect(kanjo(['run', scenario, '--format', 'json', '--journal', journal, '--journal-format', format]).status).toBe(0);
      const bytes = readFileSync(journal);
      const at = bytes.indexOf('"pm3"');
      expect(at).toBeGreaterThan(0);
      expect(at).toBeLessThan(bytes.indexOf('\n'));
      bytes[at + 3] = 0xff;
      const { status, stdout, stderr } = kanjo(['reconcile', writeBytes(`header-${format}-corrupt.ndjson`, bytes), '--format', 'json']);
      expect(stdout).toBe('');
      expect(status).toBe(1);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^kanjo: reconciliation failed: journal_header_malformed: line 1: not valid UTF-8/);
    });
  }

  it('a gzipped journal is still no Kanjo journal at all: exit 2', () => {
    const scenario = write('gzip.json', { merchants, commands: [JSON.parse(paymentJson('pay_1')) as unknown] });
    const journal = join(work, 'gzip.ndjson');
    expect(kanjo(['run', scenario, '--format', 'json', '--journal', journal]).status).toBe(0);
    const { status, stderr } = kanjo(['reconcile', writeBytes('gzip.ndjson.gz', gzipSync(readFileSync(journal))), '--format', 'json']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/does not start with a Kanjo journal header/);
  });
});

describe('kanjo reconcile: payout settings of a type the engine never writes', () => {
  // README "Command line": "Each change must carry the fields its kind needs with the types the
  // engine writes (ids as strings, amounts as non-negative integers, ...); the readers refuse
  // anything else as `journal_entry_malformed`, naming the line, the entry and the field." A
  // payout_settings_updated change was checked for its merchant and currency only: a frequency
  // of 5 or "daily", or a minimumAmount of "x", -5 or null, reconciled with exit 0 when no run
  // followed, and otherwise failed at a later run as journal_entry_inapplicable ("its undefined
  // payout settings pay calendar months") or not at all (-5 and null pay as a minimum of 0).
  const scenario = write('settings.json', {
    merchants,
    commands: [
      JSON.parse(paymentJson('pay_1')) as unknown,
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimum_amount: 0 },
      { op: 'settlement.run', date: '2026-01-09', at: '2026-01-09T12:00:00+09:00' },
    ],
  });
  const tamperings: [string, (settings: Record<string, unknown>) => void][] = [
    ['frequency 5', (settings) => { settings['frequency'] = 5; }],
    ['frequency "daily"', (settings) => { settings['frequency'] = 'daily'; }],
    ['no frequency', (settings) => { delete settings['frequency']; }],
    ['minimumAmount "x"', (settings) => { settings['minimumAmount'] = 'x'; }],
    ['minimumAmount -5', (settings) => { settings['minimumAmount'] = -5; }],
    ['minimumAmount null', (settings) => { settings['minimumAmount'] = null; }],
  ];
  for (const format of ['objects', 'compact'] as const) {
    const journal = join(work, `settings-${format}.ndjson`);
    it(`${format}: the faithful journal reconciles`, () => {
      expect(kanjo(['run', scenario, '--format', 'json', '--journal', journal, '--journal-format', format]).status).toBe(0);
      expect(kanjo(['reconcile', journal, '--format', 'json']).status).toBe(0);
    });
    if (format === 'compact') continue;
    for (const [what, tamper] of tamperings) {
      it(`${format}: ${what} is journal_entry_malformed at its own line (3), exit 1`, () => {
        const { status, stderr } = reconcileTampered(journal, 2, 'payout_settings_updated', 'settings', tamper, `settings-${what}`);
        expect(status).toBe(1);
        expect(stderr).toMatch(/journal_entry_malformed: line 3\b.*settings/);
      });
    }
  }
});

describe('kanjo reconcile: a created session of a type the engine never writes', () => {
  // The same README sentence, for a session: replay re-decides session.create on it, and that
  // decision asserts its amounts, so an amount of -1 threw inside it and was reported as an
  // inapplicable entry ("amount must be a non-negative safe integer…") instead of naming the
  // malformed field; a metadata value that is no string was carried into the state.
  const scenario = write('session-shape.json', {
    merchants,
    commands: [
      {
        op: 'session.create', id: 'ses_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['credit_card'],
        return_url: 'https://shop.example/done', capture: 'auto', metadata: { order: '7' },
        platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] },
      },
    ],
  });
  const journal = join(work, 'session-shape.ndjson');
  const tamperings: [string, (session: Record<string, unknown>) => void][] = [
    ['amount -1', (session) => { session['amount'] = -1; }],
    ['amount 1.5', (session) => { session['amount'] = 1.5; }],
    ['paymentTypes "credit_card"', (session) => { session['paymentTypes'] = 'credit_card'; }],
    ['no returnUrl', (session) => { delete session['returnUrl']; }],
    ['metadata value 7', (session) => { session['metadata'] = { order: 7 }; }],
  ];
  it('the faithful journal reconciles', () => {
    expect(kanjo(['run', scenario, '--format', 'json', '--journal', journal, '--journal-format', 'objects']).status).toBe(0);
    expect(kanjo(['reconcile', journal, '--format', 'json']).status).toBe(0);
  });
  for (const [what, tamper] of tamperings) {
    it(`${what} is journal_entry_malformed at its own line (2) naming the session, exit 1`, () => {
      const { status, stderr } = reconcileTampered(journal, 1, 'session_created', 'session', tamper, `session-${what}`);
      expect(status).toBe(1);
      expect(stderr).toMatch(/journal_entry_malformed: line 2\b.*session_created needs session/);
    });
  }
});
