/**
 * The straightforward big.js version of the fee arithmetic, deliberately independent of
 * `src/`: it does not use parseRate's fraction, multiplyDivide, or anything else under test.
 * Every call builds big.js numbers (one per operand and intermediate): the obvious way to
 * write it, the oracle the property tests compare the fast path against, and the baseline
 * the benchmark measures it against.
 */
import Big from 'big.js';
import type { RoundingMode } from '@kanjo/splits';

type Decimal = InstanceType<typeof Reference>;

// Its own copy, so neither the global Big nor src's private copy is shared with the oracle.
// DP 40 is far beyond what a ≤ 6-decimal percentage over 100 needs: the division is exact.
const Reference = Big();
Reference.DP = 40;
Reference.RM = Reference.roundHalfUp;

const BIG_ROUNDING: Readonly<Record<RoundingMode, Big.RoundingMode>> = {
  // big.js names modes by direction relative to zero; amounts are never negative, so
  // "down" is floor and "up" is ceiling.
  half_up: Reference.roundHalfUp,
  half_even: Reference.roundHalfEven,
  floor: Reference.roundDown,
  ceiling: Reference.roundUp,
};

/** Rates and settings of one payment type, pre-parsed once (as a real big.js user would). */
export interface ReferenceFeeSettings {
  readonly feeRate: Decimal;
  readonly fixedFee: Decimal;
  readonly taxRate: Decimal;
  readonly roundingMode: Big.RoundingMode;
}

/** Parses `"3.6%"` as 3.6 / 100 with big.js (no validation: the oracle trusts its input). */
export function referenceRate(text: string): Decimal {
  return new Reference(text.slice(0, -1)).div(100);
}

/** Settings for {@link referenceProcessingFee} and {@link referenceTax}. */
export function referenceFeeSettings(feeRate: string, fixedFee: number, taxRate: string, rounding: RoundingMode): ReferenceFeeSettings {
  return { feeRate: referenceRate(feeRate), fixedFee: new Reference(fixedFee), taxRate: referenceRate(taxRate), roundingMode: BIG_ROUNDING[rounding] };
}

/**
 * round(amount × feeRate) + fixedFee, in big.js. Returned as a number: a fee beyond
 * MAX_SAFE_INTEGER comes back as a number that is not a safe integer, which tests check for.
 */
export function referenceProcessingFee(settings: ReferenceFeeSettings, amount: number): number {
  return new Reference(amount).times(settings.feeRate).round(0, settings.roundingMode).plus(settings.fixedFee).toNumber();
}

/** round(fee × taxRate), in big.js. */
export function referenceTax(settings: ReferenceFeeSettings, fee: number): number {
  return new Reference(fee).times(settings.taxRate).round(0, settings.roundingMode).toNumber();
}

/** round(value × rate) for any amount and rate text, by the named mode, in big.js. */
export function referenceRoundedProduct(value: number, rateText: string, rounding: RoundingMode): number {
  return new Reference(value).times(referenceRate(rateText)).round(0, BIG_ROUNDING[rounding]).toNumber();
}
