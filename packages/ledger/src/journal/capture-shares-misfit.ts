import { isAmount, marketplaceShares, type MarketplaceShares } from '@kanjo/splits';
import type { Change } from './change.js';

/**
 * Why a capture's shares are not the engine's, or undefined: in the marketplace model
 * {@link marketplaceShares} of the captured amount and the split (and no platform amount); in
 * the seller model the platform amount to the platform and the rest to the seller (and no
 * split). The payment keeps the shares and later refunds are decided from them.
 */
export function sharesMisfit(change: Extract<Change, { readonly kind: 'payment_captured' }>, model: string | undefined, seller: string | undefined): string | undefined {
  let expected: MarketplaceShares;
  let from: string;
  if (model === 'seller') {
    if (sharesFollowPlatformAmount(change, seller)) return undefined;
    if (change.split.length > 0 || change.platformAmount > change.capturedAmount) return `${sharesText(change.shares)}, but a seller-model capture has no split and a platform amount of at most what it captures`;
    expected = { platform: change.platformAmount, submerchants: [{ submerchantId: String(seller), share: change.capturedAmount - change.platformAmount }] };
    from = 'its platform amount';
  } else {
    if (change.platformAmount !== 0) return `${sharesText(change.shares)}, but a marketplace capture has no platform amount`;
    if (sharesFollowSplit(change)) return undefined;
    try {
      expected = marketplaceShares(change.capturedAmount, change.split);
    } catch (error) {
      return `${sharesText(change.shares)}, but its split gives none: ${(error as Error).message}`;
    }
    from = 'its split';
  }
  const same =
    expected.platform === change.shares.platform &&
    expected.submerchants.length === change.shares.submerchants.length &&
    expected.submerchants.every((party, index) => party.submerchantId === change.shares.submerchants[index]?.submerchantId && party.share === change.shares.submerchants[index]?.share);
  return same ? undefined : `${sharesText(change.shares)}, but ${from} gives ${sharesText(expected)}`;
}

/**
 * Whether the capture's shares are exactly {@link marketplaceShares} of its split, worked out
 * without building them: every replayed capture passes here, and a million of them should not
 * allocate a second set of shares each. True only where marketplaceShares would accept the split
 * (amounts safe integers, no fee above its line, no more transferred than captured) and give
 * these shares; anything else goes the long way, which also words the problem.
 */
function sharesFollowSplit(change: Extract<Change, { readonly kind: 'payment_captured' }>): boolean {
  const { capturedAmount, split, shares } = change;
  const parties = shares.submerchants;
  if (!isAmount(capturedAmount) || parties.length !== split.length) return false;
  let transferred = 0;
  let netted = 0;
  for (let index = 0; index < split.length; index += 1) {
    const line = split[index];
    const party = parties[index];
    if (line === undefined || party === undefined || !isAmount(line.amount) || !isAmount(line.platformFee)) return false;
    const share = line.amount - line.platformFee;
    transferred += line.amount;
    if (share < 0 || transferred > capturedAmount || party.submerchantId !== line.submerchantId || party.share !== share) return false;
    netted += share;
  }
  // Each share is at most its line's amount, so netted ≤ transferred ≤ captured: the platform's is never negative.
  return shares.platform === capturedAmount - netted;
}

/**
 * Whether a seller-model capture's shares are exactly the platform amount to the platform and
 * the rest to the seller, with no split: checked without building them, as for a marketplace.
 */
function sharesFollowPlatformAmount(change: Extract<Change, { readonly kind: 'payment_captured' }>, seller: string | undefined): boolean {
  const { capturedAmount, platformAmount, shares } = change;
  const party = shares.submerchants[0];
  return (
    change.split.length === 0 &&
    platformAmount <= capturedAmount &&
    shares.platform === platformAmount &&
    shares.submerchants.length === 1 &&
    party !== undefined &&
    party.submerchantId === String(seller) &&
    party.share === capturedAmount - platformAmount
  );
}

/** Shares for messages: `platform 100, pm1 630, pm2 270`. */
function sharesText(shares: MarketplaceShares): string {
  return [`platform ${shares.platform}`, ...Array.from(shares.submerchants, (party) => `${party.submerchantId} ${party.share}`)].join(', ');
}
