import { accept, validateMarketplaceSplit, validateSellerSplit, type SplitLine } from '@kanjo/splits';
import { copySplitLines } from './copy-split-lines.js';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { CapturePaymentCommand } from '../commands/command.js';
import { requirePositiveAmount } from '../commands/validate-input.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { findActingPlatform, findOwnedSubmerchant, requireApprovedForBook } from '../merchants/find-merchant.js';
import { checkSplitSubmerchants } from './check-split-submerchants.js';
import { findPayment } from './find-payment.js';
import { sameSplit } from './same-split.js';
import { echoedOrBare, inUnitOrBare, unitOnly } from '../engine/message-text.js';
import { inCurrencyOf, sellerSplitInCurrency } from '../engine/passed-on-amounts.js';
import { paymentMethodCapabilities, partialCaptureAllowed } from './payment-methods.js';
import { merchantAccounts, PostingList } from '../journal/push-movement.js';
import { paymentEvent, planCapture } from './plan-capture.js';
import { platformAmountFixedAtCreation } from './platform-amount-fixed.js';

/**
 * `payment.capture` of an authorized payment (DOMAIN.md "Payments", "Platform Processing
 * Model"): captured ≤ authorized; one capture only (the payment leaves `authorized`), so at
 * most one partial capture, and only for methods and origins that allow it. Marketplace: the
 * split comes now (or was given at creation of a payment that waited for the customer); a full
 * capture's split may leave the rest to the platform, a partial capture's must add up to the
 * captured amount. Seller model: platform_amount may be restated, else the creation one stands.
 * A payment that waits for the customer and took its split or platform_amount at creation
 * (capture: true) keeps it: the capture records the customer paying (`split_fixed_at_creation`).
 */
