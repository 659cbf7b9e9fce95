import type { Entry } from './entry.js';

/**
 * Whether every currency's postings in an entry sum to zero; the first currency that does
 * not, or undefined. Used on the way out of the engine (a violation is a bug) and by
 * reconciliation of an imported journal (a violation is a broken file).
 */
export function unbalancedCurrency(entry: Pick<Entry, 'postings'>): { readonly currency: string; readonly sum: number } | undefined {
  // Nearly every entry is in one currency: sum it without a map.
  const first = entry.postings[0];
  if (first === undefined) return undefined;
  let sum = 0;
  let single = true;
  for (const posting of entry.postings) {
    if (posting.currency !== first.currency) {
      single = false;
      break;
    }
    sum += posting.amount;
  }
  if (single) return sum === 0 ? undefined : { currency: first.currency, sum };
  const sums = new Map<string, number>();
  for (const posting of entry.postings) sums.set(posting.currency, (sums.get(posting.currency) ?? 0) + posting.amount);
  for (const [currency, sum] of sums) if (sum !== 0) return { currency, sum };
  return undefined;
}
