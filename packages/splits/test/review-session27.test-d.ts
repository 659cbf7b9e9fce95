import { RejectionError, unwrap, type Result } from '@kanjo/splits';
import { describe, expectTypeOf, it } from 'vitest';

// A consumer's narrowing with `instanceof RejectionError`: its static [Symbol.hasInstance]
// returns boolean (not a type predicate), so TypeScript narrows by the class's prototype type,
// RejectionError<any>, exactly as it did before the fix (checked against 8b12519's build).
describe('instanceof RejectionError narrows in a consumer', () => {
  it('narrows unknown to RejectionError<any>, and a subclass to itself', () => {
    const result: Result<number, 'split_required'> = { ok: false, error: { code: 'split_required', message: 'x' } };
    try {
      unwrap(result);
    } catch (error: unknown) {
      if (error instanceof RejectionError) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- what the prototype's type is
        expectTypeOf(error).toEqualTypeOf<RejectionError<any>>();
        expectTypeOf(error.message).toEqualTypeOf<string>();
      } else {
        expectTypeOf(error).toEqualTypeOf<unknown>();
      }
      class Mine extends RejectionError<'mine'> {}
      if (error instanceof Mine) expectTypeOf(error.code).toEqualTypeOf<'mine'>();
    }
  });
});
