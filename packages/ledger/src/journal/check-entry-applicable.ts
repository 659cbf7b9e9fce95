import { accept, reject, type Result } from '@kanjo/splits';
import type { LedgerState } from '../engine/ledger-state.js';
import type { Entry } from './entry.js';

/**
 * Whether every change of an imported entry can be folded into the state: the payments,
 * refund requests and sessions it refers to exist (or are created earlier in the same entry)
 * and those it creates do not. Checked before anything is applied, so a replay that rejects an
 * entry leaves the state exactly as it was. The engine's own entries always pass.
 */
export function checkEntryApplicable(state: LedgerState, entry: Pick<Entry, 'seq' | 'changes'>): Result<void> {
  // Ids created earlier in this entry. An entry has a handful of changes, so plain arrays,
  // allocated only when a change creates something, beat sets on a million-entry replay.
  let createdPayments: string[] | undefined;
  let createdRequests: string[] | undefined;
  let createdSessions: string[] | undefined;
  for (const change of entry.changes) {
    switch (change.kind) {
      case 'payment_created':
        if (hasPayment(state, createdPayments, change.payment.id)) return problem(entry.seq, `payment ${change.payment.id} already exists`);
        (createdPayments ??= []).push(change.payment.id);
        break;
      case 'payment_captured':
      case 'payment_cancelled':
      case 'payment_expired':
      case 'payment_refunded':
      case 'payment_charged_back':
        if (!hasPayment(state, createdPayments, change.payment)) return problem(entry.seq, `unknown payment ${change.payment}`);
        break;
      case 'refund_request_created':
        if (state.refundRequests.has(change.request.id) || createdRequests?.includes(change.request.id)) return problem(entry.seq, `refund request ${change.request.id} already exists`);
        if (!hasPayment(state, createdPayments, change.request.payment)) return problem(entry.seq, `unknown payment ${change.request.payment}`);
        (createdRequests ??= []).push(change.request.id);
        break;
      case 'refund_request_completed':
      case 'refund_request_rejected':
        if (state.refundRequests.get(change.refundRequest)?.status !== 'pending') return problem(entry.seq, `no pending refund request ${change.refundRequest}`);
        break;
      case 'session_created':
        if (state.sessions.has(change.session.id) || createdSessions?.includes(change.session.id)) return problem(entry.seq, `session ${change.session.id} already exists`);
        (createdSessions ??= []).push(change.session.id);
        break;
      case 'session_completed':
      case 'session_cancelled':
        if (!state.sessions.has(change.session) && !createdSessions?.includes(change.session)) return problem(entry.seq, `unknown session ${change.session}`);
        break;
      default:
        break;
    }
  }
  return accept(undefined);
}

function problem(seq: number, what: string): Result<void> {
  return reject('journal_entry_inapplicable', `entry ${seq} cannot be applied: ${what}`);
}

function hasPayment(state: LedgerState, created: readonly string[] | undefined, id: string): boolean {
  return state.payments.has(id) || (created?.includes(id) ?? false);
}
