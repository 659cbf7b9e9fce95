import type { Entry } from '../journal/entry.js';
import type { Book, Merchant } from '../merchants/merchant.js';
import type { Payment } from '../payments/payment.js';
import type { PayoutSettings } from '../payouts/payout-settings.js';
import type { RefundRequest } from '../refunds/refund-request.js';
import type { Session } from '../sessions/session.js';

/** The validated, immutable configuration a ledger runs with. */
export interface ResolvedConfig {
  /** The book this ledger keeps (`LedgerConfig.book`, default `test`); a merchant of the other book is rejected (`merchant_in_other_book`). */
  readonly book: Book;
  /** Every merchant of the configuration by id, validated, with its defaults filled in. */
  readonly merchants: ReadonlyMap<string, Merchant>;
  /** Minutes east of UTC that calendar dates are read in (+09:00 → 540). */
  readonly timeZoneOffsetMinutes: number;
  /** The original time zone text, for exports. */
  readonly timeZone: string;
}

/** What an idempotency key answered the first time. */
export interface IdempotencyRecord {
  /**
   * Canonical JSON of the first command without `at` and the key: a retry must ask the same,
   * else `idempotency_key_reused`. The engine fills in the defaults that change nothing asked
   * (`capture` and `origin` of a payment, a run's `holidays`, a capture's `amount`, a
   * refund request's `includePaymentMethodFee`); a journal
   * written before that keeps the command as sent, which a retry of the same text also matches.
   */
  readonly fingerprint: string;
  /** The entry the command appended. */
  readonly seq: number;
}

/**
 * What a caller may read of a ledger's state ({@link Ledger.state}): the same object as
 * {@link LedgerState}, typed so that nothing in it can be written. The engine folds the journal
 * into the state in place, so a write from outside (a payment's status, a balance, an entry
 * pushed onto the journal) would leave a state no replay of the journal gives; with this type
 * tsc refuses it. The engine's `decide` functions and the reports take this type too: they only
 * read.
 */
export interface LedgerStateView {
  /** The configuration it was created with (or replayed from a journal's header). */
  readonly config: ResolvedConfig;
  /** Merchant → currency → posted balance (minor units). */
  readonly balances: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Merchant → currency → amount held by pending refund requests. */
  readonly holds: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Payment id → its state, every payment ever created, whatever its status. */
  readonly payments: ReadonlyMap<string, Readonly<Payment>>;
  /** Refund request id → its state, pending, completed or rejected. */
  readonly refundRequests: ReadonlyMap<string, Readonly<RefundRequest>>;
  /** Payment → ids of its pending refund requests, in the order they were made (a payment with none has no key). */
  readonly pendingRefundRequests: ReadonlyMap<string, readonly string[]>;
  /** Session id → its state, pending, completed or cancelled. */
  readonly sessions: ReadonlyMap<string, Readonly<Session>>;
  /** Merchant → currency → payout settings. */
  readonly payoutSettings: ReadonlyMap<string, ReadonlyMap<string, PayoutSettings>>;
  /** `merchant currency periodStart periodEnd` of every payout period already settled (paid or carried). */
  readonly settledPeriods: ReadonlySet<string>;
  /** Idempotency key → what it answered first. */
  readonly idempotency: ReadonlyMap<string, IdempotencyRecord>;
  /** The journal itself: append-only. */
  readonly journal: readonly Entry[];
  /** See {@link LedgerState.entriesNotKept}. */
  readonly entriesNotKept: number;
  /** Epoch milliseconds of the last entry. */
  readonly lastAt: number;
  /** The last entry's `at` as written. */
  readonly lastAtText: string;
  /** See {@link LedgerState.balanceCeiling}. */
  readonly balanceCeiling: number;
}

/**
 * The whole state of a ledger: a fold of its journal over its configuration. The engine
 * mutates it in place as entries are appended (copying it per command would make a million
 * commands slow); `decide` functions only read it. Callers get it as a {@link LedgerStateView}.
 */
