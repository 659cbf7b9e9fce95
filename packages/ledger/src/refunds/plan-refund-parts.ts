import { accept, platformCumulativeRefund, remainingShares, reverseRefundParts, sumAmounts, validateNonReverseRefund, type RefundLine, type RefundParts } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { requirePositiveAmount } from '../commands/validate-input.js';
import type { Payment } from '../payments/payment.js';
import { combineRefundParts } from './combine-refund-parts.js';
import { echoedOrBare, inUnitOrBare, unitOnly } from '../engine/message-text.js';
import { inCurrencyOf } from '../engine/passed-on-amounts.js';

/** Who gives back what in one refund. */
export interface RefundPartsPlan {
  readonly amount: number;
  readonly parts: RefundParts;
  /** True when no split was given: everyone gives back the rest of its share. */
  readonly reverse: boolean;
}

/**
 * Splits a refund among a payment's parties (DOMAIN.md "Refunds, marketplace", "Seller
 * Processing Model", "Proportional refunds"). What pending refund requests will take counts as
 * already given back, so two requests can never promise the same share twice.
 * - Marketplace, no split: a reverse refund of everything left (an amount below that needs a
 *   split: `refund_split_required`). With a split: validated against each party's remaining share.
 * - Seller model: the platform's cumulative part is round-half-up(R × platform_amount / captured).
 */
export function planRefundParts(payment: Payment, amount: number | undefined, split: readonly RefundLine[] | undefined): LedgerResult<RefundPartsPlan> {
  const left = payment.capturedAmount - payment.refundedAmount - payment.pendingRefundAmount - payment.chargebackAmount;
  if (amount !== undefined) {
    const positive = requirePositiveAmount(amount, 'amount');
    if (!positive.ok) return positive;
  }
  if (left === 0) {
    return reject('refund_exceeds_remaining', `payment ${payment.id} has nothing left to refund (${inUnitOrBare(payment.pendingRefundAmount, payment.currency)} is held by pending refund requests)`);
  }
  if (amount !== undefined && amount > left) {
    return reject('refund_exceeds_remaining', `cannot refund ${echoedOrBare(amount, payment.currency)}: payment ${payment.id} has ${unitOnly(left, payment.currency)} left to refund`);
  }
  const given = combineRefundParts(payment.refunded, payment.pending, 1);
  if (payment.model === 'seller') {
    if (split !== undefined && split.length > 0) {
      return reject('refund_split_not_allowed_for_seller', 'a seller-model refund splits by the payment\'s platform_amount ratio: drop platform_details');
    }
    return accept(sellerRefundParts(payment, given, payment.refundedAmount + payment.pendingRefundAmount, amount ?? left));
  }
  const remaining = remainingShares(payment.shares, given);
  if (split === undefined) {
    if (amount !== undefined && amount !== left) {
      // DOMAIN.md: a partial refund without a split is rejected. A payment captured with an
      // empty split has no payout merchant a split could name, so say that its only refund is
      // the whole rest (whether the platform alone may refund part of it is an open question).
      const fix = payment.shares.submerchants.length === 0
        ? 'this payment has no payout merchant a split could name, so omit the amount to refund everything left'
        : 'say who gives back what in platform_details, or omit the amount to reverse everything';
      return reject('refund_split_required', `a partial refund (${echoedOrBare(amount, payment.currency)} of the ${unitOnly(left, payment.currency)} left) is a non-reverse refund: ${fix}`);
    }
    return accept({ amount: left, parts: reverseRefundParts(remaining), reverse: true });
  }
  let refundAmount = amount;
  if (refundAmount === undefined) {
    // Array.from, not split.flatMap: a split from code may carry its own `constructor` (see copySplitLines).
    const total = sumAmounts(Array.from(split, (line) => [line.amount, line.platformFee]).flat(), 'platform_details');
    if (!total.ok) return total;
    refundAmount = total.value;
    if (refundAmount === 0) return reject('amount_not_positive', 'the refund split adds up to 0: a refund must give something back');
    if (refundAmount > left) {
      return reject('refund_exceeds_remaining', `cannot refund ${echoedOrBare(refundAmount, payment.currency)}: payment ${payment.id} has ${unitOnly(left, payment.currency)} left to refund`);
    }
  }
  const parts = inCurrencyOf(validateNonReverseRefund(refundAmount, split, remaining), payment.currency);
  if (!parts.ok) return parts;
  return accept({ amount: refundAmount, parts: parts.value, reverse: false });
}

/**
 * The seller model's two-party split of a refund of `amount` on cumulative totals (DOMAIN.md
 * "Proportional refunds"): the platform's part is what brings its cumulative refund to
 * round-half-up(R × platform_amount / captured), R being `refundedBefore + amount`, and the
 * seller gives the rest. `given` is what each party has given back (or is held for) so far.
 * The part is kept within what each party has left and between 0 and `amount`. While `given`
 * keeps the invariant (each party's part at most its share, together `refundedBefore`) these
 * bounds never bind, even off the curve (a journal written before completions and rejections
 * re-estimated pending requests): an exhaustive check of every such state up to 40 found none
 * (review 191). They are a guard for a `given` that breaks it.
 */
export function sellerRefundParts(payment: Payment, given: RefundParts, refundedBefore: number, amount: number): RefundPartsPlan {
  const sellerShare = payment.shares.submerchants[0];
  if (sellerShare === undefined) throw new Error(`seller payment ${payment.id} has no seller share`);
  const sellerGiven = given.submerchants[0]?.amount ?? 0; // not listed: nothing given back yet
  const platformLeft = Math.max(0, payment.shares.platform - given.platform);
  const sellerLeft = Math.max(0, sellerShare.share - sellerGiven);
  const target = platformCumulativeRefund(payment.capturedAmount, payment.capturedPlatformAmount, refundedBefore + amount) - given.platform;
  // Lower bound: what the seller cannot cover; upper bound: what the platform has left.
  const platformPart = Math.min(platformLeft, amount, Math.max(0, target, amount - sellerLeft));
  return {
    amount,
    parts: { platform: platformPart, submerchants: [{ submerchantId: sellerShare.submerchantId, amount: amount - platformPart }] },
    reverse: refundedBefore + amount === payment.capturedAmount,
  };
}
