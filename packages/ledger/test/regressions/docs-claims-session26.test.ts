import { checkJournalLength, CompactEntryDecoder, createLedger, journalNdjsonLines, merchantBalances, parseJournalEntry, replayJournal, validateBankAccount, type Command, type Entry } from '@kanjo/ledger';
import { validateMarketplaceSplit } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';
import { MAX_JOURNAL_ENTRIES } from '../../src/engine/check-ledger-capacity.js';
import { canonicalJson } from '../../src/engine/canonical-json.js';
import { BANK_ACCOUNT, CONFIG, goldenPayment, marketplaceSession, PAYMENT_METHODS } from '../support/fixtures.js';
import { accepted, ledgerAfter, newLedger, rejected } from '../support/ledger-harness.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Session 26's documentation check (git diff 5ca50a1..HEAD of the READMEs and TSDoc): each
// `it` quotes a sentence that no earlier test would have caught going false. Sentences already
// held elsewhere are listed in the session's report, not repeated here.

/** The text of the journal as `journalNdjsonLines` writes it, in `format`. */
function ndjson(journal: readonly Entry[], format: 'compact' | 'objects'): string {
  return [...journalNdjsonLines(CONFIG, journal, format)].join('');
}

/** The entries of a compact journal's text, read back as the README's example reads them. */
function readCompact(text: string): Entry[] {
  const [header = '', ...lines] = text.split('\n').filter((line) => line !== '');
  const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
  if (!opened.ok) throw new Error(opened.error.message);
  return lines.map((line, index) => {
    const decoded = opened.value.decoder.decodeText(line, index + 2);
    if (!decoded.ok) throw new Error(decoded.error.message);
    return decoded.value;
  });
}

/** The entries of an objects journal's text (`parseJournalEntry(JSON.parse(line), n)`). */
function readObjects(text: string): Entry[] {
  const [, ...lines] = text.split('\n').filter((line) => line !== '');
  return lines.map((line, index) => {
    const parsed = parseJournalEntry(JSON.parse(line), index + 2);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  });
}

describe('README idempotency_key_invalid: "Any other text is a key, a line break included: the journal keeps it inside JSON"', () => {
  const KEY = 'order-7\nretry\u2028\u0085end';
  const keyed = (): Command => goldenPayment('p', { idempotencyKey: KEY });

  it('a key holding a line break, U+2028 and U+0085 is taken, and its retry answers the first result', () => {
    const ledger = newLedger();
    const first = accepted(ledger, keyed());
    expect(first.entry.command.idempotencyKey).toBe(KEY);
    const again = accepted(ledger, keyed());
    expect([again.replayed, again.entry.seq, ledger.journal.length]).toEqual([true, 1, 1]);
    expect(rejected(ledger, goldenPayment('q', { idempotencyKey: KEY }), 'idempotency_key_reused')).toBe(
      'idempotency_key "order-7\\nretry\\u2028\\u0085end" was used for a different command: use a new key',
    );
  });

  it.each(['compact', 'objects'] as const)('in the %s journal the keyed entry stays one line, gives the key back whole, and the rebuilt ledger answers the retry', (format) => {
    const ledger = ledgerAfter([keyed()]);
    const text = ndjson(ledger.journal, format);
    // A header and one entry: no raw line break, U+2028 or U+0085 anywhere in the text.
    expect(text.split(/\r\n|[\n\r\u0085\u2028\u2029]/u)).toHaveLength(3);
    expect(text.endsWith('\n')).toBe(true);
    const entries = format === 'compact' ? readCompact(text) : readObjects(text);
    expect(entries.map((entry) => entry.command.idempotencyKey)).toEqual([KEY]);
    const replayed = replayJournal(CONFIG, entries);
    if (!replayed.ok) throw new Error(replayed.error.message);
    const retry = replayed.value.execute(keyed());
    expect(retry.ok && [retry.replayed, retry.entry.seq]).toEqual([true, 1]);
  });
});

