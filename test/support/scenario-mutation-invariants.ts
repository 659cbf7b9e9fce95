import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  CompactEntryDecoder,
  journalNdjsonLines,
  LEDGER_REJECTION_CODES,
  hledgerAccountName,
  hledgerJournalLines,
  merchantBalances,
  merchantStatementsCsvLines,
  parseJournalEntry,
  replayJournal,
  runScenario,
  type Entry,
  type LedgerConfig,
  type ScenarioReport,
} from '@kanjo/ledger';
import { parseCsv } from './rfc4180-csv.js';
import { asFileText, EXAMPLE_SCENARIOS, type Json, type MutantRecipe } from './scenario-mutations.js';

/**
 * What every mutant of a worked example must keep (test/support/scenario-mutations.ts makes
 * them), shared by the scenario-mutation-* tests: documented codes and one-line messages,
 * books that agree with their records, journal, exports, replays and reruns.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The codes of a package README's "## Rejection codes" table (its first column). */
export function documentedCodes(readme: string): string[] {
  const text = readFileSync(join(root, readme), 'utf8');
  const section = text.slice(text.indexOf('## Rejection codes'));
  const end = section.indexOf('\n## ', 3);
  const table = end === -1 ? section : section.slice(0, end);
  return [...table.matchAll(/^\| `([a-z][a-z0-9_]*)` \|/gm)].map((match) => match[1] as string);
}

/** The ledger's own codes and the ones of @kanjo/splits and @kanjo/fees it passes through (README "Rejection codes"). */
const DOCUMENTED_CODES = new Set<string>([
  ...LEDGER_REJECTION_CODES,
  ...documentedCodes('packages/splits/README.md'),
  ...documentedCodes('packages/fees/README.md'),
]);

/** A message is one line (README "Rejection codes"): no line break, control character or line separator; and text a UTF-8 writer keeps (no lone surrogate). */
const BREAKS_A_LINE = /[\u0000-\u001f\u007f\u0085\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

function expectDocumentedRejection(error: { code: string; message: string }, where: string): void {
  expect(error.code, where).toMatch(SNAKE_CASE);
  expect(DOCUMENTED_CODES.has(error.code), `${where}: ${error.code} is not a documented code`).toBe(true);
  expect(error.message.length, where).toBeGreaterThan(0);
  expect(BREAKS_A_LINE.test(error.message), `${where}: message is not one line: ${JSON.stringify(error.message)}`).toBe(false);
  // What the caller sent is cut to 64 characters, ids the ledger holds are at most 255: a
  // message never carries a 10,000-character value whole.
  expect(error.message.length, `${where}: ${error.message.slice(0, 200)}…`).toBeLessThan(1500);
}

/** JavaScript's own key order, which the report's objects have: array-index keys first, in numeric order. */
function objectKeyOrder(keys: readonly string[]): string[] {
  const isIndex = (key: string): boolean => /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;
  return [...keys.filter(isIndex).sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isIndex(key))];
}
/** ledger's PaymentStatus. */
const PAYMENT_STATUSES = new Set(['pending', 'authorized', 'captured', 'cancelled', 'expired', 'refunded', 'failed']);

/** What a merchant's records say its balance is, per currency (deposits less debits). */
function balancesFromRecords(report: ScenarioReport): Map<string, number> {
  const sums = new Map<string, number>();
  for (const record of report.records) {
    const key = `${record.merchant}\u0000${record.currency}`;
    sums.set(key, (sums.get(key) ?? 0) + record.deposit - record.debit);
  }
  return sums;
}

/** The records SCENARIO.md derives from the journal: one row per non-zero posting on a merchant's balance, a credit a deposit. */
function recordsOfJournal(journal: readonly Entry[]): unknown[] {
  return journal.flatMap((entry) =>
    entry.postings
      .filter((posting) => posting.merchant !== undefined && posting.amount !== 0)
      .map((posting) => ({
        seq: entry.seq,
        ...(entry.payment === undefined ? {} : { payment: entry.payment }),
        merchant: posting.merchant,
        type: posting.recordType,
        currency: posting.currency,
        deposit: posting.amount < 0 ? -posting.amount : 0,
        debit: posting.amount > 0 ? posting.amount : 0,
      })),
  );
}

