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

  it('throw from assertNever when an impossible branch is reached anyway', () => {
    expect(() => assertNever('refund' as never, 'split moment')).toThrow(new TypeError('unexpected split moment: "refund"'));
    // A programmer error is a TypeError or RangeError (README), not a plain Error.
    expect(() => assertNever('refund' as never)).toThrow(TypeError);
  });
});
