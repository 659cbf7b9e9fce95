import { accept, countText, isRoundingMode, quoteText, reject, type Rejection, type Result, type RoundingMode } from '@kanjo/splits';
import { parseRate, type Rate, type RateErrorCode } from '../rates/parse-rate.js';
import { escapedJson } from '../fees/describe-value.js';
import { fieldOf } from './field-of.js';
import { noteBuiltSchedule } from './built-schedules.js';
import { isPaymentTypeName, MAX_PAYMENT_TYPE_LENGTH, MAX_PAYMENT_TYPES } from './schedule-limits.js';

/** One payment method's fees as configured, before validation. */
export interface PaymentMethodFeeInput {
  /** The processing fee rate on the captured amount, a percentage string such as `"3.6%"`. */
  readonly feeRate: string;
  /** A fixed part added to the rounded percentage part before tax, in minor units. Default `0`. */
  readonly fixedFee?: number | undefined;
  /** The fee the customer pays on top of the amount (Konbini and the like), pre-tax, in minor units. Default: none. */
  readonly customerFee?: number | undefined;
}

/** A platform merchant's fee schedule as configured, before validation. */
export interface FeeScheduleInput {
  /** Fees per payment type (`credit_card`, `konbini`, `bank_transfer`, `pay_easy`, `paypay`, …). */
  readonly paymentMethods: Readonly<Record<string, PaymentMethodFeeInput>>;
  /** Consumption tax on every fee, a percentage string. Default `"10%"`. */
  readonly taxRate?: string | undefined;
  /** The fee for each successful refund request, pre-tax, in minor units. Default `300`. */
  readonly refundRequestFee?: number | undefined;
  /** How every fee and tax is rounded to a minor unit. Default `"half_up"` (KOMOJU's rounding). */
  readonly rounding?: RoundingMode | undefined;
}

/** One payment method's validated fees, as held by a {@link FeeSchedule}. */
export interface PaymentMethodFees {
  /** The payment type these fees belong to. */
  readonly paymentType: string;
  /** The processing fee rate, parsed exactly. */
  readonly feeRate: Rate;
  /** Fixed part of the processing fee, a non-negative safe integer (0 when none). */
  readonly fixedFee: number;
  /** Pre-tax customer fee, or `undefined` when the method has none. */
  readonly customerFee: number | undefined;
}

/**
 * A validated, frozen fee schedule: build it once with {@link buildFeeSchedule} and pass it to
 * the fee functions. Every field is immutable at run time too (`Object.freeze`).
 */
export interface FeeSchedule {
  /** The payment types of the schedule, sorted by code unit (so two equal schedules list them alike). */
  readonly paymentTypes: readonly string[];
  /** Each payment type's fees; a prototype-free record, so only configured types are found. */
  readonly paymentMethods: Readonly<Record<string, PaymentMethodFees>>;
  /** Consumption tax rate on every fee. */
  readonly taxRate: Rate;
  /** The refund request fee, pre-tax, in minor units. */
  readonly refundRequestFee: number;
  /** How every fee and tax is rounded. */
  readonly rounding: RoundingMode;
}

/**
 * Why a schedule was refused: a {@link RateErrorCode} for `taxRate` or a `feeRate`, or
 * - `payment_type_invalid`: a payment type that is empty, longer than
 *   {@link MAX_PAYMENT_TYPE_LENGTH}, not matching `/^[a-z][a-z0-9_]*$/`, or one more than
 *   {@link MAX_PAYMENT_TYPES} types.
 * - `fee_amount_invalid`: a `fixedFee`, `customerFee` or `refundRequestFee` that is not a
 *   non-negative safe integer.
 * - `rounding_mode_unknown`: a `rounding` that is not one of `half_up`, `half_even`, `floor`, `ceiling`.
 */
export type FeeScheduleErrorCode = RateErrorCode | 'payment_type_invalid' | 'fee_amount_invalid' | 'rounding_mode_unknown';

const DEFAULT_TAX_RATE = '10%';
const DEFAULT_REFUND_REQUEST_FEE = 300;
const DEFAULT_ROUNDING: RoundingMode = 'half_up';

