import type { RejectRefundRequestCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { reestimatePending } from '../model-flows.js';
import { combine, type ModelPayment, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describeFocus, describePick, pickFrom, type Focus, type Pick } from '../targeting.js';
import { crowdedSellerRequests } from '../payments-where.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `refund_request.reject`: a pending request fails; its holds are released and
 * nothing moves. Seller model: the payment's other pending requests are re-estimated, as they
 * no longer count this one as given back.
 */
export function decideRejectRefundRequest(model: ReferenceModel, command: RejectRefundRequestCommand): Decision {
  const request = model.refundRequests.get(command.refundRequest);
  if (request === undefined) return refuse(`no refund request ${command.refundRequest}`);
  if (request.status !== 'pending') return refuse(`request is ${request.status}`);
  const payment = model.payments.get(request.payment) as ModelPayment;
  return agree(() => {
    request.status = 'rejected';
    for (const [merchant, amount] of request.holds) model.hold(merchant, payment.currency, -amount);
    payment.pending = combine(payment.pending, request.parts, -1);
    payment.pendingRefundAmount -= request.amount;
    if (request.customerFee !== undefined) payment.customerFeeRefund = 'none';
    if (payment.model === 'seller') reestimatePending(model, payment);
  });
}

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts); undefined
 * when it has a pick but nothing fits (it is then skipped). With the `seller_requests` focus,
 * only a request of a seller-model payment with several pending, any of them (a lone pending
 * request is left to wait for others).
 */
export function steerRejectRefundRequest(model: ReferenceModel, command: Untimed<RejectRefundRequestCommand>, pick: Pick, focus: Focus = 'any'): Untimed<RejectRefundRequestCommand> | undefined {
  if (pick === undefined) return command;
  const candidates =
    focus === 'seller_requests' ? crowdedSellerRequests(model) : [...model.refundRequests.values()].filter((request) => request.status === 'pending').map((request) => request.id);
  const refundRequest = pickFrom(candidates, pick);
  return refundRequest === undefined ? undefined : { ...command, refundRequest };
}

/** `refund_request.reject` in the model run. */
export class RejectRefundRequestModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<RejectRefundRequestCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
    readonly focus: Focus = 'any',
  ) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return this.pick === undefined || steerRejectRefundRequest(model as ReferenceModel, this.command, this.pick, this.focus) !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerRejectRefundRequest(model, this.command, this.pick, this.focus) ?? this.command, this.step, decideRejectRefundRequest);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}${describeFocus(this.focus)}`);
  }
}
