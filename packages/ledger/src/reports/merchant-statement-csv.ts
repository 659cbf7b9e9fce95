import type { Entry } from '../journal/entry.js';
import { quoted } from '../engine/message-text.js';
import { refuseJournalText } from '../journal/refuse-journal-text.js';
import { csvLine } from './csv-field.js';
import { merchantRecords } from './merchant-records.js';

const HEADER = ['seq', 'at', 'payment', 'record_type', 'currency', 'deposit', 'debit', 'balance'];

/**
 * One merchant's statement as CSV (RFC 4180, header row, plain integers in minor units): each
 * record on its balance in journal order with the running balance per currency. For many
 * merchants, {@link merchantStatementsCsv} reads the journal once for all of them.
 *
 * @throws TypeError when `merchant` is not a string (a list of ids goes to
 * {@link merchantStatementsCsv}).
 *
 * @example
 * // The ledger of the package README after its payment pay_1 (¥1,000 by card: 700 with a 70 fee to pm1, 300 with 30 to pm2):
 * merchantStatementCsv(ledger.journal, 'pm1');
 * // seq,at,payment,record_type,currency,deposit,debit,balance
 * // 1,1970-01-01T00:00:00.000Z,pay_1,Payment Transfer,JPY,700,0,700
 * // 1,1970-01-01T00:00:00.000Z,pay_1,Platform Fee,JPY,0,70,630
 * // (each line ending in CRLF)
 */
export function merchantStatementCsv(journal: Iterable<Entry>, merchant: string): string {
  if (typeof merchant !== 'string') throw new TypeError(`merchantStatementCsv: merchant must be a merchant id (a string), not ${quoted(merchant)}`);
  refuseJournalText(journal, 'merchantStatementCsv');
  return (statementLines(journal, [merchant]).get(merchant) ?? []).join('');
}

/**
 * The statements of several merchants (each as {@link merchantStatementCsv} writes it), from
 * one pass over the journal: a pass per merchant made writing every merchant's statement
 * take merchants × journal steps, hours for hundreds of merchants and a large journal. A
 * platform's statement grows with every payment (about 420 characters a payment in a
 * marketplace): past some 1.3 million payments it is longer than a JavaScript string can be,
 * and this throws `RangeError`; {@link merchantStatementsCsvLines} gives the same text in lines.
 *
 * @throws TypeError as {@link merchantStatementsCsvLines} does.
 */
export function merchantStatementsCsv(journal: Iterable<Entry>, merchants: Iterable<string>): Map<string, string> {
  refuseJournalText(journal, 'merchantStatementsCsv');
  return new Map(Array.from(statementLines(journal, merchantIdList(merchants, 'merchantStatementsCsv')), ([merchant, lines]) => [merchant, lines.join('')]));
}

/**
 * The statements of {@link merchantStatementsCsv}, each as its lines (the header row first,
 * each ending in CRLF), never joined: to write statements of any length a line at a time.
 * `kanjo run --statements` writes them so.
 *
 * @throws TypeError when `merchants` is a single string (TypeScript takes a string as an
 * iterable of strings, and each character would become a merchant), is not iterable, or holds
 * something other than a string.
 */
export function merchantStatementsCsvLines(journal: Iterable<Entry>, merchants: Iterable<string>): Map<string, readonly string[]> {
  refuseJournalText(journal, 'merchantStatementsCsvLines');
  return statementLines(journal, merchantIdList(merchants, 'merchantStatementsCsvLines'));
}

/** The statements of `merchants` (checked ids), from one pass over the journal. */
function statementLines(journal: Iterable<Entry>, merchants: readonly string[]): Map<string, readonly string[]> {
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
  return new Map(Array.from(statements, ([merchant, statement]) => [merchant, statement.lines]));
}

/**
 * The ids of `merchants`, refusing what would silently give wrong statements: a string
 * (`'seller-1'` would give statements of `s`, `e`, `l`…, each empty) or a non-string id (never
 * equal to a merchant of the journal, so its statement would be a header alone).
 */
