/**
 * Code-unit order for the keys of an object whose written order means nothing: a JSON object,
 * a payment type → fee settings map, a session's metadata. Where several of its keys have a
 * problem, the first in this order is named, so the order a file or a caller wrote the keys in
 * never chooses the message (README, "Bad input and fields Kanjo does not read"). It is the
 * order `Array.prototype.sort` gives strings, and the one `buildFeeSchedule` reads payment
 * types in.
 */

/** Compares two keys by UTF-16 code units, as `<` does: negative, zero or positive. */
export function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** An object's own enumerable entries sorted by key in code-unit order (a new array). */
export function entriesInCodeUnitOrder<V>(object: Readonly<Record<string, V>>): [string, V][] {
  return Object.entries(object).sort(([left], [right]) => compareCodeUnits(left, right));
}

/**
 * Of an object's own enumerable keys, the first in code-unit order whose value has a problem,
 * or undefined when none has. Each value is read once, by `Object.entries`.
 */
export function firstKeyInCodeUnitOrder<V>(object: Readonly<Record<string, V>>, hasProblem: (value: V, key: string) => boolean): string | undefined {
  let first: string | undefined;
  for (const [key, value] of Object.entries(object)) {
    if ((first === undefined || key < first) && hasProblem(value, key)) first = key;
  }
  return first;
}
