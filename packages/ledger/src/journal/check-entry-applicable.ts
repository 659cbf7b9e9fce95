import { accept, countText, type RefundParts } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { idProblem, MAX_IDEMPOTENCY_KEY_LENGTH } from '../commands/validate-input.js';
import { periodKey, type LedgerStateView } from '../engine/ledger-state.js';
import type { PaymentInit } from '../payments/payment.js';
import { MAX_PENDING_REFUND_REQUESTS } from '../refunds/max-pending-refund-requests.js';
import { refundCosts } from '../refunds/refund-costs.js';
import { sameHolds, type Hold, type RefundRequest, type RefundRequestInit } from '../refunds/refund-request.js';
import { PAYOUTS_ACCOUNT } from './accounts.js';
import type { Change } from './change.js';
import { changeShapeProblem } from './change-shape-problem.js';
import { commandMisfit } from './command-misfit.js';
import { fixedTermsMisfit, payoutSettingsMisfit, refundFeeTaxMisfit, refundRequestCreationMisfit, reverseMisfit, sessionCreationMisfit } from './creation-misfit.js';
import type { DayStartBalances } from './day-start-balances.js';
import type { Entry } from './entry.js';
import { eventsMisfit } from './events-misfit.js';
import { movementsMisfit } from './movements-misfit.js';
import { paymentLifecycleProblem } from './payment-lifecycle-problem.js';
import { payoutMisfit, runOrderMisfit } from './payout-misfit.js';
import { reestimatesMisfit } from './reestimates-misfit.js';
import { sessionClaimMisfit, sessionPaymentMisfit } from './session-payment-misfit.js';
import { transferMisfit } from './transfer-misfit.js';
import { echoedOrBare, jsonInLine, quoted, unitOnly } from '../engine/message-text.js';

/**
 * Whether an imported entry is one the engine could have written and can be folded into the
 * state: the payments, refund requests and sessions it refers to exist (or are created earlier
 * in the same entry) and those it creates do not; a re-estimated request is still pending (not
 * settled earlier in the entry) and its new parts fit it; a request's holds are what its parts
 * and fees cost, and its platform is its payment's; a session is created as `session.create` would and
 * payout settings are ones the engine sets; a session is completed or cancelled once, while pending, a completion creating its payment
 * of a type the session offers;
 * a payout period is settled once, by a run that could have paid it ({@link payoutMisfit}); an idempotency key is a string, kept with a fingerprint and used once;
 * money moves only with a change that moves money; a transfer is between a platform and its own sub-merchant,
 * alone in its entry, for no more than the sender has available ({@link transferMisfit});
 * its payment keeps its lifecycle and money ({@link paymentLifecycleProblem}); its postings
 * outside a capture are the engine's movements, records included ({@link movementsMisfit}); its op writes
 * its changes and names a payment only if it is a payment's ({@link commandMisfit}); and its
 * events are the ones its changes raise ({@link eventsMisfit}). Checked
 * before anything is applied, so a replay that rejects an entry leaves the state exactly as it
 * was. The engine's own entries always pass. `legacyCompletions`: whether a seller-model
 * completion may still post its request's own estimate, as versions before eca5b54 did (until
 * the journal holds a re-estimate, which only later versions write).
 */
