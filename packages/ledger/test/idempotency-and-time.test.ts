import { replayJournal, type Command, type CreatePaymentCommand, type Ledger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/engine/canonical-json.js';
import { CONFIG, goldenPayment, omit } from './support/fixtures.js';
import { accepted, appended, balances, ledgerAfter, newLedger, rejected, stateSnapshot } from './support/ledger-harness.js';

const KEYED: CreatePaymentCommand = goldenPayment('pay_1', { idempotencyKey: 'key-1', at: '2026-04-01T10:00:00+09:00' });

describe('idempotency keys', () => {
  it('the same key with the same command answers the first result and appends nothing', () => {
    const ledger = newLedger();
    const first = accepted(ledger, KEYED);
    expect(first.replayed).toBe(false);
    const before = stateSnapshot(ledger.state);
    const retry = accepted(ledger, KEYED);
    expect(retry.replayed).toBe(true);
    expect(retry.entry).toBe(first.entry);
    expect(retry.events).toEqual([{ type: 'payment.captured', payment: 'pay_1' }]);
    expect(stateSnapshot(ledger.state)).toEqual(before);
    expect(ledger.journal).toHaveLength(1);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
  });

  it('also when the retry comes later, or carries an earlier time', () => {
    const ledger = ledgerAfter([KEYED]);
    accepted(ledger, goldenPayment('pay_2', { at: '2026-04-02T10:00:00+09:00' }));
    const length = ledger.journal.length;
    const later = accepted(ledger, { ...KEYED, at: '2026-04-03T10:00:00+09:00' });
    const earlier = accepted(ledger, { ...KEYED, at: '2026-03-01T10:00:00+09:00' });
    const untimed = accepted(ledger, omit(KEYED, 'at'));
    for (const retry of [later, earlier, untimed]) {
      expect(retry.replayed).toBe(true);
      expect(retry.entry?.seq).toBe(1);
    }
    expect(ledger.journal).toHaveLength(length);
    expect(ledger.state.lastAt).toBe(Date.parse('2026-04-02T10:00:00+09:00'));
  });

  it('the same request written with its fields in another order is the same request', () => {
    const ledger = ledgerAfter([KEYED]);
    const reordered = Object.fromEntries(Object.entries(KEYED).reverse()) as unknown as Command;
    expect(accepted(ledger, reordered).replayed).toBe(true);
  });

  it('the same key with a different command is rejected idempotency_key_reused', () => {
    const ledger = ledgerAfter([KEYED]);
    rejected(ledger, { ...KEYED, amount: 999 }, 'idempotency_key_reused');
    rejected(ledger, goldenPayment('pay_2', { idempotencyKey: 'key-1' }), 'idempotency_key_reused');
    rejected(ledger, { op: 'payment.refund', payment: 'pay_1', idempotencyKey: 'key-1' }, 'idempotency_key_reused');
  });

  it('a reused payment id without the key, or with another key, is rejected payment_id_taken', () => {
    const ledger = ledgerAfter([KEYED]);
    rejected(ledger, omit(KEYED, 'idempotencyKey'), 'payment_id_taken');
    rejected(ledger, { ...KEYED, idempotencyKey: 'key-2' }, 'payment_id_taken');
  });

  it('keys survive a replay of the journal', () => {
    const ledger = ledgerAfter([KEYED]);
    const replayed = replayJournal(CONFIG, ledger.journal);
    if (!replayed.ok) throw new Error(replayed.error.code);
    expect(accepted(replayed.value, KEYED).replayed).toBe(true);
    rejected(replayed.value, { ...KEYED, amount: 5 }, 'idempotency_key_reused');
  });

  describe('a two-step capture retried with its default amount spelled out, or left out, is the same request', () => {
    // The amount of payment.capture defaults to everything authorized (SCENARIO.md); as with
    // payment.create's defaults, a retry that writes the default asks for the same capture.
    const golden = goldenPayment('pay_1');
    const split = golden.split ?? [];
    const authorized: Command = { ...omit(golden, 'split'), capture: false };
    const keyed = (amount?: number): Command => ({ op: 'payment.capture', payment: 'pay_1', split, idempotencyKey: 'cap-1', ...(amount === undefined ? {} : { amount }) });

    it('first without the amount, retried with the full amount: the first result, nothing appended', () => {
      const ledger = ledgerAfter([authorized, keyed()]);
      const retry = accepted(ledger, keyed(1000));
      expect({ replayed: retry.replayed, seq: retry.entry?.seq, entries: ledger.journal.length }).toEqual({ replayed: true, seq: 2, entries: 2 });
    });

    it('first with the full amount, retried without it: the first result, nothing appended', () => {
      const ledger = ledgerAfter([authorized, keyed(1000)]);
      const retry = accepted(ledger, keyed());
      expect({ replayed: retry.replayed, seq: retry.entry?.seq, entries: ledger.journal.length }).toEqual({ replayed: true, seq: 2, entries: 2 });
    });

    it('a retry with another amount is idempotency_key_reused', () => {
      rejected(ledgerAfter([authorized, keyed()]), keyed(999), 'idempotency_key_reused');
    });

    it('a journal that kept the capture as sent (before the default was filled in) still answers the same text', () => {
      const live = ledgerAfter([authorized, keyed()]);
      // Rewrite the stored fingerprint to the form earlier versions wrote: the command as sent.
      const old = live.journal.map((entry) => (entry.seq === 2 ? { ...entry, command: { ...entry.command, fingerprint: '{"op":"payment.capture","payment":"pay_1","split":' + JSON.stringify(split.map((line) => Object.fromEntries(Object.entries(line).sort()))) + '}' } } : entry));
      const replayed = replayJournal(CONFIG, old);
      if (!replayed.ok) throw new Error(replayed.error.message);
      expect(accepted(replayed.value, keyed()).replayed).toBe(true);
    });
  });

  it('"time aside" is any valid time: a retry dated before the last entry is the first result, one whose at is no time is time_invalid', () => {
    // README "Idempotency": the time is read before the key is looked up (noticed by the retries property).
    const ledger = newLedger();
    accepted(ledger, KEYED);
    expect(accepted(ledger, { ...KEYED, at: '2026-03-01T10:00:00+09:00' }).replayed).toBe(true);
    rejected(ledger, { ...KEYED, at: '2026-04-01T10:00:00' }, 'time_invalid');
    rejected(ledger, { ...KEYED, at: '2026-02-30T10:00:00+09:00' }, 'time_invalid');
    expect(ledger.journal).toHaveLength(1);
  });

  it('a refund retried with its key refunds once', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const refund: Command = { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], idempotencyKey: 'refund-1' };
    accepted(ledger, refund);
    accepted(ledger, refund);
    accepted(ledger, refund);
    expect(ledger.state.payments.get('pay_1')?.refundedAmount).toBe(100);
    expect(balances(ledger, 'pm1')).toEqual({ pm1: 530 });
  });

  it('from code, only the README\'s defaults are filled in: an empty split where the first left it out is another command', () => {
    // A scenario file reads `null` as left out; code gets no such reading (README "Idempotency").
    const authorization = omit(goldenPayment('pay_1', { capture: false, idempotencyKey: 'auth-1' }), 'split');
    const ledger = ledgerAfter([authorization]);
    rejected(ledger, { ...authorization, split: [] }, 'idempotency_key_reused');
    expect(ledger.execute({ ...authorization, capture: false }).ok).toBe(true);
    expect(ledger.journal).toHaveLength(1);
  });
});

