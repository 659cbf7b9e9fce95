import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../journal/json-char-codes.js';

/** A key an object of a JSON text gives more than once, and where that object sits. */
export interface DuplicateJsonKey {
  /** The object's place, as the unknown-field warnings write it: `commands[3]`, `merchants[0].payment_methods`; empty at the top. */
  readonly path: string;
  /** The key, decoded (`"\u0061"` and `"a"` are the same key). */
  readonly key: string;
}

/** A whole number written with a fraction or an exponent (`10.00`, `1e3`), and where it sits. */
export interface WholeNumberWrittenOtherwise {
  /** The value's place: `commands[0].amount`, `commands[0].platform_details.submerchants[1].amount`. */
  readonly path: string;
  /** The number as the text writes it. */
  readonly written: string;
}

/**
 * An amount written with a fraction that is not zero, which JSON nonetheless reads as a whole
 * number (`9007199254740990.5`, `1000.00000000000001`, `1e-400`: a double holds no closer
 * value), and where it sits in the parsed document, to be read as what it is.
 */
export interface FractionReadAsWhole extends WholeNumberWrittenOtherwise {
  /** The keys and list indexes from the top of the document to the number. */
  readonly segments: readonly (string | number)[];
}

/**
 * An amount written in digits past 2^53 (`9007199254740993`), which JSON reads as the nearest
 * double (`9007199254740992`), and where it sits in the parsed document.
 */
export type IntegerPastSafeRange = FractionReadAsWhole;

/**
 * A number in a command's `metadata` whose text is not the text of the number JSON reads
 * (`12345678901234567890`, read as 12345678901234567000; `1.50`, read as 1.5): a session keeps
 * a metadata number as the text of what JSON read, so the value as written is lost.
 */
export interface MetadataNumberReadOtherwise extends FractionReadAsWhole {}

/**
 * A `session.create` whose `metadata` holds numbers whose text JSON does not keep: its index in
 * `commands`, how many, and where its object lies in the text, for
 * {@link metadataNumbersOfSession} to name them once the run says it was created.
 */
