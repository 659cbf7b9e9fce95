/**
 * One line of a non-reverse marketplace refund split: who pays how much of the refund.
 */
export interface RefundLine {
  /** The Payout Merchant's id; it must have a share in the payment. */
  readonly submerchantId: string;
  /** What this Payout Merchant gives back (a Payment Transfer Return), in minor units. */
  readonly amount: number;
  /** What the platform bears on this line, in minor units. */
  readonly platformFee: number;
}

/** What one Payout Merchant gives back in a refund (or has given back in all). */
export interface SubmerchantRefundPart {
  /** The Payout Merchant's id. */
  readonly submerchantId: string;
  /** What it gives back, in minor units; 0 when it gives nothing. */
  readonly amount: number;
}

/**
 * Who gives back what in a marketplace refund (or, accumulated, in all refunds of a payment).
 * The parts add up to the refund.
 */
export interface RefundParts {
  /** What the platform gives back out of its own share. */
  readonly platform: number;
  /** Every Payout Merchant with a share in the payment, in share order, 0 where it gives nothing. */
  readonly submerchants: readonly SubmerchantRefundPart[];
}

/**
 * Why a non-reverse refund split was rejected, in the order {@link validateNonReverseRefund} checks:
 * - `refund_split_too_many_lines`: more lines than the bound (default 100).
 * - `refund_split_duplicate_submerchant`: a submerchant id on more than one line.
 * - `refund_submerchant_not_in_payment`: a submerchant with no share in this payment.
 * - `amount_sum_not_safe_integer`: the lines add up past Number.MAX_SAFE_INTEGER.
 * - `refund_split_sum_mismatch`: Σ(amount + platformFee) is not the refund amount.
 * - `refund_exceeds_share`: a Payout Merchant asked for more than is left of its share, or the
 *   platform (Σ platformFee) for more than is left of its own.
 */
export type RefundSplitErrorCode =
  | 'refund_split_too_many_lines'
  | 'refund_split_duplicate_submerchant'
  | 'refund_submerchant_not_in_payment'
  | 'refund_split_sum_mismatch'
  | 'refund_exceeds_share'
  | 'amount_sum_not_safe_integer';
