import type { Entry } from '../journal/entry.js';
import { csvLine } from './csv-field.js';
import { merchantRecords } from './merchant-records.js';

const HEADER = ['seq', 'at', 'payment', 'record_type', 'currency', 'deposit', 'debit', 'balance'];

/**
 * One merchant's statement as CSV (RFC 4180, header row, plain integers in minor units): each
 * record on its balance in journal order with the running balance per currency. For many
 * merchants, {@link merchantStatementsCsv} reads the journal once for all of them.
 */
export function merchantStatementCsv(journal: Iterable<Entry>, merchant: string): string {
  return merchantStatementsCsv(journal, [merchant]).get(merchant) ?? '';
}

/**
 * The statements of several merchants (each as {@link merchantStatementCsv} writes it), from
 * one pass over the journal: a pass per merchant made writing every merchant's statement
 * take merchants × journal steps, hours for hundreds of merchants and a large journal.
 */
export function merchantStatementsCsv(journal: Iterable<Entry>, merchants: Iterable<string>): Map<string, string> {
  const statements = new Map<string, { readonly lines: string[]; readonly running: Map<string, bigint> }>();
  for (const merchant of merchants) statements.set(merchant, { lines: [csvLine(HEADER)], running: new Map() });
  for (const record of merchantRecords(journal)) {
    const statement = statements.get(record.merchant);
    if (statement === undefined) continue;
    // Summed exactly: within an entry the running balance may pass 2^53 before it comes back
    // (a Payment row before its Payment Transfer), where a float sum would round.
    const balance = (statement.running.get(record.currency) ?? 0n) + BigInt(record.deposit) - BigInt(record.debit);
    statement.running.set(record.currency, balance);
    statement.lines.push(csvLine([record.seq, record.at, record.payment, record.type, record.currency, record.deposit, record.debit, balance]));
  }
  return new Map([...statements].map(([merchant, statement]) => [merchant, statement.lines.join('')]));
}

/**
 * The file name of a merchant's statement: `<id>.csv`, with the characters a file name cannot
 * hold as written percent-encoded: `/` (and `\`) would name a directory, so an id such as
 * `../x` would write outside the statements directory; `%` is encoded too, so two ids never
 * share a name. Every other character (non-ASCII letters, emoji, `,`, `"`) is kept.
 */
export function merchantStatementFileName(merchant: string): string {
  return `${merchant.replace(/[%/\\]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}.csv`;
}
