import { isCurrency, validateMarketplaceSplit, type SplitLine } from '@kanjo/splits';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { Payment, PaymentInit } from '../payments/payment.js';
import { sameRefundParts } from '../refunds/combine-refund-parts.js';
import { partsAtCompletion } from '../refunds/decide-settle-refund-request.js';
import type { RefundRequest } from '../refunds/refund-request.js';
import { feeCost, refundCosts } from '../refunds/refund-costs.js';
import { CUSTOMERS_ACCOUNT } from './accounts.js';
import { sharesMisfit } from './capture-shares-misfit.js';
import type { Change } from './change.js';
import type { Entry } from './entry.js';
import { platformAmountFixedAtCreation } from '../payments/platform-amount-fixed.js';
import { captureMovements } from '../payments/plan-capture.js';
import { sameSplit } from '../payments/same-split.js';
import { creationTermsMisfit } from './creation-misfit.js';
import { merchantMoneyMisfit } from './merchant-money-misfit.js';
import { PostingMatcher } from './posting-matcher.js';
import { merchantAccounts } from './push-movement.js';
import { chargebackMisfit, creationTypeMisfit, directRefundMisfit, partialCaptureMisfit, refundRequestMisfit, splitTypeMisfit } from './payment-type-misfit.js';
import { refundCoverMisfit } from './refund-cover-misfit.js';
import { refundPartsMisfit } from './refund-parts-misfit.js';
import { notWrittenAlone } from './written-alone.js';
import { echoedOrBare, jsonInLine, minorUnitsNote, quoted, shown, unitOnly } from '../engine/message-text.js';
import { inCurrencyOf } from '../engine/passed-on-amounts.js';

// The checks of an imported entry against its payment: what the engine guarantees about a
// payment's lifecycle and money that the entry's changes and postings alone can show. Part of
// checkEntryApplicable; kept apart because they follow one payment through the entry.

/**
 * What the engine guarantees about a payment that the changes and postings alone can show:
 * every change of an entry concerns the entry's `payment`; a payment is created on a
 * configured platform of the right business (and seller), in a currency Kanjo knows, and
 * everything of it (postings, refund requests) is in that currency; it is captured once, from
 * authorized, for at most its amount, among payout merchants of its platform (or its seller),
 * with the shares its split or platform amount give (see {@link sharesMisfit}); it is
 * cancelled or expired only before capture; refunds, chargebacks and refund requests only
 * after it, never beyond the captured amount, their parts adding up to their amount, a
 * chargeback of everything left, a customer fee refunded as charged, once, by the request that
 * includes it; a direct refund's and a new request's parts the engine's (the proportional split
 * in the seller model, within what is left of each share in a marketplace: see
 * {@link refundPartsMisfit}); the money the entry takes from or gives back to customers is
 * exactly what its capture, refund and chargeback changes say; what its payment type allows
 * (its processing merchant and split parties accept it, a partial capture, a direct refund, a
 * refund request or a chargeback only where the type takes one: see `payment-type-misfit.ts`);
 * and every merchant's money (the
 * platform's of a capture is compared posting by posting with the engine's movements) is what its changes say (see
 * {@link merchantMoneyMisfit}; entries of no payment, transfers and payouts, included). Works
 * on the entry's one payment, so it needs no lookup beyond that payment's.
 * `legacyCompletions`: whether a seller-model completion may post its request's own estimate
 * (a journal of a version before eca5b54: neither the entry nor one before it re-estimates).
 */
