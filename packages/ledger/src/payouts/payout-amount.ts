/**
 * What a settlement run pays for one due period (DOMAIN.md "Payouts"): what the balance held at
 * the period's end, never more than is available now, both less what the same run already paid
 * the merchant in that currency for an earlier period. An amount that is not positive or is
 * below the minimum is carried over: the period is settled with 0 paid. The engine decides with
 * this and a replay re-checks with it, so the two cannot drift apart.
 *
 * @param balanceAtEnd - the balance at the period's end less the payouts posted since.
 * @param available - the merchant's available balance now (posted less pending holds).
 * @param paidBefore - what this run paid the merchant in the currency for earlier periods.
 * @param minimumAmount - the payout settings' minimum.
 */
export function payoutAmount(balanceAtEnd: number, available: number, paidBefore: number, minimumAmount: number): number {
  const amount = Math.min(balanceAtEnd - paidBefore, available - paidBefore);
  return amount > 0 && amount >= minimumAmount ? amount : 0;
}