function merchantIdList(merchants: Iterable<string>, caller: string): string[] {
  // A String object is iterable as its characters too, and passes a typeof check.
  if (typeof merchants === 'string' || merchants instanceof String) {
    throw new TypeError(`${caller} takes a list of merchant ids, not the string ${quoted(String(merchants))}: pass [id], or use merchantStatementCsv for one merchant`);
  }
  if (typeof (merchants as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator] !== 'function') {
    throw new TypeError(`${caller} takes a list of merchant ids as its second argument (an array or other iterable of strings), not ${quoted(merchants)}`);
  }
  const ids = Array.from(merchants);
  ids.forEach((id, index) => {
    if (typeof id !== 'string') throw new TypeError(`${caller} merchants[${index}] must be a merchant id (a string), not ${quoted(id)}`);
  });
  return ids;
}

/** The longest file name in bytes (NAME_MAX of Linux, macOS and Windows file systems). */
const NAME_MAX_BYTES = 255;

/**
 * The file name of a merchant's statement: `<id>.csv`, with the characters a file name cannot
 * hold as written percent-encoded: `/` (and `\`) would name a directory, so an id such as
 * `../x` would write outside the statements directory; `%` is encoded too, so two ids never
 * share a name. Every other character (non-ASCII letters, emoji, `,`, `"`) is kept, as Linux
 * and macOS file systems take it: exFAT, FAT and NTFS take no `: * ? " < > |`, and `kanjo run`
 * cannot write such a statement there (exit 2, nothing written).
 *
 * A name longer than a file system takes (255 bytes of UTF-8: an id of 252 `x`, or of 85 kanji)
 * keeps as many whole characters of the id as fit, each encoded as above (so the kept part
 * decodes to the start of the id), then `%~` and 16 hex digits of a hash of the whole id
 * (FNV-1a, 64 bits, over its UTF-16 code units): `%~` never comes out of the encoding (`%` is
 * always followed by two hex digits there), so such a name is never another id's plain name.
 * Two long ids with one prefix and one hash would share a name; `kanjo run` then refuses them as
 * the same file rather than write one over the other.
 *
 * @throws TypeError when `merchant` is not a string, as {@link merchantStatementCsv} does.
 *
 * @example
 * merchantStatementFileName('pm1'); // 'pm1.csv'
 * merchantStatementFileName('../x'); // '..%2Fx.csv': stays in the statements directory
 * merchantStatementFileName('店舗/1'); // '店舗%2F1.csv'
 */
export function merchantStatementFileName(merchant: string): string {
  if (typeof merchant !== 'string') throw new TypeError(`merchantStatementFileName: merchant must be a merchant id (a string), not ${quoted(merchant)}`);
  const name = `${encodedForFileName(merchant)}.csv`;
  if (utf8Length(name) <= NAME_MAX_BYTES) return name;
  const suffix = `%~${fnv1a64Hex(merchant)}.csv`;
  let room = NAME_MAX_BYTES - suffix.length;
  let prefix = '';
  // Whole characters of the id, each encoded whole: a cut inside `%25` would leave `%2`, which
  // is no character of the id and which decodeURIComponent refuses.
  for (const character of merchant) {
    const encoded = encodedForFileName(character);
    room -= utf8Length(encoded);
    if (room < 0) break;
    prefix += encoded;
  }
  return `${prefix}${suffix}`;
}

/** The id with `%`, `/` and `\` percent-encoded (`%25`, `%2F`, `%5C`); every other character kept. */
function encodedForFileName(text: string): string {
  return text.replace(/[%/\\]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** How many bytes a string takes in UTF-8 (a lone surrogate, which ids may not hold, as U+FFFD's 3). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** FNV-1a, 64 bits, over the UTF-16 code units of `text`, as 16 lowercase hex digits. */
function fnv1a64Hex(text: string): string {
  const MASK = (1n << 64n) - 1n;
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
