import { generateScenario } from '../../support/generate-scenario.js';

/**
 * A generated scenario (test/support/generate-scenario.ts) in two currencies: one run of the
 * generator in yen and a second, of another seed, in US cents, its payment and refund-request
 * ids prefixed `usd_` so that both live in one ledger. The commands of the two are merged in
 * time order (a stable sort on `at`; the leading payout settings have none and stay first), so
 * the export interleaves JPY and USD transactions on the same days, with payouts in both.
 */
export function twoCurrencyScenario(payments: number, seed: number): { merchants: unknown[]; commands: Record<string, unknown>[] } {
  const yen = generateScenario({ payments, seed });
  const dollars = generateScenario({ payments, seed: seed + 1 });
  const usd = dollars.commands.map((command) => toDollars(command));
  const timed = [...yen.commands, ...usd].filter((command) => typeof command['at'] === 'string');
  const untimed = [...yen.commands, ...usd].filter((command) => typeof command['at'] !== 'string');
  // Array#sort is stable: commands at the same millisecond keep their generator's order.
  timed.sort((left, right) => Date.parse(left['at'] as string) - Date.parse(right['at'] as string));
  return { merchants: yen.merchants, commands: [...untimed, ...timed, ...PAYOUT_RUNS] };
}

/**
 * The generator's runs fall in its first week, before any payout day (DOMAIN.md "Payouts":
 * Friday for the week that ended the Friday before; month end, moved to the next business
 * day, for the previous month). These pay the weekly merchant (pm1) on two Fridays and the
 * monthly one (seller1) for January on Monday 2 March, in both currencies.
 */
const PAYOUT_RUNS: readonly Record<string, unknown>[] = [
  { op: 'settlement.run', at: '2026-01-16T01:00:00.000Z', date: '2026-01-16' },
  { op: 'settlement.run', at: '2026-01-23T01:00:00.000Z', date: '2026-01-23' },
  { op: 'settlement.run', at: '2026-03-02T01:00:00.000Z', date: '2026-03-02' },
];

const PREFIXED_FIELDS = ['id', 'payment', 'refund_request'] as const;

function toDollars(command: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...command };
  for (const field of PREFIXED_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string' && command['op'] !== 'payout_settings.update') copy[field] = `usd_${value}`;
  }
  if (copy['currency'] === 'JPY') copy['currency'] = 'USD';
  return copy;
}
