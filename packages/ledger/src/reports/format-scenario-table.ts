import { decimalAmount } from '@kanjo/splits';
import type { ScenarioRecord, ScenarioReport } from '../scenario/run-scenario.js';
import { idInOneLine, inOneLine, shown } from '../engine/message-text.js';
import { displayWidth, padEndToWidth, padStartToWidth } from './display-width.js';

type Cell = string | number;

/** A column of text (ids, names), written left-aligned, or of numbers, right-aligned. */
type Alignment = 'text' | 'number';

/**
 * The lines of a table: left-aligned text columns and right-aligned number columns, two spaces
 * apart. Widths are display widths (terminal columns), so Japanese and emoji ids stay in line.
 * Amounts come as text (`45.00`), so each column says how it aligns rather than its cells.
 */
function* alignedTableLines(header: readonly string[], alignments: readonly Alignment[], rows: readonly (readonly Cell[])[]): Generator<string> {
  const numeric = alignments.map((alignment) => alignment === 'number');
  // A loop, not Math.max(...widths): spreading a merchant's hundred thousand rows as arguments
  // overflows the call stack.
  const widths = header.map((title, column) => rows.reduce((widest, row) => Math.max(widest, displayWidth(String(row[column] ?? ''))), displayWidth(title)));
  const line = (cells: readonly Cell[]): string =>
    cells
      .map((cell, column) => {
        const text = String(cell);
        const width = widths[column] ?? 0;
        return numeric[column] ? padStartToWidth(text, width) : padEndToWidth(text, width);
      })
      .join('  ')
      .trimEnd();
  yield line(header);
  yield line(widths.map((width) => '-'.repeat(width)));
  for (const row of rows) yield line(row);
}

/**
 * `kanjo run --format table`: the commands' outcomes, then per merchant and currency its
 * records (seq, payment, record type, deposit, debit, running balance) and its closing
 * balance (a merchant with no records in any currency is named with "no records"), for a
 * person to read: amounts in the unit the currency code names (`45.00` USD, `5.005` KWD, yen
 * as they are), not the minor units of the JSON report.
 */
export function formatScenarioTable(report: ScenarioReport, title?: string): string {
  return [...scenarioTableLines(report, title)].join('');
}

/**
 * {@link formatScenarioTable}'s text a line at a time (each ends with its line break). A large
 * scenario's table passes V8's longest string, about 512 MiB, near 700,000 payments: the
 * command line writes these lines in batches instead of building the text whole, and only one
 * merchant's rows are laid out at a time.
 */
export function* scenarioTableLines(report: ScenarioReport, title?: string): Generator<string> {
  for (const line of tableLines(report, title)) yield `${line}\n`;
}

function* tableLines(report: ScenarioReport, title: string | undefined): Generator<string> {
  if (title !== undefined) yield `# ${oneLine(title)}`;
  const rejected = report.results.filter((result) => !result.ok);
  yield `${report.results.length} commands: ${report.results.length - rejected.length} accepted, ${rejected.length} rejected`;
  for (const result of rejected) {
    // The op as the warnings write it: an unknown op of 100,000 characters is cut, as its message cuts it (review 194).
    yield `  #${result.index} ${result.op === '' ? '(no op)' : shown(result.op)}: ${result.error?.code ?? ''}: ${oneLine(result.error?.message ?? '')}`;
  }
  // Grouped in one pass: filtering the records once per merchant and currency took
  // merchants × records steps, minutes for a file of hundreds of merchants.
  const recordsByAccount = new Map<string, ScenarioRecord[]>();
  for (const record of report.records) {
    const account = accountKey(record.merchant, record.currency);
    const list = recordsByAccount.get(account);
    if (list === undefined) recordsByAccount.set(account, [record]);
    else list.push(record);
  }
  for (const [merchant, byCurrency] of Object.entries(report.balances)) {
    // A merchant that nothing touched is still one of the file's: said so, rather than left
    // out, so a reader looking for it knows it was there and has no money.
    if (Object.keys(byCurrency).length === 0) yield* ['', `${idInOneLine(merchant)}: no records`];
    for (const [currency, closing] of Object.entries(byCurrency)) {
      // Summed exactly: within an entry the running balance may pass 2^53 before it comes back
      // (a Payment row before its Payment Transfer), where a float sum would round.
      // Amounts in the currency's unit (45.00 USD): people read the code as dollars, not cents.
      let running = 0n;
      const rows = (recordsByAccount.get(accountKey(merchant, currency)) ?? []).map((record) => {
        running += BigInt(record.deposit) - BigInt(record.debit);
        const amount = (minorUnits: number | bigint) => decimalAmount(minorUnits, currency);
        return [record.seq, idInOneLine(record.payment ?? ''), record.type, amount(record.deposit), amount(record.debit), amount(running)] as const;
      });
      yield '';
      yield `${idInOneLine(merchant)} (${currency})`;
      yield* alignedTableLines(['seq', 'payment', 'record', 'deposit', 'debit', 'balance'], RECORD_ALIGNMENTS, rows);
      yield `closing balance: ${decimalAmount(closing, currency)} ${currency}`;
    }
  }
  const statuses = Object.entries(report.payments);
  if (statuses.length > 0) {
    yield '';
    yield 'payments';
    yield* alignedTableLines(
      ['payment', 'status', 'amount', 'captured', 'refunded', 'currency'],
      PAYMENT_ALIGNMENTS,
      statuses.map(([id, view]) => {
        const amount = (minorUnits: number) => decimalAmount(minorUnits, view.currency);
        return [idInOneLine(id), view.status, amount(view.amount), amount(view.captured_amount), amount(view.refunded_amount), view.currency];
      }),
    );
  }
}

const RECORD_ALIGNMENTS: readonly Alignment[] = ['number', 'text', 'text', 'number', 'number', 'number'];
const PAYMENT_ALIGNMENTS: readonly Alignment[] = ['text', 'text', 'number', 'number', 'number', 'text'];

/** One key per merchant and currency; merchant ids hold no spaces, so none can collide. */
function accountKey(merchant: string, currency: string): string {
  return `${merchant} ${currency}`;
}

/**
 * Text from the scenario file (the title, a rejected command's op, its message) kept on its
 * line and in its order: a line break there would start lines of the file's choosing in a
 * report people read (a forged merchant section, a closing balance), and a bidi control (which
 * ids may hold) would make the rest of its row read right to left (`100070` as `070001`).
 * Control characters, line breaks, bidi controls and lone surrogates are written as `\uXXXX`
 * escapes. An id written on its own goes through `idInOneLine`, which also tells a backslash
 * from an escape.
 */
function oneLine(text: string): string {
  // The one set messages escape too (message-text.ts).
  return inOneLine(text);
}
