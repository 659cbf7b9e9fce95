import { JournalReplay, replayJournal, type Command, type Entry, type Ledger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, konbiniPayment, refundRequest } from '../support/fixtures.js';
import { ledgerAfter, newLedger } from '../support/ledger-harness.js';

// Replay refuses an entry the engine itself could never have written, the rules the engine
// decides commands by included: the shape of a refund request's stored fees, what a payment's
// type allows, and whether the payer of a transfer or refund has the money available.

type RawEntry = Entry & Record<string, any>;

/** A change of a journal being edited, its fields open to any value. */
const change = (entry: RawEntry | undefined, index = 0): Record<string, any> => entry?.changes[index] as unknown as Record<string, any>;

/** A faithful journal as plain JSON, to edit as a hand would. */
function journalOf(commands: readonly Command[]): RawEntry[] {
  return JSON.parse(JSON.stringify(ledgerAfter(commands).state.journal)) as RawEntry[];
}

/** The state a refused entry must leave as it was. */
function folded(ledger: Ledger): unknown {
  const { balances, holds, payments, refundRequests, pendingRefundRequests, sessions, idempotency } = ledger.state;
  return structuredClone({ balances, holds, payments, refundRequests, pendingRefundRequests, sessions, idempotency });
}

/**
 * Replays `journal` entry by entry and expects the last entry refused with `code` and exactly
 * `message`, the state left as the entries before it made it. Returns nothing: the test is the
 * expectation.
 */
function expectLastRefused(journal: readonly RawEntry[], code: string, message: string): void {
  const replay = new JournalReplay(newLedger());
  for (const entry of journal.slice(0, -1)) expect(replay.add(entry)).toEqual({ ok: true, value: undefined });
  const before = folded(replay.ledger);
  expect(replay.add(journal.at(-1) as Entry)).toEqual({ ok: false, error: { code, message } });
  expect(folded(replay.ledger)).toEqual(before);
  // The one-call form names the same entry.
  expect(replayJournal(CONFIG, journal)).toEqual({ ok: false, error: { code, message } });
}

/** A Konbini payment paid by the customer, mart topped up by pm1, and a request that refunds the customer fee too. */
const KONBINI_REQUEST: readonly Command[] = [
  konbiniPayment(),
  { op: 'payment.capture', payment: 'kb_1' },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 1000, currency: 'JPY' },
  refundRequest({ id: 'rq1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee: true }),
];

describe('a refund request\'s stored fees are shape-checked on replay (journal_entry_malformed naming the entry and the field)', () => {
  const faithful = journalOf(KONBINI_REQUEST);
  const needs = (field: string) => `entry 4: refund_request_created needs ${field} of the right type (request, request.refundFee, request.refundedCustomerFee)`;

  it('the faithful journal replays, its request storing both fees', () => {
    expect(faithful[3]?.changes[0]).toMatchObject({ kind: 'refund_request_created', request: { refundFee: { fee: { amount: 300 }, tax: { amount: 30 } }, refundedCustomerFee: { fee: { amount: 190 }, tax: { amount: 19 } } } });
    expect(replayJournal(CONFIG, faithful).ok).toBe(true);
  });

  /** Each way a stored fee can be malformed: where it sits, and what is put there (`undefined`: removed). */
  const malformed: [string, (fee: Record<string, any>) => void][] = [
    ['missing', (fee) => { delete fee['value']; }],
    ['a string', (fee) => { fee['value'] = '330'; }],
    ['an empty object', (fee) => { fee['value'] = {}; }],
    ['null', (fee) => { fee['value'] = null; }],
    ['a fee amount that is a string', (fee) => { fee['value'].fee.amount = '300'; }],
    ['a fee amount that is an object', (fee) => { fee['value'].fee.amount = { amount: 300 }; }],
    ['a fee amount that is null', (fee) => { fee['value'].fee.amount = null; }],
    ['a tax amount that is a fraction', (fee) => { fee['value'].tax.amount = 29.5; }],
    ['a tax amount that is negative', (fee) => { fee['value'].tax.amount = -30; }],
    ['a tax without its amount', (fee) => { delete fee['value'].tax.amount; }],
  ];
  for (const field of ['refundFee', 'refundedCustomerFee'] as const) {
    for (const [what, breakFee] of malformed) {
      // A request refunds the customer fee only when asked: its absence is no malformation.
      if (field === 'refundedCustomerFee' && what === 'missing') continue;
      it(`request.${field} ${what}`, () => {
        const journal = structuredClone(faithful);
        const request = change(journal[3])['request'] as Record<string, unknown>;
        const holder = { value: request[field] };
        breakFee(holder);
        if ('value' in holder) request[field] = holder.value;
        else delete request[field];
        expectLastRefused(journal, 'journal_entry_malformed', needs(`request.${field}`));
      });
    }
  }

  it('a request without refundedCustomerFee (not asked for) still replays', () => {
    const journal = journalOf([...KONBINI_REQUEST.slice(0, 3), refundRequest({ id: 'rq1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] })]);
    expect(change(journal[3])['request']).not.toHaveProperty('refundedCustomerFee');
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
  });
});
