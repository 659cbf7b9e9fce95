import type { ChargebackPaymentCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { METHOD_RULES, OUTSIDE, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, pickFrom, type Pick } from '../targeting.js';
import { paymentsWhere } from '../payments-where.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `payment.chargeback`: a captured card payment; what is not yet refunded goes back to
 * the customer, borne by the processing merchant (the platform, or the seller in the seller model)
 * whatever its balance.
 */
export function decideChargebackPayment(model: ReferenceModel, command: ChargebackPaymentCommand): Decision {
  const payment = model.payments.get(command.payment);
  if (payment === undefined) return refuse(`no payment ${command.payment}`);
  if (payment.status !== 'captured') return refuse(`payment is ${payment.status}`);
  if (!(METHOD_RULES.get(payment.paymentType)?.chargeback ?? false)) return refuse(`no chargebacks for ${payment.paymentType}`);
  return agree(() => {
    const amount = payment.capturedAmount - payment.refundedAmount - payment.pendingRefundAmount;
    const bearer = payment.model === 'seller' ? (payment.seller as string) : payment.platform;
    model.move(payment.currency, amount, { merchant: bearer }, { outside: OUTSIDE.customers });
    payment.chargebackAmount += amount;
    payment.status = 'refunded';
  });
}

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts); undefined
 * when it has a pick but nothing fits (it is then skipped).
 */
export function steerChargebackPayment(model: ReferenceModel, command: Untimed<ChargebackPaymentCommand>, pick: Pick): Untimed<ChargebackPaymentCommand> | undefined {
  if (pick === undefined) return command;
  const payment = pickFrom(paymentsWhere(model, (candidate) => candidate.status === 'captured' && candidate.paymentType === 'credit_card'), pick);
  return payment === undefined ? undefined : { ...command, payment };
}

/** `payment.chargeback` in the model run. */
export class ChargebackPaymentModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<ChargebackPaymentCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
  ) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return this.pick === undefined || steerChargebackPayment(model as ReferenceModel, this.command, this.pick) !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerChargebackPayment(model, this.command, this.pick) ?? this.command, this.step, decideChargebackPayment);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
