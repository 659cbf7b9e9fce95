/**
 * Whether a party holding `cumulative` of a share of `share` is due its next unit sooner than
 * one holding `otherCumulative` of `otherShare`: (cumulative + 1) / share < (otherCumulative +
 * 1) / otherShare, compared exactly by cross-multiplying (both shares are positive). Ties are
 * not sooner, so a scan keeps the earlier party and the outcome is deterministic.
 *
 * Internal to the proportional refund. The products stay plain numbers while they are safe
 * integers (exact, no allocation) and move to bigint only beyond that.
 */
export function unitFallsDueSooner(cumulative: number, share: number, otherCumulative: number, otherShare: number): boolean {
  const left = (cumulative + 1) * otherShare;
  const right = (otherCumulative + 1) * share;
  // A true product above MAX_SAFE_INTEGER rounds to at least 2^53, so this test is exact.
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) return left < right;
  return BigInt(cumulative + 1) * BigInt(otherShare) < BigInt(otherCumulative + 1) * BigInt(share);
}
