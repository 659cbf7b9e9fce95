import type { LedgerConfig } from '../engine/ledger-config.js';
import type { Merchant } from '../merchants/merchant.js';
import { quoted } from '../engine/message-text.js';
import { paymentMethodCapabilities } from '../payments/payment-methods.js';

/** The most such settings a run names, one a line; past that, one line counts the rest. */
const MAX_NAMED = 10;

/**
 * A line on standard error for each merchant setting that SCENARIO.md lets a file write and
 * that makes every command using it fail, or charges what nothing gives back: the file runs
 * as before (refusing would stop files that run today), but the author learns it up front
 * rather than from rejections or a journal read line by line.
 *
 * - a platform whose `payment_methods` is empty: each of its payments is
 *   `payment_type_not_accepted`;
 * - a sub-merchant in the other book from its platform's (books never mix, DOMAIN.md
 *   "Parties"): each command naming it is `merchant_in_other_book`;
 * - a `customer_fee` on a payment type refunded by `payment.refund` (a card or wallet): only a
 *   refund request gives a customer fee back (`include_payment_method_fee`), so the customer
 *   pays it on every capture and a full refund leaves it with KOMOJU.
 */
export function warnOfUnusableMerchantSettings(config: LedgerConfig, merchants: ReadonlyMap<string, Merchant>, warn: (line: string) => void): void {
  const found: string[] = [];
  for (const [index, merchant] of config.merchants.entries()) {
    const where = `merchants[${index}] (${quoted(merchant.id)})`;
    if (merchant.type === 'platform') {
      const methods = Object.entries(merchant.paymentMethods);
      if (methods.length === 0) found.push(`${where} has no payment_methods: it accepts no payment type, so each of its payments will be rejected (payment_type_not_accepted)`);
      for (const [paymentType, method] of methods) {
        if (method.customerFee === undefined || method.customerFee === 0) continue;
        if (paymentMethodCapabilities(paymentType)?.refundRoute !== 'refund') continue;
        found.push(`${where} charges a customer_fee on ${quoted(paymentType)}, whose payments are refunded by payment.refund: only a refund request gives a customer fee back, so a full refund leaves the customer ${method.customerFee} and its tax short`);
      }
      continue;
    }
    const book = merchants.get(merchant.id)?.book;
    const platformBook = merchants.get(merchant.platform)?.book;
    if (book !== undefined && platformBook !== undefined && book !== platformBook) {
      found.push(`${where} is in the ${book} book and its platform ${quoted(merchant.platform)} in the ${platformBook} book: books never mix, so each command naming it will be rejected (merchant_in_other_book)`);
    }
  }
  for (const line of found.slice(0, MAX_NAMED)) warn(line);
  if (found.length > MAX_NAMED) warn(`${found.length - MAX_NAMED} more merchant settings make commands fail or charge a customer fee no refund gives back`);
}