describe('time: every entry carries its command\'s time; time never goes back', () => {
  it('entries carry the command\'s time in UTC; a command without `at` takes the previous one\'s; the first defaults to 1970', () => {
    const ledger = newLedger();
    const first = appended(ledger, goldenPayment('p0'));
    expect(first.at).toBe('1970-01-01T00:00:00.000Z');
    const timed = appended(ledger, goldenPayment('p1', { at: '2026-04-01T10:00:00+09:00' }));
    expect(timed.at).toBe('2026-04-01T01:00:00.000Z');
    const untimed = appended(ledger, goldenPayment('p2'));
    expect(untimed.at).toBe('2026-04-01T01:00:00.000Z');
  });

  it('the same time as the previous command is accepted; a time before it is rejected time_out_of_order', () => {
    const ledger = ledgerAfter([goldenPayment('p1', { at: '2026-04-01T10:00:00+09:00' })]);
    accepted(ledger, goldenPayment('p2', { at: '2026-04-01T01:00:00Z' }));
    rejected(ledger, goldenPayment('p3', { at: '2026-04-01T09:59:59.999+09:00' }), 'time_out_of_order');
    rejected(ledger, { op: 'payment.refund', payment: 'p1', at: '2025-12-31T23:59:59Z' }, 'time_out_of_order');
  });

  it('a rejected command does not move the clock', () => {
    const ledger = ledgerAfter([goldenPayment('p1', { at: '2026-04-01T10:00:00+09:00' })]);
    rejected(ledger, goldenPayment('p1', { at: '2026-05-01T10:00:00+09:00' }), 'payment_id_taken');
    accepted(ledger, goldenPayment('p2', { at: '2026-04-15T10:00:00+09:00' }));
  });

  it('an at outside 1400-01-02 to 9999-12-30 in UTC is rejected time_invalid, naming the instant; the edges are accepted', () => {
    const ledger = ledgerAfter([]);
    expect(ledger.execute(goldenPayment('p', { at: '9999-12-31T23:00:00-05:00' }))).toEqual({
      ok: false,
      error: { code: 'time_invalid', message: 'at "9999-12-31T23:00:00-05:00" is +010000-01-01T04:00:00.000Z in UTC: a time must fall between 1400-01-02 and 9999-12-30 in UTC, so that every date Kanjo writes of it, in any time zone, is one hledger and ledger read' },
    });
    // 9999-12-31T00:00Z is 9999-12-31T09:00 in Japan, yet its date in +14:00 would be year 10000.
    rejected(ledgerAfter([]), goldenPayment('p', { at: '9999-12-31T00:00:00Z' }), 'time_invalid');
    // ledger reads years 1400 to 9999 only: 1400-01-01T23:59Z is 1400-01-01 in -12:00, 1400-01-01T00:00Z would be 1399 there.
    rejected(ledgerAfter([]), goldenPayment('p', { at: '0001-01-02T00:00:00Z' }), 'time_invalid');
    rejected(ledgerAfter([]), goldenPayment('p', { at: '1400-01-01T23:59:59.999Z' }), 'time_invalid');
    accepted(ledgerAfter([]), goldenPayment('p', { at: '1400-01-02T00:00:00Z' }));
    accepted(ledger, goldenPayment('p', { at: '9999-12-30T23:59:59.999Z' }));
    expect(ledger.journal.at(-1)?.at).toBe('9999-12-30T23:59:59.999Z');
  });

  const malformed = ['2026-04-01', '2026-04-01T10:00:00', '2026-04-01 10:00:00+09:00', 'yesterday', '2026-13-01T00:00:00Z', '2026-04-01T10:00:00+09:60', '2026-04-01T24:00:00Z', ''];
  for (const at of malformed) {
    it(`a malformed at ${JSON.stringify(at)} is rejected time_invalid`, () => {
      rejected(ledgerAfter([]), goldenPayment('p', { at }), 'time_invalid');
    });
  }
});

