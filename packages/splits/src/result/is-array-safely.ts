/**
 * Array.isArray, but false for a revoked Proxy, where Array.isArray throws. For messages that
 * describe a caller's wrong value: the description must not replace the error it belongs to.
 */
export function isArraySafely(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}
