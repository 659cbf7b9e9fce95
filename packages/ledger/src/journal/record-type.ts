/**
 * The record type of a posting: KOMOJU's names for what a movement is, as they appear in
 * a merchant's transaction records (DOMAIN.md "Records at capture", "Records of refunds"),
 * plus the names of the postings on the outside accounts. Every name a posting may carry, in
 * the order DOMAIN.md introduces them. Frozen: the journal's readers check names against it.
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
