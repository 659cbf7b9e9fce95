import type { CancelSessionCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import type { ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, pickFrom, type Pick } from '../targeting.js';
import { describeStep, type TimeStep } from '../timing.js';

/** The model's `session.cancel`: only a pending session; nothing moves. */
export function decideCancelSession(model: ReferenceModel, command: CancelSessionCommand): Decision {
  const session = model.sessions.get(command.session);
  if (session === undefined) return refuse(`no session ${command.session}`);
  if (session.status !== 'pending') return refuse(`session is ${session.status}`);
  return agree(() => {
    session.status = 'cancelled';
  });
}

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts); undefined
 * when it has a pick but nothing fits (it is then skipped).
 */
export function steerCancelSession(model: ReferenceModel, command: Untimed<CancelSessionCommand>, pick: Pick): Untimed<CancelSessionCommand> | undefined {
  if (pick === undefined) return command;
  const session = pickFrom([...model.sessions.values()].filter((candidate) => candidate.status === 'pending').map((candidate) => candidate.id), pick);
  return session === undefined ? undefined : { ...command, session };
}

/** `session.cancel` in the model run. */
export class CancelSessionModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<CancelSessionCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
  ) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return this.pick === undefined || steerCancelSession(model as ReferenceModel, this.command, this.pick) !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerCancelSession(model, this.command, this.pick) ?? this.command, this.step, decideCancelSession);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