export interface SessionWithMetadataNumbers {
  readonly index: number;
  readonly count: number;
  /** The command object's text is `text.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
}

/** What {@link scanJsonText} finds in a JSON text that `JSON.parse` reads without a word. */
export interface JsonTextFindings {
  readonly duplicates: readonly DuplicateJsonKey[];
  readonly wholeNumbersWrittenOtherwise: readonly WholeNumberWrittenOtherwise[];
  /** Every such amount that JSON.parse keeps, however many: each is refused, so none may be missed. */
  readonly fractionsReadAsWhole: readonly FractionReadAsWhole[];
  /** Every amount written in digits past 2^53 that JSON.parse keeps: each is quoted as written. */
  readonly integersPastSafeRange: readonly IntegerPastSafeRange[];
  /**
   * Every `session.create` with numbers in its `metadata` whose text JSON does not keep, each
   * counted, not listed: a file of 150,000 sessions with 50 such numbers each would hold millions
   * of findings to print ten (review 220: Node's heap ran out).
   */
  readonly sessionsWithMetadataNumbers: readonly SessionWithMetadataNumbers[];
}

/**
 * A value's place: the place of the object or list holding it, its key or index there, and for
 * a key, how many times the object had given that key before (0 the first time). An object's
 * own place counts the keys it gives again: a value whose key comes again later is not the one
 * JSON.parse keeps, nor is anything inside it.
 */
interface Place {
  readonly parent: Place | undefined;
  readonly key: string | number;
  readonly occurrence: number;
  repeats: Map<string, number> | undefined;
}

/** An object or a list being read: its place, and for an object the keys seen and the last one. */
interface Container {
  readonly path: string;
  readonly place: Place;
  readonly keys: Set<string> | undefined;
  lastKey: string;
  index: number;
  reported: boolean;
  /** Whether this is a command's `metadata` object (`commands[3].metadata`). */
  readonly metadata: boolean;
  /** Whether this is a command (`commands[3]`): its `op` is read, and its metadata numbers kept only for a `session.create`. */
  readonly command: boolean;
  /** A command's `op`, the last one it gives (as JSON.parse keeps), when a string. */
  op: string | undefined;
  /** Where a command's object starts in the text. */
  readonly start: number;
}

/**
 * One pass over `text`, a JSON text `JSON.parse` has read, for what it read without a word, at
 * most `limit` of each kind:
 * - the keys given twice in an object, each object's first repeat only. RFC 8259 says the names
 *   of an object should be unique and that readers differ on which they keep: a scenario file
 *   with `"amount":1000,"amount":5` ran with 5, and with the keys the other way round with 1000.
 * - the whole numbers written with a fraction or an exponent (`10.00`, `1e3`) as the value of a
 *   key in `amountKeys`: JSON.parse reads `10.00` as 10, so a USD amount meant as ten dollars is
 *   taken as ten cents. Other numbers are left out: a number that is not a safe integer is
 *   refused by the engine itself, and one under another key is no amount (metadata is text).
 * - the amounts whose text has a fraction that is not zero but that JSON.parse reads as a whole
 *   number (`9007199254740990.5` as 9007199254740990): all of them, not `limit`.
 * - the `session.create`s whose `metadata` (`commands[3].metadata.order_id`) holds numbers
 *   whose text is not that of the number JSON reads (`12345678901234567890`, `1.50`): a session
 *   keeps a metadata number as the text of what JSON read, so an order number past 2^53 would
 *   be kept as another one. Every such session, counted, not `limit` (review 217: eleven numbers
 *   in another command's metadata, or in a value JSON.parse drops, took every place before the
 *   session's came); a command's numbers are held only until it ends (reviews 219 and 220:
 *   holding them all ran out of memory on 150,000 payments or sessions).
 * Numbers of the last three kinds count only where JSON.parse keeps them: not in a value whose
 * key the object gives again later (the whole numbers are taken up to `limit` before that is known, so
 * fewer may come back).
 * Strings are skipped, and only keys decoded.
 */
export function scanJsonText(text: string, limit: number, amountKeys: ReadonlySet<string> = new Set()): JsonTextFindings {
  return scan(text, limit, amountKeys, undefined);
}

/**
 * The metadata numbers of one session {@link scanJsonText} counted, named: its object's text
 * scanned again alone, the paths written as in the whole file (`commands[3].metadata.order_id`).
 */
export function metadataNumbersOfSession(text: string, session: SessionWithMetadataNumbers): MetadataNumberReadOtherwise[] {
  const named: MetadataNumberReadOtherwise[] = [];
  scan(`{"commands":[${text.slice(session.start, session.end)}]}`, 0, new Set(), named);
  const prefix = `commands[${session.index}]`;
  return named.map((number) => ({ ...number, path: prefix + number.path.slice('commands[0]'.length), segments: ['commands', session.index, ...number.segments.slice(2)] }));
}

/** {@link scanJsonText}; with `named`, a session's metadata numbers are also listed there. */
function scan(text: string, limit: number, amountKeys: ReadonlySet<string>, named: MetadataNumberReadOtherwise[] | undefined): JsonTextFindings {
  const duplicates: DuplicateJsonKey[] = [];
  const fractions: { readonly finding: WholeNumberWrittenOtherwise; readonly place: Place }[] = [];
  const wholes: { readonly finding: WholeNumberWrittenOtherwise; readonly place: Place }[] = [];
  const pastSafeRange: { readonly finding: WholeNumberWrittenOtherwise; readonly place: Place }[] = [];
  // The metadata numbers of the command being read, held until it ends.
  const metadataNumbers: { readonly finding: WholeNumberWrittenOtherwise; readonly place: Place }[] = [];
  const sessions: { readonly session: SessionWithMetadataNumbers; readonly place: Place }[] = [];
  const stack: Container[] = [];
  // Whether the string that starts next is a key: just after `{` or after a `,` in an object.
  let expectKey = false;
  let position = 0;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (code === QUOTE) {
      const end = stringEnd(text, position);
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys !== undefined) {
        // Decoded only when it holds an escape: most keys are plain, and slicing is far cheaper.
        const raw = text.slice(position + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) {
          if (!top.reported && duplicates.length < limit) {
            top.reported = true;
            duplicates.push({ path: top.path, key });
          }
          // JSON.parse keeps the last value: the ones before, and all inside them, are not read.
          const repeats = (top.place.repeats ??= new Map());
          repeats.set(key, (repeats.get(key) ?? 0) + 1);
        }
        top.keys.add(key);
        top.lastKey = key;
        // An `op` given again is the one JSON.parse keeps, whatever it is: a string sets it below.
        if (top.command && key === 'op') top.op = undefined;
        expectKey = false;
      } else if (top?.command === true && top.lastKey === 'op') {
        const raw = text.slice(position + 1, end);
        top.op = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      }
      position = end + 1;
      continue;
    }
    if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) {
      const end = numberEnd(text, position);
      const written = text.slice(position, end);
      // Most numbers are short plain digits: only one with a fraction or an exponent, or of 16
      // digits or more, is looked at.
      const top = stack[stack.length - 1];
      if (top?.metadata === true) {
        if (String(Number(written)) !== written) metadataNumbers.push({ finding: { path: childPath(top), written }, place: childPlace(top) });
      } else if (top?.keys !== undefined && amountKeys.has(top.lastKey)) {
        if (FRACTION_OR_EXPONENT.test(written)) {
          if (Number.isSafeInteger(Number(written))) {
            if (!writtenWhole(written)) fractions.push({ finding: { path: childPath(top), written }, place: childPlace(top) });
            else if (wholes.length < limit) wholes.push({ finding: { path: childPath(top), written }, place: childPlace(top) });
          }
        } else if (written.length >= SAFE_DIGITS && !Number.isSafeInteger(Number(written))) {
          pastSafeRange.push({ finding: { path: childPath(top), written }, place: childPlace(top) });
        }
      }
      position = end;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const parent = stack[stack.length - 1];
      const path = parent === undefined ? '' : childPath(parent);
      const place = parent === undefined ? { parent: undefined, key: '', occurrence: 0, repeats: undefined } : childPlace(parent);
      const keys = code === OPEN_BRACE ? new Set<string>() : undefined;
      // Told by depth and keys, not by matching the path: a path is built by joining its
      // parent's, which stays cheap, but a regular expression would copy each level's whole
      // path, and a file nested 100,000 deep in a field Kanjo does not read ran out of memory.
      const command = keys !== undefined && stack.length === 2 && parent !== undefined && parent.keys === undefined && stack[0]?.keys !== undefined && stack[0].lastKey === 'commands';
      const metadata = keys !== undefined && parent?.command === true && parent.lastKey === 'metadata';
      stack.push({ path, place, keys, lastKey: '', index: 0, reported: false, metadata, command, op: undefined, start: position });
      expectKey = code === OPEN_BRACE;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      const closed = stack.pop();
      if (closed?.command === true) {
        // A command of another op keeps no metadata. Those JSON.parse keeps of a session's are
        // counted (a key given again inside the command is known now; `commands` given again
        // is known at the end).
        if (closed.op === SESSION_CREATE && metadataNumbers.length > 0) {
          const keptHere = metadataNumbers.filter(({ place: at }) => kept(at));
          if (keptHere.length > 0) sessions.push({ session: { index: closed.place.key as number, count: keptHere.length, start: closed.start, end: position + 1 }, place: closed.place });
          if (named !== undefined) for (const { finding, place: at } of keptHere) named.push({ ...finding, segments: segmentsOf(at) });
        }
        metadataNumbers.length = 0;
      }
      expectKey = false;
    } else if (code === COMMA) {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.keys === undefined) top.index += 1;
        expectKey = top.keys !== undefined;
      }
    }
    position += 1;
  }
  return {
    duplicates,
    wholeNumbersWrittenOtherwise: wholes.filter(({ place }) => kept(place)).map(({ finding }) => finding),
    fractionsReadAsWhole: fractions.filter(({ place }) => kept(place)).map(({ finding, place }) => ({ ...finding, segments: segmentsOf(place) })),
    integersPastSafeRange: pastSafeRange.filter(({ place }) => kept(place)).map(({ finding, place }) => ({ ...finding, segments: segmentsOf(place) })),
    sessionsWithMetadataNumbers: sessions.filter(({ place }) => kept(place)).map(({ session }) => session),
  };
}

