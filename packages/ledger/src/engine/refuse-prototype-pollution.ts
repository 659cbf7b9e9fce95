/**
 * Throws when other code has put a field on Object.prototype (enumerable or not), or an
 * enumerable field or a `toJSON` on Array.prototype: prototype pollution, as a deep merge of
 * request data (`{"__proto__": {"amount": 5}}`) or a query-string parser with that flaw leaves
 * it, or a library that extends the prototypes with `Object.defineProperty`. Every object then
 * seems to hold the field, the engine's own objects included: a payout period would seem to
 * hold an `exact` balance, a stored refund request a customer fee to refund, a session a
 * `payment` that cannot be assigned over (a read-only one). The fields of what a caller passes
 * are read as their own (see read-fields-once.ts), but the engine's state is not hardened field
 * by field, so the engine refuses to run rather than post amounts the journal cannot explain.
 * An inherited `toJSON` would answer for every object JSON writes: fingerprints and journal
 * lines.
 *
 * Object.prototype's own names are compared with the ones the language defines (the same in
 * every Node release since 12); about half a microsecond a call, most of it the list of names
 * V8 builds. Callers run it again after the caller's own code has run (a command's getters, a
 * fingerprint's `toJSON`), which could have polluted since. A list's methods added by a polyfill (`Array.prototype.findLast` on an old engine)
 * are not enumerable and never read as a field, so Array.prototype is only searched for
 * enumerable fields and `toJSON`.
 */
export function refusePrototypePollution(): void {
  const names = Object.getOwnPropertyNames(Object.prototype);
  for (const name of names) if (!LANGUAGE_DEFINED.has(name)) refuse('Object.prototype', name);
  // The language puts no symbol on Object.prototype. One there, or a string method's protocol
  // symbol on String.prototype, answers for every string: big.js reads a rate with
  // `text.replace('.', '')`, and a `Symbol.replace` found there dropped every processing fee.
  const symbols = Object.getOwnPropertySymbols(Object.prototype);
  if (symbols.length > 0) refuse('Object.prototype', String(symbols[0]));
  for (const symbol of STRING_PROTOCOL_SYMBOLS) if (Object.hasOwn(String.prototype, symbol)) refuse('String.prototype', String(symbol));
  // Both: a field of Object.prototype named as a list's method (`at`, `reverse`) is found above;
  // an enumerable one of Array.prototype by `for…in`, which visits no method of the language's.
  // `in`: a `toJSON` on a prototype put between Array.prototype and Object.prototype too.
  for (const field in Array.prototype) refuse('Array.prototype', field);
  if ('toJSON' in Array.prototype) refuse('Array.prototype', 'toJSON');
}

/** The symbols a string method given a string looks up on it (and so on String.prototype). */
const STRING_PROTOCOL_SYMBOLS = [Symbol.replace, Symbol.split, Symbol.match, Symbol.matchAll, Symbol.search];

/**
 * `read()` (the copy of a caller's command or configuration, which runs the caller's getters),
 * then the check: pollution made before or during the read is refused before anything reads
 * the engine's state. The copy holds only the object's own fields whatever the prototypes
 * held, so reading first is safe; a read that throws because of pollution (a read-only index
 * on Array.prototype blocks a list's copy) throws the check's error instead, naming it.
 */
export function readPolluted<Read>(read: () => Read): Read {
  let value: Read;
  try {
    value = read();
  } catch (error) {
    refusePrototypePollution();
    throw error;
  }
  refusePrototypePollution();
  return value;
}

/** Object.prototype's own fields in ECMAScript 2023 (Annex B's `__proto__` and accessors included). */
const LANGUAGE_DEFINED: ReadonlySet<string> = new Set([
  'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
  '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

function refuse(prototype: string, field: string): never {
  throw new Error(
    `${prototype} has the field ${JSON.stringify(field)}, set by other code (prototype pollution, or a library extending it): every object would seem to hold it, so Kanjo will not decide or replay a command; find what assigns to __proto__ (a deep merge of request data, a query-string parser) or defines the field, and restart`,
  );
}
