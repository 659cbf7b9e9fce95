import type { RequestRefundCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { leftToRefund, planRefund, refundCosts, uncoveredCost } from '../model-flows.js';
import { bankAccountIsValid, combine, METHOD_RULES, type ModelPayment, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describeFocus, describePick, freshId, pickFrom, type Focus, type Pick } from '../targeting.js';
import { paymentsWhere, pendingRequestsOf, refundShapeFits } from '../payments-where.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `payment.refund_request` (Konbini and the like): a new id, a captured payment
 * refunded by request, a valid bank account, parts planned as for a refund, the customer fee
 * at most once, and every party's available balance covering what the request will cost it
 * (the platform: its part, the Refund Fee and its tax, the customer fee and its tax), which is
 * then held until the request completes or is rejected.
 */
export function decideRequestRefund(model: ReferenceModel, command: RequestRefundCommand): Decision {
  if (model.refundRequests.has(command.id)) return refuse(`refund request ${command.id} exists`);
  const payment = model.payments.get(command.payment);
  if (payment === undefined) return refuse(`no payment ${command.payment}`);
  if (payment.status !== 'captured') return refuse(`payment is ${payment.status}`);
  if (METHOD_RULES.get(payment.paymentType)?.refundRoute !== 'refund_request') return refuse(`${payment.paymentType} is refunded directly`);
  if (!bankAccountIsValid(command.bankAccount)) return refuse('bank account invalid');
  const plan = planRefund(payment, command.amount, command.split);
  if (typeof plan === 'string') return refuse(plan);
  const includesCustomerFee = command.includePaymentMethodFee && payment.customerFee > 0;
  if (includesCustomerFee && payment.customerFeeRefund !== 'none') return refuse('customer fee already refunded or requested');
  const refundFee = model.refundRequestFee;
  const refundFeeTax = model.taxOn(refundFee);
  const customerFee = includesCustomerFee ? payment.customerFee : undefined;
  const customerFeeTax = includesCustomerFee ? payment.customerFeeTax : undefined;
  const costs = refundCosts(payment, plan.parts, refundFee + refundFeeTax + (customerFee ?? 0) + (customerFeeTax ?? 0));
  const short = uncoveredCost(model, payment.currency, costs);
  if (short !== undefined) return refuse(short);
  return agree(() => {
    const holds = new Map([...costs].filter(([, amount]) => amount > 0));
    model.refundRequests.set(command.id, { id: command.id, payment: payment.id, amount: plan.amount, parts: plan.parts, holds, refundFee, refundFeeTax, customerFee, customerFeeTax, status: 'pending' });
    for (const [merchant, amount] of holds) model.hold(merchant, payment.currency, amount);
    payment.pending = combine(payment.pending, plan.parts, 1);
    payment.pendingRefundAmount += plan.amount;
    if (includesCustomerFee) payment.customerFeeRefund = 'pending';
  });
}

/** With the `seller_requests` focus, the most requests a payment gets pending at once before requests go elsewhere. */
const MOST_PENDING_AIMED = 4;

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts); undefined
 * when it has a pick but nothing fits (it is then skipped). With the `seller_requests` focus,
 * preferably a seller-model payment that already has one to three pending requests, for at most
 * what is left (an amount beyond it wraps into 1…left) and without the customer fee once that
 * is requested or refunded.
 */
export function steerRequestRefund(model: ReferenceModel, command: Untimed<RequestRefundCommand>, pick: Pick, focus: Focus = 'any'): Untimed<RequestRefundCommand> | undefined {
  if (pick === undefined) return command;
  const id = freshId('rr', (taken) => model.refundRequests.has(taken), pick) ?? command.id;
  const requestable = (candidate: ModelPayment): boolean => candidate.status === 'captured' && METHOD_RULES.get(candidate.paymentType)?.refundRoute === 'refund_request';
  const fitting = paymentsWhere(model, (candidate) => requestable(candidate) && refundShapeFits(command, candidate));
  if (focus === 'any') {
    const payment = pickFrom(fitting, pick);
    return payment === undefined ? undefined : { ...command, id, payment };
  }
  const beside = fitting.filter((candidate) => {
    const pending = pendingRequestsOf(model, candidate).length;
    return model.payments.get(candidate)?.model === 'seller' && pending >= 1 && pending < MOST_PENDING_AIMED;
  });
  const payment = pickFrom(beside.length > 0 ? beside : fitting, pick);
  if (payment === undefined) return undefined;
  const chosen = model.payments.get(payment) as ModelPayment;
  const left = leftToRefund(chosen);
  const amount = command.amount !== undefined && command.amount > left && left > 0 ? 1 + ((command.amount - 1) % left) : command.amount;
  const includePaymentMethodFee = command.includePaymentMethodFee === true && chosen.customerFeeRefund === 'none';
  return { ...command, id, payment, ...(amount === undefined ? {} : { amount }), includePaymentMethodFee };
}

/** `payment.refund_request` in the model run. */
export class RequestRefundModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<RequestRefundCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
    readonly focus: Focus = 'any',
  ) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return this.pick === undefined || steerRequestRefund(model as ReferenceModel, this.command, this.pick, this.focus) !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerRequestRefund(model, this.command, this.pick, this.focus) ?? this.command, this.step, decideRequestRefund);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}${describeFocus(this.focus)}`);
  }
}
