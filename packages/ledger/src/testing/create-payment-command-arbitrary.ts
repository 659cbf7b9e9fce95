import fc from 'fast-check';
import type { CreatePaymentCommand } from '../commands/command.js';
import type { ProcessingModel } from '../payments/payment.js';
import { currency, exactSplit, leaning, paymentAmount, platformAmount, plausibleOr, withIdempotencyKey } from './arbitrary-helpers.js';
import { chosenFrom, resolveCommandConstraints, type CommandConstraints } from './command-constraints.js';
import type { TestingMerchantIds } from './testing-merchant-ids.js';

/**
 * Constraints of {@link createPaymentCommandArbitrary}: the shared ones, and which payments the
 * plausible commands make (to aim a run at one flow, say seller-model Konbini payments and their
 * refund requests). Implausible commands break their rule as usual.
 */
export interface CreatePaymentConstraints extends CommandConstraints {
  /**
   * The processing models of plausible payments: `marketplace` (captured at once with a split,
   * or authorized) and `seller` (`as` a seller). Default both.
   */
  readonly processingModels?: readonly ProcessingModel[] | undefined;
  /**
   * The payment types of plausible payments, drawn alike. Default credit_card and konbini (as
   * often as each other) and paypay (half as often).
   */
  readonly paymentTypes?: readonly string[] | undefined;
}

/**
 * A `payment.create` command: in the marketplace (captured at once with a split adding up to
 * the amount, or authorized with `capture: false` and no split) or in the seller model (`as` a
 * seller, with `platformAmount` and `platformMerchant`), for credit_card, konbini or paypay
 * (or as {@link CreatePaymentConstraints} narrow it).
 * Implausible ones (see {@link CommandConstraints.implausibleWeight}) break one rule: an amount
 * of 0, an unknown currency or payment type, a split that does not add up or names a stranger,
 * a split at authorization, a seller split naming the wrong platform, a sub-merchant acting,
 * or, with {@link CommandConstraints.hugeAmounts}, an amount just below 2^53.
 */
export function createPaymentCommandArbitrary(constraints: CreatePaymentConstraints = {}): fc.Arbitrary<CreatePaymentCommand> {
  const resolved = resolveCommandConstraints(constraints);
  const { ids } = resolved;
  const models = chosenFrom<ProcessingModel>('CreatePaymentConstraints.processingModels', constraints.processingModels, ['marketplace', 'seller']);
  if (constraints.paymentTypes?.length === 0) throw new RangeError('CreatePaymentConstraints.paymentTypes must not be empty');
  const base = fc.record({
    id: fc.constantFrom(...resolved.paymentIds),
    amount: paymentAmount(resolved),
    currency: currency(resolved),
    // Konbini as often as cards: its payments lead to capture by the customer and refund requests.
    paymentType:
      constraints.paymentTypes === undefined
        ? fc.oneof({ weight: 2, arbitrary: fc.constant('credit_card') }, { weight: 2, arbitrary: fc.constant('konbini') }, { weight: 1, arbitrary: fc.constant('paypay') })
        : fc.constantFrom(...constraints.paymentTypes),
  });
  const marketplaceImmediate = base.chain((fields) =>
    fc.tuple(exactSplit(resolved, fields.amount), fc.boolean()).map(([split, explicit]): CreatePaymentCommand => ({
      op: 'payment.create',
      ...fields,
      merchant: ids.marketplace,
      ...(explicit ? { capture: true } : {}),
      split,
    })),
  );
  const marketplaceAuthorize = base.map((fields): CreatePaymentCommand => ({ op: 'payment.create', ...fields, merchant: ids.marketplace, capture: false }));
  const seller = base.chain((fields) =>
    fc.tuple(leaning(ids.sellers), platformAmount(fields.amount), fc.constantFrom<boolean | undefined>(undefined, true, false)).map(
      ([as, part, capture]): CreatePaymentCommand => ({
        op: 'payment.create',
        ...fields,
        merchant: ids.platform,
        as,
        ...(capture === undefined ? {} : { capture }),
        platformAmount: part,
        platformMerchant: ids.platform,
      }),
    ),
  );
  const plausible = fc.oneof(
    ...(models.includes('marketplace') ? [{ weight: 4, arbitrary: marketplaceImmediate }, { weight: 2, arbitrary: marketplaceAuthorize }] : []),
    ...(models.includes('seller') ? [{ weight: 3, arbitrary: seller }] : []),
  );
  const mutations = MUTATIONS.filter((mutation) => resolved.hugeAmounts || mutation !== 'huge_amount');
  const implausible = fc.tuple(plausible, fc.constantFrom(...mutations), fc.constantFrom(ids.stranger, ...ids.payoutMerchants, ...ids.sellers)).map(
    ([command, mutation, other]) => mutate(command, mutation, other, ids),
  );
  return withIdempotencyKey(resolved, plausibleOr(resolved, plausible, implausible));
}

