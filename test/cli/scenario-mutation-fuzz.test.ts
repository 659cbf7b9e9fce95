import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CompactEntryDecoder,
  journalNdjsonLines,
  LEDGER_REJECTION_CODES,
  hledgerAccountName,
  hledgerJournalLines,
  merchantBalances,
  merchantStatementFileName,
  merchantStatementsCsvLines,
  parseJournalEntry,
  replayJournal,
  runScenario,
  unknownScenarioFields,
  type Entry,
  type LedgerConfig,
  type ScenarioReport,
} from '@kanjo/ledger';
import { kanjo, KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS } from '../support/kanjo-cli.js';
import { asFileText, EXAMPLE_SCENARIOS, mutant, mutantRecipeArbitrary, type Json, type MutantRecipe } from '../support/scenario-mutations.js';

/**
 * Structure-aware mutation fuzzing of the worked examples (test/support/scenario-mutations.ts):
 * the grammar tests generate valid documents; these take the real example files and break them
 * a little (a field deleted or retyped, commands duplicated or reordered, ids swapped, times
 * shifted…), which is what a hand-written or log-generated scenario looks like when it is
 * wrong. Whatever the mutant, the library must answer with documented codes and one-line
 * messages, keep its books consistent and deterministic, and the command line must keep
 * SCENARIO.md's exit statuses and formats.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The codes of a package README's "## Rejection codes" table (its first column). */
