import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import { findActingPlatform, findOwnedSubmerchant, requireApprovedForBook } from '../merchants/find-merchant.js';
import type { Merchant } from '../merchants/merchant.js';
import type { ProcessingModel } from './payment.js';

/** Who processes a payment: the platform, and in the seller model the seller it acts as. */
export interface ProcessingParties {
  readonly model: ProcessingModel;
  readonly platform: Merchant;
  readonly seller?: Merchant;
}

/**
 * Resolves `merchant` (the authenticated platform) and `as` (dual authentication). A
 * marketplace processes its own payments and splits them among payout merchants; a platform
 * of business type `platform` processes as one of its sellers, so it must name one.
 */
export function resolveProcessingParties(state: LedgerStateView, merchant: string, as: string | undefined): LedgerResult<ProcessingParties> {
  const platform = findActingPlatform(state, merchant);
  if (!platform.ok) return platform;
  const approvedPlatform = requireApprovedForBook(state, platform.value);
  if (!approvedPlatform.ok) return approvedPlatform;
  if (as === undefined) {
    if (platform.value.business !== 'marketplace') {
      return reject('seller_required', `platform ${merchant} is of business type platform: name the seller it acts as in \`as\``);
    }
    return accept({ model: 'marketplace', platform: platform.value });
  }
  if (platform.value.business !== 'platform') {
    return reject('dual_authentication_not_allowed', `platform ${merchant} is a marketplace: it processes its own payments, so drop \`as\` and give a platform_details split`);
  }
  const seller = findOwnedSubmerchant(state, platform.value, as, 'seller');
  if (!seller.ok) return seller;
  const approvedSeller = requireApprovedForBook(state, seller.value);
  if (!approvedSeller.ok) return approvedSeller;
  return accept({ model: 'seller', platform: platform.value, seller: seller.value });
}
