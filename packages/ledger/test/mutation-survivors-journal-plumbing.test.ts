import { JournalReplay, type Command, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, omit, refundRequest, sellerPayment } from './support/fixtures.js';
import { ledgerAfter, newLedger } from './support/ledger-harness.js';
import { rawJournalOf, replayOutcome } from './support/raw-journal.js';
import { entryTimeMillis } from '../src/journal/entry-time.js';
import type { Posting } from '../src/journal/posting.js';
import { MerchantAccounts, outsideRef, pushMovement } from '../src/journal/push-movement.js';
import { cutLongMessage, echoedOrBare, inUnit, inUnitOrBare, jsonInLine, minorUnitsNote, quoted, shown } from '../src/engine/message-text.js';

// Tests added after a StrykerJS run over the journal's plumbing: entry-time.ts,
// engine/message-text.ts, and journal/ posting-problem.ts, posting-matcher.ts, push-movement.ts,
// apply-entry.ts, day-start-balances.ts and replay-journal.ts. Each pins an outcome that a
// surviving mutant changed and the rest of the suite let through.

describe('entry-time.ts: an entry time is read only as the engine writes one (toISOString): a text of its length and digits but another separator, a trailing character or the 31st of a 30-day month is no time', () => {
  // The fast path reads the engine's form from its digits; anything it does not take goes to
  // Date.parse, whose answer must give the same text back. A fast path that took one of these
  // would accept a time the engine never writes.
  const NOT_ENGINE_TIMES = [
    '2026-04-01T01:00:00.000Z0', // one character past the Z
    '2026-04-01T01:00:00.000ZZ',
    '2026/04-01T01:00:00.000Z', // each separator in turn
    '2026-04/01T01:00:00.000Z',
    '2026-04-01 01:00:00.000Z',
    '2026-04-01T01.00:00.000Z',
    '2026-04-01T01:00.00.000Z',
    '2026-04-01T01:00:00:000Z',
    '2026-09-31T00:00:00.000Z', // September and November have 30 days (April and June are pinned in entry-time.test.ts)
    '2026-11-31T00:00:00.000Z',
  ];

  it.each(NOT_ENGINE_TIMES)('%s is NaN', (text) => {
    expect(entryTimeMillis(text)).toBeNaN();
  });

  it('the days next to them are read: 30 September and 30 November', () => {
    expect(entryTimeMillis('2026-09-30T00:00:00.000Z')).toBe(Date.UTC(2026, 8, 30));
    expect(entryTimeMillis('2026-11-30T23:59:59.999Z')).toBe(Date.UTC(2026, 10, 30, 23, 59, 59, 999));
  });

  it.each(NOT_ENGINE_TIMES)('a journal whose first entry is dated %s is refused by replay as malformed, quoting it', (text) => {
    const journal = rawJournalOf([goldenPayment()]) as (ReturnType<typeof rawJournalOf>[number] & { at: string })[];
    journal[0]!.at = text;
    expect(replayOutcome(journal)).toBe(`journal_entry_malformed: entry 1: at must be a time as the engine writes it, such as 2026-04-01T01:00:00.000Z, not "${text}"`);
  });
});

describe('message-text.ts: an amount in a message is in the currency\'s unit beside its code, bare for yen where no code is written, and an amount past the safe range is said in minor units', () => {
  it('inUnit writes an amount past the safe range, or not whole, in minor units of its currency', () => {
    expect(inUnit(2 ** 53, 'JPY')).toBe('9007199254740992 minor units of JPY');
    expect(inUnit(1.5, 'USD')).toBe('1.5 minor units of USD');
  });

  it('inUnitOrBare writes yen and no currency bare, a two-decimal currency in its unit, a bigint exactly, and a number past the safe range in minor units', () => {
    expect(inUnitOrBare(4500, 'JPY')).toBe('4500');
    expect(inUnitOrBare(4500, undefined)).toBe('4500');
    expect(inUnitOrBare(4500, 'USD')).toBe('45.00 USD');
    expect(inUnitOrBare(10n ** 17n, 'USD')).toBe('1000000000000000.00 USD');
    expect(inUnitOrBare(2 ** 53 + 2, 'USD')).toBe('9007199254740994 minor units of USD');
  });

  it('echoedOrBare writes yen and no currency bare, and another currency as sent with its unit beside', () => {
    expect(echoedOrBare(4500, 'JPY')).toBe('4500');
    expect(echoedOrBare(4500, undefined)).toBe('4500');
    expect(echoedOrBare(4500, 'USD')).toBe('4500 (45.00 USD)');
  });

  it('minorUnitsNote says nothing for yen or no currency, and names a currency whose minor unit is not its unit', () => {
    expect(minorUnitsNote('JPY')).toBe('');
    expect(minorUnitsNote(undefined)).toBe('');
    expect(minorUnitsNote('USD')).toBe(' (amounts in minor units of USD)');
  });
});

