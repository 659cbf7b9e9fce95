import { accept, reject, type Result } from '@kanjo/splits';
import type { LedgerConfig } from '../engine/ledger-config.js';
import { MERCHANT_ACCOUNT_PREFIX } from './accounts.js';
import { LIST_FIELD, OBJECT_FIELD, type CompactJournalHeader } from './compact-journal-format.js';
import type { Entry } from './entry.js';
import type { Posting } from './posting.js';
import type { RecordType } from './record-type.js';

const PLAIN = 0;
const OBJECT = 1;
const LIST = 2;

/** A header shape, compiled: its keys and what each holds. */
interface Shape {
  readonly keys: readonly string[];
  readonly holds: readonly number[];
}

/** What every posting on one account shares (the posting objects then share one V8 shape). */
interface AccountTemplate {
  readonly account: string;
  readonly merchant: string | undefined;
  readonly currency: string;
}

/**
 * Turns the entry lines of a compact journal (`kanjo_journal: 2`, see
 * {@link CompactJournalHeader}), parsed from JSON, back into {@link Entry} values, each
 * checked for the shape replay relies on: a sequence number, a parseable time, a command with
 * an op, lists of changes and events, and postings whose account and record type exist in the
 * header and whose amounts are non-zero safe integers. A broken line is a
 * `journal_entry_malformed` rejection naming the line.
 */
export class CompactEntryDecoder {
  readonly #shapes: readonly Shape[];
  readonly #accounts: readonly AccountTemplate[];
  readonly #recordTypes: readonly RecordType[];
  #lastAt = '';

  private constructor(shapes: readonly Shape[], accounts: readonly AccountTemplate[], recordTypes: readonly RecordType[]) {
    this.#shapes = shapes;
    this.#accounts = accounts;
    this.#recordTypes = recordTypes;
  }