export function paymentLifecycleProblem(state: LedgerStateView, entry: Pick<Entry, 'changes' | 'payment' | 'postings'>, legacyCompletions: boolean): string | undefined {
  let id: string | undefined;
  // The payment as created (its type and origin), read only by the rules of its type.
  let created: PaymentInit | undefined;
  let status: string | undefined;
  let amount = 0;
  let captured = 0;
  let settled = 0; // refunded and charged back
  let pending = 0; // held by pending refund requests
  let platform: string | undefined;
  let model: string | undefined;
  let seller: string | undefined;
  let currency: string | undefined;
  let customerFee = 0;
  let customerFeeTax = 0;
  let customerFeeRefund = 'none';
  let completedWithCustomerFee = false; // the request this entry completes refunds the customer fee
  // The request just completed: the refund that follows is its own (of its amount), not a direct one.
  let completing: RefundRequest | undefined;
  // The payment as the state holds it before this entry (undefined for one the entry creates).
  let before: Payment | undefined;
  let capturedInEntry = 0;
  let refundedInEntry = 0;
  let chargedBackInEntry = 0;
  let requestFeesInEntry = 0; // the fees the requests this entry completes store
  for (const change of entry.changes) {
    const named = paymentNamed(state, change);
    if (named === undefined) continue;
    if (named !== entry.payment) return `a ${change.kind} change names payment ${shown(named)}, ${entry.payment == null ? 'but the entry names no payment (its payment field)' : `the entry payment ${shown(entry.payment)}`}`;
    if (id === undefined) {
      id = named;
      // A payment this entry creates is new (checked before): no lookup among a million.
      const existing = change.kind === 'payment_created' ? undefined : state.payments.get(named);
      before = existing;
      if (existing !== undefined) {
        created = existing;
        status = existing.status;
        amount = existing.amount;
        captured = existing.capturedAmount;
        settled = existing.refundedAmount + existing.chargebackAmount;
        pending = existing.pendingRefundAmount;
        platform = existing.platform;
        model = existing.model;
        seller = existing.seller;
        currency = existing.currency;
        customerFee = existing.customerFee;
        customerFeeTax = existing.customerFeeTax;
        customerFeeRefund = existing.customerFeeRefund;
      }
    }
    switch (change.kind) {
      case 'payment_created': {
        const init = change.payment;
        const owner = state.config.merchants.get(init.platform);
        if (init.model !== 'marketplace' && init.model !== 'seller') return `payment ${named} has model ${quoted(init.model)}, not marketplace or seller`;
        if (owner?.type !== 'platform' || (init.model === 'marketplace') !== (owner.business === 'marketplace')) {
          return `payment ${named} is a ${init.model} payment of ${init.platform}, which is not such a platform in the configuration`;
        }
        if (owner.book !== state.config.book) return `payment ${named} is of platform ${init.platform} of the ${owner.book} book; this journal keeps the ${state.config.book} book`;
        // `seller` is read only on seller payments: a marketplace init has no such field, and
        // looking a missing field up on objects of many shapes is slow over a million entries.
        seller = undefined;
        let processing = owner;
        if (init.model === 'seller') {
          seller = init.seller;
          const of = seller === undefined ? undefined : state.config.merchants.get(seller);
          if (of?.type !== 'seller' || of.platform !== init.platform) return seller === undefined ? `seller-model payment ${named} names no seller` : `payment ${named} names seller ${shown(seller)}, not a seller of ${init.platform}`;
          if (of.book !== state.config.book) return `payment ${named} names seller ${of.id} of the ${of.book} book; this journal keeps the ${state.config.book} book`;
          processing = of;
        }
        const types = creationTypeMisfit(init, processing);
        if (types !== undefined) return types;
        if (init.amount < 1) return `payment ${named} has no amount`;
        if (!isCurrency(init.currency)) return `payment ${named} is in ${init.currency}, not an ISO 4217 code Kanjo knows`;
        const terms = creationTermsMisfit(state, init, owner, init.model === 'seller' ? processing : undefined);
        if (terms !== undefined) return terms;
        created = init;
        status = 'authorized';
        amount = init.amount;
        platform = init.platform;
        model = init.model;
        currency = init.currency;
        break;
      }
      case 'payment_captured': {
        if (status !== 'authorized') return `payment ${named} captured while ${String(status)}`;
        if (change.capturedAmount < 1 || change.capturedAmount > amount) return `payment ${named} of ${echoedOrBare(amount, currency)} captured for ${echoedOrBare(change.capturedAmount, currency)}`;
        if (change.capturedAmount < amount && created !== undefined) {
          const partial = partialCaptureMisfit(created, change.capturedAmount);
          if (partial !== undefined) return partial;
        }
        for (const party of change.shares.submerchants as readonly { readonly submerchantId?: unknown }[]) {
          const sub = typeof party.submerchantId === 'string' ? state.config.merchants.get(party.submerchantId) : undefined;
          const fits = model === 'seller' ? party.submerchantId === seller : sub?.type === 'payout' && sub.platform === platform;
          if (!fits) return `payment ${named} captured with a share for ${shown(party.submerchantId)}, not a ${model === 'seller' ? 'seller' : 'payout merchant'} of ${String(platform)}`;
        }
        // A seller-model capture keeps the creation's platform amount when it is made in the
        // creation's entry, or fixed at creation for the customer's paying; only a two-step
        // capture may restate it.
        if (model === 'seller' && (before === undefined || (created !== undefined && platformAmountFixedAtCreation(state, created))) && change.platformAmount !== created?.platformAmount) {
          return `payment ${named} took its platform amount ${created?.platformAmount === undefined ? 'undefined' : echoedOrBare(created.platformAmount, currency)} at creation, but is captured with ${echoedOrBare(change.platformAmount, currency)}`;
        }
        // A marketplace split as the engine's own rules take it at that moment (each payout
        // merchant once, positive lines, fees within them, and Σ amount equal to the amount at
        // creation and at a partial capture, at most the captured amount at a full one).
        if (model === 'marketplace') {
          const moment = before === undefined ? 'immediate_capture' : change.capturedAmount < amount ? 'partial_capture' : 'capture';
          const split = validateMarketplaceSplit(change.split, moment, change.capturedAmount);
          const refused = inCurrencyOf(split, currency ?? '');
          if (!refused.ok) return `payment ${named} captured with a split the engine refuses at ${moment.replace('_', ' ')}: ${refused.error.code}: ${refused.error.message}`;
        }
        if (created?.pendingSplit !== undefined && !sameSplit(change.split, created.pendingSplit)) {
          return `payment ${named} took its split at creation, but is captured with another (${splitText(change.split)} instead of ${splitText(created.pendingSplit)})${minorUnitsNote(currency)}`;
        }
        for (const line of change.split as readonly { readonly submerchantId?: unknown }[]) {
          const sub = typeof line.submerchantId === 'string' ? state.config.merchants.get(line.submerchantId) : undefined;
          if (sub?.type !== 'payout' || sub.platform !== platform) return `payment ${named} split to ${String(line.submerchantId)}, not a payout merchant of ${String(platform)}`;
          const types = created === undefined ? undefined : splitTypeMisfit(created, sub);
          if (types !== undefined) return types;
        }
        const shares = sharesMisfit(change, model, seller);
        if (shares !== undefined) return `payment ${named} captured for ${change.capturedAmount} with shares ${shares}${minorUnitsNote(currency)}`;
        // DOMAIN.md: an immediate capture (capture: true, a session's capture: auto) is of the
        // whole amount; only a later payment.capture may take less.
        if (before === undefined && change.capturedAmount !== amount) return `payment ${named} of ${echoedOrBare(amount, currency)} captured at its creation for ${echoedOrBare(change.capturedAmount, currency)}: a capture at creation takes the whole amount`;
        const planned = capturePlanMisfitReleasing(state, created, platform, change, entry.postings);
        if (planned !== undefined) return `the capture of payment ${named}: ${planned}`;
        status = 'captured';
        captured = change.capturedAmount;
        customerFee = change.customerFee;
        customerFeeTax = change.customerFeeTax;
        settled = 0;
        pending = 0;
        capturedInEntry += change.capturedAmount;
        break;
      }
      case 'payment_cancelled':
      case 'payment_expired':
        if (status !== 'authorized' && !(status === 'pending' && change.kind === 'payment_cancelled')) return `payment ${named} ${change.kind === 'payment_cancelled' ? 'cancelled' : 'expired'} while ${String(status)}`;
        status = change.kind === 'payment_cancelled' ? 'cancelled' : 'expired';
        break;
      case 'refund_request_completed':
      case 'refund_request_rejected': {
        const request = state.refundRequests.get(change.refundRequest);
        pending -= request?.amount ?? 0;
        if (change.kind === 'refund_request_completed' && request !== undefined) {
          requestFeesInEntry += feeCost(request.refundFee) + feeCost(request.refundedCustomerFee);
          completedWithCustomerFee = request.refundedCustomerFee !== undefined;
          completing = request;
        }
        break;
      }
      case 'payment_refunded':
      case 'payment_charged_back':
      case 'refund_request_created': {
        const taken = change.kind === 'refund_request_created' ? change.request.amount : change.amount;
        const parts = change.kind === 'refund_request_created' ? change.request.parts : change.kind === 'payment_refunded' ? change.parts : undefined;
        if (status !== 'captured') return `payment ${named} refunded while ${String(status)}`;
        // A refund that does not follow a request's completion is a direct one (`payment.refund`).
        const direct = change.kind === 'payment_refunded' && completing === undefined;
        if (change.kind === 'payment_refunded' && completing !== undefined && change.amount !== completing.amount) {
          return `payment ${named} refunded ${echoedOrBare(change.amount, currency)} by the completion of refund request ${completing.id}, which is for ${echoedOrBare(completing.amount, currency)}`;
        }
        // decideSettleRefundRequest: who gives back what is the request's parts (marketplace) or
        // the completed-refunds curve (seller model), from the payment as it was before the entry.
        // The request's own parts are taken in the seller model too, in a journal of a version
        // before eca5b54, which completed a seller-model request with its estimate (such
        // journals still replay unless a completion changed what another pending request would
        // cost: see reestimates-misfit.ts). Those versions wrote no re-estimate, so an entry
        // carrying one, or following one, was written by a version that completes on the curve
        // (the caller then passes `legacyCompletions` false).
        if (change.kind === 'payment_refunded' && completing !== undefined && before !== undefined) {
          const expected = partsAtCompletion(before, completing);
          if (!sameRefundParts(change.parts, expected)) {
            if (!legacyCompletions || !sameRefundParts(change.parts, completing.parts)) {
              const estimate = legacyCompletions ? ` nor the request's ${jsonInLine(completing.parts)}` : ` (the request's own estimate is taken only from a journal of a version before eca5b54, which wrote no re-estimates; this one has)`;
              return `payment ${named} refunded by the completion of refund request ${completing.id} in parts ${jsonInLine(change.parts)}, ${legacyCompletions ? 'neither' : 'not'} the ${jsonInLine(expected)} its completion gives${estimate}${minorUnitsNote(currency)}`;
            }
          }
        }
        if (change.kind === 'payment_refunded') completing = undefined;
        const types = created === undefined ? undefined : typeMisfit(created, change, direct);
        if (types !== undefined) return types;
        // Its holds are counted in its currency: one other than the payment's would hold nothing the payment can pay.
        // A lost dispute returns everything not refunded nor held by a pending request; the fold then marks the payment refunded.
        if (change.kind === 'payment_charged_back' && taken !== captured - settled - pending) return `payment ${named} charged back ${echoedOrBare(taken, currency)}, not the ${unitOnly(captured - settled - pending, currency ?? '')} left of it`;
        if (change.kind === 'refund_request_created' && change.request.refundedCustomerFee !== undefined) {
          // decideRequestRefund: the customer fee the payment was charged, when it was, once.
          const { fee, tax } = change.request.refundedCustomerFee;
          if (customerFee === 0 || customerFeeRefund !== 'none' || fee.amount !== customerFee || tax.amount !== customerFeeTax) {
            return `refund request ${change.request.id} refunds a customer fee of ${echoedOrBare(fee.amount, currency)} and tax ${echoedOrBare(tax.amount, currency)}, but a request refunds the ${echoedOrBare(customerFee, currency)} and ${echoedOrBare(customerFeeTax, currency)} payment ${named} was charged, once`;
          }
          customerFeeRefund = 'pending';
        }
        if (change.kind === 'payment_refunded' && change.customerFeeRefunded !== completedWithCustomerFee) {
          return `a refund of payment ${named} says customerFeeRefunded ${change.customerFeeRefunded}, but the request it completes (if any) says ${completedWithCustomerFee}`;
        }
        if (change.kind === 'refund_request_created' && change.request.currency !== currency) return `refund request ${change.request.id} is in ${change.request.currency}, its payment ${named} in ${String(currency)}`;
        if (parts !== undefined && parts.submerchants.reduce((sum, part) => sum + part.amount, parts.platform) !== taken) return `payment ${named} refunded ${echoedOrBare(taken, currency)} in parts that do not add up to it`;
        // Together at most the captured amount before this change; the message adds this one exactly.
        const refundedBefore = settled + pending;
        if (change.kind === 'refund_request_created') pending += taken;
        else settled += taken;
        if (change.kind === 'payment_refunded') refundedInEntry += taken;
        if (change.kind === 'payment_charged_back') chargedBackInEntry += taken;
        // "refunded up to" the total would not say that this one is empty (noticed at stop 56).
        if (taken < 1) return `payment ${named} ${TAKEN_AS[change.kind]} ${echoedOrBare(taken, currency)}: a refund, refund request or chargeback takes more than 0`;
        if (settled + pending > captured) return `payment ${named} captured for ${echoedOrBare(captured, currency)} refunded up to ${unitOnly(BigInt(refundedBefore) + BigInt(taken), currency ?? '')}`;
        const cover = direct || change.kind === 'refund_request_created' ? refundCoverProblem(state, entry.changes.length, created, change) : undefined;
        if (cover !== undefined) return cover;
        // Written alone (checked just above), so `before` is the payment the engine split it from.
        if ((direct || change.kind === 'refund_request_created') && before !== undefined && parts !== undefined) {
          const what = change.kind === 'refund_request_created' ? `refund request ${change.request.id} made` : `payment ${named} refunded directly`;
          const split = refundPartsMisfit(before, what, taken, parts);
          if (split !== undefined) return split;
        }
        if (settled === captured) status = 'refunded';
        break;
      }
      default:
        break;
    }
  }
  // The engine books everything of a payment in its currency (the checks below compare amounts alone).
  if (id !== undefined) for (const posting of entry.postings) if (posting.currency !== currency) return `it posts ${posting.currency} on payment ${id}, which is in ${String(currency)}`;
  const customers = customerMoneyMisfit(entry.postings, currency, capturedInEntry, refundedInEntry, chargedBackInEntry);
  if (customers !== undefined) return customers;
  // The platform's own net of a capture carries the processing fee: it was compared, posting
  // by posting, with the engine's movements for the capture (capturePlanMisfit). Everyone
  // else's money is compared with the changes here.
  const feePayer = capturedInEntry > 0 ? platform : undefined;
  const bearer = model === 'seller' ? seller : platform;
  return merchantMoneyMisfit(entry, currency, platform, feePayer, bearer, requestFeesInEntry);
}

