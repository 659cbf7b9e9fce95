import { reject, RejectionError, unwrap } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Review of the session-27 fix in packages/splits/src/result/result.ts: RejectionError marks its
// instances with Symbol.for('@kanjo/splits RejectionError') and its static [Symbol.hasInstance]
// reads that mark (README: "`instanceof RejectionError` holds for one thrown by any copy of the
// package"); a subclass keeps the prototype check.

const BRAND = Symbol.for('@kanjo/splits RejectionError');
const REJECTION = { code: 'split_required', message: 'a split is required' } as const;

/** What unwrap throws for REJECTION. */
function thrown(): unknown {
  try {
    unwrap(reject(REJECTION.code, REJECTION.message));
  } catch (error) {
    return error;
  }
  throw new Error('unwrap did not throw');
}

/** An error as another copy of the package makes it: its own class, the same registered brand. */
function otherCopys(): Error {
  class OtherRejectionError extends Error {
    readonly code = REJECTION.code;
    readonly rejection = REJECTION;
    constructor() {
      super(`${REJECTION.code}: ${REJECTION.message}`);
      this.name = 'RejectionError';
      Object.defineProperty(this, BRAND, { value: true });
    }
  }
  return new OtherRejectionError();
}

describe('RejectionError instanceof, after the registered-symbol brand', () => {
  it('what unwrap throws, and another copy\'s error, are instances for instanceof and vitest\'s toBeInstanceOf', () => {
    expect(thrown() instanceof RejectionError).toBe(true);
    expect(otherCopys() instanceof RejectionError).toBe(true);
    expect(otherCopys()).toBeInstanceOf(RejectionError);
    expect(() => unwrap(reject(REJECTION.code, REJECTION.message))).toThrow(RejectionError);
    expect(() => {
      throw otherCopys();
    }).toThrow(RejectionError);
  });

  it('subclasses: an instance of a subclass (two levels) is a RejectionError, a RejectionError is no subclass instance', () => {
    class Outer extends RejectionError {}
    class Inner extends Outer {}
    const inner = new Inner(REJECTION);
    expect([inner instanceof Inner, inner instanceof Outer, inner instanceof RejectionError, inner instanceof Error]).toEqual([true, true, true, true]);
    expect([thrown() instanceof Outer, otherCopys() instanceof Outer, new Outer(REJECTION) instanceof Inner]).toEqual([false, false, false]);
  });

  it('a Proxy of an error answers as its target; a revoked one throws the TypeError it threw before the fix', () => {
    expect(new Proxy(thrown() as object, {}) instanceof RejectionError).toBe(true);
    expect(new Proxy(new Error('x'), {}) instanceof RejectionError).toBe(false);
    const { proxy, revoke } = Proxy.revocable(thrown() as object, {});
    revoke();
    expect(() => proxy instanceof RejectionError).toThrow(TypeError);
  });

  it('structuredClone keeps neither class nor brand: a clone is a plain Error, not an instance (as before the fix)', () => {
    const clone = structuredClone(thrown()) as Error;
    expect([clone instanceof RejectionError, clone instanceof Error, clone.message, Object.getOwnPropertySymbols(clone).length]).toEqual([false, true, 'split_required: a split is required', 0]);
  });

  it('an object that only carries the brand through its prototype chain (Object.create of an instance) is an instance', () => {
    expect(Object.create(thrown() as object) instanceof RejectionError).toBe(true);
  });

  it('lookalikes: the brand not exactly true, an unregistered symbol of that description, primitives', () => {
    const marked = (value: unknown) => Object.defineProperty(new Error('x'), BRAND, { value });
    expect([marked(1), marked('true'), marked({}), Object.defineProperty(new Error('x'), Symbol('@kanjo/splits RejectionError'), { value: true })].map((value) => value instanceof RejectionError)).toEqual([false, false, false, false]);
    expect([undefined, 0, 'RejectionError', Symbol.for('@kanjo/splits RejectionError')].map((value) => (value as unknown) instanceof RejectionError)).toEqual([false, false, false, false]);
  });

  // Found as a defect (fixed): Object.create(RejectionError.prototype) instanceof RejectionError,
  // and an Error whose prototype was set to RejectionError.prototype, were true before the brand
  // (8b12519) and false with it alone, since only the constructor sets the brand. That is how
  // registered-class serialisers revive a class instance: superjson's registerClass (used by
  // tRPC) gives Object.assign(Object.create(C.prototype), fields), and Object.setPrototypeOf is
  // the usual way to restore an Error subclass. The README sentence promises MORE instances (any
  // copy's), not fewer: `[Symbol.hasInstance]` now answers the ordinary prototype check || brand.
  it('an object whose prototype is RejectionError.prototype is still an instance (as before the brand)', () => {
    const revived = Object.assign(Object.create(RejectionError.prototype) as object, { code: REJECTION.code, rejection: REJECTION, message: 'split_required: a split is required' });
    const restored = Object.setPrototypeOf(new Error('split_required: a split is required'), RejectionError.prototype) as object;
    expect([revived instanceof RejectionError, restored instanceof RejectionError]).toEqual([true, true]);
  });

  it('a Proxy of the class itself checks the prototype: its own copy\'s errors are instances, another copy\'s are not', () => {
    // `this` in [Symbol.hasInstance] is the Proxy, not RejectionError, so the subclass branch runs.
    const Proxied = new Proxy(RejectionError, {});
    expect([thrown() instanceof Proxied, otherCopys() instanceof Proxied]).toEqual([true, false]);
  });
});