describe('a rejected command changes nothing', () => {
  it('journal length, balances, payments and holds are unchanged after every kind of rejection', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const journalLength = ledger.journal.length;
    const money = balances(ledger, 'mart', 'pm1', 'pm2');
    const failing: [Command, string][] = [
      [goldenPayment(), 'payment_id_taken'],
      [{ op: 'payment.refund', payment: 'pay_1', amount: 2000 }, 'refund_exceeds_remaining'],
      [{ op: 'payment.refund', payment: 'pay_1' }, 'insufficient_balance'],
      [{ op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 61, currency: 'JPY' }, 'insufficient_balance'],
      [{ op: 'payment.capture', payment: 'pay_1' }, 'payment_not_authorized'],
      [{ op: 'settlement.run', date: 'soon' }, 'date_invalid'],
    ];
    for (const [command, code] of failing) rejected(ledger, command, code);
    expect(ledger.journal).toHaveLength(journalLength);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual(money);
  });
});

describe('a journal kept before the defaults were filled in: a retry spelling a default the other way is still the same command', () => {
  // Until c9f3594 (payment.create's capture and origin) and 7ffeca6 (payment.capture's amount) a
  // keyed command was fingerprinted as its caller spelled it. The README: "A default written out
  // is the same command as the default left out". A ledger rebuilt from such a journal answered
  // only a retry spelled exactly as the first: `capture: true` written out was
  // idempotency_key_reused, where the live ledger answered it with the first result.
  const KEY = 'create-1';
  const create = (overrides: Partial<CreatePaymentCommand> = {}): Command => ({ ...omit(goldenPayment('pay_1'), 'capture'), idempotencyKey: KEY, ...overrides });
  /** The fingerprint an earlier version wrote: the command as sent, keys sorted, without `at` and the key. */
  const asSent = (command: Command): string => {
    const { at: _at, idempotencyKey: _key, ...request } = JSON.parse(JSON.stringify(command)) as Record<string, unknown>;
    return canonicalJson(request);
  };
  /** A ledger rebuilt from the live journal with its first entry's fingerprint as an earlier version wrote it for `first`. */
  function rebuiltFromOldJournal(first: Command): Ledger {
    const live = ledgerAfter([first]);
    const old = live.journal.map((entry) => (entry.seq === 1 ? { ...entry, command: { ...entry.command, fingerprint: asSent(first) } } : entry));
    expect(old[0]?.command.fingerprint).not.toBe(live.journal[0]?.command.fingerprint);
    const replayed = replayJournal(CONFIG, old);
    if (!replayed.ok) throw new Error(replayed.error.message);
    return replayed.value;
  }

  it.each([
    ['left out, retried with capture: true', create(), create({ capture: true })],
    ['left out, retried with origin: api', create(), create({ origin: 'api' })],
    ['left out, retried with both written out', create(), create({ capture: true, origin: 'api' })],
    ['capture written out and origin left out, retried with both left out', create({ capture: true }), create()],
    ['origin written out and capture left out, retried with capture written out', create({ origin: 'api' }), create({ capture: true })],
  ])('defaults %s: the first result, nothing appended', (_how, first, retry) => {
    const rebuilt = rebuiltFromOldJournal(first);
    const answer = accepted(rebuilt, retry);
    expect({ replayed: answer.replayed, seq: answer.entry.seq, entries: rebuilt.journal.length }).toEqual({ replayed: true, seq: 1, entries: 1 });
  });

  it('a retry that is another command (capture: false, or another amount) is still idempotency_key_reused', () => {
    const rebuilt = rebuiltFromOldJournal(create());
    rejected(rebuilt, create({ capture: false }), 'idempotency_key_reused');
    rejected(rebuilt, create({ origin: 'session' }), 'idempotency_key_reused');
    rejected(rebuilt, create({ amount: 999, split: [{ submerchantId: 'pm1', amount: 999, platformFee: 0 }] }), 'idempotency_key_reused');
    expect(rebuilt.journal.length).toBe(1);
  });

  it('a two-step capture kept without its amount, retried with the amount written out: the first result', () => {
    const golden = goldenPayment('pay_1');
    const split = golden.split ?? [];
    const capture: Command = { op: 'payment.capture', payment: 'pay_1', split, idempotencyKey: 'cap-1' };
    const live = ledgerAfter([{ ...omit(golden, 'split'), capture: false }, capture]);
    const old = live.journal.map((entry) => (entry.seq === 2 ? { ...entry, command: { ...entry.command, fingerprint: asSent(capture) } } : entry));
    const replayed = replayJournal(CONFIG, old);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(accepted(replayed.value, { ...capture, amount: 1000 }).replayed).toBe(true);
    rejected(replayed.value, { ...capture, amount: 999 }, 'idempotency_key_reused');
  });
});

