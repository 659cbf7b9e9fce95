import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { ChargebackPaymentCommand } from '../commands/command.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import { CUSTOMERS_ACCOUNT } from '../journal/accounts.js';
import type { EntryDraft } from '../journal/entry.js';
import type { Posting } from '../journal/posting.js';
import { merchantAccounts, outsideRef, pushMovement } from '../journal/push-movement.js';
import { findCapturedPayment } from './find-payment.js';
import { chargebackPossible } from './payment-methods.js';
import { sessionContext } from './session-context.js';

/**
 * `payment.chargeback`: a lost card dispute returns everything not yet refunded to the
 * customer, whatever the balance (it may go negative, `[001]`). The processing merchant bears
 * it: the platform in the marketplace model, the seller in the seller model (`[decided]`).
 * Sub-merchants' shares are not touched. Cards only: other methods have no disputes.
 */
export function decideChargebackPayment(state: LedgerStateView, command: ChargebackPaymentCommand): LedgerResult<EntryDraft> {
  const found = findCapturedPayment(state, command.payment);
  if (!found.ok) return found;
  const payment = found.value;
  if (!chargebackPossible(payment.paymentType)) {
    return reject('chargeback_not_supported', `${payment.paymentType} payments have no card disputes, so no chargebacks`);
  }
  const amount = payment.capturedAmount - payment.refundedAmount - payment.pendingRefundAmount;
  const bearer = payment.model === 'seller' ? payment.seller : payment.platform;
  if (bearer === undefined) throw new Error(`payment ${payment.id} has no processing merchant`);
  const postings: Posting[] = [];
  pushMovement(postings, payment.currency, amount, 'Chargeback', merchantAccounts(state.config).of(bearer), outsideRef(CUSTOMERS_ACCOUNT));
  const session = sessionContext(payment);
  return accept({
    payment: payment.id,
    changes: [{ kind: 'payment_charged_back', payment: payment.id, amount }],
    postings,
    events: [
      { type: 'payment.refund.created', payment: payment.id, amount, currency: payment.currency, ...session },
      { type: 'payment.refunded', payment: payment.id, ...session },
    ],
  });
}
