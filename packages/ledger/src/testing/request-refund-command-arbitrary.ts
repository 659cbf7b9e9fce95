import fc from 'fast-check';
import type { RequestRefundCommand } from '../commands/command.js';
import { plausibleOr, refundLines, refundLinesTotal, withIdempotencyKey } from './arbitrary-helpers.js';
import { bankAccountArbitrary } from './bank-account-arbitrary.js';
import { chosenFrom, resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * The shape of a refund request: `reverse` (no amount, no split: all that is left), `amount`
 * (an amount alone: the seller model's proportional request) or `split` (marketplace lines, the
 * amount given or left to their total).
 */
export type RefundRequestShape = 'reverse' | 'amount' | 'split';

/** Constraints of {@link requestRefundCommandArbitrary}: the shared ones, and the shapes of plausible requests. */
export interface RequestRefundConstraints extends CommandConstraints {
  /**
   * The shapes plausible requests take (say `['amount']` for several requests of one
   * seller-model payment, which a reverse request would use up). Implausible requests break
   * their rule as usual. Default all three.
   */
  readonly shapes?: readonly RefundRequestShape[] | undefined;
}

/**
 * A `payment.refund_request` command (Konbini and the like) with an id from the pool: reverse,
 * an amount alone, or a split of small lines, with or without the customer fee, and a valid
 * bank account. Implausible ones carry a broken bank account, refund 0, or give an amount the
 * split does not add up to.
 */
export function requestRefundCommandArbitrary(constraints: RequestRefundConstraints = {}): fc.Arbitrary<RequestRefundCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const shapes = chosenFrom<RefundRequestShape>('RequestRefundConstraints.shapes', constraints.shapes, ['reverse', 'amount', 'split']);
  const common = fc.record({
    id: fc.constantFrom(...resolved.refundRequestIds),
    payment: fc.constantFrom(...resolved.paymentIds),
    includePaymentMethodFee: fc.boolean(),
  });
  const valid = bankAccountArbitrary();
  const shape = fc.oneof(
    ...(shapes.includes('reverse') ? [{ weight: 3, arbitrary: fc.constant({}) }] : []),
    ...(shapes.includes('amount') ? [{ weight: 2, arbitrary: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 5000 })).map((amount) => ({ amount })) }] : []),
    ...(shapes.includes('split')
      ? [
          {
            weight: 4,
            arbitrary: fc.tuple(refundLines(resolved), fc.boolean()).map(([split, withAmount]) => ({ ...(withAmount ? { amount: refundLinesTotal(split) } : {}), split })),
          },
        ]
      : []),
  );
  const plausible = fc
    .tuple(common, shape, valid)
    .map(([fields, refund, bankAccount]): RequestRefundCommand => ({ op: 'payment.refund_request', ...fields, ...refund, bankAccount }));
  const implausible = fc.oneof(
    fc.tuple(common, shape, bankAccountArbitrary({ validity: 'invalid' })).map(
      ([fields, refund, bankAccount]): RequestRefundCommand => ({ op: 'payment.refund_request', ...fields, ...refund, bankAccount }),
    ),
    fc.tuple(common, valid).map(([fields, bankAccount]): RequestRefundCommand => ({ op: 'payment.refund_request', ...fields, amount: 0, bankAccount })),
    fc.tuple(common, refundLines(resolved), valid).map(
      ([fields, split, bankAccount]): RequestRefundCommand => ({ op: 'payment.refund_request', ...fields, amount: refundLinesTotal(split) + 1, split, bankAccount }),
    ),
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
