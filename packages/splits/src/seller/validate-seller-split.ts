import { assertAmount } from '../amounts/assert-amount.js';
import { accept, reject, type Result } from '../result/result.js';
import type { SellerSplitErrorCode } from './types.js';

/**
 * Validates a Seller Processing Model split: `0 ≤ platformAmount ≤ amount`, where `amount` is the
 * payment amount (or the captured amount, when a capture keeps the `platform_amount` given at
 * creation, which must then not exceed what was captured). The seller receives
 * `amount − platformAmount`.
 *
 * Both must be non-negative safe integers (parse them with {@link parseAmount}); anything else
 * throws.
 *
 * @returns the platform amount
 * @example
 * validateSellerSplit(50_000, 5_000); // { ok: true, value: 5000 }
 * validateSellerSplit(1_000, 1_001); // { ok: false, error: { code: 'platform_amount_exceeds_amount', … } }
 */
export function validateSellerSplit(amount: number, platformAmount: number): Result<number, SellerSplitErrorCode> {
  assertAmount(amount);
  assertAmount(platformAmount, 'platform_amount');
  if (platformAmount > amount) {
    return reject('platform_amount_exceeds_amount', `platform_amount ${platformAmount} is more than the amount ${amount}; it must be between 0 and ${amount}`);
  }
  // `+ 0`: a platform_amount of -0 (a valid amount) is answered as 0, never "-0".
  return accept(platformAmount + 0);
}
