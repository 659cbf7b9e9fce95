import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import { findOwnedSubmerchant, requireApprovedForBook, type LockedIn } from '../merchants/find-merchant.js';
import type { Merchant } from '../merchants/merchant.js';

/**
 * Every sub-merchant of a marketplace split is an active payout merchant of this platform,
 * approved when the book is live, and, when the payment type is known, accepts it (a payout
 * merchant may list the payment types it takes part in; by default all of its platform's).
 *
 * Approval: [000] lets a marketplace process real payments with a Payout Merchant only once
 * that Payout Merchant is approved, so a live split to an unapproved one is `merchant_not_approved`.
 * `lockedIn` says why the command cannot leave a line out (a split fixed at creation).
 */
export function checkSplitSubmerchants(
  state: LedgerStateView,
  platform: Merchant,
  lines: readonly { readonly submerchantId: string }[],
  paymentType: string | undefined,
  lockedIn?: LockedIn,
): LedgerResult<void> {
  for (const line of lines) {
    const found = findOwnedSubmerchant(state, platform, line.submerchantId, 'payout', lockedIn);
    if (!found.ok) return found;
    const approved = requireApprovedForBook(state, found.value, lockedIn);
    if (!approved.ok) return approved;
    if (paymentType !== undefined && !found.value.paymentTypes.has(paymentType)) {
      return reject('payment_type_not_accepted', `payout merchant ${line.submerchantId} does not accept ${paymentType}: leave it out of this payment's split or add ${paymentType} to its payment_types`);
    }
  }
  return accept(undefined);
}

