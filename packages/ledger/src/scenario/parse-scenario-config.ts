import { parseRate, type PaymentMethodFeeInput } from '@kanjo/fees';
import { accept, countText, isRoundingMode } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { MAX_MERCHANTS, resolveConfig } from '../merchants/resolve-config.js';
import type { LedgerConfig } from '../engine/ledger-config.js';
import type { ResolvedConfig } from '../engine/ledger-state.js';
import type { MerchantConfig } from '../merchants/merchant.js';
import { FieldCollector } from './field-collector.js';
import { fieldOf, isJsonObject, type JsonObject } from './field-reader.js';
import { quoted, shown } from '../engine/message-text.js';
import { firstKeyInCodeUnitOrder } from '../engine/code-unit-order.js';

/**
 * The top level of a scenario file (SCENARIO.md "File") as a {@link LedgerConfig}: merchants,
 * tax_rate, refund_request_fee, time_zone, and the optional book and rounding. A malformed
 * merchant list makes the whole file unusable, so this returns one rejection for it: a field
 * of the wrong form, or a list `createLedger` refuses (a duplicate id, a missing platform…),
 * with `createLedger`'s code.
 */
export function parseScenarioConfig(document: unknown): LedgerResult<LedgerConfig> {
  const read = readScenarioConfig(document);
  return read.ok ? accept(read.value.config) : read;
}

/**
 * {@link parseScenarioConfig}, with the configuration as `createLedger` resolves it: a run
 * builds its ledger from that rather than checking the configuration a second time.
 */
export function readScenarioConfig(document: unknown): LedgerResult<{ readonly config: LedgerConfig; readonly resolved: ResolvedConfig }> {
  // From code a document may be anything JSON.parse gives (null included): refused as the run refuses it.
  if (!isJsonObject(document)) return reject('scenario_invalid', 'a scenario must be a JSON object with merchants and commands');
  const merchantsRaw = fieldOf(document, 'merchants');
  if (!Array.isArray(merchantsRaw)) return reject('scenario_invalid', 'merchants must be a list of merchants');
  // Before each is parsed, and before the engine, which throws on a list past MAX_LIST_LENGTH.
  if (merchantsRaw.length > MAX_MERCHANTS) return reject('config_merchants_invalid', `at most ${countText(MAX_MERCHANTS)} merchants, not ${countText(merchantsRaw.length)}`);
  const merchants: MerchantConfig[] = [];
  for (const [index, raw] of merchantsRaw.entries()) {
    const merchant = parseMerchant(raw);
    if (!merchant.ok) return reject(merchant.error.code, `merchants[${index}]: ${merchant.error.message}`);
    merchants.push(merchant.value);
  }
  const fields = new FieldCollector(document);
  const taxRate = fields.optionalString('tax_rate');
  const refundRequestFee = fields.optionalAmount('refund_request_fee', true);
  const timeZone = fields.optionalString('time_zone');
  const book = fields.optionalString('book');
  const rounding = fields.optionalString('rounding');
  if (fields.error !== undefined) return { ok: false, error: fields.error };
  // Rates are checked here, under the names the file spells them (tax_rate, not the fee
  // schedule's taxRate of whichever platform comes first), so the one line says what to fix.
  if (taxRate !== undefined) {
    const rate = parseRate(taxRate, 'tax_rate');
    if (!rate.ok) return rate;
  }
  if (rounding !== undefined && !isRoundingMode(rounding)) {
    return reject('rounding_mode_unknown', 'rounding must be half_up, half_even, floor or ceiling');
  }
  if (book !== undefined && book !== 'test' && book !== 'live') return reject('config_book_invalid', 'book must be test or live');
  const config: LedgerConfig = {
    merchants,
    ...(taxRate === undefined ? {} : { taxRate }),
    ...(refundRequestFee === undefined ? {} : { refundRequestFee }),
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(book === undefined ? {} : { book }),
    ...(rounding === undefined ? {} : { rounding }),
  };
  // The list as a whole (duplicate ids, missing platforms, sub-merchants of the wrong kind…),
  // checked as createLedger checks it: a configuration this answers is one a ledger takes.
  const resolved = resolveConfig(config);
  if (!resolved.ok) {
    // The fee schedule names the payment types' field as code writes it: the file calls it payment_methods.
    if (resolved.error.code === 'payment_type_invalid') return reject(resolved.error.code, resolved.error.message.replace(/^(platform \S+: )paymentMethods\b/, '$1payment_methods'));
    return resolved;
  }
  return accept({ config, resolved: resolved.value });
}

