import { entriesInCodeUnitOrder } from './code-unit-order.js';

/**
 * JSON with object keys sorted at every level, so two equal commands written in a different
 * key order have the same fingerprint. For JSON data (what `JSON.parse` gives): the replacer
 * rebuilds each object from its own entries, so a boxed number would be written `{}` and a
 * cycle would run until the stack did (`keyedFingerprintOf` writes a command as JSON first).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(entriesInCodeUnitOrder(inner as Record<string, unknown>));
  });
}
