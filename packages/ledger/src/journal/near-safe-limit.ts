import type { LedgerStateView } from '../engine/ledger-state.js';
import type { Posting } from './posting.js';

/**
 * Whether moving these postings could take a merchant's balance past Number.MAX_SAFE_INTEGER,
 * at the end or on the way (a large refund and the returns that offset it). Cheap, one pass:
 * true only when some balance plus everything the entry moves could leave the range, so the
 * exact (bigint) work is done only near the limit. Shared by the engine's overflow check and
 * by the fold, so the two agree on what "near" means.
 */
export function nearSafeLimit(state: Pick<LedgerStateView, 'balances' | 'balanceCeiling'>, postings: readonly Posting[]): boolean {
  let moved = 0;
  for (const posting of postings) moved += Math.abs(posting.amount);
  if (moved > Number.MAX_SAFE_INTEGER / 2) return true;
  // The ordinary case: no balance is anywhere near the limit, so none needs looking up.
  if (state.balanceCeiling + moved <= Number.MAX_SAFE_INTEGER) return false;
  for (const posting of postings) {
    if (posting.merchant === undefined) continue;
    if (Math.abs(state.balances.get(posting.merchant)?.get(posting.currency) ?? 0) + moved > Number.MAX_SAFE_INTEGER) return true;
  }
  return false;
}
