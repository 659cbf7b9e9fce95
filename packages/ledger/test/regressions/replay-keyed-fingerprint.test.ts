import { describe, expect, it } from 'vitest';
import type { Command } from '@kanjo/ledger';
import { goldenPayment, konbiniPayment, marketplaceSession, omit, refundRequest } from '../support/fixtures.js';
import { rawJournalOf, replayOutcome, type RawEntry } from '../support/raw-journal.js';

// A keyed command is kept as its JSON (less time and key), its fingerprint, and a retry is
// answered from it. Replay took any string as the fingerprint (found 2026-12-02): the rebuilt
// ledger then refused as reused the retry the faithful ledger answers with its first result.
describe('a keyed entry\'s fingerprint is the command that made it', () => {
  // Every kind of entry a fingerprint's subject is checked on, each keyed.
  const KEYED: readonly Command[] = [
    goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }], idempotencyKey: 'k-cc' }),
    { ...konbiniPayment('kb_1'), idempotencyKey: 'k-kb' },
    { op: 'payment.capture', payment: 'kb_1', idempotencyKey: 'k-capture' },
    refundRequest({ id: 'r1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], idempotencyKey: 'k-request' }),
    { op: 'refund_request.reject', refundRequest: 'r1', idempotencyKey: 'k-reject' },
    { ...marketplaceSession('ses_1'), idempotencyKey: 'k-session' },
    { op: 'session.cancel', session: 'ses_1', idempotencyKey: 'k-cancel' },
    refundRequest({ id: 'r2', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
    { op: 'refund_request.complete', refundRequest: 'r2', idempotencyKey: 'k-complete' },
    goldenPayment('pay_c'),
    { op: 'payment.refund', payment: 'pay_c', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], idempotencyKey: 'k-refund' },
    { op: 'payment.chargeback', payment: 'pay_c', idempotencyKey: 'k-chargeback' },
    omit(goldenPayment('pay_a', { capture: false }), 'split'),
    { op: 'payment.cancel', payment: 'pay_a', idempotencyKey: 'k-void' },
    omit(goldenPayment('pay_b', { capture: false }), 'split'),
    { op: 'payment.expire', payment: 'pay_b', idempotencyKey: 'k-expire' },
    marketplaceSession('ses_2'),
    { op: 'session.complete', session: 'ses_2', payment: 'p2', paymentType: 'credit_card', idempotencyKey: 'k-pay' },
    { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 50, currency: 'JPY', idempotencyKey: 'k-transfer' },
  ];
  const inapplicable = (seq: number, what: string): string => `journal_entry_inapplicable: entry ${seq} cannot be applied: ${what}`;
  const edited = (seq: number, edit: (command: Record<string, unknown>) => void): RawEntry[] => {
    const journal = rawJournalOf(KEYED);
    const command = (journal[seq - 1] as unknown as { command: { fingerprint: string } }).command;
    const sent = JSON.parse(command.fingerprint) as Record<string, unknown>;
    edit(sent);
    command.fingerprint = JSON.stringify(sent);
    return journal;
  };

  it('the faithful journal replays', () => {
    expect(replayOutcome(rawJournalOf(KEYED))).toBe('accepted');
  });

  // No JSON at all, an array, and (StrykerJS survivors of command-misfit.ts) a number, null and a string.
  it.each([
    ['x', 'its fingerprint "x" is not the JSON of a command'],
    ['[1]', 'its fingerprint "[1]" is not the JSON of a command'],
    ['1', 'its fingerprint "1" is not the JSON of a command'],
    ['null', 'its fingerprint "null" is not the JSON of a command'],
    ['"x"', 'its fingerprint "\\"x\\"" is not the JSON of a command'],
  ])('a fingerprint %s, not the JSON of an object, is refused as no command', (fingerprint, message) => {
    const journal = rawJournalOf(KEYED);
    (journal[0] as unknown as { command: { fingerprint: string } }).command.fingerprint = fingerprint;
    expect(replayOutcome(journal)).toBe(inapplicable(1, message));
  });

  it('a fingerprint of another op, or keeping the time or the key, is refused', () => {
    expect(replayOutcome(edited(1, (sent) => (sent['op'] = 'payment.refund')))).toBe(inapplicable(1, 'its fingerprint is of a command "payment.refund", not payment.create'));
    expect(replayOutcome(edited(1, (sent) => (sent['at'] = '2026-01-01T00:00:00Z')))).toBe(inapplicable(1, "its fingerprint keeps the command's time or key, which the engine leaves out of it"));
    expect(replayOutcome(edited(1, (sent) => (sent['idempotencyKey'] = 'k-cc')))).toBe(inapplicable(1, "its fingerprint keeps the command's time or key, which the engine leaves out of it"));
  });

  it.each([
    [1, 'id', 'pay_9', 'its fingerprint is of a command whose id is "pay_9", not "cc"'],
    [3, 'payment', 'cc', 'its fingerprint is of a command whose payment is "cc", not "kb_1"'],
    [4, 'id', 'r9', 'its fingerprint is of a command whose id is "r9", not "r1"'],
    [5, 'refundRequest', 'r9', 'its fingerprint is of a command whose refundRequest is "r9", not "r1"'],
    [6, 'id', 'ses_9', 'its fingerprint is of a command whose id is "ses_9", not "ses_1"'],
    [7, 'session', 'ses_9', 'its fingerprint is of a command whose session is "ses_9", not "ses_1"'],
    [9, 'refundRequest', 'r9', 'its fingerprint is of a command whose refundRequest is "r9", not "r2"'],
  ] as const)('entry %i: a fingerprint whose %s names another (%s) is refused', (seq, field, value, message) => {
    expect(replayOutcome(edited(seq, (sent) => (sent[field] = value)))).toBe(inapplicable(seq, message));
  });

  // StrykerJS survivors of command-misfit.ts: each op that names its payment has it checked.
  it.each([
    [11, 'payment.refund', 'pay_c'],
    [12, 'payment.chargeback', 'pay_c'],
    [14, 'payment.cancel', 'pay_a'],
    [16, 'payment.expire', 'pay_b'],
    [18, 'session.complete', 'p2'],
  ] as const)('entry %i (%s): a fingerprint whose payment is pay_9, not %s, is refused naming both', (seq, _, payment) => {
    expect(replayOutcome(edited(seq, (sent) => (sent['payment'] = 'pay_9')))).toBe(inapplicable(seq, `its fingerprint is of a command whose payment is "pay_9", not "${payment}"`));
  });

  it('a fingerprint of the same command with another amount is not noticed (the entry keeps no more of it)', () => {
    expect(replayOutcome(edited(1, (sent) => (sent['amount'] = 4000)))).toBe('accepted');
  });
});
