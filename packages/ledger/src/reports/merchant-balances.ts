import type { LedgerStateView } from '../engine/ledger-state.js';

/**
 * Every merchant of the configuration with each currency it has touched and its posted
 * balance, as SCENARIO.md's `balances`. The keys come in the configuration's order, except that
 * ids which are array indexes (`9`, `10`, not `007` or `p1`) come first, in numeric order: every
 * JavaScript object lists such keys so, and so do `JSON.stringify` and the table of `kanjo run`.
 * For the configuration's order itself, walk `state.config.merchants` (a `Map`).
 *
 * @example
 * // The ledger of the package README after its payment pay_1 (¥1,000 by card: 700 with a 70 fee to pm1, 300 with 30 to pm2):
 * merchantBalances(ledger.state); // { mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } }
 */
export function merchantBalances(state: LedgerStateView): Record<string, Record<string, number>> {
  // Object.fromEntries defines own properties, so an id such as "__proto__" is kept as a key
  // (assigning it to a plain object would set the prototype instead).
  return Object.fromEntries(
    [...state.config.merchants.keys()].map((id) => {
      const byCurrency = state.balances.get(id);
      return [id, byCurrency === undefined ? {} : Object.fromEntries([...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1)))];
    }),
  );
}
