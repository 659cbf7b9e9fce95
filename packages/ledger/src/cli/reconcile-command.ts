import { createLedger } from '../engine/ledger.js';
import type { LedgerConfig } from '../engine/ledger-config.js';
import { CompactEntryDecoder } from '../journal/compact-entry-decoder.js';
import type { Entry } from '../journal/entry.js';
import { checkJournalLength, headerEntryCount } from '../journal/journal-length.js';
import { parseJournalEntry } from '../journal/parse-journal-entry.js';
import { JournalReplay } from '../journal/replay-journal.js';
import { isStringTooLong, STRING_TOO_LONG } from '../journal/string-too-long.js';
import { merchantBalances } from '../reports/merchant-balances.js';
import { balancesTableLines } from '../reports/balances-table.js';
import type { LedgerResult } from '../engine/ledger-rejection.js';
import { inOneLine } from '../engine/message-text.js';
import { forEachLine, LineTooLong } from './for-each-line.js';
import { inputName } from './input-file.js';
import { checkOptions, onlyPath, UsageError, type ParsedArguments } from './parse-arguments.js';
import { ioProblem } from './io-problem.js';
import { withLineAndColumn } from './json-error-place.js';
import { jsonSyntaxErrorOffset } from './json-syntax-error-offset.js';

/** How many entries between two progress lines on a terminal. */
const PROGRESS_EVERY = 50_000;
const BYTE_ORDER_MARK = '\uFEFF';
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
/**
 * The header line and the entry lines of the objects format: a byte that is not UTF-8 is a
 * corrupt line, as the compact decoder (which reads bytes) finds it, not a character to replace
 * with U+FFFD (a header's merchant "pm3" would reconcile as "pm\uFFFD").
 */
const strictUtf8 = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

/** A reconciliation that found a broken entry: exit status 1, the entry named. */
export class ReconciliationError extends Error {
  override readonly name = 'ReconciliationError';
}

/** Turns one entry line (a byte range) into an entry, in the format the header announced. */
type LineDecoder = (bytes: Uint8Array, start: number, end: number, line: number) => LedgerResult<Entry>;

/** The options `kanjo reconcile` reads (besides --help and --version). */
export const RECONCILE_OPTIONS = ['format'] as const;

/** How `kanjo reconcile` is called: one copy, for `kanjo --help` and for a wrong call. */
export const RECONCILE_USAGE = 'kanjo reconcile JOURNAL.ndjson [--format table|json]';

/**
 * `kanjo reconcile JOURNAL.ndjson [--format table|json]`: reads a journal exported by Kanjo
 * (the compact format or the object format) and checks it (every entry balanced per currency,
 * sequence numbers contiguous, replay succeeds, as many entries as the header says when it
 * says), then prints the balances per merchant and currency (the table in each currency's
 * unit, `45.00 USD`; the JSON in minor units). Progress goes to standard error when that is a
 * terminal; `warn` gets what the reader accepted but the caller should know (a last entry
 * without its line break in a journal that does not say how many entries it holds).
 */
