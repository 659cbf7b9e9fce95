import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// Ids may hold Unicode's bidi controls. Written raw where people read (the table, the warnings),
// an id ending in U+202E made the rest of its line read right to left (review 155).

const { write } = scratchFolder('kanjo-bidi-controls-');
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const file = () =>
  write(
    'bidi.json',
    JSON.stringify({
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id: 'pm\u2067', type: 'payout', platform: 'mart' },
      ],
      commands: [
        {
          op: 'payment.create',
          id: 'p\u202e',
          merchant: 'mart',
          amount: 100070,
          currency: 'JPY',
          payment_type: 'credit_card',
          platform_details: { submerchants: [{ submerchant_id: 'pm\u2067', amount: 100070, platform_fee: 10000 }] },
        },
        // Rejected: the message names the captured payment's id as it is.
        { op: 'payment.cancel', payment: 'p\u202e' },
      ],
    }),
  );

describe('kanjo run and ids holding bidi controls', () => {
  it('the warning for a rejected command (--format csv) writes the id as an escape, and the CSV keeps the id as it is', () => {
    const result = kanjo(['run', file(), '--format', 'csv']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^kanjo: warning: commands\[1\] \(payment\.cancel\) was rejected and changed nothing: .*p\\u202e/);
    expect(result.stderr).not.toMatch(BIDI);
    expect(result.stdout).toContain('p\u202e');
  });

  it('the table writes the id as an escape in its rows and its payments', () => {
    const result = kanjo(['run', file(), '--format', 'table']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(BIDI);
    expect(result.stdout).toContain('p\\u202e  captured  100070    100070         0  JPY');
  });

  it('kanjo reconcile --format table writes the journal\'s merchant ids and its file name as escapes', () => {
    const journal = write('j\u202ex.ndjson', '');
    expect(kanjo(['run', file(), '--format', 'json', '--journal', journal]).status).toBe(0);
    const result = kanjo(['reconcile', journal, '--format', 'table']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(BIDI);
    expect(result.stdout).toContain('j\\u202ex.ndjson: 1 entries');
    expect(result.stdout).toContain('pm\\u2067  90070 JPY');
  });
});