/**
 * Validates a fee schedule and parses its rates exactly, once, so that computing a fee later
 * needs no parsing and no big.js.
 *
 * Checks run in a fixed order and the first failure is returned: `rounding`, `taxRate`,
 * `refundRequestFee`, the number of payment types, then each payment type in sorted order
 * (its name, `feeRate`, `fixedFee`, `customerFee`). Each message names the field, e.g.
 * `paymentMethods.konbini.feeRate: "3.6" is not a percentage like "3.6%" …`.
 *
 * An optional field takes its default only when left out (`undefined`); `null` is checked like
 * any other value (and rejected). An `input` that is not an object, or an `input.paymentMethods`
 * that is not a plain object (an array, a Map, a class instance, an object made with
 * `Object.create(defaults)`: its payment types are its own keys), is a programmer error and
 * throws a `TypeError`; everything else is a rejection.
 * No field is read from Object.prototype: a `taxRate` another library set there (prototype
 * pollution) leaves the schedule's 10%.
 *
 * @example
 * const schedule = buildFeeSchedule({
 *   paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } },
 * });
 * // schedule.ok === true; taxRate 10%, refundRequestFee 300, rounding 'half_up'
 */
export function buildFeeSchedule(input: FeeScheduleInput): Result<FeeSchedule, FeeScheduleErrorCode> {
  if (!isRecord(input)) throw new TypeError(`buildFeeSchedule: expected a schedule object, got ${describeType(input)}`);
  const methods = fieldOf(input, 'paymentMethods');
  if (!isPlainRecord(methods)) {
    throw new TypeError(`buildFeeSchedule: expected paymentMethods to be a plain object (a literal, or one without a prototype), got ${describeType(methods)}`);
  }

  // Only a field left out (undefined) takes its default; null is a value, and an invalid one.
  const givenRounding = fieldOf(input, 'rounding');
  const rounding: unknown = givenRounding === undefined ? DEFAULT_ROUNDING : givenRounding;
  if (!isRoundingMode(rounding)) {
    return reject('rounding_mode_unknown', `rounding: ${describeValue(rounding)} is not one of "half_up", "half_even", "floor", "ceiling"`);
  }
  const givenTaxRate = fieldOf(input, 'taxRate');
  const taxRate = parseRate(givenTaxRate === undefined ? DEFAULT_TAX_RATE : givenTaxRate, 'taxRate');
  if (!taxRate.ok) return taxRate;
  const givenRefundRequestFee = fieldOf(input, 'refundRequestFee');
  const refundRequestFee: unknown = givenRefundRequestFee === undefined ? DEFAULT_REFUND_REQUEST_FEE : givenRefundRequestFee;
  const refundFeeRejection = checkFeeAmount(refundRequestFee, 'refundRequestFee');
  if (refundFeeRejection !== undefined) return refundFeeRejection;

  // Sorted so that the order of checks, and of `paymentTypes`, never depends on key order.
  const paymentTypes = Object.keys(methods).sort();
  if (paymentTypes.length > MAX_PAYMENT_TYPES) {
    return reject('payment_type_invalid', `paymentMethods: at most ${countText(MAX_PAYMENT_TYPES)} payment types, got ${countText(paymentTypes.length)}`);
  }
  const paymentMethods: Record<string, PaymentMethodFees> = Object.create(null) as Record<string, PaymentMethodFees>;
  for (const paymentType of paymentTypes) {
    const method = buildPaymentMethod(paymentType, methods[paymentType]);
    if (!method.ok) return method;
    paymentMethods[paymentType] = method.value;
  }

  return accept(
    noteBuiltSchedule(
      Object.freeze({
        paymentTypes: Object.freeze(paymentTypes),
        paymentMethods: Object.freeze(paymentMethods),
        taxRate: taxRate.value,
        refundRequestFee: withoutNegativeZero(refundRequestFee as number),
        rounding,
      }),
    ),
  );
}