export function checkEntryApplicable(state: LedgerStateView, entry: Entry, at: number, dayStarts: DayStartBalances, legacyCompletions: boolean): LedgerResult<void> {
  // An idempotency key answers its first command for good: the engine never appends a second entry with it.
  const key = entry.command.idempotencyKey;
  // The engine keeps a key with its command's fingerprint, and the fold remembers a key only
  // with one: a key without it would be forgotten, and a retry after the replay run again.
  if (key !== undefined && typeof key !== 'string') return problem(entry.seq, `its idempotency key ${quoted(key)} is not a string`);
  // The engine refuses a key that is empty or past 255 (idempotency_key_invalid): review 223
  // found reconcile accepting one no command could have written (or ever match).
  if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    return problem(entry.seq, `its idempotency key is ${countText(key.length)} UTF-16 code units long, but the engine keeps keys of 1 to ${countText(MAX_IDEMPOTENCY_KEY_LENGTH)}`);
  }
  if (key !== undefined && typeof entry.command.fingerprint !== 'string') return problem(entry.seq, `its idempotency key ${quoted(key)} has no fingerprint`);
  if (key !== undefined && state.idempotency.has(key)) return problem(entry.seq, `idempotency key ${quoted(key)} was already used by entry ${state.idempotency.get(key)?.seq}`);
  const commandProblem = commandReferenceMisfit(entry.command);
  if (commandProblem !== undefined) return problem(entry.seq, commandProblem);
  // Only these changes move money; what each moves is compared with the postings later.
  if (entry.postings.length > 0 && !entry.changes.some(movesMoney)) return problem(entry.seq, 'it posts money but records no change that moves money');
  // Ids created earlier in this entry. An entry has a handful of changes, so plain arrays,
  // allocated only when a change creates something, beat sets on a million-entry replay.
  let createdPayments: string[] | undefined;
  let sessionPayments: PaymentInit[] | undefined;
  let createdRequests: string[] | undefined;
  let createdRequestsPerPayment: Map<string, number> | undefined;
  let createdSessions: string[] | undefined;
  let settledRequests: string[] | undefined;
  let settledSessions: string[] | undefined;
  // A run settles one period of each of up to 100,000 merchants: sets, not lists, keep its check linear.
  let settledPeriods: Set<string> | undefined;
  let paidInRun: Map<string, number> | undefined;
  let reestimates = false;
  for (const change of entry.changes) {
    switch (change.kind) {
      case 'payment_created': {
        if (hasPayment(state, createdPayments, change.payment.id)) return problem(entry.seq, `payment ${change.payment.id} already exists`);
        // An id the engine refuses (a line break would start lines of the exports' choosing).
        const invalidId = idProblem(change.payment.id, 'the payment id');
        if (invalidId !== undefined) return problem(entry.seq, invalidId);
        const fixed = fixedTermsMisfit(change.payment);
        if (fixed !== undefined) return problem(entry.seq, fixed);
        // Checked after the loop, so that a completion's own problem is named first.
        if (change.payment.session !== undefined) (sessionPayments ??= []).push(change.payment);
        (createdPayments ??= []).push(change.payment.id);
        break;
      }
      case 'payment_captured':
      case 'payment_cancelled':
      case 'payment_expired':
      case 'payment_charged_back':
        if (!hasPayment(state, createdPayments, change.payment)) return problem(entry.seq, `unknown payment ${change.payment}`);
        break;
      case 'payment_refunded': {
        if (!hasPayment(state, createdPayments, change.payment)) return problem(entry.seq, `unknown payment ${change.payment}`);
        const misfit = partiesMisfit(state, change.payment, change.parts);
        if (misfit !== undefined) return problem(entry.seq, `payment ${change.payment} refunded by ${misfit}`);
        break;
      }
      case 'refund_request_created': {
        // Entries from code have not been through a reader's shape check, and a request's fees
        // are read as numbers below (a string would be concatenated, a missing one throw).
        // Checked here only: a refund request is rare next to captures.
        const shape = changeShapeProblem(change);
        if (shape !== undefined) return reject('journal_entry_malformed', `entry ${entry.seq}: ${shape}`);
        if (state.refundRequests.has(change.request.id) || createdRequests?.includes(change.request.id)) return problem(entry.seq, `refund request ${change.request.id} already exists`);
        const invalidId = idProblem(change.request.id, 'the refund request id');
        if (invalidId !== undefined) return problem(entry.seq, invalidId);
        const kept = refundRequestCreationMisfit(change.request);
        if (kept !== undefined) return problem(entry.seq, kept);
        if (!hasPayment(state, createdPayments, change.request.payment)) return problem(entry.seq, `unknown payment ${change.request.payment}`);
        // The engine's bound (refund_request_too_many_pending): past it, settling each request
        // would work out every other one again, n² over the journal.
        const pending = (state.pendingRefundRequests.get(change.request.payment)?.length ?? 0) + (createdRequestsPerPayment?.get(change.request.payment) ?? 0);
        if (pending >= MAX_PENDING_REFUND_REQUESTS) {
          return problem(entry.seq, `payment ${change.request.payment} already has ${pending} refund requests pending, the most one payment may have (refund_request_too_many_pending)`);
        }
        const misfit = partiesMisfit(state, change.request.payment, change.request.parts);
        if (misfit !== undefined) return problem(entry.seq, `refund request ${change.request.id} made with ${misfit}`);
        const paid = state.payments.get(change.request.payment);
        const reverse = paid === undefined ? undefined : reverseMisfit(change.request, paid);
        if (reverse !== undefined) return problem(entry.seq, reverse);
        const platform = paid?.platform;
        // The platform that pays the request's fees is its payment's.
        if (platform !== undefined && change.request.platform !== platform) return problem(entry.seq, `refund request ${change.request.id} names platform ${change.request.platform}, not its payment's ${platform}`);
        const feeTax = platform === undefined ? undefined : refundFeeTaxMisfit(state.config, change.request);
        if (feeTax !== undefined) return problem(entry.seq, feeTax);
        const holds = platform === undefined ? undefined : holdsMisfit(platform, change.request, change.request.parts, change.request.holds);
        if (holds !== undefined) return problem(entry.seq, `refund request ${change.request.id} holds ${holds}`);
        (createdRequests ??= []).push(change.request.id);
        (createdRequestsPerPayment ??= new Map()).set(change.request.payment, (createdRequestsPerPayment.get(change.request.payment) ?? 0) + 1);
        break;
      }
      case 'refund_request_completed':
      case 'refund_request_rejected':
        if (state.refundRequests.get(change.refundRequest)?.status !== 'pending' || settledRequests?.includes(change.refundRequest)) {
          return problem(entry.seq, `no pending refund request ${change.refundRequest}`);
        }
        (settledRequests ??= []).push(change.refundRequest);
        break;
      case 'refund_request_reestimated': {
        reestimates = true;
        const request = state.refundRequests.get(change.refundRequest);
        if (request?.status !== 'pending' || settledRequests?.includes(change.refundRequest)) return problem(entry.seq, `no pending refund request ${change.refundRequest} to re-estimate`);
        const misfit = reestimateMisfit(request, change.parts);
        if (misfit !== undefined) return problem(entry.seq, `refund request ${request.id} re-estimated with ${misfit}`);
        const platform = state.payments.get(request.payment)?.platform;
        const holds = platform === undefined ? undefined : holdsMisfit(platform, request, change.parts, change.holds);
        if (holds !== undefined) return problem(entry.seq, `refund request ${request.id} re-estimated holding ${holds}`);
        break;
      }
      case 'session_created': {
        if (state.sessions.has(change.session.id) || createdSessions?.includes(change.session.id)) return problem(entry.seq, `session ${change.session.id} already exists`);
        const misfit = sessionCreationMisfit(state, change.session);
        if (misfit !== undefined) return problem(entry.seq, misfit);
        (createdSessions ??= []).push(change.session.id);
        break;
      }
      case 'payout_settings_updated': {
        const misfit = payoutSettingsMisfit(state, change.settings);
        if (misfit !== undefined) return problem(entry.seq, misfit);
        break;
      }
      case 'session_completed':
      case 'session_cancelled': {
        // A completion creates its payment in the same entry, and a session is settled once.
        if (change.kind === 'session_completed' && !createdPayments?.includes(change.payment)) {
          const known = state.payments.has(change.payment);
          return problem(entry.seq, known ? `session ${change.session} completed with payment ${change.payment}, which the entry does not create` : `session ${change.session} completed with unknown payment ${change.payment}`);
        }
        const status = settledSessions?.includes(change.session) ? 'settled earlier in the entry' : createdSessions?.includes(change.session) ? 'pending' : state.sessions.get(change.session)?.status;
        if (status === undefined) return problem(entry.seq, `unknown session ${change.session}`);
        if (status !== 'pending') return problem(entry.seq, `session ${change.session} is ${status}, not pending`);
        const session = state.sessions.get(change.session);
        const payment = session === undefined || change.kind !== 'session_completed' ? undefined : createdPayment(entry, change.payment);
        const misfit = session === undefined || payment === undefined ? undefined : sessionPaymentMisfit(session, payment, entry);
        if (misfit !== undefined) return problem(entry.seq, misfit);
        (settledSessions ??= []).push(change.session);
        break;
      }
      case 'balance_transferred': {
        const misfit = transferMisfit(state, change, entry.changes.length);
        if (misfit !== undefined) return problem(entry.seq, misfit);
        break;
      }
      case 'payout_period_settled': {
        if (!state.config.merchants.has(change.merchant)) return problem(entry.seq, `payout of unknown merchant ${change.merchant}`);
        // A settlement run skips a settled period: paying one again is nothing the engine writes.
        const period = periodKey(change.merchant, change.currency, change.periodStart, change.periodEnd);
        if (state.settledPeriods.has(period) || settledPeriods?.has(period) === true) {
          return problem(entry.seq, `the period ${change.periodStart} to ${change.periodEnd} of ${change.merchant} in ${change.currency} is already settled`);
        }
        // What the run paid this balance before this period (a run's changes are in order).
        paidInRun ??= new Map();
        const balance = `${change.merchant} ${change.currency}`;
        const paidBefore = paidInRun.get(balance) ?? 0;
        const payout = payoutMisfit(state, change, paidBefore, at, dayStarts);
        if (payout !== undefined) return problem(entry.seq, payout);
        paidInRun.set(balance, paidBefore + change.amount);
        (settledPeriods ??= new Set()).add(period);
        break;
      }
      default:
        break;
    }
  }
  for (const payment of sessionPayments ?? []) {
    const claim = sessionClaimMisfit(payment, entry);
    if (claim !== undefined) return problem(entry.seq, claim);
  }
  if (settledPeriods !== undefined) {
    const order = runOrderMisfit(entry.changes);
    if (order !== undefined) return problem(entry.seq, order);
  }
  const outside = outsideAccountProblem(entry);
  if (outside !== undefined) return problem(entry.seq, outside);
  // An entry carrying a re-estimate was written by a version that completes on the curve.
  const lifecycle = paymentLifecycleProblem(state, entry, legacyCompletions && !reestimates);
  if (lifecycle !== undefined) return problem(entry.seq, lifecycle);
  // Rare (a settled request, or a re-estimate): the common entry pays for one test.
  if (settledRequests !== undefined || reestimates) {
    const reestimates = reestimatesMisfit(state, entry);
    if (reestimates !== undefined) return problem(entry.seq, reestimates);
  }
  // Last, so that an entry whose money or state is wrong is named for that: the postings'
  // records, the op and the events are what the engine writes with those changes.
  const movements = movementsMisfit(state, entry);
  if (movements !== undefined) return problem(entry.seq, movements);
  const command = commandMisfit(entry);
  if (command !== undefined) return problem(entry.seq, command);
  const events = eventsMisfit(state, entry);
  if (events !== undefined) return problem(entry.seq, events);
  const shape = changesShapeProblem(entry);
  if (shape !== undefined) return reject('journal_entry_malformed', shape);
  return accept(undefined);
}

