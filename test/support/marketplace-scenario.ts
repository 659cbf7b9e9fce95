import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The seeds' marketplace as SCENARIO.md writes it: the platform `mart` (marketplace business,
 * credit cards at 3.6%) and one payout sub-merchant of it per id in `submerchants`. The command
 * line tests that need a payment or two start from it, so one file states it.
 */
export function marketplaceMerchants(submerchants: readonly string[]): object[] {
  return [
    { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
    ...submerchants.map((id) => ({ id, type: 'payout', platform: 'mart' })),
  ];
}

/** `platform_details` splitting a payment over `[submerchant_id, amount, platform_fee]` lines. */
export function splitDetails(...lines: readonly (readonly [string, number, number])[]): { submerchants: object[] } {
  return { submerchants: lines.map(([submerchant_id, amount, platform_fee]) => ({ submerchant_id, amount, platform_fee })) };
}

/** A credit-card `payment.create` of `amount` yen by `mart` with `split`, captured at once. */
export function yenPayment(id: string, amount: number, split: { submerchants: object[] }, at?: string): object {
  return { op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', payment_type: 'credit_card', ...(at === undefined ? {} : { at }), platform_details: split };
}

/**
 * Writes a scenario file of the marketplace with `submerchants` and `commands` into a fresh
 * temporary folder named after `prefix`, and returns the folder and the file's path.
 */
export function writeMarketplaceScenario(
  prefix: string,
  fileName: string,
  submerchants: readonly string[],
  commands: readonly object[],
): { work: string; scenario: string } {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const scenario = join(work, fileName);
  writeFileSync(scenario, JSON.stringify({ merchants: marketplaceMerchants(submerchants), commands }));
  return { work, scenario };
}
