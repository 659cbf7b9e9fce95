import type { LedgerState } from '../engine/ledger-state.js';

/**
 * Every merchant of the configuration (in its order) with each currency it has touched and
 * its posted balance, as SCENARIO.md's `balances`.
 */
export function merchantBalances(state: LedgerState): Record<string, Record<string, number>> {
  const balances: Record<string, Record<string, number>> = {};
  for (const id of state.config.merchants.keys()) {
    const byCurrency = state.balances.get(id);
    balances[id] = byCurrency === undefined ? {} : Object.fromEntries([...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return balances;
}
