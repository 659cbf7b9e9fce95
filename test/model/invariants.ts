import { deepStrictEqual } from 'node:assert/strict';
import { availableBalance, merchantRecords, replayJournal, type Command, type Entry, type EventType, type Ledger, type LedgerStateView, type Payment, type PaymentStatus } from '@kanjo/ledger';
import { stateSnapshot } from '../../packages/ledger/test/support/ledger-harness.js';
import type { LedgerSystem } from './ledger-system.js';
import { timesRoundedHalfUp, total, type PartyAmounts, type ReferenceModel } from './reference-model.js';

/** What a command did, as the runner saw it. */
export type Outcome = 'rejected' | 'replayed' | 'appended';

/** A deep copy of everything a command could change. */
export interface StateSnapshot {
  readonly journalLength: number;
  /** The journal as JSON text (the same as `fields.journal`). */
  readonly journalText: string;
  /** The payments (the same copy as `fields.payments`). */
  readonly payments: LedgerStateView['payments'];
  /** `merchant currency` → available balance. */
  readonly available: ReadonlyMap<string, number>;
  /**
   * Every field of the state but its configuration, each deep-copied (the journal as its JSON
   * text): complete by construction, so a field the engine gains is compared too. Review 183
   * found `pendingRefundRequests` in none of the hand-written lists this replaced: a refused
   * request that left its id there passed every property.
   */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Snapshots the ledger's state (before a command, to compare after it). */
export function takeSnapshot(ledger: Ledger): StateSnapshot {
  const state = ledger.state;
  // One deep copy of the state, read through below.
  const fields = stateSnapshot(state) as Record<string, unknown>;
  return {
    journalLength: state.journal.length,
    journalText: fields['journal'] as string,
    payments: fields['payments'] as LedgerStateView['payments'],
    available: availableBalances(state),
    fields,
  };
}

/** Runs one named invariant: a failure says which, in a sentence, and why. */
export function invariant(name: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new Error(`Invariant violated: ${name}\n${(error as Error).message}`, { cause: error });
  }
}

/** Throws `message` unless `condition`. */
export function ensure(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Statuses a payment may move to from each status (DOMAIN.md lifecycle table). */
const ALLOWED_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['cancelled'],
  authorized: ['captured', 'cancelled', 'expired'],
  captured: ['refunded'],
  cancelled: [],
  expired: [],
  refunded: [],
  failed: [],
};

const CAPTURING_OPS: ReadonlySet<string> = new Set(['payment.create', 'payment.capture', 'session.complete']);

