import { currencyExponent, reject, type Result } from '@kanjo/splits';
import { echoedOrBare, unitOnly } from './message-text.js';

/**
 * Codes of `@kanjo/splits` whose messages write amounts in minor units without naming a
 * currency: the splits are decided on minor units alone, and the package is not told one.
 */
const MINOR_UNIT_CODES: ReadonlySet<string> = new Set([
  'split_platform_fee_exceeds_amount',
  'split_sum_exceeds_amount',
  'split_sum_mismatch',
  'refund_split_sum_mismatch',
  'refund_exceeds_share',
]);

/**
 * A `@kanjo/splits` rejection the ledger passes on, saying which currency and unit its amounts
 * are in (README "Command line": `4500` cents read as dollars are 100 times too much): in a
 * currency whose minor unit is not its unit, a message of {@link MINOR_UNIT_CODES} is prefixed
 * `amounts in minor units of USD: `, its own text kept whole (the ledger does not read it). Yen
 * and every other code come back as they are.
 */
export function inCurrencyOf<Value, Code extends string>(result: Result<Value, Code>, currency: string): Result<Value, Code> {
  if (result.ok || !MINOR_UNIT_CODES.has(result.error.code) || (currencyExponent(currency) ?? 0) === 0) return result;
  return reject(result.error.code, `amounts in minor units of ${currency}: ${result.error.message}`);
}

/**
 * A seller-model split checked by `@kanjo/splits`' validateSellerSplit, whose one rejection
 * (`platform_amount_exceeds_amount`) the ledger words itself in a currency whose minor unit is
 * not its unit: the platform_amount as sent with its unit beside, the amount in that unit. Yen
 * keep the package's message.
 */
export function sellerSplitInCurrency<Code extends string>(result: Result<number, Code>, amount: number, platformAmount: number, currency: string): Result<number, Code> {
  if (result.ok || result.error.code !== 'platform_amount_exceeds_amount' || (currencyExponent(currency) ?? 0) === 0) return result;
  const whole = unitOnly(amount, currency);
  return reject(result.error.code, `platform_amount ${echoedOrBare(platformAmount, currency)} is more than the amount ${whole}; it must be between 0 and ${whole}`);
}
