import { describe, expect, it } from 'vitest';
import type { Command } from '@kanjo/ledger';
import { goldenPayment } from '../support/fixtures.js';
import { newLedger, rejected, accepted } from '../support/ledger-harness.js';
import { replayOutcome, type RawEntry } from '../support/raw-journal.js';

// Journals the engine writes must replay (README "reconcile": "Every entry must be one the
// engine could have written"). A keyed command is remembered as JSON (README: its fingerprint
// is "the JSON of a command of the entry's op (without its time or key) naming what the entry is
// about"), written by JSON.stringify, which calls a value's own toJSON. A keyed command from
// code with its own toJSON method was accepted and remembered as whatever that method returned
// (found 2026-12-02): replay then refused the engine's own journal ("its fingerprint is of a
// command nothing, not payment.create"), and a retry of another command with the same toJSON
// answer was taken for the same one. As for a bigint or a cycle ("refused rather than
// fingerprinted by some other spelling"), it is command_invalid, and nothing is written.
describe('a keyed command from code with its own toJSON', () => {
  const keyed = { ...goldenPayment('pay_1'), idempotencyKey: 'k-1', at: '2026-04-01T10:00:00+09:00' };

  it('is command_invalid and appends nothing, whatever toJSON returns', () => {
    for (const toJSON of [() => 1, () => ({ type: 'payment', id: 'pay_1' }), () => ({ op: 'payment.create', id: 'other' })]) {
      const ledger = newLedger();
      expect(rejected(ledger, { ...keyed, toJSON } as unknown as Command, 'command_invalid')).toBe(
        'a command sent with an idempotency key is remembered as the JSON of its fields, and this one has its own toJSON method, which would write it as something else: send the command as plain data',
      );
      expect(ledger.journal).toHaveLength(0);
    }
  });

  it('a toJSON it inherits (a class\'s) is not its own: the command is remembered by its fields, and its journal replays', () => {
    class Request {
      toJSON(): unknown {
        return 'a request';
      }
    }
    const ledger = newLedger();
    const entry = accepted(ledger, Object.assign(new Request(), keyed) as unknown as Command).entry;
    expect(JSON.parse(entry?.command.fingerprint ?? '')).toMatchObject({ op: 'payment.create', id: 'pay_1' });
    expect(replayOutcome(JSON.parse(JSON.stringify(ledger.journal)) as RawEntry[])).toBe('accepted');
  });

  it('without a key its toJSON is never called: the command is accepted and its journal replays', () => {
    const ledger = newLedger();
    const { idempotencyKey: _key, ...unkeyed } = keyed;
    accepted(ledger, { ...unkeyed, toJSON: () => 1 } as unknown as Command);
    expect(replayOutcome(JSON.parse(JSON.stringify(ledger.journal)) as RawEntry[])).toBe('accepted');
  });
});
