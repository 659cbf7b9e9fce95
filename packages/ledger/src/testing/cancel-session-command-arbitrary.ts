import fc from 'fast-check';
import type { CancelSessionCommand } from '../commands/command.js';
import { plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';

/**
 * A `session.cancel` command naming one of the pool's sessions; an implausible one names a
 * session that never exists. Whether it is accepted depends on the session's status.
 */
export function cancelSessionCommandArbitrary(constraints: CommandConstraints = {}): fc.Arbitrary<CancelSessionCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const plausible = fc.constantFrom(...resolved.sessionIds).map((session): CancelSessionCommand => ({ op: 'session.cancel', session }));
  const implausible = fc.constant<CancelSessionCommand>({ op: 'session.cancel', session: 'ses-unknown' });
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}
