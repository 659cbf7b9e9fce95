import fc from 'fast-check';
import type { RefundPaymentCommand } from '../commands/command.js';
import { plausibleOr, refundLines, refundLinesTotal, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `payment.refund` command of one of the pool's payments: a reverse refund (no amount, no
 * split), an amount alone (the seller model's proportional refund), or a non-reverse refund
 * with a split of small lines, its amount given or left to the split's total. Implausible ones
 * refund 0, give an amount the split does not add up to, name a stranger or far too much.
 */
export function refundPaymentCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<RefundPaymentCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const payment = fc.constantFrom(...resolved.paymentIds);
  const plausible = fc.oneof(
    { weight: 3, arbitrary: payment.map((id): RefundPaymentCommand => ({ op: 'payment.refund', payment: id })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(payment, fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 5000 })))
        .map(([id, amount]): RefundPaymentCommand => ({ op: 'payment.refund', payment: id, amount })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(payment, refundLines(resolved), fc.boolean())
        .map(([id, split, withAmount]): RefundPaymentCommand => ({ op: 'payment.refund', payment: id, ...(withAmount ? { amount: refundLinesTotal(split) } : {}), split })),
    },
  );
  const implausible = fc.oneof(
    payment.map((id): RefundPaymentCommand => ({ op: 'payment.refund', payment: id, amount: 0 })),
    fc.tuple(payment, refundLines(resolved)).map(([id, split]): RefundPaymentCommand => ({ op: 'payment.refund', payment: id, amount: refundLinesTotal(split) + 1, split })),
    payment.map((id): RefundPaymentCommand => ({ op: 'payment.refund', payment: id, split: [{ submerchantId: resolved.ids.stranger, amount: 1, platformFee: 0 }] })),
    payment.map((id): RefundPaymentCommand => ({ op: 'payment.refund', payment: id, amount: 10 * resolved.maxAmount })),
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
