/**
 * `value` as JSON text, or what JSON cannot write in it: a bigint (boxed or not), a cycle (an
 * object inside itself), or something too deep or too long (the call stack or the longest
 * string ran out).
 * Anything else thrown while writing (a caller's `toJSON` or getter that throws, whatever its
 * class) is thrown on as it is: it is the caller's to see.
 */
export function writeJson(value: unknown): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly unwritable: 'a bigint' | 'a cycle' | 'too deep or too long' } {
  try {
    // JSON.stringify answers undefined for undefined, a function or a symbol: not text, but not
    // an error either; the callers write objects.
    return { ok: true, text: JSON.stringify(value, refuseBigint) ?? '' };
  } catch (error) {
    if (error instanceof BigintMet) return { ok: false, unwritable: 'a bigint' };
    // JSON.stringify's own errors, in V8's words: a boxed bigint (Object(1n)), which the
    // replacer sees as an object, a value that contains itself, the call stack and the longest
    // string. A caller's own TypeError or RangeError (an invalid Date's toISOString) is theirs.
    if (error instanceof TypeError && error.message.startsWith('Do not know how to serialize a BigInt')) return { ok: false, unwritable: 'a bigint' };
    if (error instanceof TypeError && error.message.startsWith('Converting circular structure to JSON')) return { ok: false, unwritable: 'a cycle' };
    if (error instanceof RangeError && (error.message === 'Maximum call stack size exceeded' || error.message === 'Invalid string length')) {
      return { ok: false, unwritable: 'too deep or too long' };
    }
    throw error;
  }
}

/** Thrown by the replacer at a bigint, so a caller's own TypeError is not taken for one. */
class BigintMet extends Error {}

function refuseBigint(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') throw new BigintMet();
  return value;
}
