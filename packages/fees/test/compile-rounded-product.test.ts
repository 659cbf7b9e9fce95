import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplyDivide } from '@kanjo/splits';
import { parseRate, type Rate } from '@kanjo/fees';
import { amountNearEdgesArbitrary, rateTextArbitrary, roundingModeArbitrary } from '@kanjo/fees/testing';
import { compileRoundedProduct } from '../src/fees/compile-rounded-product.js';

// The calculator's hot path is its own compiled code, not multiplyDivide: it must agree with
// multiplyDivide everywhere, above all at the edge of the float-safe range where it hands over.

function rate(text: string): Rate {
  const parsed = parseRate(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const caseArbitrary = fc
  .tuple(rateTextArbitrary(), roundingModeArbitrary())
  .chain(([text, rounding]) => fc.record({ rate: fc.constant(rate(text)), rounding: fc.constant(rounding), value: amountNearEdgesArbitrary({ rate: rate(text) }) }));

describe('compileRoundedProduct', () => {
  it('equals multiplyDivide for every value and rate, in all four rounding modes', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ rate: { numerator, denominator, text }, rounding, value }) => {
        const compiled = compileRoundedProduct({ text, numerator, denominator }, rounding, 'amount');
        return compiled(value) === multiplyDivide(value, numerator, denominator, rounding);
      }),
      { numRuns: 5_000 },
    );
  });

  it('agrees on both sides of the float-safe bound of every rate', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), roundingModeArbitrary(), fc.integer({ min: -3, max: 3 }), (text, rounding, offset) => {
        const { numerator, denominator } = rate(text);
        const value = Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(Number.MAX_SAFE_INTEGER / Math.max(numerator, 1)) + offset));
        return compileRoundedProduct(rate(text), rounding, 'amount')(value) === multiplyDivide(value, numerator, denominator, rounding);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never returns -0', () => {
    expect(Object.is(compileRoundedProduct(rate('3.6%'), 'ceiling', 'amount')(-0), 0)).toBe(true);
  });

  it.each([[1.5], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], [Number.MAX_SAFE_INTEGER + 1]])('throws a RangeError naming the value on %s', (value) => {
    expect(() => compileRoundedProduct(rate('3.6%'), 'half_up', 'amount')(value)).toThrow(/^amount must be a non-negative safe integer/);
  });
});
