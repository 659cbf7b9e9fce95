// Pins the contracted API (fees-contract.md) at the type level: the ledger is written against
// exactly these names and signatures, so a change here must be deliberate.
import { describe, expectTypeOf, it } from 'vitest';
import type { Result, RoundingMode as SplitsRoundingMode } from '@kanjo/splits';
import {
  buildFeeSchedule,
  customerFee,
  hasPaymentType,
  parseRate,
  processingFee,
  refundedCustomerFee,
  refundRequestFee,
  type FeeErrorCode,
  type FeeRecord,
  type FeeRecordType,
  type FeeSchedule,
  type FeeScheduleErrorCode,
  type FeeScheduleInput,
  type FeeWithTax,
  type PaymentMethodFeeInput,
  type Rate,
  type RateErrorCode,
  type RoundingMode,
} from '@kanjo/fees';

describe('the @kanjo/fees contract', () => {
  it('rates', () => {
    expectTypeOf<RateErrorCode>().toEqualTypeOf<'rate_malformed' | 'rate_negative' | 'rate_above_100_percent' | 'rate_too_precise'>();
    expectTypeOf<Rate>().toEqualTypeOf<{ readonly text: string; readonly numerator: number; readonly denominator: number }>();
    expectTypeOf(parseRate).toEqualTypeOf<(text: unknown, field?: string) => Result<Rate, RateErrorCode>>();
  });

  it('schedules', () => {
    expectTypeOf<PaymentMethodFeeInput>().toEqualTypeOf<{ readonly feeRate: string; readonly fixedFee?: number; readonly customerFee?: number }>();
    expectTypeOf<FeeScheduleInput>().toEqualTypeOf<{
      readonly paymentMethods: Readonly<Record<string, PaymentMethodFeeInput>>;
      readonly taxRate?: string;
      readonly refundRequestFee?: number;
      readonly rounding?: RoundingMode;
    }>();
    expectTypeOf<FeeSchedule['paymentTypes']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<FeeSchedule['taxRate']>().toEqualTypeOf<Rate>();
    expectTypeOf<FeeSchedule['refundRequestFee']>().toEqualTypeOf<number>();
    expectTypeOf<FeeSchedule['rounding']>().toEqualTypeOf<RoundingMode>();
    expectTypeOf<FeeScheduleErrorCode>().toEqualTypeOf<RateErrorCode | 'payment_type_invalid' | 'fee_amount_invalid' | 'rounding_mode_unknown'>();
    expectTypeOf(buildFeeSchedule).toEqualTypeOf<(input: FeeScheduleInput) => Result<FeeSchedule, FeeScheduleErrorCode>>();
    expectTypeOf(hasPaymentType).toEqualTypeOf<(schedule: FeeSchedule, paymentType: string) => boolean>();
    expectTypeOf<RoundingMode>().toEqualTypeOf<SplitsRoundingMode>();
  });

  it('fees', () => {
    expectTypeOf<FeeRecordType>().toEqualTypeOf<
      | 'Processing Fee'
      | 'Processing Fee Tax'
      | 'Refund Fee'
      | 'Refund Fee Tax'
      | 'Customer Fee'
      | 'Customer Fee Tax'
      | 'Refunded Customer Fee'
      | 'Refunded Customer Fee Tax'
    >();
    expectTypeOf<FeeRecord>().toEqualTypeOf<{ readonly type: FeeRecordType; readonly amount: number }>();
    expectTypeOf<FeeWithTax>().toEqualTypeOf<{ readonly fee: FeeRecord; readonly tax: FeeRecord }>();
    expectTypeOf<FeeErrorCode>().toEqualTypeOf<'payment_type_not_in_schedule' | 'amount_not_safe_integer'>();
    expectTypeOf(processingFee).toEqualTypeOf<(schedule: FeeSchedule, paymentType: string, amount: number) => Result<FeeWithTax, FeeErrorCode>>();
    expectTypeOf(refundRequestFee).toEqualTypeOf<(schedule: FeeSchedule) => FeeWithTax>();
    expectTypeOf(customerFee).toEqualTypeOf<
      (schedule: FeeSchedule, paymentType: string) => Result<FeeWithTax | undefined, 'payment_type_not_in_schedule'>
    >();
    expectTypeOf(refundedCustomerFee).toEqualTypeOf<
      (schedule: FeeSchedule, paymentType: string) => Result<FeeWithTax | undefined, 'payment_type_not_in_schedule'>
    >();
  });
});
