import fc from 'fast-check';
import type { CompleteRefundRequestCommand } from '../commands/command.js';
import { plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `refund_request.complete` command, which records that KOMOJU paid the customer, naming one of the pool's refund
 * requests; an implausible one names a request that never exists.
 */
export function completeRefundRequestCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<CompleteRefundRequestCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const plausible = fc.constantFrom(...resolved.refundRequestIds).map((refundRequest): CompleteRefundRequestCommand => ({ op: 'refund_request.complete', refundRequest }));
  const implausible = fc.constant<CompleteRefundRequestCommand>({ op: 'refund_request.complete', refundRequest: 'rr-unknown' });
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
