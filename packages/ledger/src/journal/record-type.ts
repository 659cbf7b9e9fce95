/**
 * The record type of a posting: KOMOJU's names for what a movement is, as they appear in
 * a merchant's transaction records (DOMAIN.md "Records at capture", "Records of refunds"),
 * plus the names of the postings on the outside accounts. Every name a posting may carry: the
 * capture records, then the refund records (the seller model's Platform Fee Return beside the
 * marketplace's Payment Transfer Return, which it mirrors), then Chargeback, Balance Transfer
 * and Payout. The order is for reading only: no output numbers the names by it (a compact
 * journal's header lists the names it uses in the order they first occur). Frozen: the
 * journal's readers check names against it.
 */
export const RECORD_TYPES = Object.freeze([
  'Payment',
  'Payment Transfer',
  'Platform Fee',
  'Processing Fee',
  'Processing Fee Tax',
  'Customer Fee',
  'Customer Fee Tax',
  'Refund',
  'Payment Transfer Return',
  'Platform Fee Return',
  'Refunded Customer Fee',
  'Refunded Customer Fee Tax',
  'Refund Fee',
  'Refund Fee Tax',
  'Chargeback',
  'Balance Transfer',
  'Payout',
] as const);

/** One of {@link RECORD_TYPES}. */
export type RecordType = (typeof RECORD_TYPES)[number];