/**
 * The first change of an entry from code not of the shape the readers require, named, or
 * undefined. Last of the checks: an entry every rule above passed can still carry a value of
 * the wrong type where the rules read it as a number (a refund's platform part of `null` was
 * taken as 0, and a journal the readers refuse replayed). A payment's creation and capture,
 * one of each in each of a million captures, are left out: the checks above compare them field
 * by field with what the engine writes for them. Also asked when a check throws (see
 * `JournalReplay.add`): a bigint amount is then named as the wrong type it is.
 */
export function changesShapeProblem(entry: Entry): string | undefined {
  for (const change of entry.changes) {
    if (change.kind === 'payment_captured' || change.kind === 'payment_created') continue;
    const shape = changeShapeProblem(change);
    if (shape !== undefined) return `entry ${entry.seq}: ${shape}`;
  }
  return undefined;
}

/**
 * Why an entry posts on an account outside the merchants' that it cannot move, or undefined.
 * Fees, tax and the customers' money move only in an entry of a payment (a capture, refund,
 * request or chargeback), and the bank's only in a payout run. The merchants' money is checked
 * against the changes elsewhere; without this, a transfer or payout could still move fee income
 * and tax between themselves, or a capture the bank: balanced, invisible in the merchants'
 * balances, but in the hledger export an accountant reads KOMOJU's income from.
 */
