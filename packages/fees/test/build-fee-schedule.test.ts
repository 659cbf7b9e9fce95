import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_PAYMENT_TYPES,
  buildFeeSchedule,
  hasPaymentType,
  type FeeScheduleErrorCode,
  type FeeScheduleInput,
} from '@kanjo/fees';
import {
  feeScheduleInputArbitrary,
  invalidPaymentTypeArbitrary,
  invalidRateTextArbitrary,
  paymentTypeArbitrary,
} from '@kanjo/fees/testing';

const KOMOJU: FeeScheduleInput = {
  paymentMethods: {
    konbini: { feeRate: '2.75%', customerFee: 190 },
    credit_card: { feeRate: '3.6%' },
    bank_transfer: { feeRate: '1.5%', fixedFee: 40, customerFee: 0 },
  },
};

function codeOf(input: unknown): FeeScheduleErrorCode | 'accepted' {
  const result = buildFeeSchedule(input as FeeScheduleInput);
  return result.ok ? 'accepted' : result.error.code;
}

function messageOf(input: unknown): string {
  const result = buildFeeSchedule(input as FeeScheduleInput);
  return result.ok ? '' : result.error.message;
}

describe('buildFeeSchedule', () => {
  it('applies the defaults: 10% tax, a 300 refund request fee, half-up rounding', () => {
    const schedule = buildFeeSchedule(KOMOJU);
    expect(schedule.ok).toBe(true);
    if (!schedule.ok) return;
    expect(schedule.value.taxRate).toEqual({ text: '10%', numerator: 1, denominator: 10 });
    expect(schedule.value.refundRequestFee).toBe(300);
    expect(schedule.value.rounding).toBe('half_up');
  });

  it('lists payment types sorted, whatever the key order of the input', () => {
    const schedule = buildFeeSchedule(KOMOJU);
    expect(schedule.ok && schedule.value.paymentTypes).toEqual(['bank_transfer', 'credit_card', 'konbini']);
  });

  it('holds each method with its parsed rate, fixed part (0 by default) and customer fee (undefined by default)', () => {
    const schedule = buildFeeSchedule(KOMOJU);
    if (!schedule.ok) throw new Error(schedule.error.message);
    expect(schedule.value.paymentMethods['konbini']).toEqual({
      paymentType: 'konbini',
      feeRate: { text: '2.75%', numerator: 275, denominator: 10_000 },
      fixedFee: 0,
      customerFee: 190,
    });
    expect(schedule.value.paymentMethods['credit_card']?.customerFee).toBeUndefined();
    expect(schedule.value.paymentMethods['bank_transfer']?.fixedFee).toBe(40);
  });

  it('takes a tax rate, refund request fee and rounding mode when given', () => {
    const schedule = buildFeeSchedule({ ...KOMOJU, taxRate: '8%', refundRequestFee: 0, rounding: 'half_even' });
    expect(schedule.ok && [schedule.value.taxRate.text, schedule.value.refundRequestFee, schedule.value.rounding]).toEqual(['8%', 0, 'half_even']);
  });

  it('is frozen all the way down', () => {
    const schedule = buildFeeSchedule(KOMOJU);
    if (!schedule.ok) throw new Error(schedule.error.message);
    const { value } = schedule;
    for (const part of [value, value.paymentTypes, value.paymentMethods, value.taxRate, value.paymentMethods['konbini']]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });

  it('does not depend on the input after it is built', () => {
    const methods: Record<string, { feeRate: string }> = { credit_card: { feeRate: '3.6%' } };
    const schedule = buildFeeSchedule({ paymentMethods: methods });
    methods['credit_card'] = { feeRate: '99%' };
    methods['konbini'] = { feeRate: '1%' };
    expect(schedule.ok && schedule.value.paymentMethods['credit_card']?.feeRate.text).toBe('3.6%');
    expect(schedule.ok && hasPaymentType(schedule.value, 'konbini')).toBe(false);
  });

  it('stores -0 amounts as 0', () => {
    const schedule = buildFeeSchedule({ paymentMethods: { konbini: { feeRate: '1%', fixedFee: -0, customerFee: -0 } }, refundRequestFee: -0 });
    if (!schedule.ok) throw new Error(schedule.error.message);
    expect(Object.is(schedule.value.refundRequestFee, 0)).toBe(true);
    expect(Object.is(schedule.value.paymentMethods['konbini']?.fixedFee, 0)).toBe(true);
    expect(Object.is(schedule.value.paymentMethods['konbini']?.customerFee, 0)).toBe(true);
  });

  it('accepts a schedule with no payment types (every fee look-up then rejects)', () => {
    const schedule = buildFeeSchedule({ paymentMethods: {} });
    expect(schedule.ok && schedule.value.paymentTypes).toEqual([]);
  });

  describe('rejections, each with its own code', () => {
    it.each([['half_down'], ['HALF_UP'], [''], ['round'], [1], [null]])('rounding %j is rounding_mode_unknown', (rounding) => {
      expect(codeOf({ ...KOMOJU, rounding })).toBe('rounding_mode_unknown');
      expect(messageOf({ ...KOMOJU, rounding })).toMatch(/^rounding: /);
    });

    it.each<[string, FeeScheduleErrorCode]>([
      ['3.6', 'rate_malformed'],
      ['abc', 'rate_malformed'],
      ['1e-2%', 'rate_malformed'],
      ['', 'rate_malformed'],
      ['-1%', 'rate_negative'],
      ['100.01%', 'rate_above_100_percent'],
      ['3.1234567%', 'rate_too_precise'],
    ])('feeRate %j is %s, and the message names the payment type and field', (feeRate, code) => {
      const input = { paymentMethods: { ...KOMOJU.paymentMethods, konbini: { feeRate } } };
      expect(codeOf(input)).toBe(code);
      expect(messageOf(input)).toMatch(/^paymentMethods\.konbini\.feeRate: /);
    });

    it.each<[unknown, FeeScheduleErrorCode]>([
      ['10', 'rate_malformed'],
      [0.1, 'rate_malformed'],
      ['-10%', 'rate_negative'],
      ['110%', 'rate_above_100_percent'],
      ['10.0000001%', 'rate_too_precise'],
      [null, 'rate_malformed'],
    ])('taxRate %j is %s', (taxRate, code) => {
      expect(codeOf({ ...KOMOJU, taxRate })).toBe(code);
      expect(messageOf({ ...KOMOJU, taxRate })).toMatch(/^taxRate: /);
    });

    it('a method that is not an object has no feeRate: rate_malformed', () => {
      expect(codeOf({ paymentMethods: { konbini: '2.75%' } })).toBe('rate_malformed');
      expect(codeOf({ paymentMethods: { konbini: null } })).toBe('rate_malformed');
    });

    it.each([[''], ['Credit_Card'], ['credit card'], ['credit-card'], ['1konbini'], ['_konbini'], ['__proto__'], ['a'.repeat(65)]])(
      'payment type %j is payment_type_invalid',
      (paymentType) => {
        const input = { paymentMethods: Object.fromEntries([[paymentType, { feeRate: '1%' }]]) };
        expect(codeOf(input)).toBe('payment_type_invalid');
        expect(messageOf(input)).toContain(`paymentMethods[${JSON.stringify(paymentType)}]`);
      },
    );

    it('more than MAX_PAYMENT_TYPES payment types is payment_type_invalid', () => {
      const many = (count: number) => ({ paymentMethods: Object.fromEntries(Array.from({ length: count }, (_, i) => [`type_${i}`, { feeRate: '1%' }])) });
      expect(codeOf(many(MAX_PAYMENT_TYPES))).toBe('accepted');
      expect(codeOf(many(MAX_PAYMENT_TYPES + 1))).toBe('payment_type_invalid');
    });

    it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [Number.MAX_SAFE_INTEGER + 1], ['100'], [null], [100n]])(
      'an amount of %s is fee_amount_invalid in fixedFee, customerFee and refundRequestFee',
      (amount) => {
        const fixed = { paymentMethods: { konbini: { feeRate: '1%', fixedFee: amount } } };
        const customer = { paymentMethods: { konbini: { feeRate: '1%', customerFee: amount } } };
        const refund = { paymentMethods: {}, refundRequestFee: amount };
        expect([codeOf(fixed), codeOf(customer), codeOf(refund)]).toEqual(['fee_amount_invalid', 'fee_amount_invalid', 'fee_amount_invalid']);
        expect(messageOf(fixed)).toMatch(/^paymentMethods\.konbini\.fixedFee: /);
        expect(messageOf(customer)).toMatch(/^paymentMethods\.konbini\.customerFee: /);
      },
    );

    it('checks in a fixed order: rounding, taxRate, refundRequestFee, then payment types sorted, each name, feeRate, fixedFee, customerFee', () => {
      const everythingWrong = {
        rounding: 'nope',
        taxRate: 'nope',
        refundRequestFee: -1,
        paymentMethods: { zzz: { feeRate: 'nope' }, aaa: { feeRate: '-1%', fixedFee: -1, customerFee: -1 }, 'B-B': { feeRate: '1%' } },
      };
      expect(codeOf(everythingWrong)).toBe('rounding_mode_unknown');
      expect(codeOf({ ...everythingWrong, rounding: 'floor' })).toBe('rate_malformed');
      expect(codeOf({ ...everythingWrong, rounding: 'floor', taxRate: '10%' })).toBe('fee_amount_invalid');
      // Sorted by code unit, 'B-B' comes first.
      expect(codeOf({ ...everythingWrong, rounding: 'floor', taxRate: '10%', refundRequestFee: 1 })).toBe('payment_type_invalid');
      const methodsOnly = { paymentMethods: { zzz: { feeRate: 'nope' }, aaa: { feeRate: '-1%', fixedFee: -1, customerFee: -1 } } };
      expect(codeOf(methodsOnly)).toBe('rate_negative');
      expect(codeOf({ paymentMethods: { aaa: { feeRate: '1%', fixedFee: -1, customerFee: 1.5 } } })).toBe('fee_amount_invalid');
      expect(messageOf({ paymentMethods: { aaa: { feeRate: '1%', fixedFee: -1, customerFee: 1.5 } } })).toMatch(/fixedFee/);
    });

    it('throws a TypeError on a missing input or paymentMethods (a programmer error, not a rejection)', () => {
      expect(() => buildFeeSchedule(undefined as unknown as FeeScheduleInput)).toThrow(TypeError);
      expect(() => buildFeeSchedule({} as unknown as FeeScheduleInput)).toThrow(TypeError);
      expect(() => buildFeeSchedule({ paymentMethods: [] } as unknown as FeeScheduleInput)).toThrow(TypeError);
    });
  });

  it('every generated schedule input builds, sorted, holding exactly its payment types', () => {
    fc.assert(
      fc.property(feeScheduleInputArbitrary(), (input) => {
        const schedule = buildFeeSchedule(input);
        if (!schedule.ok) return false;
        const expected = Object.keys(input.paymentMethods).sort();
        return (
          JSON.stringify(schedule.value.paymentTypes) === JSON.stringify(expected) &&
          expected.every((paymentType) => hasPaymentType(schedule.value, paymentType))
        );
      }),
      { numRuns: 500 },
    );
  });

  it('an invalid payment type name anywhere in a schedule is rejected as payment_type_invalid', () => {
    fc.assert(
      fc.property(feeScheduleInputArbitrary(), invalidPaymentTypeArbitrary(), (input, paymentType) => {
        const paymentMethods = Object.fromEntries([...Object.entries(input.paymentMethods), [paymentType, { feeRate: '1%' }]]);
        return codeOf({ ...input, paymentMethods }) === 'payment_type_invalid';
      }),
    );
  });

  it('an invalid fee rate in any method is rejected with that rate’s code, naming the method and field', () => {
    fc.assert(
      fc.property(paymentTypeArbitrary(), invalidRateTextArbitrary(), ({ length }, { text, code }) => {
        const paymentType = `method_${length}`;
        const input = { paymentMethods: { [paymentType]: { feeRate: text } } };
        return codeOf(input) === code && messageOf(input).startsWith(`paymentMethods.${paymentType}.feeRate: `);
      }),
      { numRuns: 500 },
    );
  });
});