/** How a message says what a refund, refund request or chargeback took of its payment. */
const TAKEN_AS = { payment_refunded: 'refunded', refund_request_created: 'had a refund requested of', payment_charged_back: 'charged back' } as const;

/** Whether a change re-estimates a pending refund request (only versions since eca5b54 write one). */
export function isReestimate(change: Change): boolean {
  return change.kind === 'refund_request_reestimated';
}

/**
 * Why a refund, refund request or chargeback is not one the payment's type takes, or undefined.
 * `direct`: a refund completes no refund request (it does not follow one's completion).
 */
function typeMisfit(payment: PaymentInit, change: Extract<Change, { readonly kind: 'payment_refunded' | 'payment_charged_back' | 'refund_request_created' }>, direct: boolean): string | undefined {
  switch (change.kind) {
    case 'payment_refunded':
      return direct ? directRefundMisfit(payment) : undefined;
    case 'refund_request_created':
      return refundRequestMisfit(payment, change.request.id);
    case 'payment_charged_back':
      return chargebackMisfit(payment);
  }
}

/** A split for a message: `pm1 700 (fee 70), pm2 300 (fee 30)`. */
function splitText(split: readonly SplitLine[]): string {
  return split.length === 0 ? 'none' : Array.from(split, (line) => `${line.submerchantId} ${line.amount} (fee ${line.platformFee})`).join(', ');
}

