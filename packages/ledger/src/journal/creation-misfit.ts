import { refundRequestFee } from '@kanjo/fees';
import { isCurrency } from '@kanjo/splits';
import type { CreateSessionCommand } from '../commands/command.js';
import type { LedgerStateView, ResolvedConfig } from '../engine/ledger-state.js';
import type { Merchant } from '../merchants/merchant.js';
import { termsFixedAtCreation } from '../payments/payment-methods.js';
import type { Payment, PaymentInit } from '../payments/payment.js';
import { validateCreationSplit } from '../payments/validate-creation-split.js';
import type { RefundRequestInit } from '../refunds/refund-request.js';
import { validateBankAccount } from '../refunds/validate-bank-account.js';
import type { PayoutSettings } from '../payouts/payout-settings.js';
import { decideCreateSession } from '../sessions/decide-create-session.js';
import type { SessionInit } from '../sessions/session.js';
import { echoedOrBare, quoted } from '../engine/message-text.js';

/**
 * Why a session created by an imported entry is not one `session.create` could have created,
 * or undefined. A session records its whole command (less op, time and key), so the engine's
 * own decision is taken again on it (DOMAIN.md "Hosted page sessions": a known platform, and
 * seller it acts as, a positive amount in a known currency, payment types offered that its
 * processing merchant accepts, an absolute http(s) return_url, an external_customer_id of at
 * most 255 characters, capture auto or manual, a split or platform amount the engine takes).
 * A session for a merchant the configuration does not have, or with a return_url the customer
 * cannot be sent to, is no entry of the engine's.
 *
 * Whether a merchant was active, or approved for the live book, depends on when the command
 * ran, and the header keeps only the final configuration (README, "What it cannot check"), so
 * the decision is taken as if every merchant were both. Letting those two rejections through
 * instead is not enough: `session.create` stops at its first rejection, so a session of a
 * merchant deactivated since would have none of its other fields checked.
 */
export function sessionCreationMisfit(state: LedgerStateView, session: SessionInit): string | undefined {
  const decided = decideCreateSession(withEveryMerchantActive(state), { ...session, op: 'session.create' } as CreateSessionCommand);
  if (decided.ok) return undefined;
  return `session ${session.id} is one the engine refuses to create: ${decided.error.code}: ${decided.error.message}`;
}

/**
 * Why a payment as created is not one `payment.create` (or a session's completion) could have
 * created, as far as its origin and the terms it keeps for its capture show, or undefined: its
 * origin is `api` or `session` (which decides where a partial capture is allowed); a split kept
 * for the capture (a marketplace payment waiting for the customer) and a seller-model platform
 * amount pass the engine's own creation checks (a split of positive lines to distinct payout
 * merchants of the platform that accept the payment type, fees within their lines, adding up to
 * the amount; a platform amount of at most the amount). A rebuilt ledger would otherwise refuse
 * the capture the faithful one accepts, or the reverse. As for sessions, every merchant is taken
 * as active and approved. A marketplace payment that keeps no split has it checked at capture.
 */
export function creationTermsMisfit(state: LedgerStateView, init: PaymentInit, platform: Merchant, seller: Merchant | undefined): string | undefined {
  if (init.origin !== 'api' && init.origin !== 'session') return `payment ${init.id} has origin ${quoted(init.origin)}, not api or session`;
  if (init.pendingSplit === undefined && init.model !== 'seller') return undefined;
  const terms = {
    amount: init.amount,
    currency: init.currency,
    split: init.pendingSplit ?? [],
    platformAmount: init.platformAmount,
    platformMerchant: init.model === 'seller' ? platform.id : undefined,
  };
  // Only a split names payout merchants whose status the engine would look at.
  const seen = init.pendingSplit === undefined ? state : withEveryMerchantActive(state);
  const decided = validateCreationSplit(seen, { model: init.model, platform, ...(seller === undefined ? {} : { seller }) }, terms, true, init.paymentType);
  if (decided.ok) return undefined;
  const kept = init.model === 'seller' ? 'a platform amount' : 'a split';
  return `payment ${init.id} keeps ${kept} for its capture that the engine refuses at creation: ${decided.error.code}: ${decided.error.message}`;
}

