import type { LedgerConfig } from '../engine/ledger-config.js';
import type { Entry } from './entry.js';
import type { RecordType } from './record-type.js';
import { lineSafeJson } from './line-safe-json.js';

/**
 * The compact journal format (`kanjo_journal: 2`), the default export. Still NDJSON, one entry
 * a line, but with the repetition taken out so that a million entries read fast:
 *
 * - The header line carries the tables every entry refers to:
 *   `{"kanjo_journal":2,"entries":n,"config":…,"accounts":[[account,currency],…],"recordTypes":[…],"strings":[…],"shapes":[[field,…],…]}`.
 * - An entry line is a list in a fixed order: `[seq, at, command, payment|null, changes, events, postings]`.
 * - An object (the command, a change, an event and the objects inside them) is written as
 *   `[shape, value, value, …]`: `shape` indexes the header's `shapes`, each a list of fields in
 *   order, a field being one marker character then the key (any key, even empty):
 *   `=` a plain JSON value; `$` a string of the header's `strings` table (the values that
 *   repeat: kinds, merchant ids, currencies…), written as its index; `{` an object written the
 *   same way; `[` a list whose items are such objects (when lists) or plain values.
 * - Postings are one flat list of triples `account, recordType, amount`: `account` indexes the
 *   header's `accounts` (an account name with its currency), `recordType` its `recordTypes`,
 *   and `amount` is the signed integer of {@link Posting}.
 *
 * The first format (`kanjo_journal: 1`, one JSON object an entry) is still read.
 */
export interface CompactJournalHeader {
  /** Format version: 2 for this compact format (1 is the object format of `JournalHeader`). */
  readonly kanjo_journal: 2;
  /**
   * How many entry lines follow (written since 2026-12-02): `kanjo reconcile` refuses a journal
   * holding fewer or more (`journal_length_mismatch`). A header without it is not checked.
   */
  readonly entries?: number;
  /** The configuration the journal was written with: replay creates its ledger from it. */
  readonly config: LedgerConfig;
  /** Account table: the first number of a posting triple indexes it, giving the account name and the currency. */
  readonly accounts: readonly (readonly [account: string, currency: string])[];
  /** Record type table: the second number of a posting triple indexes it. */
  readonly recordTypes: readonly RecordType[];
  /**
   * String table of the values the journal repeats (kinds, merchant ids, currencies…): a `$`
   * field's value indexes it. At most 2^24 UTF-16 units in all;
   * a repeated string beyond is written where it is used.
   */
  readonly strings: readonly string[];
  /**
   * Shape table: an encoded object's first element indexes it; each shape lists its fields, a
   * marker character (`=`, `$`, `{`, `[`) then the key. The shapes of objects inside others
   * hold at most 2^24 UTF-16 units of fields; an object of a new shape beyond is written as a
   * plain JSON object in a `=` field (or as a list's item).
   */
  readonly shapes: readonly (readonly string[])[];
}

/** An entry line of the compact format, as JSON values. */
export type CompactEntryLine = readonly [
  seq: number,
  at: string,
  command: EncodedObject,
  payment: string | null,
  changes: readonly EncodedObject[],
  events: readonly EncodedObject[],
  postings: readonly number[],
];

/** An object as the compact format writes it: its shape's index, then its values in order. */
export type EncodedObject = readonly [shape: number, ...values: unknown[]];

/** Marks (first character of a shape field) a field holding a plain JSON value. */
export const PLAIN_FIELD = '=';
/** Marks a field holding an object written as an {@link EncodedObject}. */
export const OBJECT_FIELD = '{';
/** Marks a field holding a list (of encoded objects or plain values). */
export const LIST_FIELD = '[';
/** Marks a field holding a string of the header's string table, written as its index. */
export const TABLE_STRING_FIELD = '$';

/** A string repeated at least this often across the journal goes into the string table. */
const TABLE_STRING_MIN_USES = 8;

/**
 * How much text (UTF-16 code units) the header's string table, and separately the fields of
 * its shapes of nested objects, may hold. The header is one line, written as one JavaScript
 * string, which cannot pass 2^29 − 24 units: without a bound, a journal's own growth made it
 * unwritable (every id used eight times or more enters the string table, as a payment's id
 * does after a few refunds: some fourteen million of 36 characters would fill it; sessions
 * whose metadata keys differ, each metadata a shape of its own: 180 sessions of 50 keys at the
 * 65,536-unit limit threw `Invalid string length`). 2^24 each, even with every character
 * escaped six-fold, keeps the header below 2^28. Beyond it a string is written where it is
 * used, and a nested object of a new shape as a plain JSON object: both are what a reader of
 * the format already reads, so nothing is lost but compactness.
 */