export function reconcileCommand(args: ParsedArguments, stdoutIsTerminal: boolean, progress: ((entries: number) => void) | undefined, warn: (line: string) => void = () => {}): string {
  // Options first: `kanjo run --jurnal a.json` takes a.json as the option's value, and the
  // missing file would otherwise hide the misspelt option behind the usage line.
  checkOptions(args, RECONCILE_OPTIONS, 'kanjo reconcile reads --format');
  const path = onlyPath(args, `usage: ${RECONCILE_USAGE}`);
  const name = inputName(path);
  const format = args.options.get('format') ?? (stdoutIsTerminal ? 'table' : 'json');
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not ${String(format)}`);

  let replay: JournalReplay | undefined;
  let decode: LineDecoder | undefined;
  let expectedEntries: number | undefined;
  let unendedLast: number | undefined;
  try {
    forEachLine(path, (bytes, lineStart, end, line, ended) => {
      // A byte order mark opens the file, not the header: a mark on a line of its own, then a
      // blank line, then the header, is a blank start like any other.
      const start = line === 1 && startsWithByteOrderMark(bytes, lineStart, end) ? lineStart + 3 : lineStart;
      if (isBlank(bytes, start, end)) return;
      if (replay === undefined || decode === undefined) {
        ({ replay, decode, expectedEntries } = startReplay(bytes.subarray(start, end), line, name));
        return;
      }
      const entry = decode(bytes, start, end, line);
      if (!entry.ok) throw new ReconciliationError(`${entry.error.code}: ${entry.error.message}`);
      const added = replay.add(entry.value);
      // The line too, as a decoding problem gives it: a sequence number edited or a line given
      // twice names the entry by its place, and an editor goes to a line (review 259).
      if (!added.ok) throw new ReconciliationError(`${added.error.code}: line ${line}: ${added.error.message}`);
      if (!ended) unendedLast = line;
      if (progress !== undefined && entry.value.seq % PROGRESS_EVERY === 0) progress(entry.value.seq);
    });
  } catch (error) {
    // The same words as for a whole line too long to decode (startReplay, the decoders).
    if (error instanceof LineTooLong) {
      if (replay === undefined) throw new UsageError(`${name} does not start with a Kanjo journal header: its first line is ${STRING_TOO_LONG}`);
      throw new ReconciliationError(`journal_entry_malformed: line ${error.lineNumber}: ${STRING_TOO_LONG}`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && !(error instanceof UsageError) && !(error instanceof ReconciliationError)) {
      throw new UsageError(`cannot read ${name}: ${ioProblem(error)}`);
    }
    throw error;
  }
  if (replay === undefined) throw new UsageError(`${name} is empty: a Kanjo journal starts with its header line`);
  const done: JournalReplay = replay;
  // Every entry read was whole and applied; a journal cut between two entries is caught here.
  const whole = checkJournalLength(expectedEntries, done.entries);
  if (!whole.ok) throw new ReconciliationError(`${whole.error.code}: ${whole.error.message}`);
  // With a count, the count says whether the last entry is whole. Without one (a journal a
  // service appends to, README), a last line without its break may be a write a crash cut
  // short after its last byte: the README has the service drop it on restart, so say that
  // these balances include it.
  if (expectedEntries === undefined && unendedLast !== undefined) {
    warn(`line ${unendedLast}, the last entry, has no line break after it and the header gives no entry count: reconciled as a whole entry, but a service appending as the README describes drops such a line on restart (its request was never answered)`);
  }
  const balances = merchantBalances(done.ledger.state);
  if (format === 'json') return `${JSON.stringify({ entries: done.entries, balances }, null, 2)}\n`;
  // For people: the file name with its controls and bidi controls escaped, as the run table
  // writes it (a name ending in U+202E would make the line read right to left).
  const title = `${inOneLine(name)}: ${done.entries} entries, all balanced, sequence contiguous, replay succeeded`;
  return [title, ...balancesTableLines(balances)].map((line) => `${line}\n`).join('');
}

/** A JSON object: not null and not a list. */
function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a journal's header line starts (after any byte order mark), whatever follows. */
const JOURNAL_HEADER_START = /^[ \t]*\{[ \t]*"kanjo_journal"[ \t]*:/;

/** A header line (after any byte order mark) followed by a CR and more text on the same line. */
const CR_ONLY_LINES = /^\uFEFF?\s*\{"kanjo_journal":[^\r]*\}\r(?!\n)./;

/** Reads the header line: which format follows, and the configuration to replay into. */
function startReplay(bytes: Uint8Array, line: number, name: string): { replay: JournalReplay; decode: LineDecoder; expectedEntries: number | undefined } {
  const notAJournal = () => new UsageError(`${name} does not start with a Kanjo journal header ({"kanjo_journal":2,"config":…} or {"kanjo_journal":1,"config":…})`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    if (isStringTooLong(error)) throw new UsageError(`${name} does not start with a Kanjo journal header: its first line is ${STRING_TOO_LONG}`);
    throw error;
  }
  let header: { kanjo_journal?: unknown; entries?: unknown; config?: unknown } | null;
  const headerText = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  try {
    header = JSON.parse(headerText) as typeof header;
  } catch (error) {
    // A journal saved with lines ending in CR alone is one line: a header followed by entries.
    if (CR_ONLY_LINES.test(text)) throw new UsageError(`${name}: its lines end with a carriage return alone (CR); a Kanjo journal's lines end with LF or CRLF: convert them (tr '\\r' '\\n')`);
    // A header edited by hand (merchants added to its configuration, as the README allows) with a
    // comma too many is a journal header that is not JSON, not a file that is no journal.
    if (JOURNAL_HEADER_START.test(headerText)) throw new UsageError(`${name}: its header line is not valid JSON: ${withLineAndColumn((error as Error).message, headerText)}`);
    throw notAJournal();
  }
  // null and a list are typeof 'object' too, and createLedger would call them an invalid
  // configuration (exit 1) where the file is not a journal at all (exit 2).
  if (header === null || typeof header !== 'object') throw notAJournal();
  // A later format (none yet), whatever else its header holds: not "no journal header", which
  // would send the reader looking for a damaged file. A number past the safe range is no
  // format number (JSON.parse has already changed it).
  if (typeof header.kanjo_journal === 'number' && Number.isSafeInteger(header.kanjo_journal) && header.kanjo_journal > 2) {
    throw new UsageError(`${name} is a Kanjo journal of format ${header.kanjo_journal}, which this version (reading formats 1 and 2) does not know: reconcile it with the Kanjo that wrote it, or a later one`);
  }
  if (!isPlainObject(header.config)) throw notAJournal();
  // Read leniently first, so that a file that is no journal at all (a gzipped one) is still
  // exit 2; a journal header with a byte that is not UTF-8 is a broken line of a journal.
  try {
    strictUtf8.decode(bytes);
  } catch {
    throw new ReconciliationError(`journal_header_malformed: line ${line}: not valid UTF-8`);
  }
  let decode: LineDecoder;
  let expectedEntries: number | undefined;
  if (header.kanjo_journal === 2) {
    const compact = CompactEntryDecoder.fromHeader(header);
    if (!compact.ok) throw new UsageError(`${name}: ${compact.error.code}: ${compact.error.message}`);
    const { decoder } = compact.value;
    expectedEntries = compact.value.entries;
    decode = (bytes, start, end, line) => decoder.decode(bytes, start, end, line);
  } else if (header.kanjo_journal === 1) {
    const count = headerEntryCount(header);
    if (!count.ok) throw new UsageError(`${name}: ${count.error.code}: ${count.error.message}`);
    expectedEntries = count.value;
    decode = (bytes, start, end, line) => {
      let text: string;
      try {
        text = strictUtf8.decode(bytes.subarray(start, end));
      } catch (error) {
        throw new ReconciliationError(`journal_entry_malformed: line ${line}: ${isStringTooLong(error) ? STRING_TOO_LONG : 'not valid UTF-8'}`);
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        // Where on the line, as the compact format's "(byte N)" says: a line cut or edited by hand.
        const offset = jsonSyntaxErrorOffset(text);
        throw new ReconciliationError(`journal_entry_malformed: line ${line}: not valid JSON${offset === undefined ? '' : ` (column ${offset + 1})`}`);
      }
      return parseJournalEntry(value, line);
    };
  } else {
    throw notAJournal();
  }
  const ledger = createLedger(header.config as LedgerConfig);
  if (!ledger.ok) throw new ReconciliationError(`the journal's configuration is invalid: ${ledger.error.code}: ${ledger.error.message}`);
  // Folded without keeping the entries: reconciliation needs the resulting state only.
  return { replay: new JournalReplay(ledger.value, false), decode, expectedEntries };
}

/**
 * A line of nothing but spaces, tabs and carriage returns carries no entry: skipped like an
 * empty one (a lone CR after the last line break is what is left of a CRLF file cut short).
 */
function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let at = start; at < end; at += 1) {
    if (bytes[at] !== 0x20 && bytes[at] !== 0x09 && bytes[at] !== 0x0d) return false;
  }
  return true;
}

/** The UTF-8 byte order mark (EF BB BF) at the start of a line. */
function startsWithByteOrderMark(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf;
}
