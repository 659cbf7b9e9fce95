import type { ChangeKind } from './change.js';
import { quoted } from '../engine/message-text.js';

/**
 * The fields each kind of change must have for the fold to apply it, in the order they are
 * checked: the references `checkEntryApplicable` follows and the numbers `applyEntry` adds.
 * Other fields are carried as they are; a field inside another is named by its path
 * (`request.refundFee`). {@link wrongField} checks exactly these; this list names them in messages.
 */
const CHANGE_FIELDS: Readonly<Record<ChangeKind, readonly string[]>> = {
  payment_created: ['payment'],
  payment_captured: ['payment', 'capturedAmount', 'split', 'shares', 'platformAmount', 'customerFee', 'customerFeeTax'],
  payment_cancelled: ['payment'],
  payment_expired: ['payment'],
  payment_refunded: ['payment', 'amount', 'parts', 'customerFeeRefunded'],
  payment_charged_back: ['payment', 'amount'],
  refund_request_created: ['request', 'request.refundFee', 'request.refundedCustomerFee'],
  refund_request_completed: ['refundRequest'],
  refund_request_rejected: ['refundRequest'],
  refund_request_reestimated: ['refundRequest', 'parts', 'holds'],
  balance_transferred: ['from', 'to', 'currency', 'amount'],
  payout_settings_updated: ['settings'],
  payout_period_settled: ['merchant', 'currency', 'periodStart', 'periodEnd', 'amount'],
  session_created: ['session'],
  session_completed: ['session', 'payment'],
  session_cancelled: ['session'],
};

/**
 * What is wrong with the shape of one change of an imported journal entry, or undefined. Every
 * change is an object with a known `kind` and the fields that kind needs (see
 * {@link CHANGE_FIELDS}): ids as strings, amounts as non-negative integers, refund parts,
 * holds and a refund request's fees as the engine writes them. A journal edited by hand is then named here instead of
 * failing inside the fold.
 */
export function changeShapeProblem(value: unknown): string | undefined {
  if (!isObject(value) || typeof value['kind'] !== 'string') return 'a change must be an object with a kind';
  const kind = value['kind'];
  if (!Object.hasOwn(CHANGE_FIELDS, kind)) return `unknown change kind ${quoted(kind)}`;
  const field = wrongField(value, kind as ChangeKind);
  return field === undefined ? undefined : `${kind} needs ${field} of the right type (${CHANGE_FIELDS[kind as ChangeKind].join(', ')})`;
}

/**
 * The first of a change's fields (in {@link CHANGE_FIELDS} order) without the type the fold
 * needs, or undefined. Written out kind by kind rather than driven by a table: every field read
 * then sees one kind of object, which keeps a million-entry replay off V8's slow generic lookups.
 */
function wrongField(change: Record<string, unknown>, kind: ChangeKind): string | undefined {
  switch (kind) {
    case 'payment_created':
      return isPaymentInit(change['payment']) ? undefined : 'payment';
    case 'payment_captured':
      if (typeof change['payment'] !== 'string') return 'payment';
      if (!isAmount(change['capturedAmount'], 0)) return 'capturedAmount';
      if (!isSplitLines(change['split'])) return 'split';
      if (!isShares(change['shares'])) return 'shares';
      if (!isAmount(change['platformAmount'], 0)) return 'platformAmount';
      if (!isAmount(change['customerFee'], 0)) return 'customerFee';
      return isAmount(change['customerFeeTax'], 0) ? undefined : 'customerFeeTax';
    case 'payment_cancelled':
    case 'payment_expired':
      return typeof change['payment'] === 'string' ? undefined : 'payment';
    case 'payment_refunded':
      if (typeof change['payment'] !== 'string') return 'payment';
      if (!isAmount(change['amount'], 0)) return 'amount';
      if (!isParts(change['parts'])) return 'parts';
      return typeof change['customerFeeRefunded'] === 'boolean' ? undefined : 'customerFeeRefunded';
    case 'payment_charged_back':
      if (typeof change['payment'] !== 'string') return 'payment';
      return isAmount(change['amount'], 0) ? undefined : 'amount';
    case 'refund_request_created': {
      const request = change['request'];
      if (!isRefundRequest(request)) return 'request';
      // The fees a completion posts (and the request's holds are checked against): written by
      // the engine as a fee and its tax, each an amount. The customer fee only when refunded.
      if (!isFeeWithTax(request['refundFee'])) return 'request.refundFee';
      const customerFee = request['refundedCustomerFee'];
      return customerFee === undefined || isFeeWithTax(customerFee) ? undefined : 'request.refundedCustomerFee';
    }
    case 'refund_request_completed':
    case 'refund_request_rejected':
      return typeof change['refundRequest'] === 'string' ? undefined : 'refundRequest';
    case 'refund_request_reestimated':
      if (typeof change['refundRequest'] !== 'string') return 'refundRequest';
      if (!isParts(change['parts'])) return 'parts';
      return isHolds(change['holds']) ? undefined : 'holds';
    case 'balance_transferred':
      if (typeof change['from'] !== 'string') return 'from';
      if (typeof change['to'] !== 'string') return 'to';
      if (typeof change['currency'] !== 'string') return 'currency';
      return isAmount(change['amount'], 0) ? undefined : 'amount';
    case 'payout_settings_updated': {
      const settings = change['settings'];
      // Whole, as the engine writes them: a later run reads the frequency and the minimum, and
      // an edited one was caught there (if a run followed) under the wrong code and entry.
      return isObject(settings) &&
        typeof settings['merchant'] === 'string' &&
        typeof settings['currency'] === 'string' &&
        (settings['frequency'] === 'weekly' || settings['frequency'] === 'monthly') &&
        isAmount(settings['minimumAmount'], 0)
        ? undefined
        : 'settings';
    }
    case 'payout_period_settled':
      if (typeof change['merchant'] !== 'string') return 'merchant';
      if (typeof change['currency'] !== 'string') return 'currency';
      if (typeof change['periodStart'] !== 'string') return 'periodStart';
      if (typeof change['periodEnd'] !== 'string') return 'periodEnd';
      return isAmount(change['amount'], 0) ? undefined : 'amount';
    case 'session_created':
      return isSessionInit(change['session']) ? undefined : 'session';
    case 'session_completed':
      if (typeof change['session'] !== 'string') return 'session';
      return typeof change['payment'] === 'string' ? undefined : 'payment';
    case 'session_cancelled':
      return typeof change['session'] === 'string' ? undefined : 'session';
  }
}