describe('hasPaymentType', () => {
  const schedule = buildFeeSchedule(KOMOJU);
  if (!schedule.ok) throw new Error(schedule.error.message);

  it.each([['konbini'], ['credit_card'], ['bank_transfer']])('has %s', (paymentType) => {
    expect(hasPaymentType(schedule.value, paymentType)).toBe(true);
  });

  it.each([['alipay'], [''], ['Konbini'], ['constructor'], ['toString'], ['__proto__'], ['hasOwnProperty']])('does not have %j', (paymentType) => {
    expect(hasPaymentType(schedule.value, paymentType)).toBe(false);
  });
});

describe('buildFeeSchedule and a field set on Object.prototype by other code (prototype pollution)', () => {
  const POLLUTIONS: readonly (readonly [string, unknown])[] = [
    ['taxRate', '50%'],
    ['rounding', 'floor'],
    ['refundRequestFee', 5],
    ['fixedFee', 40],
    ['customerFee', 190],
  ];

  it.each(POLLUTIONS)('Object.prototype.%s is not read as a field the input leaves out', (name, value) => {
    Object.defineProperty(Object.prototype, name, { value, writable: true, configurable: true, enumerable: true });
    try {
      const schedule = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%' } } });
      if (!schedule.ok) throw new Error(schedule.error.message);
      expect(schedule.value).toMatchObject({ taxRate: { text: '10%' }, rounding: 'half_up', refundRequestFee: 300 });
      expect(schedule.value.paymentMethods['credit_card']).toMatchObject({ fixedFee: 0, customerFee: undefined });
    } finally {
      delete (Object.prototype as Record<string, unknown>)[name];
    }
  });

  it('a field of the input\'s own class (a getter) is still read', () => {
    class Settings {
      readonly paymentMethods = { credit_card: { feeRate: '3.6%' } };
      get taxRate(): string {
        return '8%';
      }
    }
    const schedule = buildFeeSchedule(new Settings());
    expect(schedule.ok && schedule.value.taxRate.text).toBe('8%');
  });
});
