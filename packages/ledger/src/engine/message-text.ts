import { countText, currencyExponent, decimalAmount, quoteText } from '@kanjo/splits';

/**
 * Text for rejection messages. An amount written beside its currency code is in the currency's
 * unit (`45.00 USD`, README "Command line"); an amount that echoes what the caller sent (a
 * command's or a journal's minor units) stays as sent, with that unit beside it when it differs
 * (`4500 (45.00 USD)`). Caller input is quoted, escaped and bounded so that a message stays one
 * short line whatever was sent.
 */

/** Longest piece of caller input a message quotes whole. */
export const MAX_QUOTED_LENGTH = 64;

/** Minor units written in the currency's unit beside its code: `45.00 USD`, `4500 JPY`. */
export function inUnit(minorUnits: number | bigint, currency: string): string {
  if (typeof minorUnits !== 'bigint' && !Number.isSafeInteger(minorUnits)) return `${String(minorUnits)} minor units of ${currency}`;
  return `${decimalAmount(minorUnits, currency)} ${currency}`;
}

/**
 * Minor units in the currency's unit without its code, for an amount after one that names it:
 * `45.00`. A difference or sum that may pass the safe range (a shortfall near 2^53) comes as a
 * bigint and is written exactly, in the unit too.
 */
export function unitOnly(minorUnits: number | bigint, currency: string): string {
  return typeof minorUnits === 'bigint' || Number.isSafeInteger(minorUnits) ? decimalAmount(minorUnits, currency) : String(minorUnits);
}

/** Minor units the caller sent, as sent, with the currency's unit beside: `4500 (45.00 USD)`, `4500 JPY`. */
export function echoed(minorUnits: number, currency: string): string {
  if (!Number.isSafeInteger(minorUnits) || (currencyExponent(currency) ?? 0) === 0) return inUnit(minorUnits, currency);
  return `${String(minorUnits)} (${inUnit(minorUnits, currency)})`;
}

/**
 * {@link echoed} for a message that names no currency and writes yen bare: minor units as sent,
 * the currency's unit beside where it is not the minor unit (`4500 (45.00 USD)`, `5005 (5.005
 * KWD)`), bare where it is (`4500` yen, and a code Kanjo does not know), as such messages were.
 */
export function echoedOrBare(minorUnits: number, currency: string | undefined): string {
  if (currency === undefined || (currencyExponent(currency) ?? 0) === 0) return String(minorUnits);
  return echoed(minorUnits, currency);
}

/**
 * {@link inUnit} for a message that names no currency and writes yen bare: `45.00 USD`, `5.005
 * KWD`, `4500` yen (and a code Kanjo does not know). A bigint (a sum past the safe range) is
 * written exactly too.
 */
export function inUnitOrBare(minorUnits: number | bigint, currency: string | undefined): string {
  if (currency === undefined || (currencyExponent(currency) ?? 0) === 0) return String(minorUnits);
  if (typeof minorUnits === 'bigint') return `${decimalAmount(minorUnits, currency)} ${currency}`;
  return inUnit(minorUnits, currency);
}

/**
 * After a list of amounts a message writes in minor units as the journal holds them (shares,
 * split lines, parts): ` (amounts in minor units of USD)`, nothing for yen (and a code Kanjo
 * does not know), whose minor unit is the unit.
 */
export function minorUnitsNote(currency: string | undefined): string {
  if (currency === undefined || (currencyExponent(currency) ?? 0) === 0) return '';
  return ` (amounts in minor units of ${currency})`;
}

/**
 * Caller input quoted as JSON, escaped and shortened to {@link MAX_QUOTED_LENGTH} characters.
 * Never throws: a bigint, a cycle, a huge list or an object with a toJSON method (a Date) from
 * code is described, not serialized, and an object whose reading throws (a getter, a Proxy
 * trap, a revoked Proxy) is written `an object`, so the rejection it explains still comes back.
 */
