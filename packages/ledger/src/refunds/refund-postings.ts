import type { FeeWithTax } from '@kanjo/fees';
import type { RefundParts } from '@kanjo/splits';
import { CUSTOMERS_ACCOUNT, REFUND_FEES_ACCOUNT, TAX_ACCOUNT } from '../journal/accounts.js';
import type { Posting } from '../journal/posting.js';
import { outsideRef, PostingList, type MerchantAccounts, type MovementSink } from '../journal/push-movement.js';
import type { Payment } from '../payments/payment.js';
import { sessionContext } from '../payments/session-context.js';

const customers = outsideRef(CUSTOMERS_ACCOUNT);

/**
 * The postings of a refund (DOMAIN.md "Records of refunds").
 * Marketplace: the platform debits the Refund to the customer; each payout merchant pays its
 * part back to the platform as a Payment Transfer Return.
 * Seller model: the seller debits the Refund; the platform pays its part back to the seller as
 * a Platform Fee Return.
 * Refund requests add the Refund Fee and its tax (to KOMOJU) and, with
 * include_payment_method_fee, the Refunded Customer Fee and its tax (to the customer), all
 * debited from the platform.
 */
export function refundPostings(
  accounts: MerchantAccounts,
  payment: Payment,
  amount: number,
  parts: RefundParts,
  refundFee?: FeeWithTax,
  refundedCustomerFee?: FeeWithTax,
): Posting[] {
  const list = new PostingList();
  refundMovements(list, accounts, payment, amount, parts, refundFee, refundedCustomerFee);
  return list.postings;
}

/**
 * The movements of a refund, as {@link refundPostings} writes them, into any sink: the
 * engine's list, or replay's check of an imported entry (`PostingMatcher`).
 */
export function refundMovements(
  sink: MovementSink,
  accounts: MerchantAccounts,
  payment: Pick<Payment, 'currency' | 'platform' | 'model' | 'seller'>,
  amount: number,
  parts: RefundParts,
  refundFee?: FeeWithTax,
  refundedCustomerFee?: FeeWithTax,
): void {
  const { currency } = payment;
  const platform = accounts.of(payment.platform);
  if (payment.model === 'marketplace') {
    sink.move(currency, amount, 'Refund', platform, customers);
    for (const part of parts.submerchants) {
      sink.move(currency, part.amount, 'Payment Transfer Return', accounts.of(part.submerchantId), platform);
    }
  } else {
    const seller = accounts.of(payment.seller ?? '');
    sink.move(currency, amount, 'Refund', seller, customers);
    sink.move(currency, parts.platform, 'Platform Fee Return', platform, seller);
  }
  if (refundFee !== undefined) {
    sink.move(currency, refundFee.fee.amount, 'Refund Fee', platform, outsideRef(REFUND_FEES_ACCOUNT));
    sink.move(currency, refundFee.tax.amount, 'Refund Fee Tax', platform, outsideRef(TAX_ACCOUNT));
  }
  if (refundedCustomerFee !== undefined) {
    sink.move(currency, refundedCustomerFee.fee.amount, 'Refunded Customer Fee', platform, customers);
    sink.move(currency, refundedCustomerFee.tax.amount, 'Refunded Customer Fee Tax', platform, customers);
  }
}

/** The events of a posted refund: payment.refund.created, and payment.refunded when nothing is left. */
export function refundEvents(payment: Payment, amount: number, refundRequest?: string): { type: 'payment.refund.created' | 'payment.refunded'; payment: string; session?: string; refundRequest?: string; amount?: number; currency?: string }[] {
  const context = { ...sessionContext(payment), ...(refundRequest === undefined ? {} : { refundRequest }) };
  const events: ReturnType<typeof refundEvents> = [{ type: 'payment.refund.created', payment: payment.id, amount, currency: payment.currency, ...context }];
  if (payment.refundedAmount + amount + payment.chargebackAmount === payment.capturedAmount) {
    events.push({ type: 'payment.refunded', payment: payment.id, ...context });
  }
  return events;
}
