import type { LedgerStateView } from '../engine/ledger-state.js';
import { refundMovements } from '../refunds/refund-postings.js';
import type { RefundRequest } from '../refunds/refund-request.js';
import { CUSTOMERS_ACCOUNT, PAYOUTS_ACCOUNT } from './accounts.js';
import type { Entry } from './entry.js';
import { PostingMatcher } from './posting-matcher.js';
import { merchantAccounts, outsideRef } from './push-movement.js';

const matcher = new PostingMatcher();
const customers = outsideRef(CUSTOMERS_ACCOUNT);
const bank = outsideRef(PAYOUTS_ACCOUNT);

/**
 * Why the postings of an entry that captures nothing are not exactly the movements the engine
 * writes for its changes, or undefined: the same postings in the same order, each with its
 * account, amount and record type (DOMAIN.md "Records of refunds"; the Chargeback, Balance
 * Transfer and Payout records). A refund's movements are {@link refundMovements}' (with the
 * Refund Fee and any refunded customer fee its request stores, when a request completes), a
 * chargeback debits its processing merchant, a transfer moves from `from` to `to`, a paid
 * payout from the merchant to the bank. The money each party gets is checked before; this
 * adds what the records say: a Payout relabelled Payment, or a Refund Fee and its tax with
 * their labels swapped, moves the same money and is still no entry of the engine's. A capture's
 * postings are matched by the capture's own check (it is alone in its entry with its money).
 *
 * Called after the entry's other checks: its payments, requests and amounts are known to fit.
 */
export function movementsMisfit(state: LedgerStateView, entry: Pick<Entry, 'changes' | 'postings'>): string | undefined {
  for (const change of entry.changes) if (change.kind === 'payment_captured') return undefined;
  try {
    return postingsMisfit(state, entry, matcher.reset(entry.postings));
  } finally {
    matcher.release();
  }
}

function postingsMisfit(state: LedgerStateView, entry: Pick<Entry, 'changes' | 'postings'>, matcher: PostingMatcher): string | undefined {
  const accounts = merchantAccounts(state.config);
  let completing: RefundRequest | undefined;
  for (const change of entry.changes) {
    switch (change.kind) {
      case 'refund_request_completed':
        completing = state.refundRequests.get(change.refundRequest);
        break;
      case 'payment_refunded': {
        const payment = state.payments.get(change.payment);
        if (payment === undefined) return undefined; // refused before
        refundMovements(matcher, accounts, payment, change.amount, change.parts, completing?.refundFee, completing?.refundedCustomerFee);
        completing = undefined;
        break;
      }
      case 'payment_charged_back': {
        const payment = state.payments.get(change.payment);
        if (payment === undefined) return undefined; // refused before
        const bearer = payment.model === 'seller' ? (payment.seller ?? '') : payment.platform;
        matcher.move(payment.currency, change.amount, 'Chargeback', accounts.of(bearer), customers);
        break;
      }
      case 'balance_transferred':
        matcher.move(change.currency, change.amount, 'Balance Transfer', accounts.of(change.from), accounts.of(change.to));
        break;
      case 'payout_period_settled':
        matcher.move(change.currency, change.amount, 'Payout', accounts.of(change.merchant), bank);
        break;
      default:
        break;
    }
  }
  matcher.end();
  return matcher.mismatch === undefined ? undefined : `its postings are not the engine's movements for its changes: ${matcher.mismatch}`;
}