const MUTATIONS = [
  'zero_amount',
  'unknown_currency',
  'unknown_payment_type',
  'split_sum_off_by_one',
  'split_names_other',
  'split_at_authorization',
  'missing_split',
  'platform_merchant_other',
  'platform_amount_above_amount',
  'merchant_other',
  'as_other',
  'huge_amount',
] as const;

/**
 * The command with its rule broken. Each case breaks it whatever the plausible command was
 * (a marketplace capture or authorization, a seller payment): a review found one in nine
 * "implausible" commands accepted, an off-by-one on a command with no split only raising its
 * amount, a missing split on a seller payment that had none, and a stranger that was one of
 * the platform's own merchants.
 */
function mutate(command: CreatePaymentCommand, mutation: (typeof MUTATIONS)[number], other: string, ids: TestingMerchantIds): CreatePaymentCommand {
  // Not the marketplace's own payout merchant, whom a split may name.
  const outsideMarketplace = ids.payoutMerchants.includes(other) ? ids.stranger : other;
  // Not a seller of the platform, whom the platform may act as.
  const notASeller = ids.sellers.includes(other) ? ids.stranger : other;
  switch (mutation) {
    case 'zero_amount':
      return { ...command, amount: 0 };
    case 'unknown_currency':
      return { ...command, currency: 'XYZ' };
    case 'unknown_payment_type':
      return { ...command, paymentType: other === 'ghost' ? 'bitcoin' : 'linepay' };
    case 'split_sum_off_by_one': {
      const [first, ...rest] = command.split ?? [];
      if (first !== undefined) return { ...command, split: [{ ...first, amount: first.amount + 1 }, ...rest] };
      // No split to put off: the seller's part, or a capture's one-line split, one over the amount.
      if (command.as !== undefined) return { ...command, platformAmount: command.amount + 1 };
      return { ...command, capture: true, split: [{ submerchantId: other, amount: command.amount + 1, platformFee: 0 }] };
    }
    case 'split_names_other': {
      const [first = { submerchantId: outsideMarketplace, amount: command.amount, platformFee: 0 }, ...rest] = command.split ?? [];
      return { ...command, split: [{ ...first, submerchantId: outsideMarketplace }, ...rest] };
    }
    case 'split_at_authorization':
      return { ...command, capture: false, split: [{ submerchantId: other, amount: command.amount, platformFee: 0 }] };
    case 'missing_split': {
      // A seller payment's split is its platformAmount (and platformMerchant).
      const { split: _split, platformAmount: _platformAmount, platformMerchant: _platformMerchant, ...rest } = command;
      return { ...rest, capture: true };
    }
    case 'platform_merchant_other':
      return { ...command, platformMerchant: command.as ?? other };
    case 'platform_amount_above_amount':
      return { ...command, platformAmount: command.amount + 1, platformMerchant: command.platformMerchant ?? ids.marketplace };
    case 'merchant_other':
      return { ...command, merchant: other };
    case 'as_other':
      return { ...command, as: notASeller };
    case 'huge_amount': {
      // A valid amount near the top of the safe-integer range: a second one to the same
      // merchant would take its balance past what a number counts exactly.
      const amount = Number.MAX_SAFE_INTEGER - 7;
      if (command.as !== undefined) return { ...command, amount, platformAmount: Math.floor(amount / 10) };
      const first = command.split?.[0];
      return first === undefined ? { ...command, amount } : { ...command, amount, split: [{ submerchantId: first.submerchantId, amount, platformFee: 0 }] };
    }
  }
}
