import type { CreatePaymentCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { applyCapture } from '../model-flows.js';
import { KNOWN_CURRENCIES, METHOD_RULES, type ModelPayment, type ReferenceModel } from '../reference-model.js';
import { onActivePayoutMerchants } from '../model-flows.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describeFocus, describePick, freshId, pickFrom, type Focus, type Pick } from '../targeting.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `payment.create`: unique id, an active platform (acting as one of its active
 * sellers in the seller model), a positive amount, a known currency and payment type the
 * processing merchant accepts, a split or seller split valid for the moment. Cards and wallets
 * with capture are captured at once; `capture: false` and Konbini are authorized.
 * `session` is the hosted-page session the payment comes from (`session.complete`).
 */
export function decideCreatePayment(model: ReferenceModel, command: CreatePaymentCommand, session?: string): Decision {
  if (model.payments.has(command.id)) return refuse(`payment ${command.id} exists`);
  const parties = model.processingParties(command.merchant, command.as);
  if (typeof parties === 'string') return refuse(parties);
  if (command.amount <= 0) return refuse('amount not positive');
  if (!KNOWN_CURRENCIES.has(command.currency)) return refuse(`currency ${command.currency}`);
  const rules = METHOD_RULES.get(command.paymentType);
  if (rules === undefined) return refuse(`payment type ${command.paymentType}`);
  const processing = parties.seller ?? parties.platform;
  if (!processing.paymentTypes.has(command.paymentType)) return refuse(`${processing.id} does not accept ${command.paymentType}`);
  const capture = command.capture ?? true;
  const seller = parties.seller;
  if (seller === undefined) {
    if (command.platformAmount !== undefined || command.platformMerchant !== undefined) return refuse('platform_amount in a marketplace');
    const problem = model.splitProblem(parties.platform, command.split, capture ? 'exact' : 'none', command.amount);
    if (problem !== undefined) return refuse(problem);
  } else {
    if (command.split !== undefined && command.split.length > 0) return refuse('a split in the seller model');
    if (command.platformAmount === undefined || command.platformMerchant === undefined) return refuse('no seller split');
    if (command.platformMerchant !== parties.platform.id) return refuse(`platform_merchant ${command.platformMerchant}`);
    if (command.platformAmount > command.amount) return refuse('platform_amount above the amount');
  }
  return agree(() => {
    const payment: ModelPayment = {
      id: command.id,
      platform: parties.platform.id,
      seller: seller?.id,
      model: seller === undefined ? 'marketplace' : 'seller',
      amount: command.amount,
      currency: command.currency,
      paymentType: command.paymentType,
      origin: command.origin ?? (session === undefined ? 'api' : 'session'),
      session,
      pendingSplit: seller === undefined && capture && rules.waitsForCustomer ? command.split : undefined,
      platformAmount: command.platformAmount,
      platformAmountFixed: seller !== undefined && capture && rules.waitsForCustomer,
      status: 'authorized',
      capturedAmount: 0,
      capturedPlatformAmount: 0,
      shares: new Map([[parties.platform.id, 0]]),
      refunded: new Map(),
      pending: new Map(),
      refundedAmount: 0,
      pendingRefundAmount: 0,
      chargebackAmount: 0,
      customerFee: 0,
      customerFeeTax: 0,
      customerFeeRefund: 'none',
    };
    model.payments.set(payment.id, payment);
    if (capture && !rules.waitsForCustomer) applyCapture(model, payment, command.amount, command.split ?? [], command.platformAmount ?? 0);
  });
}

/**
 * Steers the command to one of the model's objects that fits (see targeting.ts). With the
 * `seller_requests` focus, a seller-model payment also acts as an active seller of its platform
 * that accepts its payment type, if there is one.
 */
export function steerCreatePayment(model: ReferenceModel, command: Untimed<CreatePaymentCommand>, pick: Pick, focus: Focus = 'any'): Untimed<CreatePaymentCommand> {
  const id = freshId('pay', (taken) => model.payments.has(taken), pick);
  if (id === undefined) return command;
  const steered = { ...command, id, ...(command.split === undefined ? {} : { split: onActivePayoutMerchants(model, command.split) }) };
  if (focus === 'any' || command.as === undefined) return steered;
  const sellers = [...model.merchants.values()].filter(
    (merchant) => merchant.type === 'seller' && merchant.active && merchant.platform === command.merchant && merchant.paymentTypes.has(command.paymentType),
  );
  const seller = pickFrom(sellers.map((merchant) => merchant.id), pick);
  return seller === undefined ? steered : { ...steered, as: seller };
}

/** `payment.create` in the model run. */
export class CreatePaymentModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<CreatePaymentCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
    readonly focus: Focus = 'any',
  ) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerCreatePayment(model, this.command, this.pick, this.focus), this.step, decideCreatePayment);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}${describeFocus(this.focus)}`);
  }
}
