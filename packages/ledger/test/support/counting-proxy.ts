/** The Proxy traps a caller's object can run while Kanjo reads it. */
export const TRAP_KINDS = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'] as const;
export type TrapKind = (typeof TRAP_KINDS)[number];

/**
 * `value` behind a transparent Proxy whose every trap first calls `tick` with its kind (which
 * may throw or call back into the ledger), and every object or list it hands out behind another
 * such Proxy. One Proxy per object (kept in `wrappers`), so identity holds:
 * `entry.postings === entry.postings`. Plain data only (a structured clone): a frozen object's
 * fields could not be answered by a Proxy of them.
 */
export function countingProxy<Value>(value: Value, tick: (kind: TrapKind) => void, wrappers = new WeakMap<object, object>()): Value {
  if (typeof value !== 'object' || value === null) return value;
  const known = wrappers.get(value);
  if (known !== undefined) return known as Value;
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      tick('get');
      return countingProxy(Reflect.get(target, key, receiver) as unknown, tick, wrappers);
    },
    has(target, key) {
      tick('has');
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      tick('ownKeys');
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      tick('getOwnPropertyDescriptor');
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    getPrototypeOf(target) {
      tick('getPrototypeOf');
      return Reflect.getPrototypeOf(target);
    },
  });
  wrappers.set(value, proxy);
  return proxy;
}
