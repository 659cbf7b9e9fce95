import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { Payment } from './payment.js';
import { quoted } from '../engine/message-text.js';

/** The payment a command names, or `payment_not_found`. */
export function findPayment(state: LedgerStateView, id: string): LedgerResult<Payment> {
  const payment = state.payments.get(id);
  if (payment === undefined) return reject('payment_not_found', `no payment ${quoted(id)}: check the id`);
  return accept(payment);
}

/** The payment, which must be captured: refunds and chargebacks need money to give back. */
export function findCapturedPayment(state: LedgerStateView, id: string): LedgerResult<Payment> {
  const found = findPayment(state, id);
  if (!found.ok) return found;
  if (found.value.status === 'refunded') {
    // A chargeback also leaves a payment `refunded` (KOMOJU's status); the message says which.
    const how = found.value.chargebackAmount > 0 ? 'was charged back' : 'is already fully refunded';
    return reject('payment_already_refunded', `payment ${id} ${how}: nothing is left to give back`);
  }
  if (found.value.status !== 'captured') {
    return reject('payment_not_captured', `payment ${id} is ${found.value.status}: only a captured payment can be refunded or charged back`);
  }
  return found;
}
