import { JournalReplay, type Command, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { ledgerAfter, newLedger, rejected } from '../support/ledger-harness.js';

// Review "messages": every rejection message says what to fix, truthfully. Pins the exact
// message of each rejection changed (units, escaping and bounds, field names), then a table over
// every reachable code: a non-empty single line, short for ordinary input, naming what is wrong.

/** A USD marketplace payment of 50.00: pm1 45.00, mart 5.00 less fees (3.02). */
const USD_PAYMENT: Command = {
  op: 'payment.create', id: 'usd1', merchant: 'mart', amount: 5000, currency: 'USD', paymentType: 'credit_card',
  split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }],
};

describe('units: an amount beside its currency code is in its unit; an amount sent is quoted as sent', () => {
  // README "Command line": "a message ... that writes an amount beside its currency code writes it
  // in that unit too"; the brief: an amount echoing what the caller sent stays as sent (minor
  // units). insufficient_balance of a transfer wrote the 999999 sent as "the 9999.99 to transfer".
  it('balance.transfer insufficient_balance: quotes the amount sent, 999999, with its unit beside', () => {
    const ledger = ledgerAfter([USD_PAYMENT]);
    expect(rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 999999, currency: 'USD' }, 'insufficient_balance'))
      .toBe('merchant pm1 has 45.00 USD available, less than the amount 999999 (9999.99 USD) to transfer (short by 9954.99)');
  });

  // kanjo reconcile quoted a journal's minor units beside the code: "balance transfer of 4501
  // USD from pm1, which has 4500 available" for 45.01 dollars against 45.00.
  it('replay: a transfer beyond the balance names the journal\'s 4501 as written and what is available in dollars', () => {
    const journal = JSON.parse(JSON.stringify(ledgerAfter([USD_PAYMENT, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 4500, currency: 'USD' }]).state.journal)) as (Entry & Record<string, any>)[];
    const transfer = journal[1]!;
    (transfer.changes[0] as unknown as Record<string, unknown>)['amount'] = 4501;
    for (const posting of transfer.postings) (posting as { amount: number }).amount = Math.sign(posting.amount) * 4501;
    const replay = new JournalReplay(newLedger());
    expect(replay.add(journal[0]!).ok).toBe(true);
    const refused = replay.add(transfer);
    expect(refused.ok ? undefined : refused.error.message).toBe('entry 2 cannot be applied: balance transfer of 4501 (45.01 USD) from pm1, which has 45.00 available (insufficient_balance)');
  });
});
