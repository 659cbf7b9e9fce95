import { accept, assertAmount } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { UpdatePayoutSettingsCommand } from '../commands/command.js';
import { requireCurrency } from '../commands/validate-input.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { findActingPlatform, findMerchant, requireActive } from '../merchants/find-merchant.js';
import { quoted } from '../engine/message-text.js';

/**
 * `payout_settings.update`: the platform sets, for itself or one of its sub-merchants, the
 * payout frequency and minimum settlement amount in a currency. A merchant with no settings
 * is never paid out.
 */
export function decideUpdatePayoutSettings(state: LedgerStateView, command: UpdatePayoutSettingsCommand): LedgerResult<EntryDraft> {
  const platform = findActingPlatform(state, command.merchant);
  if (!platform.ok) return platform;
  const target = findMerchant(state, command.target, 'submerchant_not_found');
  if (!target.ok) return target;
  if (target.value.id !== platform.value.id && target.value.platform !== platform.value.id) {
    return reject('submerchant_not_owned', `merchant ${command.target} is neither platform ${platform.value.id} nor one of its sub-merchants`);
  }
  const active = requireActive(target.value);
  if (!active.ok) return active;
  const currency = requireCurrency(command.currency);
  if (!currency.ok) return currency;
  if (command.frequency !== 'weekly' && command.frequency !== 'monthly') {
    return reject('payout_frequency_invalid', `frequency must be weekly or monthly, not ${quoted(command.frequency)}`);
  }
  assertAmount(command.minimumAmount, 'minimumAmount');
  return accept({
    changes: [
      {
        kind: 'payout_settings_updated',
        settings: { merchant: command.target, currency: command.currency, frequency: command.frequency, minimumAmount: command.minimumAmount },
      },
    ],
    postings: [],
    events: [],
  });
}
