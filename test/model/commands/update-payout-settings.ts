import type { UpdatePayoutSettingsCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { KNOWN_CURRENCIES, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describeStep, type TimeStep } from '../timing.js';

/**
 * The model's `payout_settings.update`: an active platform sets weekly or monthly payouts and a
 * minimum, in a known currency, for itself or one of its active sub-merchants.
 */
export function decideUpdatePayoutSettings(model: ReferenceModel, command: UpdatePayoutSettingsCommand): Decision {
  const platform = model.actingPlatform(command.merchant);
  if (typeof platform === 'string') return refuse(platform);
  const target = model.merchants.get(command.target);
  if (target === undefined) return refuse(`no merchant ${command.target}`);
  if (target.id !== platform.id && target.platform !== platform.id) return refuse(`${target.id} is not ${platform.id} nor its sub-merchant`);
  if (!target.active) return refuse(`${target.id} is deactivated`);
  if (!KNOWN_CURRENCIES.has(command.currency)) return refuse(`currency ${command.currency}`);
  if (command.frequency !== 'weekly' && command.frequency !== 'monthly') return refuse(`frequency ${String(command.frequency)}`);
  return agree(() => {
    let byCurrency = model.payoutSettings.get(target.id);
    if (byCurrency === undefined) model.payoutSettings.set(target.id, (byCurrency = new Map()));
    byCurrency.set(command.currency, { frequency: command.frequency, minimumAmount: command.minimumAmount });
  });
}

/** `payout_settings.update` in the model run. */
export class UpdatePayoutSettingsModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<UpdatePayoutSettingsCommand>,
    readonly step: TimeStep,
  ) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, this.command, this.step, decideUpdatePayoutSettings);
  }

  toString(): string {
    return describeCommand(this.command, describeStep(this.step));
  }
}
