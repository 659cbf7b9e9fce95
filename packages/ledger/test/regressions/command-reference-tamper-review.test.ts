import { CompactEntryDecoder, journalNdjsonLines, replayJournal, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, FUNDED_KONBINI, goldenPayment, refundRequest } from '../support/fixtures.js';
import { accepted, ledgerAfter } from '../support/ledger-harness.js';
import { rawJournalOf, replayOutcome } from '../support/raw-journal.js';

// Review 138: in a compact journal, renaming the header's `=idempotencyKey` field left an
// entry's command with its fingerprint but no key. `kanjo reconcile` accepted it with the same
// balances, and a ledger rebuilt from it had forgotten the key: a retry with it posted the
// transfer a second time. A field added to the command's shape (`=amount`) was accepted too.

const TRANSFER = { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 300, currency: 'JPY', idempotencyKey: 't1' } as const;
const COMMANDS = [goldenPayment(), TRANSFER];

describe('an entry\'s command holds its op, and its idempotency key with the fingerprint, nothing else', () => {
  it('a fingerprint without its key is refused, naming the entry', () => {
    const journal = rawJournalOf(COMMANDS) as unknown as { command: Record<string, unknown> }[];
    delete journal[1]?.command['idempotencyKey'];
    expect(replayOutcome(journal as never)).toBe(
      'journal_entry_inapplicable: entry 2 cannot be applied: its command has a fingerprint but no idempotency key: the engine keeps a fingerprint only with its key',
    );
  });

  it('a field of the command\'s own is refused; one left undefined (from code) is no field', () => {
    const journal = rawJournalOf(COMMANDS) as unknown as { command: Record<string, unknown> }[];
    (journal[0] as { command: Record<string, unknown> }).command['amount'] = 999_999;
    expect(replayOutcome(journal as never)).toBe(
      'journal_entry_inapplicable: entry 1 cannot be applied: its command has a field "amount", which the engine never keeps: an entry\'s command holds its op, and its idempotency key with the fingerprint',
    );
    (journal[0] as { command: Record<string, unknown> }).command['amount'] = undefined;
    expect(replayOutcome(journal as never)).toBe('accepted');
  });

  it('through the compact format: the key\'s field renamed in the header is refused, and the untampered journal keeps the key across the replay', () => {
    const live = ledgerAfter(COMMANDS);
    const lines = [...journalNdjsonLines(CONFIG, live.journal)].map((line) => line.replace(/\n$/, ''));
    const replayLines = (header: string): string => {
      const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
      if (!opened.ok) return `${opened.error.code}: ${opened.error.message}`;
      const entries: Entry[] = [];
      for (const [index, line] of lines.slice(1).entries()) {
        const decoded = opened.value.decoder.decodeText(line, index + 2);
        if (!decoded.ok) return `${decoded.error.code}: ${decoded.error.message}`;
        entries.push(decoded.value);
      }
      const rebuilt = replayJournal(CONFIG, entries);
      if (!rebuilt.ok) return `${rebuilt.error.code}: ${rebuilt.error.message}`;
      // A retry of the keyed transfer on the rebuilt ledger answers the first result.
      return accepted(rebuilt.value, TRANSFER).replayed ? 'key kept' : 'key forgotten: posted again';
    };
    const header = lines[0] ?? '';
    expect(header).toContain('"=idempotencyKey"');
    expect(replayLines(header)).toBe('key kept');
    expect(replayLines(header.replace('"=idempotencyKey"', '"=idempotencyKeX"'))).toBe(
      'journal_entry_inapplicable: entry 2 cannot be applied: its command has a fingerprint but no idempotency key: the engine keeps a fingerprint only with its key',
    );
  });
});

describe('a refund request\'s platform is an id as the engine writes it', () => {
  it('a platform of 5 or null is journal_entry_malformed naming the field, not a request naming platform 5', () => {
    const commands = [...FUNDED_KONBINI, refundRequest({ id: 'rq', payment: 'kb_1' })];
    for (const platform of [5, null]) {
      const journal = rawJournalOf(commands);
      const created = journal[3]?.changes[0];
      if (created?.['kind'] !== 'refund_request_created') throw new Error('expected the request in entry 4');
      created['request'].platform = platform;
      expect(replayOutcome(journal)).toMatch(/^journal_entry_malformed: entry 4: .*refund_request_created needs request of the right type/);
    }
  });
});
