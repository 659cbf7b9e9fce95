import { createLedger, JournalReplay, runScenario, type Command, type Entry, type LedgerConfig } from '@kanjo/ledger';
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

describe('caller input in a message is quoted, escaped and bounded; a wrong type is described, never a crash', () => {
  // Standard: "every business rejection is a typed result ... with a message". A bigint where an
  // id, a date or a currency belongs threw "TypeError: Do not know how to serialize a BigInt"
  // out of the message's JSON.stringify; a 100,000-character id came back whole in the message;
  // an id holding a line break or U+2028 came back raw, on two lines.
  const ledger = (): ReturnType<typeof newLedger> => newLedger();
  const message = (command: unknown): string => {
    const result = ledger().execute(command as Command);
    return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
  };

  it('a bigint id, date, currency, op or time is a typed rejection naming it', () => {
    expect(message({ op: 'payment.refund', payment: 7n })).toBe('payment_not_found: no payment 7n: check the id');
    expect(message({ op: 'settlement.run', date: 1n })).toBe('date_invalid: date 1n is not a YYYY-MM-DD date');
    expect(message({ op: 5n })).toBe('op_unknown: unknown op 5n: see SCENARIO.md for the ops Kanjo runs');
    expect(message({ op: 'payment.refund', payment: 'x', at: 1n })).toBe('time_invalid: at 1n must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00');
    expect(message({ ...USD_PAYMENT, currency: 1n })).toBe('currency_unknown: currency 1n is not an ISO 4217 code Kanjo knows: use e.g. JPY or USD');
  });

  it('a bigint in the configuration is a typed rejection', () => {
    const result = createLedger({ book: 1n, merchants: [] } as unknown as LedgerConfig);
    expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`).toBe('config_book_invalid: book must be test or live, not 1n');
    const id = createLedger({ merchants: [{ id: 5n, type: 'payout', platform: 'mart' }] } as unknown as LedgerConfig);
    expect(id.ok ? 'accepted' : `${id.error.code}: ${id.error.message}`).toBe('config_merchant_id_invalid: merchant id 5n must be 1 to 255 characters without spaces, control characters or lone UTF-16 surrogates');
  });

  it('a 100,000-character id is quoted to its first 64 characters', () => {
    expect(message({ op: 'payment.refund', payment: 'x'.repeat(100_000) })).toBe(`payment_not_found: no payment "${'x'.repeat(64)}…": check the id`);
  });

  it('control characters and line separators are escaped where the message quoted them raw', () => {
    expect(message({ op: 'balance.transfer', merchant: 'mart', from: 'a\u2028b', to: 'a\u2028b', amount: 1, currency: 'JPY' }))
      .toBe('transfer_same_party: from and to are both "a\\u2028b": a transfer moves balance between two merchants');
    expect(message({ op: 'session.create', id: 's', merchant: 'mart', amount: 100, currency: 'JPY', paymentTypes: ['cc\nX'], returnUrl: 'https://a.example/r', capture: 'auto', split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }))
      .toBe('payment_type_not_accepted: merchant mart does not accept "cc\\nX": offer only payment types it accepts');
    expect(message({ op: 'payment.refund', payment: 'p\u0085' })).toBe('payment_not_found: no payment "p\\u0085": check the id');
  });
});

describe('a scenario file\'s messages name its fields as SCENARIO.md spells them', () => {
  // SCENARIO.md: "A platform's `payment_methods` give the processing fee rate of each payment type
  // it accepts". An invalid payment type name in a scenario file was reported as
  // paymentMethods["Credit"], the field's name in code, which the file does not have.
  it('payment_type_invalid in a scenario names payment_methods; from code it still names paymentMethods', () => {
    const merchants = [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { Credit: { fee_rate: '3.6%' } } }];
    const run = runScenario({ merchants, commands: [] });
    expect(run.ok ? 'accepted' : `${run.error.code}: ${run.error.message}`)
      .toBe('payment_type_invalid: platform mart: payment_methods["Credit"]: a payment type is 1 to 64 characters of a-z, 0-9 and "_", starting with a letter');
    const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { Credit: { feeRate: '3.6%' } } }] });
    expect(created.ok ? 'accepted' : created.error.message).toBe('platform mart: paymentMethods["Credit"]: a payment type is 1 to 64 characters of a-z, 0-9 and "_", starting with a letter');
  });
});
