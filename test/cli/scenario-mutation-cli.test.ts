import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merchantStatementFileName, merchantStatementsCsvLines, runScenario, unknownScenarioFields } from '@kanjo/ledger';
import { countText } from '@kanjo/splits';
import { kanjo, KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS } from '../support/kanjo-cli.js';
import { parseCsv } from '../support/rfc4180-csv.js';
import { asFileText, mutant, mutantRecipeArbitrary, type MutantRecipe } from '../support/scenario-mutations.js';
import { describeRecipe, ENDS_A_LINE, inUnit } from '../support/scenario-mutation-invariants.js';

/**
 * Mutants of the worked examples (test/support/scenario-mutations.ts) through `kanjo run`: the
 * command line must keep SCENARIO.md's exit statuses and formats whatever the file, and agree
 * with the library's report, statements and journal.
 */

const work = mkdtempSync(join(tmpdir(), 'kanjo-scenario-mutation-'));
let files = 0;
const writeScenario = (text: string): string => {
  const path = join(work, `mutant-${++files}.json`);
  writeFileSync(path, text);
  return path;
};


/** `kanjo ARGS…` as a child process, asynchronously, so that a few run side by side. */
function kanjoAsync(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [KANJO_CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: KANJO_PROCESS_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ status: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

const STACK_TRACE = /^\s+at |^(\w*Error|Error)\b|internal error/m;

/** Every check of one mutant through the command line. */
async function checkCommandLine(recipe: MutantRecipe): Promise<void> {
  const where = describeRecipe(recipe);
  const text = asFileText(mutant(recipe));
  const path = writeScenario(text);
  const library = runScenario(JSON.parse(text));
  const journal = `${path}.ndjson`;
  const statements = `${path}.statements`;
  const [json, table, csv] = await Promise.all([
    kanjoAsync(['run', path, '--format', 'json', '--journal', journal, '--statements', statements]),
    kanjoAsync(['run', path, '--format', 'table']),
    kanjoAsync(['run', path, '--format', 'csv']),
  ]);
  for (const run of [json, table, csv]) expect(run.stderr, where).not.toMatch(STACK_TRACE);
  if (!library.ok) {
    // SCENARIO.md: a file with no commands list or malformed merchants is exit 2 and one line on standard error.
    for (const run of [json, table, csv]) {
      expect(run.status, where).toBe(2);
      expect(run.stdout, where).toBe('');
      expect(run.stderr, where).toBe(`kanjo: ${path}: ${library.error.code}: ${library.error.message}\n`);
    }
    return;
  }
  const { report } = library.value;
  // Otherwise exit status 0, whatever commands were rejected; warnings are lines of their own.
  for (const run of [json, table, csv]) {
    expect(run.status, where).toBe(0);
    for (const line of run.stderr.split('\n').filter((l) => l !== '')) {
      expect(line, where).toMatch(/^kanjo: warning: /);
      expect(ENDS_A_LINE.exec(line)?.[0], `${where}: ${JSON.stringify(line.slice(0, 200))}`).toBeUndefined();
    }
  }
  // Text from the file stays on its line in the table too (ops of rejected commands, messages).
  for (const line of table.stdout.split('\n')) expect(ENDS_A_LINE.exec(line)?.[0], `${where}: ${JSON.stringify(line.slice(0, 200))}`).toBeUndefined();
  expect(JSON.parse(json.stdout), where).toEqual(JSON.parse(JSON.stringify(report)));
  // Each merchant's statement file is the library's statement, under the name README gives it.
  const merchants = [...library.value.ledger.state.config.merchants.keys()];
  for (const [merchant, lines] of merchantStatementsCsvLines(library.value.ledger.journal, merchants)) {
    expect(readFileSync(join(statements, merchantStatementFileName(merchant)), 'utf8'), `${where}: ${merchant}`).toBe(lines.join(''));
  }
  // The journal the run exported reconciles to the same balances (README: run --journal, then reconcile).
  const reconciled = await kanjoAsync(['reconcile', journal, '--format', 'json']);
  expect({ status: reconciled.status, stderr: reconciled.stderr }, where).toEqual({ status: 0, stderr: '' });
  expect(JSON.parse(reconciled.stdout), where).toEqual({ entries: library.value.ledger.journal.length, balances: JSON.parse(JSON.stringify(report.balances)) });

  // The table's count of outcomes, and each merchant's closing balance in its currency's unit.
  const rejected = report.results.filter((result) => !result.ok).length;
  const tableLines = table.stdout.split('\n');
  expect(tableLines, where).toContain(`${report.results.length} commands: ${report.results.length - rejected} accepted, ${rejected} rejected`);
  for (const [merchant, currencies] of Object.entries(report.balances)) {
    for (const [currency, balance] of Object.entries(currencies)) {
      const amount = inUnit(balance, currency);
      if (amount !== undefined && /^[\w-]+$/.test(merchant)) {
        const section = tableLines.indexOf(`${merchant} (${currency})`);
        expect(section, `${where}: ${merchant} (${currency})`).toBeGreaterThanOrEqual(0);
        expect(tableLines.slice(section).find((line) => line.startsWith('closing balance: ')), where).toBe(`closing balance: ${amount} ${currency}`);
      }
    }
  }

  // CSV: RFC 4180, the header row, then exactly the records; each rejection named on standard error.
  const [header, ...rows] = parseCsv(csv.stdout);
  expect(header, where).toEqual(['seq', 'payment', 'merchant', 'type', 'currency', 'deposit', 'debit']);
  expect(rows, where).toEqual(
    report.records.map((record) => [String(record.seq), record.payment ?? '', record.merchant, record.type, record.currency, String(record.deposit), String(record.debit)]),
  );
  // README: each rejected command named on standard error with its code and message, the first ten, then a count.
  const rejections = report.results.filter((result) => !result.ok);
  const rejectionLines = csv.stderr.split('\n').filter((line) => / was rejected and changed nothing: /.test(line));
  expect(rejectionLines.length, where).toBe(Math.min(rejected, 10));
  rejectionLines.forEach((line, index) => {
    const result = rejections[index];
    expect(line.startsWith(`kanjo: warning: commands[${result?.index}]`), `${where}: ${line}`).toBe(true);
    expect(line.endsWith(` was rejected and changed nothing: ${result?.error?.code}: ${result?.error?.message}`), `${where}: ${line}`).toBe(true);
  });
  expect(csv.stderr.includes(`kanjo: warning: ${countText(rejected - 10)} more commands were rejected (${countText(rejected)} of ${countText(report.results.length)}); --format json or table lists them all\n`), where).toBe(rejected > 10);
  // And each field Kanjo does not read, the first ten, then a count; the same in every format.
  const unknown = unknownScenarioFields(JSON.parse(text));
  const unknownLines = json.stderr.split('\n').filter((line) => / which Kanjo does not read: it is ignored$/.test(line));
  expect(unknownLines.length, where).toBe(Math.min(unknown.length, 10));
  expect(json.stderr.includes(`kanjo: warning: ${unknown.length - 10} more fields Kanjo does not read are ignored`), where).toBe(unknown.length > 10);
  expect(table.stderr, where).toBe(json.stderr);
}

describe('mutants of the worked examples, through kanjo run', () => {
  it('kanjo run exits 0 or 2 as SCENARIO.md says, never with a stack trace; exit 2 is one line; --format json is the library report, its --statements are the library statements and its --journal reconciles to its balances; the table counts and balances agree with it; csv is RFC 4180 with the records under a header row', async () => {
    const recipes = fc.sample(mutantRecipeArbitrary, { seed: 7_2026_12_03, numRuns: Number(process.env.CLI_MUTANTS ?? 32) });
    // Two mutants at a time (six processes): the machine has two cores, shared.
    for (let index = 0; index < recipes.length; index += 2) await Promise.all(recipes.slice(index, index + 2).map(checkCommandLine));
  }, 120_000 + 3_000 * Number(process.env.CLI_MUTANTS ?? 0));
});

describe('defects the mutants found (fixed; each test states the correct behaviour)', () => {
  // Found by renameKey: a field renamed "\u009b2J" (U+009B is the 8-bit CSI of a terminal) in
  // payout-run.json. Minimal reproduction, the whole file:
  //   {"merchants":[],"commands":[{"op":"settlement.run","date":"2026-04-01","a\u2028b":1,"c\u009bd":2}]}
  // Expected: each warning names the field escaped, as every message that quotes the file does
  // (README "Rejection codes": what the caller sent is quoted "control characters and line
  // separators escaped"; src/commands/validate-input.ts: such a character "could end a line in a
  // plain-text export … and forge what follows"), and as the --format csv rejection warnings
  // already do for an op ("c\u0085d"). Actual: run-command.ts writes JSON.stringify(field), which
  // leaves U+2028, U+2029, U+0085 and the C1 controls raw, so a line reader (Python's
  // splitlines()) sees the warning as two lines and a terminal may read U+009B as an escape.
  it("an unknown field's warning writes the field's name with line separators and C1 controls escaped, one line each", () => {
    const path = writeScenario('{"merchants":[],"commands":[{"op":"settlement.run","date":"2026-04-01","a\\u2028b":1,"c\\u009bd":2}]}');
    const run = kanjo(['run', path, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'kanjo: warning: commands[0] (settlement.run) has the field "a\\u2028b", which Kanjo does not read: it is ignored\n' +
        'kanjo: warning: commands[0] (settlement.run) has the field "c\\u009bd", which Kanjo does not read: it is ignored\n',
    );
  });

  it("an unknown field's name longer than 64 characters is cut in its warning, as rejection messages cut what they quote", () => {
    const path = writeScenario(`{"merchants":[],"commands":[{"op":"settlement.run","date":"2026-04-01","${'x'.repeat(10_000)}":1}]}`);
    const run = kanjo(['run', path, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`kanjo: warning: commands[0] (settlement.run) has the field "${'x'.repeat(64)}…", which Kanjo does not read: it is ignored\n`);
  });

  // Found while checking the table for the same: a rejected command's op holding a lone UTF-16
  // surrogate. Minimal reproduction, the whole file:
  //   {"merchants":[],"commands":[{"op":"g\ud800h"}]}
  // Expected: the table's line for it writes the op as the message beside it and the csv
  // warning ("g\ud800h") do, escaped: a lone surrogate "cannot be written as UTF-8 (exports would
  // turn it into U+FFFD, another id)" (src/commands/validate-input.ts), and the table's escapes
  // are how "the reports keep text that comes from outside (ids, ops, messages quoting them) on
  // its line and whole" (src/reports/escape-characters.ts). Actual: `  #0 g\uFFFDh: …` — the
  // op is written raw and becomes U+FFFD, so ops "g\ud800h" and "g\udbffh" print alike. Minor.
  it('the table writes a rejected op holding a lone surrogate escaped, as its message and the csv warning do', () => {
    const path = writeScenario('{"merchants":[],"commands":[{"op":"g\\ud800h"}]}');
    const run = kanjo(['run', path, '--format', 'table']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[2]).toBe('  #0 "g\\ud800h": op_unknown: unknown op "g\\ud800h": see SCENARIO.md for the ops Kanjo runs');
  });
});

