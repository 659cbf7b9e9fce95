import { buildFeeSchedule } from '@kanjo/fees';
import { accept, countText } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { CONTROL_CHARACTER, LONE_SURROGATE, lengthNote, MAX_ID_LENGTH } from '../commands/validate-input.js';
import type { LedgerConfig } from '../engine/ledger-config.js';
import type { ResolvedConfig } from '../engine/ledger-state.js';
import type { Merchant, MerchantConfig, PlatformMerchantConfig } from './merchant.js';
import { readConfigOnce } from './read-config-once.js';
import { scenarioSpelledConfigField } from './scenario-spelled-config-field.js';
import { readPolluted } from '../engine/refuse-prototype-pollution.js';
import { writeJson } from '../engine/write-json.js';
import { firstKeyInCodeUnitOrder } from '../engine/code-unit-order.js';
import { quoted, shown } from '../engine/message-text.js';
import { isJsonKindObject } from '../engine/read-fields-once.js';

/** The most merchants one ledger configuration may hold. */
export const MAX_MERCHANTS = 100_000;

/**
 * Validates a ledger configuration once, before any command: unique ids, known types, every
 * sub-merchant owned by an existing platform of the matching business type, fee schedules
 * that parse, a time zone offset. Any failure makes the configuration unusable as a whole.
 */
export function resolveConfig(given: LedgerConfig): LedgerResult<ResolvedConfig> {
  // A configuration read from a file (a journal's header) may be anything, null included.
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return reject('config_invalid', 'the configuration must be an object with merchants');
  // Each field read once: what is checked below is what the ledger keeps (see readConfigOnce).
  const config = readPolluted(() => readConfigOnce(given));
  const book = config.book ?? 'test';
  if (book !== 'test' && book !== 'live') return reject('config_book_invalid', `book must be test or live, not ${quoted(book)}`);
  const timeZone = config.timeZone ?? '+09:00';
  const offset = parseUtcOffset(timeZone);
  if (offset === undefined) return reject('config_time_zone_invalid', `time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not ${quoted(timeZone)}`);
  if (!Array.isArray(config.merchants)) return reject('config_merchants_invalid', 'merchants must be a list');
  if (config.merchants.length > MAX_MERCHANTS) return reject('config_merchants_invalid', `at most ${countText(MAX_MERCHANTS)} merchants`);
  const spelled = scenarioSpelledConfigField(config);
  if (spelled !== undefined) return spelled;

  const platforms = new Map<string, PlatformMerchantConfig>();
  const seen = new Set<string>();
  for (const merchant of config.merchants) {
    // A configuration read from a file (a journal's header) may hold anything.
    if (typeof merchant !== 'object' || merchant === null || Array.isArray(merchant)) {
      return reject('config_merchants_invalid', `merchants must be a list of merchant objects, not one of ${quoted(merchant)}`);
    }
    // A lone surrogate cannot be written as UTF-8: every export (CSV, statements, hledger)
    // would turn it into U+FFFD, so two such ids would become one merchant there.
    if (typeof merchant.id !== 'string' || merchant.id.length === 0 || merchant.id.length > MAX_ID_LENGTH || /\s/.test(merchant.id) || CONTROL_CHARACTER.test(merchant.id) || LONE_SURROGATE.test(merchant.id)) {
      return reject('config_merchant_id_invalid', `merchant id ${quoted(merchant.id)} must be 1 to ${MAX_ID_LENGTH} characters${lengthNote(merchant.id, MAX_ID_LENGTH)} without spaces, control characters or lone UTF-16 surrogates`);
    }
    if (seen.has(merchant.id)) return reject('config_merchant_duplicate', `merchant id ${merchant.id} appears twice`);
    seen.add(merchant.id);
    if (merchant.type === 'platform') platforms.set(merchant.id, merchant);
    else if (merchant.type !== 'seller' && merchant.type !== 'payout') {
      return reject('config_merchant_type_unknown', `merchant ${merchant.id}: type must be platform, seller or payout, not ${quoted((merchant as { type: unknown }).type)}`);
    }
  }

  const merchants = new Map<string, Merchant>();
  for (const merchant of config.merchants) {
    const status = merchant.status ?? 'active';
    if (status !== 'active' && status !== 'deactivated') {
      return reject('config_merchant_status_invalid', `merchant ${merchant.id}: status must be active or deactivated, not ${quoted(status)}`);
    }
    const fieldProblem = merchantFieldProblem(merchant);
    if (fieldProblem !== undefined) return fieldProblem;
    const common = { id: merchant.id, status, approved: merchant.approved ?? true, book: merchant.book ?? book };
    if (merchant.type === 'platform') {
      if (merchant.business !== 'platform' && merchant.business !== 'marketplace') {
        return reject('config_platform_business_invalid', `platform ${merchant.id}: business must be platform or marketplace`);
      }
      const schedule = buildFeeSchedule({ paymentMethods: merchant.paymentMethods ?? {}, ...sharedFeeSettings(config) });
      // Only the payment methods are the platform's own: tax rate, refund request fee and rounding are the configuration's.
      if (!schedule.ok) return reject(schedule.error.code, schedule.error.message.startsWith('paymentMethods') ? `platform ${merchant.id}: ${schedule.error.message}` : schedule.error.message);
      merchants.set(merchant.id, {
        ...common,
        type: 'platform',
        business: merchant.business,
        paymentTypes: new Set(schedule.value.paymentTypes),
        feeSchedule: schedule.value,
      });
      continue;
    }
    const owner = platforms.get(merchant.platform);
    if (owner === undefined) {
      return reject('config_platform_missing', `merchant ${merchant.id}: its platform ${quoted(merchant.platform)} is not a platform merchant of this configuration`);
    }
    const expected = owner.business === 'marketplace' ? 'payout' : 'seller';
    if (merchant.type !== expected) {
      return reject('config_submerchant_type_mismatch', `merchant ${merchant.id}: a ${owner.business} platform's sub-merchants are ${expected} merchants, not ${merchant.type}`);
    }
    const offered = Object.keys(owner.paymentMethods ?? {});
    const accepted = merchant.paymentTypes ?? offered;
    for (const type of accepted) {
      if (!offered.includes(type)) {
        return reject('config_payment_type_not_offered', `merchant ${merchant.id} lists ${shown(type)}, which its platform ${owner.id} has no fee settings for`);
      }
    }
    merchants.set(merchant.id, { ...common, type: merchant.type, platform: owner.id, paymentTypes: new Set(accepted) });
  }
  // With no platform no fee schedule is built, and a bad tax rate, refund request fee or rounding
  // mode went unnoticed: into the journal's header, where the first platform added later made
  // the configuration refused (review 239).
  if (platforms.size === 0) {
    const shared = buildFeeSchedule({ paymentMethods: {}, ...sharedFeeSettings(config) });
    if (!shared.ok) return reject(shared.error.code, shared.error.message);
  }
  const unwritable = configJsonProblem(config);
  if (unwritable !== undefined) return reject('config_invalid', unwritable);
  return accept({ book, merchants, timeZoneOffsetMinutes: offset, timeZone });
}

