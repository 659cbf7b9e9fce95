import { countText } from '@kanjo/splits';
import type { Change } from '../journal/change.js';
import type { LedgerStateView } from './ledger-state.js';
import { reject, type LedgerRejection } from './ledger-rejection.js';

/**
 * The most keys one JavaScript `Map` or `Set` holds (V8, as in Node 20 to 24): one more throws
 * `RangeError: Map maximum size exceeded`. A ledger keeps its payments, refund requests,
 * sessions, settled payout periods and idempotency keys in one each, so this bounds what one
 * ledger can hold: 16,777,216 payments (about 13 GB of authorizations, far more once captured).
 */
export const MAP_CAPACITY = 2 ** 24;

/**
 * The most entries one ledger keeps in its journal. The journal is an array grown by `push`,
 * and V8 stops the whole process (a fatal error no `catch` sees) when an array must grow past
 * 134,217,725 slots: growing by half each time, that happened at 112,813,858 entries. This
 * round number stays below it.
 */
export const MAX_JOURNAL_ENTRIES = 100_000_000;

/**
 * Rejects an entry that would add a key to a table of the state already holding
 * {@link MAP_CAPACITY}, or any entry once the journal holds {@link MAX_JOURNAL_ENTRIES}
 * (`ledger_full`). Without it the `Map` would throw while the entry is
 * being folded, after its postings had moved the balances: a posting half made. Cheap in the
 * ordinary case: an entry adds a handful of keys, and only a ledger within that many of the
 * limit has them counted.
 *
 * @param newIdempotencyKey - whether the entry's command brings a key the ledger does not hold yet.
 */
export function checkLedgerCapacity(state: LedgerStateView, changes: readonly Change[], newIdempotencyKey: boolean): { readonly ok: false; readonly error: LedgerRejection } | undefined {
  const full = ledgerFull(state, changes, newIdempotencyKey);
  return full === undefined ? undefined : reject('ledger_full', `${full}: start a new ledger for what comes next (one per platform or per year, say)`);
}

/**
 * What is full, when the journal already holds {@link MAX_JOURNAL_ENTRIES} or this entry would
 * take a table of the state past {@link MAP_CAPACITY} (`this ledger already holds 16,777,216
 * payments, the most one ledger can …`), or undefined. The engine's check and the journal's
 * replay both ask it.
 */
export function ledgerFull(state: LedgerStateView, changes: readonly Change[], newIdempotencyKey: boolean): string | undefined {
  // A replay that does not keep its entries (kanjo reconcile) leaves the journal empty.
  if (state.journal.length >= MAX_JOURNAL_ENTRIES) return `this ledger already holds ${countText(state.journal.length)} entries, the most one ledger keeps (${countText(MAX_JOURNAL_ENTRIES)}: past it a JavaScript array would stop the process)`;
  const room = MAP_CAPACITY - changes.length - 1;
  if (state.payments.size <= room && state.refundRequests.size <= room && state.sessions.size <= room && state.settledPeriods.size <= room && state.idempotency.size <= room) {
    return undefined;
  }
  let payments = 0;
  let refundRequests = 0;
  let sessions = 0;
  let settledPeriods = 0;
  for (const change of changes) {
    if (change.kind === 'payment_created') payments += 1;
    else if (change.kind === 'refund_request_created') refundRequests += 1;
    else if (change.kind === 'session_created') sessions += 1;
    else if (change.kind === 'payout_period_settled') settledPeriods += 1;
  }
  const tables: readonly (readonly [what: string, held: number, added: number])[] = [
    ['payments', state.payments.size, payments],
    ['refund requests', state.refundRequests.size, refundRequests],
    ['sessions', state.sessions.size, sessions],
    ['settled payout periods', state.settledPeriods.size, settledPeriods],
    ['idempotency keys', state.idempotency.size, newIdempotencyKey ? 1 : 0],
  ];
  for (const [what, held, added] of tables) {
    if (added > 0 && held + added > MAP_CAPACITY) return `this ledger already holds ${countText(held)} ${what}, the most one ledger can (${countText(MAP_CAPACITY)}, a JavaScript Map's limit)`;
  }
  return undefined;
}
