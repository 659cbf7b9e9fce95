import fc from 'fast-check';
import { buildFeeSchedule, processingFee, processingFeeCalculator, type ProcessingFeeCalculator } from '@kanjo/fees';
import { describe, expect, it } from 'vitest';

// Review of the session-27 fix in compile-rounded-product.ts: `typeof value !== 'number'` sends
// any non-number to the slow path (RangeError naming the value by describeValue) before the
// fast path's `>=` could convert it. TSDoc of ProcessingFeeCalculator.fee/tax and README
// ("misuse throws a RangeError ... an amount (or fee) that is not a non-negative safe integer").

function calculator(rounding?: 'floor' | 'ceiling' | 'half_up' | 'half_even'): ProcessingFeeCalculator {
  const schedule = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%', fixedFee: 10 } }, ...(rounding === undefined ? {} : { rounding }) });
  if (!schedule.ok) throw new Error(schedule.error.message);
  const built = processingFeeCalculator(schedule.value, 'credit_card');
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

const FEE = 'credit_card processing fee: amount must be a non-negative safe integer in minor units, got ';
const TAX = 'credit_card processing fee tax: fee must be a non-negative safe integer in minor units, got ';

/** What `call(value)` threw: its class and message, or what it returned. */
function outcome(call: (value: number) => number, value: unknown): string {
  try {
    return `returned ${String(call(value as number))}`;
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

describe('the fee calculator on values that are not amounts', () => {
  const { fee, tax } = calculator();
  const cases: readonly [string, unknown, string][] = [
    ['bigint', 5n, 'the bigint 5n'],
    ['boxed Number', new Number(1000), 'an object'],
    ['boxed Number 0', Object(0), 'an object'],
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['-Infinity', Number.NEGATIVE_INFINITY, '-Infinity'],
    ['2**53', 2 ** 53, '9007199254740992'],
    ['-1', -1, '-1'],
    ['1.5', 1.5, '1.5'],
    ['string "1000"', '1000', 'the string "1000"'],
    ['empty string', '', 'the string ""'],
    ['true', true, 'the boolean true'],
    ['undefined', undefined, 'nothing (undefined)'],
    ['null', null, 'null'],
    ['symbol', Symbol('x'), 'a symbol'],
    ['function', () => 1000, 'a function'],
    ['array [1000]', [1000], 'an array'],
    ['Date', new Date(1000), 'an object'],
  ];
  it.each(cases)('%s: fee and tax throw the RangeError naming it', (_name, value, described) => {
    expect(outcome(fee, value)).toBe(`RangeError: ${FEE}${described}`);
    expect(outcome(tax, value)).toBe(`RangeError: ${TAX}${described}`);
  });

  it('-0 is the amount 0: fee 0 + fixed 10, tax 0, and neither is -0', () => {
    expect(Object.is(fee(-0), 10)).toBe(true);
    expect(Object.is(tax(-0), 0)).toBe(true);
  });

  it('2**53 - 1 (the last safe integer) has its exact fee and tax, as processingFee gives them', () => {
    const schedule = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%', fixedFee: 10 } } });
    if (!schedule.ok) throw new Error('schedule');
    const expected = processingFee(schedule.value, 'credit_card', Number.MAX_SAFE_INTEGER);
    expect(expected.ok && [expected.value.fee.amount, expected.value.tax.amount]).toEqual([fee(Number.MAX_SAFE_INTEGER), tax(fee(Number.MAX_SAFE_INTEGER))]);
  });

  it('an object with valueOf is not converted: its valueOf and Symbol.toPrimitive never run', () => {
    let calls = 0;
    const sneaky = {
      valueOf() {
        calls += 1;
        return 1000;
      },
      [Symbol.toPrimitive]() {
        calls += 1;
        return 1000;
      },
    };
    expect(outcome(fee, sneaky)).toBe(`RangeError: ${FEE}an object`);
    expect(outcome(tax, sneaky)).toBe(`RangeError: ${TAX}an object`);
    expect(calls).toBe(0);
  });

  it('for every value that is not a number, every rounding mode: fee and tax throw a RangeError "got <what it is>", converting nothing', () => {
    const calculators = (['floor', 'ceiling', 'half_up', 'half_even'] as const).map((mode) => calculator(mode));
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withDate: true }).filter((value) => typeof value !== 'number'), (value) => {
        for (const { fee: f, tax: t } of calculators) {
          const fee = outcome(f, value);
          const tax = outcome(t, value);
          expect(fee.startsWith(`RangeError: ${FEE}`)).toBe(true);
          expect(tax.slice(`RangeError: ${TAX}`.length)).toBe(fee.slice(`RangeError: ${FEE}`.length));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('for every number: the calculator answers as processingFee does (the fee and tax, or a RangeError where it rejects)', () => {
    const schedule = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%', fixedFee: 10 } } });
    if (!schedule.ok) throw new Error('schedule');
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(-0, 0, 2 ** 53, 2 ** 53 - 1, Math.floor(Number.MAX_SAFE_INTEGER / 36_000))), (amount) => {
        const result = processingFee(schedule.value, 'credit_card', amount);
        if (result.ok) {
          expect([fee(amount), tax(fee(amount))]).toEqual([result.value.fee.amount, result.value.tax.amount]);
        } else {
          expect(outcome(fee, amount)).toMatch(/^RangeError: credit_card processing fee: /);
        }
      }),
      { numRuns: 500 },
    );
  });
});