/** A created payment: its id, parties, amount and method. */
function isPaymentInit(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['platform'] === 'string' &&
    (value['seller'] === undefined || typeof value['seller'] === 'string') &&
    (value['session'] === undefined || typeof value['session'] === 'string') &&
    typeof value['model'] === 'string' &&
    isAmount(value['amount'], 0) &&
    typeof value['currency'] === 'string' &&
    typeof value['paymentType'] === 'string' &&
    typeof value['origin'] === 'string' &&
    // What a capture is later held to (a split or platform amount fixed at creation).
    (value['pendingSplit'] === undefined || isSplitLines(value['pendingSplit'])) &&
    (value['platformAmount'] === undefined || isAmount(value['platformAmount'], 0)) &&
    (value['platformAmountFixed'] === undefined || value['platformAmountFixed'] === true)
  );
}

/**
 * A created session, whole: replay takes `session.create`'s decision again on it, and that
 * decision asserts its amounts (an amount of -1 threw inside it and was named as an
 * inapplicable entry, not as the malformed field it is); its completion reads the rest.
 */
function isSessionInit(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['merchant'] === 'string' &&
    isOptionalString(value['as']) &&
    isAmount(value['amount'], 0) &&
    typeof value['currency'] === 'string' &&
    isStrings(value['paymentTypes']) &&
    typeof value['returnUrl'] === 'string' &&
    typeof value['capture'] === 'string' &&
    (value['split'] === undefined || isSplitLines(value['split'])) &&
    (value['platformAmount'] === undefined || isAmount(value['platformAmount'], 0)) &&
    isOptionalString(value['platformMerchant']) &&
    isOptionalString(value['externalCustomerId']) &&
    isOptionalString(value['externalOrderNum']) &&
    isOptionalString(value['defaultLocale']) &&
    // Set by its completion only: a created session carrying one would show a payment it never made.
    value['payment'] === undefined &&
    (value['metadata'] === undefined || (isObject(value['metadata']) && Object.values(value['metadata']).every((text) => typeof text === 'string')))
  );
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isStrings(value: unknown): boolean {
  return Array.isArray(value) && value.every((text) => typeof text === 'string');
}

/** A marketplace split: sub-merchant ids with an amount and a platform fee each. */
function isSplitLines(value: unknown): boolean {
  return Array.isArray(value) && value.every((line) => isObject(line) && typeof line['submerchantId'] === 'string' && isAmount(line['amount'], 0) && isAmount(line['platformFee'], 0));
}

/** A capture's shares: the platform's amount and a list of sub-merchant shares, each an id and an amount. */
function isShares(value: unknown): boolean {
  return isPlatformAndSubmerchants(value, 'share');
}

/** Refund parts: the platform's amount and each sub-merchant's, by id. */
function isParts(value: unknown): boolean {
  return isPlatformAndSubmerchants(value, 'amount');
}

/** The platform's amount and a list of sub-merchants, each a string id and an amount under `amountField`. */
function isPlatformAndSubmerchants(value: unknown, amountField: 'share' | 'amount'): boolean {
  if (!isObject(value) || !isAmount(value['platform'], 0)) return false;
  const submerchants = value['submerchants'];
  if (!Array.isArray(submerchants)) return false;
  for (const entry of submerchants as unknown[]) {
    if (!isObject(entry) || typeof entry['submerchantId'] !== 'string' || !isAmount(entry[amountField], 0)) return false;
  }
  return true;
}

/** A refund request's holds: each a merchant and a positive amount. */
function isHolds(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const hold of value as unknown[]) {
    if (!isObject(hold) || typeof hold['merchant'] !== 'string' || !isAmount(hold['amount'], 1)) return false;
  }
  return true;
}

/** A created refund request: its id, payment, currency, amount, parts and holds (its fees are checked on their own, to be named). */
function isRefundRequest(value: unknown): value is Record<string, unknown> {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['payment'] === 'string' &&
    typeof value['currency'] === 'string' &&
    isAmount(value['amount'], 0) &&
    // The party that bears its fees: written by every version, compared with the payment's.
    typeof value['platform'] === 'string' &&
    isParts(value['parts']) &&
    isHolds(value['holds'])
  );
}

/** A fee and its tax as a refund request stores them: `{ fee: { amount }, tax: { amount } }`, amounts non-negative integers. */
function isFeeWithTax(value: unknown): boolean {
  return isObject(value) && isFeeRecord(value['fee']) && isFeeRecord(value['tax']);
}

function isFeeRecord(value: unknown): boolean {
  return isObject(value) && isAmount(value['amount'], 0);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAmount(value: unknown, least: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= least;
}
