/**
 * Why {@link proportionalRefund} rejected a refund:
 * - `amount_sum_not_safe_integer`: the shares add up past Number.MAX_SAFE_INTEGER.
 * - `refunded_exceeds_share`: a party has already refunded more than its share (the history is
 *   inconsistent with the shares).
 * - `refund_total_exceeds_shares`: the new refunded total is more than all shares together.
 * - `refund_total_below_refunded`: the new refunded total is less than what has already been
 *   refunded (refund totals only grow; pass the cumulative total, not this refund's amount).
 */
export type ProportionalRefundErrorCode =
  | 'refund_total_exceeds_shares'
  | 'refund_total_below_refunded'
  | 'refunded_exceeds_share'
  | 'amount_sum_not_safe_integer';
