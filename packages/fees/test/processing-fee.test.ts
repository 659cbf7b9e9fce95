import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFeeSchedule,
  customerFee,
  parseRate,
  processingFee,
  processingFeeCalculator,
  refundedCustomerFee,
  refundRequestFee,
  type FeeSchedule,
  type FeeScheduleInput,
  type FeeWithTax,
  type RoundingMode,
} from '@kanjo/fees';
import { amountNearEdgesArbitrary, rateTextArbitrary, roundingModeArbitrary } from '@kanjo/fees/testing';
import { referenceFeeSettings, referenceProcessingFee, referenceRoundedProduct, referenceTax } from './reference/processing-fee-reference.js';

function build(input: FeeScheduleInput): FeeSchedule {
  const schedule = buildFeeSchedule(input);
  if (!schedule.ok) throw new Error(schedule.error.message);
  return schedule.value;
}

function amounts(result: ReturnType<typeof processingFee>): readonly [number, number] | string {
  return result.ok ? [result.value.fee.amount, result.value.tax.amount] : result.error.code;
}

const KOMOJU = build({
  paymentMethods: {
    credit_card: { feeRate: '3.6%' },
    konbini: { feeRate: '2.75%', customerFee: 190 },
    bank_transfer: { feeRate: '1.5%', fixedFee: 40 },
  },
});

/** One payment type's schedule, with the settings the big.js reference needs. */
const caseArbitrary = fc
  .record({
    feeRate: rateTextArbitrary(),
    // The largest fixed fee only checks the overflow refusal; drawn as often as the others it took
    // a third of the runs from the amounts (review 183), so one case in ten.
    fixedFee: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 0, max: 1_000 }) }, { weight: 1, arbitrary: fc.constant(Number.MAX_SAFE_INTEGER) }),
    taxRate: rateTextArbitrary(),
    rounding: roundingModeArbitrary(),
  })
  .chain((settings) => {
    const rate = parseRate(settings.feeRate);
    if (!rate.ok) throw new Error(rate.error.message);
    return fc.record({ settings: fc.constant(settings), amount: amountNearEdgesArbitrary({ rate: rate.value }) });
  });

function scheduleOf(settings: { feeRate: string; fixedFee: number; taxRate: string; rounding: RoundingMode }): FeeSchedule {
  return build({ paymentMethods: { card: { feeRate: settings.feeRate, fixedFee: settings.fixedFee } }, taxRate: settings.taxRate, rounding: settings.rounding });
}

