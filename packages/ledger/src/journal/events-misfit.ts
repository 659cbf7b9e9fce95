import { jsonInLine } from '../engine/message-text.js';
import type { LedgerStateView } from '../engine/ledger-state.js';
import type { PaymentInit } from '../payments/payment.js';
import type { Change } from './change.js';
import type { Entry } from './entry.js';
import type { LedgerEvent } from './ledger-event.js';

/**
 * Why an entry's events are not the ones the engine raises with its changes, or undefined.
 * The engine raises them from the same facts the changes record (DOMAIN.md "Events"): a
 * payment created `payment.authorized`, or `payment.captured` when the same entry captures it;
 * a capture, a cancel and an expiry theirs; a refund `payment.refund.created` with its amount
 * and currency, then `payment.refunded` once refunds and chargebacks reach the captured amount
 * (with the refund request, when one completes); a chargeback both; a refund request made,
 * completed or rejected `refund_request.updated` with its status, amount and currency; a paid
 * payout `settlement.created`. An event about a session's payment names the session. Transfers,
 * payout settings, sessions created or cancelled and re-estimates raise none. The events are
 * what a webhook would carry and what an idempotent retry answers, so a journal whose events
 * were dropped, added, reordered or altered is not one the engine wrote.
 *
 * Called after the entry's other checks: its payments, requests and amounts are known to fit.
 */
export function eventsMisfit(state: LedgerStateView, entry: Pick<Entry, 'changes' | 'events'>): string | undefined {
  try {
    return eventsMatched(state, entry, events.reset(entry.events));
  } finally {
    events.release();
  }
}

function eventsMatched(state: LedgerStateView, entry: Pick<Entry, 'changes' | 'events'>, matcher: EventMatcher): string | undefined {
  const { changes } = entry;
  // The payment this entry creates (a payment is mostly created and captured by one entry).
  let created: PaymentInit | undefined;
  let capturedInEntry = 0;
  let refundedInEntry = 0;
  let completing: string | undefined;
  for (let index = 0; index < changes.length && matcher.mismatch === undefined; index += 1) {
    const change = changes[index] as Change;
    switch (change.kind) {
      case 'payment_created': {
        created = change.payment;
        let captured = false;
        for (let later = index + 1; later < changes.length && !captured; later += 1) {
          const next = changes[later] as Change;
          captured = next.kind === 'payment_captured' && next.payment === change.payment.id;
        }
        matcher.expect(captured ? 'payment.captured' : 'payment.authorized', change.payment.id, change.payment.session);
        break;
      }
      case 'payment_captured':
        // A payment captured by the entry creating it raised payment.captured with its creation.
        if (created === undefined || created.id !== change.payment) matcher.expect('payment.captured', change.payment, sessionOf(state, created, change.payment));
        capturedInEntry += change.capturedAmount;
        break;
      case 'payment_cancelled':
      case 'payment_expired':
        matcher.expect(change.kind === 'payment_cancelled' ? 'payment.cancelled' : 'payment.expired', change.payment, sessionOf(state, created, change.payment));
        break;
      case 'payment_refunded':
      case 'payment_charged_back': {
        const existing = created !== undefined && created.id === change.payment ? undefined : state.payments.get(change.payment);
        const session = existing === undefined ? created?.session : existing.session;
        const currency = existing === undefined ? created?.currency : existing.currency;
        const captured = (existing?.capturedAmount ?? 0) + capturedInEntry;
        const settled = (existing === undefined ? 0 : existing.refundedAmount + existing.chargebackAmount) + refundedInEntry;
        const request = change.kind === 'payment_refunded' ? completing : undefined;
        matcher.expect('payment.refund.created', change.payment, session, request, undefined, change.amount, currency);
        if (change.kind === 'payment_charged_back' || settled + change.amount === captured) matcher.expect('payment.refunded', change.payment, session, request);
        refundedInEntry += change.amount;
        break;
      }
      case 'refund_request_created': {
        const { request } = change;
        matcher.expect('refund_request.updated', request.payment, sessionOf(state, created, request.payment), request.id, undefined, request.amount, request.currency, 'pending');
        break;
      }
      case 'refund_request_completed':
      case 'refund_request_rejected': {
        const request = state.refundRequests.get(change.refundRequest);
        if (request === undefined) break; // refused before
        const completed = change.kind === 'refund_request_completed';
        matcher.expect('refund_request.updated', request.payment, sessionOf(state, created, request.payment), request.id, undefined, request.amount, request.currency, completed ? 'completed' : 'rejected');
        if (completed) completing = request.id;
        break;
      }
      case 'payout_period_settled':
        if (change.amount > 0) matcher.expect('settlement.created', undefined, undefined, undefined, change.merchant, change.amount, change.currency);
        break;
      default:
        break;
    }
  }
  matcher.end();
  return matcher.mismatch;
}

