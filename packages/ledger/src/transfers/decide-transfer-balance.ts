import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { echoed, inUnit, shown, unitOnly } from '../engine/message-text.js';
import type { TransferBalanceCommand } from '../commands/command.js';
import { requireCurrency, requirePositiveAmount } from '../commands/validate-input.js';
import { availableBalanceOf, exactAvailableBalance, type LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import type { Posting } from '../journal/posting.js';
import { merchantAccounts, pushMovement } from '../journal/push-movement.js';
import { findActingPlatform, findMerchant, requireActive } from '../merchants/find-merchant.js';

/**
 * `balance.transfer` (DOMAIN.md "Balance transfers", `[000]`): only the platform initiates,
 * from itself to one of its active sub-merchants or from one of them to itself; the source's
 * available balance must cover the amount. A "Balance Transfer" record on both sides.
 */
export function decideTransferBalance(state: LedgerStateView, command: TransferBalanceCommand): LedgerResult<EntryDraft> {
  const platform = findActingPlatform(state, command.merchant);
  if (!platform.ok) return platform;
  const amount = requirePositiveAmount(command.amount, 'amount');
  if (!amount.ok) return amount;
  const currency = requireCurrency(command.currency);
  if (!currency.ok) return currency;
  if (command.from === command.to) {
    return reject('transfer_same_party', `from and to are both ${shown(command.from)}: a transfer moves balance between two merchants`);
  }
  if (command.from !== platform.value.id && command.to !== platform.value.id) {
    return reject('transfer_must_involve_platform', `a transfer goes between platform ${platform.value.id} and one of its sub-merchants: one of from/to must be the platform`);
  }
  const otherId = command.from === platform.value.id ? command.to : command.from;
  const other = findMerchant(state, otherId, 'submerchant_not_found');
  if (!other.ok) return other;
  if (other.value.platform !== platform.value.id) {
    return reject('submerchant_not_owned', `merchant ${otherId} is not a sub-merchant of platform ${platform.value.id}`);
  }
  const active = requireActive(other.value);
  if (!active.ok) return active;
  const available = availableBalanceOf(state, command.from, command.currency);
  if (available < command.amount) {
    // In the currency's unit beside its code (0.60 USD, not 60 USD), as the tables write amounts;
    // the amount sent is quoted as sent (minor units), its unit beside it. The balance and the
    // shortfall in bigint: below zero they may pass -2^53, where a number is no longer exact.
    const has = Number.isSafeInteger(available) ? BigInt(available) : exactAvailableBalance(state, command.from, command.currency);
    return reject(
      'insufficient_balance',
      `merchant ${command.from} has ${inUnit(has, command.currency)} available, less than the amount ${echoed(command.amount, command.currency)} to transfer (short by ${unitOnly(BigInt(command.amount) - has, command.currency)})`,
    );
  }
  const postings: Posting[] = [];
  const accounts = merchantAccounts(state.config);
  pushMovement(postings, command.currency, command.amount, 'Balance Transfer', accounts.of(command.from), accounts.of(command.to));
  return accept({
    changes: [{ kind: 'balance_transferred', from: command.from, to: command.to, currency: command.currency, amount: command.amount }],
    postings,
    events: [],
  });
}
