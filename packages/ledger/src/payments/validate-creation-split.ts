import { accept, validateMarketplaceSplit, validateSellerSplit, type SplitLine } from '@kanjo/splits';
import { copySplitLines } from './copy-split-lines.js';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import { checkSplitSubmerchants } from './check-split-submerchants.js';
import { inCurrencyOf, sellerSplitInCurrency } from '../engine/passed-on-amounts.js';
import type { ProcessingParties } from './resolve-processing-parties.js';

/** The split fields of a payment or session being created. */
export interface CreationSplitRequest {
  readonly amount: number;
  readonly currency: string;
  readonly split?: readonly SplitLine[] | undefined;
  readonly platformAmount?: number | undefined;
  readonly platformMerchant?: string | undefined;
}

/** A validated split: the marketplace lines (empty in the seller model) or the seller model's platform_amount. */
export interface CreationSplit {
  readonly split: readonly SplitLine[];
  readonly platformAmount: number | undefined;
}

/**
 * The split of a payment or hosted-page session at creation, by processing model. Marketplace:
 * `platform_details` lines, required and adding up to the amount when it captures at once
 * (`capture: true`, `capture: auto`), forbidden when it only authorizes; every line an active
 * payout merchant of the platform accepting the payment type (known for a payment, checked at
 * completion for a session, which offers several). Seller model: `platform_amount` (0 to the amount) and
 * `platform_merchant`, which must be the seller's own platform, never the seller itself.
 */
export function validateCreationSplit(
  state: LedgerStateView,
  parties: ProcessingParties,
  request: CreationSplitRequest,
  capture: boolean,
  paymentType: string | undefined,
): LedgerResult<CreationSplit> {
  if (parties.model === 'marketplace') {
    if (request.platformAmount !== undefined || request.platformMerchant !== undefined) {
      return reject('platform_amount_not_allowed', 'platform_amount and platform_merchant belong to the seller model: a marketplace splits with platform_details');
    }
    const validated = inCurrencyOf(validateMarketplaceSplit(request.split, capture ? 'immediate_capture' : 'authorization', request.amount), request.currency);
    if (!validated.ok) return validated;
    const submerchants = checkSplitSubmerchants(state, parties.platform, validated.value, paymentType);
    if (!submerchants.ok) return submerchants;
    return accept({ split: copySplitLines(validated.value), platformAmount: undefined });
  }
  if (request.split !== undefined && request.split.length > 0) {
    return reject('split_not_allowed_for_seller', 'the seller model splits by platform_amount and platform_merchant, not platform_details');
  }
  if (request.platformAmount === undefined || request.platformMerchant === undefined) {
    return reject('seller_split_required', 'acting as a seller needs platform_amount and platform_merchant (the platform)');
  }
  const seller = parties.seller;
  if (seller === undefined) throw new Error('seller model without a seller');
  if (request.platformMerchant === seller.id) {
    return reject('split_with_self', `platform_merchant ${seller.id} is the seller itself: a payment cannot be split with oneself`);
  }
  if (request.platformMerchant !== parties.platform.id) {
    return reject('platform_merchant_mismatch', `platform_merchant must be ${parties.platform.id}, the platform that owns seller ${seller.id}`);
  }
  const platformAmount = sellerSplitInCurrency(validateSellerSplit(request.amount, request.platformAmount), request.amount, request.platformAmount, request.currency);
  if (!platformAmount.ok) return platformAmount;
  return accept({ split: [], platformAmount: platformAmount.value });
}