describe('message-text.ts: caller input is quoted whole when short, described when not', () => {
  it('a boolean is written as it is, undefined as "nothing", null as "null"', () => {
    expect(quoted(true)).toBe('true');
    expect(quoted(false)).toBe('false');
    expect(quoted(undefined)).toBe('nothing');
    expect(quoted(null)).toBe('null');
  });

  it('an object whose JSON is 64 characters is quoted whole; at 65 it is "an object", a long list "a list of N"', () => {
    const fits = { k: 'x'.repeat(56) };
    expect(JSON.stringify(fits)).toHaveLength(64);
    expect(quoted(fits)).toBe(JSON.stringify(fits));
    expect(quoted({ k: 'x'.repeat(57) })).toBe('an object');
    expect(quoted(Array(100).fill(1))).toBe('a list of 100');
  });

  it('shown writes an id of 64 printable characters as it is, and quotes (and cuts) one of 65', () => {
    expect(shown('a'.repeat(64))).toBe('a'.repeat(64));
    expect(shown('a'.repeat(65))).toBe(`"${'a'.repeat(64)}…"`);
  });
});

describe('message-text.ts: a journal value in a replay message is its JSON, cut after 200 characters; one JSON cannot write is described', () => {
  it('JSON of 200 characters is written whole, of 201 cut to its first 200 and "…"', () => {
    const whole = 'x'.repeat(198);
    expect(jsonInLine(whole)).toBe(JSON.stringify(whole));
    expect(jsonInLine('x'.repeat(199))).toBe(`"${'x'.repeat(199)}…`);
  });

  it('a cycle or a bigint is described as quoted describes it, not left out', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(jsonInLine(cycle)).toBe('an object');
    expect(jsonInLine(10n)).toBe('10n');
  });
});

describe('message-text.ts: a replay message is one line of at most 4,000 characters, cut in the middle between whole code points', () => {
  /** What the cut puts between head and tail of a message whose one line is `length` characters. */
  const note = (length: number): string => ` … (cut: the message is ${length.toLocaleString('en')} characters long) … `;

  it('a message of exactly 4,000 characters, or whose line is 4,000 once its line break is escaped, is kept whole', () => {
    expect(cutLongMessage('b'.repeat(4000))).toBe('b'.repeat(4000));
    expect(cutLongMessage(`${'b'.repeat(3994)}\n`)).toBe(`${'b'.repeat(3994)}\\u000a`);
  });

  it('a longer one keeps its first 2,634 and last 1,317 characters around the note: 4,000 in all', () => {
    expect(cutLongMessage('a'.repeat(5000))).toBe(`${'a'.repeat(2634)}${note(5000)}${'a'.repeat(1317)}`);
  });

  it('a code point past U+FFFF is kept whole at either end (U+10000 and U+10FFFF, the first and last surrogate pairs), and U+FFFF is one character', () => {
    expect(cutLongMessage(`\uffff😀${'x'.repeat(5000)}`)).toBe(`\uffff😀${'x'.repeat(2631)}${note(5003)}${'x'.repeat(1317)}`);
    for (const last of ['\u{10000}', '\u{10FFFF}']) {
      expect(cutLongMessage(`${'a'.repeat(5000)}${last}b`)).toBe(`${'a'.repeat(2634)}${note(5003)}${'a'.repeat(1314)}${last}b`);
    }
  });

  it('a lone surrogate next to another character is escaped on its own: the character beside it still fits the tail', () => {
    // The tail has room for 1,317 characters: 1,316 b's and the character before them; the
    // lone high surrogate before that, six characters once escaped, no longer fits.
    expect(cutLongMessage(`${'a'.repeat(5000)}\ud800x${'b'.repeat(1316)}`)).toBe(`${'a'.repeat(2634)}${note(6323)}x${'b'.repeat(1316)}`);
    expect(cutLongMessage(`${'a'.repeat(5000)}\ud800\ue000${'b'.repeat(1316)}`)).toBe(`${'a'.repeat(2634)}${note(6323)}\ue000${'b'.repeat(1316)}`);
    // A lone low surrogate, escaped, fills the tail exactly; the x before it does not fit.
    expect(cutLongMessage(`${'a'.repeat(5000)}x\udc00${'b'.repeat(1311)}`)).toBe(`${'a'.repeat(2634)}${note(6318)}\\udc00${'b'.repeat(1311)}`);
    // A lone low surrogate after an emoji is not the emoji's second half: the emoji stays whole.
    expect(cutLongMessage(`${'a'.repeat(5000)}😀\udc00`)).toBe(`${'a'.repeat(2634)}${note(5008)}${'a'.repeat(1309)}😀\\udc00`);
  });
});

