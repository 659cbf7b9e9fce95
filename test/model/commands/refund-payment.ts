import type { RefundPaymentCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { applyRefund, planRefund, refundCosts, uncoveredCost } from '../model-flows.js';
import { METHOD_RULES, type ModelPayment, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, pickFrom, type Pick } from '../targeting.js';
import { paymentsWhere, refundShapeFits } from '../payments-where.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `payment.refund` (cards and wallets): a captured payment, its parts planned
 * (reverse, split, or the seller model's proportion), every party's available balance covering
 * its cost, posted at once. Processing fees are never given back.
 */
export function decideRefundPayment(model: ReferenceModel, command: RefundPaymentCommand): Decision {
  const payment = model.payments.get(command.payment);
  if (payment === undefined) return refuse(`no payment ${command.payment}`);
  if (payment.status !== 'captured') return refuse(`payment is ${payment.status}`);
  if (METHOD_RULES.get(payment.paymentType)?.refundRoute !== 'refund') return refuse(`${payment.paymentType} needs a refund request`);
  const plan = planRefund(payment, command.amount, command.split);
  if (typeof plan === 'string') return refuse(plan);
  const short = uncoveredCost(model, payment.currency, refundCosts(payment, plan.parts, 0));
  if (short !== undefined) return refuse(short);
  return agree(() => applyRefund(model, payment, plan.amount, plan.parts));
}

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts); undefined
 * when it has a pick but nothing fits (it is then skipped).
 */
export function steerRefundPayment(model: ReferenceModel, command: Untimed<RefundPaymentCommand>, pick: Pick): Untimed<RefundPaymentCommand> | undefined {
  if (pick === undefined) return command;
  const refundable = (candidate: ModelPayment): boolean => candidate.status === 'captured' && METHOD_RULES.get(candidate.paymentType)?.refundRoute === 'refund';
  const payment = pickFrom(paymentsWhere(model, (candidate) => refundable(candidate) && refundShapeFits(command, candidate)), pick);
  return payment === undefined ? undefined : { ...command, payment };
}

/** `payment.refund` in the model run. */
export class RefundPaymentModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<RefundPaymentCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
  ) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return this.pick === undefined || steerRefundPayment(model as ReferenceModel, this.command, this.pick) !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerRefundPayment(model, this.command, this.pick) ?? this.command, this.step, decideRefundPayment);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
