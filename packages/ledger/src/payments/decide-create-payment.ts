import { accept, reject, validateMarketplaceSplit, validateSellerSplit, type Result, type SplitLine } from '@kanjo/splits';
import type { CreatePaymentCommand } from '../commands/command.js';
import { requireCurrency, requireId, requirePositiveAmount } from '../commands/validate-input.js';
import type { LedgerState } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { checkSplitSubmerchants } from './check-split-submerchants.js';
import type { PaymentInit } from './payment.js';
import { paymentMethodCapabilities } from './payment-methods.js';
import { paymentEvent, planCapture } from './plan-capture.js';
import { resolveProcessingParties } from './resolve-processing-parties.js';

/**
 * `payment.create` (DOMAIN.md "Payments", lifecycle table): validated in a fixed order, the
 * first failure returned. A card or wallet payment with `capture: true` is captured at once
 * with its split; `capture: false` authorizes with no split; a Konbini, Bank Transfer or
 * Pay-Easy payment is always created authorized (awaiting the customer), keeping a split given
 * at creation for the capture that records the customer paying.
 *
 * @param session - the hosted-page session it comes from (origin `session`), if any.
 */
export function decideCreatePayment(state: LedgerState, command: CreatePaymentCommand, session?: string): Result<EntryDraft> {
  const id = requireId(command.id, 'id');
  if (!id.ok) return id;
  if (state.payments.has(command.id)) {
    return reject('payment_id_taken', `payment id ${command.id} is already used: give a new id, or resend the first request with its idempotency_key`);
  }
  const parties = resolveProcessingParties(state, command.merchant, command.as);
  if (!parties.ok) return parties;
  const amount = requirePositiveAmount(command.amount, 'amount');
  if (!amount.ok) return amount;
  const currency = requireCurrency(command.currency);
  if (!currency.ok) return currency;
  const capabilities = paymentMethodCapabilities(command.paymentType);
  if (capabilities === undefined) {
    return reject('payment_type_not_supported', `payment type ${JSON.stringify(command.paymentType)} is not one Kanjo knows the fund flow of (credit_card, paypay, linepay, merpay, konbini, bank_transfer, pay_easy)`);
  }
  const processing = parties.value.seller ?? parties.value.platform;
  if (!processing.paymentTypes.has(command.paymentType)) {
    return reject('payment_type_not_accepted', `merchant ${processing.id} does not accept ${command.paymentType}: add it to its payment methods or use one it accepts`);
  }
  const capture = command.capture ?? true;
  const origin = command.origin ?? (session === undefined ? 'api' : 'session');
  const base = {
    id: command.id,
    platform: parties.value.platform.id,
    amount: command.amount,
    currency: command.currency,
    paymentType: command.paymentType,
    origin,
    ...(session === undefined ? {} : { session }),
  };

  let init: PaymentInit;
  let split: readonly SplitLine[] = [];
  if (parties.value.model === 'marketplace') {
    if (command.platformAmount !== undefined || command.platformMerchant !== undefined) {
      return reject('platform_amount_not_allowed', 'platform_amount and platform_merchant belong to the seller model: a marketplace splits with platform_details');
    }
    const validated = validateMarketplaceSplit(command.split, capture ? 'immediate_capture' : 'authorization', command.amount);
    if (!validated.ok) return validated;
    const submerchants = checkSplitSubmerchants(state, parties.value.platform, validated.value);
    if (!submerchants.ok) return submerchants;
    split = validated.value;
    init = {
      ...base,
      model: 'marketplace',
      ...(capture && capabilities.waitsForCustomer ? { pendingSplit: split } : {}),
    };
  } else {
    if (command.split !== undefined && command.split.length > 0) {
      return reject('split_not_allowed_for_seller', 'a seller-model payment splits by platform_amount and platform_merchant, not platform_details');
    }
    if (command.platformAmount === undefined || command.platformMerchant === undefined) {
      return reject('seller_split_required', 'a payment made as a seller needs platform_amount and platform_merchant (the platform)');
    }
    const seller = parties.value.seller;
    if (seller === undefined) throw new Error('seller model without a seller');
    if (command.platformMerchant === seller.id) {
      return reject('split_with_self', `platform_merchant ${seller.id} is the seller itself: a payment cannot be split with oneself`);
    }
    if (command.platformMerchant !== parties.value.platform.id) {
      return reject('platform_merchant_mismatch', `platform_merchant must be ${parties.value.platform.id}, the platform that owns seller ${seller.id}`);
    }
    const platformAmount = validateSellerSplit(command.amount, command.platformAmount);
    if (!platformAmount.ok) return platformAmount;
    init = { ...base, model: 'seller', seller: seller.id, platformAmount: platformAmount.value };
  }

  if (!capture || capabilities.waitsForCustomer) {
    return accept({
      payment: init.id,
      changes: [{ kind: 'payment_created', payment: init }],
      postings: [],
      events: [paymentEvent('payment.authorized', init)],
    });
  }
  const captured = planCapture({
    payment: init,
    platform: parties.value.platform,
    capturedAmount: command.amount,
    split,
    platformAmount: init.platformAmount ?? 0,
  });
  if (!captured.ok) return captured;
  return accept({
    payment: init.id,
    changes: [{ kind: 'payment_created', payment: init }, captured.value.change],
    postings: captured.value.postings,
    events: [paymentEvent('payment.captured', init)],
  });
}
