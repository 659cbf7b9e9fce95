import { countText } from '../result/count-text.js';
import { multiplyDivide } from '../rounding/multiply-divide.js';
import { unitFallsDueSooner } from './unit-falls-due-sooner.js';

/**
 * Up to this many units left after the lower quotas, step 2 scans the parties once per unit
 * without allocating; beyond, it sorts them once (n log n instead of units × parties).
 */
const SCAN_UNITS = 16;

/**
 * The allocation-free core of {@link proportionalRefund}: writes into `out[i]` what party `i`
 * gives back in the refund that takes the refunded total from Σ refunded to `refundTotal`.
 *
 * It trusts its input as far as checking it costs more than a comparison: shares and refunded
 * amounts must be non-negative safe integers with `refunded[i] ≤ shares[i]`, and
 * `Σ refunded ≤ refundTotal ≤ Σ shares`; anything else throws (use {@link proportionalRefund} for
 * a rejection instead). `out` must be an array of its own (passing `shares` or `refunded` as
 * `out` throws); it is resized to the number of parties only if its length differs,
 * so a caller that reuses one array allocates nothing, unless more than 16 units are left after
 * the lower quotas (only with more than 16 parties): then one list of party indices is sorted.
 *
 * The method (DOMAIN.md, "Proportional refunds and rounding"), on the cumulative total R over
 * shares w_i summing to T:
 * 1. every party first gets what its lower quota floor(R × w_i / T) requires (never less than it
 *    has already given: a refund does not take money back);
 * 2. the few units left (fewer than the number of parties) go one at a time to the party whose
 *    next unit falls due soonest, the smallest (cumulative_i + 1) / w_i, never beyond its upper
 *    quota ceil(R × w_i / T).
 * For histories made by this method, each party's cumulative refund stays within
 * [floor, ceil] of R × w_i / T, never exceeds its share, never decreases, and equals its share
 * at the full refund. For a history that came from elsewhere (explicit splits) step 1 may need
 * more than the refund brings; then the refund is shared in proportion to how far each party is
 * behind its lower quota, still without taking anything back or passing any share.
 */