/** Balances after reading the journal back from each NDJSON export format and replaying it. */
function balancesThroughNdjson(config: LedgerConfig, journal: readonly Entry[], format: 'compact' | 'objects'): unknown {
  const [header = '', ...lines] = [...journalNdjsonLines(config, journal, format)].map((line) => line.slice(0, -1));
  if (format === 'objects') {
    const headerObject = JSON.parse(header) as { config: LedgerConfig };
    const entries = lines.map((line, index) => {
      const parsed = parseJournalEntry(JSON.parse(line), index + 2);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
    const replayed = replayJournal(headerObject.config, entries);
    return replayed.ok ? merchantBalances(replayed.value.state) : replayed.error;
  }
  const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
  if (!opened.ok) return opened.error;
  const entries: Entry[] = [];
  for (const [index, line] of lines.entries()) {
    const decoded = opened.value.decoder.decodeText(line, index + 2);
    if (!decoded.ok) return decoded.error;
    entries.push(decoded.value);
  }
  const replayed = replayJournal(opened.value.config, entries);
  return replayed.ok ? merchantBalances(replayed.value.state) : replayed.error;
}

const hasIdempotencyKey = (commands: readonly unknown[]): boolean =>
  commands.some((command) => typeof command === 'object' && command !== null && 'idempotency_key' in command);

/**
 * Every library-level invariant of one mutant; throws (an expect) at the first broken one.
 * Exported shape kept small so a pinned reproduction can call it on an inline document.
 */
export function checkLibraryInvariants(document: Json): void {
  const before = asFileText(document);
  const run = runScenario(document);
  // The caller's document is read, never written.
  expect(asFileText(document) === before).toBe(true);

  if (!run.ok) {
    expectDocumentedRejection(run.error, 'whole file');
    // SCENARIO.md: only a file that is no scenario or whose configuration is unusable is refused whole.
    // (a merchant field or top-level setting of the wrong form keeps the reader's own code: field_*, amount_*, rate_*)
    expect(run.error.code).toMatch(/^(scenario_invalid|config_\w+|field_missing|field_invalid|amount_\w+|rate_\w+|fee_amount_invalid|payment_type_invalid|rounding_mode_unknown)$/);
    expect(JSON.stringify(runScenario(document))).toBe(JSON.stringify(run));
    return;
  }
  const { report, ledger, config } = run.value;
  const commands = (document as { commands: unknown[] }).commands;

  // One result per command, in order, each accepted or rejected with a documented code.
  expect(report.results.map((result) => result.index)).toEqual(commands.map((_, index) => index));
  for (const result of report.results) {
    expect(result.ok).toBe(result.error === undefined);
    if (result.error !== undefined) expectDocumentedRejection(result.error, `commands[${result.index}] (${result.op})`);
  }

  // `balances` names every merchant of the file, in its order (SCENARIO.md "Output").
  const merchantIds = (document as { merchants: { id: string }[] }).merchants.map((merchant) => merchant.id);
  expect(Object.keys(report.balances)).toEqual(objectKeyOrder([...new Set(merchantIds)]));

  // `payments` holds exactly the payments created (by an accepted payment.create or
  // session.complete), each with 0 ≤ refunded ≤ captured ≤ amount.
  const created = report.results
    .filter((result) => result.ok && (result.op === 'payment.create' || result.op === 'session.complete'))
    .map((result) => {
      const command = commands[result.index] as Record<string, unknown>;
      return String(result.op === 'payment.create' ? command['id'] : command['payment']);
    });
  expect(Object.keys(report.payments)).toEqual(objectKeyOrder([...new Set(created)]));
  for (const [id, payment] of Object.entries(report.payments)) {
    expect(PAYMENT_STATUSES.has(payment.status), `${id}: ${payment.status}`).toBe(true);
    expect(payment.captured_amount, id).toBeLessThanOrEqual(payment.amount);
    expect(payment.refunded_amount, id).toBeLessThanOrEqual(payment.captured_amount);
    expect(payment.refunded_amount, id).toBeGreaterThanOrEqual(0);
  }

  // Each merchant's balance is the sum of its records, and every touched balance is reported.
  const fromRecords = balancesFromRecords(report);
  const reported = new Map<string, number>();
  for (const [merchant, currencies] of Object.entries(report.balances)) {
    for (const [currency, balance] of Object.entries(currencies)) reported.set(`${merchant}\u0000${currency}`, balance);
  }
  for (const [key, sum] of fromRecords) expect(reported.get(key), key).toBe(sum);
  for (const [key, balance] of reported) expect(fromRecords.get(key) ?? 0, key).toBe(balance);
  expect(report.balances).toEqual(merchantBalances(ledger.state));

  // The records are the journal's merchant postings, and every entry balances per currency.
  expect(report.records).toEqual(recordsOfJournal(ledger.journal));
  ledger.journal.forEach((entry, index) => {
    expect(entry.seq).toBe(index + 1);
    const sums = new Map<string, number>();
    for (const posting of entry.postings) sums.set(posting.currency, (sums.get(posting.currency) ?? 0) + posting.amount);
    for (const [currency, sum] of sums) expect(sum, `entry ${entry.seq} in ${currency}`).toBe(0);
  });
  // Every accepted command appends one entry, unless it is a retry answered from its key.
  const accepted = report.results.filter((result) => result.ok).length;
  if (hasIdempotencyKey(commands)) expect(ledger.journal.length).toBeLessThanOrEqual(accepted);
  else expect(ledger.journal.length).toBe(accepted);

  // Replaying the run's journal, directly and through both export formats, gives the same balances.
  const replayed = replayJournal(config, ledger.journal);
  expect(replayed.ok ? merchantBalances(replayed.value.state) : replayed.error).toEqual(report.balances);
  expect(balancesThroughNdjson(config, ledger.journal, 'compact')).toEqual(report.balances);
  expect(balancesThroughNdjson(config, ledger.journal, 'objects')).toEqual(report.balances);

  // Each merchant's statement CSV: its records, a running balance per currency ending at its balance.
  checkStatements(report, ledger.journal, [...new Set(merchantIds)]);
  // The hledger export closes with each merchant's balance asserted (a liability: the balance negated).
  checkHledgerClosing(report, ledger.state);

  // Determinism: the same document gives byte-identical JSON.
  const again = runScenario(document);
  expect(again.ok && JSON.stringify(again.value.report)).toBe(JSON.stringify(report));

  // A rejected command changes nothing: without the rejected commands, the rest are all
  // accepted and the books are the same (SCENARIO.md "A rejected command … changes nothing else").
  const kept = commands.filter((_, index) => report.results[index]?.ok === true);
  const without = runScenario({ ...(document as object), commands: kept });
  expect(without.ok).toBe(true);
  if (without.ok) {
    const { results, ...books } = without.value.report;
    expect(results.filter((result) => !result.ok)).toEqual([]);
    const { results: _ignored, ...expected } = report;
    expect(JSON.stringify(books)).toBe(JSON.stringify(expected));
  }
}

function checkStatements(report: ScenarioReport, journal: readonly Entry[], merchants: readonly string[]): void {
  for (const [merchant, lines] of merchantStatementsCsvLines(journal, merchants)) {
    const [header, ...rows] = parseCsv(lines.join(''));
    expect(header).toEqual(['seq', 'at', 'payment', 'record_type', 'currency', 'deposit', 'debit', 'balance']);
    const own = report.records.filter((record) => record.merchant === merchant);
    expect(rows.map(([seq, , payment, type, currency, deposit, debit]) => [seq, payment, type, currency, deposit, debit])).toEqual(
      own.map((record) => [String(record.seq), record.payment ?? '', record.type, record.currency, String(record.deposit), String(record.debit)]),
    );
    const running = new Map<string, number>();
    let previous = '';
    for (const [, at = '', , , currency = '', deposit, debit, balance] of rows) {
      expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(at >= previous, `${merchant}: ${at} after ${previous}`).toBe(true);
      previous = at;
      running.set(currency, (running.get(currency) ?? 0) + Number(deposit) - Number(debit));
      expect(balance, merchant).toBe(String(running.get(currency)));
    }
    for (const [currency, total] of running) expect(report.balances[merchant]?.[currency], `${merchant} ${currency}`).toBe(total);
  }
}

function checkHledgerClosing(report: ScenarioReport, state: Parameters<typeof hledgerJournalLines>[0]): void {
  const lines = [...hledgerJournalLines(state)].join('').split('\n');
  const closing = lines.findIndex((line) => line.endsWith(' * closing balances per merchant (Kanjo)'));
  // Each entry's transaction is dated, numbered by its seq and described by its op and payment,
  // on one line, without `;` or `|` and not ending in white space: no two payments share a description.
  const paymentOf = new Map<string, string>();
  for (const entry of state.journal) {
    // An entry that moves no money (an authorization, a pending refund request) has no transaction.
    if (entry.postings.length === 0) continue;
    const header = lines.find((line) => new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\* \\(${entry.seq}\\) `).test(line));
    expect(header, `entry ${entry.seq}`).toBeDefined();
    const description = (header ?? '').replace(/^\S+ \* /, '');
    expect(description).not.toMatch(/[;|]|\s$/);
    expect(ENDS_A_LINE.test(description)).toBe(false);
    const payment = entry.payment ?? '';
    const key = description.replace(/^\(\d+\) \S+ ?/, '');
    expect(paymentOf.get(key) ?? payment, `description ${JSON.stringify(key)}`).toBe(payment);
    paymentOf.set(key, payment);
  }
  if (report.records.length === 0) return;
  expect(closing).toBeGreaterThanOrEqual(0);
  const block = lines.slice(closing + 1);
  for (const [merchant, currencies] of Object.entries(report.balances)) {
    for (const [currency, balance] of Object.entries(currencies)) {
      const amount = inUnit(-balance, currency);
      if (amount !== undefined) expect(block, `${merchant} ${currency}`).toContain(`    ${hledgerAccountName(`Liabilities:Merchants:${merchant}`)}  0 ${currency} = ${amount} ${currency}`);
    }
  }
}

/** ISO 4217 exponents of the currencies the mutator uses, written out here rather than taken from the code under test. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, USD: 2, EUR: 2, KWD: 3, BHD: 3 };

/** An amount in minor units as the table writes it: in the unit its code names (README "Formats, units and messages"). */
export function inUnit(minor: number, currency: string): string | undefined {
  const exponent = EXPONENTS[currency];
  if (exponent === undefined) return undefined;
  if (exponent === 0) return String(minor);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return `${minor < 0 ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * What would end or forge a line for some reader: C0 and C1 controls (U+009B is a terminal's
 * CSI) and the separators U+0085, U+2028, U+2029 (Python's splitlines() splits at them), the
 * characters the reports escape (src/commands/validate-input.ts CONTROL_CHARACTER).
 */
export const ENDS_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const describeRecipe = (recipe: MutantRecipe): string =>
  `${EXAMPLE_SCENARIOS[recipe.example]?.name ?? '?'} ${JSON.stringify(recipe.mutations, (_key, value: unknown) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 20)}…(${value.length})` : value))}`;

/** The report's books, without the per-command results. */
export function books(document: unknown): string {
  const run = runScenario(document);
  if (!run.ok) return `refused: ${run.error.code}: ${run.error.message}`;
  const { results: _results, ...rest } = run.value.report;
  return JSON.stringify(rest);
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
