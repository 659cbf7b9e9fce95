import { accept, type Result } from '@kanjo/splits';
import type { LedgerState } from '../engine/ledger-state.js';
import { findOwnedSubmerchant } from '../merchants/find-merchant.js';
import type { Merchant } from '../merchants/merchant.js';

/** Every sub-merchant of a marketplace split is an active payout merchant of this platform. */
export function checkSplitSubmerchants(state: LedgerState, platform: Merchant, lines: readonly { readonly submerchantId: string }[]): Result<void> {
  for (const line of lines) {
    const found = findOwnedSubmerchant(state, platform, line.submerchantId, 'payout');
    if (!found.ok) return found;
  }
  return accept(undefined);
}

