/**
 * The table-driven change shape check that replay used until it was written out kind by kind
 * for speed: kept as the reference the faster one must agree with, message for message.
 */
import type { ChangeKind } from '../../src/journal/change.js';

/** Whether one field of a change has the type the fold needs. */
type FieldCheck = (value: unknown) => boolean;

const text: FieldCheck = (value) => typeof value === 'string';
const flag: FieldCheck = (value) => typeof value === 'boolean';
const amount: FieldCheck = (value) => isAmount(value, 0);
const list: FieldCheck = (value) => Array.isArray(value);
const parts: FieldCheck = (value) =>
  isObject(value) &&
  isAmount(value['platform'], 0) &&
  Array.isArray(value['submerchants']) &&
  (value['submerchants'] as unknown[]).every((part) => isObject(part) && typeof part['submerchantId'] === 'string' && isAmount(part['amount'], 0));
const fee: FieldCheck = (value) => isObject(value) && isAmount(value['amount'], 0);
const feeWithTax: FieldCheck = (value) => isObject(value) && fee(value['fee']) && fee(value['tax']);
const splitLines: FieldCheck = (value) =>
  Array.isArray(value) && value.every((line) => isObject(line) && typeof line['submerchantId'] === 'string' && isAmount(line['amount'], 0) && isAmount(line['platformFee'], 0));
const optional = (check: FieldCheck): FieldCheck => (value) => value === undefined || check(value);
// Since 2026-12-01 each share is checked too (an id that was not a string reached the messages).
const shareLines: FieldCheck = (value) => Array.isArray(value) && value.every((share) => isObject(share) && typeof share['submerchantId'] === 'string' && isAmount(share['share'], 0));
const holds: FieldCheck = (value) => Array.isArray(value) && value.every((hold) => isObject(hold) && typeof hold['merchant'] === 'string' && isAmount(hold['amount'], 1));
const object = (fields: Readonly<Record<string, FieldCheck>>): FieldCheck => {
  const compiled = Object.entries(fields);
  return (value) => isObject(value) && fieldsProblem(value, compiled) === undefined;
};

/**
 * The fields each kind of change must have for the fold to apply it: the references
 * `checkEntryApplicable` follows and the numbers `applyEntry` adds. Other fields are carried
 * as they are. A dotted name is a path into the change (checked after the field it is in).
 */
const CHANGE_FIELDS: Readonly<Record<ChangeKind, Readonly<Record<string, FieldCheck>>>> = {
  payment_created: { payment: object({ id: text, platform: text, seller: optional(text), session: optional(text), model: text, amount, currency: text, paymentType: text, origin: text, pendingSplit: optional(splitLines), platformAmount: optional(amount), platformAmountFixed: optional((value) => value === true) }) },
  payment_captured: { payment: text, capturedAmount: amount, split: splitLines, shares: object({ platform: amount, submerchants: shareLines }), platformAmount: amount, customerFee: amount, customerFeeTax: amount },
  payment_cancelled: { payment: text },
  payment_expired: { payment: text },
  payment_refunded: { payment: text, amount, parts, customerFeeRefunded: flag },
  payment_charged_back: { payment: text, amount },
  refund_request_created: {
    request: object({ id: text, payment: text, currency: text, amount, platform: text, parts, holds }),
    'request.refundFee': feeWithTax,
    'request.refundedCustomerFee': optional(feeWithTax),
  },
  refund_request_completed: { refundRequest: text },
  refund_request_rejected: { refundRequest: text },
  refund_request_reestimated: { refundRequest: text, parts, holds },
  balance_transferred: { from: text, to: text, currency: text, amount },
  payout_settings_updated: { settings: object({ merchant: text, currency: text, frequency: (value) => value === 'weekly' || value === 'monthly', minimumAmount: amount }) },
  payout_period_settled: { merchant: text, currency: text, periodStart: text, periodEnd: text, amount },
  session_created: {
    session: object({
      id: text, merchant: text, as: optional(text), amount, currency: text,
      paymentTypes: (value) => Array.isArray(value) && value.every((type) => typeof type === 'string'),
      returnUrl: text, capture: text, split: optional(splitLines), platformAmount: optional(amount), platformMerchant: optional(text),
      externalCustomerId: optional(text), externalOrderNum: optional(text), defaultLocale: optional(text),
      metadata: optional((value) => isObject(value) && Object.values(value).every((entry) => typeof entry === 'string')),
    }),
  },
  session_completed: { session: text, payment: text },
  session_cancelled: { session: text },
};

/** {@link CHANGE_FIELDS} as lists, compiled once: this runs on every change of a replay. */
const COMPILED_FIELDS = new Map(Object.entries(CHANGE_FIELDS).map(([kind, fields]) => [kind, Object.entries(fields)]));

/**
 * What is wrong with the shape of one change of an imported journal entry, or undefined. Every
 * change is an object with a known `kind` and the fields that kind needs (see
 * {@link CHANGE_FIELDS}): ids as strings, amounts as non-negative integers, refund parts and
 * holds as the engine writes them. A journal edited by hand is then named here instead of
 * failing inside the fold.
 */
export function referenceChangeShapeProblem(value: unknown): string | undefined {
  if (!isObject(value) || typeof value['kind'] !== 'string') return 'a change must be an object with a kind';
  const kind = value['kind'];
  const fields = COMPILED_FIELDS.get(kind);
  if (fields === undefined) return `unknown change kind ${JSON.stringify(kind)}`;
  const field = fieldsProblem(value, fields);
  return field === undefined ? undefined : `${kind} needs ${field} of the right type (${fields.map(([name]) => name).join(', ')})`;
}

/** The first field that fails its check, or undefined. */
function fieldsProblem(value: Record<string, unknown>, fields: readonly (readonly [string, FieldCheck])[]): string | undefined {
  for (let index = 0; index < fields.length; index += 1) {
    const [name, check] = fields[index] as readonly [string, FieldCheck];
    if (!check(valueAt(value, name))) return name;
  }
  return undefined;
}

/** The value at a field's name, a dotted name being a path (`request.refundFee`). */
function valueAt(value: Record<string, unknown>, name: string): unknown {
  let at: unknown = value;
  for (const key of name.split('.')) at = isObject(at) ? at[key] : undefined;
  return at;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAmount(value: unknown, least: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= least;
}