describe('posting-matcher.ts: an entry\'s postings are the engine\'s, each on the account and merchant it posts to, and no more', () => {
  // Each edit keeps the entry balanced and every account a configured one, so only the
  // comparison with the engine's movements can refuse it. (A movement that differs on both
  // sides, and one left out, are in regressions/posting-matcher-first-difference.test.ts.)
  const capture = (what: string): string => `journal_entry_inapplicable: entry 1 cannot be applied: the capture of payment pay_1: ${what}`;

  it('pm1\'s Payment Transfer credited to pm2 and pm2\'s to pm1 (accounts and merchants together) is refused naming posting 4', () => {
    const journal = rawJournalOf([goldenPayment()]);
    Object.assign(journal[0]!.postings[3]!, { account: 'Liabilities:Merchants:pm2', merchant: 'pm2' });
    Object.assign(journal[0]!.postings[7]!, { account: 'Liabilities:Merchants:pm1', merchant: 'pm1' });
    expect(replayOutcome(journal)).toBe(capture('posting 4 is -700 JPY Payment Transfer on Liabilities:Merchants:pm2, where the engine posts -700 JPY Payment Transfer on Liabilities:Merchants:pm1'));
  });

  it('the processing fee credited to the tax account (both outside accounts, no merchant) is refused naming posting 12', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.postings[11]!['account'] = 'Liabilities:Tax:Consumption';
    expect(replayOutcome(journal)).toBe(capture('posting 12 is -36 JPY Processing Fee on Liabilities:Tax:Consumption, where the engine posts -36 JPY Processing Fee on Income:Fees:Processing'));
  });

  it('a balanced pair of postings after the engine\'s is refused naming the first of them', () => {
    const journal = rawJournalOf([goldenPayment()]);
    const postings = journal[0]!.postings;
    postings.push({ ...postings[0] }, { ...postings[1] });
    expect(replayOutcome(journal)).toBe(capture('posting 15 (1000 JPY Payment on Assets:Receivable:Customers) is one the engine does not write'));
  });
});

describe('push-movement.ts: a movement is of a positive safe integer (0 appends nothing); anything else is a bug, thrown', () => {
  const from = outsideRef('Assets:Receivable:Customers');
  const to = new MerchantAccounts().of('mart');

  it('0 appends nothing; 1 appends the debit and the credit', () => {
    const postings: Posting[] = [];
    pushMovement(postings, 'JPY', 0, 'Payment', from, to);
    expect(postings).toEqual([]);
    pushMovement(postings, 'JPY', 1, 'Payment', from, to);
    expect(postings).toEqual([
      { account: 'Assets:Receivable:Customers', merchant: undefined, currency: 'JPY', amount: 1, recordType: 'Payment' },
      { account: 'Liabilities:Merchants:mart', merchant: 'mart', currency: 'JPY', amount: -1, recordType: 'Payment' },
    ]);
  });

  it.each([-1, 1.5, 2 ** 53, Number.NaN])('%s throws a RangeError naming the record type and the amount, and appends nothing', (amount) => {
    const postings: Posting[] = [];
    expect(() => pushMovement(postings, 'JPY', amount, 'Payment', from, to)).toThrow(new RangeError(`pushMovement: Payment amount must be a positive safe integer, got ${amount}`));
    expect(postings).toEqual([]);
  });
});

describe('replay-journal.ts: entries come in time order, each at or after the one before', () => {
  type Timed = ReturnType<typeof rawJournalOf>[number] & { at: string };

  it('a second entry dated a millisecond before the first is refused naming both times; the same time is accepted', () => {
    const journal = rawJournalOf([goldenPayment('pay_1'), goldenPayment('pay_2')]) as Timed[];
    const first = journal[0]!.at;
    journal[1]!.at = new Date(Date.parse(first) - 1).toISOString();
    expect(replayOutcome(journal)).toBe(`journal_entry_inapplicable: entry 2 cannot be applied: its time ${journal[1]!.at} is before the previous entry's ${first}`);
    journal[1]!.at = first;
    expect(replayOutcome(journal)).toBe('accepted');
  });

  it('the first entry may carry any time, 1970 and before included', () => {
    const journal = rawJournalOf([goldenPayment('pay_1')]) as Timed[];
    journal[0]!.at = '1969-12-31T23:59:59.999Z';
    expect(replayOutcome(journal)).toBe('accepted');
  });
});

