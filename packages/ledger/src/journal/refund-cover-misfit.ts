import type { LedgerStateView } from '../engine/ledger-state.js';
import { inUnit, unitOnly } from '../engine/message-text.js';
import { uncoveredCost } from '../refunds/refund-costs.js';
import type { Hold } from '../refunds/refund-request.js';

/**
 * Why what a direct refund or a new refund request costs its parties is more than one of them
 * has available (posted less what pending refund requests hold) before the entry, or undefined:
 * the rule `checkRefundCosts` decides the commands by (`insufficient_balance`), read from the
 * same function. A refund request's completion always posts (the customer has been paid) and is
 * not checked.
 */
export function refundCoverMisfit(state: LedgerStateView, what: string, currency: string, costs: readonly Hold[]): string | undefined {
  const uncovered = uncoveredCost(state, currency, costs);
  if (uncovered === undefined) return undefined;
  return `${what} costs ${uncovered.cost.merchant} ${inUnit(uncovered.cost.amount, currency)}, which has ${unitOnly(uncovered.available, currency)} available (insufficient_balance)`;
}
