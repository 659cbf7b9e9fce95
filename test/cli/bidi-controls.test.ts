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

// Review 194: the id holding U+202E and the id holding the six characters `\u202e` printed
// alike in the tables. A backslash that would read as an escape is written `\u005c` where an id
// stands on its own (a row, a merchant's section, reconcile's balances); others stay as they are.
const lookalikes = () =>
  write(
    'lookalikes.json',
    JSON.stringify({
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '0%' } } },
        { id: 'pm\u2067', type: 'payout', platform: 'mart' },
        { id: 'pm\\u2067', type: 'payout', platform: 'mart' },
        { id: 'pm\\x', type: 'payout', platform: 'mart' },
      ],
      commands: [
        ['p\u202e', 'pm\u2067', 100],
        ['p\\u202e', 'pm\\u2067', 200],
        ['p\\q', 'pm\\x', 300],
      ].map(([id, submerchant, amount]) => ({
        op: 'payment.create',
        id,
        merchant: 'mart',
        amount,
        currency: 'JPY',
        payment_type: 'credit_card',
        platform_details: { submerchants: [{ submerchant_id: submerchant, amount, platform_fee: 0 }] },
      })),
    }),
  );

describe('ids that only differ by a bidi control and the text of its escape', () => {
  it('the table tells them apart in every row, section and the payments, and leaves another backslash as it is', () => {
    const result = kanjo(['run', lookalikes(), '--format', 'table']);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['pm\\u2067 (JPY)', 'pm\\u005cu2067 (JPY)', 'pm\\x (JPY)']));
    expect(lines).toContain('  1  p\\u202e  Payment Transfer      100      0      100');
    expect(lines).toContain('  2  p\\u005cu202e  Payment Transfer      200      0      200');
    expect(lines).toContain('  3  p\\q      Payment Transfer      300      0      300');
    expect(lines.slice(-4)).toEqual(['p\\u202e       captured     100       100         0  JPY', 'p\\u005cu202e  captured     200       200         0  JPY', 'p\\q           captured     300       300         0  JPY', '']);
  });

  it('kanjo reconcile --format table tells the two merchants apart', () => {
    const journal = write('lookalikes.ndjson', '');
    expect(kanjo(['run', lookalikes(), '--format', 'json', '--journal', journal]).status).toBe(0);
    const lines = kanjo(['reconcile', journal, '--format', 'table']).stdout.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['pm\\u2067       100 JPY', 'pm\\u005cu2067  200 JPY', 'pm\\x           300 JPY']));
  });
});

// Review 198: payment ids "p" and "p " printed alike (the column's padding hid the space), and a
// printable ASCII op holding quotes and \u (`"a\u202e"`) was written bare, reading as the
// quoted form of another op.
describe('ids and ops a table would otherwise show alike', () => {
  it('a payment id\'s trailing spaces are written \\u0020; an op with a quote or backslash is quoted', () => {
    const scenario = write(
      'trailing.json',
      JSON.stringify({
        merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '0%' } } }],
        commands: [
          ...['p', 'p ', 'p  '].map((id) => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', capture: false })),
          { op: 'a\u202e' },
          { op: '"a\\u202e"' },
        ],
      }),
    );
    const lines = kanjo(['run', scenario, '--format', 'table']).stdout.split('\n');
    expect(lines.slice(2, 4).map((line) => line.split(': op_unknown')[0])).toEqual(['  #3 "a\\u202e"', '  #4 "\\"a\\\\u202e\\""']);
    expect(lines.slice(-4, -1)).toEqual(['p              authorized    1000         0         0  JPY', 'p\\u0020        authorized    1000         0         0  JPY', 'p\\u0020\\u0020  authorized    1000         0         0  JPY']);
  });
});
