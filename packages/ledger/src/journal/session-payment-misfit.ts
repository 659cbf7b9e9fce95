import { paymentMethodCapabilities, termsFixedAtCreation } from '../payments/payment-methods.js';
import type { PaymentInit } from '../payments/payment.js';
import { sameSplit } from '../payments/same-split.js';
import type { SessionInit } from '../sessions/session.js';
import type { Entry } from './entry.js';
import { echoedOrBare, jsonInLine, shown } from '../engine/message-text.js';
import { sessionTypeMisfit } from './payment-type-misfit.js';

/**
 * Why a session cannot have been completed by the payment its entry creates, or undefined.
 * `session.complete` creates the payment exactly as `payment.create` would from the session
 * (decideCompleteSession): of a type the session offers, for its amount and currency, by its
 * merchant (as its seller, with its platform_amount), with origin `session` and the session's
 * id, captured in the same entry exactly when `capture` is `auto` and the type does not wait
 * for the customer, and split as the session says. A payment that says it came from a session
 * widens partial capture to wallets, so an origin the session did not give matters.
 */
export function sessionPaymentMisfit(session: SessionInit, payment: PaymentInit, entry: Entry): string | undefined {
  const types = sessionTypeMisfit(session, payment);
  if (types !== undefined) return types;
  // An amount as the journal wrote it, with its unit beside where that is not the minor unit.
  const text = (value: unknown, money: boolean): string | undefined => (money && typeof value === 'number' ? echoedOrBare(value, session.currency) : jsonInLine(value));
  const differs = (what: string, paid: unknown, asked: unknown, money = false): string =>
    `session ${session.id} completed with payment ${payment.id} whose ${what} is ${text(paid, money) ?? 'absent'}, not the session's ${text(asked, money) ?? 'absent'}`;
  if (payment.origin !== 'session') return differs('origin', payment.origin, 'session');
  if (payment.session !== session.id) return differs('session', payment.session, session.id);
  if (payment.amount !== session.amount) return differs('amount', payment.amount, session.amount, true);
  if (payment.currency !== session.currency) return differs('currency', payment.currency, session.currency);
  if (payment.platform !== session.merchant) return differs('platform', payment.platform, session.merchant);
  if (payment.seller !== session.as) return differs('seller', payment.seller, session.as);
  if (payment.platformAmount !== session.platformAmount) return differs('platform_amount', payment.platformAmount, session.platformAmount, true);
  let captured: Extract<Entry['changes'][number], { readonly kind: 'payment_captured' }> | undefined;
  for (const change of entry.changes) if (change.kind === 'payment_captured' && change.payment === payment.id) captured = change;
  const capturedAtOnce = session.capture === 'auto' && paymentMethodCapabilities(payment.paymentType)?.waitsForCustomer === false;
  if ((captured !== undefined) !== capturedAtOnce) {
    return `session ${session.id} (capture ${session.capture}) completed with a ${payment.paymentType} payment ${payment.id} ${captured === undefined ? 'not captured' : 'captured'} at once`;
  }
  // capture: auto on a type that waits for the customer fixes the split or platform amount at
  // creation, as payment.create with capture: true does; its capture later keeps it.
  const fixed = termsFixedAtCreation(payment.paymentType, session.capture === 'auto');
  // (Journals before platformAmountFixed existed lack it where it is due: replay then holds the
  // capture to the session's platform amount all the same, see payment-lifecycle-problem.ts.)
  if (payment.model === 'seller' ? payment.platformAmountFixed === true && !fixed : (payment.pendingSplit !== undefined) !== fixed) {
    return `session ${session.id} (capture ${session.capture}) completed with a ${payment.paymentType} payment ${payment.id} whose ${payment.model === 'seller' ? 'platform amount' : 'split'} is ${fixed ? 'not ' : ''}fixed at creation`;
  }
  const split = captured?.split ?? payment.pendingSplit;
  if (split !== undefined && !sameSplit(split, session.split ?? [])) return differs('split', split, session.split ?? []);
  return undefined;
}

/**
 * Why a payment the entry creates names a session the entry does not complete with it, or
 * undefined. Only `session.complete` gives a payment its session's id; a `payment.create` entry
 * claiming one would have the rebuilt ledger hold its capture to that session's terms
 * (`platformAmountFixedAtCreation`) and name the session in its every later event.
 */
export function sessionClaimMisfit(payment: PaymentInit, entry: Entry): string | undefined {
  if (payment.session === undefined) return undefined;
  for (const change of entry.changes) {
    if (change.kind === 'session_completed' && change.session === payment.session && change.payment === payment.id) return undefined;
  }
  return `payment ${payment.id} names session ${shown(payment.session)}, but the entry does not complete that session with it`;
}