describe('a settlement run\'s holidays are a set: a retry listing the same days otherwise is the same run', () => {
  const run = { op: 'settlement.run', date: '2026-05-08', holidays: ['2026-05-06', '2026-04-29'], idempotencyKey: 'run', at: '2026-05-08T12:00:00+09:00' } as const;

  it('the same days in another order, or one listed twice, answer the first result; another day is idempotency_key_reused', () => {
    const ledger = newLedger();
    const first = appended(ledger, run);
    expect(first.command.fingerprint).toBe('{"date":"2026-05-08","holidays":["2026-04-29","2026-05-06"],"op":"settlement.run"}');
    expect(accepted(ledger, { ...run, holidays: ['2026-04-29', '2026-05-06'] }).replayed).toBe(true);
    expect(accepted(ledger, { ...run, holidays: ['2026-05-06', '2026-04-29', '2026-05-06'] }).replayed).toBe(true);
    rejected(ledger, { ...run, holidays: ['2026-04-29'] }, 'idempotency_key_reused');
    rejected(ledger, { ...run, holidays: ['2026-04-29', '2026-05-06', '2026-05-07'] }, 'idempotency_key_reused');
    expect(ledger.journal).toHaveLength(1);
  });

  it('a run kept with its holidays in the caller\'s order (before 2026-12-05) answers a retry in either order', () => {
    const live = ledgerAfter([run]);
    const old = live.journal.map((entry) => ({ ...entry, command: { ...entry.command, fingerprint: '{"date":"2026-05-08","holidays":["2026-05-06","2026-04-29"],"op":"settlement.run"}' } }));
    const replayed = replayJournal(CONFIG, old);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(accepted(replayed.value, run).replayed).toBe(true);
    expect(accepted(replayed.value, { ...run, holidays: ['2026-04-29', '2026-05-06'] }).replayed).toBe(true);
    rejected(replayed.value, { ...run, holidays: ['2026-05-06'] }, 'idempotency_key_reused');
  });
});
