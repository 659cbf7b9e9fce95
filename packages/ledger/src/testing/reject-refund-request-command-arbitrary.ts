import fc from 'fast-check';
import type { RejectRefundRequestCommand } from '../commands/command.js';
import { plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `refund_request.reject` command, which records that the request failed, naming one of the pool's refund
 * requests; an implausible one names a request that never exists.
 */
export function rejectRefundRequestCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<RejectRefundRequestCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const plausible = fc.constantFrom(...resolved.refundRequestIds).map((refundRequest): RejectRefundRequestCommand => ({ op: 'refund_request.reject', refundRequest }));
  const implausible = fc.constant<RejectRefundRequestCommand>({ op: 'refund_request.reject', refundRequest: 'rr-unknown' });
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