/** The place of the value that comes next in `parent`: under its last key, or at its index. */
function childPlace(parent: Container): Place {
  if (parent.keys === undefined) return { parent: parent.place, key: parent.index, occurrence: 0, repeats: undefined };
  return { parent: parent.place, key: parent.lastKey, occurrence: parent.place.repeats?.get(parent.lastKey) ?? 0, repeats: undefined };
}

/** Whether JSON.parse keeps the value at `place`: no key on the way to it was given again later. */
function kept(place: Place): boolean {
  for (let at: Place = place; at.parent !== undefined; at = at.parent) {
    if (typeof at.key === 'string' && (at.parent.repeats?.get(at.key) ?? 0) > at.occurrence) return false;
  }
  return true;
}

/** The keys and indexes from the top of the document down to `place`. */
function segmentsOf(place: Place): (string | number)[] {
  const segments: (string | number)[] = [];
  for (let at: Place = place; at.parent !== undefined; at = at.parent) segments.push(at.key);
  return segments.reverse();
}

/**
 * Whether a JSON number's text is exactly a whole number (`10.00`, `1e3`, `1.5e1`), worked out
 * on its digits: every digit the exponent leaves after the decimal point is 0. Not
 * `9007199254740990.5` or `1e-400`, which JSON.parse rounds to a whole number.
 */