describe('README Idempotency: "an `at` that is no time (no offset, 30 February, before 1400) is `time_invalid`, as it is read before the key is looked up"', () => {
  // idempotency-and-time.test.ts holds "no offset" and "30 February"; these are the range's ends.
  it.each([
    ['1399-12-31T23:59:59Z', 'at "1399-12-31T23:59:59Z" is 1399-12-31T23:59:59.000Z in UTC: a time must fall between 1400-01-02 and 9999-12-30 in UTC, so that every date Kanjo writes of it, in any time zone, is one hledger and ledger read'],
    ['9999-12-31T00:00:00Z', 'at "9999-12-31T00:00:00Z" is 9999-12-31T00:00:00.000Z in UTC: a time must fall between 1400-01-02 and 9999-12-30 in UTC, so that every date Kanjo writes of it, in any time zone, is one hledger and ledger read'],
  ])('the retry of a held key dated %s is time_invalid, not the first result, and appends nothing', (at, message) => {
    const ledger = ledgerAfter([goldenPayment('p', { idempotencyKey: 'k', at: '2026-04-01T10:00:00+09:00' })]);
    expect(rejected(ledger, goldenPayment('p', { idempotencyKey: 'k', at }), 'time_invalid')).toBe(message);
    expect(ledger.journal).toHaveLength(1);
    // The first day ledger reads, though long before the entry, is a time: the first result.
    expect(accepted(ledger, goldenPayment('p', { idempotencyKey: 'k', at: '1400-01-02T00:00:00Z' })).replayed).toBe(true);
  });
});

describe('README Idempotency: "a boxed number as its number (before 2026-12-02 one was written `{}` whatever it held, so a retry against such an entry is refused as reused)"', () => {
  // keyed-fingerprint-forms.test.ts holds today's form and review-session25 the boxed String of
  // an earlier journal; this is the sentence's own case, a boxed number.
  const keyed = (): Command => ({ ...goldenPayment('p'), idempotencyKey: 'k', note: Object(5) as object }) as unknown as Command;

  it('an entry an earlier version wrote with the boxed number as {}: the same command\'s retry is idempotency_key_reused', () => {
    const written = newLedger();
    accepted(written, keyed());
    const earlier = JSON.parse(JSON.stringify(written.journal)) as { command: { fingerprint: string } }[];
    const today = (earlier[0] as { command: { fingerprint: string } }).command.fingerprint;
    expect(JSON.parse(today)).toMatchObject({ note: 5 });
    // What the versions before wrote: the boxed number rebuilt from its own (no) entries.
    const { idempotencyKey: _key, ...request } = { ...goldenPayment('p'), origin: 'api', note: {} };
    (earlier[0] as { command: { fingerprint: string } }).command.fingerprint = canonicalJson(request);
    expect((earlier[0] as { command: { fingerprint: string } }).command.fingerprint).toContain('"note":{}');
    const replayed = replayJournal(CONFIG, earlier as unknown as Entry[]);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(rejected(replayed.value, keyed(), 'idempotency_key_reused')).toBe('idempotency_key k was used for a different command: use a new key');
    expect(replayed.value.journal).toHaveLength(1);
  });
});

describe('README Idempotency: "A keyed command is remembered as its whole JSON, in its journal entry, fields Kanjo does not read included"', () => {
  // The README's warning ("personal data would be kept in an append-only journal") rests on it.
  const withEmail = (key?: string): Command =>
    ({ ...goldenPayment('p'), ...(key === undefined ? {} : { idempotencyKey: key }), customer: { email: 'taro@example.jp', phone: '090-0000-0000' } }) as unknown as Command;

  it.each(['compact', 'objects'] as const)('a keyed command\'s unread fields are in the %s journal, and in the journal replayed from it; an unkeyed command\'s are nowhere', (format) => {
    const keyed = ledgerAfter([withEmail('k')]);
    const text = ndjson(keyed.journal, format);
    expect(text).toContain('taro@example.jp');
    expect(text).toContain('090-0000-0000');
    const entries = format === 'compact' ? readCompact(text) : readObjects(text);
    expect(JSON.parse(entries[0]?.command.fingerprint ?? '')).toMatchObject({ customer: { email: 'taro@example.jp', phone: '090-0000-0000' } });
    const unkeyed = ledgerAfter([withEmail()]);
    expect(ndjson(unkeyed.journal, format)).not.toContain('taro@example.jp');
    expect(JSON.stringify(unkeyed.journal)).not.toContain('taro@example.jp');
  });
});

