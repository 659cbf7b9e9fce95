import { replayJournal, type Command, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, omit } from './support/fixtures.js';
import { rawJournalOf } from './support/raw-journal.js';
import { compactJournalLines } from '../src/journal/compact-journal-format.js';
import { entryTimeMillis } from '../src/journal/entry-time.js';
import { accepted, appended, balances, ledgerAfter, newLedger, rejected } from './support/ledger-harness.js';

// Tests added after a StrykerJS run over packages/ledger/src/engine (the Ledger class, command
// dispatch, command time, balance range, passed-on amounts, rejections and messages) and the
// journal's compact writer and entry time: each pins an outcome that a surviving mutant changed
// and the rest of the suite let through.

/** A two-step card payment of ¥1,000, authorized only (its split comes with the capture). */
const AUTHORIZED: Command = { ...omit(goldenPayment('pay_1'), 'split'), capture: false };

describe('ledger.ts: what an idempotency key remembers is the request, its defaults filled in for the ops that have them, and nothing else', () => {
  // The fingerprint is written into the journal (entry.command.fingerprint): the same commands
  // must give the same journal, byte for byte, so it is pinned exactly.
  it('a keyed cancel keeps the command as sent: no amount is filled in for an op that has none', () => {
    const ledger = ledgerAfter([AUTHORIZED]);
    const entry = appended(ledger, { op: 'payment.cancel', payment: 'pay_1', idempotencyKey: 'cancel-1' });
    expect(entry.command).toEqual({ op: 'payment.cancel', idempotencyKey: 'cancel-1', fingerprint: '{"op":"payment.cancel","payment":"pay_1"}' });
  });

  it('a keyed capture without an amount keeps the authorized amount it defaults to', () => {
    const ledger = ledgerAfter([AUTHORIZED]);
    const split = [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }];
    const entry = appended(ledger, { op: 'payment.capture', payment: 'pay_1', split, idempotencyKey: 'capture-1' });
    expect(entry.command).toEqual({
      op: 'payment.capture',
      idempotencyKey: 'capture-1',
      fingerprint: '{"amount":1000,"op":"payment.capture","payment":"pay_1","split":[{"amount":1000,"platformFee":100,"submerchantId":"pm1"}]}',
    });
  });

  it('a keyed capture of an unknown payment, its amount left out, is payment_not_found (the default is read from no payment)', () => {
    const ledger = newLedger();
    expect(rejected(ledger, { op: 'payment.capture', payment: 'nope', idempotencyKey: 'capture-1' }, 'payment_not_found')).toBe('no payment "nope": check the id');
    expect(ledger.state.idempotency.size).toBe(0);
  });

  it('a keyed settlement run keeps its date and holidays: the same key on another date is idempotency_key_reused', () => {
    const ledger = newLedger();
    const run = { op: 'settlement.run', date: '2026-04-17', idempotencyKey: 'run-1', at: '2026-04-17T12:00:00+09:00' } as const;
    const entry = appended(ledger, run);
    expect(entry.command).toEqual({ op: 'settlement.run', idempotencyKey: 'run-1', fingerprint: '{"date":"2026-04-17","holidays":[],"op":"settlement.run"}' });
    expect(rejected(ledger, { ...run, date: '2026-04-24', at: '2026-04-24T12:00:00+09:00' }, 'idempotency_key_reused')).toBe(
      'idempotency_key run-1 was used for a different command: use a new key',
    );
    rejected(ledger, { ...run, holidays: ['2026-04-17'] }, 'idempotency_key_reused');
    expect(accepted(ledger, omit(run, 'at')).replayed).toBe(true);
  });

  it('an error other than a TypeError or RangeError while writing a keyed command is not disguised as command_invalid: it is thrown as is', () => {
    const ledger = newLedger();
    const hostile = { ...goldenPayment('pay_1'), idempotencyKey: 'k', note: { toJSON: () => { throw new Error('note cannot be written'); } } } as unknown as Command;
    expect(() => ledger.execute(hostile)).toThrow(new Error('note cannot be written'));
    expect(ledger.journal).toHaveLength(0);
  });
});

