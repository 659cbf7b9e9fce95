/**
 * Account names. The books are KOMOJU's as operator: a merchant's balance is what KOMOJU owes
 * it, a liability. Colon paths with capitalised roots so that the plain-text accounting tools
 * (hledger, ledger) read an export as it is.
 */

/** Money coming in from (and going back to) customers through payment methods. */
export const CUSTOMERS_ACCOUNT = 'Assets:Receivable:Customers';
/** KOMOJU's processing fees. */
export const PROCESSING_FEES_ACCOUNT = 'Income:Fees:Processing';
/** KOMOJU's refund request fees. */
export const REFUND_FEES_ACCOUNT = 'Income:Fees:Refund';
/** Customer fees (Konbini and the like), paid by the customer to KOMOJU. */
export const CUSTOMER_FEES_ACCOUNT = 'Income:Fees:Customer';
/** Consumption tax on fees. */
export const TAX_ACCOUNT = 'Liabilities:Tax:Consumption';
/** Merchants' bank accounts: where payouts go. */
export const PAYOUTS_ACCOUNT = 'Assets:Bank:Payouts';
/** KOMOJU's own accounts and the outside parties': every account that is not a merchant's. */
export const OUTSIDE_ACCOUNTS = [CUSTOMERS_ACCOUNT, PROCESSING_FEES_ACCOUNT, REFUND_FEES_ACCOUNT, CUSTOMER_FEES_ACCOUNT, TAX_ACCOUNT, PAYOUTS_ACCOUNT] as const;

/** Prefix of every merchant balance account. */
export const MERCHANT_ACCOUNT_PREFIX = 'Liabilities:Merchants:';

/** The balance account of a merchant (one account per merchant; currencies are commodities in it). */
export function merchantAccount(merchantId: string): string {
  // From JavaScript, undefined or ['pm1'] would make "Liabilities:Merchants:undefined" or a
  // list's text: an account no posting has.
  if (typeof merchantId !== 'string') throw new TypeError(`merchantAccount: merchantId must be a merchant id (a string), not ${typeof merchantId}`);
  return MERCHANT_ACCOUNT_PREFIX + merchantId;
}