export interface LedgerState {
  /** The configuration it was created with (or replayed from a journal's header). */
  readonly config: ResolvedConfig;
  /** Merchant → currency → posted balance (minor units). */
  readonly balances: Map<string, Map<string, number>>;
  /** Merchant → currency → amount held by pending refund requests. */
  readonly holds: Map<string, Map<string, number>>;
  /** Payment id → its state, every payment ever created, whatever its status. */
  readonly payments: Map<string, Payment>;
  /** Refund request id → its state, pending, completed or rejected. */
  readonly refundRequests: Map<string, RefundRequest>;
  /**
   * Payment → ids of its pending refund requests, in the order they were made (a payment with
   * none has no key). Seller-model re-estimation walks these instead of every request ever made.
   */
  readonly pendingRefundRequests: Map<string, string[]>;
  /** Session id → its state, pending, completed or cancelled. */
  readonly sessions: Map<string, Session>;
  /** Merchant → currency → payout settings. */
  readonly payoutSettings: Map<string, Map<string, PayoutSettings>>;
  /** `merchant currency periodStart periodEnd` of every payout period already settled (paid or carried). */
  readonly settledPeriods: Set<string>;
  /** Idempotency key → what it answered first (DOMAIN.md "Payments": a retry posts nothing again). */
  readonly idempotency: Map<string, IdempotencyRecord>;
  /** The journal itself: append-only. */
  readonly journal: Entry[];
  /**
   * How many entries were folded into this state without being kept in `journal` (a
   * `JournalReplay` made with `retain` false). While it is above 0 the state answers
   * balances and payments, but a command cannot be executed: its sequence number, its
   * idempotency answer and a settlement run all read the journal.
   */
  entriesNotKept: number;
  /** Epoch milliseconds of the last entry; a command dated before it is rejected. */
  lastAt: number;
  /** The last entry's `at` as written, to skip re-parsing an unchanged time. */
  lastAtText: string;
  /**
   * An upper bound on the magnitude of every merchant balance, raised as entries are applied
   * (never lowered). While it plus what an entry moves stays within the safe-integer range, the
   * overflow checks need not look up each balance the entry touches.
   */
  balanceCeiling: number;
}

/** A fresh state with nothing posted. */
export function emptyLedgerState(config: ResolvedConfig): LedgerState {
  return {
    config,
    balances: new Map(),
    holds: new Map(),
    payments: new Map(),
    refundRequests: new Map(),
    pendingRefundRequests: new Map(),
    sessions: new Map(),
    payoutSettings: new Map(),
    settledPeriods: new Set(),
    idempotency: new Map(),
    journal: [],
    entriesNotKept: 0,
    lastAt: 0,
    lastAtText: '1970-01-01T00:00:00.000Z',
    balanceCeiling: 0,
  };
}

/**
 * A merchant's posted balance in a currency (0 if it never touched it), unchecked: the public,
 * checked one is reports/balance-queries.ts's postedBalance. (Named apart so that the bundle keeps
 * the public function's name; review 224 saw `postedBalance2`.)
 */
export function postedBalanceOf(state: LedgerStateView, merchant: string, currency: string): number {
  return state.balances.get(merchant)?.get(currency) ?? 0;
}

/** A merchant's available balance: posted less what pending refund requests hold. */
export function availableBalanceOf(state: LedgerStateView, merchant: string, currency: string): number {
  return postedBalanceOf(state, merchant, currency) - (state.holds.get(merchant)?.get(currency) ?? 0);
}

/**
 * {@link availableBalanceOf} exactly, for a message: the posted balance and the holds are each a
 * safe integer, but a balance charged back below zero while requests hold more can take their
 * difference past -2^53, where the number is rounded.
 */
export function exactAvailableBalance(state: LedgerStateView, merchant: string, currency: string): bigint {
  return BigInt(postedBalanceOf(state, merchant, currency)) - BigInt(state.holds.get(merchant)?.get(currency) ?? 0);
}

/**
 * The key of a settled payout period. Both ends are part of it: after a switch from weekly to
 * monthly, the month that starts on the same day as an already-paid week is another period.
 */
export function periodKey(merchant: string, currency: string, periodStart: string, periodEnd: string): string {
  return `${merchant} ${currency} ${periodStart} ${periodEnd}`;
}