/** The fee settings a configuration gives every platform alike, with those it leaves out left out. */
function sharedFeeSettings(config: LedgerConfig): Pick<LedgerConfig, 'taxRate' | 'refundRequestFee' | 'rounding'> {
  return {
    ...(config.taxRate === undefined ? {} : { taxRate: config.taxRate }),
    ...(config.refundRequestFee === undefined ? {} : { refundRequestFee: config.refundRequestFee }),
    ...(config.rounding === undefined ? {} : { rounding: config.rounding }),
  };
}

/** Which object of the configuration that Kanjo reads has its own toJSON method, or undefined. */
function ownToJsonHolder(config: LedgerConfig): string | undefined {
  if (hasOwnToJson(config)) return 'the configuration';
  for (const merchant of config.merchants) {
    if (hasOwnToJson(merchant)) return `merchant ${merchant.id}`;
    const methods = (merchant as { paymentMethods?: unknown }).paymentMethods;
    if (hasOwnToJson(methods)) return `merchant ${merchant.id}'s paymentMethods`;
    if (typeof methods !== 'object' || methods === null) continue;
    // In code-unit order, as buildFeeSchedule reads them: the order they were written in must not choose.
    const holder = firstKeyInCodeUnitOrder(methods as Record<string, unknown>, hasOwnToJson);
    if (holder !== undefined) return `merchant ${merchant.id}'s paymentMethods.${holder}`;
  }
  return undefined;
}

function hasOwnToJson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'toJSON') && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

const UNWRITABLE = { 'a bigint': 'a bigint', 'a cycle': 'a cycle (an object inside itself)', 'too deep or too long': 'a value too deep or too long' } as const;

/**
 * Why the configuration cannot be written into its journal's header (a bigint or a cycle in a
 * field Kanjo does not read, from code), naming the field, or undefined. Refused when the
 * ledger is created rather than found when the journal is exported, days of commands later.
 */