/** Every invariant that must hold after every command, whatever it was and whatever happened. */
export function checkInvariants(system: LedgerSystem, model: ReferenceModel, command: Command, outcome: Outcome, before: StateSnapshot): void {
  const state = system.ledger.state;
  const journal = state.journal;

  invariant("every journal entry's postings sum to zero per currency", () => {
    for (const entry of journal) {
      for (const [currency, sum] of sumsBy(entry.postings, () => '')) ensure(sum === 0n, `entry ${entry.seq}: ${currency} postings sum to ${sum}`);
    }
  });

  invariant('all postings across the journal, merchant and outside accounts together, sum to zero per currency', () => {
    for (const [key, sum] of sumsBy(journal.flatMap((entry) => entry.postings), () => '')) ensure(sum === 0n, `${key}: ${sum}`);
  });

  invariant('every merchant balance is minus the sum of the postings on its account', () => {
    const sums = sumsBy(
      journal.flatMap((entry) => entry.postings.filter((posting) => posting.merchant !== undefined)),
      (posting) => `${posting.merchant ?? ''} `,
    );
    for (const [merchant, byCurrency] of state.balances) {
      for (const [currency, balance] of byCurrency) {
        const sum = sums.get(`${merchant} ${currency}`) ?? 0n;
        ensure(Number.isSafeInteger(balance) && BigInt(balance) === -sum, `${merchant} ${currency}: balance ${balance}, postings ${sum}`);
      }
    }
    for (const [key, sum] of sums) {
      const [merchant = '', currency = ''] = key.split(' ');
      ensure(BigInt(state.balances.get(merchant)?.get(currency) ?? 0) === -sum, `${key}: postings ${sum} but balance ${state.balances.get(merchant)?.get(currency) ?? 0}`);
    }
  });

  invariant('the journal is append-only: written entries never change, new ones are numbered on and never dated earlier', () => {
    ensure(journal.length >= before.journalLength, 'the journal got shorter');
    ensure(JSON.stringify(journal.slice(0, before.journalLength)) === before.journalText, 'an entry already written changed');
    journal.forEach((entry, index) => ensure(entry.seq === index + 1, `entry at ${index} has seq ${entry.seq}`));
    for (let index = 1; index < journal.length; index += 1) {
      ensure(Date.parse((journal[index] as Entry).at) >= Date.parse((journal[index - 1] as Entry).at), `entry ${index + 1} is dated before entry ${index}`);
    }
  });

  invariant('replaying the journal gives the same balances, holds, payments, refunded shares, refund requests, sessions and payout settings as the live state', () => {
    const replayed = replayJournal(system.config, journal);
    ensure(replayed.ok, `replay refused: ${replayed.ok ? '' : replayed.error.message}`);
    if (!replayed.ok) return;
    const again = replayed.value.state;
    deepStrictEqual(normaliseTable(again.balances), normaliseTable(state.balances));
    deepStrictEqual(normaliseTable(again.holds), normaliseTable(state.holds));
    deepStrictEqual(again.payments, state.payments);
    deepStrictEqual(again.refundRequests, state.refundRequests);
    deepStrictEqual(again.sessions, state.sessions);
    deepStrictEqual(again.payoutSettings, state.payoutSettings);
    deepStrictEqual(again.settledPeriods, state.settledPeriods);
    deepStrictEqual(again.idempotency, state.idempotency);
    deepStrictEqual(again.lastAt, state.lastAt);
    deepStrictEqual(again.pendingRefundRequests, state.pendingRefundRequests);
  });

  if (outcome !== 'appended') {
    invariant(outcome === 'rejected' ? 'a rejected command changes nothing' : 'an idempotent retry of a command already appended changes nothing', () => {
      const after = takeSnapshot(system.ledger);
      // Every field: the journal, the clock, balances, holds, payments, requests and their
      // pending index, sessions, payout settings, settled periods, idempotency keys…
      for (const key of new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])) {
        deepStrictEqual(after.fields[key], before.fields[key], `state.${key} changed`);
      }
    });
  } else {
    invariant('an accepted command appends exactly one entry', () => ensure(journal.length === before.journalLength + 1, `${journal.length - before.journalLength} entries appended`));
  }

  invariant('every balance and hold stays a safe integer (no amount silently loses precision)', () => {
    for (const table of [state.balances, state.holds]) {
      for (const [merchant, byCurrency] of table) for (const [currency, amount] of byCurrency) ensure(Number.isSafeInteger(amount), `${merchant} ${currency}: ${amount}`);
    }
  });

  invariant("the merchant records view adds up to every merchant's balance (deposits less debits)", () => {
    const totals = new Map<string, bigint>();
    for (const record of merchantRecords(journal)) {
      ensure(record.deposit >= 0 && record.debit >= 0 && (record.deposit === 0) !== (record.debit === 0), `record ${JSON.stringify(record)}`);
      const key = `${record.merchant} ${record.currency}`;
      totals.set(key, (totals.get(key) ?? 0n) + BigInt(record.deposit) - BigInt(record.debit));
    }
    for (const [key, total] of totals) {
      const [merchant = '', currency = ''] = key.split(' ');
      ensure(total === BigInt(state.balances.get(merchant)?.get(currency) ?? 0), `${key}: records ${total}, balance ${state.balances.get(merchant)?.get(currency) ?? 0}`);
    }
    // And the other way: a balance with no record at all (a merchant or currency the view left out) is a breach too.
    for (const [merchant, byCurrency] of state.balances) {
      for (const [currency, balance] of byCurrency) ensure((totals.get(`${merchant} ${currency}`) ?? 0n) === BigInt(balance), `${merchant} ${currency}: balance ${balance}, records ${totals.get(`${merchant} ${currency}`) ?? 0n}`);
    }
  });

  if (outcome === 'appended') {
    const entry = journal[journal.length - 1] as Entry;
    invariant("an entry's events say what happened to its payments: each status change has its event, and every event of a session's payment carries the session id", () => {
      const types = new Set(entry.events.map((event) => event.type));
      for (const [id, payment] of state.payments) {
        const previous = before.payments.get(id)?.status;
        if (previous === payment.status) continue;
        const expected: EventType | undefined =
          payment.status === 'refunded' ? 'payment.refunded' : payment.status === 'pending' || payment.status === 'failed' ? undefined : (`payment.${payment.status}` as EventType);
        if (expected !== undefined) ensure(types.has(expected), `payment ${id} became ${payment.status} without ${expected}: ${JSON.stringify(entry.events)}`);
      }
      for (const event of entry.events) {
        if (event.payment === undefined) continue;
        const payment = state.payments.get(event.payment);
        ensure(payment !== undefined, `event about unknown payment ${event.payment}`);
        if (payment?.session !== undefined) ensure(event.session === payment.session, `${event.type} of payment ${payment.id} from session ${payment.session} carries session ${String(event.session)}`);
        if (event.type === 'payment.refunded') ensure(payment?.status === 'refunded', `payment.refunded for ${event.payment}, which is ${payment?.status ?? '?'}`);
      }
    });
  }

  invariant('payment statuses only move along the allowed transitions (authorized→captured|cancelled|expired, captured→refunded, pending→cancelled)', () => {
    for (const [id, payment] of state.payments) {
      const previous = before.payments.get(id);
      if (previous === undefined) {
        ensure(payment.status === 'authorized' || payment.status === 'captured', `new payment ${id} starts ${payment.status}`);
      } else if (previous.status !== payment.status) {
        ensure(ALLOWED_TRANSITIONS[previous.status].includes(payment.status), `payment ${id} moved ${previous.status} → ${payment.status}`);
      }
    }
    for (const id of before.payments.keys()) ensure(state.payments.has(id), `payment ${id} disappeared`);
  });

  invariant('no party ever gives back more than its share (0 ≤ refunded ≤ share; marketplace: refunded + pending ≤ share), and the parts add up to the totals', () => {
    for (const payment of state.payments.values()) checkRefundedWithinShares(payment);
  });

  invariant('holds are exactly what pending refund requests hold, and never negative', () => {
    const expected = new Map<string, number>();
    for (const request of state.refundRequests.values()) {
      if (request.status !== 'pending') continue;
      for (const hold of request.holds) {
        ensure(hold.amount > 0, `request ${request.id} holds ${hold.amount} of ${hold.merchant}`);
        expected.set(`${hold.merchant} ${request.currency}`, (expected.get(`${hold.merchant} ${request.currency}`) ?? 0) + hold.amount);
      }
    }
    for (const [merchant, byCurrency] of state.holds) {
      for (const [currency, amount] of byCurrency) {
        ensure(amount >= 0, `${merchant} ${currency} hold ${amount}`);
        ensure(amount === (expected.get(`${merchant} ${currency}`) ?? 0), `${merchant} ${currency}: hold ${amount}, pending requests hold ${expected.get(`${merchant} ${currency}`) ?? 0}`);
      }
    }
    for (const [key, amount] of expected) {
      const [merchant = '', currency = ''] = key.split(' ');
      ensure((state.holds.get(merchant)?.get(currency) ?? 0) === amount, `${key}: no hold for ${amount}`);
    }
  });

  const after = availableBalances(state);
  if (!CAPTURING_OPS.has(command.op) && command.op !== 'payment.chargeback') {
    invariant('only captures (their processing fees) and chargebacks can lower an available balance below zero: refunds, refund requests, transfers and payouts never overdraw', () => {
      for (const [key, available] of after) {
        const previous = before.available.get(key) ?? 0;
        if (available < previous) ensure(available >= 0, `${key}: available ${previous} → ${available} after ${command.op}`);
      }
    });
  }
  if (command.op === 'refund_request.complete' && outcome === 'appended') {
    // Seller model: the parts posted may differ by a unit from what the request held, but the
    // other pending requests are re-estimated in the same entry and hold that unit less.
    invariant('completing a refund request leaves every available balance unchanged (its holds become its postings; seller model: the re-estimated holds of the others absorb any unit the parts moved)', () => {
      for (const key of new Set([...after.keys(), ...before.available.keys()])) {
        ensure((after.get(key) ?? 0) === (before.available.get(key) ?? 0), `${key}: available ${before.available.get(key) ?? 0} → ${after.get(key) ?? 0}`);
      }
    });
  }
  if (command.op === 'refund_request.reject' && outcome === 'appended') {
    invariant('rejecting a refund request never lowers an available balance (the others\' re-estimated holds grow by at most what it held)', () => {
      for (const key of new Set([...after.keys(), ...before.available.keys()])) {
        ensure((after.get(key) ?? 0) >= (before.available.get(key) ?? 0), `${key}: available ${before.available.get(key) ?? 0} → ${after.get(key) ?? 0}`);
      }
    });
  }

  invariant('seller model: the completed cumulative platform part is round-half-up(R × platform_amount / captured) for R refunded, and so is it with the pending requests\' estimates added', () => {
    for (const payment of state.payments.values()) {
      if (payment.model !== 'seller' || payment.capturedAmount === 0) continue;
      const curve = (refunded: number): number => timesRoundedHalfUp(refunded, BigInt(payment.capturedPlatformAmount), BigInt(payment.capturedAmount));
      ensure(payment.refunded.platform === curve(payment.refundedAmount), `payment ${payment.id}: platform refunded ${payment.refunded.platform} of ${payment.refundedAmount}, curve ${curve(payment.refundedAmount)}`);
      const withPending = payment.refundedAmount + payment.pendingRefundAmount;
      ensure(payment.refunded.platform + payment.pending.platform === curve(withPending), `payment ${payment.id}: platform refunded + pending ${payment.refunded.platform + payment.pending.platform} of ${withPending}, curve ${curve(withPending)}`);
    }
  });

  invariant('the engine agrees with the reference model on balances, holds, outside accounts, payments, refunded shares, refund requests, sessions and payouts', () => {
    compareWithModel(state, model);
  });
}

