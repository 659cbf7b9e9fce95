import type { CancelPaymentCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import type { ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, pickFrom, type Pick } from '../targeting.js';
import { paymentsWhere } from '../payments-where.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `payment.cancel`: only a pending or authorized payment; nothing was posted, so
 * nothing moves.
 */
export function decideCancelPayment(model: ReferenceModel, command: CancelPaymentCommand): Decision {
  const payment = model.payments.get(command.payment);
  if (payment === undefined) return refuse(`no payment ${command.payment}`);
  if (payment.status !== 'pending' && payment.status !== 'authorized') return refuse(`payment is ${payment.status}`);
  return agree(() => {
    payment.status = 'cancelled';
  });
}

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts); undefined
 * when it has a pick but nothing fits (it is then skipped).
 */
export function steerCancelPayment(model: ReferenceModel, command: Untimed<CancelPaymentCommand>, pick: Pick): Untimed<CancelPaymentCommand> | undefined {
  if (pick === undefined) return command;
  const payment = pickFrom(paymentsWhere(model, (candidate) => candidate.status === 'authorized'), pick);
  return payment === undefined ? undefined : { ...command, payment };
}

/** `payment.cancel` in the model run. */
export class CancelPaymentModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<CancelPaymentCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
  ) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return this.pick === undefined || steerCancelPayment(model as ReferenceModel, this.command, this.pick) !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerCancelPayment(model, this.command, this.pick) ?? this.command, this.step, decideCancelPayment);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