function outsideAccountProblem(entry: Entry): string | undefined {
  let ofPayment = false;
  let paysOut = false;
  for (const change of entry.changes) {
    if (change.kind === 'payout_period_settled') paysOut = true;
    else if (!NO_PAYMENT_KINDS.includes(change.kind)) ofPayment = true;
  }
  for (const posting of entry.postings) {
    if (posting.merchant !== undefined) continue;
    if (posting.account === PAYOUTS_ACCOUNT) {
      if (!paysOut) return `it posts on ${PAYOUTS_ACCOUNT}, which only a payout run moves`;
    } else if (!ofPayment) {
      return `it posts on ${posting.account}, which only an entry of a payment moves`;
    }
  }
  return undefined;
}

/** The kinds of change that concern no payment (a payout run's is checked on its own). */
const NO_PAYMENT_KINDS: readonly Change['kind'][] = ['balance_transferred', 'payout_settings_updated', 'payout_period_settled', 'session_created', 'session_cancelled'];

/** Whether a change moves money: a capture, refund, chargeback, transfer or payout. */
function movesMoney(change: Change): boolean {
  const kind = change.kind;
  return kind === 'payment_captured' || kind === 'payment_refunded' || kind === 'payment_charged_back' || kind === 'balance_transferred' || kind === 'payout_period_settled';
}