export function quoted(value: unknown): string {
  if (typeof value === 'string') return quoteText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${String(value)}n`;
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'object') {
    try {
      return quotedObject(value);
    } catch {
      // The caller's own code threw while being read. The message only describes the value;
      // the caller's error would replace the rejection it belongs to.
      return 'an object';
    }
  }
  return `a ${typeof value}`;
}

/** {@link quoted} of an object; reading it runs the caller's getters and traps, which may throw. */
function quotedObject(value: object): string {
  // JSON writes new String('+05:00') as "+05:00": the message would quote the very value it
  // asks for. A boxed primitive is named as the object it is.
  const boxed = boxedPrimitive(value);
  if (boxed !== undefined) return `a ${boxed.kind} object wrapping ${quoted(boxed.value)}`;
  // JSON writes an object with a toJSON method as that method's answer: a Date as its time, an
  // object whose toJSON returns 'pay_1' as "pay_1", an id the caller never sent (`no payment
  // "pay_1"` of a ledger that holds pay_1). Such a value is named as what it is.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value instanceof Date ? 'a Date' : 'an object with a toJSON method';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text !== undefined && text.length <= MAX_QUOTED_LENGTH) return escapedJson(text);
  return Array.isArray(value) ? `a list of ${value.length}` : 'an object';
}

/**
 * The primitive inside a String, Number, Boolean or BigInt object, or undefined. Each
 * prototype's valueOf throws for anything but its own kind, so an object that only claims the
 * kind (Symbol.toStringTag) is not taken for one.
 */
function boxedPrimitive(value: object): { kind: string; value: unknown } | undefined {
  const kinds = [
    ['String', String.prototype.valueOf],
    ['Number', Number.prototype.valueOf],
    ['Boolean', Boolean.prototype.valueOf],
    ['BigInt', BigInt.prototype.valueOf],
  ] as const;
  for (const [kind, valueOf] of kinds) {
    try {
      return { kind, value: (valueOf as () => unknown).call(value) };
    } catch {
      // Not this kind.
    }
  }
  return undefined;
}

/**
 * Each UTF-16 code unit of `text` written as the JSON and JavaScript escape `\uXXXX`: one
 * character, or both halves of one past U+FFFF (U+1D173, which shows as nothing, is
 * `\ud834\udd73`).
 */
export function unicodeEscape(text: string): string {
  let escaped = '';
  for (let index = 0; index < text.length; index += 1) escaped += `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`;
  return escaped;
}

/**
 * Characters JSON.stringify leaves as they are but that break, hide or reorder a line (C1
 * controls, U+2028/9, bidi controls), or that show as nothing or as a plain space: the same set
 * as `quoteText`'s in `@kanjo/splits` (test/hidden-characters.test.ts keeps them alike).
 */
const UNESCAPED_BY_JSON = /[\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000-\u200b\u200e\u200f\u2028\u2029\u202a-\u202f\u205f-\u206f\u2800\u3000\u3164\ufeff\uffa0\ufff0-\ufff8]|\ud82f[\udca0-\udca3]|\ud834[\udd73-\udd7a]/g;

/** A short JSON text (an object from code) with what JSON leaves raw escaped; strings go through quoteText. */
function escapedJson(text: string): string {
  return text.replace(UNESCAPED_BY_JSON, unicodeEscape);
}

/** Longest JSON text of a journal's value a replay's message writes whole. */
const MAX_JSON_IN_LINE = 200;

/**
 * A journal's value written as JSON for a message, with what JSON leaves raw (C1 controls,
 * U+2028 / U+2029) escaped so that the message stays one line, and cut to 200 characters
 * (a tampered journal's event or list may be any size). Longer than {@link quoted}'s 64: a
 * replay's message compares whole events and lists of ids.
 */
export function jsonInLine(value: unknown): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(value) as string | undefined;
  } catch {
    return quoted(value);
  }
  if (text === undefined) return undefined;
  if (text.length > MAX_JSON_IN_LINE) text = `${Array.from(text.slice(0, MAX_JSON_IN_LINE * 2)).slice(0, MAX_JSON_IN_LINE).join('')}…`;
  return escapedJson(text);
}

/**
 * A whole message with every character that would break, hide or reorder its line escaped as
 * `\uXXXX` (C0 and C1 controls, U+2028 / U+2029, a lone surrogate, the bidi controls: an id
 * ending in U+202E would make the rest of the line read right to left, `100070` as `070001`;
 * and what shows as nothing or as a plain space, such as U+200B and U+00A0, so that two ids do
 * not read alike): for messages that write a journal's values as they are.
 */
export function inOneLine(message: string): string {
  return message.replace(LINE_BREAKING, unicodeEscape);
}