/**
 * 0 ≤ refunded_i and refunded_i + pending_i ≤ share_i per party, in both models; Σ parts =
 * the totals; refunded + pending + charged back ≤ captured.
 */
export function checkRefundedWithinShares(payment: Payment): void {
  const shares = partyMap(payment.platform, payment.shares.platform, payment.shares.submerchants.map((share) => [share.submerchantId, share.share]));
  const refunded = partyMap(payment.platform, payment.refunded.platform, payment.refunded.submerchants.map((part) => [part.submerchantId, part.amount]));
  const pending = partyMap(payment.platform, payment.pending.platform, payment.pending.submerchants.map((part) => [part.submerchantId, part.amount]));
  for (const [party, given] of refunded) {
    const held = pending.get(party) ?? 0;
    const share = shares.get(party);
    ensure(share !== undefined, `payment ${payment.id}: ${party} gave back ${given} without a share`);
    ensure(given >= 0 && held >= 0, `payment ${payment.id}: ${party} refunded ${given}, pending ${held}`);
    ensure(given <= (share ?? 0), `payment ${payment.id}: ${party} refunded ${given} > share ${share ?? 0}`);
    ensure(given + held <= (share ?? 0), `payment ${payment.id}: ${party} refunded ${given} + pending ${held} > share ${share ?? 0}`);
  }
  ensure(total(refunded) === payment.refundedAmount, `payment ${payment.id}: refunded parts ${total(refunded)} ≠ refunded ${payment.refundedAmount}`);
  ensure(total(pending) === payment.pendingRefundAmount, `payment ${payment.id}: pending parts ${total(pending)} ≠ pending ${payment.pendingRefundAmount}`);
  if (payment.status === 'captured' || payment.status === 'refunded') {
    ensure(total(shares) === payment.capturedAmount, `payment ${payment.id}: shares ${total(shares)} ≠ captured ${payment.capturedAmount}`);
  }
  ensure(
    payment.refundedAmount + payment.pendingRefundAmount + payment.chargebackAmount <= payment.capturedAmount,
    `payment ${payment.id}: refunded ${payment.refundedAmount} + pending ${payment.pendingRefundAmount} + charged back ${payment.chargebackAmount} > captured ${payment.capturedAmount}`,
  );
  ensure(payment.capturedAmount <= payment.amount, `payment ${payment.id}: captured ${payment.capturedAmount} > authorized ${payment.amount}`);
}

