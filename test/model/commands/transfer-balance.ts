import type { TransferBalanceCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { KNOWN_CURRENCIES, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, type Pick } from '../targeting.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `balance.transfer`: an active platform moves a positive amount between itself
 * and one of its active sub-merchants, either way, if the source's available balance covers it.
 */
export function decideTransferBalance(model: ReferenceModel, command: TransferBalanceCommand): Decision {
  const platform = model.actingPlatform(command.merchant);
  if (typeof platform === 'string') return refuse(platform);
  if (command.amount <= 0) return refuse('amount not positive');
  if (!KNOWN_CURRENCIES.has(command.currency)) return refuse(`currency ${command.currency}`);
  if (command.from === command.to) return refuse('from = to');
  if (command.from !== platform.id && command.to !== platform.id) return refuse('the platform is on neither side');
  const other = model.merchants.get(command.from === platform.id ? command.to : command.from);
  if (other === undefined) return refuse('no such sub-merchant');
  if (other.platform !== platform.id) return refuse(`${other.id} is not ${platform.id}'s`);
  if (!other.active) return refuse(`${other.id} is deactivated`);
  if (model.available(command.from, command.currency) < command.amount) return refuse(`${command.from} cannot cover ${command.amount}`);
  return agree(() => model.move(command.currency, command.amount, { merchant: command.from }, { merchant: command.to }));
}

/** Steers the command to one of the model's objects that fits (see targeting.ts). */
export function steerTransferBalance(model: ReferenceModel, command: Untimed<TransferBalanceCommand>, pick: Pick): Untimed<TransferBalanceCommand> {
  if (pick === undefined) return command;
  // A source with nothing available: send the other way. Then keep within what is available.
  const turned = model.available(command.from, command.currency) > 0 ? command : { ...command, from: command.to, to: command.from };
  const available = model.available(turned.from, turned.currency);
  return available <= 0 || turned.amount <= available ? turned : { ...turned, amount: 1 + (pick % available) };
}

/** `balance.transfer` in the model run. */
export class TransferBalanceModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<TransferBalanceCommand>,
    readonly step: TimeStep,
    readonly pick: Pick,
  ) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerTransferBalance(model, this.command, this.pick), this.step, decideTransferBalance);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
