/**
 * The record type names of fees, as they appear in a merchant's balance view (DOMAIN.md,
 * "Records at capture" and "Records of refunds").
 */
export type FeeRecordType =
  | 'Processing Fee'
  | 'Processing Fee Tax'
  | 'Refund Fee'
  | 'Refund Fee Tax'
  | 'Customer Fee'
  | 'Customer Fee Tax'
  | 'Refunded Customer Fee'
  | 'Refunded Customer Fee Tax';

/** One fee or tax amount, carrying the name of the record it becomes. */
export interface FeeRecord {
  /** Which record this amount is, e.g. `"Processing Fee Tax"`. */
  readonly type: FeeRecordType;
  /** A non-negative safe integer in the currency's minor unit. */
  readonly amount: number;
}

/** A fee and the consumption tax on it (tax computed on the already-rounded fee). */
export interface FeeWithTax {
  /** The fee, e.g. `{ type: 'Processing Fee', amount: 138 }`. */
  readonly fee: FeeRecord;
  /** The tax on the fee, e.g. `{ type: 'Processing Fee Tax', amount: 14 }`. */
  readonly tax: FeeRecord;
}