const captureMatcher = new PostingMatcher();

/** {@link capturePlanMisfit}, then lets go of the postings (see `PostingMatcher.release`). */
function capturePlanMisfitReleasing(state: LedgerStateView, payment: PaymentInit | undefined, platformId: string | undefined, change: Extract<Change, { readonly kind: 'payment_captured' }>, postings: Entry['postings']): string | undefined {
  try {
    return capturePlanMisfit(state, payment, platformId, change, postings);
  } finally {
    captureMatcher.release();
  }
}

/**
 * Why a capture's postings or its customer fee are not what the engine writes for it, or
 * undefined. The movements are the engine's own ({@link captureMovements}), from the capture's amount, split and
 * platform amount and the platform's fee schedule in the configuration: the Payment, the split's
 * transfers and platform fees, the processing fee and its tax (DOMAIN.md "Records at capture"),
 * and the customer fee and its tax where the type has one, each with its record type, in the
 * engine's order, and nothing else. A capture is the only change of its entry that moves money,
 * so its movements are all of the entry's postings.
 */
function capturePlanMisfit(state: LedgerStateView, payment: PaymentInit | undefined, platformId: string | undefined, change: Extract<Change, { readonly kind: 'payment_captured' }>, postings: Entry['postings']): string | undefined {
  const platform = platformId === undefined ? undefined : state.config.merchants.get(platformId);
  if (payment === undefined || platform?.feeSchedule === undefined) return `its platform ${String(platformId)} has no fees in the configuration`;
  const charged = captureMovements({ payment, platform, accounts: merchantAccounts(state.config), capturedAmount: change.capturedAmount, split: change.split, platformAmount: change.platformAmount }, captureMatcher.reset(postings));
  if (!charged.ok) return `the engine refuses it: ${charged.error.code}: ${charged.error.message}`;
  captureMatcher.end();
  if (captureMatcher.mismatch !== undefined) return captureMatcher.mismatch;
  const fee = charged.value?.fee.amount ?? 0;
  const tax = charged.value?.tax.amount ?? 0;
  if (change.customerFee !== fee || change.customerFeeTax !== tax) {
    return `it records a customer fee of ${echoedOrBare(change.customerFee, payment.currency)} and tax ${echoedOrBare(change.customerFeeTax, payment.currency)}, where ${payment.paymentType} of ${platform.id} charges ${unitOnly(fee, payment.currency)} and ${unitOnly(tax, payment.currency)}`;
  }
  return undefined;
}