export const COMPACT_TABLE_BUDGETS: CompactTableBudgets = { strings: 2 ** 24, nestedShapes: 2 ** 24 };

/** The text (UTF-16 code units) the string table and the nested objects' shapes may each hold. */
export interface CompactTableBudgets {
  /** Total length of the string table's strings. */
  readonly strings: number;
  /** Total length of the fields (marker and key) of the shapes of objects inside other objects. */
  readonly nestedShapes: number;
}

/**
 * Encodes a journal in the compact format. Three passes over the entries, so that the header
 * (written first) holds every table: count the strings, then find the shapes, then write.
 * Every table lists its items in order of first use: the same journal always gives the same
 * bytes.
 */
export function* compactJournalLines(config: LedgerConfig, entries: readonly Entry[], budgets: CompactTableBudgets = COMPACT_TABLE_BUDGETS): Generator<string> {
  // The entries there are now: `entries` may be a ledger's live journal, and the caller may
  // execute commands between two lines; the header counts and tables only these.
  const count = entries.length;
  const tables = new CompactJournalTables(budgets);
  for (let index = 0; index < count; index += 1) tables.countStrings(entries[index] as Entry);
  tables.fixStrings();
  for (let index = 0; index < count; index += 1) tables.encodeEntry(entries[index] as Entry);
  yield `${lineSafeJson(tables.header(config, count))}\n`;
  for (let index = 0; index < count; index += 1) yield `${lineSafeJson(tables.encodeEntry(entries[index] as Entry))}\n`;
}

/**
 * The header's tables, built while encoding: each distinct shape, account and record type gets
 * the next index the first time it is seen; strings are counted first and the repeated ones
 * fixed into the table before any entry is encoded.
 */
export class CompactJournalTables {
  readonly shapes: string[][] = [];
  readonly accounts: [string, string][] = [];
  readonly recordTypes: RecordType[] = [];
  readonly strings: string[] = [];
  // Shapes and accounts are looked up once per object and per posting: trees of Maps keyed by
  // the parts themselves, so no key string is built and hashed for each (a JSON key per
  // lookup made encoding a 140,000-entry journal take seconds).
  readonly #shapeRoot = new ShapeNode(undefined, '');
  readonly #accountIndex = new Map<string, Map<string, number>>();
  readonly #recordTypeIndex = new IndexedTable(this.recordTypes);
  readonly #stringUses = new Map<string, number>();
  readonly #stringIndex = new Map<string, number>();
  readonly #budgets: CompactTableBudgets;
  /** Length of the fields of the nested objects' shapes in the table so far. */
  #nestedShapeText = 0;

  constructor(budgets: CompactTableBudgets = COMPACT_TABLE_BUDGETS) {
    this.#budgets = budgets;
  }

  /** First pass: counts the string values of an entry's objects. */
  countStrings(entry: Entry): void {
    this.#countIn(entry.command);
    for (const change of entry.changes) this.#countIn(change);
    for (const event of entry.events) this.#countIn(event);
  }

  /** Ends the first pass: the strings used often enough become the string table. */
  fixStrings(): void {
    let room = this.#budgets.strings;
    for (const [text, uses] of this.#stringUses) {
      // In order of first use, while they fit: the rest are written where they are used.
      if (uses >= TABLE_STRING_MIN_USES && text.length <= room) {
        room -= text.length;
        this.#stringIndex.set(text, this.strings.length);
        this.strings.push(text);
      }
    }
    this.#stringUses.clear();
  }