describe('replay-journal.ts: a check that throws on an entry from code refuses that entry, naming it, and changes nothing', () => {
  it('a change whose payment cannot be read is journal_entry_inapplicable with the error\'s message; the replay goes on with the intact entry', () => {
    const journal = rawJournalOf([goldenPayment('pay_1')]);
    const hostile = structuredClone(journal[0]!);
    Object.defineProperty(hostile.changes[1], 'payment', { get: () => { throw new Error('payment cannot be read'); } });
    const replay = new JournalReplay(newLedger());
    expect(replay.add(hostile as unknown as Entry)).toEqual({ ok: false, error: { code: 'journal_entry_inapplicable', message: 'entry 1 cannot be applied: payment cannot be read' } });
    expect(replay.entries).toBe(0);
    expect(replay.add(journal[0] as unknown as Entry)).toEqual({ ok: true, value: undefined });
  });
});

describe('apply-entry.ts: a Konbini payment\'s customer fee is refunded only with a request that includes it: pending with it, refunded when it completes, none again when it is rejected', () => {
  /** A ¥5,000 card payment that leaves mart everything (pm2's 5,000 as its fee): funds the customer fee's refund. */
  const FUNDING: Command = goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] });
  /** The customer fee refund of Konbini payment kb_1 (paid: captured) after `commands`. */
  const feeRefund = (commands: readonly Command[]): string | undefined => ledgerAfter([FUNDING, konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' } as Command, ...commands]).state.payments.get('kb_1')?.customerFeeRefund;
  const request = (id: string, includePaymentMethodFee: boolean): Command => refundRequest({ id, payment: 'kb_1', amount: 100, includePaymentMethodFee, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
  const complete = (id: string): Command => ({ op: 'refund_request.complete', refundRequest: id }) as Command;
  const reject = (id: string): Command => ({ op: 'refund_request.reject', refundRequest: id }) as Command;

  it('a request without the fee leaves it "none", pending and completed', () => {
    expect(feeRefund([request('r1', false)])).toBe('none');
    expect(feeRefund([request('r1', false), complete('r1')])).toBe('none');
  });

  it('a request with the fee makes it "pending", "refunded" once completed, "none" once rejected', () => {
    expect(feeRefund([request('r1', true)])).toBe('pending');
    expect(feeRefund([request('r1', true), complete('r1')])).toBe('refunded');
    expect(feeRefund([request('r1', true), reject('r1')])).toBe('none');
  });

  it('rejecting a request without the fee leaves the fee of another, still pending, "pending"', () => {
    expect(feeRefund([request('r1', true), request('r2', false), reject('r2')])).toBe('pending');
  });
});

describe('apply-entry.ts: what an entry leaves in the state beside its balances', () => {
  it('a command without an idempotency key leaves no key remembered', () => {
    expect(ledgerAfter([goldenPayment()]).state.idempotency.size).toBe(0);
  });

  it('a payment authorized only has no split and no shares yet: platform 0 and no sub-merchant', () => {
    const payment = ledgerAfter([{ ...omit(goldenPayment(), 'split'), capture: false }]).state.payments.get('pay_1');
    expect({ split: payment?.split, shares: payment?.shares }).toEqual({ split: [], shares: { platform: 0, submerchants: [] } });
  });
});

describe('replay-journal.ts: a replay rebuilds a ledger from its first entry, and says so to code that hands it a ledger with entries', () => {
  it('a ledger with one entry is refused with the whole message, "1 entry" in the singular', () => {
    expect(() => new JournalReplay(ledgerAfter([goldenPayment()]))).toThrow(
      new Error('JournalReplay rebuilds a ledger from its first entry, but this one already has 1 entry: replay into a new ledger (createLedger)'),
    );
  });
});

describe('day-start-balances.ts: with more than eight balances per entry of a day, a day start walks the day\'s entries rather than scanning every balance, and replay still accepts the engine\'s journal', () => {
  it('nine merchants with balances, then entries on a second day: the engine\'s journal replays', () => {
    const day1 = (hour: number): string => `2026-04-01T${String(hour).padStart(2, '0')}:00:00+09:00`;
    const journal = rawJournalOf([
      goldenPayment('g1', { at: day1(9), split: [{ submerchantId: 'pm1', amount: 500, platformFee: 50 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }, { submerchantId: 'pm4', amount: 200, platformFee: 20 }] }),
      goldenPayment('b1', { at: day1(10), merchant: 'bazaar', split: [{ submerchantId: 'px', amount: 1000, platformFee: 100 }] }),
      sellerPayment('s1p', { at: day1(11) }),
      sellerPayment('s2p', { at: day1(12), as: 's2' }),
      goldenPayment('g2', { at: '2026-04-02T09:00:00+09:00' }),
      goldenPayment('g3', { at: '2026-04-03T09:00:00+09:00' }),
    ]);
    expect(replayOutcome(journal)).toBe('accepted');
  });
});