  /** A decoder for the journal this header opens, or what is wrong with the header. */
  static fromHeader(value: unknown): Result<{ readonly config: LedgerConfig; readonly decoder: CompactEntryDecoder }> {
    const header = value as Partial<Record<keyof CompactJournalHeader, unknown>>;
    const malformed = (what: string) => reject('journal_header_malformed', `the compact journal header ${what}`);
    if (typeof header.config !== 'object' || header.config === null) return malformed('has no config object');
    if (!Array.isArray(header.accounts) || !Array.isArray(header.recordTypes) || !Array.isArray(header.shapes)) {
      return malformed('needs accounts, recordTypes and shapes lists');
    }
    const accounts: AccountTemplate[] = [];
    for (const pair of header.accounts as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        return malformed('lists an account that is not [account, currency]');
      }
      const [account, currency] = pair as [string, string];
      const merchant = account.startsWith(MERCHANT_ACCOUNT_PREFIX) ? account.slice(MERCHANT_ACCOUNT_PREFIX.length) : undefined;
      accounts.push({ account, merchant, currency });
    }
    if (!(header.recordTypes as unknown[]).every((type) => typeof type === 'string')) return malformed('lists a record type that is not a string');
    const shapes: Shape[] = [];
    for (const fields of header.shapes as unknown[]) {
      if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string' && field.length > 0)) {
        return malformed('lists a shape that is not a list of field names');
      }
      shapes.push(compileShape(fields as string[]));
    }
    const decoder = new CompactEntryDecoder(shapes, accounts, header.recordTypes as RecordType[]);
    return accept({ config: header.config as LedgerConfig, decoder });
  }

  /** Decodes one entry line (already parsed from JSON), line `line` of the file. */
  decode(value: unknown, line: number): Result<Entry> {
    if (!Array.isArray(value) || value.length !== 7) return malformedEntry(line, undefined, 'an entry must be a list [seq, at, command, payment, changes, events, postings]');
    const [seq, at, rawCommand, payment, rawChanges, rawEvents, rawPostings] = value as unknown[];
    if (!Number.isSafeInteger(seq)) return malformedEntry(line, undefined, 'seq must be an integer');
    const where = { line, seq: seq as number };
    if (typeof at !== 'string') return malformedEntry(line, seq as number, 'at must be an ISO time');
    if (at !== this.#lastAt) {
      // Entries mostly share their time with the one before: check only a new one.
      if (Number.isNaN(Date.parse(at))) return malformedEntry(line, seq as number, 'at must be an ISO time');
      this.#lastAt = at;
    }
    if (payment !== null && typeof payment !== 'string') return malformedEntry(line, seq as number, 'payment must be a string or null');
    if (!Array.isArray(rawChanges) || !Array.isArray(rawEvents) || !Array.isArray(rawPostings)) {
      return malformedEntry(line, seq as number, 'changes, events and postings must be lists');
    }
    try {
      const command = this.#object(rawCommand) as unknown as Entry['command'];
      if (typeof command.op !== 'string') return malformedEntry(line, seq as number, 'the command has no op');
      const changes = rawChanges.map((change: unknown) => this.#object(change)) as unknown as Entry['changes'];
      const events = rawEvents.map((event: unknown) => this.#object(event)) as unknown as Entry['events'];
      const postings = this.#postings(rawPostings);
      // Same field order as parseJournalEntry's entries (payment undefined when absent).
      return accept({ seq, at, command, payment: payment ?? undefined, changes, postings, events } as Entry);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      return malformedEntry(where.line, where.seq, error.message);
    }
  }

  /** One encoded object `[shape, value…]`, its values matching the shape's fields. */
  #object(encoded: unknown): Record<string, unknown> {
    if (!Array.isArray(encoded)) throw new ShapeError('expected an object written as [shape, …]');
    const index = encoded[0] as unknown;
    const shape = typeof index === 'number' ? this.#shapes[index] : undefined;
    if (shape === undefined) throw new ShapeError(`shape ${JSON.stringify(index)} is not in the header`);
    const { keys, holds } = shape;
    if (encoded.length !== keys.length + 1) throw new ShapeError(`shape ${index as number} has ${keys.length} fields, the object ${encoded.length - 1}`);
    const object: Record<string, unknown> = {};
    for (let field = 0; field < keys.length; field += 1) {
      const value = encoded[field + 1] as unknown;
      const hold = holds[field];
      object[keys[field] as string] = hold === OBJECT ? this.#object(value) : hold === LIST ? this.#list(value) : value;
    }
    return object;
  }

  /** A list field: its lists are encoded objects, anything else a plain value. */
  #list(value: unknown): unknown[] {
    if (!Array.isArray(value)) throw new ShapeError('expected a list');
    return value.map((item: unknown) => (Array.isArray(item) ? this.#object(item) : item));
  }

  /** The flat posting triples as {@link Posting} objects. */
  #postings(flat: readonly unknown[]): Posting[] {
    if (flat.length % 3 !== 0) throw new ShapeError('postings must be triples account, recordType, amount');
    const postings: Posting[] = [];
    for (let index = 0; index < flat.length; index += 3) {
      const account = this.#accounts[flat[index] as number];
      const recordType = this.#recordTypes[flat[index + 1] as number];
      const amount = flat[index + 2];
      if (account === undefined || recordType === undefined) throw new ShapeError('a posting names an account or record type not in the header');
      if (!Number.isSafeInteger(amount) || amount === 0) throw new ShapeError('a posting needs a non-zero integer amount');
      // Same field order as parseJournalEntry's postings: one object shape for the fold.
      postings.push({ account: account.account, merchant: account.merchant, currency: account.currency, amount, recordType } as Posting);
    }
    return postings;
  }
}

/** An encoded value does not match the header's tables. */
class ShapeError extends Error {}

function compileShape(fields: readonly string[]): Shape {
  const keys: string[] = [];
  const holds: number[] = [];
  for (const field of fields) {
    const marker = field.at(-1);
    const hold = marker === OBJECT_FIELD ? OBJECT : marker === LIST_FIELD ? LIST : PLAIN;
    keys.push(hold === PLAIN ? field : field.slice(0, -1));
    holds.push(hold);
  }
  return { keys, holds };
}

function malformedEntry(line: number, seq: number | undefined, what: string): Result<never> {
  const where = `line ${line}${seq === undefined || !Number.isSafeInteger(seq) ? '' : ` (entry ${seq})`}`;
  return reject('journal_entry_malformed', `${where}: ${what}`);
}
