import type { Entry } from '../journal/entry.js';
import { csvLine } from './csv-field.js';
import { merchantRecords } from './merchant-records.js';

const HEADER = ['seq', 'at', 'payment', 'record_type', 'currency', 'deposit', 'debit', 'balance'];

/**
 * One merchant's statement as CSV (RFC 4180, header row, plain integers in minor units): each
 * record on its balance in journal order with the running balance per currency.
 */
export function merchantStatementCsv(journal: Iterable<Entry>, merchant: string): string {
  // Summed exactly: within an entry the running balance may pass 2^53 before it comes back
  // (a Payment row before its Payment Transfer), where a float sum would round.
  const running = new Map<string, bigint>();
  let text = csvLine(HEADER);
  for (const record of merchantRecords(journal)) {
    if (record.merchant !== merchant) continue;
    const balance = (running.get(record.currency) ?? 0n) + BigInt(record.deposit) - BigInt(record.debit);
    running.set(record.currency, balance);
    text += csvLine([record.seq, record.at, record.payment, record.type, record.currency, record.deposit, record.debit, balance]);
  }
  return text;
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