describe('processingFee', () => {
  describe('golden examples', () => {
    it('5000 at 2.75% is 137.5 → 138, and its tax 13.8 → 14 (tax on the rounded fee)', () => {
      expect(processingFee(KOMOJU, 'konbini', 5000)).toEqual({
        ok: true,
        value: { fee: { type: 'Processing Fee', amount: 138 }, tax: { type: 'Processing Fee Tax', amount: 14 } },
      });
    });

    it('a ¥1,000 card payment at 3.6% pays a fee of 36 and a tax of 4', () => {
      expect(amounts(processingFee(KOMOJU, 'credit_card', 1000))).toEqual([36, 4]);
    });

    it('adds the fixed part after rounding and before tax: 10,001 at 1.5% + 40 is 150 + 40 = 190, tax 19', () => {
      // 10,001 × 1.5% = 150.015 → 150; taxing 150 alone would give 15, not 19.
      expect(amounts(processingFee(KOMOJU, 'bank_transfer', 10_001))).toEqual([190, 19]);
    });

    it('an amount of 0 pays only the fixed part', () => {
      expect(amounts(processingFee(KOMOJU, 'credit_card', 0))).toEqual([0, 0]);
      expect(amounts(processingFee(KOMOJU, 'bank_transfer', 0))).toEqual([40, 4]);
    });

    it('-0 is treated as 0 and never shows as -0', () => {
      const result = processingFee(KOMOJU, 'credit_card', -0);
      expect(result.ok && Object.is(result.value.fee.amount, 0) && Object.is(result.value.tax.amount, 0)).toBe(true);
    });

    it('computes exactly beyond the float-safe product: MAX_SAFE_INTEGER at 3.6%', () => {
      // 9007199254740991 × 0.036 = 324259173170675.676 → 324259173170676; tax 32425917317067.6 → 32425917317068
      expect(amounts(processingFee(KOMOJU, 'credit_card', Number.MAX_SAFE_INTEGER))).toEqual([324_259_173_170_676, 32_425_917_317_068]);
    });
  });

  describe('rounding modes, always by name', () => {
    // 4,600 × 2.75% = 126.5 (a half), fee 127 or 126; the tax of 127 is 12.7, of 126 is 12.6.
    it.each<[RoundingMode, number, number]>([
      ['half_up', 127, 13],
      ['half_even', 126, 13],
      ['floor', 126, 12],
      ['ceiling', 127, 13],
    ])('%s: 4,600 at 2.75% → fee %i, tax %i', (rounding, fee, tax) => {
      const schedule = build({ paymentMethods: { konbini: { feeRate: '2.75%' } }, rounding });
      expect(amounts(processingFee(schedule, 'konbini', 4600))).toEqual([fee, tax]);
    });

    it.each<[RoundingMode, number]>([
      ['half_up', 2],
      ['half_even', 2],
      ['floor', 1],
      ['ceiling', 2],
    ])('%s: a tax of exactly 1.5 (a fee of 15 taxed at 10 percent) → %i', (rounding, tax) => {
      const schedule = build({ paymentMethods: { card: { feeRate: '1%', fixedFee: 15 } }, rounding });
      expect(amounts(processingFee(schedule, 'card', 0))).toEqual([15, tax]);
    });

    it('half_even rounds 2.5 down to the even 2 and 3.5 up to 4', () => {
      const schedule = build({ paymentMethods: { card: { feeRate: '50%' } }, rounding: 'half_even' });
      expect(amounts(processingFee(schedule, 'card', 5))).toEqual([2, 0]);
      expect(amounts(processingFee(schedule, 'card', 7))).toEqual([4, 0]);
    });
  });

  describe('rejections', () => {
    it.each([['alipay'], [''], ['Konbini'], ['constructor'], ['__proto__']])('payment type %j is payment_type_not_in_schedule', (paymentType) => {
      const result = processingFee(KOMOJU, paymentType, 1000);
      expect(!result.ok && result.error.code).toBe('payment_type_not_in_schedule');
      expect(!result.ok && result.error.message).toContain('bank_transfer, credit_card, konbini');
    });

    it.each([[1.5], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], [Number.MAX_SAFE_INTEGER + 1], ['1000' as unknown as number]])(
      'amount %s is amount_not_safe_integer',
      (amount) => {
        const result = processingFee(KOMOJU, 'credit_card', amount);
        expect(!result.ok && result.error.code).toBe('amount_not_safe_integer');
      },
    );

    it('an amount whose fee with the fixed part passes MAX_SAFE_INTEGER is amount_not_safe_integer', () => {
      const schedule = build({ paymentMethods: { card: { feeRate: '100%', fixedFee: 1 } } });
      expect(amounts(processingFee(schedule, 'card', Number.MAX_SAFE_INTEGER - 1))).toEqual([Number.MAX_SAFE_INTEGER, 900_719_925_474_099]);
      const result = processingFee(schedule, 'card', Number.MAX_SAFE_INTEGER);
      expect(!result.ok && result.error.code).toBe('amount_not_safe_integer');
      expect(!result.ok && result.error.message).toMatch(/exceeds MAX_SAFE_INTEGER/);
    });

    it('checks the payment type before the amount', () => {
      expect(amounts(processingFee(KOMOJU, 'alipay', -1))).toBe('payment_type_not_in_schedule');
    });
  });

  it('the fee and tax equal a straightforward big.js computation for every amount and rate, in all four rounding modes', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ settings, amount }) => {
        const reference = referenceFeeSettings(settings.feeRate, settings.fixedFee, settings.taxRate, settings.rounding);
        const expectedFee = referenceProcessingFee(reference, amount);
        const result = processingFee(scheduleOf(settings), 'card', amount);
        if (!Number.isSafeInteger(expectedFee)) return !result.ok && result.error.code === 'amount_not_safe_integer';
        return result.ok && result.value.fee.amount === expectedFee && result.value.tax.amount === referenceTax(reference, expectedFee);
      }),
      { numRuns: 5_000 },
    );
  });

  it('the fee never decreases as the amount grows, and once an amount is too large so is every larger one', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: 0, max: 1_000 }), ({ settings, amount }, step) => {
        const schedule = scheduleOf(settings);
        const larger = Math.min(amount + step, Number.MAX_SAFE_INTEGER);
        const a = processingFee(schedule, 'card', amount);
        const b = processingFee(schedule, 'card', larger);
        if (!a.ok) return !b.ok;
        return !b.ok || (a.value.fee.amount <= b.value.fee.amount && a.value.tax.amount <= b.value.tax.amount);
      }),
      { numRuns: 2_000 },
    );
  });

  it('with no fixed part and a rate up to 100%, 0 ≤ fee ≤ amount, and 0 ≤ tax ≤ fee', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ settings, amount }) => {
        const result = processingFee(scheduleOf({ ...settings, fixedFee: 0 }), 'card', amount);
        if (!result.ok) return false;
        const { fee, tax } = result.value;
        return fee.amount >= 0 && fee.amount <= amount && tax.amount >= 0 && tax.amount <= fee.amount;
      }),
      { numRuns: 2_000 },
    );
  });

  it('the tax is the rounded product of the rounded fee', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ settings, amount }) => {
        const result = processingFee(scheduleOf({ ...settings, fixedFee: 0 }), 'card', amount);
        if (!result.ok) return false;
        const roundedFee = referenceRoundedProduct(amount, settings.feeRate, settings.rounding);
        return (
          result.value.fee.amount === roundedFee &&
          result.value.tax.amount === referenceRoundedProduct(roundedFee, settings.taxRate, settings.rounding)
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('every result carries its record type names', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ settings, amount }) => {
        const result = processingFee(scheduleOf(settings), 'card', amount);
        return !result.ok || (result.value.fee.type === 'Processing Fee' && result.value.tax.type === 'Processing Fee Tax');
      }),
    );
  });
});

