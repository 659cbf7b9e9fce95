import type { LedgerStateView } from '../engine/ledger-state.js';
import { termsFixedAtCreation } from './payment-methods.js';
import type { PaymentInit } from './payment.js';

/**
 * Whether a seller-model payment took its platform amount at creation, so that its capture (the
 * customer paying) keeps it: the payment says so (`platformAmountFixed`, written since f733078),
 * or its session fixed it (a session's `capture: auto` on a type that waits for the customer),
 * which journals written before that flag do not say. The engine's capture and replay's check of
 * a capture both ask this, so a ledger rebuilt from such a journal refuses the restatement that
 * replay would refuse in the journal it then writes.
 */
export function platformAmountFixedAtCreation(state: LedgerStateView, payment: Pick<PaymentInit, 'platformAmountFixed' | 'paymentType' | 'session'>): boolean {
  if (payment.platformAmountFixed === true) return true;
  if (payment.session === undefined) return false;
  return termsFixedAtCreation(payment.paymentType, state.sessions.get(payment.session)?.capture === 'auto');
}
