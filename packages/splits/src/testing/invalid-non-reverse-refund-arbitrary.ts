import * as fc from 'fast-check';
import type { MarketplaceShares, SplitConstraints } from '../marketplace/types.js';
import type { RefundLine, RefundSplitErrorCode } from '../refunds/types.js';
import { marketplaceSharesArbitrary } from './marketplace-shares-arbitrary.js';
import { nonReverseRefundArbitrary } from './non-reverse-refund-arbitrary.js';

/** A non-reverse refund that is wrong in exactly one way, and the code that must reject it. */
export interface InvalidNonReverseRefundCase {
  /** The refund amount asked for. */
  readonly refundAmount: number;
  /** The refund split. */
  readonly lines: readonly RefundLine[];
  /** What is left of each share. */
  readonly remaining: MarketplaceShares;
  /** The constraints to validate with. */
  readonly constraints: SplitConstraints;
  /** The code {@link validateNonReverseRefund} must return. */
  readonly expectedCode: RefundSplitErrorCode;
}

/**
 * Non-reverse refunds that break one rule each, covering every {@link RefundSplitErrorCode}:
 * each is a valid refund with one defect put in.
 */
export function invalidNonReverseRefundArbitrary(): fc.Arbitrary<InvalidNonReverseRefundCase> {
  const withRefund = (minSubmerchants: number) =>
    marketplaceSharesArbitrary({ minSubmerchants }).chain((remaining) =>
      nonReverseRefundArbitrary(remaining, { minLines: minSubmerchants }).map((refund) => ({ remaining, ...refund })),
    );
  const invalid = (expectedCode: RefundSplitErrorCode, constraints: SplitConstraints = {}) => (value: { readonly remaining: MarketplaceShares; readonly refundAmount: number; readonly lines: readonly RefundLine[] }): InvalidNonReverseRefundCase => ({
    ...value,
    constraints,
    expectedCode,
  });

  const tooMany = fc.integer({ min: 1, max: 6 }).chain((bound) =>
    marketplaceSharesArbitrary({ minSubmerchants: bound + 1 }).map((remaining) => {
      // Every Payout Merchant on a 0/0 line: valid but for the count.
      const lines = remaining.submerchants.map(({ submerchantId }): RefundLine => ({ submerchantId, amount: 0, platformFee: 0 }));
      return invalid('refund_split_too_many_lines', { maxSubmerchants: bound })({ remaining, refundAmount: 0, lines });
    }),
  );

  const duplicate = withRefund(1).chain((refund) =>
    fc.nat({ max: refund.lines.length - 1 }).map((index) =>
      invalid('refund_split_duplicate_submerchant')({ ...refund, lines: [...refund.lines, { submerchantId: (refund.lines[index] as RefundLine).submerchantId, amount: 0, platformFee: 0 }] }),
    ),
  );

  const stranger = withRefund(0).chain((refund) =>
    fc.nat({ max: refund.lines.length }).map((at) => {
      const ids = new Set(refund.remaining.submerchants.map(({ submerchantId }) => submerchantId));
      let submerchantId = 'stranger';
      while (ids.has(submerchantId)) submerchantId += '!';
      const lines = [...refund.lines];
      lines.splice(at, 0, { submerchantId, amount: 0, platformFee: 0 });
      return invalid('refund_submerchant_not_in_payment')({ ...refund, lines });
    }),
  );

  const overflow = withRefund(1).chain((refund) =>
    fc.tuple(fc.nat({ max: refund.lines.length - 1 }), fc.integer({ min: 1, max: 1_000 })).map(([index, extra]) => {
      const lines = refund.lines.map((line, at) => (at === index ? { ...line, amount: Number.MAX_SAFE_INTEGER, platformFee: extra } : line));
      return invalid('amount_sum_not_safe_integer')({ ...refund, lines });
    }),
  );

  const mismatch = withRefund(0).chain((refund) =>
    fc
      .integer({ min: 0, max: 1_000_000_000_000 })
      .filter((amount) => amount !== refund.refundAmount)
      .map((refundAmount) => invalid('refund_split_sum_mismatch')({ ...refund, refundAmount })),
  );

  const submerchantExceeds = withRefund(1).chain((refund) =>
    fc.tuple(fc.nat({ max: refund.lines.length - 1 }), fc.integer({ min: 1, max: 1_000 })).map(([index, excess]) => {
      const line = refund.lines[index] as RefundLine;
      const left = refund.remaining.submerchants.find(({ submerchantId }) => submerchantId === line.submerchantId)?.share ?? 0;
      const lines = refund.lines.map((other, at) => (at === index ? { ...other, amount: left + excess } : other));
      return invalid('refund_exceeds_share')({ ...refund, lines, refundAmount: refund.refundAmount - line.amount + left + excess });
    }),
  );

  const platformExceeds = withRefund(1).chain((refund) =>
    fc.tuple(fc.nat({ max: refund.lines.length - 1 }), fc.integer({ min: 1, max: 1_000 })).map(([index, excess]) => {
      const feeBefore = refund.lines.reduce((sum, line) => sum + line.platformFee, 0);
      const add = refund.remaining.platform + excess - feeBefore;
      const lines = refund.lines.map((line, at) => (at === index ? { ...line, platformFee: line.platformFee + add } : line));
      return invalid('refund_exceeds_share')({ ...refund, lines, refundAmount: refund.refundAmount + add });
    }),
  );

  return fc.oneof(tooMany, duplicate, stranger, overflow, mismatch, submerchantExceeds, platformExceeds);
}