describe('README "Only accepted commands are remembered: a rejected command may be retried with its key", at ledger_full', () => {
  it('a keyed command refused ledger_full at 100,000,000 entries leaves its key free: once there is room, another command under that key is accepted', () => {
    const ledger = ledgerAfter([goldenPayment('pay_0', { at: '2026-01-01T00:00:00+09:00' })]);
    // A sparse array of that length, as ledger-capacity.test.ts does: the entries would take tens of gigabytes.
    const journal = ledger.journal as unknown as unknown[];
    journal.length = MAX_JOURNAL_ENTRIES;
    const refused = ledger.execute(goldenPayment('pay_1', { idempotencyKey: 'k' }));
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('ledger_full');
    expect(ledger.state.idempotency.has('k')).toBe(false);
    journal.length = MAX_JOURNAL_ENTRIES - 1;
    const other = ledger.execute({ op: 'payment.chargeback', payment: 'pay_0', idempotencyKey: 'k' });
    expect(other.ok && [other.replayed, other.entry.seq]).toEqual([false, MAX_JOURNAL_ENTRIES]);
    journal.length = 1;
  });
});

describe('README Large scenarios: "So is every command once the journal holds 100,000,000 entries" (rejected ledger_full)', () => {
  // Doc imprecision, pinned as it is: not every command. A retry of a held key appends nothing
  // and is answered, and a command refused for its own reason keeps that reason (the check runs
  // on the entry a command would append). Sensible, but "every command" says otherwise; the
  // rejection table's "or its journal holds 100,000,000 entries" is closer. Minimal
  // reproduction: at 10^8 entries, the retry of the first keyed payment answers replayed: true.
  it('at 100,000,000 entries a retry of a held key is answered, a capture of no payment is payment_not_found, a new payment is ledger_full', () => {
    const ledger = ledgerAfter([goldenPayment('pay_0', { at: '2026-01-01T00:00:00+09:00', idempotencyKey: 'k0' })]);
    const journal = ledger.journal as unknown as unknown[];
    journal.length = MAX_JOURNAL_ENTRIES;
    const retry = ledger.execute(goldenPayment('pay_0', { idempotencyKey: 'k0' }));
    expect(retry.ok && [retry.replayed, retry.entry.seq]).toEqual([true, 1]);
    // execute itself: the harness's `rejected` snapshots the state, a walk of 10^8 holes.
    const outcome = (command: Command): string => {
      const result = ledger.execute(command);
      return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
    };
    expect(outcome({ op: 'payment.capture', payment: 'nope' })).toBe('payment_not_found: no payment "nope": check the id');
    expect(outcome(goldenPayment('pay_1'))).toMatch(/^ledger_full: this ledger already holds 100,000,000 entries, /);
    expect(journal.length).toBe(MAX_JOURNAL_ENTRIES);
    journal.length = 1;
  });
});