describe('command-time.ts: an `at` is read whole, field by field, in its own offset (README "Time")', () => {
  /** The entry time a first command at `at` is written with. */
  const writtenAt = (at: string): string => appended(newLedger(), goldenPayment('pay_1', { at })).at;
  /** The message a first command at `at` is refused with (time_invalid). */
  const refusedAt = (at: unknown): string => rejected(newLedger(), { ...goldenPayment('pay_1'), at } as unknown as Command, 'time_invalid');
  const malformed = (at: string): string => `at ${JSON.stringify(at)} must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00`;

  it('an offset\'s minutes count in its direction: +05:30 is 5½ hours ahead of UTC, -03:30 3½ hours behind; +00:59 is the largest minute', () => {
    expect(writtenAt('2026-04-01T10:00:00+05:30')).toBe('2026-04-01T04:30:00.000Z');
    expect(writtenAt('2026-04-01T10:00:00-0330')).toBe('2026-04-01T13:30:00.000Z');
    expect(writtenAt('2026-04-01T10:00:00+00:59')).toBe('2026-04-01T09:01:00.000Z');
  });

  it('seconds may be left out; a fraction keeps its milliseconds and drops the rest (not rounded)', () => {
    expect(writtenAt('2026-04-01T10:00+09:00')).toBe('2026-04-01T01:00:00.000Z');
    expect(writtenAt('2026-04-01T10:00:00.123456789Z')).toBe('2026-04-01T10:00:00.123Z');
    expect(writtenAt('2026-04-01T10:00:00.9999Z')).toBe('2026-04-01T10:00:00.999Z');
    expect(writtenAt('2026-04-01T10:00:00.5Z')).toBe('2026-04-01T10:00:00.500Z');
  });

  it('minute 60 and second 60 do not exist (no leap second): time_invalid, not rolled over', () => {
    expect(refusedAt('2026-04-01T10:60:00Z')).toBe(malformed('2026-04-01T10:60:00Z'));
    expect(refusedAt('2026-04-01T10:00:60Z')).toBe(malformed('2026-04-01T10:00:60Z'));
  });

  it('text before or after the date and time is time_invalid: the whole `at` must be one', () => {
    expect(refusedAt('x2026-04-01T10:00:00Z')).toBe(malformed('x2026-04-01T10:00:00Z'));
    expect(refusedAt('2026-04-01T10:00:00Z and more')).toBe(malformed('2026-04-01T10:00:00Z and more'));
    expect(refusedAt('2026-04-01T10:00:00+09:00:00')).toBe(malformed('2026-04-01T10:00:00+09:00:00'));
  });

  it('an `at` that is not a string is time_invalid even when its text would be a time (a list of one)', () => {
    expect(refusedAt(['2026-04-01T10:00:00Z'])).toBe('at ["2026-04-01T10:00:00Z"] must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00');
  });
});

describe('command-time.ts: a command without `at` takes the previous entry\'s time, within 1400-01-02 to 9999-12-30 UTC, both ends included', () => {
  it('after an entry at either end of the range, a command without `at` is written at that same time', () => {
    for (const at of ['1400-01-02T00:00:00.000Z', '9999-12-30T23:59:59.999Z']) {
      const ledger = ledgerAfter([goldenPayment('pay_1', { at })]);
      expect(appended(ledger, goldenPayment('pay_2')).at).toBe(at);
    }
  });

  it('after the replay of an earlier version\'s journal dated past the range, a command without `at` is time_invalid, naming the time', () => {
    const journal = rawJournalOf([goldenPayment('pay_1')]);
    (journal[0] as Record<string, unknown>)['at'] = '9999-12-31T00:00:00.000Z';
    const replayed = replayJournal(CONFIG, journal as unknown as Entry[]);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(rejected(replayed.value, goldenPayment('pay_2'), 'time_invalid')).toBe(
      "the command has no at, so it takes the previous entry's time, 9999-12-31T00:00:00.000Z, which is outside 1400-01-02 to 9999-12-30 in UTC (a journal of an earlier version): give it an at in that range, so that hledger and ledger read every date Kanjo writes of it",
    );
  });
});

describe('canonical-json.ts: a keyed command\'s fingerprint writes null as JSON does', () => {
  it('a keyed command with a field Kanjo does not read set to null is accepted, the null kept in its fingerprint', () => {
    const entry = appended(newLedger(), { ...goldenPayment('pay_1'), idempotencyKey: 'k', note: null } as unknown as Command);
    expect((entry.command as { fingerprint: string }).fingerprint).toContain('"note":null');
  });
});