/** The session of a payment, the one this entry creates or one the state holds. */
function sessionOf(state: LedgerStateView, created: PaymentInit | undefined, id: string): string | undefined {
  return created !== undefined && created.id === id ? created.session : state.payments.get(id)?.session;
}

/**
 * Compares an entry's events, in order, with the ones the engine raises, one at a time and
 * without building them (a replay checks a million entries). The first difference is kept.
 */
class EventMatcher {
  /** The first difference, worded for a refusal, or undefined while the events match. */
  mismatch: string | undefined;
  #events: readonly unknown[] = [];
  #at = 0;

  /** Lets go of the events when the check is done (as `PostingMatcher.release`: they carry merchant ids). */
  release(): void {
    this.#events = NO_EVENTS;
    this.#at = 0;
    this.mismatch = undefined;
  }

  reset(events: readonly unknown[]): this {
    this.#events = events;
    this.#at = 0;
    this.mismatch = undefined;
    return this;
  }

  /** The next event must be this one: each field as given, a field given undefined absent. */
  expect(type: string, payment?: string, session?: string, refundRequest?: string, merchant?: string, amount?: number, currency?: string, status?: string): void {
    if (this.mismatch !== undefined) return;
    const index = this.#at;
    this.#at += 1;
    const event = this.#events[index];
    if (
      typeof event === 'object' && event !== null && !Array.isArray(event) &&
      onlyEventFields(event as Record<string, unknown>) &&
      (event as LedgerEvent).type === type && (event as LedgerEvent).payment === payment && (event as LedgerEvent).session === session &&
      (event as LedgerEvent).refundRequest === refundRequest && (event as LedgerEvent).merchant === merchant &&
      (event as LedgerEvent).amount === amount && (event as LedgerEvent).currency === currency && (event as LedgerEvent).status === status
    ) {
      return;
    }
    const wanted = jsonInLine({ type, payment, session, refundRequest, merchant, amount, currency, status });
    this.mismatch = event === undefined ? `its events stop before event ${index + 1}, where its changes raise ${wanted}` : `its event ${index + 1} is ${jsonInLine(event)}, where its changes raise ${wanted}`;
  }

  /** Refuses events left over: the changes raise nothing more. */
  end(): void {
    if (this.mismatch === undefined && this.#at < this.#events.length) {
      this.mismatch = `its event ${this.#at + 1} ${jsonInLine(this.#events[this.#at])} is none its changes raise`;
    }
  }
}

const NO_EVENTS: readonly unknown[] = Object.freeze([]);
const events = new EventMatcher();

/** Whether an event carries no field but those of {@link LedgerEvent} (one left undefined counts as left out). */
function onlyEventFields(event: Record<string, unknown>): boolean {
  for (const key in event) {
    switch (key) {
      case 'type':
      case 'payment':
      case 'session':
      case 'refundRequest':
      case 'merchant':
      case 'amount':
      case 'currency':
      case 'status':
        break;
      default:
        if (event[key] !== undefined) return false;
    }
  }
  return true;
}
