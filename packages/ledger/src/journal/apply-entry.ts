import { assertNever } from '@kanjo/splits';
import { periodKey, type LedgerState } from '../engine/ledger-state.js';
import type { Payment, PaymentInit } from '../payments/payment.js';
import { combineRefundParts, NOTHING_REFUNDED } from '../refunds/combine-refund-parts.js';
import type { Change } from './change.js';
import type { Entry } from './entry.js';
import { nearSafeLimit } from './near-safe-limit.js';

/**
 * Folds one entry into the state, in place: its postings into the balances, its changes into
 * payments, refund requests, sessions and payout settings. The same function serves the live
 * engine and a replay, which is what makes replay equal the live state. Appending the entry to
 * `state.journal` is the caller's step (a streaming reconciliation folds without keeping it).
 * It checks nothing: no public function hands out a writable `LedgerState`, and code that folds
 * a journal itself uses `JournalReplay` or `replayJournal`, which check each entry first.
 *
 * @param atMillis - `entry.at` as milliseconds since the epoch.
 */
export function applyEntry(state: LedgerState, entry: Entry, atMillis: number): void {
  // Near 2^53 a double could lose a unit mid-entry: then fold the entry exactly.
  if (nearSafeLimit(state, entry.postings)) {
    applyPostingsExactly(state, entry);
  } else {
    let ceiling = state.balanceCeiling;
    for (const posting of entry.postings) {
      if (posting.merchant === undefined) continue;
      // A merchant account is a liability: a credit (negative) raises the balance KOMOJU owes.
      ceiling = Math.max(ceiling, Math.abs(addTo(state.balances, posting.merchant, posting.currency, -posting.amount)));
    }
    state.balanceCeiling = ceiling;
  }
  // The payment an entry creates is mostly captured by the same entry: hand it on rather than
  // look it up again among a million (the lookup is most of a replay's cost per entry).
  let created: Payment | undefined;
  for (const change of entry.changes) created = applyChange(state, change, created);
  if (entry.command.idempotencyKey !== undefined && entry.command.fingerprint !== undefined) {
    state.idempotency.set(entry.command.idempotencyKey, { fingerprint: entry.command.fingerprint, seq: entry.seq });
  }
  // The caller has the time as a number already (the engine decided at it, a replay checked
  // its order): it is not parsed again here.
  state.lastAtText = entry.at;
  state.lastAt = atMillis;
}

const NO_SHARES = Object.freeze({ platform: 0, submerchants: Object.freeze([]) as readonly [] });

/**
 * A new payment's state, built with every field in a fixed order so that all payments share
 * one object shape (spreading an init with optional fields gives each combination its own
 * shape, and a million payments then run through megamorphic code).
 */
function newPayment(init: PaymentInit): Payment {
  const payment = {
    id: init.id,
    platform: init.platform,
    // Read only on a seller-model payment, as replay checks it only there: a `seller` edited
    // into a marketplace payment's creation would otherwise show in its state.
    seller: init.model === 'seller' ? init.seller : undefined,
    model: init.model,
    amount: init.amount,
    currency: init.currency,
    paymentType: init.paymentType,
    origin: init.origin,
    session: init.session,
    pendingSplit: init.pendingSplit,
    platformAmount: init.platformAmount,
    platformAmountFixed: init.platformAmountFixed,
    status: 'authorized',
    capturedAmount: 0,
    split: [],
    shares: NO_SHARES,
    refunded: NOTHING_REFUNDED,
    pending: NOTHING_REFUNDED,
    refundedAmount: 0,
    pendingRefundAmount: 0,
    chargebackAmount: 0,
    capturedPlatformAmount: 0,
    customerFee: 0,
    customerFeeTax: 0,
    customerFeeRefund: 'none',
  };
  // Absent optional fields are stored as undefined, which readers treat as absent.
  return payment as unknown as Payment;
}

