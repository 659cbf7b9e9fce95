/**
 * What a caller passed where an array was expected, for a TypeError: `a Set`, `a Map`, `an
 * iterator`, `an object`, `a string`, `null`… Only the value's kind is read; a revoked Proxy or
 * a throwing getter of the caller's is named `an object`, so the TypeError it explains still
 * comes out.
 */
export function describeList(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object') return `a ${typeof value}`;
  try {
    if (value instanceof Set) return 'a Set (pass [...set])';
    if (value instanceof Map) return 'a Map';
    if (typeof (value as { next?: unknown }).next === 'function') return 'an iterator (pass [...iterator])';
  } catch {
    return 'an object';
  }
  return 'an object (a single line? pass [line])';
}
