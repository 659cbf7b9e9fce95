import type { RoundingMode } from '@kanjo/splits';
import fc from 'fast-check';
import type { FeeScheduleInput, PaymentMethodFeeInput } from '../schedule/build-fee-schedule.js';
import { paymentTypeArbitrary } from './payment-type-arbitrary.js';
import { rateTextArbitrary } from './rate-text-arbitrary.js';
import { roundingModeArbitrary } from './rounding-mode-arbitrary.js';

/** Constraints of {@link feeScheduleInputArbitrary}. */
export interface FeeScheduleInputConstraints {
  /** The fewest payment types. Default `1`. */
  readonly minPaymentTypes?: number | undefined;
  /** The most payment types. Default `5`. */
  readonly maxPaymentTypes?: number | undefined;
  /** Whether payment methods may have a fixed part. Default `true`. */
  readonly withFixedFees?: boolean | undefined;
  /** The rounding mode to use; default: any of the four, or left out (meaning `half_up`). */
  readonly rounding?: RoundingMode | undefined;
}

/**
 * A valid {@link FeeScheduleInput}: a few payment types with rates biased to the edges,
 * sometimes a fixed part and a customer fee, and sometimes its own tax rate, refund request fee
 * and rounding mode (else the defaults apply). Optional fields are left out, never `undefined`.
 */
export function feeScheduleInputArbitrary(constraints: FeeScheduleInputConstraints = {}): fc.Arbitrary<FeeScheduleInput> {
  const withFixedFees = constraints.withFixedFees ?? true;
  const feeAmount = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.constantFrom(0, 40, 190, 300), fc.integer({ min: 0, max: 1_000_000_000 }));
  const method: fc.Arbitrary<PaymentMethodFeeInput> = withFixedFees
    ? fc.record({ feeRate: rateTextArbitrary(), fixedFee: feeAmount, customerFee: feeAmount }, { requiredKeys: ['feeRate'] })
    : fc.record({ feeRate: rateTextArbitrary(), customerFee: feeAmount }, { requiredKeys: ['feeRate'] });
  const rounding = constraints.rounding === undefined ? roundingModeArbitrary() : fc.constant(constraints.rounding);
  return fc.record(
    {
      paymentMethods: fc.dictionary(paymentTypeArbitrary(), method, {
        minKeys: constraints.minPaymentTypes ?? 1,
        maxKeys: constraints.maxPaymentTypes ?? 5,
      }),
      taxRate: rateTextArbitrary(),
      refundRequestFee: feeAmount,
      rounding,
    },
    { requiredKeys: constraints.rounding === undefined ? ['paymentMethods'] : ['paymentMethods', 'rounding'] },
  );
}
