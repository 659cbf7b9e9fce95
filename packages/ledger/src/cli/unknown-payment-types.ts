import type { LedgerConfig } from '../engine/ledger-config.js';
import { quoted } from '../engine/message-text.js';
import { PAYMENT_METHOD_CAPABILITIES } from '../payments/payment-methods.js';

/** The most unknown payment types a run names, one a line; past that, one line counts the rest. */
const MAX_NAMED = 10;

/**
 * A line on standard error for each payment type a platform's `payment_methods` names whose
 * fund flow Kanjo does not know. SCENARIO.md lets a platform list the types it accepts, so the
 * file runs; but every payment of such a type is then `payment_type_not_supported`, and a
 * misremembered name (`card`) would otherwise surface only as rejections. A sub-merchant's
 * `payment_types` can only name types its platform lists, so the platform's line covers them.
 */
export function warnOfUnknownPaymentTypes(config: LedgerConfig, warn: (line: string) => void): void {
  const found: string[] = [];
  for (const [index, merchant] of config.merchants.entries()) {
    if (merchant.type !== 'platform') continue;
    for (const paymentType of Object.keys(merchant.paymentMethods)) {
      if (PAYMENT_METHOD_CAPABILITIES.has(paymentType)) continue;
      found.push(`merchants[${index}].payment_methods names the payment type ${quoted(paymentType)}, whose fund flow Kanjo does not know: its payments will be rejected (payment_type_not_supported); Kanjo knows ${[...PAYMENT_METHOD_CAPABILITIES.keys()].join(', ')}`);
    }
  }
  for (const line of found.slice(0, MAX_NAMED)) warn(line);
  if (found.length > MAX_NAMED) warn(`${found.length - MAX_NAMED} more payment types Kanjo does not know are named in payment_methods; their payments will be rejected`);
}
