import { CompactEntryDecoder, journalNdjsonLines, parseJournalEntry, replayJournal, type Command, type Entry, type Ledger } from '@kanjo/ledger';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG } from './support/fixtures.js';
import { accepted, newLedger } from './support/ledger-harness.js';

// 9420b66 shape-checks a created session whole on replay. Every session the engine writes,
// with any combination of its optional fields, must still replay, from the entries themselves
// and from both journal formats.

const party = fc.constantFrom(
  { merchant: 'mart', capture: 'auto', split: [{ submerchantId: 'pm1', amount: 600, platformFee: 60 }, { submerchantId: 'pm2', amount: 400, platformFee: 0 }] },
  { merchant: 'mart', capture: 'manual' },
  { merchant: 'plt', as: 's1', capture: 'auto', platformAmount: 100, platformMerchant: 'plt' },
  { merchant: 'plt', as: 's1', capture: 'manual', platformAmount: 0, platformMerchant: 'plt' },
  { merchant: 'plt', as: 's1', capture: 'auto', platformAmount: 1000, platformMerchant: 'plt' },
  // Optional fields present but undefined, as a JavaScript caller may spread them.
  { merchant: 'mart', capture: 'manual', as: undefined, split: undefined, platformAmount: undefined, platformMerchant: undefined, externalCustomerId: undefined, metadata: undefined },
);
const metadata = fc.oneof(
  fc.constant({}),
  fc.constant(JSON.parse('{"__proto__":"p","constructor":"c","toString":"1"}') as Record<string, string>),
  fc.constant(Object.assign(Object.create(null) as Record<string, string>, { order: '42' })),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 5 }),
);
const session = fc.record(
  { party, externalCustomerId: fc.string({ maxLength: 20 }), externalOrderNum: fc.string({ maxLength: 20 }), defaultLocale: fc.constantFrom('ja', 'en', ''), metadata, end: fc.constantFrom('complete', 'cancel', 'pending') },
  { requiredKeys: ['party', 'end'] },
);

function replays(journal: readonly Entry[]): Ledger {
  const result = replayJournal(CONFIG, journal);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function fromLines(lines: readonly string[], format: 'compact' | 'objects'): Entry[] {
  const header = JSON.parse(lines[0] ?? 'null') as Record<string, unknown>;
  if (format === 'objects') {
    return lines.slice(1).map((line, index) => {
      const parsed = parseJournalEntry(JSON.parse(line), index + 2);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
  }
  const opened = CompactEntryDecoder.fromHeader(header);
  if (!opened.ok) throw new Error(opened.error.message);
  return lines.slice(1).map((line, index) => {
    const decoded = opened.value.decoder.decodeText(line.trimEnd(), index + 2);
    if (!decoded.ok) throw new Error(decoded.error.message);
    return decoded.value;
  });
}

describe('replay of the sessions the engine writes', () => {
  it('every session the engine creates, with any of as, platformAmount, platformMerchant, split, externalCustomerId, externalOrderNum, defaultLocale and metadata (__proto__ keys too), replays from its entries and from both journal formats to the same sessions', () => {
    fc.assert(
      fc.property(fc.array(session, { minLength: 1, maxLength: 6 }), (sessions) => {
        const ledger = newLedger();
        sessions.forEach(({ party: parties, end, ...optional }, index) => {
          const id = `ses_${index}`;
          accepted(ledger, { op: 'session.create', id, amount: 1000, currency: 'JPY', paymentTypes: ['credit_card', 'konbini'], returnUrl: 'https://shop.example/r?a=1', ...parties, ...optional } as Command);
          if (end === 'complete') accepted(ledger, { op: 'session.complete', session: id, payment: `pay_${index}`, paymentType: 'credit_card' });
          if (end === 'cancel') accepted(ledger, { op: 'session.cancel', session: id });
        });
        const live = [...ledger.state.sessions.entries()];
        expect([...replays(ledger.journal).state.sessions.entries()]).toEqual(live);
        for (const format of ['compact', 'objects'] as const) {
          const lines = [...journalNdjsonLines(CONFIG, ledger.journal, format)].map((line) => line.trimEnd());
          expect([...replays(fromLines(lines, format)).state.sessions.entries()]).toEqual(live);
        }
      }),
      { numRuns: 60 },
    );
  });
});
