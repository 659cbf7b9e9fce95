/**
 * One Payout Merchant's line of a marketplace (Platform Processing Model) split, in minor units.
 * The Payout Merchant is transferred `amount` and pays the platform `platformFee` out of it, so
 * it nets `amount − platformFee`.
 */
export interface SplitLine {
  /** The Payout Merchant's id; non-empty, at most 255 UTF-16 code units (JavaScript's `length`: a character past U+FFFF, as most emoji are, counts two), once per split. */
  readonly submerchantId: string;
  /** What the Payout Merchant is transferred; positive. */
  readonly amount: number;
  /** What the platform charges the Payout Merchant out of `amount`; 0 ≤ platformFee ≤ amount. */
  readonly platformFee: number;
}

/**
 * When a split is given, which decides the rule on its sum:
 * - `immediate_capture`: created with `capture: true` (or a session with `capture: auto`);
 *   the split is required and Σ amount = the payment amount.
 * - `authorization`: created with `capture: false`; no split (it comes at capture).
 * - `capture`: a two-step capture of the whole authorized amount; Σ amount ≤ the captured
 *   amount, and the rest is the platform's own share.
 * - `partial_capture`: a capture of less than was authorized; Σ amount = the captured amount.
 */
export type SplitMoment = 'immediate_capture' | 'authorization' | 'capture' | 'partial_capture';

/** Options of split validation. */
export interface SplitConstraints {
  /** The most lines a split may have. Default {@link MAX_SUBMERCHANTS} (100). */
  readonly maxSubmerchants?: number | undefined;
}

/**
 * Why a marketplace split was rejected, in the order {@link validateMarketplaceSplit} checks:
 * - `split_required`: no split (`undefined`; `[]` is an empty split) where one is required (any moment but `authorization`).
 * - `split_not_allowed_at_authorization`: a split on an authorization; send it at capture.
 * - `split_too_many_submerchants`: more lines than the bound (default 100).
 * - `split_submerchant_id_invalid`: a submerchant id that is empty or longer than 255 UTF-16 code units (JavaScript's `length`).
 * - `split_duplicate_submerchant`: a submerchant id on more than one line.
 * - `split_line_amount_not_positive`: a line whose amount is 0.
 * - `split_platform_fee_exceeds_amount`: a line whose platform fee is more than its amount.
 * - `amount_sum_not_safe_integer`: the line amounts add up past Number.MAX_SAFE_INTEGER.
 * - `split_sum_mismatch`: at immediate or partial capture, Σ amount ≠ the amount.
 * - `split_sum_exceeds_amount`: at capture, Σ amount > the captured amount.
 */
export type SplitErrorCode =
  | 'split_required'
  | 'split_not_allowed_at_authorization'
  | 'split_too_many_submerchants'
  | 'split_submerchant_id_invalid'
  | 'split_duplicate_submerchant'
  | 'split_line_amount_not_positive'
  | 'split_platform_fee_exceeds_amount'
  | 'split_sum_mismatch'
  | 'split_sum_exceeds_amount'
  | 'amount_sum_not_safe_integer';

/** A Payout Merchant's share of a captured payment: what it netted, `amount − platformFee`. */
export interface SubmerchantShare {
  /** The Payout Merchant's id. */
  readonly submerchantId: string;
  /** What it netted from the payment, in minor units. */
  readonly share: number;
}

/**
 * Who netted what from a captured marketplace payment; the parts add up to the captured amount.
 * Refunds are measured against these shares.
 */
export interface MarketplaceShares {
  /** The platform's share: the captured amount less what the Payout Merchants netted. */
  readonly platform: number;
  /** Each Payout Merchant's share, in split line order. */
  readonly submerchants: readonly SubmerchantShare[];
}
