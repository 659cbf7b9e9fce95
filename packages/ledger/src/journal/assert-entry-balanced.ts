import type { Entry } from './entry.js';

/**
 * Whether every currency's postings in an entry sum to zero; the first currency that does
 * not, or undefined. An amount that is no safe integer (NaN, 1e300, 1.5, the string "1": only
 * in an entry built by hand, which replay's frame check refuses first) balances nothing: its posting's currency is
 * answered at once, with a sum of NaN, even where an earlier currency is also unbalanced.
 * Used on the way out of the engine (a violation is a bug) and by reconciliation of an
 * imported journal (a violation is a broken file).
 */
export function unbalancedCurrency(entry: Pick<Entry, 'postings'>): { readonly currency: string; readonly sum: number } | undefined {
  // Nearly every entry is in one currency with small amounts: sum it without a map.
  const first = entry.postings[0];
  if (first === undefined) return undefined;
  let sum = 0;
  let magnitude = 0;
  let single = true;
  for (const posting of entry.postings) {
    // Only an entry built by hand holds an amount that is no safe integer (NaN, 1e300, 1.5, or
    // from JavaScript "1" or true, which `+=` would concatenate or count as 1): it balances nothing.
    if (!Number.isSafeInteger(posting.amount)) return { currency: posting.currency, sum: Number.NaN };
    if (posting.currency !== first.currency) single = false;
    sum += posting.amount;
    magnitude += Math.abs(posting.amount);
  }
  // While the amounts' magnitudes add up to a safe integer every partial sum is exact; past
  // that a double sum may round (2^53 − 1 + 1 + 1 is 2^53), so the sums are taken exactly.
  if (magnitude <= Number.MAX_SAFE_INTEGER) {
    if (single) return sum === 0 ? undefined : { currency: first.currency, sum };
    const sums = new Map<string, number>();
    for (const posting of entry.postings) sums.set(posting.currency, (sums.get(posting.currency) ?? 0) + posting.amount);
    for (const [currency, total] of sums) if (total !== 0) return { currency, sum: total };
    return undefined;
  }
  const sums = new Map<string, bigint>();
  for (const posting of entry.postings) {
    sums.set(posting.currency, (sums.get(posting.currency) ?? 0n) + BigInt(posting.amount));
  }
  for (const [currency, total] of sums) if (total !== 0n) return { currency, sum: Number(total) };
  return undefined;
}
