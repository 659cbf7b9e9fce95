import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { copyOfList } from '../engine/copy-list.js';
import { refusePrototypePollution } from '../engine/refuse-prototype-pollution.js';
import type { LedgerConfig } from '../engine/ledger-config.js';
import { MERCHANT_ACCOUNT_PREFIX } from './accounts.js';
import { changeShapeProblem } from './change-shape-problem.js';
import { LIST_FIELD, OBJECT_FIELD, PLAIN_FIELD, TABLE_STRING_FIELD, type CompactJournalHeader } from './compact-journal-format.js';
import type { Entry } from './entry.js';
import { headerEntryCount } from './journal-length.js';
import { ENTRY_TIME_FORM, entryTimeMillis } from './entry-time.js';
import type { Posting } from './posting.js';
import type { RecordType } from './record-type.js';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET as CLOSE, COMMA, OPEN_BRACE, OPEN_BRACKET as OPEN, QUOTE } from './json-char-codes.js';
import { isStringTooLong, STRING_TOO_LONG } from './string-too-long.js';

const PLAIN = 0;
const OBJECT = 1;
const LIST = 2;
const TABLE_STRING = 3;

const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** Integers of up to 15 digits are exact in a double whatever their digits: parsed inline. */
const FAST_INTEGER_DIGITS = 15;
/** ASCII strings up to this long are built from their char codes; longer ones are decoded. */
const SHORT_STRING_BYTES = 64;
/** How deep objects may nest in an entry (the engine writes 3 levels): deeper is malformed. */
const MAX_DEPTH = 32;

/** A header shape, compiled: its keys and what each holds. */
interface Shape {
  readonly keys: readonly string[];
  readonly holds: readonly number[];
}

/** What every posting on one account shares. */
interface AccountTemplate {
  readonly account: string;
  readonly merchant: string | undefined;
  readonly currency: string;
}

/** The bytes are not the compact entry expected; `offset` is where it went wrong. */
class LineSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** CompactEntryDecoder's private constructor, set by the class's static block. */
let makeDecoder: (shapes: readonly Shape[], accounts: readonly AccountTemplate[], recordTypes: readonly RecordType[], strings: readonly string[]) => CompactEntryDecoder;

/**
 * Reads the entry lines of a compact journal (`kanjo_journal: 2`, see
 * {@link CompactJournalHeader}) straight from their UTF-8 bytes into {@link Entry} values.
 * `JSON.parse` would need each line decoded to a string first and would build lists only to
 * be turned into objects; this reads the bytes once, builds the objects directly and parses
 * integers without a string, which is what makes `kanjo reconcile` fast on a million entries.
 * It accepts exactly JSON's grammar for what it reads. A number it reads itself that is `-0`
 * (which Kanjo never writes; another writer may) is read as 0, so a replay's state is the live
 * run's: `JSON.parse` would keep -0.
 *
 * Each entry is checked for the shape replay relies on (the same as `parseJournalEntry`): a
 * sequence number, a parseable time, a command with an op, lists of changes (each with the
 * fields its kind has, of their types) and events, and postings whose account and record type
 * exist in the header and whose amounts are non-zero safe integers. A broken line is a
 * `journal_entry_malformed` rejection naming the line.
 */
export class CompactEntryDecoder {
  readonly #shapes: readonly Shape[];
  readonly #accounts: readonly AccountTemplate[];
  readonly #recordTypes: readonly RecordType[];
  readonly #strings: readonly string[];
  #bytes: Uint8Array = new Uint8Array(0);
  #at = 0;
  #end = 0;
  #lastTime: string | undefined;
  #depth = 0;
  /** The last plain string read: ids repeat within a line (entry, change, event). */
  #lastString = '';
  /** The items of the lists being read, innermost last (see #popList). */
  readonly #stack: unknown[] = [];
  /**
   * How many of `#stack`'s slots are in use. The array is never shortened (setting `length`
   * is a runtime call, and it happened per list); slots above the top are overwritten.
   */
  #top = 0;