export function writtenWhole(written: string): boolean {
  const match = JSON_NUMBER.exec(written);
  if (match === null) return false; // not a JSON number: JSON.parse has refused it already
  const whole = match[1] as string;
  const digits = whole + (match[2] ?? '');
  // Where the decimal point falls among the digits once the exponent has moved it (an exponent
  // too long for a number is ±Infinity, which slices as the ends).
  const point = whole.length + Number(match[3] ?? '0');
  return /^0*$/.test(digits.slice(Math.max(0, point)));
}

const JSON_NUMBER = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** The op whose metadata a session keeps. */
const SESSION_CREATE = 'session.create';

const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const FRACTION_OR_EXPONENT = /[.eE]/;
/** Digits in 2^53 (9007199254740992): a number written with fewer is a safe integer. */
const SAFE_DIGITS = 16;

/** The index just past the number starting at `start` (a valid JSON number: digits, `-`, `+`, `.`, `e`, `E`). */
function numberEnd(text: string, start: number): number {
  let position = start + 1;
  while (position < text.length && NUMBER_CHARACTER.test(text.charAt(position))) position += 1;
  return position;
}

const NUMBER_CHARACTER = /[0-9+\-.eE]/;

/**
 * Where a value inside `parent` sits: `parent.key`, or `parent[index]`; a key that is not a
 * plain name as JSON (`parent["a b"]`), so that a line break in it cannot split the warning.
 */
function childPath(parent: Container): string {
  if (parent.keys === undefined) return `${parent.path}[${parent.index}]`;
  if (!PLAIN_KEY.test(parent.lastKey)) return `${parent.path}[${JSON.stringify(parent.lastKey)}]`;
  return parent.path === '' ? parent.lastKey : `${parent.path}.${parent.lastKey}`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** The index of the quote that ends the string starting at `start` (a valid JSON string). */
function stringEnd(text: string, start: number): number {
  let position = start + 1;
  for (;;) {
    const quote = text.indexOf('"', position);
    if (quote === -1) return text.length; // not valid JSON: JSON.parse has refused it already
    // Count the backslashes before it: an odd number escapes it.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    position = quote + 1;
  }
}