describe('check-balance-range.ts: only merchants\' balances are held to the safe-integer range (DOMAIN.md "Money")', () => {
  // The money a run pays out goes to accounts outside every merchant: two payouts that together
  // pass MAX_SAFE_INTEGER are no balance past it.
  it('one settlement run paying two payout merchants 2^52 each is accepted, though its payouts sum past MAX_SAFE_INTEGER', () => {
    const config: LedgerConfig = {
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } },
        { id: 'pm1', type: 'payout', platform: 'mart' },
        { id: 'pm2', type: 'payout', platform: 'mart' },
      ],
    };
    const amount = 2 ** 52;
    const settings = (target: string): Command => ({ op: 'payout_settings.update', merchant: 'mart', target, currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-04-01T10:00:00+09:00' });
    const pay = (id: string, submerchantId: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId, amount, platformFee: 0 }], at: '2026-04-06T10:00:00+09:00' });
    const ledger = ledgerAfter([settings('pm1'), settings('pm2'), pay('pay_1', 'pm1'), pay('pay_2', 'pm2')], config);
    const run = accepted(ledger, { op: 'settlement.run', date: '2026-04-17', at: '2026-04-17T12:00:00+09:00' });
    expect(run.events).toEqual([
      { type: 'settlement.created', merchant: 'pm1', amount, currency: 'JPY' },
      { type: 'settlement.created', merchant: 'pm2', amount, currency: 'JPY' },
    ]);
    expect(balances(ledger, 'pm1', 'pm2')).toEqual({ pm1: 0, pm2: 0 });
  });
});

describe('compact-journal-format.ts: the string table holds the strings of objects used 8 times, nested objects\' included, never parts of a string', () => {
  /** The compact lines of one hand-built entry with `command`. */
  const linesOf = (command: object): string[] =>
    [...compactJournalLines({ merchants: [] }, [{ seq: 1, at: '2026-04-01T01:00:00.000Z', command, changes: [], events: [], postings: [] } as unknown as Entry])];

  it('a string used 8 times inside an object inside the command goes into the table', () => {
    const inner = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((key) => [key, 'n8']));
    expect(linesOf({ op: 'o', inner })).toEqual([
      '{"kanjo_journal":2,"entries":1,"config":{"merchants":[]},"accounts":[],"recordTypes":[],"strings":["n8"],"shapes":[["$a","$b","$c","$d","$e","$f","$g","$h"],["=op","{inner"]]}\n',
      '[1,"2026-04-01T01:00:00.000Z",[1,"o",[0,0,0,0,0,0,0,0,0]],null,[],[],[]]\n',
    ]);
  });

  it('strings listed as they are (8 times "ab") add nothing to the table, neither themselves nor their characters', () => {
    expect(linesOf({ op: 'o', list: Array<string>(8).fill('ab') })).toEqual([
      '{"kanjo_journal":2,"entries":1,"config":{"merchants":[]},"accounts":[],"recordTypes":[],"strings":[],"shapes":[["=op","[list"]]}\n',
      `[1,"2026-04-01T01:00:00.000Z",[0,"o",[${Array<string>(8).fill('"ab"').join(',')}]],null,[],[],[]]\n`,
    ]);
  });
});

describe('entry-time.ts: an entry time is read only as the engine writes one: month 00, day 00, minute 60 and second 60 are no time', () => {
  it('each is NaN (the fast path does not read them, and Date.parse does not either); the edges next to them are read', () => {
    for (const text of ['2026-00-01T00:00:00.000Z', '2026-04-00T00:00:00.000Z', '2026-04-01T00:60:00.000Z', '2026-04-01T00:00:60.000Z', '2026-13-01T00:00:00.000Z']) {
      expect(entryTimeMillis(text), text).toBeNaN();
    }
    expect(entryTimeMillis('2026-01-01T00:59:59.999Z')).toBe(Date.UTC(2026, 0, 1, 0, 59, 59, 999));
    expect(entryTimeMillis('2026-12-31T23:00:00.000Z')).toBe(Date.UTC(2026, 11, 31, 23));
  });
});
