import { CompactEntryDecoder, journalNdjsonLines, replayJournal, type CreateSessionCommand, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, marketplaceSession } from '../support/fixtures.js';
import { appended, newLedger, rejected } from '../support/ledger-harness.js';
import { rawJournalOf, replayOutcome } from '../support/raw-journal.js';

// A session is kept whole in the journal, on one line. Its carried texts (return_url,
// external_order_num, default_locale, metadata keys and values) had no limit, nor had its
// payment_types list: from code, a session with two metadata values of 300 MiB was accepted and
// every export of the journal from then on threw "RangeError: Invalid string length" (a line
// longer than JavaScript's longest string), in an append-only journal that cannot drop it.
// README: session_text_too_long, session_payment_types_repeated.

const LIMIT = 65_536;
const LONGEST = 'x'.repeat(LIMIT);
const TOO_LONG = 'x'.repeat(LIMIT + 1);
const URL_PREFIX = 'https://shop.example/';
const tail = (length: number) => `${URL_PREFIX}${'a'.repeat(length - URL_PREFIX.length)}`;
const refusal = (field: string) =>
  `${field} is 65,537 characters long: a session carries texts of at most 65,536 (UTF-16 code units, JavaScript's length); keep longer data in your own system and carry a reference to it`;

describe('session texts: at most 65,536 UTF-16 code units each (session_text_too_long)', () => {
  it('each text at the limit is accepted, and the journal exports and decodes back to the same entry', () => {
    const metadata = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`${String(index).padStart(2, '0')}${'k'.repeat(LIMIT - 2)}`, LONGEST]));
    const ledger = newLedger();
    const entry = appended(ledger, marketplaceSession('s', { returnUrl: tail(LIMIT), externalOrderNum: LONGEST, defaultLocale: LONGEST, metadata }));
    const lines = [...journalNdjsonLines(CONFIG, ledger.journal)];
    const opened = CompactEntryDecoder.fromHeader(JSON.parse(lines[0] ?? 'null'));
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.decoder.decodeText((lines[1] ?? '').trimEnd(), 2)).toEqual({ ok: true, value: entry });
  });

  const cases: [string, Partial<CreateSessionCommand>][] = [
    ['return_url', { returnUrl: tail(LIMIT + 1) }],
    ['payment_data.external_order_num', { externalOrderNum: TOO_LONG }],
    ['default_locale', { defaultLocale: TOO_LONG }],
    ['metadata.note', { metadata: { ok: 'fine', note: TOO_LONG } }],
    [`a metadata key ("${'x'.repeat(64)}…")`, { metadata: { ok: 'fine', [TOO_LONG]: 'v' } }],
  ];
  for (const [field, overrides] of cases) {
    it(`${field.slice(0, 40)}: one unit more is refused, naming it, and nothing is written`, () => {
      expect(rejected(newLedger(), marketplaceSession('s', overrides), 'session_text_too_long')).toBe(refusal(field));
    });
  }
});

describe('session payment types: each listed once (session_payment_types_repeated)', () => {
  it('a type listed twice is refused, naming it, and nothing is written', () => {
    expect(rejected(newLedger(), marketplaceSession('s', { paymentTypes: ['credit_card', 'konbini', 'credit_card'] }), 'session_payment_types_repeated')).toBe(
      'payment_types lists credit_card more than once: list each payment type to offer once',
    );
  });

  it('a list of a million repeats is refused at its second item (the check does not walk the list)', () => {
    expect(rejected(newLedger(), marketplaceSession('s', { paymentTypes: Array.from({ length: 1_000_000 }, () => 'konbini') }), 'session_payment_types_repeated')).toBe(
      'payment_types lists konbini more than once: list each payment type to offer once',
    );
  });

  it('a journal whose session lists a type twice replays no more: the engine would not have created it', () => {
    const journal = rawJournalOf([marketplaceSession('ses_1')]);
    (journal[0]!.changes[0]!['session'] as { paymentTypes: string[] }).paymentTypes.push('konbini');
    expect(replayOutcome(journal)).toBe(
      'journal_entry_inapplicable: entry 1 cannot be applied: session ses_1 is one the engine refuses to create: session_payment_types_repeated: payment_types lists konbini more than once: list each payment type to offer once',
    );
    expect(replayJournal(CONFIG, rawJournalOf([marketplaceSession('ses_1')]) as unknown as Entry[]).ok).toBe(true);
  });
});
