import { runInNewContext } from 'node:vm';
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
} from '@kanjo/fees';

// Regressions from a sentence-by-sentence review of packages/fees/README.md and the TSDoc of
// every export, read as a service that embeds @kanjo/fees alone would read them, with the
// amounts cross-checked against DOMAIN.md and shared/examples.

function build(input: FeeScheduleInput): FeeSchedule {
  const schedule = buildFeeSchedule(input);
  if (!schedule.ok) throw new Error(schedule.error.message);
  return schedule.value;
}

const SCHEDULE = build({
  paymentMethods: {
    credit_card: { feeRate: '3.6%' },
    konbini: { feeRate: '2.75%', customerFee: 190 },
    bank_transfer: { feeRate: '1.5%', fixedFee: 40 },
  },
});

describe('payment_type_not_in_schedule quotes the payment type it was sent as one short line', () => {
  // The payment type comes from a request (the payment's payment_type). It was echoed with
  // JSON.stringify: whole (a 100,000-character type gave a 100,090-character message), with
  // U+2028 raw, and a bigint from untyped code threw "Do not know how to serialize a BigInt".
  const lookups = [
    ['processingFee', (type: string) => processingFee(SCHEDULE, type, 1_000)],
    ['customerFee', (type: string) => customerFee(SCHEDULE, type)],
    ['refundedCustomerFee', (type: string) => refundedCustomerFee(SCHEDULE, type)],
    ['processingFeeCalculator', (type: string) => processingFeeCalculator(SCHEDULE, type)],
  ] as const;

  it.each(lookups)('%s: a 100,000-character payment type is cut in the message', (_, lookup) => {
    const result = lookup('x'.repeat(100_000));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('payment_type_not_in_schedule');
    expect(result.error.message.length).toBeLessThan(300);
    expect(result.error.message).toContain('(it has: bank_transfer, credit_card, konbini)');
  });

  it.each(lookups)('%s: a line separator or C1 control in the payment type is escaped', (_, lookup) => {
    const result = lookup('konbini\u2028\u0085');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(result.error.message).toContain('"konbini\\u2028\\u0085"');
  });

  it.each(lookups)('%s: a payment type that is not a string (from untyped code) is a rejection, not a TypeError', (_, lookup) => {
    const result = lookup(10n as unknown as string);
    expect(result.ok ? 'accepted' : result.error.code).toBe('payment_type_not_in_schedule');
  });

  it('an ordinary unknown type reads as before', () => {
    const result = processingFee(SCHEDULE, 'alipay', 1_000);
    expect(result).toEqual({
      ok: false,
      error: { code: 'payment_type_not_in_schedule', message: 'payment type "alipay" has no fees in this schedule (it has: bank_transfer, credit_card, konbini)' },
    });
  });
});

describe('the README\'s amounts, checked against DOMAIN.md and shared/examples', () => {
  it('DOMAIN "Money": 5000 × 2.75% = 137.5 → 138; 138 × 10% = 13.8 → 14 (tax on the rounded fee)', () => {
    expect(processingFee(SCHEDULE, 'konbini', 5_000)).toEqual({
      ok: true,
      value: { fee: { type: 'Processing Fee', amount: 138 }, tax: { type: 'Processing Fee Tax', amount: 14 } },
    });
  });

  it('examples: 3.6% of ¥1,000 is ¥36 + ¥4, of ¥5,000 ¥180 + ¥18, of ¥50,000 ¥1,800 + ¥180', () => {
    const pairs = [1_000, 5_000, 50_000].map((amount) => {
      const result = processingFee(SCHEDULE, 'credit_card', amount);
      return result.ok ? [result.value.fee.amount, result.value.tax.amount] : result.error.code;
    });
    expect(pairs).toEqual([[36, 4], [180, 18], [1_800, 180]]);
  });

  it('seed-konbini-refund-request: Refund Fee 300 + 30, Refunded Customer Fee 190 + 19', () => {
    expect(refundRequestFee(SCHEDULE)).toEqual({ fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } });
    expect(refundedCustomerFee(SCHEDULE, 'konbini')).toEqual({
      ok: true,
      value: { fee: { type: 'Refunded Customer Fee', amount: 190 }, tax: { type: 'Refunded Customer Fee Tax', amount: 19 } },
    });
  });

  it('the README\'s rate examples: "3.60%" is 36/1000, "100.000000%" is 1/1, and the rejected forms', () => {
    expect(parseRate('3.60%')).toEqual({ ok: true, value: { text: '3.60%', numerator: 36, denominator: 1_000 } });
    expect(parseRate('100.000000%')).toEqual({ ok: true, value: { text: '100.000000%', numerator: 1, denominator: 1 } });
    const codes = ['1e-2', '1e-2%', ' 3.6%', '3.6% ', '+3%', '３.６%', '3,6%', '100.0001%', '100.0000000%', '-0%'].map((text) => {
      const result = parseRate(text);
      return result.ok ? 'accepted' : result.error.code;
    });
    expect(codes).toEqual([
      'rate_malformed',
      'rate_malformed',
      'rate_malformed',
      'rate_malformed',
      'rate_malformed',
      'rate_malformed',
      'rate_malformed',
      'rate_above_100_percent',
      'rate_too_precise',
      'rate_negative',
    ]);
  });
});

describe('buildFeeSchedule: paymentMethods must be a plain object, as its TypeError says', () => {
  // A Map (or a class instance) passed the "is an object" check and gave a schedule with no
  // payment types at all: every fee then failed later with payment_type_not_in_schedule, far
  // from the mistake.
  it('a Map of payment methods throws a TypeError at once', () => {
    const methods = new Map([['credit_card', { feeRate: '3.6%' }]]);
    expect(() => buildFeeSchedule({ paymentMethods: methods as never })).toThrow(TypeError);
    expect(() => buildFeeSchedule({ paymentMethods: methods as never })).toThrow('buildFeeSchedule: expected paymentMethods to be a plain object (a literal, or one without a prototype), got a Map');
  });

  it('an object made in another realm (a vm context, as some test runners use) is a plain object too', () => {
    const methods = runInNewContext("({ credit_card: { feeRate: '3.6%' } })") as Record<string, unknown>;
    expect(Object.getPrototypeOf(methods)).not.toBe(Object.prototype);
    expect(build({ paymentMethods: methods as never }).paymentTypes).toEqual(['credit_card']);
    expect(() => buildFeeSchedule({ paymentMethods: runInNewContext("new Map([['credit_card', { feeRate: '3.6%' }]])") as never })).toThrow(TypeError);
  });

  it('an object without a prototype (as parsed JSON may be) is still a plain object', () => {
    const methods = Object.assign(Object.create(null) as Record<string, unknown>, { credit_card: { feeRate: '3.6%' } });
    expect(build({ paymentMethods: methods as never }).paymentTypes).toEqual(['credit_card']);
  });
});
