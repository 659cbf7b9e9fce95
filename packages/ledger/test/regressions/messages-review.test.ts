import { checkJournalLength, CompactEntryDecoder, createLedger, JournalReplay, LEDGER_REJECTION_CODES, nextPayout, replayJournal, runScenario, type Command, type CreatePaymentCommand, type Entry, Ledger, type LedgerConfig, type LedgerState } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, CONFIG, goldenPayment, konbiniPayment, marketplaceSession, refundRequest, sellerPayment } from '../support/fixtures.js';
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
  const message = (command: unknown, on = ledger()): string => {
    const result = on.execute(command as Command);
    return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
  };

  it('a bigint id, date, currency, op or time is a typed rejection naming it', () => {
    expect(message({ op: 'payment.refund', payment: 7n })).toBe('payment_not_found: no payment 7n: check the id');
    expect(message({ op: 'settlement.run', date: 1n })).toBe('date_invalid: date 1n is not a YYYY-MM-DD date');
    expect(message({ op: 5n })).toBe('op_unknown: unknown op 5n: see SCENARIO.md for the ops Kanjo runs');
    expect(message({ op: 'payment.refund', payment: 'x', at: 1n })).toBe('time_invalid: at 1n must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00');
    expect(message({ ...USD_PAYMENT, currency: 1n })).toBe('currency_unknown: currency 1n is not an ISO 4217 code Kanjo knows: use e.g. JPY or USD');
  });

  it('a near-miss time or date says what to change (review 149: each had only the generic message)', () => {
    const time = (at: string): string => message({ op: 'payment.refund', payment: 'x', at });
    const generic = (at: string): string => `time_invalid: at "${at}" must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00`;
    expect(time('2026-04-01T10:00:00z')).toBe(`${generic('2026-04-01T10:00:00z')} (write T and Z in upper case)`);
    expect(time('2026-04-01t10:00:00Z')).toBe(`${generic('2026-04-01t10:00:00Z')} (write T and Z in upper case)`);
    const leap = ' (a leap second, 23:59:60 in UTC, is not a time Kanjo holds: write :59.999 of the same minute)';
    expect(time('2016-12-31T23:59:60Z')).toBe(`${generic('2016-12-31T23:59:60Z')}${leap}`);
    expect(time('2016-12-31T08:59:60+09:00')).toBe(`${generic('2016-12-31T08:59:60+09:00')}${leap}`);
    // Review 152: a hint is given only when following it gives a time Kanjo reads.
    for (const nearMissOfTwo of ['2026-04-01T23:59:60+09:00', '2026-04-01t10:00:00', '2026-04-01 10:00:00z', 'hello 5z', '2026-04-01T10:00:00+09:00z', '2026-04-01T10:00:00.1234567890', '2026-02-30T25:00:00Z']) {
      expect(time(nearMissOfTwo)).toBe(generic(nearMissOfTwo));
    }
    expect(time('2026-04-01T10:00:00.1234567891Z')).toBe(`${generic('2026-04-01T10:00:00.1234567891Z')} (at most 9 digits after the decimal point; Kanjo keeps 3)`);
    expect(time('2026-02-30T10:00:00Z')).toBe(`${generic('2026-02-30T10:00:00Z')} (2026-02-30 is no day of the calendar)`);
    expect(time('2026-04-01 10:00:00Z')).toBe(generic('2026-04-01 10:00:00Z'));
    expect(message({ op: 'settlement.run', date: '2026-02-30' })).toBe('date_invalid: date "2026-02-30" is not a date: 2026-02 has days 01 to 28, not 30');
    expect(message({ op: 'settlement.run', date: '2028-02-30' })).toBe('date_invalid: date "2028-02-30" is not a date: 2028-02 has days 01 to 29, not 30');
    expect(message({ op: 'settlement.run', date: '2026-13-01' })).toBe('date_invalid: date "2026-13-01" is not a date: a month is 01 to 12, not 13');
    expect(message({ op: 'settlement.run', date: '2026-05-01', holidays: ['2026-04-31'] })).toBe('holiday_date_invalid: holiday "2026-04-31" is not a date: 2026-04 has days 01 to 30, not 31');
    expect(nextPayout('weekly', '2026-04-04', '2026-04-10' as never)).toEqual({ ok: false, error: { code: 'holiday_date_invalid', message: 'holidays must be a list of YYYY-MM-DD dates, not "2026-04-10"' } });
    expect(nextPayout('weekly', '2026-04-04', null as never)).toEqual({ ok: false, error: { code: 'holiday_date_invalid', message: 'holidays must be a list of YYYY-MM-DD dates, not null' } });
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

  it('a split line\'s submerchant id is quoted escaped and bounded by @kanjo/splits too', () => {
    const paid = ledgerAfter([goldenPayment('p')]);
    const refund = (submerchantId: string): string => message({ op: 'payment.refund', payment: 'p', amount: 10, split: [{ submerchantId, amount: 10, platformFee: 0 }] }, paid);
    expect(refund('x'.repeat(100_000))).toBe(`refund_submerchant_not_in_payment: submerchant "${'x'.repeat(64)}…" (submerchants[0]) has no share in this payment; only Payout Merchants of its split can give back`);
    expect(refund('a\u2028b')).toBe('refund_submerchant_not_in_payment: submerchant "a\\u2028b" (submerchants[0]) has no share in this payment; only Payout Merchants of its split can give back');
    expect(message({ ...goldenPayment('q'), split: [{ submerchantId: 'a\u2028b', amount: 500, platformFee: 0 }, { submerchantId: 'a\u2028b', amount: 500, platformFee: 0 }] }))
      .toBe('split_duplicate_submerchant: submerchant "a\\u2028b" appears more than once in the split (again at submerchants[1]); give each Payout Merchant one line');
  });

  it('control characters and line separators are escaped where the message quoted them raw', () => {
    expect(message({ op: 'balance.transfer', merchant: 'mart', from: 'a\u2028b', to: 'a\u2028b', amount: 1, currency: 'JPY' }))
      .toBe('transfer_same_party: from and to are both "a\\u2028b": a transfer moves balance between two merchants');
    expect(message({ op: 'session.create', id: 's', merchant: 'mart', amount: 100, currency: 'JPY', paymentTypes: ['cc\nX'], returnUrl: 'https://a.example/r', capture: 'auto', split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }))
      .toBe('payment_type_not_accepted: merchant mart does not accept "cc\\nX": offer only payment types it accepts');
    expect(message({ op: 'payment.refund', payment: 'p\u0085' })).toBe('payment_not_found: no payment "p\\u0085": check the id');
    expect(message({ op: 'session.create', id: 's', merchant: 'mart', amount: 100, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://a.example/r', capture: 'auto', split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], metadata: { 'a\nb': 1 } }))
      .toBe('field_invalid: metadata."a\\nb" must be a string (numbers and booleans as text)');
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

describe('messages that were false for the input that triggered them', () => {
  const message = (result: { ok: boolean; error?: { code: string; message: string } }): string => (result.ok || result.error === undefined ? 'accepted' : `${result.error.code}: ${result.error.message}`);

  // The run is refused while the period it pays has not ended (payout-boundary.test.ts: dated
  // 2026-01-10T00:00:00+09:00, a week before its payout day, it pays). The message said "date the
  // run (at) on or after its payout day", a rule Kanjo does not have.
  it('settlement_period_not_ended names when the period ends, not the payout day', () => {
    const ledger = ledgerAfter([{ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' }]);
    expect(message(ledger.execute({ op: 'settlement.run', date: '2026-01-16', at: '2026-01-09T23:59:59.999+09:00' })))
      .toBe('settlement_period_not_ended: the run is dated 2026-01-09T14:59:59.999Z, before the period 2026-01-03 to 2026-01-09 it would pay for pm1 has ended at 2026-01-10T00:00+09:00 (2026-01-09T15:00:00.000Z in UTC): date the run (at) at or after that');
    expect(ledger.execute({ op: 'settlement.run', date: '2026-01-16', at: '2026-01-09T15:00:00.000Z' }).ok).toBe(true);
  });

  it('review 148: the period\'s end is named in the ledger\'s time zone too, as its dates are local (here -05:00)', () => {
    const created = createLedger({ ...CONFIG, timeZone: '-05:00' });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.execute({ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00-05:00' }).ok).toBe(true);
    expect(message(created.value.execute({ op: 'settlement.run', date: '2026-01-16', at: '2026-01-09T23:00:00-05:00' })))
      .toBe('settlement_period_not_ended: the run is dated 2026-01-10T04:00:00.000Z, before the period 2026-01-03 to 2026-01-09 it would pay for pm1 has ended at 2026-01-10T00:00-05:00 (2026-01-10T05:00:00.000Z in UTC): date the run (at) at or after that');
  });

  // A seller has no payment methods (its platform's fee settings): it lists the payment types it
  // accepts. "add it to its payment methods" named a field the seller does not have.
  it('payment_type_not_accepted for a seller names its payment types, or its platform\'s payment methods', () => {
    const ledger = newLedger();
    expect(message(ledger.execute(sellerPayment('sp', { as: 's2', paymentType: 'konbini' }))))
      .toBe('payment_type_not_accepted: seller s2 does not accept konbini: add it to the payment types s2 accepts, or use one it accepts');
    const cardsOnly = newLedger({ merchants: [{ id: 'plt', type: 'platform', business: 'platform', paymentMethods: { credit_card: { feeRate: '3.6%' } } }, { id: 's1', type: 'seller', platform: 'plt' }] });
    expect(message(cardsOnly.execute(sellerPayment('sp', { paymentType: 'konbini' }))))
      .toBe('payment_type_not_accepted: seller s1 does not accept konbini: its platform plt has no fee settings for it; add konbini to the payment methods of plt, or use one it accepts');
    expect(message(cardsOnly.execute({ ...goldenPayment('p', { merchant: 'plt' }), as: 's1', split: undefined, platformAmount: 0, platformMerchant: 'plt', paymentType: 'paypay' } as unknown as Command)))
      .toBe('payment_type_not_accepted: seller s1 does not accept paypay: its platform plt has no fee settings for it; add paypay to the payment methods of plt, or use one it accepts');
    const mart = newLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }, { id: 'pm1', type: 'payout', platform: 'mart' }, { id: 'pm2', type: 'payout', platform: 'mart' }] });
    expect(message(mart.execute(goldenPayment('p', { paymentType: 'konbini' }))))
      .toBe('payment_type_not_accepted: platform mart does not accept konbini: add it to its payment methods, or use one it accepts');
  });

  // The tax rate, the refund request fee and the rounding are the configuration's own, not a
  // platform's: "platform mart: taxRate" sent the reader to mart's settings.
  it('a configuration-wide fee setting is not reported as a platform\'s', () => {
    const mart = { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } } as const;
    expect(message(createLedger({ taxRate: '-1%', merchants: [mart] }))).toBe('rate_negative: taxRate: "-1%" is negative; a rate is between "0%" and "100%"');
    expect(message(createLedger({ refundRequestFee: -1, merchants: [mart] }))).toBe('fee_amount_invalid: refundRequestFee: expected a non-negative safe integer amount in minor units, got -1');
    expect(message(createLedger({ rounding: 'up' as never, merchants: [mart] }))).toBe('rounding_mode_unknown: rounding: "up" is not one of "half_up", "half_even", "floor", "ceiling"');
    expect(message(createLedger({ merchants: [{ ...mart, paymentMethods: { credit_card: { feeRate: '3.6' } } }] })))
      .toBe('rate_malformed: platform mart: paymentMethods.credit_card.feeRate: "3.6" is not a percentage like "3.6%" (digits, an optional decimal part, then "%")');
  });

  // Messages that said what is wrong but not what to do.
  it('session_not_pending, refund_request_not_pending and merchant_deactivated say what to do', () => {
    const sessions = ledgerAfter([marketplaceSession('s'), { op: 'session.cancel', session: 's' }]);
    expect(message(sessions.execute({ op: 'session.complete', session: 's', payment: 'p', paymentType: 'credit_card' })))
      .toBe('session_not_pending: session s is already cancelled: only a pending session can be completed or cancelled; create a new session');
    const requests = ledgerAfter([goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }), konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }, refundRequest({ id: 'r', payment: 'kb' }), { op: 'refund_request.complete', refundRequest: 'r' }]);
    expect(message(requests.execute({ op: 'refund_request.reject', refundRequest: 'r' })))
      .toBe('refund_request_not_pending: refund request r is already completed: only a pending refund request can be completed or rejected');
    expect(message(newLedger().execute(goldenPayment('p', { split: [{ submerchantId: 'pm3', amount: 1000, platformFee: 0 }] }))))
      .toBe('merchant_deactivated: merchant pm3 is deactivated and cannot take part in anything: activate it in the configuration (status: active), or leave it out where the command lets you (no split line for it, another merchant; for a marketplace refund, a non-reverse one that gives it no part)');
  });

  // Review 143: merchant_not_approved said neither what to do nor was "yet" true after an
  // approval was withdrawn; a session with capture: manual was told of a capture: false it never
  // sent; a replay naming a merchant of the other book called it unconfigured.
  it('merchant_not_approved, a manual session\'s split and a merchant of the other book say what to do', () => {
    const live = newLedger({ ...CONFIG, book: 'live', merchants: CONFIG.merchants.map((merchant) => (merchant.id === 'pm1' ? { ...merchant, approved: false } : merchant)) });
    expect(message(live.execute(goldenPayment('p'))))
      .toBe('merchant_not_approved: merchant pm1 is not approved for live payments: approve it in the configuration (approved: true), or leave it out of the payment');
    expect(message(newLedger().execute(marketplaceSession('s', { capture: 'manual' }))))
      .toBe('split_not_allowed_at_authorization: a session with capture: manual takes no split (platform_details); send the split when capturing its payment, or create the session with capture: auto');
    const journal = ledgerAfter([goldenPayment('p')]).state.journal;
    const pm1Elsewhere = { ...CONFIG, merchants: CONFIG.merchants.map((merchant) => (merchant.id === 'pm1' ? { ...merchant, book: 'live' as const } : merchant)) };
    expect(message(replayJournal(pm1Elsewhere, journal)))
      .toBe('journal_entry_inapplicable: entry 1 cannot be applied: account "Liabilities:Merchants:pm1" is neither KOMOJU\'s nor that of a merchant configured in the journal\'s book');
  });

  // A journal whose first entry is numbered 2 was refused as "entry 2 follows entry 0": there is no entry 0.
  it('journal_sequence_broken on the first entry says sequence numbers start at 1', () => {
    const journal = JSON.parse(JSON.stringify(ledgerAfter([goldenPayment('p')]).state.journal)) as Record<string, any>[];
    journal[0]!['seq'] = 2;
    expect(message(replayJournal(CONFIG, journal as unknown as Entry[]))).toBe('journal_sequence_broken: entry 2 is the first entry: sequence numbers start at 1 and run without gaps');
  });
});

describe('every reachable code: a non-empty single line under 400 characters that names what is wrong', () => {
  type Outcome = { readonly code: string; readonly message: string };
  const outcome = (result: { ok: boolean; error?: { code: string; message: string } }): Outcome =>
    result.ok || result.error === undefined ? { code: 'accepted', message: '' } : { code: result.error.code, message: result.error.message };
  /** The rejection of `command` after `before` was accepted, in the fixture ledger (or `config`). */
  const after = (before: readonly Command[], command: unknown, config: LedgerConfig = CONFIG): Outcome => outcome(ledgerAfter(before, config).execute(command as Command));
  const config = (value: unknown): Outcome => outcome(createLedger(value as LedgerConfig));
  const MART = { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } };
  /** The first rejected command of a scenario file (or the file's own rejection). */
  const scenario = (commands: unknown[], merchants: unknown[] = [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } }, { id: 'pm1', type: 'payout', platform: 'mart' }], top: Record<string, unknown> = {}): Outcome => {
    const run = runScenario({ ...top, merchants, commands });
    if (!run.ok) return { code: run.error.code, message: run.error.message };
    const first = run.value.report.results.find((result) => !result.ok);
    return first?.error === undefined ? { code: 'accepted', message: '' } : { code: first.error.code, message: first.error.message };
  };
  const journalOf = (commands: readonly Command[]): Record<string, any>[] => JSON.parse(JSON.stringify(ledgerAfter(commands).state.journal)) as Record<string, any>[];
  const replayed = (journal: readonly unknown[]): Outcome => outcome(replayJournal(CONFIG, journal as Entry[]));
  const card = (id: string, overrides: Record<string, unknown> = {}): Command => goldenPayment(id, overrides as unknown as Partial<CreatePaymentCommand>);
  const authorized = (id: string): Command => goldenPayment(id, { capture: false, split: undefined } as unknown as Partial<CreatePaymentCommand>);
  const usdFeeless = { merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } }, { id: 'pm1', type: 'payout', platform: 'mart' }] } as LedgerConfig;
  const big = (id: string, amount: number): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount, platformFee: 0 }] });
  const PM1_100 = [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }];
  /** The fixture ledger with one more merchant no configuration would accept (config.test.ts builds these too). */
  const handBuilt = (extra: { id: string; type: 'seller' | 'payout'; platform: string }): Ledger => {
    const fresh = newLedger();
    const merchants = new Map(fresh.state.config.merchants);
    merchants.set(extra.id, { ...extra, status: 'active', approved: true, book: 'test', paymentTypes: new Set(['credit_card']) } as never);
    return new Ledger({ ...(fresh.state as LedgerState), config: { ...fresh.state.config, merchants } });
  };
  const settings: Command = { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 };

  // [code, outcome, what the message must name]
  const cases: [string, () => Outcome, string][] = [
    ['amount_not_positive', () => after([], { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 0, currency: 'JPY' }), 'amount'],
    ['balance_overflow', () => after([big('a', Number.MAX_SAFE_INTEGER)], big('b', 2), usdFeeless), 'pm1'],
    ['ledger_full', () => {
      // 2^24 payments would take 13 GB: the table reports that many (see ledger-capacity.test.ts).
      const ledger = ledgerAfter([card('p')]);
      Object.defineProperty(ledger.state.payments, 'size', { value: 2 ** 24 });
      return outcome(ledger.execute(card('q')));
    }, '16,777,216 payments'],
    ['bank_account_bank_code_invalid', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], refundRequest({ id: 'r', payment: 'kb', bankAccount: { ...BANK_ACCOUNT, bankCode: '12' } })), 'bank_code'],
    ['bank_account_bank_name_invalid', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], refundRequest({ id: 'r', payment: 'kb', bankAccount: { ...BANK_ACCOUNT, bankName: ' ' } })), 'bank_name'],
    ['bank_account_branch_name_invalid', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], refundRequest({ id: 'r', payment: 'kb', bankAccount: { ...BANK_ACCOUNT, branchName: '' } })), 'branch_name'],
    ['bank_account_branch_number_invalid', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], refundRequest({ id: 'r', payment: 'kb', bankAccount: { ...BANK_ACCOUNT, branchNumber: '1' } })), 'branch_number'],
    ['bank_account_customer_name_invalid', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], refundRequest({ id: 'r', payment: 'kb', bankAccount: { ...BANK_ACCOUNT, customerName: 'Yamada' } })), 'customer_name'],
    ['bank_account_number_invalid', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], refundRequest({ id: 'r', payment: 'kb', bankAccount: { ...BANK_ACCOUNT, accountNumber: 'x' } })), 'account_number'],
    ['bank_account_type_invalid', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], refundRequest({ id: 'r', payment: 'kb', bankAccount: { ...BANK_ACCOUNT, accountType: 'gold' as never } })), 'account_type'],
    ['capture_exceeds_authorized', () => after([authorized('a')], { op: 'payment.capture', payment: 'a', amount: 1001, split: [{ submerchantId: 'pm1', amount: 1001, platformFee: 0 }] }), '1001'],
    ['chargeback_not_supported', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], { op: 'payment.chargeback', payment: 'kb' }), 'konbini'],
    ['command_invalid', () => outcome(newLedger().execute(null as unknown as Command)), 'null'],
    ['config_book_invalid', () => config({ book: 'prod', merchants: [MART] }), 'prod'],
    ['config_invalid', () => config(null), 'configuration'],
    ['config_merchant_duplicate', () => config({ merchants: [MART, MART] }), 'mart'],
    ['config_merchant_id_invalid', () => config({ merchants: [{ ...MART, id: 'a b' }] }), 'a b'],
    ['config_merchant_status_invalid', () => config({ merchants: [{ ...MART, status: 'gone' }] }), 'status'],
    ['config_merchant_type_unknown', () => config({ merchants: [{ ...MART, type: 'shop' }] }), 'shop'],
    ['config_merchants_invalid', () => config({ merchants: 'mart' }), 'merchants'],
    ['config_payment_type_not_offered', () => config({ merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart', paymentTypes: ['konbini'] }] }), 'konbini'],
    ['config_platform_business_invalid', () => config({ merchants: [{ ...MART, business: 'shop' }] }), 'business'],
    ['config_platform_missing', () => config({ merchants: [MART, { id: 'pm1', type: 'payout', platform: 'nope' }] }), 'nope'],
    ['config_submerchant_type_mismatch', () => config({ merchants: [MART, { id: 's1', type: 'seller', platform: 'mart' }] }), 'seller'],
    ['config_time_zone_invalid', () => config({ timeZone: 'JST', merchants: [MART] }), 'JST'],
    ['currency_unknown', () => after([], card('p', { currency: 'XXX' })), 'XXX'],
    ['customer_fee_already_refunded', () => after([goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }), konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }, refundRequest({ id: 'r1', payment: 'kb', amount: 100, split: PM1_100, includePaymentMethodFee: true })], refundRequest({ id: 'r2', payment: 'kb', amount: 100, split: PM1_100, includePaymentMethodFee: true })), 'include_payment_method_fee'],
    ['date_invalid', () => after([], { op: 'settlement.run', date: '2026-02-30' }), '2026-02-30'],
    ['dual_authentication_not_allowed', () => after([], card('p', { as: 'pm1' })), 'mart'],
    ['field_invalid', () => after([], card('p', { capture: 'false' })), 'capture'],
    ['field_missing', () => scenario([{ op: 'payment.cancel' }]), 'payment'],
    ['holiday_calendar_invalid', () => after([], { op: 'settlement.run', date: '2026-03-02', holidays: Array.from({ length: 40 }, (_, day) => new Date(Date.UTC(2026, 2, 2 + day)).toISOString().slice(0, 10)) }), 'holidays'],
    ['holiday_date_invalid', () => after([], { op: 'settlement.run', date: '2026-03-02', holidays: ['tomorrow'] }), 'tomorrow'],
    ['id_invalid', () => after([], card('a\nb')), 'id'],
    ['idempotency_key_invalid', () => after([], { ...card('p'), idempotencyKey: '' }), 'idempotency_key'],
    ['idempotency_key_reused', () => after([{ ...card('p'), idempotencyKey: 'k' }], { ...card('q'), idempotencyKey: 'k' }), 'k'],
    ['insufficient_balance', () => after([], { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 5, currency: 'JPY' }), 'pm1'],
    ['merchant_deactivated', () => after([], card('p', { split: [{ submerchantId: 'pm3', amount: 1000, platformFee: 0 }] })), 'pm3'],
    ['merchant_in_other_book', () => after([], card('p'), { merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart', book: 'live' }, { id: 'pm2', type: 'payout', platform: 'mart' }] } as LedgerConfig), 'pm1'],
    ['merchant_not_approved', () => after([], card('p'), { book: 'live', merchants: [MART, { id: 'pm1', type: 'payout', platform: 'mart', approved: false }, { id: 'pm2', type: 'payout', platform: 'mart' }] } as LedgerConfig), 'pm1'],
    ['merchant_not_found', () => after([], card('p', { merchant: 'nobody' })), 'nobody'],
    ['merchant_not_platform', () => after([], card('p', { merchant: 'pm1' })), 'pm1'],
    ['op_unknown', () => after([], { op: 'payment.steal' }), 'payment.steal'],
    ['partial_capture_not_supported', () => after([{ ...authorized('a'), paymentType: 'paypay' } as Command], { op: 'payment.capture', payment: 'a', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }] }), '1000'],
    ['payment_already_refunded', () => after([card('p'), { op: 'payment.chargeback', payment: 'p' }], { op: 'payment.refund', payment: 'p' }), 'payment p'],
    ['payment_id_taken', () => after([card('p')], card('p')), 'p'],
    ['payment_not_authorized', () => after([card('p')], { op: 'payment.capture', payment: 'p' }), 'captured'],
    ['payment_not_cancellable', () => after([card('p')], { op: 'payment.cancel', payment: 'p' }), 'captured'],
    ['payment_not_captured', () => after([authorized('a')], { op: 'payment.refund', payment: 'a' }), 'authorized'],
    ['payment_not_expirable', () => after([card('p')], { op: 'payment.expire', payment: 'p' }), 'captured'],
    ['payment_not_found', () => after([], { op: 'payment.cancel', payment: 'nope' }), 'nope'],
    ['payment_type_not_accepted', () => after([], card('p', { paymentType: 'konbini', split: [{ submerchantId: 'pm4', amount: 1000, platformFee: 0 }] })), 'pm4'],
    ['payment_type_not_supported', () => after([], card('p', { paymentType: 'bitcoin' })), 'bitcoin'],
    ['payout_frequency_invalid', () => after([], { ...settings, frequency: 'daily' }), 'daily'],
    ['platform_amount_exceeds_amount', () => after([], sellerPayment('sp', { platformAmount: 60_000 })), '60000'],
    ['platform_amount_not_allowed', () => after([], card('p', { platformAmount: 1 })), 'platform_amount'],
    ['platform_merchant_mismatch', () => after([], sellerPayment('sp', { platformMerchant: 'mart' })), 'platform_merchant'],
    ['refund_exceeds_remaining', () => after([card('p')], { op: 'payment.refund', payment: 'p', amount: 1001, split: [{ submerchantId: 'pm1', amount: 1001, platformFee: 0 }] }), '1001'],
    ['refund_request_id_taken', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }, refundRequest({ id: 'r', payment: 'kb', amount: 100, split: PM1_100 })], refundRequest({ id: 'r', payment: 'kb', amount: 100, split: PM1_100 })), 'id r'],
    ['refund_request_not_found', () => after([], { op: 'refund_request.complete', refundRequest: 'nope' }), 'nope'],
    ['refund_request_not_pending', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }, refundRequest({ id: 'r', payment: 'kb', amount: 100, split: PM1_100 }), { op: 'refund_request.reject', refundRequest: 'r' }], { op: 'refund_request.complete', refundRequest: 'r' }), 'rejected'],
    ['refund_request_too_many_pending', () => after(
      [goldenPayment('cc', { amount: 100_000, split: [{ submerchantId: 'pm2', amount: 100_000, platformFee: 100_000 }] }), konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' },
        ...Array.from({ length: 100 }, (_, index) => refundRequest({ id: `r${index}`, payment: 'kb', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] }))],
      refundRequest({ id: 'r100', payment: 'kb', amount: 1, split: [{ submerchantId: 'pm1', amount: 1, platformFee: 0 }] }),
    ), 'kb'],
    ['refund_request_not_supported', () => after([card('p')], refundRequest({ id: 'r', payment: 'p' })), 'payment.refund'],
    ['refund_request_required', () => after([konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }], { op: 'payment.refund', payment: 'kb' }), 'payment.refund_request'],
    ['refund_split_not_allowed_for_seller', () => after([sellerPayment('sp')], { op: 'payment.refund', payment: 'sp', amount: 10, split: [{ submerchantId: 's1', amount: 10, platformFee: 0 }] }), 'platform_details'],
    ['refund_split_required', () => after([card('p')], { op: 'payment.refund', payment: 'p', amount: 10 }), '10'],
    ['refund_split_too_many_lines', () => after([card('p')], { op: 'payment.refund', payment: 'p', amount: 101, split: Array.from({ length: 101 }, () => ({ submerchantId: 'pm1', amount: 1, platformFee: 0 })) }), '101'],
    ['rounding_mode_unknown', () => config({ rounding: 'up', merchants: [MART] }), 'up'],
    ['scenario_invalid', () => outcome(runScenario({ merchants: [] })), 'commands'],
    ['seller_required', () => after([], sellerPayment('sp', { as: undefined } as unknown as Partial<CreatePaymentCommand>)), 'as'],
    ['seller_split_required', () => after([], sellerPayment('sp', { platformAmount: undefined } as unknown as Partial<CreatePaymentCommand>)), 'platform_amount'],
    ['session_capture_invalid', () => after([], marketplaceSession('s', { capture: 'later' as never })), 'later'],
    ['session_external_customer_id_too_long', () => after([], marketplaceSession('s', { externalCustomerId: 'x'.repeat(256) })), 'external_customer_id'],
    ['session_id_taken', () => after([marketplaceSession('s')], marketplaceSession('s')), 's'],
    ['session_not_found', () => after([], { op: 'session.cancel', session: 'nope' }), 'nope'],
    ['session_not_pending', () => after([marketplaceSession('s'), { op: 'session.cancel', session: 's' }], { op: 'session.cancel', session: 's' }), 'cancelled'],
    ['session_payment_type_not_offered', () => after([marketplaceSession('s')], { op: 'session.complete', session: 's', payment: 'p', paymentType: 'paypay' }), 'paypay'],
    ['session_payment_types_empty', () => after([], marketplaceSession('s', { paymentTypes: [] })), 'payment_types'],
    ['session_payment_types_repeated', () => after([], marketplaceSession('s', { paymentTypes: ['credit_card', 'credit_card'] })), 'credit_card'],
    ['session_return_url_invalid', () => after([], marketplaceSession('s', { returnUrl: 'shop/return' })), 'shop/return'],
    ['session_text_too_long', () => after([], marketplaceSession('s', { defaultLocale: 'x'.repeat(65_537) })), 'default_locale'],
    ['settlement_period_not_ended', () => after([{ ...settings, at: '2026-01-01T00:00:00+09:00' }], { op: 'settlement.run', date: '2026-01-16', at: '2026-01-09T23:59:59.999+09:00' }), 'pm1'],
    ['split_fixed_at_creation', () => after([{ ...sellerPayment('sp'), capture: true, paymentType: 'konbini' }], { op: 'payment.capture', payment: 'sp', platformAmount: 1 }), 'platform_amount'],
    ['split_not_allowed_for_seller', () => after([], sellerPayment('sp', { split: [{ submerchantId: 's1', amount: 1, platformFee: 0 }] })), 'platform_details'],
    ['split_too_many_submerchants', () => after([], card('p', { split: Array.from({ length: 101 }, (_, index) => ({ submerchantId: `pm${index}`, amount: index === 0 ? 900 : 1, platformFee: 0 })) })), '101'],
    ['split_with_self', () => after([], card('p', { split: [{ submerchantId: 'mart', amount: 1000, platformFee: 0 }] })), 'mart'],
    ['submerchant_not_found', () => after([], card('p', { split: [{ submerchantId: 'ghost', amount: 1000, platformFee: 0 }] })), 'ghost'],
    ['submerchant_not_owned', () => after([], card('p', { split: [{ submerchantId: 'px', amount: 1000, platformFee: 0 }] })), 'px'],
    ['submerchant_not_payout', () => outcome(handBuilt({ id: 'odd', type: 'seller', platform: 'mart' }).execute(card('p', { split: [{ submerchantId: 'odd', amount: 1000, platformFee: 0 }] }))), 'odd'],
    ['submerchant_not_seller', () => outcome(handBuilt({ id: 'odd', type: 'payout', platform: 'plt' }).execute(sellerPayment('p', { as: 'odd' }))), 'odd'],
    ['time_invalid', () => after([], { ...card('p'), at: 'yesterday' }), 'yesterday'],
    ['time_out_of_order', () => after([{ ...card('p'), at: '2026-04-02T00:00:00Z' }], { ...card('q'), at: '2026-04-01T00:00:00Z' }), '2026-04-01'],
    ['transfer_must_involve_platform', () => after([], { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'pm2', amount: 1, currency: 'JPY' }), 'from/to'],
    ['transfer_same_party', () => after([], { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'pm1', amount: 1, currency: 'JPY' }), 'pm1'],
    // @kanjo/splits and @kanjo/fees codes the ledger passes on.
    ['amount_not_integer', () => scenario([{ op: 'payment.create', id: 'p', merchant: 'mart', amount: 12.5, currency: 'JPY', payment_type: 'credit_card' }]), 'amount'],
    ['amount_negative', () => scenario([{ op: 'payment.create', id: 'p', merchant: 'mart', amount: -5, currency: 'JPY', payment_type: 'credit_card' }]), 'amount'],
    ['amount_exponent_notation', () => scenario([{ op: 'payment.create', id: 'p', merchant: 'mart', amount: '1e3', currency: 'JPY', payment_type: 'credit_card' }]), 'amount'],
    ['amount_not_a_number', () => scenario([{ op: 'payment.create', id: 'p', merchant: 'mart', amount: 'ten', currency: 'JPY', payment_type: 'credit_card' }]), 'amount'],
    ['amount_not_safe_integer', () => scenario([{ op: 'payment.create', id: 'p', merchant: 'mart', amount: '99999999999999999999', currency: 'JPY', payment_type: 'credit_card' }]), 'amount'],
    ['split_required', () => after([], card('p', { split: undefined })), 'submerchants'],
    ['split_not_allowed_at_authorization', () => after([], card('p', { capture: false })), 'capture'],
    ['split_submerchant_id_invalid', () => after([], card('p', { split: [{ submerchantId: '', amount: 1000, platformFee: 0 }] })), 'submerchant_id'],
    ['split_duplicate_submerchant', () => after([], card('p', { split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }, { submerchantId: 'pm1', amount: 500, platformFee: 0 }] })), 'pm1'],
    ['split_line_amount_not_positive', () => after([], card('p', { split: [{ submerchantId: 'pm1', amount: 0, platformFee: 0 }, { submerchantId: 'pm2', amount: 1000, platformFee: 0 }] })), 'pm1'],
    ['split_platform_fee_exceeds_amount', () => after([], card('p', { split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 1001 }] })), 'platform_fee'],
    ['split_sum_mismatch', () => after([], card('p', { split: [{ submerchantId: 'pm1', amount: 999, platformFee: 0 }] })), '999'],
    ['split_sum_exceeds_amount', () => after([authorized('a')], { op: 'payment.capture', payment: 'a', split: [{ submerchantId: 'pm1', amount: 1001, platformFee: 0 }] }), '1001'],
    ['refund_split_duplicate_submerchant', () => after([card('p')], { op: 'payment.refund', payment: 'p', amount: 20, split: [{ submerchantId: 'pm1', amount: 10, platformFee: 0 }, { submerchantId: 'pm1', amount: 10, platformFee: 0 }] }), 'pm1'],
    ['refund_submerchant_not_in_payment', () => after([card('p')], { op: 'payment.refund', payment: 'p', amount: 10, split: [{ submerchantId: 'pm4', amount: 10, platformFee: 0 }] }), 'pm4'],
    ['refund_split_sum_mismatch', () => after([card('p')], { op: 'payment.refund', payment: 'p', amount: 20, split: [{ submerchantId: 'pm1', amount: 10, platformFee: 0 }] }), '20'],
    ['refund_exceeds_share', () => after([card('p')], { op: 'payment.refund', payment: 'p', amount: 800, split: [{ submerchantId: 'pm1', amount: 700, platformFee: 100 }] }), 'pm1'],
    ['rate_malformed', () => config({ merchants: [{ ...MART, paymentMethods: { credit_card: { feeRate: '3.6' } } }] }), '3.6'],
    ['rate_negative', () => config({ taxRate: '-1%', merchants: [MART] }), '-1%'],
    ['rate_above_100_percent', () => config({ taxRate: '101%', merchants: [MART] }), '101%'],
    ['rate_too_precise', () => config({ taxRate: '1.123456789%', merchants: [MART] }), '1.123456789%'],
    ['fee_amount_invalid', () => config({ refundRequestFee: -1, merchants: [MART] }), 'refundRequestFee'],
    ['payment_type_invalid', () => config({ merchants: [{ ...MART, paymentMethods: { Card: { feeRate: '1%' } } }] }), 'Card'],
    // The journal's codes, from kanjo reconcile's point of view.
    ['journal_sequence_broken', () => { const journal = journalOf([card('p')]); journal[0]!['seq'] = 2; return replayed(journal); }, 'entry 2'],
    ['journal_entry_unbalanced', () => { const journal = journalOf([card('p')]); (journal[0]!['postings'][0] as { amount: number }).amount += 1; return replayed(journal); }, 'JPY'],
    ['journal_entry_malformed', () => { const journal = journalOf([card('p')]); journal[0]!['at'] = 'noon'; return replayed(journal); }, 'noon'],
    ['journal_entry_inapplicable', () => { const journal = journalOf([card('p'), card('q')]); journal[1]!['changes'] = journal[0]!['changes']; return replayed(journal); }, 'entry 2'],
    ['journal_header_malformed', () => outcome(CompactEntryDecoder.fromHeader({ kanjo_journal: 2 } as never)), 'config'],
    ['journal_length_mismatch', () => outcome(checkJournalLength(3, 2)), 'cut after entry 2'],
  ];

  for (const [code, run, mentions] of cases) {
    it(`${code}: one short line naming ${mentions}`, () => {
      const { code: got, message } = run();
      if (process.env.PRINT_MESSAGES) console.log(`MSG ${code}: ${message}`);
      expect(got).toBe(code);
      expect(message.length).toBeGreaterThan(0);
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      expect(message.length).toBeLessThan(400);
      expect(message).toContain(mentions);
    });
  }

  it('the table covers every code the ledger can return but the n-party proportionalRefund utility\'s', () => {
    const covered = new Set(cases.map(([code]) => code));
    const unused = ['refund_total_exceeds_shares', 'refund_total_below_refunded', 'refunded_exceeds_share', 'amount_sum_not_safe_integer'];
    expect(LEDGER_REJECTION_CODES.filter((code) => !covered.has(code) && !unused.includes(code))).toEqual([]);
  });
});