/**
 * Why a refund request as created keeps what `payment.refund_request` never writes, or
 * undefined: a bank account the engine takes (the customer's katakana name, a 4-digit bank code,
 * a 3-digit branch number, an account type and number, names of at most 255 characters), fee
 * records of the types the engine gives them (its Refund Fee and Refund Fee Tax; the Refunded
 * Customer Fee and its tax), and `reverse` as a boolean. Their amounts are held to the request's
 * holds elsewhere; a bank account or record type kept as tampered would be exported again as if
 * the engine had written it.
 */
export function refundRequestCreationMisfit(request: RefundRequestInit): string | undefined {
  const account: unknown = request.bankAccount;
  if (typeof account !== 'object' || account === null) return `refund request ${request.id} has no bank account`;
  const valid = validateBankAccount(request.bankAccount);
  if (!valid.ok) return `refund request ${request.id} has a bank account the engine refuses: ${valid.error.code}: ${valid.error.message}`;
  const { refundFee, refundedCustomerFee } = request;
  if (refundFee.fee.type !== 'Refund Fee' || refundFee.tax.type !== 'Refund Fee Tax') {
    return `refund request ${request.id} keeps its refund fee as ${quoted(refundFee.fee.type)} and ${quoted(refundFee.tax.type)}, not "Refund Fee" and "Refund Fee Tax"`;
  }
  if (refundedCustomerFee !== undefined && (refundedCustomerFee.fee.type !== 'Refunded Customer Fee' || refundedCustomerFee.tax.type !== 'Refunded Customer Fee Tax')) {
    return `refund request ${request.id} keeps the customer fee it refunds as ${quoted(refundedCustomerFee.fee.type)} and ${quoted(refundedCustomerFee.tax.type)}, not "Refunded Customer Fee" and "Refunded Customer Fee Tax"`;
  }
  const reverse: unknown = request.reverse;
  if (typeof reverse !== 'boolean') return `refund request ${request.id} has reverse ${quoted(reverse)}, not true or false`;
  return undefined;
}

/**
 * Why a refund request keeps a tax on its Refund Fee other than the one its platform's
 * schedule puts on that fee (DOMAIN.md: the Refund Fee "and its tax", taxed on the rounded
 * fee), or undefined. The fee itself is taken as kept: a new `refundRequestFee` may be
 * configured during a ledger's life, and a request keeps the fee it was made with. The tax
 * rate and rounding hold for the whole life (README), so the tax is the schedule's on that fee.
 * The request's platform is the payment's (checked before); one the configuration lacks is
 * named elsewhere.
 */
export function refundFeeTaxMisfit(config: ResolvedConfig, request: RefundRequestInit): string | undefined {
  const schedule = config.merchants.get(request.platform)?.feeSchedule;
  if (schedule === undefined) return undefined;
  const { fee, tax } = request.refundFee;
  // The schedule's Refund Fee computation, given the fee the request kept.
  const expected = refundRequestFee({ ...schedule, refundRequestFee: fee.amount }).tax.amount;
  if (tax.amount === expected) return undefined;
  const currency = request.currency;
  return `refund request ${request.id} keeps a Refund Fee of ${echoedOrBare(fee.amount, currency)} with a tax of ${echoedOrBare(tax.amount, currency)}, not the ${echoedOrBare(expected, currency)} the configuration's tax rate and rounding put on it`;
}

/**
 * Why a refund request's `reverse` is not what `payment.refund_request` gives it on `payment`
 * as it was before the request, or undefined. Seller model: true exactly when the request
 * refunds everything left (what was refunded and is pending, plus the request, is what was
 * captured). Marketplace: true only for a request without a split, which refunds everything
 * left; a split may also happen to take everything left, so false is always possible.
 */
export function reverseMisfit(request: RefundRequestInit, payment: Payment): string | undefined {
  const left = payment.capturedAmount - payment.refundedAmount - payment.pendingRefundAmount - payment.chargebackAmount;
  const whole = request.amount === left;
  if (payment.model === 'seller' ? request.reverse === whole : !request.reverse || whole) return undefined;
  if (!request.reverse) return `refund request ${request.id} has reverse false, but refunds all ${echoedOrBare(left, payment.currency)} left of seller-model payment ${payment.id}, which makes it reverse`;
  return `refund request ${request.id} has reverse true, but refunds ${echoedOrBare(request.amount, payment.currency)} of the ${echoedOrBare(left, payment.currency)} left of payment ${payment.id}`;
}

