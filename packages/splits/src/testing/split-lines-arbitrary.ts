import * as fc from 'fast-check';
import type { SplitLine } from '../marketplace/types.js';
import { submerchantIdArbitrary } from './submerchant-id-arbitrary.js';

/** Options of {@link splitLinesArbitrary}. */
export interface SplitLinesConstraints {
  /** The fewest lines. Default 1. */
  readonly minLines?: number | undefined;
  /** The most lines (never more than the amount, as each line is at least 1). Default 20. */
  readonly maxLines?: number | undefined;
  /**
   * `'exact'`: the line amounts add up to the amount (immediate or partial capture);
   * `'at_most'`: to at most the amount (two-step capture, the rest the platform's own).
   * Default `'exact'`.
   */
  readonly sum?: 'exact' | 'at_most' | undefined;
}

/**
 * Valid marketplace split lines for `amount`: distinct valid ids, positive line amounts, each
 * platform fee between 0 and its line's amount (often exactly 0 or the whole amount).
 */
export function splitLinesArbitrary(amount: number, constraints: SplitLinesConstraints = {}): fc.Arbitrary<SplitLine[]> {
  const sum = constraints.sum ?? 'exact';
  const maxLines = constraints.maxLines ?? 20;
  const minLines = constraints.minLines ?? 1;
  // An 'at_most' total still leaves room for minLines lines of at least 1 each.
  const totalArbitrary = sum === 'exact' ? fc.constant(amount) : fc.oneof(fc.constant(amount), fc.integer({ min: Math.min(minLines, amount), max: amount }));
  return totalArbitrary.chain((total) => {
    // Every line is at least 1, so there are at most `total` of them; a positive exact total
    // needs at least one.
    const most = Math.min(maxLines, total);
    const fewest = Math.min(Math.max(minLines, total > 0 && sum === 'exact' ? 1 : 0), most);
    return fc.integer({ min: fewest, max: most }).chain((count) => {
      if (count === 0) return fc.constant<SplitLine[]>([]);
      return fc
        .tuple(
          // count − 1 distinct cut points inside (0, total) give count positive parts.
          fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, total - 1) }), { minLength: count - 1, maxLength: count - 1 }),
          fc.uniqueArray(submerchantIdArbitrary(), { minLength: count, maxLength: count }),
        )
        .chain(([cuts, ids]) => {
          const points = [0, ...cuts.sort((left, right) => left - right), total];
          const amounts = ids.map((_, index) => (points[index + 1] as number) - (points[index] as number));
          // Fees lean on their bounds: 0 and the whole line are where validation has edges.
          const fees = amounts.map((lineAmount) => fc.oneof(fc.constant(0), fc.constant(lineAmount), fc.integer({ min: 0, max: lineAmount })));
          return fc.tuple(...fees).map((platformFees) =>
            ids.map((submerchantId, index): SplitLine => ({ submerchantId, amount: amounts[index] as number, platformFee: platformFees[index] as number })),
          );
        });
    });
  });
}
