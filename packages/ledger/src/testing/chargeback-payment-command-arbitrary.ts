import fc from 'fast-check';
import type { ChargebackPaymentCommand } from '../commands/command.js';
import { plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `payment.chargeback` command, which charges back a card payment after a lost dispute, naming one of the pool's payments; an
 * implausible one names a payment that never exists. Whether it is accepted depends on the
 * payment's status.
 */
export function chargebackPaymentCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<ChargebackPaymentCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const plausible = fc.constantFrom(...resolved.paymentIds).map((payment): ChargebackPaymentCommand => ({ op: 'payment.chargeback', payment }));
  const implausible = fc.constant<ChargebackPaymentCommand>({ op: 'payment.chargeback', payment: 'pay-unknown' });
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