function partyMap(platform: string, platformAmount: number, others: readonly (readonly [string, number])[]): PartyAmounts {
  const map: PartyAmounts = new Map([[platform, platformAmount]]);
  for (const [party, amount] of others) map.set(party, (map.get(party) ?? 0) + amount);
  return map;
}

/** Σ posting amounts by `key` + currency, exactly (bigint: account totals have no bound). */
function sumsBy(postings: readonly Entry['postings'][number][], key: (posting: Entry['postings'][number]) => string): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const posting of postings) {
    const name = `${key(posting)}${posting.currency}`;
    sums.set(name, (sums.get(name) ?? 0n) + BigInt(posting.amount));
  }
  return sums;
}

function availableBalances(state: LedgerStateView): Map<string, number> {
  const result = new Map<string, number>();
  for (const table of [state.balances, state.holds]) {
    for (const [merchant, byCurrency] of table) {
      for (const currency of byCurrency.keys()) result.set(`${merchant} ${currency}`, availableBalance(state, merchant, currency));
    }
  }
  return result;
}

/** A merchant → currency → amount table as sorted `merchant currency` entries, zeros dropped. */
function normaliseTable(table: ReadonlyMap<string, ReadonlyMap<string, number>>): [string, number][] {
  const entries: [string, number][] = [];
  for (const [merchant, byCurrency] of table) for (const [currency, amount] of byCurrency) if (amount !== 0) entries.push([`${merchant} ${currency}`, amount]);
  return entries.sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Party amounts as sorted entries; zeros dropped unless `keepZeros`. */
function normaliseParties(parts: PartyAmounts, keepZeros = false): [string, number][] {
  return [...parts].filter(([, amount]) => keepZeros || amount !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
}

function compareWithModel(state: LedgerStateView, model: ReferenceModel): void {
  const modelBalances = new Map([...model.balances].map(([merchant, byCurrency]) => [merchant, new Map([...byCurrency].map(([currency, balance]) => [currency, Number(balance)]))]));
  deepStrictEqual(normaliseTable(state.balances), normaliseTable(modelBalances), 'balances');
  deepStrictEqual(normaliseTable(state.holds), normaliseTable(model.holds), 'holds');
  const outside = sumsBy(
    state.journal.flatMap((entry) => entry.postings.filter((posting) => posting.merchant === undefined)),
    (posting) => `${posting.account} `,
  );
  const expectedOutside = new Map<string, bigint>();
  for (const [account, byCurrency] of model.outside) for (const [currency, sum] of byCurrency) expectedOutside.set(`${account} ${currency}`, sum);
  const nonZero = (table: ReadonlyMap<string, bigint>): string[] => [...table].filter(([, sum]) => sum !== 0n).map(([key, sum]) => `${key} ${sum}`).sort();
  deepStrictEqual(nonZero(outside), nonZero(expectedOutside), 'outside accounts');

  deepStrictEqual([...state.payments.keys()].sort(), [...model.payments.keys()].sort(), 'payment ids');
  for (const [id, expected] of model.payments) {
    const actual = state.payments.get(id) as Payment;
    deepStrictEqual(
      {
        id,
        status: actual.status,
        amount: actual.amount,
        currency: actual.currency,
        paymentType: actual.paymentType,
        origin: actual.origin,
        session: actual.session,
        model: actual.model,
        capturedAmount: actual.capturedAmount,
        refundedAmount: actual.refundedAmount,
        pendingRefundAmount: actual.pendingRefundAmount,
        chargebackAmount: actual.chargebackAmount,
        customerFee: actual.customerFee,
        customerFeeTax: actual.customerFeeTax,
        customerFeeRefund: actual.customerFeeRefund,
        shares: normaliseParties(partyMap(actual.platform, actual.shares.platform, actual.shares.submerchants.map((share) => [share.submerchantId, share.share])), true),
        refunded: normaliseParties(partyMap(actual.platform, actual.refunded.platform, actual.refunded.submerchants.map((part) => [part.submerchantId, part.amount]))),
        pending: normaliseParties(partyMap(actual.platform, actual.pending.platform, actual.pending.submerchants.map((part) => [part.submerchantId, part.amount]))),
      },
      {
        id,
        status: expected.status,
        amount: expected.amount,
        currency: expected.currency,
        paymentType: expected.paymentType,
        origin: expected.origin,
        session: expected.session,
        model: expected.model,
        capturedAmount: expected.capturedAmount,
        refundedAmount: expected.refundedAmount,
        pendingRefundAmount: expected.pendingRefundAmount,
        chargebackAmount: expected.chargebackAmount,
        customerFee: expected.customerFee,
        customerFeeTax: expected.customerFeeTax,
        customerFeeRefund: expected.customerFeeRefund,
        shares: normaliseParties(expected.shares, true),
        refunded: normaliseParties(expected.refunded),
        pending: normaliseParties(expected.pending),
      },
      `payment ${id}`,
    );
  }
  deepStrictEqual(
    [...state.refundRequests.values()].map((request) => [request.id, request.status, request.payment, request.amount]).sort(),
    [...model.refundRequests.values()].map((request) => [request.id, request.status, request.payment, request.amount]).sort(),
    'refund requests',
  );
  for (const [id, expected] of model.refundRequests) {
    const actual = state.refundRequests.get(id);
    if (actual === undefined || expected.status !== 'pending') continue;
    deepStrictEqual(
      {
        parts: normaliseParties(partyMap(actual.platform, actual.parts.platform, actual.parts.submerchants.map((part) => [part.submerchantId, part.amount]))),
        holds: normaliseParties(new Map(actual.holds.map((hold) => [hold.merchant, hold.amount]))),
      },
      { parts: normaliseParties(expected.parts), holds: normaliseParties(expected.holds) },
      `pending refund request ${id}: parts and holds`,
    );
  }
  deepStrictEqual(
    [...state.sessions.values()].map((session) => [session.id, session.status, session.payment ?? null]).sort(),
    [...model.sessions.values()].map((session) => [session.id, session.status, session.payment ?? null]).sort(),
    'sessions',
  );
  const settings = (table: ReadonlyMap<string, ReadonlyMap<string, { frequency: string; minimumAmount: number }>>): string[] =>
    [...table].flatMap(([merchant, byCurrency]) => [...byCurrency].map(([currency, value]) => `${merchant} ${currency} ${value.frequency} ${value.minimumAmount}`)).sort();
  deepStrictEqual(settings(state.payoutSettings), settings(model.payoutSettings), 'payout settings');
  deepStrictEqual([...state.settledPeriods].sort(), [...model.settledPeriods].sort(), 'settled payout periods');
  deepStrictEqual(state.lastAt, model.lastAt, 'time of the last entry');
}
