/**
 * What a caller passed where an array was expected, for a TypeError: `a Set`, `a Map`, `an
 * iterator`, `a typed array`, `an object` (with `single`, the name of one item, a hint that one
 * item was passed alone), `a string`, `null`… Only the value's kind is read; a revoked Proxy or
 * a throwing getter of the caller's is named `an object`, so the TypeError it explains still
 * comes out.
 */
export function describeList(value: unknown, single?: string): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object') return `a ${typeof value}`;
  try {
    if (value instanceof Set) return 'a Set (pass [...set])';
    if (value instanceof Map) return 'a Map';
    if (typeof (value as { next?: unknown }).next === 'function') return 'an iterator (pass [...iterator])';
    if (ArrayBuffer.isView(value)) return 'a typed array (pass Array.from(array))';
  } catch {
    return 'an object';
  }
  return single === undefined ? 'an object' : `an object (a single ${single}? pass [${single}])`;
}
