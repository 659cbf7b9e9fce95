import { assertAmount } from '../amounts/assert-amount.js';
import { isAmount } from '../amounts/is-amount.js';
import { describeList } from '../result/describe-list.js';
import { isArraySafely } from '../result/is-array-safely.js';
import { assertLineObject } from './assert-line-object.js';
import type { MarketplaceShares, SplitLine, SubmerchantShare } from './types.js';

/**
 * Who netted what from a captured marketplace payment: each Payout Merchant `amount −
 * platformFee` (in line order), the platform the rest of the captured amount (its platform
 * fees plus whatever the split left to it). These are the shares refunds are measured against.
 *
 * Takes a split already accepted by {@link validateMarketplaceSplit}; it asserts on the way out
 * that the parts add up to `capturedAmount` and none is negative, and throws otherwise (the
 * caller passed a split that was never validated).
 *
 * @example
 * marketplaceShares(1000, [
 *   { submerchantId: 'pm-1', amount: 700, platformFee: 70 },
 *   { submerchantId: 'pm-2', amount: 300, platformFee: 30 },
 * ]); // { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] }
 */
export function marketplaceShares(capturedAmount: number, lines: readonly SplitLine[]): MarketplaceShares {
  assertAmount(capturedAmount, 'capturedAmount');
  // A single line or a Set has no length: the loop would see no lines and give the platform
  // everything, which the conservation check below cannot tell from an empty split.
  if (!isArraySafely(lines)) throw new TypeError(`marketplaceShares: lines must be an array of split lines, not ${describeList(lines, 'line')}`);
  const submerchants: SubmerchantShare[] = [];
  let transferred = 0;
  let netted = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as SplitLine;
    assertLineObject(line, index);
    // The message names the entry, so it is built only when the check fails.
    if (!isAmount(line.amount)) assertAmount(line.amount, `lines[${index}].amount`);
    if (!isAmount(line.platformFee)) assertAmount(line.platformFee, `lines[${index}].platformFee`);
    // `+ 0` here and for the platform: -0 amounts (valid ones) would otherwise give a share of -0.
    const share = line.amount - line.platformFee + 0;
    if (share < 0) throw new RangeError(`marketplaceShares: lines[${index}] has platformFee ${line.platformFee} above its amount ${line.amount}; validate the split first`);
    // Every valid split transfers at most what was captured; checked as it grows, so it stays exact.
    transferred += line.amount;
    if (transferred > capturedAmount) throw new RangeError(`marketplaceShares: the split transfers more than the captured amount ${capturedAmount}; validate the split first`);
    netted += share;
    submerchants.push({ submerchantId: line.submerchantId, share });
  }
  const platform = capturedAmount - netted + 0;
  // Conservation, checked on the way out: every minor unit captured belongs to exactly one party.
  let total = platform;
  for (const part of submerchants) total += part.share;
  if (total !== capturedAmount || platform < 0) throw new Error('marketplaceShares: the shares do not add up to the captured amount');
  return { platform, submerchants };
}