describe('processingFee of a payment type that is not text (from JavaScript)', () => {
  it('says the type must be a string naming one of the schedule\'s, not "payment type nothing has no fees" (review 151)', () => {
    const schedule = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%' } } });
    if (!schedule.ok) throw new Error(schedule.error.message);
    expect(processingFee(schedule.value, undefined as never, 5)).toEqual({
      ok: false,
      error: { code: 'payment_type_not_in_schedule', message: "the payment type must be a string naming one of the schedule's, not nothing (it has: credit_card)" },
    });
    expect(processingFee(schedule.value, 'paypay', 5)).toMatchObject({ error: { message: 'payment type "paypay" has no fees in this schedule (it has: credit_card)' } });
  });

  it('does not find a type named "undefined" or "null" for undefined or null (the lookup key is not stringified)', () => {
    const schedule = buildFeeSchedule({ paymentMethods: { undefined: { feeRate: '3.6%' }, null: { feeRate: '2%' } } });
    if (!schedule.ok) throw new Error(schedule.error.message);
    for (const notText of [undefined, null]) {
      expect(processingFee(schedule.value, notText as never, 1000)).toMatchObject({ ok: false, error: { code: 'payment_type_not_in_schedule' } });
      expect(processingFeeCalculator(schedule.value, notText as never)).toMatchObject({ ok: false, error: { code: 'payment_type_not_in_schedule' } });
    }
    expect(processingFee(schedule.value, 'undefined', 1000)).toMatchObject({ ok: true, value: { fee: { amount: 36 } } });
  });
});

