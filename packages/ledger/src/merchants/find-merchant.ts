import { accept } from '@kanjo/splits';
import { reject, type LedgerRejectionCode, type LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { Merchant } from './merchant.js';
import { quoted } from '../engine/message-text.js';

/**
 * Why a command cannot leave a merchant out, when it cannot: "payment K cannot be captured
 * without it (its seller)". A deactivated or unapproved merchant is then refused with the ways
 * out that command has, not with "leave it out", which it refuses too.
 */
export type LockedIn = string;

/**
 * The authenticated platform merchant of a command, if it may act: it exists in this book,
 * is a platform, and is active. Sub-merchants cannot act on their own (DOMAIN.md "Parties").
 */
export function findActingPlatform(state: LedgerStateView, id: string, lockedIn?: LockedIn): LedgerResult<Merchant> {
  const found = findMerchant(state, id);
  if (!found.ok) return found;
  const merchant = found.value;
  if (merchant.type !== 'platform') {
    return reject('merchant_not_platform', `merchant ${id} is a ${merchant.type} merchant: only its platform (${merchant.platform ?? '?'}) can act for it`);
  }
  return requireActive(merchant, lockedIn);
}

/**
 * A sub-merchant that `platform` names in a command: it exists in this book, is owned by
 * that platform, is of the expected type, and is active.
 */
export function findOwnedSubmerchant(
  state: LedgerStateView,
  platform: Merchant,
  id: string,
  type: 'seller' | 'payout',
  lockedIn?: LockedIn,
): LedgerResult<Merchant> {
  const found = findMerchant(state, id, 'submerchant_not_found');
  if (!found.ok) return found;
  const merchant = found.value;
  if (merchant.id === platform.id) {
    return reject('split_with_self', `merchant ${id} is the platform itself: a platform cannot split with or act as itself`);
  }
  if (merchant.platform !== platform.id) {
    return reject('submerchant_not_owned', `merchant ${id} is not a sub-merchant of platform ${platform.id}`);
  }
  if (merchant.type !== type) {
    return reject(
      type === 'seller' ? 'submerchant_not_seller' : 'submerchant_not_payout',
      `merchant ${id} is a ${merchant.type} merchant; this needs a ${type} merchant`,
    );
  }
  return requireActive(merchant, lockedIn);
}

/** A merchant of this ledger's book, or a rejection with `code`. */
export function findMerchant(state: LedgerStateView, id: string, code: LedgerRejectionCode = 'merchant_not_found'): LedgerResult<Merchant> {
  const merchant = state.config.merchants.get(id);
  if (merchant === undefined) return reject(code, `no merchant ${quoted(id)} in this ledger: check the id`);
  if (merchant.book !== state.config.book) {
    return reject('merchant_in_other_book', `merchant ${id} belongs to the ${merchant.book} book; this ledger keeps the ${state.config.book} book`);
  }
  return accept(merchant);
}

/** Rejects a deactivated merchant: it cannot take part in anything. */
export function requireActive(merchant: Merchant, lockedIn?: LockedIn): LedgerResult<Merchant> {
  if (merchant.status !== 'active' && lockedIn !== undefined) {
    return reject('merchant_deactivated', `merchant ${merchant.id} is deactivated and cannot take part in anything, and ${lockedIn}: activate it in the configuration (status: active), or cancel the payment (payment.cancel)`);
  }
  if (merchant.status !== 'active') {
    return reject('merchant_deactivated', `merchant ${merchant.id} is deactivated and cannot take part in anything: activate it in the configuration (status: active), or leave it out where the command lets you (no split line for it, another merchant; for a marketplace refund, a non-reverse one that gives it no part)`);
  }
  return accept(merchant);
}

/** In the live book a merchant processes payments only once approved. */
export function requireApprovedForBook(state: LedgerStateView, merchant: Merchant, lockedIn?: LockedIn): LedgerResult<Merchant> {
  if (state.config.book === 'live' && !merchant.approved && lockedIn !== undefined) {
    return reject('merchant_not_approved', `merchant ${merchant.id} is not approved for live payments, and ${lockedIn}: approve it in the configuration (approved: true), or cancel the payment (payment.cancel)`);
  }
  if (state.config.book === 'live' && !merchant.approved) {
    return reject('merchant_not_approved', `merchant ${merchant.id} is not approved for live payments: approve it in the configuration (approved: true), or leave it out of the payment`);
  }
  return accept(merchant);
}
