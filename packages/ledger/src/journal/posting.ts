import type { RecordType } from './record-type.js';

/**
 * One leg of an entry. `amount` is signed in the accounting convention of the plain-text
 * tools: positive is a debit, negative a credit. On a merchant's (liability) account a credit
 * is a *deposit* to its balance and a debit is a *debit* of it, which is exactly KOMOJU's
 * wording, so `merchant balance = −(sum of its postings)`.
 */
export interface Posting {
  /**
   * Account name: `merchantAccount(id)` for a merchant's balance, or one of the outside
   * parties' accounts (`CUSTOMERS_ACCOUNT`, `PROCESSING_FEES_ACCOUNT`, `TAX_ACCOUNT`…).
   */
  readonly account: string;
  /** The merchant whose balance this posting moves, when the account is a merchant's. */
  readonly merchant?: string | undefined;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Signed integer in the currency's minor unit: debit positive, credit negative. Never 0. */
  readonly amount: number;
  /** What the movement is, in KOMOJU's record type names. */
  readonly recordType: RecordType;
}