export function proportionalRefundInto(shares: readonly number[], refunded: readonly number[], refundTotal: number, out: number[]): void {
  const count = shares.length;
  // `out` is written while `shares` and `refunded` are still read: the same array for both would
  // give parts that add up but are not the method's.
  if ((out as readonly number[]) === shares || (out as readonly number[]) === refunded) {
    throw new RangeError('proportionalRefundInto: out must be an array of its own, not shares or refunded');
  }
  if (refunded.length !== count) throw new RangeError(`proportionalRefundInto: ${countText(count)} shares but ${countText(refunded.length)} refunded amounts`);
  let total = 0;
  let refundedTotal = 0;
  for (let index = 0; index < count; index += 1) {
    const share = shares[index] as number;
    const given = refunded[index] as number;
    if (!(Number.isSafeInteger(share) && Number.isSafeInteger(given) && given >= 0 && given <= share)) {
      throw new RangeError(`proportionalRefundInto: party ${index} has share ${share} and refunded ${given}; need safe integers with 0 ≤ refunded ≤ share`);
    }
    total += share;
    refundedTotal += given;
  }
  // A sum past MAX_SAFE_INTEGER rounds to at least 2^53, so isSafeInteger catches an overflow;
  // refundedTotal ≤ total, so it is then exact too.
  if (!(Number.isSafeInteger(total) && Number.isSafeInteger(refundTotal) && refundTotal >= refundedTotal && refundTotal <= total)) {
    throw new RangeError(`proportionalRefundInto: refundTotal ${refundTotal} must be a safe integer between the refunded ${refundedTotal} and the shares' total ${total}`);
  }
  if (out.length !== count) out.length = count;
  if (refundTotal === refundedTotal) {
    // Nothing to hand out (this also covers T = 0, where no ratio exists).
    for (let index = 0; index < count; index += 1) out[index] = 0;
    return;
  }

  // Step 1. While the method runs, out[i] holds party i's new cumulative refund c_i, stored as
  // -1 - c_i while the party may still take one more unit in step 2: it can take at most one,
  // since c_i ≥ floor(R·w_i/T) and its upper quota is at most one above that.
  let assigned = 0;
  for (let index = 0; index < count; index += 1) {
    const share = shares[index] as number;
    const given = refunded[index] as number;
    const lower = multiplyDivide(refundTotal, share, total, 'floor');
    if (given > lower) {
      // Already at or past its upper quota (which is at most lower + 1): it takes nothing more.
      out[index] = given;
      assigned += given;
      continue;
    }
    // It may take one more unit only if R·w_i/T is not whole (upper quota = lower + 1). While the
    // product is a safe integer, comparing it with lower·T says so exactly and saves a second
    // division; beyond that, multiplyDivide's ceiling decides.
    const product = refundTotal * share;
    const whole = product <= Number.MAX_SAFE_INTEGER ? lower * total === product : multiplyDivide(refundTotal, share, total, 'ceiling') === lower;
    out[index] = whole ? lower : -1 - lower;
    assigned += lower;
  }
  let leftover = refundTotal - assigned;
  if (leftover < 0) leftover = shareShortfall(shares, refunded, refundTotal, total, refundedTotal, out);

  // Step 2. leftover = R − Σ c_i < the number of parties (each c_i ≥ floor(R·w_i/T), and the
  // floors fall short of R by the sum of fractional parts, each < 1), and the parties still
  // marked can take at least that many units (Σ max(c_i, ceil) ≥ Σ ceil ≥ R). A party's key
  // (c_i + 1) / w_i does not change while others take their unit, so the units go to the
  // `leftover` marked parties of smallest key, ties to the earlier party.
  if (leftover <= SCAN_UNITS) {
    // Few units: one scan each, no allocation (the common case: refunds split a few ways).
    for (; leftover > 0; leftover -= 1) {
      let best = -1;
      let bestCumulative = 0;
      let bestShare = 0;
      for (let index = 0; index < count; index += 1) {
        const mark = out[index] as number;
        if (mark >= 0) continue;
        const cumulative = -1 - mark;
        const share = shares[index] as number;
        if (best < 0 || unitFallsDueSooner(cumulative, share, bestCumulative, bestShare)) {
          best = index;
          bestCumulative = cumulative;
          bestShare = share;
        }
      }
      if (best < 0) throw new Error('proportionalRefundInto: no party can take the next unit (a bug: the method guarantees one)');
      out[best] = bestCumulative + 1;
    }
  } else {
    // Many units (many parties): a scan per unit would be quadratic (30,000 parties took a
    // second). Sort the marked parties by key once; the sort is stable, so ties keep index order.
    const marked: number[] = [];
    for (let index = 0; index < count; index += 1) if ((out[index] as number) < 0) marked.push(index);
    if (marked.length < leftover) throw new Error('proportionalRefundInto: fewer parties can take a unit than units are left (a bug: the method guarantees enough)');
    marked.sort((a, b) => {
      const cumulativeA = -1 - (out[a] as number);
      const cumulativeB = -1 - (out[b] as number);
      const shareA = shares[a] as number;
      const shareB = shares[b] as number;
      if (unitFallsDueSooner(cumulativeA, shareA, cumulativeB, shareB)) return -1;
      return unitFallsDueSooner(cumulativeB, shareB, cumulativeA, shareA) ? 1 : 0;
    });
    for (let rank = 0; rank < leftover; rank += 1) {
      const index = marked[rank] as number;
      out[index] = -(out[index] as number); // -1 - c becomes c + 1
    }
  }

  // From cumulative refunds to the parts of this refund; the total is asserted on the way out.
  let parts = 0;
  for (let index = 0; index < count; index += 1) {
    const mark = out[index] as number;
    const part = (mark < 0 ? -1 - mark : mark) - (refunded[index] as number);
    out[index] = part;
    parts += part;
  }
  if (parts !== refundTotal - refundedTotal) throw new Error(`proportionalRefundInto: parts add up to ${parts}, not the refund ${refundTotal - refundedTotal} (a bug)`);
}

/**
 * Step 1 for a history this method did not make: the lower quotas ask for more than the refund
 * brings, so each party behind its lower quota gets the floor of its proportional part of the
 * refund, by how far behind it is. Writes marked cumulatives into `out` as step 1 does (each
 * marked party is still below its lower quota, so one more unit passes no quota) and returns the
 * units left, fewer than the parties behind.
 */
function shareShortfall(shares: readonly number[], refunded: readonly number[], refundTotal: number, total: number, refundedTotal: number, out: number[]): number {
  const refund = refundTotal - refundedTotal;
  let behindTotal = 0;
  for (let index = 0; index < shares.length; index += 1) {
    const lower = multiplyDivide(refundTotal, shares[index] as number, total, 'floor');
    const given = refunded[index] as number;
    const behind = lower > given ? lower - given : 0;
    out[index] = behind;
    behindTotal += behind; // ≤ Σ floors ≤ refundTotal: safe
  }
  let assigned = 0;
  for (let index = 0; index < shares.length; index += 1) {
    const behind = out[index] as number;
    // behindTotal > refund here, so each grant is strictly below the party's shortfall.
    const grant = multiplyDivide(refund, behind, behindTotal, 'floor');
    const cumulative = (refunded[index] as number) + grant;
    out[index] = grant < behind ? -1 - cumulative : cumulative;
    assigned += grant;
  }
  return refund - assigned;
}