function documentedCodes(readme: string): string[] {
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
function checkLibraryInvariants(document: Json): void {
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

const describeRecipe = (recipe: MutantRecipe): string =>
  `${EXAMPLE_SCENARIOS[recipe.example]?.name ?? '?'} ${JSON.stringify(recipe.mutations, (_key, value: unknown) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 20)}…(${value.length})` : value))}`;

describe('mutants of the worked examples, in the library', () => {
  it('the mutator reads every example and its mutants differ from them', () => {
    expect(EXAMPLE_SCENARIOS.map((example) => example.name)).toEqual([
      'seed-konbini-refund-request.json',
      'seed-marketplace.json',
      'seed-seller.json',
      'chargeback.json',
      'konbini-refund-request.json',
      'marketplace-capture-and-refund.json',
      'payout-run.json',
      'seller-split-and-proportional-refunds.json',
    ]);
    // The code lists were read from the READMEs' tables (a restructured README would empty them).
    expect(documentedCodes('packages/splits/README.md')).toContain('amount_not_a_number');
    expect(documentedCodes('packages/fees/README.md')).toContain('rate_malformed');
    const samples = fc.sample(mutantRecipeArbitrary, { seed: 20261203, numRuns: 200 });
    const changed = samples.filter((recipe) => asFileText(mutant(recipe)) !== asFileText(EXAMPLE_SCENARIOS[recipe.example]?.document ?? null));
    expect(changed.length).toBeGreaterThan(180);
  });

  it('whatever the mutant, runScenario never throws, rejects only with documented codes and one-line messages, and its balances, records, journal, replays and reruns agree', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, (recipe) => {
        const document = mutant(recipe);
        try {
          checkLibraryInvariants(document);
        } catch (error) {
          throw new Error(`${describeRecipe(recipe)}\n${(error as Error).message}`);
        }
      }),
      { numRuns: Number(process.env.MUTANTS ?? 600) },
    );
  });

  it('a mutant read back from its file text (as kanjo run reads it) gives the same report as the document itself', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, (recipe) => {
        const document = mutant(recipe);
        const direct = runScenario(document);
        const fromText = runScenario(JSON.parse(asFileText(document)));
        expect(JSON.stringify(fromText.ok ? fromText.value.report : fromText.error), describeRecipe(recipe)).toBe(
          JSON.stringify(direct.ok ? direct.value.report : direct.error),
        );
      }),
      { numRuns: Number(process.env.MUTANTS ?? 300) },
    );
  });
});

/** The report's books, without the per-command results. */
function books(document: unknown): string {
  const run = runScenario(document);
  if (!run.ok) return `refused: ${run.error.code}: ${run.error.message}`;
  const { results: _results, ...rest } = run.value.report;
  return JSON.stringify(rest);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy with every object's keys in reverse order (own keys defined, so "__proto__" stays a
 * key). Past 500 levels the value is shared as it is: the mutator's deep nests have one key a level.
 */
function keysReversed(value: Json, depth = 0): Json {
  if (depth > 500) return value;
  if (Array.isArray(value)) return value.map((item) => keysReversed(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, Json> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(copy, key, { value: keysReversed(value[key] as Json, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** A copy with a field Kanjo does not read added where README says one is ignored: the top, each merchant and its fees, each command and its split lines. */
function withUnknownFields(document: Json): Json {
  const copy = JSON.parse(asFileText(document)) as Json;
  const add = (value: unknown): void => {
    if (isPlainObject(value) && !Object.hasOwn(value, 'x_note')) value['x_note'] = 'ignored';
  };
  if (!isPlainObject(copy)) return copy;
  add(copy);
  for (const merchant of Array.isArray(copy['merchants']) ? copy['merchants'] : []) {
    add(merchant);
    if (isPlainObject(merchant) && isPlainObject(merchant['payment_methods'])) Object.values(merchant['payment_methods']).forEach(add);
  }
  for (const command of Array.isArray(copy['commands']) ? copy['commands'] : []) {
    add(command);
    const details = isPlainObject(command) ? command['platform_details'] : undefined;
    if (isPlainObject(details) && Array.isArray(details['submerchants'])) details['submerchants'].forEach(add);
  }
  return copy;
}

/** Amount fields SCENARIO.md lets a file write as a number or as a string of digits. */
const AMOUNT_FIELDS = new Set(['amount', 'platform_fee', 'platform_amount', 'minimum_amount', 'customer_fee', 'fixed_fee', 'refund_request_fee']);
/** Boolean fields the scenario reader takes as "true" / "false" too (README "How it works"). */
const BOOLEAN_FIELDS = new Set(['capture', 'include_payment_method_fee']);
const EXTENDED_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)$/;

/** The same instant written in UTC (`…Z`), when `text` is a plain extended-format time of a day that exists; otherwise undefined. */
function inUtc(text: string): string | undefined {
  const match = EXTENDED_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = match.slice(1).map((part, index) => (index === 6 ? part : Number(part))) as [number, number, number, number, number, number, string, number, number];
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(local);
  // Only a day that exists (Date.UTC would carry 30 February into March) and a year ISO writes with four digits.
  if (year < 1000 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = local - (sign === '+' ? 1 : -1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const written = new Date(utc).toISOString();
  return /^\d{4}-/.test(written) ? written.replace('.000Z', 'Z') : undefined;
}

/**
 * A copy in other documented spellings: every amount a safe non-negative integer number written
 * as its string of digits, booleans as "true" / "false", extended-format times as the same
 * instant in UTC. Not inside `metadata` or `payment_data`, which are data.
 */
function respelled(value: Json, key = '', depth = 0): Json {
  if (depth > 500 || key === 'metadata' || key === 'payment_data') return value;
  if (Array.isArray(value)) return value.map((item) => respelled(item, '', depth + 1));
  if (isPlainObject(value)) {
    const copy: Record<string, Json> = {};
    for (const [field, item] of Object.entries(value)) {
      Object.defineProperty(copy, field, { value: respelled(item as Json, field, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  if (AMOUNT_FIELDS.has(key) && typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && !Object.is(value, -0)) return String(value);
  if (BOOLEAN_FIELDS.has(key) && typeof value === 'boolean') return String(value);
  if (key === 'at' && typeof value === 'string') return inUtc(value) ?? value;
  return value;
}

/**
 * What README calls the same command (time aside): keys in another order, `at` any valid time
 * (here one long before the last entry), and a default written out the same as one left out
 * (payment.create's `capture` and `origin`, settlement.run's `holidays`).
 */
function retryOf(command: Record<string, unknown>): Json {
  const retry = keysReversed(command as Json) as Record<string, Json>;
  retry['at'] = '2000-01-01T00:00:00Z';
  if (retry['op'] === 'payment.create') {
    if (!Object.hasOwn(retry, 'capture')) retry['capture'] = true;
    if (!Object.hasOwn(retry, 'origin')) retry['origin'] = 'api';
  }
  if (retry['op'] === 'settlement.run' && !Object.hasOwn(retry, 'holidays')) retry['holidays'] = [];
  return retry;
}

/**
 * The fields of each op, as SCENARIO.md's "Commands" table lists them (besides `op`, `at` and
 * `idempotency_key`, which every command may have), without those whose value is an object.
 */
const SCENARIO_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'payment.create': ['id', 'merchant', 'as', 'amount', 'currency', 'payment_type', 'capture', 'origin', 'platform_amount', 'platform_merchant'],
  'payment.capture': ['payment', 'amount'],
  'payment.cancel': ['payment'],
  'payment.expire': ['payment'],
  'payment.refund': ['payment', 'amount'],
  'payment.refund_request': ['id', 'payment', 'amount', 'include_payment_method_fee', 'customer_name', 'bank_name', 'bank_code', 'branch_name', 'branch_number', 'account_type', 'account_number'],
  'refund_request.complete': ['refund_request'],
  'refund_request.reject': ['refund_request'],
  'payment.chargeback': ['payment'],
  'balance.transfer': ['merchant', 'from', 'to', 'amount', 'currency'],
  'payout_settings.update': ['merchant', 'target', 'currency', 'frequency', 'minimum_amount'],
  'settlement.run': ['date', 'holidays'],
  'session.create': ['id', 'merchant', 'as', 'amount', 'currency', 'payment_types', 'return_url', 'capture', 'platform_amount', 'platform_merchant', 'external_customer_id', 'default_locale'],
  'session.complete': ['session', 'payment', 'payment_type'],
  'session.cancel': ['session'],
};

/** The fields whose value is an object. */
const OBJECT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'payment.create': ['platform_details'],
  'payment.capture': ['platform_details'],
  'payment.refund': ['platform_details'],
  'payment.refund_request': ['platform_details'],
  'session.create': ['platform_details', 'payment_data', 'metadata'],
};

describe('mutants of the worked examples, metamorphic', () => {
  it('reversing the key order of every object changes nothing in the report', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, (recipe) => {
        const document = mutant(recipe);
        const run = runScenario(document);
        const reversed = runScenario(keysReversed(document));
        expect(JSON.stringify(reversed.ok ? reversed.value.report : reversed.error), describeRecipe(recipe)).toBe(JSON.stringify(run.ok ? run.value.report : run.error));
      }),
      { numRuns: Number(process.env.MUTANTS ?? 300) },
    );
  });

  it('a field Kanjo does not read, added to the top, every merchant, fee, command and split line, changes nothing in the report', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, (recipe) => {
        const document = mutant(recipe);
        const run = runScenario(document);
        const extended = runScenario(withUnknownFields(document));
        expect(JSON.stringify(extended.ok ? extended.value.report : extended.error), describeRecipe(recipe)).toBe(JSON.stringify(run.ok ? run.value.report : run.error));
      }),
      { numRuns: Number(process.env.MUTANTS ?? 300) },
    );
  });

  it('writing amounts as strings of digits, booleans as "true"/"false" and times in UTC (documented spellings) changes no outcome and no book', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, (recipe) => {
        const document = mutant(recipe);
        const other = respelled(document);
        const where = describeRecipe(recipe);
        const run = runScenario(document);
        const again = runScenario(other);
        // Messages may quote what was sent ("1000" or 1000): outcomes and codes must agree, and the books byte for byte.
        const outcomes = (result: typeof run) => (result.ok ? result.value.report.results.map((r) => `${r.index} ${r.ok} ${r.error?.code ?? ''}`) : result.error.code);
        expect(outcomes(again), where).toEqual(outcomes(run));
        expect(books(other), where).toBe(books(document));
      }),
      { numRuns: Number(process.env.MUTANTS ?? 300) },
    );
  });

  it('a documented field of an accepted command given a value of the wrong type (an object, or text for an object) gets that command rejected: every field SCENARIO.md lists is read', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, fc.nat(), fc.nat(), (recipe, commandPick, fieldPick) => {
        const document = mutant(recipe);
        const run = runScenario(document);
        if (!run.ok || !isPlainObject(document)) return;
        const commands = document['commands'] as Json[];
        const candidates = run.value.report.results.filter((result) => result.ok && SCENARIO_FIELDS[result.op] !== undefined);
        const chosen = candidates[commandPick % Math.max(1, candidates.length)];
        if (chosen === undefined) return;
        const objectFields = OBJECT_FIELDS[chosen.op] ?? [];
        const fields = ['at', 'idempotency_key', ...(SCENARIO_FIELDS[chosen.op] ?? []), ...objectFields];
        const field = fields[fieldPick % fields.length] as string;
        // An object where a scalar or list belongs; text where an object belongs.
        const wrong: Json = objectFields.includes(field) ? 'x' : { zz: 1 };
        const changed = commands.map((command, index) => (index === chosen.index && isPlainObject(command) ? { ...command, [field]: wrong } : command));
        const again = runScenario({ ...document, commands: changed });
        const result = again.ok ? again.value.report.results[chosen.index] : undefined;
        expect(result?.ok, `${describeRecipe(recipe)}: commands[${chosen.index}] (${chosen.op}).${field} = ${JSON.stringify(wrong)}`).toBe(false);
      }),
      { numRuns: Number(process.env.MUTANTS ?? 300) },
    );
  });

  it('a keyed command sent again right after itself (its keys in another order; once accepted, dated earlier and with its defaults written out) gets the same answer and posts nothing', () => {
    fc.assert(
      fc.property(mutantRecipeArbitrary, (recipe) => {
        const document = mutant(recipe);
        const run = runScenario(document);
        if (!run.ok || !isPlainObject(document)) return;
        const commands = document['commands'] as Json[];
        const retried: Json[] = [];
        const originalOf: number[] = [];
        commands.forEach((command, index) => {
          retried.push(command);
          originalOf.push(index);
          if (isPlainObject(command) && typeof command['idempotency_key'] === 'string') {
            retried.push(run.value.report.results[index]?.ok === true ? retryOf(command) : keysReversed(command));
            originalOf.push(index);
          }
        });
        if (retried.length === commands.length) return;
        const again = runScenario({ ...document, commands: retried });
        expect(again.ok).toBe(true);
        if (!again.ok) return;
        const where = describeRecipe(recipe);
        // Each copy answers as its original did.
        again.value.report.results.forEach((result, index) => {
          const original = run.value.report.results[originalOf[index] as number];
          expect({ ok: result.ok, code: result.error?.code }, `${where} commands[${index}]`).toEqual({ ok: original?.ok, code: original?.error?.code });
        });
        expect(books({ ...document, commands: retried }), where).toBe(books(document));
      }),
      { numRuns: Number(process.env.MUTANTS ?? 300) },
    );
  });
});

const work = mkdtempSync(join(tmpdir(), 'kanjo-scenario-mutation-'));
let files = 0;
const writeScenario = (text: string): string => {
  const path = join(work, `mutant-${++files}.json`);
  writeFileSync(path, text);
  return path;
};

/** Parses RFC 4180 CSV (CRLF records, quoted fields with doubled quotes); throws on anything else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let position = 0;
  if (!text.endsWith('\r\n')) throw new Error('CSV does not end with CRLF');
  while (position < text.length) {
    let field = '';
    if (text[position] === '"') {
      position += 1;
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote === -1) throw new Error('unterminated quoted field');
        field += text.slice(position, quote);
        position = quote + 1;
        if (text[position] === '"') {
          field += '"';
          position += 1;
        } else break;
      }
    } else {
      const match = /^[^",\r\n]*/.exec(text.slice(position, position + 100_000));
      field = match?.[0] ?? '';
      position += field.length;
    }
    row.push(field);
    if (text[position] === ',') position += 1;
    else if (text.startsWith('\r\n', position)) {
      rows.push(row);
      row = [];
      position += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[position])} at ${position}`);
  }
  return rows;
}


/** `kanjo ARGS…` as a child process, asynchronously, so that a few run side by side. */
function kanjoAsync(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [KANJO_CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: KANJO_PROCESS_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ status: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

/** ISO 4217 exponents of the currencies the mutator uses, written out here rather than taken from the code under test. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, USD: 2, EUR: 2, KWD: 3, BHD: 3 };

/** An amount in minor units as the table writes it: in the unit its code names (README "Formats, units and messages"). */
function inUnit(minor: number, currency: string): string | undefined {
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
const ENDS_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

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
  expect(csv.stderr.includes(`kanjo: warning: ${rejected - 10} more commands were rejected (${rejected} of ${report.results.length}); --format json or table lists them all\n`), where).toBe(rejected > 10);
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
    expect(run.stdout.split('\n')[2]).toBe('  #0 g\\ud800h: op_unknown: unknown op "g\\ud800h": see SCENARIO.md for the ops Kanjo runs');
  });
});