function buildPaymentMethod(paymentType: string, entry: unknown): Result<PaymentMethodFees, FeeScheduleErrorCode> {
  if (!isPaymentTypeName(paymentType)) {
    return reject(
      'payment_type_invalid',
      `paymentMethods[${escapedJson(JSON.stringify(paymentType.length > 80 ? `${paymentType.slice(0, 80)}…` : paymentType))}]: a payment type is 1 to ${MAX_PAYMENT_TYPE_LENGTH} characters of a-z, 0-9 and "_", starting with a letter`,
    );
  }
  const field = `paymentMethods.${paymentType}`;
  // A non-object entry (e.g. from untyped JSON, or "2.75%" where { feeRate: "2.75%" } was
  // meant) has no feeRate: rate_malformed, as documented, saying what the entry must be.
  if (!isRecord(entry)) {
    return reject('rate_malformed', `${field}: expected an object { feeRate, fixedFee?, customerFee? } with a percentage string like "3.6%" as its feeRate, got ${describeValue(entry)}`);
  }
  const feeRate = parseRate(fieldOf(entry, 'feeRate'), `${field}.feeRate`);
  if (!feeRate.ok) return feeRate;
  const givenFixedFee = fieldOf(entry, 'fixedFee');
  const fixedFee: unknown = givenFixedFee === undefined ? 0 : givenFixedFee;
  const fixedFeeRejection = checkFeeAmount(fixedFee, `${field}.fixedFee`);
  if (fixedFeeRejection !== undefined) return fixedFeeRejection;
  const customerFee = fieldOf(entry, 'customerFee');
  if (customerFee !== undefined) {
    const customerFeeRejection = checkFeeAmount(customerFee, `${field}.customerFee`);
    if (customerFeeRejection !== undefined) return customerFeeRejection;
  }
  return accept(
    Object.freeze({
      paymentType,
      feeRate: feeRate.value,
      fixedFee: withoutNegativeZero(fixedFee as number),
      customerFee: customerFee === undefined ? undefined : withoutNegativeZero(customerFee as number),
    }),
  );
}

function checkFeeAmount(value: unknown, field: string): { readonly ok: false; readonly error: Rejection<'fee_amount_invalid'> } | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return undefined;
  return reject('fee_amount_invalid', `${field}: expected a non-negative safe integer amount in minor units, got ${describeValue(value)}`);
}

// -0 passes as a non-negative safe integer; stored as 0 so no record ever shows "-0".
function withoutNegativeZero(amount: number): number {
  return amount + 0;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  // A revoked Proxy throws on Array.isArray: it has no fields to read, so it is no record.
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * An object whose own keys are the entries: JSON's kind (prototype Object.prototype or none).
 * `paymentMethods` is read by its keys, and a Map or a class instance would read as having none.
 */
function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  if (!isRecord(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || isObjectPrototype(prototype);
}

/**
 * Object.prototype of any realm (a vm context, an iframe): the prototype at the end of a chain
 * that owns Object.prototype's methods (as the ledger tells it). A defaults object made with
 * `Object.create(null)` also has no prototype, but its payment types, inherited by an object
 * made from it, are no own keys: read by its keys, such an object would lose them unseen.
 */
function isObjectPrototype(prototype: object): boolean {
  return prototype === Object.prototype || (Object.getPrototypeOf(prototype) === null && Object.hasOwn(prototype, 'isPrototypeOf') && Object.hasOwn(prototype, 'propertyIsEnumerable'));
}

/** What a derived object is, for the TypeError: the caller's likely fix with it. */
const DERIVED_OBJECT = 'with a prototype other than Object.prototype, as Object.create(defaults) makes (its inherited entries are not its own: spread them into a literal)';

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  // Reading a Proxy runs the caller's traps (and a revoked one throws): the description must
  // not replace the rejection it belongs to, so what cannot be read is plainly an object.
  try {
    if (Array.isArray(value)) return 'an array';
    const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
    const name = prototype?.constructor?.name;
    if (typeof name === 'string' && name !== 'Object' && name !== '') return `a ${name}`;
    // Made from a defaults object (Object.create(defaults)) or an anonymous class: what it inherits is not its own.
    if (prototype !== null && !isObjectPrototype(prototype)) return `an object ${DERIVED_OBJECT}`;
    return 'object';
  } catch {
    return 'object';
  }
}


function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value); // NaN and Infinity shown as such, not as JSON's null
  // quoteText: escaped (JSON leaves C1 controls and U+2028 / U+2029 raw) and cut to 64 characters.
  return typeof value === 'string' ? quoteText(value) : describeType(value);
}
