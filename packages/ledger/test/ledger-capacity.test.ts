import { createLedger, JournalReplay, journalNdjsonLines, replayJournal, type Command, type Ledger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { MAP_CAPACITY, MAX_JOURNAL_ENTRIES } from '../src/engine/check-ledger-capacity.js';
import { CONFIG, goldenPayment, konbiniPayment, marketplaceSession, refundRequest } from './support/fixtures.js';
import { accepted, ledgerAfter, rejected } from './support/ledger-harness.js';

// A ledger keeps its payments, refund requests, sessions, settled payout periods and
// idempotency keys in one JavaScript Map (or Set) each, and V8 throws a RangeError at the
// 2^24 + 1st key. Before the `ledger_full` check, a captured payment's creation at that point
// had already moved the balances when the Map threw: a posting half made, with no entry. The
// tables are made to report a size near the limit (an own `size` in front of the prototype's
// getter) rather than filled: 2^24 payments take 13 GB.

const START = '2026-01-01T00:00:00+09:00';

/** Makes one of the state's tables report `size` keys, whatever it holds. */
function pretendSize(table: ReadonlyMap<string, unknown> | ReadonlySet<string>, size: number): void {
  Object.defineProperty(table, 'size', { value: size, configurable: true });
}

/** The journal as NDJSON text: what a rejected command must leave byte for byte. */
function ndjson(ledger: Ledger): string {
  return [...journalNdjsonLines(CONFIG, ledger.journal)].join('');
}

/** Checks `command` is refused `ledger_full` with that message, changing nothing, and returns nothing. */
function refusedFull(ledger: Ledger, command: Command, message: string): void {
  const before = ndjson(ledger);
  expect(rejected(ledger, command, 'ledger_full')).toBe(message);
  expect(ndjson(ledger)).toBe(before);
}

const advice = ': start a new ledger for what comes next (one per platform or per year, say)';

describe('a ledger at the most keys a JavaScript Map holds (ledger_full)', () => {
  it('MAP_CAPACITY is where this Node\'s Map stops: the 2^24th key is kept and the next throws', () => {
    const map = new Map<number, number>();
    for (let key = 0; key < MAP_CAPACITY; key += 1) map.set(key, 0);
    expect(map.size).toBe(2 ** 24);
    expect(() => map.set(MAP_CAPACITY, 0)).toThrow(RangeError);
  }, 120_000);

  it('a captured payment\'s creation is refused when the ledger holds 2^24 payments, with no balance moved; one fewer is accepted', () => {
    const ledger = ledgerAfter([goldenPayment('pay_0', { at: START })]);
    pretendSize(ledger.state.payments, MAP_CAPACITY);
    refusedFull(ledger, goldenPayment('pay_1'), `this ledger already holds 16,777,216 payments, the most one ledger can (16,777,216, a JavaScript Map's limit)${advice}`);
    pretendSize(ledger.state.payments, MAP_CAPACITY - 1);
    expect(accepted(ledger, goldenPayment('pay_1')).entry.seq).toBe(2);
    expect(ledger.state.payments.has('pay_1')).toBe(true);
  });

  it('at the limit, commands that add no payment still run: a capture, a refund, a chargeback', () => {
    const { split, ...authorization } = goldenPayment('auth', { capture: false });
    const ledger = ledgerAfter([goldenPayment('pay_0', { at: START }), authorization]);
    pretendSize(ledger.state.payments, MAP_CAPACITY);
    accepted(ledger, { op: 'payment.capture', payment: 'auth', ...(split === undefined ? {} : { split }) });
    accepted(ledger, { op: 'payment.refund', payment: 'pay_0', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    accepted(ledger, { op: 'payment.chargeback', payment: 'auth' });
    expect(ledger.journal.length).toBe(5);
  });

  it('a table at the limit refuses only what adds to it: with 2^24 refund requests, sessions, settled periods and keys held, a payment is created, captured, refunded and charged back', () => {
    const { split, ...authorization } = goldenPayment('auth', { capture: false });
    const ledger = ledgerAfter([goldenPayment('pay_0', { at: START })]);
    for (const table of [ledger.state.refundRequests, ledger.state.sessions, ledger.state.settledPeriods, ledger.state.idempotency]) pretendSize(table, MAP_CAPACITY);
    accepted(ledger, authorization);
    accepted(ledger, { op: 'payment.capture', payment: 'auth', ...(split === undefined ? {} : { split }) });
    accepted(ledger, { op: 'payment.refund', payment: 'pay_0', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    accepted(ledger, { op: 'payment.chargeback', payment: 'auth' });
    expect(ledger.journal.length).toBe(5);
  });

  it('a refund request is refused when the ledger holds 2^24 of them', () => {
    // A card payment that leaves mart everything funds the Refund Fee; the Konbini payment is then paid.
    const ledger = ledgerAfter([
      goldenPayment('cc', { at: START, amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }),
      konbiniPayment('kb'),
      { op: 'payment.capture', payment: 'kb' },
    ]);
    pretendSize(ledger.state.refundRequests, MAP_CAPACITY);
    refusedFull(ledger, refundRequest({ id: 'rr_1', payment: 'kb' }), `this ledger already holds 16,777,216 refund requests, the most one ledger can (16,777,216, a JavaScript Map's limit)${advice}`);
    pretendSize(ledger.state.refundRequests, MAP_CAPACITY - 1);
    accepted(ledger, refundRequest({ id: 'rr_1', payment: 'kb' }));
  });

  it('a session is refused when the ledger holds 2^24 of them, and so is the payment its completion creates at 2^24 payments', () => {
    const ledger = ledgerAfter([marketplaceSession('ses_0', { at: START })]);
    pretendSize(ledger.state.sessions, MAP_CAPACITY);
    refusedFull(ledger, marketplaceSession('ses_1'), `this ledger already holds 16,777,216 sessions, the most one ledger can (16,777,216, a JavaScript Map's limit)${advice}`);
    pretendSize(ledger.state.payments, MAP_CAPACITY);
    refusedFull(ledger, { op: 'session.complete', session: 'ses_0', payment: 'pay_s', paymentType: 'credit_card' }, `this ledger already holds 16,777,216 payments, the most one ledger can (16,777,216, a JavaScript Map's limit)${advice}`);
  });

  it('a settlement run that would settle a period is refused when 2^24 periods are settled; one that settles none runs', () => {
    const settings: Command = { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: START };
    const ledger = ledgerAfter([settings, goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' })]);
    pretendSize(ledger.state.settledPeriods, MAP_CAPACITY);
    // Before the first Friday payout day nothing is due: no period is settled, nothing added.
    accepted(ledger, { op: 'settlement.run', date: '2026-01-07', at: '2026-01-07T12:00:00+09:00' });
    refusedFull(ledger, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' }, `this ledger already holds 16,777,216 settled payout periods, the most one ledger can (16,777,216, a JavaScript Map's limit)${advice}`);
  });

  it('a keyed command is refused when 2^24 keys are held, but the retry of a held key is still answered', () => {
    const ledger = ledgerAfter([goldenPayment('pay_0', { at: START, idempotencyKey: 'k0' })]);
    pretendSize(ledger.state.idempotency, MAP_CAPACITY);
    refusedFull(ledger, goldenPayment('pay_1', { idempotencyKey: 'k1' }), `this ledger already holds 16,777,216 idempotency keys, the most one ledger can (16,777,216, a JavaScript Map's limit)${advice}`);
    expect(accepted(ledger, goldenPayment('pay_0', { idempotencyKey: 'k0' })).replayed).toBe(true);
    // Without a key the command adds no key, so it runs.
    accepted(ledger, goldenPayment('pay_1'));
  });

  it('once the journal holds 100,000,000 entries every command is refused, and one entry fewer is not', () => {
    const ledger = ledgerAfter([goldenPayment('pay_0', { at: START })]);
    // A sparse array of that length: the entries themselves would take tens of gigabytes.
    const journal = ledger.journal as unknown as unknown[];
    journal.length = MAX_JOURNAL_ENTRIES;
    // Checked by hand: the harness's whole-state snapshot would walk a hundred million holes.
    const balancesBefore = JSON.stringify([...ledger.state.balances].map(([merchant, byCurrency]) => [merchant, [...byCurrency]]));
    expect(ledger.execute({ op: 'payment.chargeback', payment: 'pay_0' })).toEqual({
      ok: false,
      error: { code: 'ledger_full', message: `this ledger already holds 100,000,000 entries, the most one ledger keeps (100,000,000: past it a JavaScript array would stop the process)${advice}` },
    });
    expect(journal.length).toBe(MAX_JOURNAL_ENTRIES);
    expect(JSON.stringify([...ledger.state.balances].map(([merchant, byCurrency]) => [merchant, [...byCurrency]]))).toBe(balancesBefore);
    expect(ledger.state.payments.get('pay_0')?.status).toBe('captured');
    journal.length = MAX_JOURNAL_ENTRIES - 1;
    expect(accepted(ledger, { op: 'payment.chargeback', payment: 'pay_0' }).entry.seq).toBe(MAX_JOURNAL_ENTRIES);
  });

  it('a replay refuses an entry that would take a table past the limit as journal_entry_inapplicable naming ledger_full, and the next entry may be tried', () => {
    const live = ledgerAfter([goldenPayment('pay_0', { at: START }), goldenPayment('pay_1')]);
    const created = createLedger(CONFIG);
    if (!created.ok) throw new Error(created.error.message);
    const replay = new JournalReplay(created.value);
    const [first, second] = live.journal;
    expect(replay.add(first as never).ok).toBe(true);
    pretendSize(created.value.state.payments, MAP_CAPACITY);
    const refused = replay.add(second as never);
    expect(refused).toEqual({ ok: false, error: { code: 'journal_entry_inapplicable', message: `entry 2 cannot be applied: this ledger already holds 16,777,216 payments, the most one ledger can (16,777,216, a JavaScript Map's limit) (ledger_full)` } });
    expect([...created.value.state.balances.get('pm1') ?? []]).toEqual([['JPY', 630]]);
    pretendSize(created.value.state.payments, 1);
    expect(replay.add(second as never).ok).toBe(true);
    expect(replayJournal(CONFIG, live.journal).ok).toBe(true);
  });
});
