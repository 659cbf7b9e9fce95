import fc from 'fast-check';
import type { ExpirePaymentCommand } from '../commands/command.js';
import { plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `payment.expire` command, which lets an authorized payment lapse, naming one of the pool's payments; an
 * implausible one names a payment that never exists. Whether it is accepted depends on the
 * payment's status.
 */
export function expirePaymentCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<ExpirePaymentCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const plausible = fc.constantFrom(...resolved.paymentIds).map((payment): ExpirePaymentCommand => ({ op: 'payment.expire', payment }));
  const implausible = fc.constant<ExpirePaymentCommand>({ op: 'payment.expire', payment: 'pay-unknown' });
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
