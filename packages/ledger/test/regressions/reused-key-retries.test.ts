import type { Command } from '@kanjo/ledger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { goldenPayment } from '../support/fixtures.js';
import { accepted, ledgerAfter, rejected } from '../support/ledger-harness.js';

// Review 167: every retry reusing a key for a different command read the stored command again
// (JSON.parse, then its fingerprint with today's defaults): retries of a 3 MB session's key cost
// 5 ms each, time growing with retries × stored size. Today's form of a stored command is now
// worked out once per key.

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a key reused for other commands', () => {
  it('is refused every time, reading the stored command at most once however often it is retried', () => {
    const first = { ...goldenPayment('p'), idempotencyKey: 'k', metadataNote: 'x'.repeat(10_000) } as unknown as Command;
    const ledger = ledgerAfter([first]);
    const parse = vi.spyOn(JSON, 'parse');
    for (let retry = 0; retry < 50; retry += 1) {
      rejected(ledger, { op: 'payment.capture', payment: 'p', idempotencyKey: 'k' }, 'idempotency_key_reused');
      rejected(ledger, { ...goldenPayment('q'), idempotencyKey: 'k' }, 'idempotency_key_reused');
    }
    const storedReads = parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('x'.repeat(10_000)));
    expect(storedReads.length).toBeLessThanOrEqual(1);
  });

  it('still answers the same command from its key, and a retry that spells a default out, after refusals', () => {
    const ledger = ledgerAfter([{ ...goldenPayment('p'), idempotencyKey: 'k' }]);
    rejected(ledger, { ...goldenPayment('q'), idempotencyKey: 'k' }, 'idempotency_key_reused');
    expect(accepted(ledger, { ...goldenPayment('p'), idempotencyKey: 'k' }).replayed).toBe(true);
    const { capture: _capture, ...withoutCapture } = goldenPayment('p');
    expect(accepted(ledger, { ...withoutCapture, idempotencyKey: 'k' } as Command).replayed).toBe(true);
    expect(ledger.journal).toHaveLength(1);
  });
});
