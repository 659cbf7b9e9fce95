import fc from 'fast-check';
import type { CancelPaymentCommand } from '../commands/command.js';
import { plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `payment.cancel` command, which cancels a pending or authorized payment, naming one of the pool's payments; an
 * implausible one names a payment that never exists. Whether it is accepted depends on the
 * payment's status.
 */
export function cancelPaymentCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<CancelPaymentCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const plausible = fc.constantFrom(...resolved.paymentIds).map((payment): CancelPaymentCommand => ({ op: 'payment.cancel', payment }));
  const implausible = fc.constant<CancelPaymentCommand>({ op: 'payment.cancel', payment: 'pay-unknown' });
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
