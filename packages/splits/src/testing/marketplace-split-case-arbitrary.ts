import * as fc from 'fast-check';
import type { SplitLine, SplitMoment } from '../marketplace/types.js';
import { amountArbitrary } from './amount-arbitrary.js';
import { splitLinesArbitrary } from './split-lines-arbitrary.js';

/** A marketplace split as given at one moment, with the amount its sum rule refers to. */
export interface MarketplaceSplitCase {
  /** The split, or `undefined` when none is given. */
  readonly lines: readonly SplitLine[] | undefined;
  /** When the split is given. */
  readonly moment: SplitMoment;
  /** The payment amount (immediate capture) or the captured amount (capture, partial capture). */
  readonly amount: number;
}

/** Options of {@link marketplaceSplitCaseArbitrary}. */
export interface MarketplaceSplitCaseConstraints {
  /** The moments to draw from. Default: all four. */
  readonly moments?: readonly SplitMoment[] | undefined;
  /** The largest payment amount. Default Number.MAX_SAFE_INTEGER. */
  readonly maxAmount?: number | undefined;
  /** The fewest lines (where the moment takes a split). Default 1. */
  readonly minLines?: number | undefined;
  /** The most lines. Default 20. */
  readonly maxLines?: number | undefined;
}

/**
 * Valid marketplace splits for their moment: none (or `[]`) at authorization, Σ amount = the
 * amount at immediate and partial capture, Σ amount ≤ the captured amount at capture.
 */
export function marketplaceSplitCaseArbitrary(constraints: MarketplaceSplitCaseConstraints = {}): fc.Arbitrary<MarketplaceSplitCase> {
  const moments = constraints.moments ?? (['immediate_capture', 'authorization', 'capture', 'partial_capture'] as const);
  const minLines = constraints.minLines ?? 1;
  const maxLines = constraints.maxLines ?? 20;
  const amount = amountArbitrary({ min: Math.max(1, minLines), max: constraints.maxAmount ?? Number.MAX_SAFE_INTEGER });
  return fc.tuple(fc.constantFrom(...moments), amount).chain(([moment, paymentAmount]): fc.Arbitrary<MarketplaceSplitCase> => {
    if (moment === 'authorization') {
      return fc.constantFrom<readonly SplitLine[] | undefined>(undefined, []).map((lines) => ({ lines, moment, amount: paymentAmount }));
    }
    const sum = moment === 'capture' ? 'at_most' : 'exact';
    return splitLinesArbitrary(paymentAmount, { minLines, maxLines, sum }).map((lines) => ({ lines, moment, amount: paymentAmount }));
  });
}