  private constructor(shapes: readonly Shape[], accounts: readonly AccountTemplate[], recordTypes: readonly RecordType[], strings: readonly string[]) {
    this.#shapes = shapes;
    this.#accounts = accounts;
    this.#recordTypes = recordTypes;
    this.#strings = strings;
  }

  static {
    // The private constructor, for fromHeader: `new this` in a static block, because naming the
    // class inside its own body makes the bundler rename it (`_CompactEntryDecoder` in stack
    // traces and `.name`; review 224).
    makeDecoder = (shapes, accounts, recordTypes, strings) => new this(shapes, accounts, recordTypes, strings);
  }

  /**
   * A decoder for the journal this header (already parsed from JSON) opens, with the header's
   * configuration and its count of entry lines (`undefined` for a header written before
   * 2026-12-02: check it with `checkJournalLength` once every line is read), or what is wrong
   * with it. The tables are copied; `config` is the header's own object, as given (the ledger
   * that `replayJournal` or `createLedger` makes of it copies it then).
   */
  static fromHeader(value: unknown): LedgerResult<{ readonly config: LedgerConfig; readonly decoder: CompactEntryDecoder; readonly entries: number | undefined }> {
    const malformed = (what: string) => reject('journal_header_malformed', `the compact journal header ${what}`);
    // What JSON.parse gives for any first line: null and a list included.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return malformed('is not a JSON object');
    const header = value as Partial<Record<keyof CompactJournalHeader, unknown>>;
    // The other format's header, given here by mistake: say which reader it needs.
    if ((header.kanjo_journal as unknown) === 1) return malformed('was expected, but this is an objects-format header (kanjo_journal 1): read its entry lines with parseJournalEntry');
    if (typeof header.config !== 'object' || header.config === null) return malformed('has no config object');
    // Kanjo's first compact layout (6c406f1) wrote the same kanjo_journal 2 without a strings
    // table: say so, and how to get a journal that is read, rather than list all four tables.
    if (Array.isArray(header.accounts) && Array.isArray(header.recordTypes) && Array.isArray(header.shapes) && header.strings === undefined) {
      return malformed('has no strings list: it is Kanjo\'s first compact layout (6c406f1, 2026-11-22), which is not read; run that version again with --journal-format objects');
    }
    if (!Array.isArray(header.accounts) || !Array.isArray(header.recordTypes) || !Array.isArray(header.strings) || !Array.isArray(header.shapes)) {
      return malformed('needs accounts, recordTypes, strings and shapes lists');
    }
    const entries = headerEntryCount(header);
    if (!entries.ok) return entries;
    const accounts: AccountTemplate[] = [];
    for (const pair of header.accounts as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        return malformed('lists an account that is not [account, currency]');
      }
      const [account, currency] = pair as [string, string];
      const merchant = account.startsWith(MERCHANT_ACCOUNT_PREFIX) ? account.slice(MERCHANT_ACCOUNT_PREFIX.length) : undefined;
      accounts.push({ account, merchant, currency });
    }
    // Copies, checked as copied: the decoder keeps its tables for every line after, and the
    // caller's header may be edited meanwhile (two strings swapped would decode one merchant as
    // another).
    const recordTypes = copyOfList(header.recordTypes as unknown[]);
    const strings = copyOfList(header.strings as unknown[]);
    if (!recordTypes.every((type) => typeof type === 'string')) return malformed('lists a record type that is not a string');
    if (!strings.every((text) => typeof text === 'string')) return malformed('lists a string that is not a string');
    const shapes: Shape[] = [];
    for (const fields of header.shapes as unknown[]) {
      if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string' && FIELD_MARKERS.includes(field.charAt(0)))) {
        return malformed('lists a shape that is not a list of fields (a marker =, $, { or [ then the key)');
      }
      shapes.push(compileShape(fields as string[]));
    }
    const decoder = makeDecoder(shapes, accounts, recordTypes as RecordType[], strings as string[]);
    return accept({ config: header.config as LedgerConfig, decoder, entries: entries.value });
  }

  /** Decodes an entry line given as text (encodes it to UTF-8 and reads the bytes). */
  decodeText(text: string, line: number): LedgerResult<Entry> {
    const bytes = encoder.encode(text);
    return this.decode(bytes, 0, bytes.length, line);
  }

  /** Decodes the entry on `bytes[start, end)`, line `line` of the file. */
  decode(bytes: Uint8Array, start: number, end: number, line: number): LedgerResult<Entry> {
    try {
      return this.#decode(bytes, start, end, line);
    } catch (error) {
      // An entry is built by assigning its fields, and a read-only field of the same name on
      // Object.prototype makes an assignment throw a TypeError that names nothing useful.
      refusePrototypePollution();
      throw error;
    }
  }

  #decode(bytes: Uint8Array, start: number, end: number, line: number): LedgerResult<Entry> {
    this.#bytes = bytes;
    this.#at = start;
    this.#end = end;
    this.#depth = 0;
    this.#top = 0; // a line that failed half-way may have left items
    let seq: number | undefined;
    try {
      // `[]` opens no entry: read on from it and `[]1,…]` would pass, which no JSON parser reads.
      if (!this.#open('an entry must be a list [seq, at, command, payment, changes, events, postings]')) this.#fail('an entry has exactly seven items', this.#at - 1);
      seq = this.#number();
      if (!Number.isSafeInteger(seq)) return malformedEntry(line, undefined, 'seq must be an integer');
      this.#comma();
      const time = this.#time();
      if (time === undefined) return malformedEntry(line, seq, `at must be ${ENTRY_TIME_FORM}`);
      this.#comma();
      const command = this.#object() as unknown as Entry['command'];
      if (typeof command.op !== 'string') return malformedEntry(line, seq, 'the command has no op');
      this.#comma();
      const payment = this.#nullOrString();
      this.#comma();
      const changes = this.#objects() as unknown as Entry['changes'];
      for (const change of changes) {
        const problem = changeShapeProblem(change);
        if (problem !== undefined) return malformedEntry(line, seq, problem);
      }
      this.#comma();
      const events = this.#objects() as unknown as Entry['events'];
      this.#comma();
      const postings = this.#postings();
      this.#skipWhitespace();
      if (this.#bytes[this.#at] !== CLOSE) this.#fail('an entry has exactly seven items');
      this.#at += 1;
      this.#skipWhitespace();
      if (this.#at !== end) this.#fail('expected the end of the line');
      // Same field order as parseJournalEntry's entries (payment undefined when absent).
      return accept({ seq, at: time, command, payment, changes, postings, events } as Entry);
    } catch (error) {
      if (!(error instanceof LineSyntaxError)) throw error;
      return malformedEntry(line, seq, `${error.message} (byte ${error.offset - start + 1})`);
    }
  }

  /** The entry's time: checked only when it differs from the entry before (it mostly does not). */
  #time(): string | undefined {
    const time = this.#string();
    if (time === this.#lastTime) return time;
    if (Number.isNaN(entryTimeMillis(time))) return undefined;
    this.#lastTime = time;
    return time;
  }

  /** A list of encoded objects. */
  #objects(): object[] {
    if (!this.#open('expected a list')) return [];
    const start = this.#top;
    do this.#push(this.#object());
    while (this.#more());
    return this.#popList(start) as object[];
  }

  /** One encoded object: `[shape, value…]`, its values matching the shape's fields. */
  #object(): Record<string, unknown> {
    const at = this.#at;
    if (!this.#open('expected an object written as [shape, …]')) this.#fail('expected an object written as [shape, …]', at);
    const index = this.#number();
    const shape = this.#shapes[index];
    if (shape === undefined) return this.#fail(`shape ${index} is not in the header`, at);
    if (++this.#depth > MAX_DEPTH) this.#fail(`objects nested deeper than ${MAX_DEPTH}`, at);
    const { keys, holds } = shape;
    const object: Record<string, unknown> = {};
    for (let field = 0; field < keys.length; field += 1) {
      if (!this.#more()) this.#fail(`shape ${index} has ${keys.length} fields, the object ${field}`, at);
      const hold = holds[field];
      const key = keys[field] as string;
      const value = hold === TABLE_STRING ? this.#tableString() : hold === OBJECT ? this.#object() : hold === LIST ? this.#list() : this.#plain();
      // A key from payment metadata may be "__proto__": define it, never call the setter.
      if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
    }
    if (this.#more()) this.#fail(`shape ${index} has ${keys.length} fields, the object more`, at);
    this.#depth -= 1;
    return object;
  }

  /** A list field: its lists are encoded objects, anything else a plain value. */
  #list(): unknown[] {
    if (!this.#open('expected a list')) return [];
    const start = this.#top;
    do {
      this.#skipWhitespace();
      this.#push(this.#bytes[this.#at] === OPEN ? this.#object() : this.#plain());
    } while (this.#more());
    return this.#popList(start);
  }

  /**
   * The items pushed on the stack since `start`, as a list of exactly their number, taken off
   * the stack. A list grown by push keeps room for 17 items: a replay keeps each payment's split
   * and shares, and that room was a quarter of a reconciliation's memory.
   */
  #popList(start: number): unknown[] {
    const list = this.#stack.slice(start, this.#top);
    this.#top = start;
    return list;
  }

  #push(item: unknown): void {
    this.#stack[this.#top] = item;
    this.#top += 1;
  }

  #tableString(): string {
    const at = this.#at;
    const text = this.#strings[this.#number()];
    if (text === undefined) return this.#fail('a string index is not in the header', at);
    return text;
  }

  /** The flat posting triples as {@link Posting} objects. */
  #postings(): Posting[] {
    const postings: Posting[] = [];
    if (!this.#open('expected the postings list')) return postings;
    do {
      const at = this.#at;
      const account = this.#accounts[this.#number()];
      if (!this.#more()) this.#fail('postings must be triples account, recordType, amount', at);
      const recordType = this.#recordTypes[this.#number()];
      if (!this.#more()) this.#fail('postings must be triples account, recordType, amount', at);
      const amount = this.#number();
      if (account === undefined || recordType === undefined) this.#fail('a posting names an account or record type not in the header', at);
      if (!Number.isSafeInteger(amount) || amount === 0) this.#fail('a posting needs a non-zero integer amount', at);
      // Same field order as parseJournalEntry's postings: one object shape for the fold.
      postings.push({ account: account.account, merchant: account.merchant, currency: account.currency, amount, recordType } as Posting);
    } while (this.#more());
    return postings;
  }

  // --- JSON at the byte level -------------------------------------------------------------

  /** Consumes `[`; false (and the whole `[]` consumed) when the list is empty. */
  #open(expected: string): boolean {
    this.#skipWhitespace();
    if (this.#bytes[this.#at] !== OPEN) this.#fail(expected);
    this.#at += 1;
    this.#skipWhitespace();
    if (this.#bytes[this.#at] === CLOSE) {
      this.#at += 1;
      return false;
    }
    return true;
  }

  /** After a list item: true when a comma follows (consumed), false at `]` (consumed). */
  #more(): boolean {
    let byte = this.#bytes[this.#at];
    if (byte !== COMMA && byte !== CLOSE) {
      this.#skipWhitespace();
      byte = this.#bytes[this.#at];
    }
    this.#at += 1;
    if (byte === COMMA) return true;
    if (byte === CLOSE && this.#at <= this.#end) return false;
    return this.#fail('expected , or ]', this.#at - 1);
  }

  /** A comma between two of the entry's seven items. */
  #comma(): void {
    if (!this.#more()) this.#fail('an entry has exactly seven items', this.#at - 1);
  }

  #skipWhitespace(): void {
    const bytes = this.#bytes;
    const end = this.#end;
    let at = this.#at;
    let byte = bytes[at];
    while ((byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a) && at < end) byte = bytes[++at];
    this.#at = at;
  }

  #number(): number {
    this.#skipWhitespace();
    const bytes = this.#bytes;
    const start = this.#at;
    let at = start;
    const negative = bytes[at] === MINUS;
    if (negative) at += 1;
    const digits = at;
    let value = 0;
    let byte = bytes[at] as number;
    if (byte === ZERO) {
      at += 1;
      byte = bytes[at] as number;
      // JSON has no leading zeros: "01" would otherwise read as 0 and name the wrong entry.
      if (byte >= ZERO && byte <= NINE && at < this.#end) return this.#fail('a number has no leading zeros', start);
    } else {
      while (byte >= ZERO && byte <= NINE) {
        value = value * 10 + (byte - ZERO);
        at += 1;
        byte = bytes[at] as number;
      }
    }
    if (at === digits || at > this.#end) return this.#fail('expected a number');
    if (byte === 0x2e || byte === 0x65 || byte === 0x45 || at - digits > FAST_INTEGER_DIGITS) {
      while ((byte >= ZERO && byte <= NINE) || byte === MINUS || byte === 0x2b || byte === 0x2e || byte === 0x65 || byte === 0x45) {
        at += 1;
        byte = bytes[at] as number;
      }
      const parsed = this.#parseSlice(start, Math.min(at, this.#end));
      if (typeof parsed !== 'number') return this.#fail('expected a number', start);
      return parsed + 0;
    }
    this.#at = at;
    // `0 - value` and `+ 0` above: a `-0` (which Kanjo never writes, but another writer may:
    // Python writes -0.0) reads as 0, so the replayed state is the one the live run had.
    return negative ? 0 - value : value;
  }

  #nullOrString(): string | undefined {
    this.#skipWhitespace();
    if (this.#bytes[this.#at] === 0x6e) {
      this.#literal('null');
      return undefined;
    }
    return this.#string();
  }

  #string(): string {
    this.#skipWhitespace();
    const bytes = this.#bytes;
    if (bytes[this.#at] !== QUOTE) return this.#fail('expected a string');
    const start = this.#at + 1;
    let at = start;
    let byte = bytes[at] as number;
    while (byte !== QUOTE) {
      // Escapes, non-ASCII and control characters (and a missing quote) take the exact path.
      if (byte === BACKSLASH || byte >= 0x80 || byte < 0x20 || at >= this.#end) return this.#exactString(start - 1);
      at += 1;
      byte = bytes[at] as number;
    }
    this.#at = at + 1;
    const last = this.#lastString;
    if (last.length === at - start && sameAscii(last, bytes, start)) return last;
    // fromCharCode.apply takes one argument a byte: fast for ids, a stack overflow for a long text.
    const text = at - start <= SHORT_STRING_BYTES ? String.fromCharCode.apply(null, bytes.subarray(start, at) as unknown as number[]) : this.#longText(start, at);
    this.#lastString = text;
    return text;
  }

  /** The ASCII text `bytes[start, end)`, decoded: one too long to be a string is a damaged line. */
  #longText(start: number, end: number): string {
    try {
      return utf8.decode(this.#bytes.subarray(start, end));
    } catch (error) {
      if (isStringTooLong(error)) return this.#fail(`a string ${STRING_TOO_LONG}`, start - 1);
      throw error;
    }
  }

  /** A plain JSON value: string, number, true, false, null, or (rare) a list or object. */
  #plain(): unknown {
    this.#skipWhitespace();
    const byte = this.#bytes[this.#at] as number;
    if (byte === QUOTE) return this.#string();
    if (byte === MINUS || (byte >= ZERO && byte <= NINE)) return this.#number();
    if (byte === 0x74) return this.#literal('true');
    if (byte === 0x66) return this.#literal('false');
    if (byte === 0x6e) return this.#literal('null');
    if (byte === OPEN || byte === OPEN_BRACE) return this.#nested();
    return this.#fail('expected a JSON value');
  }

  #literal(word: 'true' | 'false' | 'null'): boolean | null {
    for (let index = 0; index < word.length; index += 1) {
      if (this.#bytes[this.#at + index] !== word.charCodeAt(index) || this.#at + index >= this.#end) this.#fail(`expected ${word}`);
    }
    this.#at += word.length;
    return word === 'true' ? true : word === 'false' ? false : null;
  }

  #exactString(start: number): string {
    const bytes = this.#bytes;
    let at = start + 1;
    while (at < this.#end && bytes[at] !== QUOTE) at += bytes[at] === BACKSLASH ? 2 : 1;
    if (at >= this.#end) return this.#fail('unterminated string', start);
    const text = this.#parseSlice(start, at + 1);
    if (typeof text !== 'string') return this.#fail('expected a string', start);
    return text;
  }

  /** A list or object in a plain field, found by bracket matching and parsed by `JSON.parse`. */
  #nested(): unknown {
    const bytes = this.#bytes;
    const start = this.#at;
    let depth = 0;
    for (let at = start; at < this.#end; at += 1) {
      const byte = bytes[at];
      if (byte === QUOTE) {
        at += 1;
        while (at < this.#end && bytes[at] !== QUOTE) at += bytes[at] === BACKSLASH ? 2 : 1;
      } else if (byte === OPEN || byte === OPEN_BRACE) {
        depth += 1;
      } else if ((byte === CLOSE || byte === CLOSE_BRACE) && --depth === 0) {
        // Read with the numbers it holds as #number reads them: a -0 inside (written by another
        // writer) is 0, so the replayed state is the live run's here too (review 214).
        return this.#parseSlice(start, at + 1, true);
      }
    }
    return this.#fail('unterminated value', start);
  }

  /**
   * `JSON.parse` of `bytes[start, end)`, moving past it; anything unparseable is a syntax error.
   * Bytes that are not UTF-8 are named so, as the objects format names them: the same
   * corruption reads the same in both formats.
   */
  #parseSlice(start: number, end: number, negativeZeroAsZero = false): unknown {
    let text: string;
    try {
      text = utf8.decode(this.#bytes.subarray(start, end));
    } catch (error) {
      return this.#fail(isStringTooLong(error) ? `a value ${STRING_TOO_LONG}` : 'not valid UTF-8', start);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return this.#fail(isStringTooLong(error) ? `a value ${STRING_TOO_LONG}` : 'invalid JSON value', start);
    }
    // A -0 is written with a minus (`-0`, and `-1e-400`, which JSON reads as -0 too: review
    // 219): a text without one holds none, and is not walked.
    if (negativeZeroAsZero && text.includes('-')) value = withNegativeZerosAsZero(value);
    this.#at = end;
    return value;
  }

  #fail(message: string, offset = this.#at): never {
    throw new LineSyntaxError(message, offset);
  }
}

const FIELD_MARKERS = [PLAIN_FIELD, TABLE_STRING_FIELD, OBJECT_FIELD, LIST_FIELD];

function compileShape(fields: readonly string[]): Shape {
  const keys: string[] = [];
  const holds: number[] = [];
  for (const field of fields) {
    const marker = field.charAt(0);
    holds.push(marker === OBJECT_FIELD ? OBJECT : marker === LIST_FIELD ? LIST : marker === TABLE_STRING_FIELD ? TABLE_STRING : PLAIN);
    keys.push(field.slice(1));
  }
  return { keys, holds };
}

function sameAscii(text: string, bytes: Uint8Array, start: number): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) !== bytes[start + index]) return false;
  }
  return true;
}

function malformedEntry(line: number, seq: number | undefined, what: string): LedgerResult<never> {
  const where = `line ${line}${seq === undefined || !Number.isSafeInteger(seq) ? '' : ` (entry ${seq})`}`;
  return reject('journal_entry_malformed', `${where}: ${what}`);
}

/**
 * `value`, a fresh result of `JSON.parse`, with every `-0` in it made 0, in place. Walked with a
 * list, not by recursion, nor with a `JSON.parse` reviver (which recurses): JSON.parse reads a
 * value nested thousands deep, and so must this (review 217: a reviver refused one 3,000 deep
 * that the objects format and earlier builds replayed). A key `__proto__` is JSON.parse's own
 * property, so it is defined, not assigned (assigning would call the prototype setter).
 */
function withNegativeZerosAsZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  const pending: object[] = [];
  if (typeof value === 'object' && value !== null) pending.push(value);
  for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
    const record = container as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (Object.is(item, -0)) Object.defineProperty(record, key, { value: 0, writable: true, enumerable: true, configurable: true });
      else if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return value;
}