/**
 * Why refund parts cannot be folded into a payment's refunded and pending parts, or undefined:
 * they must list exactly the payment's parties in the order of its shares (the fold combines
 * them party by party). A payment created in the same entry has no shares
 * to compare with yet and is not checked.
 */
function partiesMisfit(state: LedgerStateView, paymentId: string, parts: RefundParts): string | undefined {
  const payment = state.payments.get(paymentId);
  // Every party is listed, a party giving nothing with 0: the engine has never written fewer.
  // A list without one was taken, and the rebuilt ledger's re-estimates of it (which list every
  // party) were then refused by a replay of its own journal.
  if (payment === undefined) return undefined;
  const expected = payment.shares.submerchants;
  if (sameParties(parts.submerchants, expected)) return undefined;
  return `parties ${jsonInLine(partyIds(parts.submerchants))} instead of ${jsonInLine(partyIds(expected))}`;
}

/** Whether two lists name the same sub-merchants in the same order (compared without building text: once per refund of a replay). */
function sameParties(some: readonly { readonly submerchantId: string }[], others: readonly { readonly submerchantId: string }[]): boolean {
  if (some.length !== others.length) return false;
  for (let index = 0; index < some.length; index += 1) {
    if (some[index]?.submerchantId !== others[index]?.submerchantId) return false;
  }
  return true;
}