/** Folds one change; returns the payment created by this entry so far (`created` or a new one). */
function applyChange(state: LedgerState, change: Change, created: Payment | undefined): Payment | undefined {
  switch (change.kind) {
    case 'payment_created': {
      const fresh = newPayment(change.payment);
      state.payments.set(fresh.id, fresh);
      return fresh;
    }
    case 'payment_captured': {
      const target = payment(state, change.payment, created);
      target.status = 'captured';
      target.capturedAmount = change.capturedAmount;
      target.split = change.split;
      target.shares = change.shares;
      target.refunded = NOTHING_REFUNDED;
      target.pending = NOTHING_REFUNDED;
      target.capturedPlatformAmount = change.platformAmount;
      target.customerFee = change.customerFee;
      target.customerFeeTax = change.customerFeeTax;
      return created;
    }
    case 'payment_cancelled':
      payment(state, change.payment, created).status = 'cancelled';
      return created;
    case 'payment_expired':
      payment(state, change.payment, created).status = 'expired';
      return created;
    case 'payment_refunded': {
      const target = payment(state, change.payment, created);
      target.refunded = combineRefundParts(target.refunded, change.parts, 1);
      target.refundedAmount += change.amount;
      if (change.customerFeeRefunded) target.customerFeeRefund = 'refunded';
      if (target.refundedAmount + target.chargebackAmount === target.capturedAmount) target.status = 'refunded';
      return created;
    }
    case 'payment_charged_back': {
      const target = payment(state, change.payment, created);
      target.chargebackAmount += change.amount;
      target.status = 'refunded';
      return created;
    }
    case 'refund_request_created': {
      const request = change.request;
      state.refundRequests.set(request.id, { ...request, status: 'pending' });
      const pendingOfPayment = state.pendingRefundRequests.get(request.payment);
      if (pendingOfPayment === undefined) state.pendingRefundRequests.set(request.payment, [request.id]);
      else pendingOfPayment.push(request.id);
      const target = payment(state, request.payment, created);
      target.pending = combineRefundParts(target.pending, request.parts, 1);
      target.pendingRefundAmount += request.amount;
      if (request.refundedCustomerFee !== undefined) target.customerFeeRefund = 'pending';
      for (const hold of request.holds) addTo(state.holds, hold.merchant, request.currency, hold.amount);
      return created;
    }
    case 'refund_request_completed':
    case 'refund_request_rejected': {
      const request = state.refundRequests.get(change.refundRequest);
      if (request === undefined) throw new Error(`apply: unknown refund request ${change.refundRequest}`);
      request.status = change.kind === 'refund_request_completed' ? 'completed' : 'rejected';
      settlePendingRequest(state, request.payment, request.id);
      const target = payment(state, request.payment, created);
      target.pending = combineRefundParts(target.pending, request.parts, -1);
      target.pendingRefundAmount -= request.amount;
      // A completed request's own payment_refunded change marks the fee refunded.
      if (request.refundedCustomerFee !== undefined && change.kind === 'refund_request_rejected') {
        target.customerFeeRefund = 'none';
      }
      for (const hold of request.holds) addTo(state.holds, hold.merchant, request.currency, -hold.amount);
      return created;
    }
    case 'refund_request_reestimated':
      applyReestimate(state, change);
      return created;
    case 'balance_transferred':
      return created; // the postings say it all
    case 'payout_settings_updated': {
      const { settings } = change;
      let byCurrency = state.payoutSettings.get(settings.merchant);
      if (byCurrency === undefined) state.payoutSettings.set(settings.merchant, (byCurrency = new Map()));
      byCurrency.set(settings.currency, settings);
      return created;
    }
    case 'payout_period_settled':
      state.settledPeriods.add(periodKey(change.merchant, change.currency, change.periodStart, change.periodEnd));
      return created;
    case 'session_created':
      state.sessions.set(change.session.id, { ...change.session, status: 'pending' });
      return created;
    case 'session_completed': {
      const session = state.sessions.get(change.session);
      if (session === undefined) throw new Error(`apply: unknown session ${change.session}`);
      session.status = 'completed';
      session.payment = change.payment;
      return created;
    }
    case 'session_cancelled': {
      const session = state.sessions.get(change.session);
      if (session === undefined) throw new Error(`apply: unknown session ${change.session}`);
      session.status = 'cancelled';
      return created;
    }
    default:
      return assertNever(change, 'change');
  }
}

/** Sums each balance's movements exactly (bigint) and sets the final values once. */
function applyPostingsExactly(state: LedgerState, entry: Entry): void {
  const finals = new Map<string, { merchant: string; currency: string; balance: bigint }>();
  for (const posting of entry.postings) {
    if (posting.merchant === undefined) continue;
    const key = `${posting.merchant} ${posting.currency}`;
    let total = finals.get(key);
    if (total === undefined) {
      total = { merchant: posting.merchant, currency: posting.currency, balance: BigInt(state.balances.get(posting.merchant)?.get(posting.currency) ?? 0) };
      finals.set(key, total);
    }
    total.balance -= BigInt(posting.amount);
  }
  for (const { merchant, currency, balance } of finals.values()) {
    let byCurrency = state.balances.get(merchant);
    if (byCurrency === undefined) state.balances.set(merchant, (byCurrency = new Map()));
    byCurrency.set(currency, Number(balance));
    state.balanceCeiling = Math.max(state.balanceCeiling, Math.abs(Number(balance)));
  }
}

/** A pending request's parts and holds replaced: its payment's pending parts and the holds follow. */
function applyReestimate(state: LedgerState, change: Extract<Change, { readonly kind: 'refund_request_reestimated' }>): void {
  const request = state.refundRequests.get(change.refundRequest);
  if (request === undefined) throw new Error(`apply: unknown refund request ${change.refundRequest}`);
  const target = payment(state, request.payment);
  target.pending = combineRefundParts(combineRefundParts(target.pending, request.parts, -1), change.parts, 1);
  for (const hold of request.holds) addTo(state.holds, hold.merchant, request.currency, -hold.amount);
  for (const hold of change.holds) addTo(state.holds, hold.merchant, request.currency, hold.amount);
  request.parts = change.parts;
  request.holds = change.holds;
}

/** Takes a request off its payment's pending list (and the payment off the index when none is left). */
function settlePendingRequest(state: LedgerState, paymentId: string, requestId: string): void {
  const pendingOfPayment = state.pendingRefundRequests.get(paymentId);
  const index = pendingOfPayment?.indexOf(requestId) ?? -1;
  if (pendingOfPayment === undefined || index === -1) throw new Error(`apply: refund request ${requestId} is not pending on payment ${paymentId}`);
  if (pendingOfPayment.length === 1) state.pendingRefundRequests.delete(paymentId);
  else pendingOfPayment.splice(index, 1);
}

function payment(state: LedgerState, id: string, created?: Payment): Payment {
  if (created !== undefined && created.id === id) return created;
  const found = state.payments.get(id);
  if (found === undefined) throw new Error(`apply: unknown payment ${id}`);
  return found;
}

/** Adds `amount` to a merchant's entry in a balance or hold table; returns the new value. */
function addTo(table: Map<string, Map<string, number>>, merchant: string, currency: string, amount: number): number {
  let byCurrency = table.get(merchant);
  if (byCurrency === undefined) table.set(merchant, (byCurrency = new Map()));
  const sum = (byCurrency.get(currency) ?? 0) + amount;
  byCurrency.set(currency, sum);
  return sum;
}
