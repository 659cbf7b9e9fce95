import { customerFee, processingFee, type FeeWithTax } from '@kanjo/fees';
import { accept, marketplaceShares, type MarketplaceShares, type SplitLine } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import {
  CUSTOMER_FEES_ACCOUNT,
  CUSTOMERS_ACCOUNT,
  PROCESSING_FEES_ACCOUNT,
  TAX_ACCOUNT,
} from '../journal/accounts.js';
import type { Change } from '../journal/change.js';
import type { EntryDraft } from '../journal/entry.js';
import { outsideRef, type MerchantAccounts, type MovementSink } from '../journal/push-movement.js';
import type { Merchant } from '../merchants/merchant.js';
import type { PaymentInit } from './payment.js';
import { echoedOrBare, unitOnly } from '../engine/message-text.js';

const customers = outsideRef(CUSTOMERS_ACCOUNT);
const processingFees = outsideRef(PROCESSING_FEES_ACCOUNT);
const customerFees = outsideRef(CUSTOMER_FEES_ACCOUNT);
const tax = outsideRef(TAX_ACCOUNT);

/** A validated capture: what was captured and how it splits. */
export interface CaptureTerms {
  readonly payment: PaymentInit;
  readonly platform: Merchant;
  /** The balance accounts of the ledger's merchants. */
  readonly accounts: MerchantAccounts;
  readonly capturedAmount: number;
  /** Marketplace split (empty in the seller model). */
  readonly split: readonly SplitLine[];
  /** Seller model: the platform's part that stands (0 in the marketplace model). */
  readonly platformAmount: number;
}

/**
 * The change and movements of a capture (DOMAIN.md "Records at capture"): see
 * {@link captureMovements}; the change records the shares (the split's, or the seller model's
 * platform amount and the rest) and the customer fee charged. On a rejection the sink may hold
 * some movements; they are to be dropped.
 */
export function planCapture(terms: CaptureTerms, sink: MovementSink): LedgerResult<Extract<Change, { readonly kind: 'payment_captured' }>> {
  const { payment, capturedAmount, split, platformAmount } = terms;
  const customer = captureMovements(terms, sink);
  if (!customer.ok) return customer;
  const charged = customer.value;
  const shares: MarketplaceShares =
    payment.model === 'marketplace'
      ? marketplaceShares(capturedAmount, split)
      : { platform: platformAmount, submerchants: [{ submerchantId: payment.seller as string, share: capturedAmount - platformAmount }] };
  return accept({
    kind: 'payment_captured',
    payment: payment.id,
    capturedAmount,
    split,
    shares,
    platformAmount: payment.model === 'seller' ? platformAmount : 0,
    customerFee: charged?.fee.amount ?? 0,
    customerFeeTax: charged?.tax.amount ?? 0,
  });
}

/**
 * The movements of a capture, into `sink`: the Payment into the processing merchant's balance,
 * the split moved to the other parties, and the processing fee and its tax charged to the
 * platform on the captured amount. A method with a customer fee (Konbini…) also records the
 * customer paying it and its tax to KOMOJU: it never touches a merchant's balance and bears no
 * processing fee. Gives the customer fee charged, if any.
 *
 * The engine collects the movements as postings (`PostingList`, through {@link planCapture});
 * replay compares an imported capture's postings with them (`PostingMatcher`), so both follow
 * this one description.
 */
export function captureMovements(terms: CaptureTerms, sink: MovementSink): LedgerResult<FeeWithTax | undefined> {
  const { payment, platform, accounts, capturedAmount, split, platformAmount } = terms;
  const schedule = platform.feeSchedule;
  if (schedule === undefined) throw new Error(`captureMovements: platform ${platform.id} has no fee schedule`);
  const fee = processingFee(schedule, payment.paymentType, capturedAmount);
  if (!fee.ok) return fee;
  const customer = customerFee(schedule, payment.paymentType);
  if (!customer.ok) return customer;

  const currency = payment.currency;
  const platformAccount = accounts.of(platform.id);
  if (payment.model === 'marketplace') {
    sink.move(currency, capturedAmount, 'Payment', customers, platformAccount);
    for (const line of split) {
      const submerchant = accounts.of(line.submerchantId);
      sink.move(currency, line.amount, 'Payment Transfer', platformAccount, submerchant);
      sink.move(currency, line.platformFee, 'Platform Fee', submerchant, platformAccount);
    }
  } else {
    const seller = payment.seller;
    if (seller === undefined) throw new Error(`captureMovements: seller-model payment ${payment.id} has no seller`);
    if (platformAmount > capturedAmount) {
      return reject('platform_amount_exceeds_amount', `platform_amount ${echoedOrBare(platformAmount, currency)} is more than the captured amount ${unitOnly(capturedAmount, currency)}`);
    }
    const sellerAccount = accounts.of(seller);
    sink.move(currency, capturedAmount, 'Payment', customers, sellerAccount);
    sink.move(currency, platformAmount, 'Platform Fee', sellerAccount, platformAccount);
  }
  sink.move(currency, fee.value.fee.amount, 'Processing Fee', platformAccount, processingFees);
  sink.move(currency, fee.value.tax.amount, 'Processing Fee Tax', platformAccount, tax);
  const charged = customer.value;
  if (charged !== undefined) {
    sink.move(currency, charged.fee.amount, 'Customer Fee', customers, customerFees);
    sink.move(currency, charged.tax.amount, 'Customer Fee Tax', customers, tax);
  }
  return customer;
}

/** The payment.captured (or payment.authorized) event of a payment, with its session if any. */
export function paymentEvent(type: 'payment.authorized' | 'payment.captured' | 'payment.cancelled' | 'payment.expired', payment: PaymentInit): EntryDraft['events'][number] {
  // `session` always present (undefined when none; JSON drops it): every such event has one shape.
  return { type, payment: payment.id, session: payment.session };
}
