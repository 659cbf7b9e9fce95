import fc from 'fast-check';
import type { CompleteSessionCommand } from '../commands/command.js';
import { leaning, plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `session.complete` command: the customer paid one of the pool's sessions with a payment
 * type, creating a payment with an id from the payment pool. Implausible ones pay with a type
 * no session offers or complete a session that never exists.
 */
export function completeSessionCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<CompleteSessionCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const fields = fc.record({
    session: fc.constantFrom(...resolved.sessionIds),
    payment: fc.constantFrom(...resolved.paymentIds),
    paymentType: leaning(['credit_card', 'konbini', 'paypay']),
  });
  const plausible = fields.map((value): CompleteSessionCommand => ({ op: 'session.complete', ...value }));
  const implausible = fc.oneof(
    fields.map((value): CompleteSessionCommand => ({ op: 'session.complete', ...value, paymentType: 'bitcoin' })),
    fields.map((value): CompleteSessionCommand => ({ op: 'session.complete', ...value, session: 'ses-unknown' })),
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