/**
 * Each configuration with every merchant active and approved. Keyed weakly by the (immutable)
 * configuration, so it is built once per replay, not once per session, and goes with it.
 */
const everActiveConfigs = new WeakMap<ResolvedConfig, ResolvedConfig>();

/** `state` as a command sees it when every merchant of its configuration is active and approved. */
function withEveryMerchantActive(state: LedgerStateView): LedgerStateView {
  let config = everActiveConfigs.get(state.config);
  if (config === undefined) {
    const merchants = new Map<string, Merchant>();
    for (const [id, merchant] of state.config.merchants) {
      merchants.set(id, merchant.status === 'active' && merchant.approved ? merchant : { ...merchant, status: 'active', approved: true });
    }
    config = { ...state.config, merchants };
    everActiveConfigs.set(state.config, config);
  }
  return { ...state, config };
}

/**
 * Why payout settings of an imported entry are not ones `payout_settings.update` could have
 * set, or undefined: for a merchant of the configuration and of the ledger's book, in a currency Kanjo knows, weekly or
 * monthly, with a minimum amount of 0 or more minor units. (Which platform set them, and
 * whether the merchant was active then, the entry does not keep.)
 */
export function payoutSettingsMisfit(state: LedgerStateView, settings: PayoutSettings): string | undefined {
  const { merchant, currency, frequency, minimumAmount } = settings;
  const configured = state.config.merchants.get(merchant);
  if (configured === undefined) return `payout settings of unknown merchant ${merchant}`;
  if (configured.book !== state.config.book) return `payout settings of merchant ${merchant} of the ${configured.book} book; this journal keeps the ${state.config.book} book`;
  if (!isCurrency(currency)) return `payout settings of ${merchant} in ${quoted(currency)}, a currency Kanjo does not know`;
  if (frequency !== 'weekly' && frequency !== 'monthly') return `payout settings of ${merchant} with frequency ${quoted(frequency)}, not weekly or monthly`;
  if (!(Number.isSafeInteger(minimumAmount) && minimumAmount >= 0)) return `payout settings of ${merchant} with minimum amount ${quoted(minimumAmount)}, not 0 or more minor units`;
  return undefined;
}

/**
 * Why a payment as created keeps a split or platform amount for its capture that the engine
 * would not have kept, or undefined: a seller-model payment has a platform amount and a
 * marketplace one none; only a payment waiting for the customer (Konbini, Bank
 * Transfer, Pay-Easy, created with `capture: true`) fixes its terms at creation
 * ({@link termsFixedAtCreation}): a marketplace one its `pendingSplit`, a seller-model one its
 * platform amount (`platformAmountFixed: true`). Either on another payment would make the
 * rebuilt ledger refuse, or accept, a later capture that the live one decides otherwise.
 */
export function fixedTermsMisfit(payment: PaymentInit): string | undefined {
  // The engine keeps a platform amount on every seller-model payment (0 when none was given) and on no marketplace one.
  if ((payment.platformAmount !== undefined) !== (payment.model === 'seller')) {
    return `payment ${payment.id} is a ${payment.model} payment ${payment.platformAmount === undefined ? 'without' : 'with'} a platform amount, which the engine keeps exactly on seller-model payments`;
  }
  const waits = termsFixedAtCreation(payment.paymentType, true);
  if (payment.pendingSplit !== undefined && !(payment.model === 'marketplace' && waits)) {
    return `payment ${payment.id} keeps a split for its capture, which only a marketplace payment waiting for the customer does (not a ${payment.model} ${payment.paymentType} payment)`;
  }
  if (payment.platformAmountFixed !== undefined && !(payment.platformAmountFixed === true && payment.model === 'seller' && waits)) {
    return `payment ${payment.id} has platformAmountFixed ${quoted(payment.platformAmountFixed)}, which only a seller-model payment waiting for the customer has (true), not a ${payment.model} ${payment.paymentType} payment`;
  }
  return undefined;
}
