import { customerFee, processingFee } from '@kanjo/fees';
import { accept, marketplaceShares, reject, type MarketplaceShares, type Result, type SplitLine } from '@kanjo/splits';
import {
  CUSTOMER_FEES_ACCOUNT,
  CUSTOMERS_ACCOUNT,
  PROCESSING_FEES_ACCOUNT,
  TAX_ACCOUNT,
} from '../journal/accounts.js';
import type { Change } from '../journal/change.js';
import type { EntryDraft } from '../journal/entry.js';
import type { Posting } from '../journal/posting.js';
import { merchantRef, outsideRef, pushMovement } from '../journal/push-movement.js';
import type { Merchant } from '../merchants/merchant.js';
import type { PaymentInit } from './payment.js';

const customers = outsideRef(CUSTOMERS_ACCOUNT);
const processingFees = outsideRef(PROCESSING_FEES_ACCOUNT);
const customerFees = outsideRef(CUSTOMER_FEES_ACCOUNT);
const tax = outsideRef(TAX_ACCOUNT);

/** A validated capture: what was captured and how it splits. */
export interface CaptureTerms {
  readonly payment: PaymentInit;
  readonly platform: Merchant;
  readonly capturedAmount: number;
  /** Marketplace split (empty in the seller model). */
  readonly split: readonly SplitLine[];
  /** Seller model: the platform's part that stands (0 in the marketplace model). */
  readonly platformAmount: number;
}

/**
 * The change and postings of a capture (DOMAIN.md "Records at capture"): the Payment into the
 * processing merchant's balance, the split moved to the other parties, and the processing fee
 * and its tax charged to the platform on the captured amount. A method with a customer fee
 * (Konbini…) also records the customer paying it and its tax to KOMOJU: it never touches a
 * merchant's balance and bears no processing fee.
 */
export function planCapture(terms: CaptureTerms): Result<{ readonly change: Change; readonly postings: readonly Posting[] }> {
  const { payment, platform, capturedAmount, split, platformAmount } = terms;
  const schedule = platform.feeSchedule;
  if (schedule === undefined) throw new Error(`planCapture: platform ${platform.id} has no fee schedule`);
  const fee = processingFee(schedule, payment.paymentType, capturedAmount);
  if (!fee.ok) return fee;
  const customer = customerFee(schedule, payment.paymentType);
  if (!customer.ok) return customer;

  const currency = payment.currency;
  const postings: Posting[] = [];
  const platformAccount = merchantRef(platform.id);
  let shares: MarketplaceShares;
  if (payment.model === 'marketplace') {
    shares = marketplaceShares(capturedAmount, split);
    pushMovement(postings, currency, capturedAmount, 'Payment', customers, platformAccount);
    for (const line of split) {
      const submerchant = merchantRef(line.submerchantId);
      pushMovement(postings, currency, line.amount, 'Payment Transfer', platformAccount, submerchant);
      pushMovement(postings, currency, line.platformFee, 'Platform Fee', submerchant, platformAccount);
    }
  } else {
    const seller = payment.seller;
    if (seller === undefined) throw new Error(`planCapture: seller-model payment ${payment.id} has no seller`);
    if (platformAmount > capturedAmount) {
      return reject('platform_amount_exceeds_amount', `platform_amount ${platformAmount} is more than the captured amount ${capturedAmount}`);
    }
    shares = { platform: platformAmount, submerchants: [{ submerchantId: seller, share: capturedAmount - platformAmount }] };
    const sellerAccount = merchantRef(seller);
    pushMovement(postings, currency, capturedAmount, 'Payment', customers, sellerAccount);
    pushMovement(postings, currency, platformAmount, 'Platform Fee', sellerAccount, platformAccount);
  }
  pushMovement(postings, currency, fee.value.fee.amount, 'Processing Fee', platformAccount, processingFees);
  pushMovement(postings, currency, fee.value.tax.amount, 'Processing Fee Tax', platformAccount, tax);
  const charged = customer.value;
  if (charged !== undefined) {
    pushMovement(postings, currency, charged.fee.amount, 'Customer Fee', customers, customerFees);
    pushMovement(postings, currency, charged.tax.amount, 'Customer Fee Tax', customers, tax);
  }
  return accept({
    change: {
      kind: 'payment_captured',
      payment: payment.id,
      capturedAmount,
      split,
      shares,
      platformAmount: payment.model === 'seller' ? platformAmount : 0,
      customerFee: charged?.fee.amount ?? 0,
      customerFeeTax: charged?.tax.amount ?? 0,
    },
    postings,
  });
}

/** The payment.captured (or payment.authorized) event of a payment, with its session if any. */
export function paymentEvent(type: 'payment.authorized' | 'payment.captured' | 'payment.cancelled' | 'payment.expired', payment: PaymentInit): EntryDraft['events'][number] {
  // `session` always present (undefined when none; JSON drops it): every such event has one shape.
  return { type, payment: payment.id, session: payment.session };
}
