/**
 * A spreadsheet-style reconciliation script, as an accountant would write one against the
 * command line's outputs: it reads `kanjo run --format csv` (one row per record), the JSON
 * document, the statements (`--statements DIR`), `kanjo reconcile` of the exported journal (both
 * journal formats, both output formats) and hledger's balances of the `--hledger` export, with
 * its own small RFC 4180 reader, and checks they tie out per merchant and currency to the minor
 * unit, and that every record of the JSON is in the CSV and in its merchant's statement exactly
 * once, with the same seq, payment, type and sign.
 *
 * The scenarios are generated (seeded, so a failure reproduces): a marketplace and a
 * platform-business platform taking JPY, USD and KWD (three decimals), immediate and two-step
 * partial captures, reverse and non-reverse refunds, seller-model refunds, Konbini refund
 * requests completed and rejected, chargebacks (some leaving a balance below zero), transfers,
 * payout settings and payout runs, and a merchant with no records at all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { merchantStatementFileName } from '@kanjo/ledger';
import { decimalAmount } from '@kanjo/splits';
import { EXAMPLES_DIRECTORY } from '../golden/shared-examples.js';
import { prng } from '../support/generate-scenario.js';
import { kanjo } from '../support/kanjo-cli.js';

// ---------------------------------------------------------------------------------------------
// The script's own CSV reader: RFC 4180, strict. Every record ends in CRLF (the last one too),
// a field is either plain (no quote, comma, CR or LF) or wholly quoted with quotes doubled.

function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let index = 0;
  while (index < text.length) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text[index] === '"') {
        index += 1;
        for (;;) {
          if (index >= text.length) throw new Error('unterminated quoted field');
          const character = text[index] as string;
          if (character === '"') {
            if (text[index + 1] === '"') {
              field += '"';
              index += 2;
              continue;
            }
            index += 1;
            break;
          }
          field += character;
          index += 1;
        }
      } else {
        while (index < text.length && !/[",\r\n]/.test(text[index] as string)) field += text[index++];
        if (text[index] === '"') throw new Error(`a quote inside a plain field at ${index}`);
      }
      row.push(field);
      if (text[index] === ',') {
        index += 1;
        continue;
      }
      if (text.startsWith('\r\n', index)) {
        index += 2;
        break;
      }
      throw new Error(`a record must end in CRLF at ${index}: ${JSON.stringify(text.slice(index, index + 20))}`);
    }
    rows.push(row);
  }
  return rows;
}

/** The rows as objects of the header's columns, every row as wide as the header. */
function csvObjects(text: string, header: readonly string[]): Record<string, string>[] {
  const [head, ...rows] = readCsv(text);
  expect(head).toEqual(header);
  return rows.map((row) => {
    expect(row.length).toBe(header.length);
    return Object.fromEntries(header.map((column, position) => [column, row[position] as string]));
  });
}

/** A plain integer of minor units as written: no sign but a leading minus, no separators, no leading zeros. */
function integerCell(cell: string): bigint {
  if (!/^(0|-?[1-9]\d*)$/.test(cell)) throw new Error(`not a plain integer: ${JSON.stringify(cell)}`);
  return BigInt(cell);
}

// ---------------------------------------------------------------------------------------------
// Generated scenarios.

interface Ids {
  readonly mart: string;
  readonly payouts: readonly string[];
  readonly plt: string;
  readonly sellers: readonly string[];
  readonly idle: string;
  readonly payment: (index: number) => string;
}

const PLAIN_IDS: Ids = { mart: 'mart', payouts: ['pm1', 'pm2', 'pm3'], plt: 'plt', sellers: ['s1', 's2'], idle: 'idle', payment: (index) => `pay_${index}` };

