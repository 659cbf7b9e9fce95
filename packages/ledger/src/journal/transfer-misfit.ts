import { availableBalanceOf, type LedgerStateView } from '../engine/ledger-state.js';
import { echoed, unitOnly } from '../engine/message-text.js';
import type { Change } from './change.js';
import { notWrittenAlone } from './written-alone.js';

/**
 * Why a balance transfer is not one the engine could have written, or undefined: between a
 * platform and one of its own sub-merchants, of a positive amount, written alone in its entry, and for no more than
 * the sender's available balance (posted less what pending refund requests hold) before the
 * entry, as `decideTransferBalance` requires (`insufficient_balance`). Alone in its entry, the
 * balance before the entry is the one the engine decided on. Its money is compared with its
 * postings by `paymentLifecycleProblem`.
 */
export function transferMisfit(state: LedgerStateView, change: Extract<Change, { readonly kind: 'balance_transferred' }>, changesInEntry: number): string | undefined {
  const from = state.config.merchants.get(change.from);
  const to = state.config.merchants.get(change.to);
  const related = from !== undefined && to !== undefined && change.from !== change.to && ((from.type === 'platform' && to.platform === from.id) || (to.type === 'platform' && from.platform === to.id));
  if (!related) return `balance transfer from ${change.from} to ${change.to}: not between a platform and its own sub-merchant`;
  // requirePositiveAmount: a transfer of 0 (or less, which would move money the other way
  // past the sender's balance check) is nothing the engine writes. NaN fails this too.
  if (!(change.amount >= 1)) return `balance transfer of ${echoed(change.amount, change.currency)} from ${change.from}: a transfer moves a positive amount (amount_not_positive)`;
  const alone = notWrittenAlone(`balance transfer from ${change.from} to ${change.to}`, changesInEntry);
  if (alone !== undefined) return alone;
  const available = availableBalanceOf(state, change.from, change.currency);
  if (available < change.amount) {
    return `balance transfer of ${echoed(change.amount, change.currency)} from ${change.from}, which has ${unitOnly(available, change.currency)} available (insufficient_balance)`;
  }
  return undefined;
}
