import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFeeSchedule,
  customerFee,
  refundedCustomerFee,
  refundRequestFee,
  type FeeSchedule,
  type FeeScheduleInput,
  type RoundingMode,
} from '@kanjo/fees';
import { feeScheduleInputArbitrary } from '@kanjo/fees/testing';
import { referenceRoundedProduct } from './reference/processing-fee-reference.js';

function build(input: FeeScheduleInput): FeeSchedule {
  const schedule = buildFeeSchedule(input);
  if (!schedule.ok) throw new Error(schedule.error.message);
  return schedule.value;
}

const KOMOJU = build({
  paymentMethods: {
    credit_card: { feeRate: '3.6%' },
    konbini: { feeRate: '2.75%', customerFee: 190 },
    pay_easy: { feeRate: '2.75%', customerFee: 0 },
  },
});

describe('refundRequestFee', () => {
  it('is 300 and its tax 30 with the defaults', () => {
    expect(refundRequestFee(KOMOJU)).toEqual({ fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } });
  });

  it('follows the schedule’s refund request fee, tax rate and rounding', () => {
    const schedule = build({ paymentMethods: {}, refundRequestFee: 275, taxRate: '8%', rounding: 'floor' });
    // 275 × 8% = 22 exactly; with 10% it would be 27.5.
    expect(refundRequestFee(schedule)).toEqual({ fee: { type: 'Refund Fee', amount: 275 }, tax: { type: 'Refund Fee Tax', amount: 22 } });
    const halfEven = build({ paymentMethods: {}, refundRequestFee: 265, rounding: 'half_even' });
    expect(refundRequestFee(halfEven).tax.amount).toBe(26); // 26.5 → even 26
  });

  it('the refund fee tax is the rounded product of the refund fee and the tax rate', () => {
    fc.assert(
      fc.property(feeScheduleInputArbitrary(), (input) => {
        const schedule = build(input);
        const { fee, tax } = refundRequestFee(schedule);
        return fee.amount === schedule.refundRequestFee && tax.amount === referenceRoundedProduct(fee.amount, schedule.taxRate.text, schedule.rounding);
      }),
    );
  });
});

describe('customerFee', () => {
  it('charges a konbini customer fee of 190 and its tax of 19', () => {
    expect(customerFee(KOMOJU, 'konbini')).toEqual({
      ok: true,
      value: { fee: { type: 'Customer Fee', amount: 190 }, tax: { type: 'Customer Fee Tax', amount: 19 } },
    });
  });

  it('is undefined for a method without one, and 0 / 0 for a method with a customer fee of 0', () => {
    expect(customerFee(KOMOJU, 'credit_card')).toEqual({ ok: true, value: undefined });
    expect(customerFee(KOMOJU, 'pay_easy')).toEqual({
      ok: true,
      value: { fee: { type: 'Customer Fee', amount: 0 }, tax: { type: 'Customer Fee Tax', amount: 0 } },
    });
  });

  it.each<[RoundingMode, number]>([
    ['half_up', 19],
    ['half_even', 18],
    ['floor', 18],
    ['ceiling', 19],
  ])('%s rounds the tax of a 185 customer fee (18.5) to %i', (rounding, tax) => {
    const schedule = build({ paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 185 } }, rounding });
    const result = customerFee(schedule, 'konbini');
    expect(result.ok && result.value?.tax.amount).toBe(tax);
  });

  it('rejects a payment type not in the schedule', () => {
    const result = customerFee(KOMOJU, 'alipay');
    expect(!result.ok && result.error.code).toBe('payment_type_not_in_schedule');
  });
});

describe('refundedCustomerFee', () => {
  it('gives back the konbini customer fee of 190 and its tax of 19, as Refunded Customer Fee records', () => {
    expect(refundedCustomerFee(KOMOJU, 'konbini')).toEqual({
      ok: true,
      value: { fee: { type: 'Refunded Customer Fee', amount: 190 }, tax: { type: 'Refunded Customer Fee Tax', amount: 19 } },
    });
  });

  it('is undefined for a method without a customer fee', () => {
    expect(refundedCustomerFee(KOMOJU, 'credit_card')).toEqual({ ok: true, value: undefined });
  });

  it('rejects a payment type not in the schedule', () => {
    const result = refundedCustomerFee(KOMOJU, 'constructor');
    expect(!result.ok && result.error.code).toBe('payment_type_not_in_schedule');
  });

  it('gives back exactly what the customer fee charged, for every payment type of every schedule', () => {
    fc.assert(
      fc.property(feeScheduleInputArbitrary(), (input) => {
        const schedule = build(input);
        return schedule.paymentTypes.every((paymentType) => {
          const charged = customerFee(schedule, paymentType);
          const refunded = refundedCustomerFee(schedule, paymentType);
          if (!charged.ok || !refunded.ok) return false;
          if (charged.value === undefined || refunded.value === undefined) {
            return charged.value === undefined && refunded.value === undefined && input.paymentMethods[paymentType]?.customerFee === undefined;
          }
          return (
            charged.value.fee.amount === input.paymentMethods[paymentType]?.customerFee &&
            refunded.value.fee.amount === charged.value.fee.amount &&
            refunded.value.tax.amount === charged.value.tax.amount &&
            charged.value.tax.amount === referenceRoundedProduct(charged.value.fee.amount, schedule.taxRate.text, schedule.rounding)
          );
        });
      }),
      { numRuns: 500 },
    );
  });
});