function parseMerchant(raw: unknown): LedgerResult<MerchantConfig> {
  if (!isJsonObject(raw)) return reject('config_merchants_invalid', 'a merchant must be an object');
  const fields = new FieldCollector(raw);
  const id = fields.string('id');
  const type = fields.string('type');
  const status = fields.optionalString('status');
  const approved = fields.optionalBoolean('approved');
  const book = fields.optionalString('book');
  if (fields.error !== undefined) return { ok: false, error: fields.error };
  const common = {
    id,
    ...(status === undefined ? {} : { status: status as MerchantConfig['status'] & string }),
    ...(approved === undefined ? {} : { approved }),
    ...(book === undefined ? {} : { book: book as 'test' | 'live' }),
  };
  if (type === 'platform') {
    const business = fields.string('business');
    const paymentMethods = parsePaymentMethods(fieldOf(raw, 'payment_methods'));
    if (fields.error !== undefined) return { ok: false, error: fields.error };
    if (!paymentMethods.ok) return paymentMethods;
    return accept({ ...common, type, business: business as 'platform' | 'marketplace', paymentMethods: paymentMethods.value });
  }
  if (type === 'seller' || type === 'payout') {
    const platform = fields.string('platform');
    const paymentTypes = fields.optionalStringList('payment_types');
    if (fields.error !== undefined) return { ok: false, error: fields.error };
    return accept({ ...common, type, platform, ...(paymentTypes === undefined ? {} : { paymentTypes }) });
  }
  return reject('config_merchant_type_unknown', `merchant ${shown(id)}: type must be platform, seller or payout, not ${quoted(type)}`);
}

function parsePaymentMethods(raw: unknown): LedgerResult<Record<string, PaymentMethodFeeInput>> {
  if (raw === undefined || raw === null) return accept({});
  if (!isJsonObject(raw)) return reject('config_merchants_invalid', 'payment_methods must be an object of payment type → fee settings');
  // A JSON object's keys have no order that means anything, so the order a file writes its
  // payment types in must not choose which problem is named: of the types with one, the first
  // in code-unit order is. Object.fromEntries defines own keys, so a type spelt "__proto__"
  // stays a key (assigning it would set the prototype instead).
  const parsed = Object.entries(raw).map(([type, settings]) => [type, parsePaymentMethod(type, settings)] as const);
  const results: Record<string, LedgerResult<PaymentMethodFeeInput>> = Object.fromEntries(parsed);
  const problem = firstKeyInCodeUnitOrder(results, (result) => !result.ok);
  const failed = problem === undefined ? undefined : results[problem];
  if (failed !== undefined && !failed.ok) return failed;
  return accept(Object.fromEntries(parsed.flatMap(([type, result]) => (result.ok ? [[type, result.value] as const] : []))));
}

/** One payment type's fee settings: an object with a fee_rate and the optional fixed and customer fees. */
function parsePaymentMethod(type: string, settings: unknown): LedgerResult<PaymentMethodFeeInput> {
  if (!isJsonObject(settings)) return reject('config_merchants_invalid', `payment_methods.${shown(type)} must be an object with a fee_rate`);
  const fields = new FieldCollector(settings);
  const feeRate = fields.string('fee_rate');
  const fixedFee = fields.optionalAmount('fixed_fee', true);
  const customerFee = fields.optionalAmount('customer_fee', true);
  if (fields.error !== undefined) return reject(fields.error.code, `payment_methods.${shown(type)}: ${fields.error.message}`);
  const rate = parseRate(feeRate, `payment_methods.${shown(type)}.fee_rate`);
  if (!rate.ok) return rate;
  return accept({ feeRate, ...(fixedFee === undefined ? {} : { fixedFee }), ...(customerFee === undefined ? {} : { customerFee }) });
}
