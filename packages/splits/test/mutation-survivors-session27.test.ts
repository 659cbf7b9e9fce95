import { reject, RejectionError, unwrap } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Mutation audit of session 27's change to result.ts (RejectionError's registered-symbol brand
// and static [Symbol.hasInstance]): each test kills a mutant the earlier tests let live.

const BRAND = Symbol.for('@kanjo/splits RejectionError');

function thrown(): RejectionError {
  try {
    unwrap(reject('split_required', 'a split is required'));
  } catch (error) {
    return error as RejectionError;
  }
  throw new Error('unwrap did not throw');
}

describe("RejectionError's brand is fixed on the error, and not copied with its fields", () => {
  // Kills `Object.defineProperty(this, REJECTION_ERROR, { value: true })` given enumerable true
  // (a spread or Object.assign copied the brand, so a plain copy of the fields — a log record, a
  // response body built from the error — passed `instanceof RejectionError`), or writable and
  // configurable (the brand could be changed or taken off an error).
  it('the brand is an own, read-only, non-enumerable, non-configurable true', () => {
    expect(Object.getOwnPropertyDescriptor(thrown(), BRAND)).toEqual({ value: true, writable: false, enumerable: false, configurable: false });
  });

  it('a copy of the fields (spread, Object.assign) is no instance; the error itself stays one after an attempt to unbrand it', () => {
    const error = thrown();
    expect([{ ...error } instanceof RejectionError, Object.assign({}, error) instanceof RejectionError]).toEqual([false, false]);
    expect(Reflect.deleteProperty(error, BRAND)).toBe(false);
    expect(Reflect.set(error, BRAND, false)).toBe(false);
    expect(Object.setPrototypeOf(error, Error.prototype) instanceof RejectionError).toBe(true);
  });
});
