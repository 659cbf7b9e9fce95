import { accept, type RefundParts } from '@kanjo/splits';
import { inUnit, unitOnly } from '../engine/message-text.js';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { FeeWithTax } from '@kanjo/fees';
import { availableBalanceOf, exactAvailableBalance, type LedgerStateView } from '../engine/ledger-state.js';
import type { Payment } from '../payments/payment.js';
import type { Hold } from './refund-request.js';

/**
 * What a refund costs each party, in the order checked: the platform (its own part plus every
 * fee and tax the refund charges it), then each sub-merchant (its part). In the seller model
 * the seller's part is what it gives back net of the platform's Platform Fee Return.
 */
export function refundCosts(payment: Pick<Payment, 'platform'>, parts: RefundParts, fees: readonly (FeeWithTax | undefined)[]): readonly Hold[] {
  let platformCost = parts.platform;
  for (const fee of fees) platformCost += feeCost(fee);
  const costs: Hold[] = [{ merchant: payment.platform, amount: platformCost }];
  for (const part of parts.submerchants) costs.push({ merchant: part.submerchantId, amount: part.amount });
  return costs.filter((cost) => cost.amount > 0);
}

/**
 * The platform's cost of {@link refundCosts} exactly, for a message: its part and the fees are
 * each a safe integer, but their sum may pass 2^53 (a payment near the limit), where the number
 * the check compares is rounded. Past the limit no balance covers it, so the check is right; only
 * the amount a message writes needs this.
 */
export function exactPlatformCost(parts: RefundParts, fees: readonly (FeeWithTax | undefined)[]): bigint {
  let cost = BigInt(parts.platform);
  for (const fee of fees) if (fee !== undefined) cost += BigInt(fee.fee.amount) + BigInt(fee.tax.amount);
  return cost;
}

/** What a fee costs its payer with its tax (0 for none): a refund request stores its fees this way. */
export function feeCost(fee: FeeWithTax | undefined): number {
  return fee === undefined ? 0 : fee.fee.amount + fee.tax.amount;
}

/**
 * Sufficient balance (DOMAIN.md "Refunds, marketplace"): every party's available balance
 * (posted less what pending refund requests hold) covers what the refund costs it, or nothing
 * is posted. Equal is enough (`[decided]`; the seed says "greater than").
 */
export function checkRefundCosts(state: LedgerStateView, currency: string, costs: readonly Hold[], platformCost: () => bigint): LedgerResult<void> {
  const uncovered = uncoveredCost(state, currency, costs);
  if (uncovered === undefined) return accept(undefined);
  const { cost, available } = uncovered;
  // The platform's cost comes first; past 2^53 only its exact sum gives the amounts right.
  const needed = cost === costs[0] && !Number.isSafeInteger(cost.amount) ? platformCost() : BigInt(cost.amount);
  const has = Number.isSafeInteger(available) ? BigInt(available) : exactAvailableBalance(state, cost.merchant, currency);
  // Amounts beside the currency code are in its unit (0.61 USD, not 61 USD): the message is
  // read by people, in the tables too, where every other amount is written that way.
  return reject(
    'insufficient_balance',
    `merchant ${cost.merchant} needs ${inUnit(needed, currency)} available for this refund but has ${unitOnly(has, currency)} (short by ${unitOnly(needed - has, currency)}); top it up with a balance transfer or refund less`,
  );
}

/**
 * The first cost a party's available balance does not cover, with that balance, or undefined:
 * the rule of {@link checkRefundCosts}, which a replay also re-checks a journal's refunds and
 * refund requests by.
 */
export function uncoveredCost(state: LedgerStateView, currency: string, costs: readonly Hold[]): { readonly cost: Hold; readonly available: number } | undefined {
  for (const cost of costs) {
    const available = availableBalanceOf(state, cost.merchant, currency);
    if (available < cost.amount) return { cost, available };
  }
  return undefined;
}