/** The sub-merchant ids of parts or shares, for messages. */
function partyIds(of: readonly { readonly submerchantId: string }[]): string {
  return Array.from(of, (part) => part.submerchantId).join(' ');
}

function problem(seq: number, what: string): LedgerResult<void> {
  return reject('journal_entry_inapplicable', `entry ${seq} cannot be applied: ${what}`);
}

/**
 * Why re-estimated parts cannot replace a request's parts, or undefined: they must name the
 * same parties in the same order (the fold combines them party by party) and add up to the
 * request's amount (the payment's pending total must not drift).
 */
function reestimateMisfit(request: RefundRequest, parts: RefundParts): string | undefined {
  if (!sameParties(parts.submerchants, request.parts.submerchants)) {
    return `parties ${jsonInLine(partyIds(parts.submerchants))} instead of ${jsonInLine(partyIds(request.parts.submerchants))}`;
  }
  const total = parts.submerchants.reduce((sum, part) => sum + part.amount, parts.platform);
  if (total !== request.amount) return `parts adding up to ${echoedOrBare(total, request.currency)}, not its amount ${unitOnly(request.amount, request.currency)}`;
  return undefined;
}

/**
 * Why a request's holds are not what the engine holds for these parts, or undefined: exactly
 * {@link refundCosts}, each party's part and the platform's with the request's fees, in that
 * order. Holds are the rebuilt ledger's available balances, so a hold left out or added would
 * let a later refund or payout spend money the faithful ledger keeps back, or the reverse.
 */
function holdsMisfit(platform: string, request: Pick<RefundRequestInit, 'currency' | 'refundFee' | 'refundedCustomerFee'>, parts: RefundParts, holds: readonly Hold[]): string | undefined {
  const costs = refundCosts({ platform }, parts, [request.refundFee, request.refundedCustomerFee]);
  if (sameHolds(costs, holds)) return undefined;
  return `${holdList(holds, (amount) => echoedOrBare(amount, request.currency))} instead of what its parts and fees cost: ${holdList(costs, (amount) => unitOnly(amount, request.currency))}`;
}

/** Holds for messages: `mart 330, pm1 1000`, each amount written by `written`. */
function holdList(holds: readonly Hold[], written: (amount: number) => string): string {
  return Array.from(holds, (hold) => `${hold.merchant} ${written(hold.amount)}`).join(', ');
}

/** The payment an entry creates with this id, as created. */
function createdPayment(entry: Entry, id: string): PaymentInit | undefined {
  for (const change of entry.changes) if (change.kind === 'payment_created' && change.payment.id === id) return change.payment;
  return undefined;
}

function hasPayment(state: LedgerStateView, created: readonly string[] | undefined, id: string): boolean {
  // The entry's own few ids first: a payment is mostly captured by the entry creating it.
  return (created?.includes(id) ?? false) || state.payments.has(id);
}

/**
 * Why an entry's command is not one the engine writes: its op, and its idempotency key with
 * the key's fingerprint, nothing else. A fingerprint without its key (the key's field renamed
 * or dropped) would leave the rebuilt ledger without the key, so a retry after the replay
 * would run the command again; a field of the command's own (an amount) is not kept by any
 * version and would be read by no check. A field left undefined (from code) is no field.
 */
function commandReferenceMisfit(command: Entry['command']): string | undefined {
  if (command.idempotencyKey === undefined && command.fingerprint !== undefined) {
    return 'its command has a fingerprint but no idempotency key: the engine keeps a fingerprint only with its key';
  }
  for (const field of Object.keys(command)) {
    if (field !== 'op' && field !== 'idempotencyKey' && field !== 'fingerprint' && (command as unknown as Record<string, unknown>)[field] !== undefined) {
      return `its command has a field ${quoted(field)}, which the engine never keeps: an entry's command holds its op, and its idempotency key with the fingerprint`;
    }
  }
  return undefined;
}
