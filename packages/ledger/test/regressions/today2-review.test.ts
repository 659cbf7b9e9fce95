import { replayJournal, type Command, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Adversarial review of the day's changes (ab275d7..65d656c). The replay's 4,000-character cut
// (113f629) measured the message before it was made one line, cut between the two halves of a
// surrogate pair, and kept only the message's start, so the part naming the problem was lost.

type RawEntry = Record<string, any>;
const T0 = Date.parse('2026-04-01T10:00:00+09:00');
function journalOf(commands: readonly Command[]): RawEntry[] {
  const dated = commands.map((command, index) => ({ ...command, at: new Date(T0 + index * 60_000).toISOString() }) as Command);
  return JSON.parse(JSON.stringify(ledgerAfter(dated, CONFIG).state.journal)) as RawEntry[];
}
const REFUND_100 = { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] } as Command;
function replayMessage(journal: readonly RawEntry[]): string {
  const replayed = replayJournal(CONFIG, journal as unknown as Entry[]);
  return replayed.ok ? 'accepted' : `${replayed.error.code}: ${replayed.error.message}`;
}
/** A journal whose refund names a payment `id` the journal does not have. */
function refundOfUnknown(id: string): RawEntry[] {
  const journal = journalOf([goldenPayment('pay_1'), REFUND_100]);
  journal[1]!['payment'] = id;
  journal[1]!['changes'][0]['payment'] = id;
  return journal;
}

describe("a replay's message is at most 4,000 characters as written, one line, cut between whole characters", () => {
  it('3,900 NELs in an id: the message, each written as a six-character escape, is still cut to 4,000 characters', () => {
    // It was 23,471 characters: cut was measured before the escapes, and 3,900 + the rest is under 4,000.
    const message = replayMessage(refundOfUnknown('\u0085'.repeat(3_900)));
    expect(message.startsWith('journal_entry_inapplicable: entry 2 cannot be applied: unknown payment \\u0085\\u0085')).toBe(true);
    expect(message.length - 'journal_entry_inapplicable: '.length).toBeLessThanOrEqual(4_000);
    expect(message).not.toMatch(/[\u0085\u2028\u2029\n]/);
    expect(message).toContain('(cut: the message is 23,443 characters long)');
  });

  it('an id of emoji is cut between code points, not between the halves of one (no \\ud83d escape left in the message)', () => {
    for (const pad of ['', 'a']) {
      const message = replayMessage(refundOfUnknown(`${pad}${'😀'.repeat(5_000)}`));
      expect(message).not.toMatch(/\\ud8|\\udc|\\ude/);
      expect(message.length - 'journal_entry_inapplicable: '.length).toBeLessThanOrEqual(4_000);
      expect(message).toContain('(cut: the message is');
    }
  });

  it('a 10,000-character currency: the cut message still says what is wrong with it, which comes after the value', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    journal[0]!['changes'][0]['payment']['currency'] = 'X'.repeat(10_000);
    const message = replayMessage(journal);
    expect(message.startsWith('journal_entry_inapplicable: entry 1 cannot be applied: payment pay_1 is in XXX')).toBe(true);
    expect(message.endsWith('XXX, not an ISO 4217 code Kanjo knows')).toBe(true);
    expect(message).toContain('… (cut: the message is 10,081 characters long) …');
    expect(message.length - 'journal_entry_inapplicable: '.length).toBeLessThanOrEqual(4_000);
  });
});

describe('reconcile and the narrowed command time (4c2b85f)', () => {
  // The engine now refuses an `at` before 1400-01-02 in UTC (time_invalid), but a replay (and so
  // `kanjo reconcile`) reads any time Date#toISOString writes. Decided: kept, and documented in
  // the README's replay checks. Journals written before the narrowing (the engine took times
  // from 0001-01-02) must still reconcile; refusing them would break them for a rule about what
  // ledger can read, not about the money.
  it('a journal written with times before 1400 still replays, and gives the live balances', () => {
    const journal = journalOf([goldenPayment('pay_1'), REFUND_100]);
    journal[0]!['at'] = '0001-01-02T00:00:00.000Z';
    journal[1]!['at'] = '1000-01-01T00:00:00.000Z';
    expect(replayMessage(journal)).toBe('accepted');
    const replayed = replayJournal(CONFIG, journal as unknown as Entry[]);
    const live = ledgerAfter([goldenPayment('pay_1'), REFUND_100], CONFIG);
    expect(replayed.ok && Object.fromEntries([...replayed.value.state.balances].map(([merchant, byCurrency]) => [merchant, Object.fromEntries(byCurrency)]))).toEqual(
      Object.fromEntries([...live.state.balances].map(([merchant, byCurrency]) => [merchant, Object.fromEntries(byCurrency)])),
    );
  });
});

describe('a command without `at` after the replay of a journal dated before 1400', () => {
  // A command without `at` takes the previous entry's time. After the replay of a journal of an
  // earlier version dated before 1400, that wrote a new entry dated before 1400: the range a
  // given `at` is held to ("so that every date Kanjo writes of it ... is one hledger and ledger
  // read") was not checked for the time taken instead.
  const journal = journalOf([goldenPayment('pay_1')]);
  journal[0]!['at'] = '1000-01-01T00:00:00.000Z';

  it('is time_invalid, saying which time it would have taken and what to give, and writes nothing', () => {
    const replayed = replayJournal(CONFIG, journal as unknown as Entry[]);
    if (!replayed.ok) throw new Error(replayed.error.message);
    const ledger = replayed.value;
    expect(ledger.execute(REFUND_100)).toEqual({
      ok: false,
      error: {
        code: 'time_invalid',
        message:
          "the command has no at, so it takes the previous entry's time, 1000-01-01T00:00:00.000Z, which is outside 1400-01-02 to 9999-12-30 in UTC (a journal of an earlier version): give it an at in that range, so that hledger and ledger read every date Kanjo writes of it",
      },
    });
    expect(ledger.journal).toHaveLength(1);
  });

  it('the same command with an `at` in the range is written, at that time', () => {
    const replayed = replayJournal(CONFIG, journal as unknown as Entry[]);
    if (!replayed.ok) throw new Error(replayed.error.message);
    const refunded = replayed.value.execute({ ...REFUND_100, at: '2026-04-01T10:00:00+09:00' } as Command);
    expect(refunded.ok && { seq: refunded.entry.seq, at: refunded.entry.at }).toEqual({ seq: 2, at: '2026-04-01T01:00:00.000Z' });
  });
});
