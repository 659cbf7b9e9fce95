import type { LedgerConfig } from '../engine/ledger-config.js';
import type { Entry } from './entry.js';
import type { RecordType } from './record-type.js';

/**
 * The compact journal format (`kanjo_journal: 2`), the default export. Still NDJSON, one entry
 * a line, but with the repetition taken out so that a million entries read fast:
 *
 * - The header line carries the tables every entry refers to:
 *   `{"kanjo_journal":2,"config":…,"accounts":[[account,currency],…],"recordTypes":[…],"shapes":[[field,…],…]}`.
 * - An entry line is a list in a fixed order: `[seq, at, command, payment|null, changes, events, postings]`.
 * - An object (the command, a change, an event and the objects inside them) is written as
 *   `[shape, value, value, …]`: `shape` indexes the header's `shapes`, which lists the object's
 *   keys in order. A key ending in `{` holds an object written the same way; a key ending in `[`
 *   holds a list whose items are such objects (when lists) or plain values.
 * - Postings are one flat list of triples `account, recordType, amount`: `account` indexes the
 *   header's `accounts` (an account name with its currency), `recordType` its `recordTypes`,
 *   and `amount` is the signed integer of {@link Posting}.
 *
 * The first format (`kanjo_journal: 1`, one JSON object an entry) is still read.
 */
export interface CompactJournalHeader {
  readonly kanjo_journal: 2;
  readonly config: LedgerConfig;
  readonly accounts: readonly (readonly [account: string, currency: string])[];
  readonly recordTypes: readonly RecordType[];
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

/** Marks a field holding an object written as an {@link EncodedObject}. */
export const OBJECT_FIELD = '{';
/** Marks a field holding a list (of encoded objects or plain values). */
export const LIST_FIELD = '[';

/**
 * Builds the header's tables while encoding a journal: each distinct object shape, account and
 * record type gets the next index the first time it is seen.
 */
export class CompactJournalTables {
  readonly shapes: string[][] = [];
  readonly accounts: [string, string][] = [];
  readonly recordTypes: RecordType[] = [];
  readonly #shapeIndex = new Map<string, number>();
  readonly #accountIndex = new Map<string, number>();
  readonly #recordTypeIndex = new Map<string, number>();

  /** The entry as a line's JSON values, registering what it uses in the tables. */
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
      entry.changes.map((change) => this.encodeObject(change)),
      entry.events.map((event) => this.encodeObject(event)),
      postings,
    ];
  }

  /** The header line's object for these tables. */
  header(config: LedgerConfig): CompactJournalHeader {
    return { kanjo_journal: 2, config, accounts: this.accounts, recordTypes: this.recordTypes, shapes: this.shapes };
  }

  encodeObject(object: object): EncodedObject {
    const fields: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined) continue; // as JSON.stringify: an absent field
      if (key.endsWith(OBJECT_FIELD) || key.endsWith(LIST_FIELD)) throw new Error(`compact journal: key ${key} ends in a marker`);
      if (Array.isArray(value)) {
        fields.push(key + LIST_FIELD);
        values.push(value.map((item: unknown) => this.#encodeListItem(item)));
      } else if (typeof value === 'object' && value !== null) {
        fields.push(key + OBJECT_FIELD);
        values.push(this.encodeObject(value));
      } else {
        fields.push(key);
        values.push(value);
      }
    }
    return [this.#shape(fields), ...values];
  }

  #encodeListItem(item: unknown): unknown {
    if (Array.isArray(item)) throw new Error('compact journal: a list directly inside a list has no encoding');
    return typeof item === 'object' && item !== null ? this.encodeObject(item) : item;
  }

  #shape(fields: string[]): number {
    const key = fields.join('\u0000');
    let index = this.#shapeIndex.get(key);
    if (index === undefined) {
      index = this.shapes.length;
      this.shapes.push(fields);
      this.#shapeIndex.set(key, index);
    }
    return index;
  }

  #account(account: string, currency: string): number {
    const key = `${account}\u0000${currency}`;
    let index = this.#accountIndex.get(key);
    if (index === undefined) {
      index = this.accounts.length;
      this.accounts.push([account, currency]);
      this.#accountIndex.set(key, index);
    }
    return index;
  }

  #recordType(recordType: RecordType): number {
    let index = this.#recordTypeIndex.get(recordType);
    if (index === undefined) {
      index = this.recordTypes.length;
      this.recordTypes.push(recordType);
      this.#recordTypeIndex.set(recordType, index);
    }
    return index;
  }
}
