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
  const createdPayments = new Set<string>();
  const createdRequests = new Set<string>();
  const createdSessions = new Set<string>();
  const hasPayment = (id: string): boolean => state.payments.has(id) || createdPayments.has(id);
  const problem = (what: string): Result<void> => reject('journal_entry_inapplicable', `entry ${entry.seq} cannot be applied: ${what}`);
  for (const change of entry.changes) {
    switch (change.kind) {
      case 'payment_created':
        if (hasPayment(change.payment.id)) return problem(`payment ${change.payment.id} already exists`);
        createdPayments.add(change.payment.id);
        break;
      case 'payment_captured':
      case 'payment_cancelled':
      case 'payment_expired':
      case 'payment_refunded':
      case 'payment_charged_back':
        if (!hasPayment(change.payment)) return problem(`unknown payment ${change.payment}`);
        break;
      case 'refund_request_created':
        if (state.refundRequests.has(change.request.id) || createdRequests.has(change.request.id)) return problem(`refund request ${change.request.id} already exists`);
        if (!hasPayment(change.request.payment)) return problem(`unknown payment ${change.request.payment}`);
        createdRequests.add(change.request.id);
        break;
      case 'refund_request_completed':
      case 'refund_request_rejected':
        if (state.refundRequests.get(change.refundRequest)?.status !== 'pending') return problem(`no pending refund request ${change.refundRequest}`);
        break;
      case 'session_created':
        if (state.sessions.has(change.session.id) || createdSessions.has(change.session.id)) return problem(`session ${change.session.id} already exists`);
        createdSessions.add(change.session.id);
        break;
      case 'session_completed':
      case 'session_cancelled':
        if (!state.sessions.has(change.session) && !createdSessions.has(change.session)) return problem(`unknown session ${change.session}`);
        break;
      default:
        break;
    }
  }
  return accept(undefined);
}