describe('settlement runs and a period that pays nothing', () => {
  const START = '2026-01-01T00:00:00+09:00';
  // pm1 is paid at any amount, pm2 only from ¥100,000: the golden payment leaves pm1 630, pm2 270.
  const BEFORE: Command[] = [
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: START },
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 100_000 },
    goldenPayment('p', { at: '2026-01-05T10:00:00+09:00' }),
  ];

  it('examples README: "Its `at` must come after the end of each period it settles (one that pays nothing, under a minimum, included), or it is rejected with `settlement_period_not_ended`"', () => {
    // Only pm2 has settings: its week Sat 01-03 to Fri 01-09 ends 01-10T00:00+09:00, paid Fri 01-16.
    const early = ledgerAfter([
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 100_000, at: START },
      goldenPayment('p', { at: '2026-01-05T10:00:00+09:00' }),
    ]);
    expect(rejected(early, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-09T23:59:59+09:00' }, 'settlement_period_not_ended')).toBe(
      'the run is dated 2026-01-09T14:59:59.000Z, before the period 2026-01-03 to 2026-01-09 it would pay for pm2 has ended at 2026-01-10T00:00+09:00 (2026-01-09T15:00:00.000Z in UTC): date the run (at) at or after that',
    );
    const entry = accepted(early, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-10T00:00:00+09:00' }).entry;
    expect([entry.changes, entry.postings, entry.events]).toEqual([
      [{ kind: 'payout_period_settled', merchant: 'pm2', currency: 'JPY', periodStart: '2026-01-03', periodEnd: '2026-01-09', amount: 0 }],
      [],
      [],
    ]);
  });

  // README reconcile said "a run that leaves out a period of 0 is not noticed", which read as if
  // leaving out a period that paid were noticed. It is not: a merchant deactivated then is not
  // paid, and the replay cannot tell which were (payout-misfit.ts's TSDoc). The README now says
  // so. The run below with pm1's payout_period_settled, its two Payout postings and its
  // settlement.created event removed replays as accepted, pm1 keeping the 630 it was paid.
  it('README reconcile: "a run that leaves out a period is not noticed, whatever it would have paid" (the journal keeps no holidays): a period of 0 or one that paid', () => {
    const journal = rawJournalOf([...BEFORE, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' }]);
    const run = journal.at(-1) as RawEntry;
    expect(run.changes.map((change) => [change['merchant'], change['amount']])).toEqual([['pm1', 630], ['pm2', 0]]);
    const withoutZero = JSON.parse(JSON.stringify(journal)) as RawEntry[];
    (withoutZero.at(-1) as RawEntry).changes.splice(1, 1);
    expect(replayOutcome(withoutZero)).toBe('accepted');
    const replayed = replayJournal(CONFIG, withoutZero as unknown as Entry[]);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(merchantBalances(replayed.value.state)).toMatchObject({ pm1: { JPY: 0 }, pm2: { JPY: 270 } });
    const withoutPaid = JSON.parse(JSON.stringify(journal)) as RawEntry[];
    const last = withoutPaid.at(-1) as RawEntry & { events: unknown[] };
    last.changes.splice(0, 1);
    last.postings = [];
    last.events = [];
    expect(replayOutcome(withoutPaid)).toBe('accepted');
    // The control: the period of 0 kept but given an amount is refused.
    const changedAmount = JSON.parse(JSON.stringify(journal)) as RawEntry[];
    ((changedAmount.at(-1) as RawEntry).changes[1] as Record<string, unknown>)['amount'] = 1;
    expect(replayOutcome(changedAmount)).toBe('journal_entry_inapplicable: entry 4 cannot be applied: payout of 1 JPY to pm2, below its minimum of 100000: a run carries such an amount over');
  });
});

describe('command-fingerprint.ts: "2^26 holds the largest command Kanjo reads (a session of 103 texts of 65,536, each character escaped: about 41 million) with room to spare"', () => {
  // README command_invalid: a keyed command longer than 67,108,864 characters as JSON is refused;
  // the claim is that no command Kanjo reads whole reaches it. keyed-command-size.test.ts holds
  // the bound itself with a field Kanjo does not read.
  it('a keyed session whose 103 carried texts are each 65,536 characters JSON writes six-fold is accepted, its fingerprint under 2^26, and its retry answered', () => {
    const LIMIT = 65_536;
    const escaped = '\u0001'.repeat(LIMIT); // U+0001: JSON writes it as \u0001
    const metadata = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`${String(index).padStart(2, '0')}${'\u0001'.repeat(LIMIT - 2)}`, escaped]));
    const url = 'https://shop.example/';
    const session = marketplaceSession('s', { returnUrl: `${url}${'a'.repeat(LIMIT - url.length)}`, externalOrderNum: escaped, defaultLocale: escaped, metadata, idempotencyKey: 'k' });
    const ledger = newLedger();
    const first = accepted(ledger, session);
    const length = first.entry.command.fingerprint?.length ?? 0;
    // 102 texts of 65,536 six-fold, the URL and the rest of the command: about 40.2 million.
    expect(length).toBeGreaterThan(102 * LIMIT * 6);
    expect(length).toBeLessThan(2 ** 26);
    expect(accepted(ledger, session).replayed).toBe(true);
    expect(ledger.journal).toHaveLength(1);
  }, 60_000);
});