function configJsonProblem(config: LedgerConfig): string | undefined {
  // An own toJSON (the copy keeps a field of that name) would write its answer into the header
  // instead of the fields: a ledger rebuilt from it would run under another configuration.
  const toJson = ownToJsonHolder(config);
  if (toJson !== undefined) {
    return `the configuration is written into its journal's header as JSON, and ${toJson} has its own toJSON method, which would write something else there: pass the configuration as plain data`;
  }
  const whole = writeJson(config);
  if (whole.ok) return undefined;
  const fields = config as unknown as Readonly<Record<string, unknown>>;
  let where = 'a field';
  for (const key of Object.keys(fields)) {
    if (writeJson(fields[key]).ok) continue;
    where = `its field ${key}`;
    if (key !== 'merchants' || !Array.isArray(fields[key])) break;
    for (const merchant of fields[key] as readonly Readonly<Record<string, unknown>>[]) {
      const bad = Object.keys(merchant).find((field) => !writeJson(merchant[field]).ok);
      if (bad !== undefined) {
        where = `merchant ${String(merchant['id'])}'s field ${bad}`;
        break;
      }
    }
    break;
  }
  const what = UNWRITABLE[whole.unwritable];
  return `the configuration is written into its journal's header as JSON, and ${where} holds ${what}, which JSON cannot write: leave it out, or write it as plain data`;
}

/**
 * A value isJsonKindObject refused, named for the message. A Map or a class instance would be
 * quoted as JSON (`{}`, or its own fields), which looks like the very object asked for.
 */
function notPlainObject(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return quoted(value);
  return `${objectKind(value)}: write them as a plain object`;
}

/**
 * "a Map", or "an instance of FeeTable" from the constructor its prototype names. Reads
 * descriptors, so no getter runs; a Proxy's trap may still throw (`instanceof` asks for the
 * prototype too), and naming the value must not replace the refusal.
 */
function objectKind(value: object): string {
  try {
    if (value instanceof Map) return 'a Map';
    const prototype = Object.getPrototypeOf(value) as object;
    const constructor: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
    const name: unknown = typeof constructor === 'function' ? Object.getOwnPropertyDescriptor(constructor, 'name')?.value : undefined;
    if (typeof name === 'string' && /^[A-Za-z_$][\w$]{0,63}$/.test(name)) return `an instance of ${name}`;
  } catch {
    // Named generically below.
  }
  return 'an object with a prototype of its own';
}

/**
 * What is wrong with the type of a merchant's optional fields, or undefined. TypeScript callers
 * cannot get these wrong, but a journal header or a caller's JSON can: the string "false" would
 * pass as approved, and a string's characters would be read as payment types.
 */
function merchantFieldProblem(merchant: MerchantConfig): LedgerResult<never> | undefined {
  const fields = merchant as Partial<Record<'approved' | 'book' | 'paymentTypes' | 'paymentMethods', unknown>>;
  const invalid = (what: string) => reject('config_merchants_invalid', `merchant ${merchant.id}: ${what}`);
  if (fields.approved !== undefined && typeof fields.approved !== 'boolean') return invalid(`approved must be true or false, not ${quoted(fields.approved)}`);
  if (fields.book !== undefined && fields.book !== 'test' && fields.book !== 'live') {
    return reject('config_book_invalid', `merchant ${merchant.id}: book must be test or live, not ${quoted(fields.book)}`);
  }
  if (fields.paymentTypes !== undefined && (!Array.isArray(fields.paymentTypes) || !fields.paymentTypes.every((type) => typeof type === 'string'))) {
    return invalid(`paymentTypes must be a list of payment type names, not ${quoted(fields.paymentTypes)}`);
  }
  if (fields.paymentMethods !== undefined && !isJsonKindObject(fields.paymentMethods)) {
    return invalid(`paymentMethods must be an object of payment type to fee settings, not ${notPlainObject(fields.paymentMethods)}`);
  }
  return undefined;
}

/**
 * Minutes east of UTC of an ISO 8601 offset: "Z", "±hh:mm", "±hhmm" or "±hh" ("+09:00",
 * "+0900", "-05:30", "+09"), the forms a command's `at` accepts too; undefined otherwise.
 */
export function parseUtcOffset(text: string): number | undefined {
  // From code a time zone may be anything: exec would coerce it (['+09:00'] read as that
  // offset, a list holding a null-prototype object a TypeError).
  if (typeof text !== 'string') return undefined;
  if (text === 'Z') return 0;
  const match = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (match === null) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