  /**
   * The entry as a line's JSON values, registering what it uses in the tables. Lists are copied
   * with `Array.from`, never `Array#map`: a caller's array with its own `constructor` key would
   * make `map` build its result through that key and throw.
   */
  encodeEntry(entry: Entry): CompactEntryLine {
    const postings: number[] = [];
    for (const posting of entry.postings) {
      postings.push(this.#account(posting.account, posting.currency), this.#recordType(posting.recordType), posting.amount);
    }
    return [
      entry.seq,
      entry.at,
      this.encodeObject(entry.command),
      entry.payment ?? null,
      Array.from(entry.changes, (change) => this.encodeObject(change)),
      Array.from(entry.events, (event) => this.encodeObject(event)),
      postings,
    ];
  }

  /** The header line's object for these tables, before `entries` entry lines. */
  header(config: LedgerConfig, entries: number): CompactJournalHeader {
    return { kanjo_journal: 2, entries, config, accounts: this.accounts, recordTypes: this.recordTypes, strings: this.strings, shapes: this.shapes };
  }

  /** An entry's command, change or event as an {@link EncodedObject}, its shape added to the table if new. */
  encodeObject(object: object): EncodedObject {
    return this.#encode(object, false) as EncodedObject;
  }

  /**
   * `object` encoded, or undefined when it lies inside another (`nested`), its shape is new and
   * the nested shapes' budget has no room for it: the caller then writes it as plain JSON. The
   * budget only fills, so the pass that writes refuses exactly what the pass that built the
   * header refused.
   */
  #encode(object: object, nested: boolean): EncodedObject | undefined {
    const encoded: unknown[] = [0]; // the shape's index, once the fields are known
    let shape = this.#shapeRoot;
    for (const key of Object.keys(object)) {
      const value: unknown = (object as Record<string, unknown>)[key];
      if (value === undefined) continue; // as JSON.stringify: an absent field
      if (Array.isArray(value)) {
        shape = shape.child(LIST_FIELD, key);
        encoded.push(Array.from(value as unknown[], (item) => this.#encodeListItem(item)));
      } else if (typeof value === 'object' && value !== null) {
        const inner = this.#encode(value, true);
        shape = shape.child(inner === undefined ? PLAIN_FIELD : OBJECT_FIELD, key);
        encoded.push(inner ?? value);
      } else {
        const tableIndex = typeof value === 'string' ? this.#stringIndex.get(value) : undefined;
        shape = shape.child(tableIndex === undefined ? PLAIN_FIELD : TABLE_STRING_FIELD, key);
        encoded.push(tableIndex ?? value);
      }
    }
    if (shape.index === undefined) {
      const fields = shape.fields();
      if (nested) {
        let length = 0;
        for (const field of fields) length += field.length;
        if (this.#nestedShapeText + length > this.#budgets.nestedShapes) return undefined;
        this.#nestedShapeText += length;
      }
      shape.index = this.shapes.push(fields) - 1;
    }
    encoded[0] = shape.index;
    return encoded as unknown as EncodedObject;
  }

  #countIn(object: object): void {
    for (const value of Object.values(object)) {
      if (typeof value === 'string') this.#stringUses.set(value, (this.#stringUses.get(value) ?? 0) + 1);
      else if (Array.isArray(value)) for (const item of value as unknown[]) (typeof item === 'object' && item !== null ? this.#countIn(item) : undefined);
      else if (typeof value === 'object' && value !== null) this.#countIn(value);
    }
  }

  #encodeListItem(item: unknown): unknown {
    if (Array.isArray(item)) throw new Error('compact journal: a list directly inside a list has no encoding');
    return typeof item === 'object' && item !== null ? (this.#encode(item, true) ?? item) : item;
  }

  #account(account: string, currency: string): number {
    let byCurrency = this.#accountIndex.get(account);
    if (byCurrency === undefined) this.#accountIndex.set(account, (byCurrency = new Map()));
    let index = byCurrency.get(currency);
    if (index === undefined) {
      index = this.accounts.push([account, currency]) - 1;
      byCurrency.set(currency, index);
    }
    return index;
  }

  #recordType(recordType: RecordType): number {
    return this.#recordTypeIndex.indexOf(recordType, recordType);
  }
}

/**
 * A node of the tree of shapes: the field that led to it (marker then key) and its parent, the
 * index of the shape that ends here once one has, and the nodes one field further. Keys are
 * arbitrary text (payment metadata), so the marker and the key are matched apart, never joined
 * into one ambiguous string. A node keeps one field, not the list so far: an object of k keys
 * would otherwise make k lists of up to k fields (session metadata has up to 50 keys).
 */
class ShapeNode {
  index: number | undefined;
  /** Per key, the nodes one field further by marker; made on first use (most nodes are leaves). */
  #children: Map<string, Partial<Record<string, ShapeNode>>> | undefined;
  constructor(
    readonly parent: ShapeNode | undefined,
    readonly field: string,
  ) {}

  /** The node one field further: `key` holding a value of `marker`'s kind. */
  child(marker: string, key: string): ShapeNode {
    this.#children ??= new Map();
    let byMarker = this.#children.get(key);
    if (byMarker === undefined) this.#children.set(key, (byMarker = {}));
    return (byMarker[marker] ??= new ShapeNode(this, marker + key));
  }

  /** The shape's fields in order, root first: built once, when the shape gets its index. */
  fields(): string[] {
    const fields: string[] = [];
    for (let node: ShapeNode | undefined = this; node?.parent !== undefined; node = node.parent) fields.push(node.field);
    return fields.reverse();
  }
}

/** A header table being built: each item gets the next index the first time its key is seen. */
class IndexedTable<T> {
  readonly #index = new Map<string, number>();
  constructor(readonly items: T[]) {}

  indexOf(key: string, item: T): number {
    let index = this.#index.get(key);
    if (index === undefined) {
      index = this.items.length;
      this.items.push(item);
      this.#index.set(key, index);
    }
    return index;
  }
}