describe('found while reviewing, fixed after the review', () => {
  // Ledger.execute({ op: 'payment.refund', payment: 7n, idempotencyKey: 'k' }) throws "TypeError: Do
  // not know how to serialize a BigInt" from canonicalJson (the idempotency fingerprint), before the
  // command is decided; without the key it is payment_not_found (fixed above). README: only "an
  // amount that is not a non-negative safe integer still throws". Left open: the fingerprint must
  // not make a bigint equal to any string a stored command could hold ("7n"), or a retry of a
  // different command under the same key would be answered with the first one's result.
  it('a bigint in a command that carries an idempotency key is command_invalid, not a TypeError from its fingerprint, and nothing is remembered', () => {
    const created = createLedger(CONFIG);
    if (!created.ok) throw new Error(created.error.message);
    const ledger = created.value;
    const result = ledger.execute({ op: 'payment.refund', payment: 7n, idempotencyKey: 'k' } as unknown as Command);
    expect(result).toMatchObject({ ok: false, error: { code: 'command_invalid' } });
    expect(ledger.journal).toHaveLength(0);
    expect(ledger.state.idempotency.size).toBe(0);
    // Without the key nothing is fingerprinted: the command is decided (no such payment).
    expect(ledger.execute({ op: 'payment.refund', payment: 7n } as unknown as Command)).toMatchObject({ ok: false, error: { code: 'payment_not_found' } });
  });
});
