import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as own from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Review of 3c94d73 (packages/splits/src/result/result.ts): RejectionError's static
// [Symbol.hasInstance] answers the prototype check, or, for the base class only, the registered
// brand another copy of the package puts on its errors. Checked against REAL other copies: the
// built CommonJS file (this file's '@kanjo/splits' is the TypeScript source), and the same file
// evaluated in another realm (node:vm), whose Error and Object are not this realm's.

const DIST = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));
if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build first (npx -y pnpm@10 run build)`);

type Splits = typeof own;
const cjs = createRequire(import.meta.url)(DIST) as Splits;

/** The built package evaluated in a new realm (its own globals), as a CommonJS module. */
function otherRealm(): Splits {
  const module = { exports: {} as Splits };
  const wrapper = vm.runInContext(`(function (module, exports) {${readFileSync(DIST, 'utf8')}\n})`, vm.createContext({})) as (m: unknown, e: unknown) => void;
  wrapper(module, module.exports);
  return module.exports;
}
const realm = otherRealm();

const REJECTION = { code: 'split_required', message: 'a split is required' } as const;

/** What `copy`'s unwrap throws for REJECTION. */
function thrownBy(copy: Splits): unknown {
  try {
    copy.unwrap(copy.reject(REJECTION.code, REJECTION.message));
  } catch (error) {
    return error;
  }
  throw new Error('unwrap did not throw');
}

const COPIES = { own, cjs, realm } as const;
const NAMES = ['own', 'cjs', 'realm'] as const;

describe('3c94d73: instanceof RejectionError across copies and realms', () => {
  it('the copies are distinct classes, and the other realm has other intrinsics', () => {
    expect(new Set([own.RejectionError, cjs.RejectionError, realm.RejectionError]).size).toBe(3);
    expect(thrownBy(realm) instanceof Error).toBe(false);
    expect(thrownBy(cjs) instanceof Error).toBe(true);
  });

  it("an error thrown by any copy, in any realm, is an instance of every copy's RejectionError (README: \"holds for one thrown by any copy\")", () => {
    for (const thrower of NAMES) {
      for (const asked of NAMES) expect(thrownBy(COPIES[thrower]) instanceof COPIES[asked].RejectionError, `${thrower} thrown, ${asked} asked`).toBe(true);
    }
  });

  it("a subclass of a subclass of another copy's class: an instance of every copy's base class, of its own chain; another copy's error is no instance of the subclasses", () => {
    class Outer extends cjs.RejectionError {}
    class Inner extends Outer {}
    const inner = new Inner(REJECTION);
    const outer = new Outer(REJECTION);
    expect(NAMES.map((name) => inner instanceof COPIES[name].RejectionError)).toEqual([true, true, true]);
    expect([inner instanceof Outer, inner instanceof Inner, outer instanceof Inner]).toEqual([true, true, false]);
    // For a subclass, the prototype check alone (the JSDoc): no copy's base error is one.
    expect(NAMES.map((name) => thrownBy(COPIES[name]) instanceof Outer)).toEqual([false, false, false]);
    expect(Object.hasOwn(Outer, Symbol.hasInstance)).toBe(false);
  });

  it("a class of this realm extending the other realm's RejectionError: its instances carry the brand, and are instances of this copy's base class", () => {
    class Local extends realm.RejectionError {}
    const local = new Local(REJECTION);
    expect([local instanceof own.RejectionError, local instanceof cjs.RejectionError, local instanceof realm.RejectionError, local instanceof Local]).toEqual([true, true, true, true]);
    expect([thrownBy(own) instanceof Local, thrownBy(realm) instanceof Local]).toEqual([false, false]);
  });

  it('a bound constructor defers to its target (Function.prototype[Symbol.hasInstance] on a bound function): brand included', () => {
    const Bound = own.RejectionError.bind(null);
    expect(NAMES.map((name) => thrownBy(COPIES[name]) instanceof Bound)).toEqual([true, true, true]);
    expect([new Error('x') instanceof Bound, Object.create(own.RejectionError.prototype) instanceof Bound]).toEqual([false, true]);
    const BoundOther = cjs.RejectionError.bind(null);
    expect(thrownBy(own) instanceof BoundOther).toBe(true);
  });

  it("a Proxy of the class: `this` is the Proxy, so the prototype check alone (as the earlier review's test pins); a Proxy trapping get answers what its trap answers", () => {
    const Proxied = new Proxy(own.RejectionError, {});
    expect(NAMES.map((name) => thrownBy(COPIES[name]) instanceof Proxied)).toEqual([true, false, false]);
    const Lying = new Proxy(own.RejectionError, { get: (target, key) => (key === Symbol.hasInstance ? () => false : Reflect.get(target, key)) });
    expect(thrownBy(own) instanceof Lying).toBe(false);
  });

  it("objects revived on a prototype (Object.create / setPrototypeOf), in this realm or the other: instances of that copy's class only by prototype, of every base class by brand only when they carry it", () => {
    const revived = Object.create(own.RejectionError.prototype) as object;
    const revivedInRealm = (vm.runInContext('(p) => Object.create(p)', vm.createContext({})) as (p: object) => object)(own.RejectionError.prototype);
    const otherPrototype = Object.create(cjs.RejectionError.prototype) as object;
    expect([revived instanceof own.RejectionError, revivedInRealm instanceof own.RejectionError, otherPrototype instanceof own.RejectionError]).toEqual([true, true, false]);
    expect(otherPrototype instanceof cjs.RejectionError).toBe(true);
    // Its prototype is not an instance (the brand is on instances only), as for any class.
    expect(NAMES.map((name) => COPIES[name].RejectionError.prototype instanceof own.RejectionError)).toEqual([false, false, false]);
  });

  it('lookalikes of another realm: the brand symbol there is the same registered symbol; a plain Error or an unbranded object of that realm is no instance', () => {
    const context = vm.createContext({});
    expect(vm.runInContext("Symbol.for('@kanjo/splits RejectionError')", context)).toBe(Symbol.for('@kanjo/splits RejectionError'));
    const [plain, unbranded, branded] = vm.runInContext("[new Error('split_required: a split is required'), { code: 'split_required' }, Object.defineProperty(new Error('x'), Symbol.for('@kanjo/splits RejectionError'), { value: true })]", context) as unknown[];
    expect([plain instanceof own.RejectionError, unbranded instanceof own.RejectionError, branded instanceof own.RejectionError]).toEqual([false, false, true]);
  });
});
