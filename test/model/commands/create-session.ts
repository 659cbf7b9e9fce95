import type { CreateSessionCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { KNOWN_CURRENCIES, METHOD_RULES, type ReferenceModel } from '../reference-model.js';
import { onActivePayoutMerchants } from '../model-flows.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, freshId, type Pick } from '../targeting.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `session.create`: a new id, the processing parties as for a payment, a positive
 * amount, a known currency, payment types non-empty and each accepted, an absolute http(s)
 * return URL, an external customer id of at most 255 characters, and the split for the
 * capture mode (`auto`: a split adding up to the amount; `manual`: none yet).
 */
export function decideCreateSession(model: ReferenceModel, command: CreateSessionCommand): Decision {
  if (model.sessions.has(command.id)) return refuse(`session ${command.id} exists`);
  const parties = model.processingParties(command.merchant, command.as);
  if (typeof parties === 'string') return refuse(parties);
  if (command.amount <= 0) return refuse('amount not positive');
  if (!KNOWN_CURRENCIES.has(command.currency)) return refuse(`currency ${command.currency}`);
  if (command.paymentTypes.length === 0) return refuse('no payment types');
  const processing = parties.seller ?? parties.platform;
  for (const type of command.paymentTypes) {
    if (!METHOD_RULES.has(type) || !processing.paymentTypes.has(type)) return refuse(`${processing.id} does not accept ${type}`);
  }
  if (!/^https?:\/\/[^/?#\s]+/.test(command.returnUrl)) return refuse(`return_url ${command.returnUrl}`);
  if (command.externalCustomerId !== undefined && command.externalCustomerId.length > 255) return refuse('external_customer_id too long');
  if (command.capture !== 'auto' && command.capture !== 'manual') return refuse(`capture ${String(command.capture)}`);
  if (parties.seller === undefined) {
    if (command.platformAmount !== undefined || command.platformMerchant !== undefined) return refuse('platform_amount in a marketplace');
    const problem = model.splitProblem(parties.platform, command.split, command.capture === 'auto' ? 'exact' : 'none', command.amount);
    if (problem !== undefined) return refuse(problem);
  } else {
    if (command.split !== undefined && command.split.length > 0) return refuse('a split in the seller model');
    if (command.platformAmount === undefined || command.platformMerchant === undefined) return refuse('no seller split');
    if (command.platformMerchant !== parties.platform.id) return refuse(`platform_merchant ${command.platformMerchant}`);
    if (command.platformAmount > command.amount) return refuse('platform_amount above the amount');
  }
  return agree(() => {
    model.sessions.set(command.id, {
      id: command.id,
      merchant: command.merchant,
      as: command.as,
      amount: command.amount,
      currency: command.currency,
      paymentTypes: command.paymentTypes,
      capture: command.capture,
      split: command.split,
      platformAmount: command.platformAmount,
      platformMerchant: command.platformMerchant,
      status: 'pending',
      payment: undefined,
    });
  });
}

/** Steers the command to one of the model's objects that fits (see targeting.ts). */
export function steerCreateSession(model: ReferenceModel, command: Untimed<CreateSessionCommand>, pick: Pick): Untimed<CreateSessionCommand> {
  const id = freshId('ses', (taken) => model.sessions.has(taken), pick);
  if (id === undefined) return command;
  return { ...command, id, ...(command.split === undefined ? {} : { split: onActivePayoutMerchants(model, command.split) }) };
}

/** `session.create` in the model run. */
export class CreateSessionModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<CreateSessionCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
  ) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerCreateSession(model, this.command, this.pick), this.step, decideCreateSession);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
