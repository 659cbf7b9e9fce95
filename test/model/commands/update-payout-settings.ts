import type { UpdatePayoutSettingsCommand } from '@kanjo/ledger';
import type { LedgerSystem } from '../ledger-system.js';
import { KNOWN_CURRENCIES, type ReferenceModel } from '../reference-model.js';
import { agree, describeCommand, refuse, runStep, type Decision, type LedgerModelCommand, type Untimed } from '../run-step.js';
import { describePick, pickFrom, type Pick } from '../targeting.js';
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

/**
 * Steers settings that name one of the platform's own merchants (the others are left to be
 * refused) to a merchant of either platform with money available in the currency, the platform
 * acting for it (see targeting.ts). Unsteered, settings mostly land on merchants with nothing to
 * pay out, and settlement runs then pay nobody.
 */
export function steerUpdatePayoutSettings(model: ReferenceModel, command: Untimed<UpdatePayoutSettingsCommand>, pick: Pick): Untimed<UpdatePayoutSettingsCommand> {
  const target = model.merchants.get(command.target);
  if (pick === undefined || target === undefined || (target.id !== command.merchant && target.platform !== command.merchant)) return command;
  const funded = [...model.merchants.values()].filter((merchant) => merchant.active && model.available(merchant.id, command.currency) > 0).map((merchant) => merchant.id);
  const chosen = pickFrom(funded, pick);
  if (chosen === undefined) return command;
  const merchant = model.merchants.get(chosen);
  // One pick in four sets the minimum to exactly what the merchant holds: a run paying that
  // amount pays it (DOMAIN.md: only "an amount below the minimum" is carried over).
  const minimumAmount = (pick ?? 0) % 4 === 3 ? model.available(chosen, command.currency) : command.minimumAmount;
  return { ...command, merchant: merchant?.platform ?? chosen, target: chosen, minimumAmount };
}

/** `payout_settings.update` in the model run. */
export class UpdatePayoutSettingsModelCommand implements LedgerModelCommand {
  constructor(
    readonly command: Untimed<UpdatePayoutSettingsCommand>,
    readonly step: TimeStep,
    readonly pick: Pick = undefined,
  ) {}

  check(): boolean {
    return true;
  }

  run(model: ReferenceModel, system: LedgerSystem): void {
    runStep(model, system, steerUpdatePayoutSettings(model, this.command, this.pick), this.step, decideUpdatePayoutSettings);
  }

  toString(): string {
    return describeCommand(this.command, `${describeStep(this.step)}, ${describePick(this.pick)}`);
  }
}
