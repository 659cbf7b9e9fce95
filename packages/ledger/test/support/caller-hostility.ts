import fc from 'fast-check';
import { countingProxy, TRAP_KINDS, type TrapKind } from './counting-proxy.js';

/**
 * Caller objects that throw when the ledger reads them, for the caller-exceptions properties.
 * A service embedding @kanjo/ledger hands it objects from code: class instances with getters,
 * Proxies (an ORM's, a validation library's), values with toJSON or Symbol.toPrimitive. Each
 * builder here wraps a valid value so that one read of it throws a {@link CallerError}, the
 * caller's own exception, which the tests tell apart from anything the engine throws.
 */

/** The exception a hostile caller object throws: the caller's own, recognisable by identity. */
export class CallerError extends Error {
  override readonly name = 'CallerError';
}

/** The Proxy traps a read of a caller's object can go through. */
export { TRAP_KINDS, type TrapKind } from './counting-proxy.js';

/** Where a tripwire throws: at the `at`-th call of a trap of `kind` (any kind when 'any'), counted over every object it reaches. */
export interface Tripwire {
  readonly kind: TrapKind | 'any';
  readonly at: number;
  /** Calls of a trap of `kind` so far. */
  count: number;
  /** The exception thrown, once it was. */
  thrown: CallerError | undefined;
  /** Set once the test is done with the object: no read throws any more (a replay keeps the entries it was given). */
  disarmed?: boolean;
}

export function tripwire(kind: TrapKind | 'any', at: number): Tripwire {
  return { kind, at, count: 0, thrown: undefined };
}

/**
 * `value` behind a Proxy (and every object or list it hands out, behind another), each trap of
 * which counts towards `trip` and throws at its `at`-th call. Plain data only (a structured
 * clone): a frozen object's fields could not be answered by a Proxy of them.
 */
export function trapped<Value>(value: Value, trip: Tripwire, wrappers = new WeakMap<object, object>()): Value {
  if (typeof value !== 'object' || value === null) return value;
  // One Proxy per object, as a transparent wrapper keeps identity: `entry.postings === entry.postings`.
  const known = wrappers.get(value);
  if (known !== undefined) return known as Value;
  const tick = (kind: TrapKind): void => {
    if (trip.disarmed === true || (trip.kind !== 'any' && trip.kind !== kind)) return;
    trip.count += 1;
    if (trip.count === trip.at) {
      trip.thrown = new CallerError(`the caller's ${kind} trap threw at read ${trip.at}`);
      throw trip.thrown;
    }
  };
  return countingProxy(value, tick, wrappers);
}

/** A tripwire drawn: a trap kind (or any) and the read that throws, mostly early ones. */
export const tripwireArbitrary: fc.Arbitrary<{ kind: TrapKind | 'any'; at: number }> = fc.record({
  kind: fc.constantFrom<TrapKind | 'any'>('any', 'any', ...TRAP_KINDS),
  at: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 2, arbitrary: fc.integer({ min: 13, max: 80 }) }),
});

/** A path into a command: field names and list indexes. */
export type Path = readonly (string | number)[];

/** Every path to a field or item of `value`, nested ones included (not `value` itself). */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key])]);
}

/** The object holding the last step of `path` in `root`. */
function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let at = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  return at;
}

/** `root` (a structured clone, changed in place) with the field at `path` a getter answering its value until its `throwAt`-th read, which throws. */
export function withThrowingGetter<Root>(root: Root, path: Path, throwAt: number, fired: { thrown?: CallerError; disarmed?: boolean }): Root {
  const parent = parentOf(root, path);
  const key = path[path.length - 1] as string | number;
  const value = parent[key];
  let reads = 0;
  Object.defineProperty(parent, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      reads += 1;
      if (reads === throwAt && fired.disarmed !== true) throw (fired.thrown = new CallerError(`the caller's getter of ${path.join('.')} threw at read ${throwAt}`));
      return value;
    },
  });
  return root;
}

/** `root` (a structured clone, changed in place) with the field at `path` replaced by `value`. */
export function withValueAt<Root>(root: Root, path: Path, value: unknown): Root {
  parentOf(root, path)[path[path.length - 1] as string | number] = value;
  return root;
}

/** Values a caller's code may hand over that throw, or that JSON cannot write, when read. */
export const HOSTILE_VALUE_KINDS = [
  'toPrimitive throws',
  'valueOf and toString throw',
  'toJSON throws',
  'toJSON getter throws',
  'every trap throws',
  'revoked proxy',
  'revoked list proxy',
  'bigint',
  'cycle',
  'list whose length getter throws',
] as const;
export type HostileValueKind = (typeof HOSTILE_VALUE_KINDS)[number];

/** A fresh hostile value of `kind`; its CallerError, when it throws one, lands in `fired`. */
export function hostileValue(kind: HostileValueKind, fired: { thrown?: CallerError }): unknown {
  const boom = (what: string) => (): never => {
    throw (fired.thrown = new CallerError(`the caller's ${what} threw`));
  };
  switch (kind) {
    case 'toPrimitive throws':
      return { [Symbol.toPrimitive]: boom('Symbol.toPrimitive') };
    case 'valueOf and toString throw':
      return { valueOf: boom('valueOf'), toString: boom('toString') };
    case 'toJSON throws':
      return { toJSON: boom('toJSON') };
    case 'toJSON getter throws':
      return Object.defineProperty({}, 'toJSON', { get: boom('toJSON getter'), enumerable: false });
    case 'every trap throws':
      return new Proxy({}, { get: boom('get trap'), has: boom('has trap'), ownKeys: boom('ownKeys trap'), getOwnPropertyDescriptor: boom('getOwnPropertyDescriptor trap'), getPrototypeOf: boom('getPrototypeOf trap') });
    case 'revoked proxy':
    case 'revoked list proxy': {
      const { proxy, revoke } = Proxy.revocable(kind === 'revoked proxy' ? {} : [], {});
      revoke();
      return proxy;
    }
    case 'bigint':
      return 10n;
    case 'cycle': {
      const cycle: Record<string, unknown> = { note: 'a' };
      cycle['self'] = cycle;
      return cycle;
    }
    case 'list whose length getter throws':
      return new Proxy(['credit_card'], { get: (target, key, receiver) => (key === 'length' ? boom('length getter')() : Reflect.get(target, key, receiver)) });
  }
}

/**
 * Whether `error`, thrown out of the ledger, says what to fix: the caller's own exception (by
 * identity: the engine handed it on), a RangeError for an amount (README "How it works": "An
 * amount that is not a non-negative safe integer still throws"), or the TypeError JavaScript
 * raises on the caller's revoked Proxy, which names it. Anything else (a TypeError such as
 * "Cannot read properties of undefined") is the engine tripping over a value it did not check.
 */
export function explainedThrow(error: unknown, fired: CallerError | undefined): string | undefined {
  if (error instanceof CallerError) return error === fired ? undefined : `a CallerError the test did not throw: ${error.message}`;
  if (error instanceof RangeError && / must be a non-negative safe integer count of minor units, got /.test(error.message)) return undefined;
  if (error instanceof TypeError && /on a proxy that has been revoked/.test(error.message)) return undefined;
  return `the engine threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
