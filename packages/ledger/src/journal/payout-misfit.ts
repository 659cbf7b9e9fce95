import { availableBalance, type LedgerState } from '../engine/ledger-state.js';
import type { Change } from './change.js';

type PayoutChange = Extract<Change, { readonly kind: 'payout_period_settled' }>;

/**
 * Why a settled payout period is not one a settlement run could have written, or undefined, by
 * what `decideRunSettlement` decides: only a merchant with payout settings in that currency is
 * paid; an amount below its minimum is carried over (0 paid, whatever the balance); and a run
 * never pays more than the merchant's available balance (posted less what pending refund requests hold), less what the
 * same run paid it before this period. What the balance held at the period's end is not
 * re-checked: that needs the journal's history, which a streaming reconciliation does not keep.
 *
 * @param changes - the entry's changes, `change` among them: the payouts before it count.
 */
export function payoutMisfit(state: LedgerState, change: PayoutChange, changes: readonly Change[]): string | undefined {
  const { merchant, currency, amount } = change;
  const settings = state.payoutSettings.get(merchant)?.get(currency);
  if (settings === undefined) return `payout of ${merchant} in ${currency}, which has no payout settings in that currency`;
  // A run pays the period's amount or carries it over with 0: never less (NaN fails too).
  if (!(amount >= 0)) return `payout of ${amount} ${currency} to ${merchant}: a run pays a period nothing or more`;
  if (amount > 0 && amount < settings.minimumAmount) return `payout of ${amount} ${currency} to ${merchant}, below its minimum of ${settings.minimumAmount}: a run carries such an amount over`;
  // Nothing paid is a period carried over, whatever the balance (a chargeback can leave it negative).
  if (amount === 0) return undefined;
  const available = availableBalance(state, merchant, currency) - paidEarlierInEntry(changes, change);
  if (amount > available) return `payout of ${amount} ${currency} to ${merchant}, which has ${available} available: a run pays no more`;
  return undefined;
}

/** What the payouts before `change` in its entry paid the same merchant in the same currency. */
function paidEarlierInEntry(changes: readonly Change[], change: PayoutChange): number {
  let paid = 0;
  for (const other of changes) {
    if (other === change) break;
    if (other.kind === 'payout_period_settled' && other.merchant === change.merchant && other.currency === change.currency) paid += other.amount;
  }
  return paid;
}
