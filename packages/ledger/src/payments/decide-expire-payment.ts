import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { ExpirePaymentCommand } from '../commands/command.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { findPayment } from './find-payment.js';
import { paymentEvent } from './plan-capture.js';

/**
 * `payment.expire`: an authorization lapses or an unpaid Konbini payment runs out. Only from
 * authorized. The engine reads no clock, so the caller says when (DOMAIN.md `[decided]`).
 */
export function decideExpirePayment(state: LedgerStateView, command: ExpirePaymentCommand): LedgerResult<EntryDraft> {
  const found = findPayment(state, command.payment);
  if (!found.ok) return found;
  const payment = found.value;
  if (payment.status !== 'authorized') {
    return reject('payment_not_expirable', `payment ${payment.id} is ${payment.status}: only an authorized payment can expire`);
  }
  return accept({
    payment: payment.id,
    changes: [{ kind: 'payment_expired', payment: payment.id }],
    postings: [],
    events: [paymentEvent('payment.expired', payment)],
  });
}
