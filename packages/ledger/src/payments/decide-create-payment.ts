import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { CreatePaymentCommand } from '../commands/command.js';
import { requireId } from '../commands/validate-input.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import type { PaymentInit } from './payment.js';
import { paymentMethodCapabilities, termsFixedAtCreation } from './payment-methods.js';
import { merchantAccounts, PostingList } from '../journal/push-movement.js';
import { paymentEvent, planCapture } from './plan-capture.js';
import { resolveCreationParties } from './resolve-creation-parties.js';
import { validateCreationSplit } from './validate-creation-split.js';
import { quoted } from '../engine/message-text.js';

/**
 * `payment.create` (DOMAIN.md "Payments", lifecycle table): validated in a fixed order, the
 * first failure returned. A card or wallet payment with `capture: true` is captured at once
 * with its split; `capture: false` authorizes with no split; a Konbini, Bank Transfer or
 * Pay-Easy payment is always created authorized (awaiting the customer), keeping a split given
 * at creation for the capture that records the customer paying.
 *
 * @param session - the hosted-page session it comes from (origin `session`), if any.
 */
export function decideCreatePayment(state: LedgerStateView, command: CreatePaymentCommand, session?: string): LedgerResult<EntryDraft> {
  const id = requireId(command.id, 'id');
  if (!id.ok) return id;
  if (state.payments.has(command.id)) {
    return reject('payment_id_taken', `payment id ${command.id} is already used: give a new id, or resend the first request with its idempotency_key`);
  }
  const parties = resolveCreationParties(state, command);
  if (!parties.ok) return parties;
  const capabilities = paymentMethodCapabilities(command.paymentType);
  if (capabilities === undefined) {
    const known = 'credit_card, paypay, linepay, merpay, konbini, bank_transfer, pay_easy';
    // From code a payment type left out reached here as "payment type nothing".
    if (command.paymentType === undefined) return reject('payment_type_not_supported', `the payment has no paymentType: give one Kanjo knows the fund flow of (${known})`);
    return reject('payment_type_not_supported', `payment type ${quoted(command.paymentType)} is not one Kanjo knows the fund flow of (${known})`);
  }
  const processing = parties.value.seller ?? parties.value.platform;
  if (!processing.paymentTypes.has(command.paymentType)) {
    // A platform's payment types are its payment methods (fee settings); a seller lists the ones
    // it accepts among its platform's.
    const { platform } = parties.value;
    const fix =
      processing === platform
        ? 'add it to its payment methods'
        : platform.paymentTypes.has(command.paymentType)
          ? `add it to the payment types ${processing.id} accepts`
          : `its platform ${platform.id} has no fee settings for it; add ${command.paymentType} to the payment methods of ${platform.id}`;
    return reject('payment_type_not_accepted', `${processing.type} ${processing.id} does not accept ${command.paymentType}: ${fix}, or use one it accepts`);
  }
  const capture = command.capture ?? true;
  const origin = command.origin ?? (session === undefined ? 'api' : 'session');
  const validated = validateCreationSplit(state, parties.value, command, capture, command.paymentType);
  if (!validated.ok) return validated;
  const { split, platformAmount } = validated.value;
  const marketplace = parties.value.model === 'marketplace';
  // Every field is written, the absent ones as undefined, in one order: payments then share
  // one object shape, which keeps the reads that fold a million of them fast.
  const init: PaymentInit = {
    id: command.id,
    platform: parties.value.platform.id,
    seller: marketplace ? undefined : (parties.value.seller?.id ?? ''),
    model: parties.value.model,
    amount: command.amount,
    currency: command.currency,
    paymentType: command.paymentType,
    origin,
    session,
    pendingSplit: marketplace && termsFixedAtCreation(command.paymentType, capture) ? split : undefined,
    platformAmount: marketplace ? undefined : (platformAmount ?? 0),
    platformAmountFixed: !marketplace && termsFixedAtCreation(command.paymentType, capture) ? true : undefined,
  };

  if (!capture || capabilities.waitsForCustomer) {
    return accept({
      payment: init.id,
      changes: [{ kind: 'payment_created', payment: init }],
      postings: [],
      events: [paymentEvent('payment.authorized', init)],
    });
  }
  const movements = new PostingList();
  const captured = planCapture({
    payment: init,
    platform: parties.value.platform,
    accounts: merchantAccounts(state.config),
    capturedAmount: command.amount,
    split,
    platformAmount: init.platformAmount ?? 0,
  }, movements);
  if (!captured.ok) return captured;
  return accept({
    payment: init.id,
    changes: [{ kind: 'payment_created', payment: init }, captured.value],
    postings: movements.postings,
    events: [paymentEvent('payment.captured', init)],
  });
}
