/**
 * `value` behind Proxies, nested objects too (one Proxy per object: identity holds), whose
 * `n`th read of any field throws `boom n`: a caller's entry that breaks half-way through
 * whatever reads it. `counter.reads` counts the reads.
 */
export function throwingAt<T>(value: T, n: number, counter: { reads: number }, cache = new WeakMap<object, object>()): T {
  if (typeof value !== 'object' || value === null) return value;
  const known = cache.get(value);
  if (known !== undefined) return known as T;
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      counter.reads += 1;
      if (counter.reads === n) throw new Error(`boom ${n}`);
      return throwingAt(Reflect.get(target, key, receiver) as unknown, n, counter, cache);
    },
  });
  cache.set(value, proxy);
  return proxy;
}
