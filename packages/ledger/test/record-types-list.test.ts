import { createLedger, RECORD_TYPES, type RecordType } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { EVERY_POSTING_COMMANDS, EVERY_POSTING_CONFIG } from './support/every-posting-flow.js';

// Review 151: the RecordType docs linked to RECORD_TYPES, which was not exported, so a
// reconciliation script had no run-time list of the names a posting may carry.

describe('RECORD_TYPES, the names a posting may carry', () => {
  it('holds every record type a journal of every posting flow writes, and is frozen', () => {
    const created = createLedger(EVERY_POSTING_CONFIG);
    if (!created.ok) throw new Error(created.error.message);
    for (const command of EVERY_POSTING_COMMANDS) expect(created.value.execute(command).ok).toBe(true);
    const written = new Set(created.value.journal.flatMap((entry) => entry.postings.map((posting) => posting.recordType)));
    expect(written.size).toBe(10);
    for (const recordType of written) expect(RECORD_TYPES).toContain(recordType);
    expect(RECORD_TYPES).toEqual(expect.arrayContaining(['Customer Fee', 'Refunded Customer Fee Tax', 'Refund Fee', 'Platform Fee Return']));
    expect(RECORD_TYPES).toHaveLength(17);
    expect(Object.isFrozen(RECORD_TYPES)).toBe(true);
    expect(() => (RECORD_TYPES as unknown as RecordType[]).push('Payment')).toThrow(TypeError);
  });
});