/** A backslash that reads as the start of a `\uXXXX` escape. */
const ESCAPE_LOOKALIKE = /\\(?=u[0-9a-fA-F]{4})/g;

/**
 * An id written on its own where people read it (a table's column, a merchant's section), as
 * {@link inOneLine} writes it, and with a backslash that would read as the start of an escape
 * written `\u005c` first: the id holding U+202E and the id holding the six characters `\u202e`
 * would otherwise print alike (review 194). Other backslashes (`a\b`) are left as they are.
 * Spaces at its end are written `\u0020`: the column's padding would hide them.
 */
export function idInOneLine(id: string): string {
  return inOneLine(id.replace(ESCAPE_LOOKALIKE, '\\u005c')).replace(TRAILING_SPACES, (spaces) => '\\u0020'.repeat(spaces.length));
}

/** Spaces that end an id: a table pads its column with spaces, so `p ` would show as `p` (review 198). */
const TRAILING_SPACES = / +$/;

/** Longest message a replay writes whole: room for several 255-character ids and cut JSON values. */
export const MAX_REPLAY_MESSAGE_LENGTH = 4_000;

/**
 * A replay's message made one line ({@link inOneLine}) and, when that line is longer than
 * {@link MAX_REPLAY_MESSAGE_LENGTH} characters, cut in the middle, saying how long it was. A
 * tampered journal's ids have no length limit and its messages write them as they are; cut
 * here, once, rather than at each of the many places that name an id. The length is that of the
 * line as written (an escape counts its six characters, so 3,900 NELs cannot make a 23,000-
 * character line); the cut falls between whole code points and escapes (never between the two
 * halves of an emoji); and the message keeps its start (the entry) and its end (most messages
 * name the problem after the id: `payment p is in <id>, not an ISO 4217 code Kanjo knows`).
 */
export function cutLongMessage(message: string): string {
  if (message.length <= MAX_REPLAY_MESSAGE_LENGTH) {
    const line = inOneLine(message);
    if (line.length <= MAX_REPLAY_MESSAGE_LENGTH) return line;
  }
  // Walked a code point at a time from each end: the message may be megabytes long.
  const note = ` … (cut: the message is ${countText(oneLineLength(message))} characters long) … `;
  const room = MAX_REPLAY_MESSAGE_LENGTH - note.length;
  const tailRoom = Math.floor(room / 3);
  let head = '';
  let start = 0;
  while (start < message.length) {
    const size = (message.codePointAt(start) as number) > 0xffff ? 2 : 1;
    const piece = inOneLine(message.slice(start, start + size));
    if (head.length + piece.length > room - tailRoom) break;
    head += piece;
    start += size;
  }
  let tail = '';
  let end = message.length;
  while (end > start) {
    const size = end - 2 >= start && isLowSurrogate(message.charCodeAt(end - 1)) && isHighSurrogate(message.charCodeAt(end - 2)) ? 2 : 1;
    const piece = inOneLine(message.slice(end - size, end));
    if (tail.length + piece.length > tailRoom) break;
    tail = `${piece}${tail}`;
    end -= size;
  }
  return `${head}${note}${tail}`;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * The length of {@link inOneLine}`(message)`, counted without making it (a message may be
 * megabytes long): each character {@link LINE_BREAKING} matches becomes a six-character escape.
 */
function oneLineLength(message: string): number {
  let escapedUnits = 0;
  LINE_BREAKING.lastIndex = 0;
  for (let match = LINE_BREAKING.exec(message); match !== null; match = LINE_BREAKING.exec(message)) escapedUnits += match[0].length;
  return message.length + 5 * escapedUnits;
}

const LINE_BREAKING = /[\u0000-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000-\u200b\u200e\u200f\u2028\u2029\u202a-\u202f\u205f-\u206f\u2800\u3000\u3164\ufeff\uffa0\ufff0-\ufff8]|\ud82f[\udca0-\udca3]|\ud834[\udd73-\udd7a]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Caller input as it is when it is short printable ASCII without a quote or a backslash (an
 * ordinary id), else {@link quoted}: written bare, `"a\u202e"` (ten ASCII characters) would
 * read as the quoted form of `a` and U+202E (review 198).
 */
export function shown(value: unknown): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_QUOTED_LENGTH && BARE.test(value)) return value;
  return quoted(value);
}

/** Printable ASCII but `"` and `\`, which would make a bare text read as a quoted one. */
const BARE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
