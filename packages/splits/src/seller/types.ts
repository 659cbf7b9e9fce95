/**
 * Why a Seller Processing Model split was rejected:
 * - `platform_amount_exceeds_amount`: `platform_amount` is more than the payment (or captured)
 *   amount; the seller's part, `amount − platform_amount`, cannot be negative.
 */
export type SellerSplitErrorCode = 'platform_amount_exceeds_amount';

/** The parts of one seller-model refund, in minor units; they add up to the refund. */
export interface TwoPartyRefund {
  /** What the platform gives back (a Platform Fee Return to the seller). */
  readonly platform: number;
  /** What the seller gives back. */
  readonly seller: number;
}
