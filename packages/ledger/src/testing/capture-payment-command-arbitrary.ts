import fc from 'fast-check';
import type { CapturePaymentCommand } from '../commands/command.js';
import { exactSplit, plausibleOr, smallSplit, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `payment.capture` command of one of the pool's payments: in full with no split (the split
 * given at creation, or the seller model's platform_amount), in full with a split of small
 * lines (the rest stays the platform's), in part with a split adding up to the captured amount,
 * in part without one (seller model), or restating the seller model's `platformAmount`.
 * Implausible ones capture 0, more than any payment authorizes, or split with a stranger.
 */
export function capturePaymentCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<CapturePaymentCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const payment = fc.constantFrom(...resolved.paymentIds);
  const partialAmount = fc.oneof(fc.integer({ min: 1, max: 999 }), fc.constantFrom(500, 900, 2500), fc.integer({ min: 1, max: resolved.maxAmount }));
  const plausible = fc.oneof(
    { weight: 3, arbitrary: payment.map((id): CapturePaymentCommand => ({ op: 'payment.capture', payment: id })) },
    { weight: 2, arbitrary: fc.tuple(payment, smallSplit(resolved)).map(([id, split]): CapturePaymentCommand => ({ op: 'payment.capture', payment: id, split })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(payment, partialAmount)
        .chain(([id, amount]) => exactSplit(resolved, amount).map((split): CapturePaymentCommand => ({ op: 'payment.capture', payment: id, amount, split }))),
    },
    { weight: 1, arbitrary: fc.tuple(payment, partialAmount).map(([id, amount]): CapturePaymentCommand => ({ op: 'payment.capture', payment: id, amount })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(payment, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })))
        .map(([id, part]): CapturePaymentCommand => ({ op: 'payment.capture', payment: id, platformAmount: part })),
    },
  );
  const implausible = fc.oneof(
    payment.map((id): CapturePaymentCommand => ({ op: 'payment.capture', payment: id, amount: 0 })),
    payment.map((id): CapturePaymentCommand => ({ op: 'payment.capture', payment: id, amount: resolved.maxAmount + 1 })),
    payment.map((id): CapturePaymentCommand => ({ op: 'payment.capture', payment: id, split: [{ submerchantId: resolved.ids.stranger, amount: 1, platformFee: 0 }] })),
    fc.constant<CapturePaymentCommand>({ op: 'payment.capture', payment: 'pay-unknown' }),
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