describe('README Rejection codes: "An id the ledger already holds (…) is written as it is, whole: … so the message stays one line, if up to 255 characters longer"', () => {
  // Against "what the caller sent is quoted as JSON … and cut to 64 characters": an id the ledger
  // does not hold is the caller's text (cut); one it holds was checked when it was taken.
  const P = 'p'.repeat(255);
  const M = 'm'.repeat(255);
  const R = 'r'.repeat(255);
  const S = 's'.repeat(255);
  function ledgerOf255(): ReturnType<typeof newLedger> {
    const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS }, { id: M, type: 'payout', platform: 'mart', paymentTypes: ['konbini'] }] });
    if (!created.ok) throw new Error(created.error.message);
    const ledger = created.value;
    accepted(ledger, { op: 'payment.create', id: P, merchant: 'mart', amount: 5000, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: M, amount: 5000, platformFee: 4000 }] });
    accepted(ledger, { op: 'payment.capture', payment: P });
    return ledger;
  }

  it('payment_id_taken, payment_type_not_accepted and insufficient_balance write a 255-character payment or merchant id whole', () => {
    const ledger = ledgerOf255();
    expect(rejected(ledger, { op: 'payment.create', id: P, merchant: 'mart', amount: 100, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: M, amount: 100, platformFee: 0 }] }, 'payment_id_taken')).toBe(
      `payment id ${P} is already used: give a new id, or resend the first request with its idempotency_key`,
    );
    expect(rejected(ledger, { op: 'payment.create', id: 'q', merchant: 'mart', amount: 100, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: M, amount: 100, platformFee: 0 }] }, 'payment_type_not_accepted')).toMatch(
      new RegExp(`^payout merchant ${M} does not accept credit_card: `),
    );
    expect(rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: M, to: 'mart', amount: 999_999, currency: 'JPY' }, 'insufficient_balance')).toBe(
      `merchant ${M} has 1000 JPY available, less than the amount 999999 JPY to transfer (short by 998999)`,
    );
  });

  it('refund_request_not_pending and session_not_pending write a 255-character id whole; refund_request_not_found, an id not held, cuts it to 64', () => {
    const ledger = ledgerOf255();
    accepted(ledger, { op: 'payment.refund_request', id: R, payment: P, amount: 100, includePaymentMethodFee: false, split: [{ submerchantId: M, amount: 100, platformFee: 0 }], bankAccount: BANK_ACCOUNT });
    accepted(ledger, { op: 'refund_request.reject', refundRequest: R });
    expect(rejected(ledger, { op: 'refund_request.complete', refundRequest: R }, 'refund_request_not_pending')).toBe(
      `refund request ${R} is already rejected: only a pending refund request can be completed or rejected`,
    );
    expect(rejected(ledger, { op: 'refund_request.complete', refundRequest: 'x'.repeat(255) }, 'refund_request_not_found')).toBe(`no refund request "${'x'.repeat(64)}…": check the id`);
    accepted(ledger, { op: 'session.create', id: S, merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['konbini'], returnUrl: 'https://a.example/', capture: 'auto', split: [{ submerchantId: M, amount: 1000, platformFee: 0 }] });
    accepted(ledger, { op: 'session.cancel', session: S });
    expect(rejected(ledger, { op: 'session.cancel', session: S }, 'session_not_pending')).toBe(
      `session ${S} is already cancelled: only a pending session can be completed or cancelled; create a new session`,
    );
  });
});

describe('@kanjo/splits MarketplaceSplitLine.submerchantId: "at most 255 UTF-16 code units (JavaScript\'s `length`: an emoji counts two)"', () => {
  // Through the ledger an id of no configured merchant is submerchant_not_found first, so the
  // bound is held on the splits function itself.
  const line = (submerchantId: string) => [{ submerchantId, amount: 1000, platformFee: 0 }];
  it('127 emoji and a letter (255 units) pass; 128 emoji (128 characters, 256 units) are split_submerchant_id_invalid', () => {
    const longest = `${'😀'.repeat(127)}x`;
    expect(validateMarketplaceSplit(line(longest), 'immediate_capture', 1000)).toEqual({ ok: true, value: line(longest) });
    const refused = validateMarketplaceSplit(line('😀'.repeat(128)), 'immediate_capture', 1000);
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('split_submerchant_id_invalid');
  });
});

