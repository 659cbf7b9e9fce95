/**
 * Reading a caller's object into plain data, each field once: what `Ledger.execute` does with a
 * command (readCommandOnce) and `createLedger` with a configuration (readConfigOnce). An object
 * from code may answer through getters or a Proxy; read more than once, a field may answer
 * differently, and a value checked at one read would be used at another unchecked.
 */
import { countText } from '@kanjo/splits';
import { lengthOfList } from './copy-list.js';

/** Every field name of every member of the union `T`. */
export type FieldsOf<T> = T extends unknown ? keyof T & string : never;

/**
 * `true` when `Listed` names every field of `T`, else the names left out: a constant of this
 * type initialised with `true` fails to compile when a field is added to `T` and not listed.
 */
export type EveryFieldListed<T, Listed> = [Exclude<FieldsOf<T>, Listed>] extends [never] ? true : Exclude<FieldsOf<T>, Listed>;

/**
 * `value`'s own enumerable fields and the `known` ones it has (`in`: through its prototype
 * too, as a class instance's getters), each read once, into an object without a prototype;
 * not an object (or a list): `value` as it is, for the checks to refuse.
 *
 * Never a field of Object.prototype: no caller declares a command's or a configuration's
 * fields there, so one found there was put there by other code (prototype pollution), and read
 * as `amount` it would turn a full refund into a refund of that many units. The copy has no
 * prototype for the same reason: a field left out reads as undefined in every later check,
 * whatever Object.prototype holds by then.
 *
 * @param inherited - given, receives the names of the fields read through the prototype (the
 *   ones `JSON.stringify(value)` leaves out).
 */
export function readFieldsOf(value: unknown, known: readonly string[], inherited?: string[]): unknown {
  return isRecord(value) ? readFields(value, known, inherited) : value;
}

/** {@link readFieldsOf} of an object known to be one. */
export function readFields(value: object, known: readonly string[], inherited?: string[]): Record<string, unknown> {
  const fields = value as Readonly<Record<string, unknown>>;
  const copy = Object.create(null) as Record<string, unknown>;
  // Own keys first, in their order (JSON's order, which messages and lists follow). Without a
  // prototype, `__proto__` is a key like any other (JSON.parse makes it an own field). Not
  // those of a typed array or a boxed string, whose every index is a key: `new
  // Uint8Array(1e8)` costs its sender nothing until read, and copying its 1e8 keys ran the
  // process out of memory. Such an object is no command, line or configuration; its known
  // fields are copied below, and the checks refuse what is missing.
  if (!hasIndexKeys(value)) for (const key of Object.keys(fields)) copy[key] = fields[key];
  // An object of JSON's kind inherits nothing but Object.prototype's, which is never read:
  // only another prototype (a class instance's) can answer a known field. Skipping the
  // look-ups keeps the copy cheap for the commands every service sends.
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null || isObjectPrototype(prototype)) return copy;
  for (const key of known) {
    if (Object.hasOwn(copy, key) || !(key in fields) || heldByObjectPrototype(fields, key)) continue;
    copy[key] = fields[key];
    inherited?.push(key);
  }
  return copy;
}

/**
 * A typed array, a DataView or a boxed string (of any realm: not `instanceof`, which the
 * package keeps to its own classes): an object whose indexes are its own keys.
 */
function hasIndexKeys(value: object): boolean {
  return ArrayBuffer.isView(value) || (Object.hasOwn(value, 'length') && objectToString.call(value) === '[object String]');
}

const objectToString = Object.prototype.toString;

/**
 * Whether the nearest holder of `key` on `value`'s prototype chain is Object.prototype, where
 * `key in value` found it.
 */
function heldByObjectPrototype(value: object, key: string): boolean {
  for (let holder = Object.getPrototypeOf(value) as object | null; holder !== null; holder = Object.getPrototypeOf(holder) as object | null) {
    if (Object.hasOwn(holder, key)) return isObjectPrototype(holder);
  }
  return false;
}

/**
 * Whether `holder` is Object.prototype, of this realm or another (a vm context, an iframe): the
 * prototype at the end of a chain that owns Object.prototype's methods. Not merely a prototype
 * whose own prototype is null: a caller's defaults object made with `Object.create(null)`, or
 * a class whose prototype was cut loose, is the caller's, and its fields are read.
 */
function isObjectPrototype(holder: object): boolean {
  return holder === Object.prototype || (Object.getPrototypeOf(holder) === null && Object.hasOwn(holder, 'isPrototypeOf') && Object.hasOwn(holder, 'propertyIsEnumerable'));
}

/**
 * The longest list a command or a configuration is read into: ten times the 100,000 merchants
 * a configuration may list, and far beyond a split's 100 lines, so every list a check refuses
 * by its length still reaches that check.
 */
export const MAX_LIST_LENGTH = 1_000_000;

/**
 * A list read by index, `length` once and each item once (by `readItem`), holes as undefined
 * (which the checks refuse as they did), into a plain array; not a list: `value` as it is.
 *
 * @throws RangeError when the list is longer than {@link MAX_LIST_LENGTH}: a list from code
 *   whose `length` was set (`split.length = 2 ** 32 - 1`, one line and holes) would otherwise
 *   be copied into an array of that length, and the process would run out of memory, which
 *   nothing can catch. No JSON document makes such a list; it is misuse from code, thrown as a
 *   fractional amount is.
 */
export function readList(value: unknown, readItem: (item: unknown, index: number) => unknown, field: string): unknown {
  if (!Array.isArray(value)) return value;
  const items: readonly unknown[] = value;
  // As the array methods read it: a Proxy's text `length` would make `new Array` a list of it.
  const length = lengthOfList(items);
  if (length > MAX_LIST_LENGTH) {
    throw new RangeError(`${field} has ${countText(length)} items; a list given to Kanjo holds at most ${countText(MAX_LIST_LENGTH)} (was its length set past its items?)`);
  }
  const copy = new Array<unknown>(length);
  for (let index = 0; index < length; index += 1) copy[index] = readItem(items[index], index);
  return copy;
}

/**
 * `value`'s own enumerable entries, each read by `readEntry`, into a plain object: a map from
 * names, such as a platform's payment methods. Only an object of JSON's kind (prototype
 * Object.prototype or none) is such a map; anything else (a Map, a class instance, a list) is
 * returned as it is, for the checks to refuse by its kind.
 */
export function readEntries(value: unknown, readEntry: (entry: unknown) => unknown): unknown {
  if (!isJsonKindObject(value)) return value;
  const copy = readFields(value, []);
  for (const key of Object.keys(copy)) copy[key] = readEntry(copy[key]);
  return copy;
}

/**
 * An object whose own keys are its entries, as JSON gives: its prototype is Object.prototype (of
 * any realm) or none. A Map, a Date, a boxed string or a class instance would read as having
 * other entries than it holds (a Map none, `new String('ab')` the keys "0" and "1"), and so
 * would an object made from a defaults object (`Object.create(defaults)`, `defaults` without a
 * prototype itself): its inherited entries (payment methods, metadata) are no own keys.
 */
export function isJsonKindObject(value: unknown): value is object {
  if (!isRecord(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || isObjectPrototype(prototype);
}

function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
