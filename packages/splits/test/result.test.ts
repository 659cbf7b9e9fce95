import { accept, assertNever, reject, RejectionError, unwrap, type Result } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

describe('results', () => {
  it('wrap accepted values and rejections as data', () => {
    expect(accept(1_000)).toEqual({ ok: true, value: 1_000 });
    expect(reject('amount_negative', 'amount must not be negative')).toEqual({ ok: false, error: { code: 'amount_negative', message: 'amount must not be negative' } });
  });

  it('unwrap to the value, or throw a RejectionError carrying the same rejection', () => {
    expect(unwrap(accept('value'))).toBe('value');
    const rejected: Result<number, 'split_required'> = reject('split_required', 'a split is required');
    try {
      unwrap(rejected);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RejectionError);
      expect(error).toBeInstanceOf(Error);
      const rejection = error as RejectionError<'split_required'>;
      expect(rejection.code).toBe('split_required');
      expect(rejection.rejection).toEqual({ code: 'split_required', message: 'a split is required' });
      expect(rejection.message).toBe('split_required: a split is required');
      expect(rejection.name).toBe('RejectionError');
    }
  });

  it("a RejectionError of another copy of the package (its ESM or CommonJS build) is an instance; an Error that only looks like one is not; a subclass checks its own prototype", () => {
    // What another copy's constructor leaves on its errors: the same registered symbol, which
    // every copy's class reads (test/smoke/dual-package.test.ts loads the two real builds).
    const otherCopys = Object.defineProperty(Object.assign(new Error('split_required: a split is required'), { name: 'RejectionError', code: 'split_required' }), Symbol.for('@kanjo/splits RejectionError'), { value: true });
    expect(otherCopys instanceof RejectionError).toBe(true);
    const lookalike = Object.assign(new Error('split_required: a split is required'), { name: 'RejectionError', code: 'split_required', rejection: { code: 'split_required', message: 'a split is required' } });
    expect(lookalike instanceof RejectionError).toBe(false);
    expect((null as unknown) instanceof RejectionError).toBe(false);
    expect(('RejectionError' as unknown) instanceof RejectionError).toBe(false);
    // The brand is not enumerable: it shows in no spread, JSON or key list.
    const own = new RejectionError({ code: 'split_required', message: 'a split is required' });
    expect(Object.keys(own)).toEqual(['code', 'rejection', 'name']);
    expect(JSON.stringify(own)).toBe('{"code":"split_required","rejection":{"code":"split_required","message":"a split is required"},"name":"RejectionError"}');
    expect(Object.getOwnPropertyDescriptor(own, Symbol.for('@kanjo/splits RejectionError'))).toEqual({ value: true, writable: false, enumerable: false, configurable: false });
    class MyRejection extends RejectionError {}
    const mine = new MyRejection({ code: 'split_required', message: 'a split is required' });
    expect([mine instanceof MyRejection, mine instanceof RejectionError, own instanceof MyRejection]).toEqual([true, true, false]);
  });

  it('throw from assertNever when an impossible branch is reached anyway', () => {
    expect(() => assertNever('refund' as never, 'split moment')).toThrow(new TypeError('unexpected split moment: "refund"'));
    // A programmer error is a TypeError or RangeError (README), not a plain Error.
    expect(() => assertNever('refund' as never)).toThrow(TypeError);
  });
});
