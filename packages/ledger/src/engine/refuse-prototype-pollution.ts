/**
 * Throws when other code has put an enumerable field on Object.prototype or Array.prototype:
 * prototype pollution, as a deep merge of request data (`{"__proto__": {"amount": 5}}`) or a
 * query-string parser with that flaw leaves it. Every object then seems to hold the field, the
 * engine's own objects included: a payout period would seem to hold an `exact` balance, a
 * session an `as`. The fields of what a caller passes are read as their own (see
 * read-fields-once.ts), but the engine's state is not hardened field by field, so the engine
 * refuses to run rather than post amounts the journal cannot explain. Such a field is made by
 * assignment, and so is enumerable; a non-enumerable one (`Object.defineProperty`) is code
 * acting on purpose, which `node --frozen-intrinsics` rules out.
 *
 * A few nanoseconds a call: `for…in` over a prototype visits only its enumerable fields and
 * those it inherits, and in an unpolluted process there are none.
 */
export function refusePrototypePollution(): void {
  // Both: a field of Object.prototype named as a list's method (`at`, `reverse`) is hidden from
  // `for…in` over a list by Array.prototype's own, which is not enumerable.
  for (const field in Object.prototype) refuse(field);
  for (const field in Array.prototype) refuse(field);
}

function refuse(field: string): never {
  throw new Error(
    `Object.prototype or Array.prototype has the field ${JSON.stringify(field)}, set by other code (prototype pollution): every object would seem to hold it, so Kanjo will not decide or replay a command; find what assigns to __proto__ (a deep merge of request data, a query-string parser) and restart`,
  );
}
