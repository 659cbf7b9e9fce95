import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { CancelPaymentCommand } from '../commands/command.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { EntryDraft } from '../journal/entry.js';
import { findPayment } from './find-payment.js';
import { paymentEvent } from './plan-capture.js';

/** `payment.cancel`: only a pending or authorized payment (`[001]`); nothing was posted, so nothing moves. */
export function decideCancelPayment(state: LedgerStateView, command: CancelPaymentCommand): LedgerResult<EntryDraft> {
  const found = findPayment(state, command.payment);
  if (!found.ok) return found;
  const payment = found.value;
  if (payment.status !== 'pending' && payment.status !== 'authorized') {
    return reject('payment_not_cancellable', `payment ${payment.id} is ${payment.status}: only a pending or authorized payment can be cancelled (refund a captured one)`);
  }
  return accept({
    payment: payment.id,
    changes: [{ kind: 'payment_cancelled', payment: payment.id }],
    postings: [],
    events: [paymentEvent('payment.cancelled', payment)],
  });
}
