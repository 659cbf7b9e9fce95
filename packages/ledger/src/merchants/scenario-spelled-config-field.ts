import { reject, type LedgerRejection } from '../engine/ledger-rejection.js';
import type { LedgerConfig } from '../engine/ledger-config.js';

/** The configuration's fields as a scenario file spells them, and what code writes. */
const TOP_FIELDS = [
  ['tax_rate', 'taxRate'],
  ['refund_request_fee', 'refundRequestFee'],
  ['time_zone', 'timeZone'],
] as const;
const MERCHANT_FIELDS = [
  ['payment_methods', 'paymentMethods'],
  ['payment_types', 'paymentTypes'],
] as const;
const METHOD_FIELDS = [
  ['fee_rate', 'feeRate'],
  ['fixed_fee', 'fixedFee'],
  ['customer_fee', 'customerFee'],
] as const;

type Refusal = { readonly ok: false; readonly error: LedgerRejection };

/**
 * A configuration from code carrying a field in the scenario file's spelling without the one
 * code reads: `config_invalid` at the top, `config_merchants_invalid` in a merchant or its
 * payment methods, naming what to write; or undefined. Only the camelCase field is read, so
 * each of these was ignored without a word, with money following the default: `tax_rate: '8%'`
 * left the tax at 10%, a method's `customer_fee` charged none, `payment_methods` left a platform
 * accepting nothing (review 175). Only own fields are looked at (a class instance's getter of
 * such a name is not read, as no field code does not read is). Objects that are not merchants
 * or methods are left to the checks that refuse them.
 */
export function scenarioSpelledConfigField(config: LedgerConfig): Refusal | undefined {
  const top = spelledField(config, TOP_FIELDS);
  if (top !== undefined) return refusal('config_invalid', 'the configuration', top);
  for (const [index, merchant] of config.merchants.entries()) {
    if (!isObject(merchant)) continue;
    const inMerchant = spelledField(merchant, MERCHANT_FIELDS);
    if (inMerchant !== undefined) return refusal('config_merchants_invalid', `merchants[${index}]`, inMerchant);
    const methods = (merchant as { readonly paymentMethods?: unknown }).paymentMethods;
    if (!isObject(methods)) continue;
    for (const [paymentType, method] of Object.entries(methods)) {
      if (!isObject(method)) continue;
      const inMethod = spelledField(method, METHOD_FIELDS);
      if (inMethod !== undefined) return refusal('config_merchants_invalid', `merchants[${index}].paymentMethods.${paymentType}`, inMethod);
    }
  }
  return undefined;
}

/**
 * The first `[scenarioName, codeName]` of `fields` that `value` has as its own field, with a
 * value (not `null` or `undefined`, which carry nothing to ignore), without the other.
 */
function spelledField(value: object, fields: readonly (readonly [string, string])[]): readonly [string, string] | undefined {
  const record = value as Readonly<Record<string, unknown>>;
  return fields.find(([scenarioName, codeName]) => Object.hasOwn(record, scenarioName) && record[scenarioName] !== undefined && record[scenarioName] !== null && record[codeName] === undefined);
}

function refusal(code: 'config_invalid' | 'config_merchants_invalid', where: string, [scenarioName, codeName]: readonly [string, string]): Refusal {
  return reject(code, `${where} has ${scenarioName}, the scenario file's spelling, which code does not read: write ${codeName} (parseScenarioConfig reads a scenario file)`);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