describe('README Rejection codes: "the message says what to fix", for ids counted in UTF-16 code units', () => {
  // Was a defect (messages against the documents): README's id_invalid and idempotency_key_invalid
  // rows and splits' TSDoc count the 255 in UTF-16 code units ("128 of them are too long"), but
  // the messages said only "1 to 255 characters": a caller who sent 128 emoji (128 characters)
  // was told the bound is 255 characters and could not see what to fix. Reproduction:
  // newLedger().execute(goldenPayment('😀'.repeat(128))) answered id_invalid "… id must be a
  // string of 1 to 255 characters"; the same for idempotencyKey and a split line's submerchantId.
  const messageOf = (result: { ok: boolean; error?: { message: string } }): string => (result.ok ? 'accepted' : (result.error?.message ?? ''));
  const NOTE = " (UTF-16 code units, JavaScript's length, where a character past U+FFFF (most emoji) counts 2: it has 256)";
  it('id_invalid, idempotency_key_invalid and split_submerchant_id_invalid for 128 emoji name UTF-16 code units and the length sent', () => {
    const emoji = '😀'.repeat(128);
    expect(messageOf(newLedger().execute(goldenPayment(emoji)))).toBe(`id must be a string of 1 to 255 characters${NOTE}`);
    expect(messageOf(newLedger().execute(goldenPayment('p', { idempotencyKey: emoji })))).toBe(`idempotency_key must be 1 to 255 characters${NOTE}`);
    expect(messageOf(validateMarketplaceSplit([{ submerchantId: emoji, amount: 1000, platformFee: 0 }], 'immediate_capture', 1000) as never)).toBe(
      `submerchants[0].submerchant_id must be a non-empty string of at most 255 characters${NOTE}`,
    );
  });
  it('an empty or non-text id keeps the message without the note: it has no length to name', () => {
    expect(messageOf(newLedger().execute(goldenPayment('')))).toBe('id must be a string of 1 to 255 characters');
    expect(messageOf(newLedger().execute(goldenPayment('p', { idempotencyKey: '' })))).toBe('idempotency_key must be 1 to 255 characters');
    expect(messageOf(validateMarketplaceSplit([{ submerchantId: 5 as never, amount: 1000, platformFee: 0 }], 'immediate_capture', 1000) as never)).toBe(
      'submerchants[0].submerchant_id must be a non-empty string of at most 255 characters',
    );
  });
});

describe('README reconcile, "Journals of earlier versions" are refused: "a session carrying a text longer than 65,536 characters … (before 16a01da)"', () => {
  // session-carried-text-bounds.test.ts holds the engine's bound and the replay of a type listed
  // twice; this is the replay of each over-long text.
  const LIMIT = 65_536;
  const refusal = (field: string) =>
    `journal_entry_inapplicable: entry 1 cannot be applied: session ses_1 is one the engine refuses to create: session_text_too_long: ${field} is 65,537 characters long: a session carries texts of at most 65,536 (UTF-16 code units, JavaScript's length); keep longer data in your own system and carry a reference to it`;
  const url = (length: number) => `https://a.example/${'a'.repeat(length - 'https://a.example/'.length)}`;
  const cases: [string, (session: Record<string, unknown>, length: number) => void][] = [
    ['return_url', (session, length) => (session['returnUrl'] = url(length))],
    ['payment_data.external_order_num', (session, length) => (session['externalOrderNum'] = 'x'.repeat(length))],
    ['default_locale', (session, length) => (session['defaultLocale'] = 'x'.repeat(length))],
    ['metadata.a', (session, length) => (session['metadata'] = { a: 'x'.repeat(length) })],
  ];
  it.each(cases)('a session whose %s is 65,537 units is refused; at 65,536 it replays', (field, set) => {
    const journalWith = (length: number): RawEntry[] => {
      const journal = rawJournalOf([marketplaceSession('ses_1', { defaultLocale: 'ja', externalOrderNum: 'o', metadata: { a: 'b' } })]);
      set((journal[0] as RawEntry).changes[0]?.['session'] as Record<string, unknown>, length);
      return journal;
    };
    expect(replayOutcome(journalWith(LIMIT + 1))).toBe(refusal(field));
    expect(replayOutcome(journalWith(LIMIT))).toBe('accepted');
  });
});