describe('processingFeeCalculator', () => {
  it('gives the golden amounts', () => {
    const card = processingFeeCalculator(KOMOJU, 'credit_card');
    const konbini = processingFeeCalculator(KOMOJU, 'konbini');
    if (!card.ok || !konbini.ok) throw new Error('expected calculators');
    expect(card.value.paymentType).toBe('credit_card');
    expect([card.value.fee(1000), card.value.tax(36)]).toEqual([36, 4]);
    expect([konbini.value.fee(5000), konbini.value.tax(138)]).toEqual([138, 14]);
  });

  it('rejects a payment type not in the schedule', () => {
    const result = processingFeeCalculator(KOMOJU, 'alipay');
    expect(!result.ok && result.error.code).toBe('payment_type_not_in_schedule');
  });

  it.each([[1.5], [-1], [Number.NaN], [Number.MAX_SAFE_INTEGER + 1]])('throws a RangeError on the amount %s', (amount) => {
    const card = processingFeeCalculator(KOMOJU, 'credit_card');
    if (!card.ok) throw new Error(card.error.message);
    expect(() => card.value.fee(amount)).toThrow(RangeError);
    expect(() => card.value.tax(amount)).toThrow(RangeError);
  });

  it('gives exactly what processingFee gives, and throws exactly where it rejects', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ settings, amount }) => {
        const schedule = scheduleOf(settings);
        const calculator = processingFeeCalculator(schedule, 'card');
        if (!calculator.ok) return false;
        const expected: FeeWithTax | undefined = ((result) => (result.ok ? result.value : undefined))(processingFee(schedule, 'card', amount));
        let fee: number;
        try {
          fee = calculator.value.fee(amount);
        } catch (error) {
          return expected === undefined && error instanceof RangeError;
        }
        return expected !== undefined && fee === expected.fee.amount && calculator.value.tax(fee) === expected.tax.amount;
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('a schedule whose fields are not what buildFeeSchedule builds (saved as JSON and edited)', () => {
  const built = build({ paymentMethods: { card: { feeRate: '3.6%' } } });
  const edited = (edit: (schedule: { paymentMethods: { card: Record<string, unknown> }; taxRate: Record<string, unknown>; rounding: unknown }) => void): FeeSchedule => {
    const copy = JSON.parse(JSON.stringify(built)) as Parameters<typeof edit>[0];
    edit(copy);
    return copy as unknown as FeeSchedule;
  };
  // Each of these came out of the calculator as 37.5, NaN, Infinity, "3640", -4 or 44 (review 164).
  const cases: readonly [string, FeeSchedule, string][] = [
    ['a fractional fixed fee', edited((s) => { s.paymentMethods.card['fixedFee'] = 1.5; }), 'fee schedule paymentMethods.card.fixedFee must be a non-negative safe integer, got 1.5; build schedules with buildFeeSchedule'],
    ['a fixed fee as text', edited((s) => { s.paymentMethods.card['fixedFee'] = '40'; }), 'fee schedule paymentMethods.card.fixedFee must be a non-negative safe integer, got the string "40"; build schedules with buildFeeSchedule'],
    ['a negative fixed fee', edited((s) => { s.paymentMethods.card['fixedFee'] = -40; }), 'fee schedule paymentMethods.card.fixedFee must be a non-negative safe integer, got -40; build schedules with buildFeeSchedule'],
    ['a fee rate over 0', edited((s) => { (s.paymentMethods.card['feeRate'] as Record<string, unknown>)['denominator'] = 0; }), 'fee schedule paymentMethods.card.feeRate must be a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got 36/0; build schedules with buildFeeSchedule'],
    ['a fractional fee rate numerator', edited((s) => { (s.paymentMethods.card['feeRate'] as Record<string, unknown>)['numerator'] = 3.6; }), 'fee schedule paymentMethods.card.feeRate must be a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got 3.6/1000; build schedules with buildFeeSchedule'],
    ['a tax rate over 0', edited((s) => { s.taxRate['denominator'] = 0; }), 'fee schedule taxRate must be a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got 1/0; build schedules with buildFeeSchedule'],
    ['a tax rate above 100%', edited((s) => { s.taxRate['numerator'] = 20; }), 'fee schedule taxRate must be a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got 20/10; build schedules with buildFeeSchedule'],
    ['no tax rate', edited((s) => { delete (s as Partial<typeof s>).taxRate; }), 'fee schedule taxRate must be a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got nothing (undefined)/nothing (undefined); build schedules with buildFeeSchedule'],
    ['an unknown rounding mode', edited((s) => { s.rounding = 'HALF_UP'; }), 'fee schedule rounding must be one of half_up, half_even, floor, ceiling, got the string "HALF_UP"; build schedules with buildFeeSchedule'],
  ];

  it.each(cases)('with %s, building a calculator throws a RangeError naming the field', (_what, schedule, message) => {
    expect(() => processingFeeCalculator(schedule, 'card')).toThrow(new RangeError(message));
  });

  it.each(cases)('with %s, processingFee throws the same RangeError', (_what, schedule, message) => {
    expect(() => processingFee(schedule, 'card', 1000)).toThrow(new RangeError(message));
  });

  it('an entry that is not an object is named by the payment type asked for, not read as one (review 166: a TypeError)', () => {
    const nulled = edited((s) => { (s.paymentMethods as Record<string, unknown>)['card'] = null; });
    const message = 'fee schedule paymentMethods.card must be an object { paymentType, feeRate, fixedFee, customerFee }, got null; build schedules with buildFeeSchedule';
    expect(() => processingFee(nulled, 'card', 1000)).toThrow(new RangeError(message));
    expect(() => processingFeeCalculator(nulled, 'card')).toThrow(new RangeError(message));
    expect(() => customerFee(nulled, 'card')).toThrow(new RangeError(message));
    // Named by the key looked up, not by the entry's own paymentType (which may have been edited too).
    const renamed = edited((s) => { s.paymentMethods.card['paymentType'] = 'konbini'; s.paymentMethods.card['fixedFee'] = 1.5; });
    expect(() => processingFee(renamed, 'card', 1000)).toThrow('fee schedule paymentMethods.card.fixedFee must be');
  });

  it('the customer fee, its refund and the Refund Fee refuse the same tax rate and rounding, and their own fee fields (review 166: a 200% tax went through)', () => {
    const konbini = build({ paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 190 } } });
    const editedKonbini = (edit: (schedule: Record<string, unknown> & { paymentMethods: { konbini: Record<string, unknown> } }) => void): FeeSchedule => {
      const copy = JSON.parse(JSON.stringify(konbini)) as Parameters<typeof edit>[0];
      edit(copy);
      return copy as unknown as FeeSchedule;
    };
    const doubleTax = editedKonbini((s) => { s['taxRate'] = { text: '200%', numerator: 2, denominator: 1 }; });
    const taxMessage = 'fee schedule taxRate must be a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got 2/1; build schedules with buildFeeSchedule';
    expect(() => customerFee(doubleTax, 'konbini')).toThrow(new RangeError(taxMessage));
    expect(() => refundedCustomerFee(doubleTax, 'konbini')).toThrow(new RangeError(taxMessage));
    expect(() => refundRequestFee(doubleTax)).toThrow(new RangeError(taxMessage));
    const upper = editedKonbini((s) => { s['rounding'] = 'HALF_UP'; });
    expect(() => refundRequestFee(upper)).toThrow(new RangeError('fee schedule rounding must be one of half_up, half_even, floor, ceiling, got the string "HALF_UP"; build schedules with buildFeeSchedule'));
    const fractionalCustomerFee = editedKonbini((s) => { s.paymentMethods.konbini['customerFee'] = 1.5; });
    expect(() => customerFee(fractionalCustomerFee, 'konbini')).toThrow(new RangeError('fee schedule paymentMethods.konbini.customerFee must be a non-negative safe integer or absent, got 1.5; build schedules with buildFeeSchedule'));
    const fractionalRefundFee = editedKonbini((s) => { s['refundRequestFee'] = 1.5; });
    expect(() => refundRequestFee(fractionalRefundFee)).toThrow(new RangeError('fee schedule refundRequestFee must be a non-negative safe integer, got 1.5; build schedules with buildFeeSchedule'));
    // Unchanged, parsed back, the same fees as the built schedule.
    const parsedBack = editedKonbini(() => undefined);
    expect(customerFee(parsedBack, 'konbini')).toEqual(customerFee(konbini, 'konbini'));
    expect(refundRequestFee(parsedBack)).toEqual(refundRequestFee(konbini));
  });

  it('a rate of 0/0 is refused, fee rate or tax rate (review 169: with `denominator >= 0` the calculator gave NaN)', () => {
    const zeroOverZero = { text: 'x', numerator: 0, denominator: 0 };
    const feeRate = edited((s) => { s.paymentMethods.card['feeRate'] = zeroOverZero; });
    expect(() => processingFeeCalculator(feeRate, 'card')).toThrow(
      new RangeError('fee schedule paymentMethods.card.feeRate must be a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got 0/0; build schedules with buildFeeSchedule'),
    );
    const taxRate = edited((s) => { s.taxRate = zeroOverZero; });
    expect(() => processingFeeCalculator(taxRate, 'card')).toThrow(
      new RangeError('fee schedule taxRate must be a rate from parseRate (numerator ≤ denominator, both safe integers, denominator > 0), got 0/0; build schedules with buildFeeSchedule'),
    );
  });

  it('parsed back, rates of 100% and a method without a customer fee still work (review 169: the edges of the checks)', () => {
    const whole = JSON.parse(JSON.stringify(build({ paymentMethods: { card: { feeRate: '100%' } }, taxRate: '100%' }))) as FeeSchedule;
    expect(processingFee(whole, 'card', 1000)).toEqual({ ok: true, value: { fee: { type: 'Processing Fee', amount: 1000 }, tax: { type: 'Processing Fee Tax', amount: 1000 } } });
    const calculator = processingFeeCalculator(whole, 'card');
    expect(calculator.ok && calculator.value.fee(1000)).toBe(1000);
    // JSON leaves out `customerFee: undefined`: a method with none has no such field.
    expect(customerFee(whole, 'card')).toEqual({ ok: true, value: undefined });
    expect(refundedCustomerFee(whole, 'card')).toEqual({ ok: true, value: undefined });
  });

  it('a schedule saved as JSON and parsed back unchanged still works, with the same fees', () => {
    const parsedBack = JSON.parse(JSON.stringify(built)) as FeeSchedule;
    expect(processingFee(parsedBack, 'card', 1000)).toEqual(processingFee(built, 'card', 1000));
    const calculator = processingFeeCalculator(parsedBack, 'card');
    expect(calculator.ok && calculator.value.fee(1000)).toBe(36);
  });
});

describe('processingFee past MAX_SAFE_INTEGER through the fixed part', () => {
  it('says the fee with the fixed part overflowed, and what to lower, not that a small amount is too large', () => {
    const schedule = build({ paymentMethods: { card: { feeRate: '100%', fixedFee: Number.MAX_SAFE_INTEGER } } });
    const result = processingFee(schedule, 'card', 1);
    expect(result.ok || result.error).toEqual({
      code: 'amount_not_safe_integer',
      message: `amount: the card processing fee on 1 minor units, with the fixed part ${Number.MAX_SAFE_INTEGER}, exceeds MAX_SAFE_INTEGER minor units; lower the amount or the schedule's fixedFee`,
    });
  });
});