export function decideCapturePayment(state: LedgerStateView, command: CapturePaymentCommand): LedgerResult<EntryDraft> {
  const found = findPayment(state, command.payment);
  if (!found.ok) return found;
  const payment = found.value;
  if (payment.status !== 'authorized') {
    return reject('payment_not_authorized', `payment ${payment.id} is ${payment.status}: only an authorized payment can be captured`);
  }
  // Only a capture that leaves the amount out takes the authorized amount: `null` from code is no
  // amount and throws, as for every other command, and as the retry fingerprint reads it.
  const amount = requirePositiveAmount(command.amount === undefined ? payment.amount : command.amount, 'amount');
  if (!amount.ok) return amount;
  if (amount.value > payment.amount) {
    return reject('capture_exceeds_authorized', `cannot capture ${echoedOrBare(amount.value, payment.currency)}: payment ${payment.id} authorized only ${unitOnly(payment.amount, payment.currency)}`);
  }
  const partial = amount.value < payment.amount;
  if (paymentMethodCapabilities(payment.paymentType) === undefined) throw new Error(`payment ${payment.id} has an unknown payment type`);
  if (partial && !partialCaptureAllowed(payment.paymentType, payment.origin)) {
    return reject(
      'partial_capture_not_supported',
      `${payment.paymentType} created through ${payment.origin === 'session' ? 'a hosted-page session' : 'the Payment API'} cannot be partially captured: capture all ${inUnitOrBare(payment.amount, payment.currency)}`,
    );
  }
  // The payment was made with its platform, seller and a split fixed at creation: a capture
  // cannot leave them out, so a refusal names the ways out it has (see LockedIn).
  const lockedIn = (role: string): string => `payment ${payment.id} cannot be captured without it (${role})`;
  const platform = findActingPlatform(state, payment.platform, lockedIn('its platform'));
  if (!platform.ok) return platform;
  // Live payments need approved merchants (DOMAIN.md "Parties": "A merchant processes live
  // payments only once approved"): the platform and the seller it acts as, as every payout
  // merchant of the split below. A configuration may withdraw an approval after the payment
  // was made (a journal replays under today's configuration), so the capture decides it again.
  const approvedPlatform = requireApprovedForBook(state, platform.value, lockedIn('its platform'));
  if (!approvedPlatform.ok) return approvedPlatform;

  let split: readonly SplitLine[] = [];
  let platformAmount = 0;
  if (payment.model === 'marketplace') {
    if (command.platformAmount !== undefined) {
      return reject('platform_amount_not_allowed', 'platform_amount belongs to the seller model: a marketplace splits with platform_details');
    }
    // DOMAIN.md: a payment that waits for the customer takes its split at creation (capture:
    // true, or a session's capture: auto) or at capture. One that took it at creation is
    // captured when the customer pays, with that split: another would move the money to other
    // payout merchants than the payment was made for.
    const fixed = payment.pendingSplit;
    if (fixed !== undefined && command.split !== undefined && !sameSplit(command.split, fixed)) {
      return reject(
        'split_fixed_at_creation',
        `payment ${payment.id} took its split at creation (capture: true): its capture records the customer paying and keeps that split; leave platform_details out`,
      );
    }
    const given = command.split ?? fixed;
    const validated = inCurrencyOf(validateMarketplaceSplit(given, partial ? 'partial_capture' : 'capture', amount.value), payment.currency);
    if (!validated.ok) return validated;
    // A split restated as the fixed one is that split: its lines cannot be left out either.
    const fixedLines = fixed !== undefined ? lockedIn('a payout merchant of the split it took at creation') : undefined;
    const submerchants = checkSplitSubmerchants(state, platform.value, validated.value, payment.paymentType, fixedLines);
    if (!submerchants.ok) return submerchants;
    // The creation's split is the ledger's own already; a command's is copied (see copySplitLines).
    split = command.split === undefined ? validated.value : copySplitLines(validated.value);
  } else {
    if (command.split !== undefined && command.split.length > 0) {
      return reject('split_not_allowed_for_seller', 'a seller-model payment splits by platform_amount, not platform_details');
    }
    const seller = findOwnedSubmerchant(state, platform.value, payment.seller ?? '', 'seller', lockedIn('its seller'));
    if (!seller.ok) return seller;
    const approvedSeller = requireApprovedForBook(state, seller.value, lockedIn('its seller'));
    if (!approvedSeller.ok) return approvedSeller;
    // As the marketplace's split above: only a two-step capture may restate platform_amount.
    if (platformAmountFixedAtCreation(state, payment) && command.platformAmount !== undefined && command.platformAmount !== payment.platformAmount) {
      return reject(
        'split_fixed_at_creation',
        `payment ${payment.id} took its platform_amount ${payment.platformAmount === undefined ? 'undefined' : echoedOrBare(payment.platformAmount, payment.currency)} at creation (capture: true): its capture records the customer paying and keeps it; leave platform_amount out`,
      );
    }
    const stated = command.platformAmount ?? payment.platformAmount ?? 0;
    if (command.platformAmount === undefined && stated > amount.value) {
      // The caller sent no platform_amount: say which one is meant, and the two ways out.
      const captured = echoedOrBare(amount.value, payment.currency);
      return reject(
        'platform_amount_exceeds_amount',
        `the platform_amount ${echoedOrBare(stated, payment.currency)} given at creation is more than the ${captured} captured: capture at least that much, or restate a platform_amount of at most ${captured} with the capture`,
      );
    }
    const restated = sellerSplitInCurrency(validateSellerSplit(amount.value, stated), amount.value, stated, payment.currency);
    if (!restated.ok) return restated;
    platformAmount = restated.value;
  }
  const movements = new PostingList();
  const captured = planCapture({ payment, platform: platform.value, accounts: merchantAccounts(state.config), capturedAmount: amount.value, split, platformAmount }, movements);
  if (!captured.ok) return captured;
  return accept({
    payment: payment.id,
    changes: [captured.value],
    postings: movements.postings,
    events: [paymentEvent('payment.captured', payment)],
  });
}