/**
 * Why a direct refund or a new refund request costs a party more than it has available, or
 * undefined: what the engine decided them by. A request's holds are what it costs (checked
 * before); a direct refund costs each party its part. Each is written alone in its entry, so
 * the balances before the entry are the ones the engine decided on.
 */
function refundCoverProblem(state: LedgerStateView, changesInEntry: number, payment: PaymentInit | undefined, change: Extract<Change, { readonly kind: 'payment_refunded' | 'refund_request_created' }>): string | undefined {
  if (payment === undefined) return undefined;
  const what = change.kind === 'payment_refunded' ? `payment ${payment.id} refunded directly` : `refund request ${change.request.id}`;
  const costs = change.kind === 'payment_refunded' ? refundCosts(payment, change.parts, []) : change.request.holds;
  return notWrittenAlone(what, changesInEntry) ?? refundCoverMisfit(state, what, payment.currency, costs);
}

/** The payment a change concerns directly, if any. */
function paymentNamed(state: LedgerStateView, change: Change): string | undefined {
  switch (change.kind) {
    case 'payment_created':
      return change.payment.id;
    case 'payment_captured':
    case 'payment_cancelled':
    case 'payment_expired':
    case 'payment_refunded':
    case 'payment_charged_back':
    case 'session_completed':
      return change.payment;
    case 'refund_request_created':
      return change.request.payment;
    case 'refund_request_completed':
    case 'refund_request_rejected':
      return state.refundRequests.get(change.refundRequest)?.payment;
    default:
      return undefined;
  }
}

/** The customers account must receive what the captures say and give back what the refunds and chargebacks say. */
function customerMoneyMisfit(postings: Entry['postings'], currency: string | undefined, capturedAmount: number, refunded: number, chargedBack: number): string | undefined {
  let paid = 0;
  let returned = 0;
  let disputed = 0;
  for (const posting of postings) {
    if (posting.account !== CUSTOMERS_ACCOUNT) continue;
    if (posting.recordType === 'Payment') paid += posting.amount;
    else if (posting.recordType === 'Refund') returned -= posting.amount;
    else if (posting.recordType === 'Chargeback') disputed -= posting.amount;
  }
  if (paid !== capturedAmount) return `its customers pay ${echoedOrBare(paid, currency)} but its captures say ${echoedOrBare(capturedAmount, currency)}`;
  if (returned !== refunded) return `its customers get back ${echoedOrBare(returned, currency)} but its refunds say ${echoedOrBare(refunded, currency)}`;
  if (disputed !== chargedBack) return `its customers get back ${echoedOrBare(disputed, currency)} by chargeback but its chargebacks say ${echoedOrBare(chargedBack, currency)}`;
  return undefined;
}

