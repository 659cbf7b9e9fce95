import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { CancelSessionCommand, CompleteSessionCommand } from '../commands/command.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { decideCreatePayment } from '../payments/decide-create-payment.js';
import { sessionOffers, type Session } from './session.js';
import { quoted, shown } from '../engine/message-text.js';

/**
 * `session.complete`: the customer paid on the hosted page. Creates the payment exactly as
 * `payment.create` would, with the session's amount and split, origin `session` (which widens
 * partial capture to wallets) and `capture: auto` as `capture: true` (so a Konbini payment still
 * waits for the customer). The payment's events carry the session id.
 */
export function decideCompleteSession(state: LedgerStateView, command: CompleteSessionCommand): LedgerResult<EntryDraft> {
  const found = findPendingSession(state, command.session);
  if (!found.ok) return found;
  const session = found.value;
  if (!sessionOffers(session, command.paymentType)) {
    return reject('session_payment_type_not_offered', `session ${session.id} offers ${session.paymentTypes.join(', ')}, not ${shown(command.paymentType)}`);
  }
  const payment = decideCreatePayment(
    state,
    {
      op: 'payment.create',
      id: command.payment,
      merchant: session.merchant,
      ...(session.as === undefined ? {} : { as: session.as }),
      amount: session.amount,
      currency: session.currency,
      paymentType: command.paymentType,
      capture: session.capture === 'auto',
      origin: 'session',
      ...(session.split === undefined ? {} : { split: session.split }),
      ...(session.platformAmount === undefined ? {} : { platformAmount: session.platformAmount }),
      ...(session.platformMerchant === undefined ? {} : { platformMerchant: session.platformMerchant }),
    },
    session.id,
  );
  if (!payment.ok) return payment;
  return accept({
    ...payment.value,
    changes: [...payment.value.changes, { kind: 'session_completed', session: session.id, payment: command.payment }],
  });
}

/** `session.cancel`: a pending session is cancelled; nothing after that. */
export function decideCancelSession(state: LedgerStateView, command: CancelSessionCommand): LedgerResult<EntryDraft> {
  const found = findPendingSession(state, command.session);
  if (!found.ok) return found;
  return accept({ changes: [{ kind: 'session_cancelled', session: found.value.id }], postings: [], events: [] });
}

function findPendingSession(state: LedgerStateView, id: string): LedgerResult<Session> {
  const session = state.sessions.get(id);
  if (session === undefined) return reject('session_not_found', `no session ${quoted(id)}: check the id`);
  if (session.status !== 'pending') return reject('session_not_pending', `session ${id} is already ${session.status}: only a pending session can be completed or cancelled; create a new session`);
  return accept(session);
}
