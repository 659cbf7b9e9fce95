import * as fc from 'fast-check';
import { MAX_SUBMERCHANTS, SUBMERCHANT_ID_MAX_LENGTH } from '../marketplace/max-submerchants.js';
import type { SplitConstraints, SplitErrorCode, SplitLine, SplitMoment } from '../marketplace/types.js';
import { amountArbitrary } from './amount-arbitrary.js';
import type { MarketplaceSplitCase } from './marketplace-split-case-arbitrary.js';
import { marketplaceSplitCaseArbitrary } from './marketplace-split-case-arbitrary.js';
import { splitLinesArbitrary } from './split-lines-arbitrary.js';

/** A split that is wrong in exactly one way, and the code that must reject it. */
export interface InvalidMarketplaceSplitCase extends MarketplaceSplitCase {
  /** The constraints to validate with. */
  readonly constraints: SplitConstraints;
  /** The code {@link validateMarketplaceSplit} must return. */
  readonly expectedCode: SplitErrorCode;
}

const CAPTURING: readonly SplitMoment[] = ['immediate_capture', 'capture', 'partial_capture'];
const LARGE = 1_000_000_000_000;

/**
 * Marketplace splits that break one rule each, covering every {@link SplitErrorCode}: each is a
 * valid split with one defect put in, so the expected code is the only one that can apply.
 */
export function invalidMarketplaceSplitArbitrary(): fc.Arbitrary<InvalidMarketplaceSplitCase> {
  const valid = (minLines: number): fc.Arbitrary<MarketplaceSplitCase & { readonly lines: readonly SplitLine[] }> =>
    marketplaceSplitCaseArbitrary({ moments: CAPTURING, minLines, maxAmount: LARGE }) as fc.Arbitrary<MarketplaceSplitCase & { readonly lines: readonly SplitLine[] }>;
  const replace = (lines: readonly SplitLine[], index: number, change: Partial<SplitLine>): SplitLine[] =>
    lines.map((line, at) => (at === index ? { ...line, ...change } : line));
  const pick = <T>(items: readonly T[]) => fc.integer({ min: 0, max: items.length - 1 });

  const required = fc
    .tuple(fc.constantFrom(...CAPTURING), amountArbitrary({ min: 1 }))
    .map(([moment, amount]): InvalidMarketplaceSplitCase => ({ lines: undefined, moment, amount, constraints: {}, expectedCode: 'split_required' }));

  const atAuthorization = amountArbitrary({ min: 1, max: LARGE })
    .chain((amount) => splitLinesArbitrary(amount, { minLines: 1 }).map((lines) => ({ amount, lines })))
    .map(({ amount, lines }): InvalidMarketplaceSplitCase => ({ lines, moment: 'authorization', amount, constraints: {}, expectedCode: 'split_not_allowed_at_authorization' }));

  const tooMany = fc
    .oneof(fc.integer({ min: 1, max: 8 }), fc.constant(undefined))
    .chain((bound) => {
      const limit = bound ?? MAX_SUBMERCHANTS;
      return marketplaceSplitCaseArbitrary({ moments: CAPTURING, minLines: limit + 1, maxLines: limit + 4, maxAmount: LARGE }).map(
        (split): InvalidMarketplaceSplitCase => ({ ...split, constraints: bound === undefined ? {} : { maxSubmerchants: bound }, expectedCode: 'split_too_many_submerchants' }),
      );
    });

  const badId = valid(1).chain((split) =>
    fc
      .tuple(pick(split.lines), fc.constantFrom('', 'x'.repeat(SUBMERCHANT_ID_MAX_LENGTH + 1), 'y'.repeat(1_000)))
      .map(([index, submerchantId]): InvalidMarketplaceSplitCase => ({ ...split, lines: replace(split.lines, index, { submerchantId }), constraints: {}, expectedCode: 'split_submerchant_id_invalid' })),
  );

  const duplicate = valid(2).chain((split) =>
    fc
      .tuple(pick(split.lines), pick(split.lines))
      .filter(([from, to]) => from !== to)
      .map(([from, to]): InvalidMarketplaceSplitCase => ({
        ...split,
        lines: replace(split.lines, to, { submerchantId: (split.lines[from] as SplitLine).submerchantId }),
        constraints: {},
        expectedCode: 'split_duplicate_submerchant',
      })),
  );

  const zeroLine = valid(1).chain((split) =>
    pick(split.lines).map((index): InvalidMarketplaceSplitCase => ({ ...split, lines: replace(split.lines, index, { amount: 0, platformFee: 0 }), constraints: {}, expectedCode: 'split_line_amount_not_positive' })),
  );

  const feeAboveAmount = valid(1).chain((split) =>
    fc.tuple(pick(split.lines), fc.integer({ min: 1, max: 1_000 })).map(([index, excess]): InvalidMarketplaceSplitCase => {
      const line = split.lines[index] as SplitLine;
      return { ...split, lines: replace(split.lines, index, { platformFee: line.amount + excess }), constraints: {}, expectedCode: 'split_platform_fee_exceeds_amount' };
    }),
  );

  const overflow = fc
    .tuple(fc.integer({ min: Math.ceil(Number.MAX_SAFE_INTEGER / 2), max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(...CAPTURING), amountArbitrary({ min: 1 }))
    .chain(([first, moment, amount]) =>
      fc.integer({ min: Number.MAX_SAFE_INTEGER - first + 1, max: Number.MAX_SAFE_INTEGER }).map((second): InvalidMarketplaceSplitCase => ({
        lines: [
          { submerchantId: 'pm-1', amount: first, platformFee: 0 },
          { submerchantId: 'pm-2', amount: second, platformFee: second },
        ],
        moment,
        amount,
        constraints: {},
        expectedCode: 'amount_sum_not_safe_integer',
      })),
    );

  const mismatch = fc
    .tuple(fc.constantFrom<SplitMoment>('immediate_capture', 'partial_capture'), amountArbitrary({ min: 1, max: LARGE }))
    .chain(([moment, total]) =>
      fc.tuple(splitLinesArbitrary(total), fc.integer({ min: 1, max: LARGE }).filter((amount) => amount !== total)).map(
        ([lines, amount]): InvalidMarketplaceSplitCase => ({ lines, moment, amount, constraints: {}, expectedCode: 'split_sum_mismatch' }),
      ),
    );

  const exceeds = amountArbitrary({ min: 1, max: LARGE }).chain((total) =>
    fc.tuple(splitLinesArbitrary(total), fc.integer({ min: 0, max: total - 1 })).map(
      ([lines, amount]): InvalidMarketplaceSplitCase => ({ lines, moment: 'capture', amount, constraints: {}, expectedCode: 'split_sum_exceeds_amount' }),
    ),
  );

  return fc.oneof(required, atAuthorization, tooMany, badId, duplicate, zeroLine, feeAboveAmount, overflow, mismatch, exceeds);
}
