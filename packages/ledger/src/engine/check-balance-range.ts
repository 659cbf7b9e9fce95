import { reject, type LedgerRejection } from './ledger-rejection.js';
import { nearSafeLimit } from '../journal/near-safe-limit.js';
import { inUnitOrBare } from './message-text.js';
import type { Posting } from '../journal/posting.js';
import { postedBalanceOf, type LedgerStateView } from './ledger-state.js';

/**
 * Rejects an entry that would take a merchant's balance beyond the safe-integer range, where
 * a number can no longer count every minor unit exactly (DOMAIN.md "Money": a sum that
 * overflows is rejected). Cheap in the ordinary case: only when a balance plus everything the
 * entry moves could leave the range are the new balances worked out exactly, in bigint.
 */
export function checkBalanceRange(state: LedgerStateView, postings: readonly Posting[]): { readonly ok: false; readonly error: LedgerRejection } | undefined {
  const overflow = balanceOverflow(state, postings);
  return overflow === undefined ? undefined : reject('balance_overflow', `${overflow}: pay out or split the amount`);
}

/**
 * What taking these postings would do to a balance beyond the safe-integer range (`this would
 * take pm1's USD balance to …, beyond the … minor units Kanjo counts exactly`), or undefined.
 * The engine's check and the journal's replay both ask it, so a replay refuses what the engine
 * would have refused.
 */
export function balanceOverflow(state: LedgerStateView, postings: readonly Posting[]): string | undefined {
  if (!nearSafeLimit(state, postings)) return undefined;
  const next = new Map<string, bigint>();
  for (const posting of postings) {
    if (posting.merchant === undefined) continue;
    const key = `${posting.merchant} ${posting.currency}`;
    const before = next.get(key) ?? BigInt(postedBalanceOf(state, posting.merchant, posting.currency));
    next.set(key, before - BigInt(posting.amount));
  }
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  for (const [key, balance] of next) {
    if (balance > limit || balance < -limit) {
      const [merchant, currency] = key.split(' ');
      return `this would take ${merchant}'s ${currency} balance to ${inUnitOrBare(balance, currency)}, beyond the ${limit} minor units Kanjo counts exactly`;
    }
  }
  return undefined;
}
