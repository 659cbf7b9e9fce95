import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kanjo } from '../../support/kanjo-cli.js';

/**
 * What an accountant's tools say about Kanjo's exports: runs `kanjo run` with every export,
 * then hledger and ledger on the result, and reads their output back into exact integers of
 * minor units (bigint: a sum past 2^53 stays exact, so a tool that rounded would be caught).
 * hledger and ledger are installed by scripts/install-tools.sh; if one is missing, spawnSync
 * reports ENOENT and the tests that use it FAIL: they never skip.
 */

/** ISO 4217 exponents of the currencies these tests use, written out here as the oracle. */
export const EXPONENT: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, USD: 2, EUR: 2, KWD: 3, BHD: 3 };

/** One record as `kanjo run --format json` lists it (SCENARIO.md "Output"). */
export interface JsonRecord {
  readonly seq: number;
  readonly payment?: string;
  readonly merchant: string;
  readonly type: string;
  readonly currency: string;
  readonly deposit: number;
  readonly debit: number;
}

/** The JSON document of `kanjo run --format json`. */
export interface RunReport {
  readonly results: readonly { readonly index: number; readonly op: string; readonly ok: boolean; readonly error?: { readonly code: string } }[];
  readonly balances: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly records: readonly JsonRecord[];
}

/** Where one run's exports are. */
export interface Exported {
  readonly status: number | null;
  readonly stderr: string;
  readonly report: RunReport;
  /** The `--hledger` journal. */
  readonly hledger: string;
  /** The `--statements` folder. */
  readonly statements: string;
  /** The `--journal` NDJSON. */
  readonly journal: string;
}

/** Runs `kanjo run SCENARIO --format json` with all three exports into `directory/name…`. */
export function exportScenario(directory: string, name: string, scenario: string | object): Exported {
  let path: string;
  if (typeof scenario === 'string') path = scenario;
  else {
    path = join(directory, `${name}.json`);
    writeFileSync(path, JSON.stringify(scenario));
  }
  const hledger = join(directory, `${name}.journal`);
  const statements = join(directory, `${name}-statements`);
  const journal = join(directory, `${name}.ndjson`);
  mkdirSync(statements, { recursive: true });
  const run = kanjo(['run', path, '--format', 'json', '--hledger', hledger, '--statements', statements, '--journal', journal]);
  if (run.status !== 0) throw new Error(`kanjo run ${name} exited ${String(run.status)}: ${run.stderr}`);
  return { status: run.status, stderr: run.stderr, report: JSON.parse(run.stdout) as RunReport, hledger, statements, journal };
}

/** Runs a tool and returns what it said; never throws on a non-zero exit. */
export function tool(command: 'hledger' | 'ledger', args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.error !== undefined) throw result.error; // ENOENT: the tool is not installed
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Exact minor units of a decimal the tools print (`-74207.81`, `0`, `9007199254741.997`). At
 * most the currency's exponent of decimals: more would mean a unit smaller than the minor unit.
 */
export function minorUnits(text: string, currency: string): bigint {
  const exponent = EXPONENT[currency];
  if (exponent === undefined) throw new Error(`no exponent for ${currency}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  if (fraction.length > exponent) throw new Error(`${text} ${currency} has more decimals than ${exponent}`);
  const units = BigInt(whole + fraction.padEnd(exponent, '0'));
  return sign === '-' ? -units : units;
}

/** `account\tcurrency` → exact minor units, zeros dropped (the tools hide zero balances). */
export type Balances = Map<string, bigint>;

/** Adds `amount` to `key`, dropping the key when it comes to zero. */
export function addTo(balances: Balances, key: string, amount: bigint): void {
  const sum = (balances.get(key) ?? 0n) + amount;
  if (sum === 0n) balances.delete(key);
  else balances.set(key, sum);
}

/** Reads one CSV line of RFC 4180 fields (quotes doubled inside quoted fields). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index] as string;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      fields.push(field);
      field = '';
    } else field += character;
  }
  fields.push(field);
  return fields;
}

/** Rows of a CSV text (header row first), split at its line ends, the last empty line dropped. */
export function csvRows(text: string, lineEnd: string): string[][] {
  const lines = text.split(lineEnd);
  if (lines.at(-1) === '') lines.pop();
  return lines.map(csvFields);
}

/** hledger's flat balance report, one row per account and commodity (`--layout bare`). */
export function hledgerBalances(file: string, extra: readonly string[] = []): Balances {
  const result = tool('hledger', ['-f', file, 'balance', '--flat', '--layout', 'bare', '-N', '-O', 'csv', ...extra]);
  if (result.status !== 0) throw new Error(`hledger balance failed: ${result.stderr}`);
  const balances: Balances = new Map();
  const [header, ...rows] = csvRows(result.stdout, '\n');
  if (JSON.stringify(header) !== '["account","commodity","balance"]') throw new Error(`unexpected header ${JSON.stringify(header)}`);
  for (const [account = '', commodity = '', amount = ''] of rows) addTo(balances, `${account}\t${commodity}`, minorUnits(amount, commodity));
  return balances;
}

/** ledger's flat balance of every account in one commodity. */
export function ledgerBalances(file: string, currency: string): Balances {
  const result = tool('ledger', ['-f', file, 'balance', '--flat', '--no-total', '-l', `commodity == "${currency}"`, '--balance-format', '%(account)\t%(quantity(scrub(display_total)))\n']);
  if (result.status !== 0 || result.stderr !== '') throw new Error(`ledger balance failed: ${result.stderr}`);
  const balances: Balances = new Map();
  for (const line of result.stdout.split('\n').filter((text) => text !== '')) {
    const [account = '', amount = ''] = line.split('\t');
    addTo(balances, `${account}\t${currency}`, minorUnits(amount, currency));
  }
  return balances;
}

/** One statement row (README "hledger export and statements"), amounts as numbers. */
export interface StatementRow {
  readonly seq: number;
  readonly at: string;
  readonly payment: string;
  readonly recordType: string;
  readonly currency: string;
  readonly deposit: number;
  readonly debit: number;
  readonly balance: number;
}

/** Every merchant's statement in a `--statements` folder, by file name without `.csv`. */
export function readStatements(directory: string): Map<string, StatementRow[]> {
  const statements = new Map<string, StatementRow[]>();
  for (const file of readdirSync(directory).sort()) {
    const text = readFileSync(join(directory, file), 'utf8');
    const [header, ...rows] = csvRows(text, '\r\n');
    if (JSON.stringify(header) !== '["seq","at","payment","record_type","currency","deposit","debit","balance"]') throw new Error(`${file}: header ${JSON.stringify(header)}`);
    statements.set(
      file.replace(/\.csv$/, ''),
      rows.map(([seq = '', at = '', payment = '', recordType = '', currency = '', deposit = '', debit = '', balance = '']) => ({
        seq: Number(seq), at, payment, recordType, currency, deposit: plainInteger(deposit), debit: plainInteger(debit), balance: plainInteger(balance),
      })),
    );
  }
  return statements;
}

/** A statement amount: a plain integer of minor units, nothing else (README: "plain integers"). */
function plainInteger(text: string): number {
  if (!/^-?(0|[1-9]\d*)$/.test(text)) throw new Error(`not a plain integer: ${JSON.stringify(text)}`);
  return Number(text);
}
