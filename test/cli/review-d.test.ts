import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

// Review of 2026-12-01's changes (064fb44..eb8a42f): kanjo run --format csv names rejected
// commands on standard error.

const work = mkdtempSync(join(tmpdir(), 'kanjo-review-d-'));
const write = (name: string, document: unknown): string => {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
};
const merchants = [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } }];

describe('kanjo run --format csv: a rejected command with an odd op is named on one short line', () => {
  // The warning wrote the file's op as it was: a line break in it split the warning in two (the
  // second line "kanjo: forged line" reads as kanjo's own), an escape sequence reached the
  // terminal raw, and a 10,000-character op was written whole. The rejection's own message
  // quotes the op escaped and shortened, and the table escapes it; "Bad input is reported on
  // one line" (cli/main.ts), "a message stays one short line whatever was sent" (message-text).
  it('line breaks, U+2028, a carriage return and an escape sequence in op are escaped; the line count is one per rejection', () => {
    const ops = ['payment.cancel\nkanjo: forged line', 'payment.cancel\u2028x', 'payment.cancel\r', 'payment.cancel\u001b[31mred'];
    const path = write('odd-ops.json', { merchants, commands: ops.map((op) => ({ op, payment: 'x' })) });
    const { status, stderr } = kanjo(['run', path, '--format', 'csv']);
    expect(status).toBe(0);
    expect(stderr.split('\n')).toEqual([
      'kanjo: warning: commands[0] ("payment.cancel\\nkanjo: forged line") was rejected and changed nothing: op_unknown: unknown op "payment.cancel\\nkanjo: forged line": see SCENARIO.md for the ops Kanjo runs',
      'kanjo: warning: commands[1] ("payment.cancel\\u2028x") was rejected and changed nothing: op_unknown: unknown op "payment.cancel\\u2028x": see SCENARIO.md for the ops Kanjo runs',
      'kanjo: warning: commands[2] ("payment.cancel\\r") was rejected and changed nothing: op_unknown: unknown op "payment.cancel\\r": see SCENARIO.md for the ops Kanjo runs',
      'kanjo: warning: commands[3] ("payment.cancel\\u001b[31mred") was rejected and changed nothing: op_unknown: unknown op "payment.cancel\\u001b[31mred": see SCENARIO.md for the ops Kanjo runs',
      '',
    ]);
  });

  it('a 10,000-character op is shortened as the message shortens it, not written whole', () => {
    const path = write('long-op.json', { merchants, commands: [{ op: 'x'.repeat(10_000) }] });
    const { status, stderr } = kanjo(['run', path, '--format', 'csv']);
    expect(status).toBe(0);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr.length).toBeLessThan(400);
  });

  it('an ordinary op is still written bare', () => {
    const path = write('plain-op.json', { merchants, commands: [{ op: 'payment.cancel', payment: 'x' }] });
    expect(kanjo(['run', path, '--format', 'csv']).stderr).toBe('kanjo: warning: commands[0] (payment.cancel) was rejected and changed nothing: payment_not_found: no payment "x": check the id\n');
  });
});

describe('kanjo reconcile: a journal whose balance passes the safe range', () => {
  // Two payments of 9e15 cents to pm1: the engine refuses the second (balance_overflow); a
  // journal that has it is one the engine could not have written (README "reconcile"). It
  // replayed, and the table then stopped with "kanjo: internal error (please report):
  // decimalAmount: minor units must be a safe integer or a bigint, got 18000000000000000",
  // exit 70, since decimalAmount throws on an unsafe number (0ff1441).
  const config = { merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' } ] };
  const entry = (seq: number, id: string) => ({ seq, at: '1970-01-01T00:00:00.000Z', command: { op: 'payment.create' }, payment: id,
    changes: [
      { kind: 'payment_created', payment: { id, platform: 'mart', model: 'marketplace', amount: 9e15, currency: 'USD', paymentType: 'credit_card', origin: 'api' } },
      { kind: 'payment_captured', payment: id, capturedAmount: 9e15, split: [{ submerchantId: 'pm1', amount: 9e15, platformFee: 0 }], shares: { platform: 0, submerchants: [{ submerchantId: 'pm1', share: 9e15 }] }, platformAmount: 0, customerFee: 0, customerFeeTax: 0 },
    ],
    postings: [['Assets:Receivable:Customers', 'USD', 9e15, 'Payment'], ['Liabilities:Merchants:mart', 'USD', -9e15, 'Payment'], ['Liabilities:Merchants:mart', 'USD', 9e15, 'Payment Transfer'], ['Liabilities:Merchants:pm1', 'USD', -9e15, 'Payment Transfer']],
    events: [{ type: 'payment.captured', payment: id }] });

  it('is refused as journal_entry_inapplicable naming balance_overflow (exit 1), in the table and in JSON', () => {
    const path = join(work, 'overflow.ndjson');
    writeFileSync(path, [{ kanjo_journal: 1, config }, entry(1, 'p1'), entry(2, 'p2')].map((line) => `${JSON.stringify(line)}\n`).join(''));
    // The first entry alone is one the engine writes.
    const one = join(work, 'overflow-one.ndjson');
    writeFileSync(one, [{ kanjo_journal: 1, config }, entry(1, 'p1')].map((line) => `${JSON.stringify(line)}\n`).join(''));
    expect(kanjo(['reconcile', one, '--format', 'table'])).toEqual({ status: 0, stdout: `${one}: 1 entries, all balanced, sequence contiguous, replay succeeded\nmart               0.00 USD\npm1   90000000000000.00 USD\n`, stderr: '' });
    const expected = {
      status: 1,
      stdout: '',
      stderr: "kanjo: reconciliation failed: journal_entry_inapplicable: line 3: entry 2 cannot be applied: this would take pm1's USD balance to 180000000000000.00 USD, beyond the 9007199254740991 minor units Kanjo counts exactly (balance_overflow)\n",
    };
    expect(kanjo(['reconcile', path, '--format', 'table'])).toEqual(expected);
    expect(kanjo(['reconcile', path, '--format', 'json'])).toEqual(expected);
  });
});
