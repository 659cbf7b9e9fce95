import type { CompleteSessionCommand, CreatePaymentCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import type { ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, freshId, pickFrom, type Pick } from '../targeting.js';
import { describeStep, type TimeStep } from '../timing.js';
import { decideCreatePayment } from './create-payment.js';

/**
 * The model's `session.complete`: a pending session paid with one of the types it offers
 * creates its payment exactly as `payment.create` would (origin `session`, `capture: auto` as
 * `capture: true`), and the session is completed with it.
 */
export function decideCompleteSession(model: ReferenceModel, command: CompleteSessionCommand): Decision {
  const session = model.sessions.get(command.session);
  if (session === undefined) return refuse(`no session ${command.session}`);
  if (session.status !== 'pending') return refuse(`session is ${session.status}`);
  if (!session.paymentTypes.includes(command.paymentType)) return refuse(`session does not offer ${command.paymentType}`);
  const create: CreatePaymentCommand = {
    op: 'payment.create',
    id: command.payment,
    merchant: session.merchant,
    ...(session.as === undefined ? {} : { as: session.as }),
    amount: session.amount,
    currency: session.currency,
    paymentType: command.paymentType,
    capture: session.capture === 'auto',
    origin: 'session',
    ...(session.split === undefined ? {} : { split: session.split }),
    ...(session.platformAmount === undefined ? {} : { platformAmount: session.platformAmount }),
    ...(session.platformMerchant === undefined ? {} : { platformMerchant: session.platformMerchant }),
  };
  const payment = decideCreatePayment(model, create, session.id);
  if (!payment.accepted) return payment;
  return agree(() => {
    payment.apply();
    session.status = 'completed';
    session.payment = command.payment;
  });
}

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts); undefined
 * when it has a pick but nothing fits (it is then skipped).
 */
export function steerCompleteSession(model: ReferenceModel, command: Untimed<CompleteSessionCommand>, pick: Pick): Untimed<CompleteSessionCommand> | undefined {
  if (pick === undefined) return command;
  const session = pickFrom([...model.sessions.values()].filter((candidate) => candidate.status === 'pending').map((candidate) => candidate.id), pick);
  const payment = freshId('pay', (taken) => model.payments.has(taken), pick) ?? command.payment;
  return session === undefined ? undefined : { ...command, session, payment };
}

/** `session.complete` in the model run. */
export class CompleteSessionModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<CompleteSessionCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
  ) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return this.pick === undefined || steerCompleteSession(model as ReferenceModel, this.command, this.pick) !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerCompleteSession(model, this.command, this.pick) ?? this.command, this.step, decideCompleteSession);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