/** Ids a spreadsheet or a naive script would misread, split or lose. */
const HOSTILE_IDS: Ids = {
  mart: 'mart,"east"',
  payouts: ['007', '1e5', '-0'],
  plt: 'ﾌﾟﾗｯﾄ/../x%2F',
  sellers: ['s;1', `${'長'.repeat(100)}`],
  idle: '=SUM(A1)',
  payment: (index) =>
    [`pay ${index}, "quoted"`, `00${index}`, `${index}e5`, `+81-${index}`, `日本語${index}`, ` ${index} `, `${'x'.repeat(250)}${index}`][index % 7] as string,
};

const CURRENCIES = ['JPY', 'USD', 'KWD'] as const;

function generate(seed: number, payments: number, ids: Ids, timeZone: string): Record<string, unknown> {
  const random = prng(seed);
  const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const merchants = [
    {
      id: ids.mart, type: 'platform', business: 'marketplace',
      payment_methods: { credit_card: { fee_rate: '3.6%' }, paypay: { fee_rate: '3.45%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } },
    },
    ...ids.payouts.map((id) => ({ id, type: 'payout', platform: ids.mart })),
    { id: ids.idle, type: 'payout', platform: ids.mart },
    { id: ids.plt, type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.25%' }, konbini: { fee_rate: '2.5%' } } },
    ...ids.sellers.map((id) => ({ id, type: 'seller', platform: ids.plt })),
  ];
  let time = Date.UTC(2026, 2, 2, 0, 0, 0);
  const at = (): string => {
    time += integer(60, 40_000) * 1000;
    return new Date(time).toISOString();
  };
  const commands: Record<string, unknown>[] = [];
  for (const currency of CURRENCIES) {
    commands.push({ op: 'payout_settings.update', at: at(), merchant: ids.mart, target: ids.payouts[0], currency, frequency: 'weekly', minimum_amount: 0 });
    commands.push({ op: 'payout_settings.update', at: at(), merchant: ids.mart, target: ids.mart, currency, frequency: 'monthly', minimum_amount: 100 });
    commands.push({ op: 'payout_settings.update', at: at(), merchant: ids.plt, target: ids.sellers[0], currency, frequency: 'weekly', minimum_amount: 0 });
  }
  const captured: { id: string; model: 'marketplace' | 'seller'; currency: string; amount: number; lines: { submerchant_id: string; amount: number; platform_fee: number }[]; card: boolean }[] = [];
  let lastRunDay = '';
  let requests = 0;
  const bank = { customer_name: 'ヤマダタロウ', bank_name: '青森銀行', bank_code: '0117', branch_name: '東京支店', branch_number: '921', account_type: 'ordinary', account_number: '1234567' };
  const splitOf = (amount: number): { submerchant_id: string; amount: number; platform_fee: number }[] => {
    const count = integer(1, ids.payouts.length);
    const chosen = [...ids.payouts].sort(() => random() - 0.5).slice(0, count);
    let left = amount;
    return chosen
      .map((submerchant, position) => {
        const lineAmount = position === count - 1 ? left : Math.max(1, Math.floor(left * random()));
        left -= lineAmount;
        return { submerchant_id: submerchant, amount: lineAmount, platform_fee: Math.floor((lineAmount * integer(0, 20)) / 100) };
      })
      .filter((line) => line.amount > 0);
  };
  for (let index = 1; index <= payments; index += 1) {
    const id = ids.payment(index);
    const currency = pick(CURRENCIES);
    const amount = integer(1, 3000) * (currency === 'JPY' ? 10 : 7) + integer(0, 9);
    const roll = random();
    if (roll < 0.3) {
      // Seller model, immediate or two-step partial capture.
      const seller = pick(ids.sellers);
      const platformAmount = Math.floor((amount * integer(5, 30)) / 100);
      if (random() < 0.5) {
        commands.push({ op: 'payment.create', at: at(), id, merchant: ids.plt, as: seller, amount, currency, payment_type: 'credit_card', platform_amount: platformAmount, platform_merchant: ids.plt });
        captured.push({ id, model: 'seller', currency, amount, lines: [], card: true });
      } else {
        commands.push({ op: 'payment.create', at: at(), id, merchant: ids.plt, as: seller, amount, currency, payment_type: 'credit_card', capture: false, platform_amount: Math.floor(amount / 20), platform_merchant: ids.plt });
        const part = integer(Math.ceil(amount / 2), amount);
        commands.push({ op: 'payment.capture', at: at(), payment: id, amount: part, platform_amount: Math.floor(part / 10) });
        captured.push({ id, model: 'seller', currency, amount: part, lines: [], card: true });
      }
    } else if (roll < 0.45) {
      // Konbini: created waiting for the customer with its split, paid, sometimes refunded by request.
      const lines = splitOf(amount);
      commands.push({ op: 'payment.create', at: at(), id, merchant: ids.mart, amount, currency, payment_type: 'konbini', capture: true, platform_details: { submerchants: lines } });
      commands.push({ op: 'payment.capture', at: at(), payment: id });
      if (random() < 0.4) {
        commands.push({ op: 'payment.refund_request', at: at(), id: `rq_${index}`, payment: id, include_payment_method_fee: random() < 0.5, ...bank });
        requests += 1;
        // Every third request is rejected, every fifth left pending.
        if (requests % 5 !== 0) commands.push({ op: requests % 3 === 2 ? 'refund_request.reject' : 'refund_request.complete', at: at(), refund_request: `rq_${index}` });
      }
    } else if (roll < 0.6) {
      // Marketplace two-step partial capture of a card payment.
      commands.push({ op: 'payment.create', at: at(), id, merchant: ids.mart, amount, currency, payment_type: 'credit_card', capture: false });
      const part = integer(Math.ceil(amount / 2), amount);
      const lines = splitOf(part);
      commands.push({ op: 'payment.capture', at: at(), payment: id, amount: part, platform_details: { submerchants: lines } });
      captured.push({ id, model: 'marketplace', currency, amount: part, lines, card: true });
    } else {
      const lines = splitOf(amount);
      const type = pick(['credit_card', 'paypay']);
      commands.push({ op: 'payment.create', at: at(), id, merchant: ids.mart, amount, currency, payment_type: type, platform_details: { submerchants: lines } });
      captured.push({ id, model: 'marketplace', currency, amount, lines, card: type === 'credit_card' });
    }
    const after = random();
    if (after < 0.25 && captured.length > 0) {
      const target = captured.splice(Math.floor(random() * captured.length), 1)[0]!;
      if (target.model === 'seller') {
        commands.push({ op: 'payment.refund', at: at(), payment: target.id, amount: integer(1, target.amount) });
      } else if (random() < 0.5) {
        commands.push({ op: 'payment.refund', at: at(), payment: target.id }); // reverse refund of everything
      } else {
        const line = target.lines[0]!;
        const give = Math.max(0, Math.floor((line.amount - line.platform_fee) / 2));
        commands.push({ op: 'payment.refund', at: at(), payment: target.id, amount: give + 1, platform_details: { submerchants: [{ submerchant_id: line.submerchant_id, amount: give, platform_fee: 1 }] } });
      }
    } else if (after < 0.33 && captured.length > 0) {
      const cards = captured.filter((payment) => payment.card);
      const target = cards[Math.floor(random() * cards.length)];
      if (target !== undefined) {
        captured.splice(captured.indexOf(target), 1);
        commands.push({ op: 'payment.chargeback', at: at(), payment: target.id });
      }
    } else if (after < 0.4) {
      const to = pick(ids.payouts);
      commands.push(random() < 0.5
        ? { op: 'balance.transfer', at: at(), merchant: ids.mart, from: ids.mart, to, amount: integer(1, 500), currency: pick(CURRENCIES) }
        : { op: 'balance.transfer', at: at(), merchant: ids.mart, from: to, to: ids.mart, amount: integer(1, 500), currency: pick(CURRENCIES) });
    }
    const day = new Date(time).toISOString().slice(0, 10);
    if (day !== lastRunDay) {
      lastRunDay = day;
      commands.push({ op: 'settlement.run', at: at(), date: day });
    }
  }
  return { merchants, time_zone: timeZone, commands };
}

// ---------------------------------------------------------------------------------------------
// What the script reads.

interface JsonRecord { seq: number; payment?: string; merchant: string; type: string; currency: string; deposit: number; debit: number }
interface JsonReport { results: { ok: boolean; op: string }[]; balances: Record<string, Record<string, number>>; records: JsonRecord[] }

const RUN_HEADER = ['seq', 'payment', 'merchant', 'type', 'currency', 'deposit', 'debit'];
const STATEMENT_HEADER = ['seq', 'at', 'payment', 'record_type', 'currency', 'deposit', 'debit', 'balance'];

interface Outputs {
  readonly scenario: Record<string, unknown>;
  readonly json: JsonReport;
  readonly csv: string;
  readonly statements: string;
  readonly compact: string;
  readonly objects: string;
  readonly hledger: string;
  readonly work: string;
}

function runAll(scenario: Record<string, unknown>): Outputs {
  const work = mkdtempSync(join(tmpdir(), 'kanjo-sheets-'));
  const scenarioPath = join(work, 'scenario.json');
  writeFileSync(scenarioPath, JSON.stringify(scenario));
  const statements = join(work, 'statements');
  const compact = join(work, 'compact.ndjson');
  const objects = join(work, 'objects.ndjson');
  const hledger = join(work, 'export.journal');
  const json = kanjo(['run', scenarioPath, '--format', 'json', '--journal', compact, '--hledger', hledger, '--statements', statements]);
  expect([json.status, json.stderr]).toEqual([0, '']);
  const csv = kanjo(['run', scenarioPath, '--format', 'csv', '--journal', objects, '--journal-format', 'objects']);
  expect(csv.status).toBe(0);
  return { scenario, json: JSON.parse(json.stdout) as JsonReport, csv: csv.stdout, statements, compact, objects, hledger, work };
}

/** Balances as `merchant → currency → minor units`, zero balances left out (a ledger tool omits them). */
type Balances = Map<string, Map<string, bigint>>;

function add(balances: Balances, merchant: string, currency: string, amount: bigint): void {
  const byCurrency = balances.get(merchant) ?? new Map<string, bigint>();
  byCurrency.set(currency, (byCurrency.get(currency) ?? 0n) + amount);
  balances.set(merchant, byCurrency);
}

function nonZero(balances: Balances): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [merchant, byCurrency] of [...balances].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [currency, amount] of [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (amount === 0n) continue;
      (out[merchant] ??= {})[currency] = String(amount);
    }
  }
  return out;
}

function jsonBalances(json: JsonReport): Balances {
  const balances: Balances = new Map();
  for (const [merchant, byCurrency] of Object.entries(json.balances)) {
    for (const [currency, amount] of Object.entries(byCurrency)) add(balances, merchant, currency, BigInt(amount));
  }
  return balances;
}

/** hledger's balance of every merchant account, in minor units, read from its CSV output. */
function hledgerBalances(path: string, merchants: readonly string[]): Balances {
  const balances: Balances = new Map();
  const text = execFileSync('hledger', ['-f', path, 'balance', '^Liabilities:Merchants:', '--flat', '--no-total', '-O', 'csv', '--layout', 'bare'], { encoding: 'utf8' });
  const [head, ...rows] = readCsv(text.replace(/\r?\n/g, '\r\n'));
  expect(head).toEqual(['account', 'commodity', 'balance']);
  for (const [name, commodity, amount] of rows as [string, string, string][]) {
    // The export percent-encodes an id's ':' and '%' (hledgerAccountName): decoded, the id.
    const merchant = decodeURIComponent(name.slice('Liabilities:Merchants:'.length));
    expect([name, merchants.includes(merchant)]).toEqual([name, true]);
    if (commodity === '') continue; // hledger's 0 with no commodity
    const [units, fraction = ''] = amount.replace(/^-/, '').split('.');
    const exponent = commodity === 'JPY' ? 0 : commodity === 'KWD' ? 3 : 2;
    expect(fraction.length).toBeLessThanOrEqual(exponent);
    const minor = BigInt(`${units}${fraction.padEnd(exponent, '0')}`) * (amount.startsWith('-') ? -1n : 1n);
    add(balances, merchant, commodity, -minor); // a merchant's balance is a liability: hledger shows it negative
  }
  return balances;
}

// ---------------------------------------------------------------------------------------------

const PACKAGE_EXAMPLES = fileURLToPath(new URL('../../packages/ledger/examples/', import.meta.url));

const SCENARIOS = [
  { name: 'plain ids, Tokyo', scenario: generate(11, 80, PLAIN_IDS, '+09:00') },
  { name: 'plain ids, New York', scenario: generate(23, 80, PLAIN_IDS, '-05:00') },
  { name: 'hostile ids (commas, quotes, 007, 1e5, -0, kanji, "/", ";", long ids)', scenario: generate(37, 70, HOSTILE_IDS, '+05:30') },
];

if (process.env['SHEETS_DUMP'] !== undefined) for (const [position, { scenario }] of SCENARIOS.entries()) writeFileSync(join(process.env['SHEETS_DUMP'], `scenario-${position}.json`), JSON.stringify(scenario, null, 1));

describe('the generated scenarios', () => {
  const reports = SCENARIOS.map(({ scenario }) => {
    const path = join(mkdtempSync(join(tmpdir(), 'kanjo-sheets-')), 'scenario.json');
    writeFileSync(path, JSON.stringify(scenario));
    return { json: JSON.parse(kanjo(['run', path, '--format', 'json']).stdout) as JsonReport, merchants: (scenario['merchants'] as { id: string }[]).map((merchant) => merchant.id) };
  });

  it('together exercise every flow and record type in every currency, a balance below zero and a merchant with no records', () => {
    const accepted = new Set(reports.flatMap(({ json }) => json.results.filter((result) => result.ok).map((result) => result.op)));
    for (const op of ['payment.capture', 'payment.refund', 'payment.refund_request', 'refund_request.complete', 'refund_request.reject', 'payment.chargeback', 'balance.transfer', 'settlement.run']) expect([op, accepted.has(op)]).toEqual([op, true]);
    const types = new Set(reports.flatMap(({ json }) => json.records.map((record) => record.type)));
    for (const type of ['Payout', 'Chargeback', 'Refund Fee', 'Refunded Customer Fee', 'Payment Transfer Return', 'Platform Fee Return', 'Balance Transfer']) expect([type, types.has(type)]).toEqual([type, true]);
    // Chargebacks leave some balances below zero.
    expect(reports.filter(({ json }) => Object.values(json.balances).some((byCurrency) => Object.values(byCurrency).some((amount) => amount < 0))).length).toBeGreaterThanOrEqual(2);
    for (const { json, merchants } of reports) {
      expect(new Set(json.records.map((record) => record.currency))).toEqual(new Set(CURRENCIES));
      const idle = merchants.find((id) => id === PLAIN_IDS.idle || id === HOSTILE_IDS.idle) as string;
      expect(json.balances[idle]).toEqual({});
      expect(json.records.some((record) => record.merchant === idle)).toBe(false);
    }
  });
});

const EXAMPLES = [
  ...readdirSync(EXAMPLES_DIRECTORY).filter((name) => name.endsWith('.json') && !name.endsWith('.expect.json')).map((name) => ({ name: `shared example ${name}`, path: join(EXAMPLES_DIRECTORY, name) })),
  ...readdirSync(PACKAGE_EXAMPLES).filter((name) => name.endsWith('.json')).map((name) => ({ name: `package example ${name}`, path: join(PACKAGE_EXAMPLES, name) })),
];

describe.each([
  ...SCENARIOS.map((generated) => ({ ...generated, generated: true })),
  ...EXAMPLES.map(({ name, path }) => ({ name, scenario: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>, generated: false })),
])('a reconciliation script over $name', ({ scenario, generated }) => {
  const outputs = runAll(scenario);
  const { json } = outputs;
  const merchants = (scenario['merchants'] as { id: string }[]).map((merchant) => merchant.id);

  it('the CSV is RFC 4180 with the documented header, and holds every JSON record once, in order, with its seq, payment, merchant, type and amounts', () => {
    const rows = csvObjects(outputs.csv, RUN_HEADER);
    expect(rows.length).toBe(json.records.length);
    rows.forEach((row, position) => {
      const record = json.records[position] as JsonRecord;
      expect(row).toEqual({
        seq: String(record.seq), payment: record.payment ?? '', merchant: record.merchant, type: record.type,
        currency: record.currency, deposit: String(record.deposit), debit: String(record.debit),
      });
      integerCell(row['deposit'] as string);
      integerCell(row['debit'] as string);
      // One side only, and never a zero row (SCENARIO.md: "none for a zero amount").
      expect((row['deposit'] === '0') !== (row['debit'] === '0')).toBe(true);
    });
  });

  it('the CSV rows summed per merchant and currency are the JSON balances', () => {
    const sums: Balances = new Map();
    for (const row of csvObjects(outputs.csv, RUN_HEADER)) add(sums, row['merchant'] as string, row['currency'] as string, integerCell(row['deposit'] as string) - integerCell(row['debit'] as string));
    expect(nonZero(sums)).toEqual(nonZero(jsonBalances(json)));
  });

  it('one statement per merchant of the file (one with no records holds the header alone), each the JSON records of that merchant with running balances ending at its balance', () => {
    const files = readdirSync(outputs.statements).sort();
    expect(files).toEqual(merchants.map(merchantStatementFileName).sort());
    for (const merchant of merchants) {
      const rows = csvObjects(readFileSync(join(outputs.statements, merchantStatementFileName(merchant)), 'utf8'), STATEMENT_HEADER);
      const records = json.records.filter((record) => record.merchant === merchant);
      expect(rows.length).toBe(records.length);
      const running = new Map<string, bigint>();
      rows.forEach((row, position) => {
        const record = records[position] as JsonRecord;
        expect({ seq: row['seq'], payment: row['payment'], type: row['record_type'], currency: row['currency'], deposit: row['deposit'], debit: row['debit'] })
          .toEqual({ seq: String(record.seq), payment: record.payment ?? '', type: record.type, currency: record.currency, deposit: String(record.deposit), debit: String(record.debit) });
        expect(row['at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        const balance = (running.get(record.currency) ?? 0n) + integerCell(row['deposit'] as string) - integerCell(row['debit'] as string);
        running.set(record.currency, balance);
        expect(integerCell(row['balance'] as string)).toBe(balance);
      });
      const closing: Balances = new Map([[merchant, running]]);
      const expected: Balances = new Map([[merchant, jsonBalances(json).get(merchant) ?? new Map()]]);
      expect(nonZero(closing)).toEqual(nonZero(expected));
    }
  });

  it('kanjo reconcile of both journal formats, as JSON and as a table, gives the JSON balances', () => {
    for (const journal of [outputs.compact, outputs.objects]) {
      const asJson = kanjo(['reconcile', journal, '--format', 'json']);
      expect(asJson.status).toBe(0);
      const reconciled = JSON.parse(asJson.stdout) as { balances: Record<string, Record<string, number>> };
      expect(reconciled.balances).toEqual(json.balances);
      if (journal !== outputs.compact) continue; // the table is the same for both formats
      const table = kanjo(['reconcile', journal, '--format', 'table']);
      expect(table.status).toBe(0);
      const fromTable: Balances = new Map();
      for (const line of table.stdout.split('\n').slice(1)) {
        // A merchant no posting touched has a line of its own, with no amount.
        if (line === '' || / no records$/u.test(line)) continue;
        const match = /^(\S+) +(-?[\d.]+) ([A-Z]{3})$/u.exec(line);
        if (match === null) throw new Error(`unexpected table line ${JSON.stringify(line)}`);
        const [, merchant, amount, currency] = match as unknown as [string, string, string, string];
        const exponent = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
        const [units, fraction = ''] = amount.replace(/^-/, '').split('.');
        expect(fraction.length).toBe(exponent);
        add(fromTable, merchant, currency, BigInt(`${units}${fraction}`) * (amount.startsWith('-') ? -1n : 1n));
      }
      expect(nonZero(fromTable)).toEqual(nonZero(jsonBalances(json)));
    }
  });

  it("the objects journal's postings on merchant accounts are the CSV's rows, and each statement row carries its entry's time", () => {
    const lines = readFileSync(outputs.objects, 'utf8').split('\n').filter((line) => line !== '');
    const fromJournal: Record<string, string>[] = [];
    const times = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const entry = JSON.parse(line) as { seq: number; at: string; payment?: string; postings: [string, string, number, string][] };
      times.set(String(entry.seq), entry.at);
      for (const [account, currency, amount, type] of entry.postings) {
        if (!account.startsWith('Liabilities:Merchants:')) continue;
        fromJournal.push({
          seq: String(entry.seq), payment: entry.payment ?? '', merchant: account.slice('Liabilities:Merchants:'.length), type, currency,
          // A credit on a merchant's liability account is a deposit.
          deposit: String(amount < 0 ? -amount : 0), debit: String(amount > 0 ? amount : 0),
        });
      }
    }
    expect(csvObjects(outputs.csv, RUN_HEADER)).toEqual(fromJournal);
    for (const merchant of merchants) {
      for (const row of csvObjects(readFileSync(join(outputs.statements, merchantStatementFileName(merchant)), 'utf8'), STATEMENT_HEADER)) {
        expect(row['at']).toBe(times.get(row['seq'] as string));
      }
    }
  });

  it("hledger's register of each merchant account is its statement: the same entries (the transaction code is the seq) and amounts, in order", () => {
    const text = execFileSync('hledger', ['-f', outputs.hledger, 'register', '-O', 'csv', '^Liabilities:Merchants:'], { encoding: 'utf8' });
    const [head, ...rows] = readCsv(text.replace(/\r?\n/g, '\r\n'));
    expect(head).toEqual(['txnidx', 'date', 'code', 'description', 'account', 'amount', 'total']);
    const registered = new Map<string, string[]>();
    for (const [, , code, description, account, amount] of rows as string[][]) {
      if (description === 'closing balances per merchant (Kanjo)') continue;
      const merchant = decodeURIComponent((account as string).slice('Liabilities:Merchants:'.length));
      registered.set(merchant, [...(registered.get(merchant) ?? []), `${code} ${amount}`]);
    }
    for (const merchant of merchants) {
      const statement = csvObjects(readFileSync(join(outputs.statements, merchantStatementFileName(merchant)), 'utf8'), STATEMENT_HEADER);
      // hledger shows a liability's credit (a deposit) negative, in the currency's unit.
      const expected = statement.map((row) => `${row['seq']} ${decimalAmount(integerCell(row['debit'] as string) - integerCell(row['deposit'] as string), row['currency'] as string)} ${row['currency']}`);
      expect([merchant, registered.get(merchant) ?? []]).toEqual([merchant, expected]);
    }
  });

  it('ledger (ledger-cli) reads the export to the same balances', () => {
    const text = execFileSync('ledger', ['-f', outputs.hledger, 'balance', '^Liabilities:Merchants:', '--flat', '--no-total', '--format', '%(account)\\n%(scrub(display_total))\\n'], { encoding: 'utf8' });
    const balances: Balances = new Map();
    let merchant = '';
    for (const line of text.split('\n')) {
      if (line === '') continue;
      if (line.startsWith('Liabilities:Merchants:')) {
        merchant = decodeURIComponent(line.slice('Liabilities:Merchants:'.length));
        expect(merchants).toContain(merchant);
        continue;
      }
      const match = /^(-?)(\d+)(?:\.(\d+))? ([A-Z]{3})$/.exec(line.trim());
      if (match === null) throw new Error(`unexpected ledger line ${JSON.stringify(line)}`);
      const [, sign, units, fraction = '', currency] = match as unknown as [string, string, string, string | undefined, string];
      const exponent = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
      expect(fraction.length).toBe(exponent);
      add(balances, merchant, currency, -BigInt(`${sign}${units}${fraction}`));
    }
    expect(nonZero(balances)).toEqual(nonZero(jsonBalances(json)));
  });

  it('hledger checks the export and gives the JSON balances for every merchant, to the minor unit', () => {
    execFileSync('hledger', ['-f', outputs.hledger, 'check'], { encoding: 'utf8', stdio: 'pipe' });
    expect(nonZero(hledgerBalances(outputs.hledger, merchants))).toEqual(nonZero(jsonBalances(json)));
  });

  // Generated scenarios only: declared for them alone, not reported as skipped for the examples.
  if (generated) it('the same scenario gives the same bytes: CSV, statements, journals and hledger export', () => {
    const again = runAll(scenario);
    expect(again.csv).toBe(outputs.csv);
    for (const merchant of merchants) {
      const name = merchantStatementFileName(merchant);
      expect(readFileSync(join(again.statements, name), 'utf8')).toBe(readFileSync(join(outputs.statements, name), 'utf8'));
    }
    for (const key of ['compact', 'objects', 'hledger'] as const) {
      expect(readFileSync(again[key], 'utf8')).toBe(readFileSync(outputs[key], 'utf8'));
    }
  });

  // Generated scenarios only, as the bytes check above (the examples are too small to say
  // more). python3 is installed by the test command's setup (scripts/install-tools.sh): missing, this fails.
  if (generated) it("Python's csv module reads back exactly the values written", () => {
    const script = 'import csv,json,sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))';
    const csvPath = join(outputs.work, 'run.csv');
    writeFileSync(csvPath, outputs.csv);
    const read = JSON.parse(execFileSync('python3', ['-c', script, csvPath], { encoding: 'utf8', maxBuffer: 1 << 28 })) as string[][];
    expect(read).toEqual(readCsv(outputs.csv));
  });
});

describe('the exports at the edges of the times the engine accepts', () => {
  const payment = (at: string): Record<string, unknown> => ({
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
      { id: 'pm1', type: 'payout', platform: 'mart' },
    ],
    time_zone: '-12:00',
    commands: [{ op: 'payment.create', at, id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] } }],
  });

  // README: "an append-only double-entry journal that accountants can reconcile (hledger and
  // ledger read its export)"; time_invalid's message: "so that every date Kanjo writes of it, in
  // any time zone, has a four-digit year as hledger and ledger read". ledger (3.3, Debian's, as
  // `npm test` installs it) reads years 1400 to 9999 only ("Year is out of valid range: 1400..9999"),
  // so an export dated 0001-01-01 was accepted and then unreadable by ledger.
  it('a time whose date in some time zone is before 1400 is time_invalid; from 1400-01-02 in UTC, the export is read by ledger and hledger alike', () => {
    for (const at of ['0001-01-02T00:00:00Z', '1400-01-01T23:59:59.999Z']) {
      const outputs = runAll(payment(at));
      expect([at, outputs.json.results[0]]).toEqual([at, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'time_invalid' }) })]);
    }
    const outputs = runAll(payment('1400-01-02T00:00:00Z'));
    expect(outputs.json.results[0]?.ok).toBe(true);
    expect(readFileSync(outputs.hledger, 'utf8')).toContain('1400-01-01 * (1) payment.create p1\n');
    expect(execFileSync('ledger', ['-f', outputs.hledger, 'balance', 'Liabilities:Merchants:pm1', '--flat', '--no-total', '--format', '%(account) %(scrub(display_total))\\n'], { encoding: 'utf8' })).toBe('Liabilities:Merchants:pm1 -900 JPY\n');
    expect(execFileSync('hledger', ['-f', outputs.hledger, 'balance', 'Liabilities:Merchants:pm1', '--flat', '--no-total', '-O', 'csv'], { encoding: 'utf8' })).toBe('"account","balance"\n"Liabilities:Merchants:pm1","-900 JPY"\n');
  });
});
