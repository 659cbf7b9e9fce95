import type { CompleteRefundRequestCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { applyRefund, reestimatePending, sellerParts } from '../model-flows.js';
import { combine, type ModelPayment, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describeFocus, describePick, pickFrom, type Focus, type Pick } from '../targeting.js';
import { crowdedSellerRequests } from '../payments-where.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `refund_request.complete`: a pending request's holds are released and its refund
 * posts, with the Refund Fee (and the customer fee if included) charged to the platform.
 * It always completes (KOMOJU has paid the customer), whatever the balances. Marketplace parts
 * are those fixed when the request was made. Seller-model parts follow the cumulative rule on
 * the completed refunds alone (pending requests are not counted), and the payment's other
 * pending requests are then re-estimated.
 */
export function decideCompleteRefundRequest(model: ReferenceModel, command: CompleteRefundRequestCommand): Decision {
  const request = model.refundRequests.get(command.refundRequest);
  if (request === undefined) return refuse(`no refund request ${command.refundRequest}`);
  if (request.status !== 'pending') return refuse(`request is ${request.status}`);
  const payment = model.payments.get(request.payment) as ModelPayment;
  const parts = payment.model === 'seller' ? sellerParts(payment, payment.refunded, payment.refundedAmount, request.amount) : request.parts;
  return agree(() => {
    request.status = 'completed';
    for (const [merchant, amount] of request.holds) model.hold(merchant, payment.currency, -amount);
    payment.pending = combine(payment.pending, request.parts, -1);
    payment.pendingRefundAmount -= request.amount;
    applyRefund(model, payment, request.amount, parts, request);
    if (payment.model === 'seller') reestimatePending(model, payment);
  });
}

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts); undefined
 * when it has a pick but nothing fits (it is then skipped). With the `seller_requests` focus,
 * only a request of a seller-model payment with several pending, any of them (a lone pending
 * request is left to wait for others).
 */
export function steerCompleteRefundRequest(model: ReferenceModel, command: Untimed<CompleteRefundRequestCommand>, pick: Pick, focus: Focus = 'any'): Untimed<CompleteRefundRequestCommand> | undefined {
  if (pick === undefined) return command;
  const candidates =
    focus === 'seller_requests' ? crowdedSellerRequests(model) : [...model.refundRequests.values()].filter((request) => request.status === 'pending').map((request) => request.id);
  const refundRequest = pickFrom(candidates, pick);
  return refundRequest === undefined ? undefined : { ...command, refundRequest };
}

/** `refund_request.complete` in the model run. */
export class CompleteRefundRequestModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<CompleteRefundRequestCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
    readonly focus: Focus = 'any',
  ) {}

  check(model: Readonly<ReferenceModel>): boolean {
    return this.pick === undefined || steerCompleteRefundRequest(model as ReferenceModel, this.command, this.pick, this.focus) !== undefined;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerCompleteRefundRequest(model, this.command, this.pick, this.focus) ?? this.command, this.step, decideCompleteRefundRequest);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}${describeFocus(this.focus)}`);
  }
}
