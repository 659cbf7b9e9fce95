import { describe, expect, it } from 'vitest';
import { goldenPayment } from './support/fixtures.js';
import { rawJournalOf, replayOutcome } from './support/raw-journal.js';
import { entryTimeMillis } from '../src/journal/entry-time.js';

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