describe('README export sample: "const whole = checkJournalLength(opened.value.entries, entries.length); // not cut between two entries"', () => {
  // test/docs/readme-samples.test.ts runs the sample as it was before these two lines were added.
  /** The README's reading sample from `text` on, as written, to the balances or the Error it throws. */
  function readAsTheSampleDoes(text: string): unknown {
    const [header = '', ...lines] = text.split('\n').filter((line) => line !== '');
    const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
    if (!opened.ok) throw new Error(opened.error.message);
    const entries = lines.map((line, index) => {
      const decoded = opened.value.decoder.decodeText(line, index + 2);
      if (!decoded.ok) throw new Error(decoded.error.message);
      return decoded.value;
    });
    const whole = checkJournalLength(opened.value.entries, entries.length);
    if (!whole.ok) throw new Error(whole.error.message);
    const replayed = replayJournal(opened.value.config, entries);
    if (!replayed.ok) throw new Error(replayed.error.message);
    return merchantBalances(replayed.value.state);
  }
  const text = ndjson(ledgerAfter([goldenPayment('p1'), goldenPayment('p2')]).journal, 'compact');

  it('the whole journal gives the live balances', () => {
    expect(readAsTheSampleDoes(text)).toMatchObject({ mart: { JPY: 120 }, pm1: { JPY: 1260 }, pm2: { JPY: 540 } });
  });

  it('the journal cut after its first entry (head -n 2) throws, where without the check it gave smaller balances', () => {
    const cut = text.split('\n').slice(0, 2).join('\n');
    expect(() => readAsTheSampleDoes(cut)).toThrow(new Error('its header says 2 entries follow, but it holds 1: the file was cut after entry 1 (a partial copy or download); export or copy it again'));
  });
});

describe('every text bound past which a message is written names its unit and the length sent', () => {
  // The same unit note as ids: a bank name and a configured merchant id are bounded in UTF-16
  // code units too. A session's external customer id is bounded in characters, as KOMOJU's is.
  const NOTE = " (UTF-16 code units, JavaScript's length, where a character past U+FFFF (most emoji) counts 2: it has 256)";
  const emoji = '😀'.repeat(128);
  it('bank_name, branch_name and customer_name', () => {
    const first = (result: { ok: boolean; error?: { message: string } }): string => (result.ok ? 'accepted' : (result.error?.message ?? ''));
    expect(first(validateBankAccount({ ...BANK_ACCOUNT, bankName: emoji }))).toBe(`bank_name must be 1 to 255 characters${NOTE}, not blank`);
    expect(first(validateBankAccount({ ...BANK_ACCOUNT, branchName: emoji }))).toBe(`branch_name must be 1 to 255 characters${NOTE}, not blank`);
    expect(first(validateBankAccount({ ...BANK_ACCOUNT, customerName: 'ア'.repeat(256) }))).toBe(
      `customer_name must be the account holder's name in katakana (full-width or half-width, with spaces), with at least one kana letter (long vowel, iteration and voicing marks, middle dots and double hyphens alone name nobody), at most 255 characters${NOTE}, e.g. ヤマダタロウ`,
    );
  });
  it('a configured merchant id; external_customer_id, which counts characters (code points), says characters alone', () => {
    expect(newLedger().execute(marketplaceSession('ses_1', { externalCustomerId: '😀'.repeat(255) })).ok).toBe(true);
    const session = newLedger().execute(marketplaceSession('ses_1', { externalCustomerId: '😀'.repeat(256) }));
    expect(session.ok ? 'accepted' : session.error.message).toBe('external_customer_id must be at most 255 characters');
    const created = createLedger({ ...CONFIG, merchants: [...CONFIG.merchants, { id: emoji, type: 'payout', platform: 'mart' }] });
    expect(created.ok ? 'accepted' : created.error.message).toBe(`merchant id ${quotedEmoji()} must be 1 to 255 characters${NOTE} without spaces, control characters or lone UTF-16 surrogates`);
  });
  /** How quoted() writes 128 emoji: cut to 64 characters. */
  function quotedEmoji(): string {
    return `"${'😀'.repeat(64)}…"`;
  }
});
