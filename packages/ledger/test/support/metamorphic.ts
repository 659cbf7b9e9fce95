import type { Command, LedgerConfig, LedgerStateView } from '@kanjo/ledger';

// Helpers shared by the metamorphic properties (metamorphic-*.test.ts).

/** Every currency a merchant has a balance or a hold in, in any of the states. */
export function currenciesOf(merchant: string, ...states: LedgerStateView[]): Set<string> {
  const currencies = new Set<string>();
  for (const state of states) {
    for (const currency of state.balances.get(merchant)?.keys() ?? []) currencies.add(currency);
    for (const currency of state.holds.get(merchant)?.keys() ?? []) currencies.add(currency);
  }
  return currencies;
}

/**
 * Payout settings in USD for every active merchant, at the first command's time (none without a
 * frequency or a first time): the journal scenarios set USD payouts rarely, and without them no
 * run pays USD.
 */
export function usdPayoutSettings(config: LedgerConfig, first: Command | undefined, frequency: 'weekly' | 'monthly' | undefined): Command[] {
  if (first?.at === undefined || frequency === undefined) return [];
  const at = first.at;
  return config.merchants
    .filter((merchant) => merchant.status !== 'deactivated')
    .map((merchant) => ({ op: 'payout_settings.update', at, merchant: merchant.type === 'platform' ? merchant.id : merchant.platform, target: merchant.id, currency: 'USD', frequency, minimumAmount: 0 }));
}
