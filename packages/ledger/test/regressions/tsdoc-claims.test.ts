import {
  CUSTOMERS_ACCOUNT,
  CUSTOMER_FEES_ACCOUNT,
  LEDGER_REJECTION_CODES,
  MERCHANT_ACCOUNT_PREFIX,
  PAYMENT_METHOD_CAPABILITIES,
  PAYOUTS_ACCOUNT,
  PROCESSING_FEES_ACCOUNT,
  REFUND_FEES_ACCOUNT,
  TAX_ACCOUNT,
  applyEntry,
  availableBalance,
  createLedger,
  decideCommand,
  hledgerJournalLines,
  merchantAccount,
  merchantBalances,
  merchantRecords,
  merchantStatementCsv,
  parseJournalEntry,
  parseScenarioCommand,
  paymentMethodCapabilities,
  postedBalance,
  replayJournal,
  runScenario,
  unbalancedCurrency,
  unknownScenarioFields,
  validateBankAccount,
  type BankAccount,
  type Command,
  type CreatePaymentCommand,
  type Entry,
  type LedgerConfig,
  type LedgerState,
  type Posting,
} from '@kanjo/ledger';
import { validateSellerSplit } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, CONFIG, PAYMENT_METHODS, goldenPayment, konbiniPayment, omit, refundRequest, sellerPayment } from '../support/fixtures.js';
import { accepted, ledgerAfter, newLedger, rejected, stateSnapshot } from '../support/ledger-harness.js';

// The TSDoc of @kanjo/ledger's public API, sentence by sentence where it states a behaviour
// (an order, a default, a bound, what is refused, copied or shared) that no test pinned, or
// pinned only in part: each `it` quotes its claims (file and symbol in the comment above it) and
// checks them through the package's exports. Five claims the audit found false (runScenario,
// unknownScenarioFields, decideCommand and Ledger.execute, unbalancedCurrency,
// LEDGER_REJECTION_CODES) were comments the code had outgrown: the comments now say what the
// code does, and the tests below pin that.

/** The golden payment authorized only (capture false), so without its split. */
const authorization = (id: string, overrides: Partial<CreatePaymentCommand> = {}): Command => omit(goldenPayment(id, { capture: false, ...overrides }), 'split');

/** The scenario form of the fixture's `mart` marketplace and its payout merchant `pm1`. */
const SCENARIO_MERCHANTS = [
  { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' },
];

describe('journal/accounts.ts', () => {
  // CUSTOMERS_ACCOUNT … PAYOUTS_ACCOUNT: "Colon paths with capitalised roots so that the
  // plain-text accounting tools (hledger, ledger) read an export as it is", and "a merchant's
  // balance is what KOMOJU owes it, a liability".
  it('the account names are colon paths under Assets, Income and Liabilities', () => {
    expect([CUSTOMERS_ACCOUNT, PROCESSING_FEES_ACCOUNT, REFUND_FEES_ACCOUNT, CUSTOMER_FEES_ACCOUNT, TAX_ACCOUNT, PAYOUTS_ACCOUNT, MERCHANT_ACCOUNT_PREFIX]).toEqual([
      'Assets:Receivable:Customers',
      'Income:Fees:Processing',
      'Income:Fees:Refund',
      'Income:Fees:Customer',
      'Liabilities:Tax:Consumption',
      'Assets:Bank:Payouts',
      'Liabilities:Merchants:',
    ]);
  });

  // merchantAccount: "The balance account of a merchant (one account per merchant; currencies
  // are commodities in it)."
  it('merchantAccount is the prefix and the id, one account for every currency of the merchant', () => {
    expect(merchantAccount('pm1')).toBe('Liabilities:Merchants:pm1');
    // Review 175: from JavaScript, undefined made "Liabilities:Merchants:undefined".
    expect(() => merchantAccount(undefined as never)).toThrow(new TypeError('merchantAccount: merchantId must be a merchant id (a string), not undefined'));
    const ledger = ledgerAfter([goldenPayment('jpy'), goldenPayment('usd', { currency: 'USD' })]);
    const accounts = new Set(ledger.journal.flatMap((entry) => entry.postings.filter((posting) => posting.merchant === 'pm1').map((posting) => posting.account)));
    expect([...accounts]).toEqual([merchantAccount('pm1')]);
  });
});

describe('payments/payment-methods.ts', () => {
  // PAYMENT_METHOD_CAPABILITIES: "The payment types Kanjo knows the capabilities of. Cards cover
  // VISA/Mastercard and JCB/AMEX/Diners." paymentMethodCapabilities: "or undefined for a type
  // Kanjo does not know."
  it('the table: cards do everything, wallets partially capture only from a session, Konbini, Bank Transfer and Pay-Easy wait and are refunded by request', () => {
    const card = { refundRoute: 'refund', waitsForCustomer: false, partialCaptureFromApi: true, partialCaptureFromSession: true, chargeback: true };
    const wallet = { refundRoute: 'refund', waitsForCustomer: false, partialCaptureFromApi: false, partialCaptureFromSession: true, chargeback: false };
    const waiting = { refundRoute: 'refund_request', waitsForCustomer: true, partialCaptureFromApi: false, partialCaptureFromSession: false, chargeback: false };
    expect(Object.fromEntries(PAYMENT_METHOD_CAPABILITIES)).toEqual({
      credit_card: card,
      paypay: wallet,
      linepay: wallet,
      merpay: wallet,
      konbini: waiting,
      bank_transfer: waiting,
      pay_easy: waiting,
    });
    expect(paymentMethodCapabilities('konbini')).toEqual(waiting);
    expect(paymentMethodCapabilities('bitcoin')).toBeUndefined();
    expect(paymentMethodCapabilities('toString')).toBeUndefined();
  });

  // PaymentMethodCapabilities: "What each payment type can do (DOMAIN.md "Payments", `[001]`):
  // how it is refunded, whether it waits for the customer after creation, whether it can be
  // partially captured (and from which origin), whether it can be charged back." The table is
  // the engine's rule, not a description beside it: each capability is checked against what a
  // seller-model payment of the type does (the seller model needs no split, so one command
  // shape serves every type).
  for (const [paymentType, can] of PAYMENT_METHOD_CAPABILITIES) {
    it(`${paymentType}: the engine does what its capabilities say`, () => {
      const ledger = newLedger();
      const created = accepted(ledger, sellerPayment('now', { paymentType, amount: 10_000, platformAmount: 1_000 }));
      expect(ledger.state.payments.get('now')?.status).toBe(can.waitsForCustomer ? 'authorized' : 'captured');
      expect(created.events.map((event) => event.type)).toEqual([can.waitsForCustomer ? 'payment.authorized' : 'payment.captured']);
      if (can.waitsForCustomer) accepted(ledger, { op: 'payment.capture', payment: 'now' });

      // From the Payment API: authorized, then captured for less.
      accepted(ledger, sellerPayment('api', { paymentType, amount: 10_000, platformAmount: 1_000, capture: false }));
      const partial: Command = { op: 'payment.capture', payment: 'api', amount: 9_000 };
      if (can.partialCaptureFromApi) accepted(ledger, partial);
      else rejected(ledger, partial, 'partial_capture_not_supported');

      // Through a hosted-page session with manual capture, then captured for less.
      accepted(ledger, {
        op: 'session.create',
        id: 'ses',
        merchant: 'plt',
        as: 's1',
        amount: 10_000,
        currency: 'JPY',
        paymentTypes: [paymentType],
        returnUrl: 'https://shop.example/return',
        capture: 'manual',
        platformAmount: 1_000,
        platformMerchant: 'plt',
      });
      accepted(ledger, { op: 'session.complete', session: 'ses', payment: 'fromSession', paymentType });
      const partialFromSession: Command = { op: 'payment.capture', payment: 'fromSession', amount: 9_000 };
      if (can.partialCaptureFromSession) accepted(ledger, partialFromSession);
      else rejected(ledger, partialFromSession, 'partial_capture_not_supported');

      const refund: Command = { op: 'payment.refund', payment: 'now', amount: 100 };
      if (can.refundRoute === 'refund') accepted(ledger, refund);
      else rejected(ledger, refund, 'refund_request_required');
      const chargeback: Command = { op: 'payment.chargeback', payment: 'now' };
      if (can.chargeback) accepted(ledger, chargeback);
      else rejected(ledger, chargeback, 'chargeback_not_supported');
    });
  }
});

describe('engine/ledger-config.ts and merchants/merchant.ts: defaults', () => {
  const ledger = newLedger({
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%' } } },
      { id: 'pm1', type: 'payout', platform: 'mart' },
      { id: 'pm2', type: 'payout', platform: 'mart', paymentTypes: ['credit_card'] },
    ],
  });
  const merchants = ledger.state.config.merchants;

  // LedgerConfig.book: "The book this ledger keeps. Default `test`." LedgerConfig.timeZone:
  // "Default "+09:00"." ResolvedConfig.timeZoneOffsetMinutes: "+09:00 → 540".
  // ResolvedConfig.timeZone: "The original time zone text".
  it('a configuration without book or time zone keeps the test book at +09:00 (540 minutes)', () => {
    expect(ledger.state.config.book).toBe('test');
    expect(ledger.state.config.timeZone).toBe('+09:00');
    expect(ledger.state.config.timeZoneOffsetMinutes).toBe(540);
  });

  // LedgerConfig.timeZone: ""Z", "+09:00", "+0900" or "+09" (ISO 8601)"; ResolvedConfig.timeZone:
  // "The original time zone text, for exports".
  it('each offset form gives its minutes, and the text is kept as written', () => {
    const resolved = (timeZone: string) => {
      const created = createLedger({ ...CONFIG, timeZone });
      return created.ok ? [created.value.state.config.timeZoneOffsetMinutes, created.value.state.config.timeZone] : created.error.code;
    };
    expect(['Z', '+09:00', '+0900', '+09', '-05:30'].map(resolved)).toEqual([
      [0, 'Z'],
      [540, '+09:00'],
      [540, '+0900'],
      [540, '+09'],
      [-330, '-05:30'],
    ]);
  });

  // ResolvedConfig.merchants: "Every merchant of the configuration by id, validated, with its
  // defaults filled in." Merchant.status "Default `active`", Merchant.approved "Default `true`",
  // Merchant.book "Default: the ledger's book", Merchant.paymentTypes "(for a sub-merchant
  // without a list: its platform's)", Merchant.feeSchedule "platforms only",
  // Merchant.business "platforms only", Merchant.platform "sub-merchants only".
  it('every merchant, in configuration order, with status active, approved, the ledger\'s book and inherited payment types', () => {
    expect([...merchants.keys()]).toEqual(['mart', 'pm1', 'pm2']);
    const summary = [...merchants.values()].map((merchant) => ({
      id: merchant.id,
      type: merchant.type,
      status: merchant.status,
      approved: merchant.approved,
      book: merchant.book,
      paymentTypes: [...merchant.paymentTypes],
      business: merchant.business,
      platform: merchant.platform,
      hasFeeSchedule: merchant.feeSchedule !== undefined,
    }));
    expect(summary).toEqual([
      { id: 'mart', type: 'platform', status: 'active', approved: true, book: 'test', paymentTypes: ['credit_card', 'konbini'], business: 'marketplace', platform: undefined, hasFeeSchedule: true },
      { id: 'pm1', type: 'payout', status: 'active', approved: true, book: 'test', paymentTypes: ['credit_card', 'konbini'], business: undefined, platform: 'mart', hasFeeSchedule: false },
      { id: 'pm2', type: 'payout', status: 'active', approved: true, book: 'test', paymentTypes: ['credit_card'], business: undefined, platform: 'mart', hasFeeSchedule: false },
    ]);
  });

  // MerchantConfigBase.book / Merchant.book: "Default: the ledger's book" — a live ledger's
  // merchants without a book are live.
  it('in a live ledger, a merchant without a book is live', () => {
    const live = newLedger({ ...CONFIG, book: 'live' });
    expect(live.state.config.book).toBe('live');
    expect(new Set([...live.state.config.merchants.values()].map((merchant) => merchant.book))).toEqual(new Set(['live']));
  });

  // Merchant.approved: "in the live book an unapproved merchant cannot process payments nor be
  // paid in a split (`merchant_not_approved`)" — the split half (config.test.ts pins processing).
  it('live book: an unapproved payout merchant in a split is merchant_not_approved; approved, the same payment passes', () => {
    const config = (approved: boolean): LedgerConfig => ({
      book: 'live',
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS },
        { id: 'pm1', type: 'payout', platform: 'mart', approved },
        { id: 'pm2', type: 'payout', platform: 'mart' },
      ],
    });
    rejected(newLedger(config(false)), goldenPayment(), 'merchant_not_approved');
    accepted(newLedger(config(true)), goldenPayment());
  });
});

describe('engine/ledger.ts: ExecuteResult and Ledger.execute', () => {
  // ExecuteResult.events: "The entry's webhook events, in order (`entry.events`); empty when it
  // raised none." ExecuteResult.entry: "every accepted command appends exactly one, even one that
  // moves no money (an authorization, a settlement run with nobody due)".
  it('an authorization and a settlement run with nobody due each append one entry; events are the entry\'s own list', () => {
    const ledger = newLedger();
    const authorized = accepted(ledger, authorization('auth'));
    expect([ledger.journal.length, authorized.entry.seq, authorized.entry.postings, authorized.events.map((event) => event.type)]).toEqual([1, 1, [], ['payment.authorized']]);
    expect(authorized.events).toBe(authorized.entry.events);
    const run = accepted(ledger, { op: 'settlement.run', date: '2026-04-03' });
    expect([ledger.journal.length, run.entry.seq, run.entry.postings, run.entry.changes, run.events]).toEqual([2, 2, [], [], []]);
    expect(run.events).toBe(run.entry.events);
    expect(ledger.journal.at(-1)).toBe(run.entry);
  });

  // ExecuteResult (replayed): "When `replayed`, the entry the first command with the key
  // appended." and "True when an idempotency key answered with the first result and nothing
  // was appended."
  it('a retry under its key answers the very entry the first appended, and appends nothing', () => {
    const ledger = newLedger();
    const first = accepted(ledger, { ...goldenPayment('p'), idempotencyKey: 'k' });
    accepted(ledger, goldenPayment('other'));
    const retry = accepted(ledger, { ...goldenPayment('p'), idempotencyKey: 'k', at: '2030-01-01T00:00:00Z' });
    expect(retry.replayed).toBe(true);
    expect(retry.entry).toBe(first.entry);
    expect(retry.events).toBe(first.entry.events);
    expect(ledger.journal.length).toBe(2);
    expect(ledger.state.idempotency.get('k')).toEqual({ fingerprint: expect.any(String), seq: 1 });
  });

  // ExecuteResult (rejected): "nothing was appended and the state is unchanged; the command may
  // be retried, with its key too." A rejected keyed command leaves its key unused, so the key
  // may then carry another command.
  it('a rejected keyed command leaves its key free: the corrected command is accepted under it', () => {
    const ledger = newLedger();
    rejected(ledger, { ...goldenPayment('p', { amount: 999 }), idempotencyKey: 'k' }, 'split_sum_mismatch');
    expect(ledger.state.idempotency.size).toBe(0);
    const corrected = accepted(ledger, { ...goldenPayment('p'), idempotencyKey: 'k' });
    expect([corrected.replayed, corrected.entry.seq]).toEqual([false, 1]);
  });

  // Ledger.execute: "misuse from code (an amount that is not an integer, …) throws";
  // CommandBase: "a non-integer from code is a programmer error and throws".
  it('an amount that is not an integer throws, and nothing is appended', () => {
    const ledger = newLedger();
    expect(() => ledger.execute(goldenPayment('p', { amount: 1000.5 }))).toThrow(RangeError);
    expect(() => ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 1.5, currency: 'JPY' })).toThrow(RangeError);
    expect(ledger.journal).toEqual([]);
  });

  // CommandBase.at: "Default: the previous command's time." Entry.at: "a command without `at`
  // takes the previous entry's". The first command without `at`: 1970-01-01T00:00:00.000Z.
  it('a command without at is dated as the entry before it; the first at the epoch', () => {
    const ledger = newLedger();
    expect(accepted(ledger, goldenPayment('a')).entry.at).toBe('1970-01-01T00:00:00.000Z');
    accepted(ledger, goldenPayment('b', { at: '2026-04-01T10:00:00+09:00' }));
    expect(accepted(ledger, goldenPayment('c')).entry.at).toBe('2026-04-01T01:00:00.000Z');
  });

  // CreatePaymentCommand.id: "The new payment's id, 1 to 255 characters". CommandBase / the
  // engine: an idempotency key of 1 to 255 characters.
  it('ids and idempotency keys: 255 characters pass, 256 are refused', () => {
    const ledger = newLedger();
    rejected(ledger, goldenPayment('x'.repeat(256)), 'id_invalid');
    accepted(ledger, goldenPayment('x'.repeat(255)));
    rejected(ledger, { ...goldenPayment('k'), idempotencyKey: 'k'.repeat(256) }, 'idempotency_key_invalid');
    rejected(ledger, { ...goldenPayment('k'), idempotencyKey: '' }, 'idempotency_key_invalid');
    accepted(ledger, { ...goldenPayment('k'), idempotencyKey: 'k'.repeat(255) });
  });
});

describe('engine/decide-command.ts and journal/apply-entry.ts', () => {
  // decideCommand: "Reads the state, never changes it."
  it('decideCommand returns the entry a command would append and leaves the state as it was', () => {
    const ledger = ledgerAfter([goldenPayment('p')]);
    const before = stateSnapshot(ledger.state);
    const decided = decideCommand(ledger.state, goldenPayment('q'));
    const executed = accepted(ledgerAfter([goldenPayment('p')]), goldenPayment('q')).entry;
    expect(decided).toEqual({ ok: true, value: { payment: 'q', changes: executed.changes, postings: executed.postings, events: executed.events } });
    expect(stateSnapshot(ledger.state)).toEqual(before);
    expect(ledger.state.payments.has('q')).toBe(false);
  });

  // decideCommand: "`at` is the command's time (epoch ms), which a settlement run needs to know
  // which periods have ended; … for a command without `at` the last entry's."
  it('without at, a settlement run is decided at the last entry\'s time', () => {
    // The last entry is on Thursday 2026-04-09 (Tokyo): the week 04-04..04-10 that the run of
    // Friday 04-17 pays has not ended then, and has by Saturday 04-11.
    const ledger = ledgerAfter([{ op: 'payout_settings.update', at: '2026-04-09T00:00:00Z', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 }]);
    const run: Command = { op: 'settlement.run', date: '2026-04-17' };
    const code = (result: ReturnType<typeof decideCommand>) => (result.ok ? 'ok' : result.error.code);
    expect(code(decideCommand(ledger.state, run))).toBe('settlement_period_not_ended');
    expect(code(decideCommand(ledger.state, run, Date.parse('2026-04-09T00:00:00Z')))).toBe('settlement_period_not_ended');
    expect(code(decideCommand(ledger.state, run, Date.parse('2026-04-10T15:00:00Z')))).toBe('ok');
  });

  // decideCommand: "left out, it is the command's own `at` as `Ledger.execute` reads it
  // (`time_invalid` for one it refuses, `time_out_of_order` for one before the last entry's)
  // … A given `at` wins over the command's and is not checked against the last entry's."
  it('without at, a command\'s own at is its time, checked as execute checks it (review 175: it was ignored)', () => {
    const ledger = ledgerAfter([{ op: 'payout_settings.update', at: '2026-04-09T00:00:00Z', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 }]);
    const code = (result: ReturnType<typeof decideCommand>) => (result.ok ? 'ok' : result.error.code);
    const dated = (at: string): Command => ({ op: 'settlement.run', date: '2026-04-17', at });
    // Execute accepts the run at its own time, Saturday 04-11; so does decideCommand now.
    expect(code(decideCommand(ledger.state, dated('2026-04-11T00:00:00+09:00')))).toBe('ok');
    expect(code(decideCommand(ledger.state, dated('2025-01-01T00:00:00Z')))).toBe('time_out_of_order');
    expect(decideCommand(ledger.state, dated('2026-02-30T00:00:00Z'))).toMatchObject({ ok: false, error: { code: 'time_invalid' } });
    // A given at wins: the run decided at Thursday's time, whatever the command says.
    expect(code(decideCommand(ledger.state, dated('2026-04-11T00:00:00+09:00'), Date.parse('2026-04-09T00:00:00Z')))).toBe('settlement_period_not_ended');
    for (const at of ['2026-04-11T00:00:00+09:00', '2025-01-01T00:00:00Z', '2026-02-30T00:00:00Z']) {
      const executed = ledgerAfter([{ op: 'payout_settings.update', at: '2026-04-09T00:00:00Z', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 }]).execute(dated(at));
      expect(executed.ok ? 'ok' : executed.error.code).toBe(code(decideCommand(ledger.state, dated(at))));
    }
  });

  // applyEntry: "Folds one entry into the state, in place … Appending the entry to
  // `state.journal` is the caller's step".
  it('applyEntry folds balances and payments but leaves the journal to the caller', () => {
    const source = ledgerAfter([goldenPayment('p', { at: '2026-04-01T00:00:00Z' })]);
    const target = newLedger();
    const entry = source.journal[0] as Entry;
    applyEntry(target.state as LedgerState, entry, Date.parse(entry.at));
    expect(target.journal).toEqual([]);
    expect(target.state.balances).toEqual(source.state.balances);
    expect(target.state.payments).toEqual(source.state.payments);
    expect([target.state.lastAt, target.state.lastAtText]).toEqual([Date.parse('2026-04-01T00:00:00Z'), '2026-04-01T00:00:00.000Z']);
  });
});

describe('engine/ledger-state.ts: what the state view holds', () => {
  // A Konbini payment split {pm1 5000 fee 500}, paid, with the platform topped up by a card
  // payment so it can carry a request's fees.
  const konbiniLedger = () => ledgerAfter([goldenPayment('card', { amount: 10_000, split: [{ submerchantId: 'pm2', amount: 10_000, platformFee: 9_000 }] }), konbiniPayment('kb'), { op: 'payment.capture', payment: 'kb' }]);

  // postedBalance: "A merchant's posted balance in a currency, in minor units (0 if it never
  // touched the currency)." "@throws … RangeError when `merchant` is no merchant of the
  // ledger's configuration". availableBalance: "posted less what its pending refund requests hold." LedgerStateView.holds:
  // "Merchant → currency → amount held by pending refund requests."
  it('postedBalance is 0 for a currency never touched; availableBalance is posted less the holds', () => {
    const ledger = konbiniLedger();
    expect(postedBalance(ledger.state, 'pm1', 'USD')).toBe(0);
    // A merchant the ledger does not have is refused, not answered 0 (review 175: swapped
    // arguments, postedBalance(state, 'JPY', 'pm1'), read as a real balance of 0).
    expect(() => postedBalance(ledger.state, 'nobody', 'JPY')).toThrow(new RangeError('postedBalance(state, merchant, currency): no merchant "nobody" in this ledger'));
    expect(() => availableBalance(ledger.state, 'JPY', 'pm1')).toThrow(
      new RangeError('availableBalance(state, merchant, currency): no merchant "JPY" in this ledger (the merchant and the currency are swapped?)'),
    );
    expect(() => postedBalance(ledger as never, 'pm1', 'JPY')).toThrow(new TypeError('postedBalance(state, merchant, currency): state must be a ledger\'s state (ledger.state), not the ledger itself'));
    expect(() => postedBalance(ledger.state, ['pm1'] as never, 'JPY')).toThrow(new TypeError('postedBalance(state, merchant, currency): merchant and currency must be strings, not ["pm1"] and "JPY"'));
    const posted = postedBalance(ledger.state, 'pm1', 'JPY');
    accepted(ledger, refundRequest({ id: 'rr', payment: 'kb', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }));
    const held = ledger.state.holds.get('pm1')?.get('JPY');
    expect(held).toBe(1000);
    expect(postedBalance(ledger.state, 'pm1', 'JPY')).toBe(posted);
    expect(availableBalance(ledger.state, 'pm1', 'JPY')).toBe(posted - 1000);
  });

  // LedgerStateView.pendingRefundRequests: "Payment → ids of its pending refund requests, in the
  // order they were made (a payment with none has no key)."
  it('pendingRefundRequests lists a payment\'s pending requests in the order made, and drops the key with the last', () => {
    const ledger = konbiniLedger();
    const line = (amount: number) => [{ submerchantId: 'pm1', amount, platformFee: 0 }];
    accepted(ledger, refundRequest({ id: 'r2', payment: 'kb', amount: 200, split: line(200) }));
    accepted(ledger, refundRequest({ id: 'r1', payment: 'kb', amount: 100, split: line(100) }));
    accepted(ledger, refundRequest({ id: 'r3', payment: 'kb', amount: 300, split: line(300) }));
    expect([...ledger.state.pendingRefundRequests]).toEqual([['kb', ['r2', 'r1', 'r3']]]);
    accepted(ledger, { op: 'refund_request.complete', refundRequest: 'r1' });
    accepted(ledger, { op: 'refund_request.reject', refundRequest: 'r2' });
    expect([...ledger.state.pendingRefundRequests]).toEqual([['kb', ['r3']]]);
    accepted(ledger, { op: 'refund_request.complete', refundRequest: 'r3' });
    expect(ledger.state.pendingRefundRequests.has('kb')).toBe(false);
    // LedgerStateView.refundRequests: "pending, completed or rejected" — every request stays.
    expect([...ledger.state.refundRequests].map(([id, request]) => [id, request.status])).toEqual([
      ['r2', 'rejected'],
      ['r1', 'completed'],
      ['r3', 'completed'],
    ]);
  });

  // LedgerStateView.settledPeriods: "`merchant currency periodStart periodEnd` of every payout
  // period already settled (paid or carried)."
  it('settledPeriods keys a paid period, a carried one and one with nothing to pay alike', () => {
    const ledger = ledgerAfter([
      goldenPayment('p', { at: '2026-04-01T01:00:00Z' }),
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 1_000 },
      { op: 'payout_settings.update', merchant: 'mart', target: 'mart', currency: 'USD', frequency: 'weekly', minimumAmount: 0 },
      { op: 'settlement.run', at: '2026-04-10T01:00:00Z', date: '2026-04-10' },
    ]);
    expect([...ledger.state.settledPeriods].sort()).toEqual(['mart USD 2026-03-28 2026-04-03', 'pm1 JPY 2026-03-28 2026-04-03', 'pm2 JPY 2026-03-28 2026-04-03']);
    // Only pm1 (630 ≥ 0) was paid; pm2 (270 < 1,000) carried, mart had no USD.
    expect(ledger.journal.at(-1)?.events).toEqual([{ type: 'settlement.created', merchant: 'pm1', amount: 630, currency: 'JPY' }]);
  });
});

describe('payments/payment.ts and journal/change.ts: a payment\'s fields through its life', () => {
  // Payment.status: "starts `authorized`". Payment.capturedAmount: "0 until captured".
  // Payment.split: "empty before capture and in the seller model". Payment.shares: "Zero shares
  // before capture." Payment.chargebackAmount: "0 without one". Payment.customerFee /
  // customerFeeTax: "0 where the method has none".
  it('an authorized marketplace payment: nothing captured, no split, zero shares, no fees', () => {
    const ledger = ledgerAfter([authorization('p')]);
    expect(ledger.state.payments.get('p')).toMatchObject({
      status: 'authorized',
      capturedAmount: 0,
      split: [],
      shares: { platform: 0, submerchants: [] },
      refundedAmount: 0,
      pendingRefundAmount: 0,
      chargebackAmount: 0,
      customerFee: 0,
      customerFeeTax: 0,
      customerFeeRefund: 'none',
    });
  });

  // Payment.split: "(empty … in the seller model)". Payment.shares: "Seller model: `platform` is
  // platform_amount and the one sub-merchant entry is the seller's." capturedPlatformAmount:
  // "the platform_amount that stood at capture".
  it('a captured seller-model payment: empty split, the platform\'s and the seller\'s shares', () => {
    const ledger = ledgerAfter([sellerPayment('sp')]);
    expect(ledger.state.payments.get('sp')).toMatchObject({
      status: 'captured',
      capturedAmount: 50_000,
      split: [],
      shares: { platform: 5_000, submerchants: [{ submerchantId: 's1', share: 45_000 }] },
      capturedPlatformAmount: 5_000,
    });
  });

  // PaymentInit.platformAmountFixed: "true when `platformAmount` was fixed at creation, that is a
  // payment that waits for the customer (Konbini…) created with `capture: true` or by a session
  // with `capture: auto`. … Undefined otherwise".
  it('platformAmountFixed: true for a Konbini seller payment created with capture, undefined for capture false and for cards', () => {
    const ledger = ledgerAfter([
      sellerPayment('kb_capture', { paymentType: 'konbini', capture: true }),
      sellerPayment('kb_later', { paymentType: 'konbini', capture: false }),
      sellerPayment('card', { capture: true }),
      {
        op: 'session.create',
        id: 'ses',
        merchant: 'plt',
        as: 's1',
        amount: 50_000,
        currency: 'JPY',
        paymentTypes: ['konbini'],
        returnUrl: 'https://shop.example/return',
        capture: 'auto',
        platformAmount: 5_000,
        platformMerchant: 'plt',
      },
      { op: 'session.complete', session: 'ses', payment: 'kb_session', paymentType: 'konbini' },
    ]);
    const fixed = ['kb_capture', 'kb_later', 'card', 'kb_session'].map((id) => ledger.state.payments.get(id)?.platformAmountFixed);
    expect(fixed).toEqual([true, undefined, undefined, true]);
  });

  // Payment.customerFeeRefund: "`pending` while a request holds it (`none` again if rejected),
  // `refunded` once completed." Payment.customerFee: "The customer fee (before tax) charged at
  // capture"; customerFeeTax: "The consumption tax on `customerFee`".
  it('customerFeeRefund: none, pending, none after a rejection, pending, refunded after completion', () => {
    const ledger = ledgerAfter([goldenPayment('card', { amount: 10_000, split: [{ submerchantId: 'pm2', amount: 10_000, platformFee: 9_000 }] }), konbiniPayment('kb')]);
    const states: string[] = [];
    const note = () => states.push(ledger.state.payments.get('kb')?.customerFeeRefund ?? 'missing');
    expect([ledger.state.payments.get('kb')?.customerFee, ledger.state.payments.get('kb')?.customerFeeTax]).toEqual([0, 0]);
    accepted(ledger, { op: 'payment.capture', payment: 'kb' });
    expect([ledger.state.payments.get('kb')?.customerFee, ledger.state.payments.get('kb')?.customerFeeTax]).toEqual([190, 19]);
    note();
    accepted(ledger, refundRequest({ id: 'r1', payment: 'kb', includePaymentMethodFee: true }));
    note();
    accepted(ledger, { op: 'refund_request.reject', refundRequest: 'r1' });
    note();
    accepted(ledger, refundRequest({ id: 'r2', payment: 'kb', includePaymentMethodFee: true }));
    note();
    const completed = accepted(ledger, { op: 'refund_request.complete', refundRequest: 'r2' });
    note();
    expect(states).toEqual(['none', 'pending', 'none', 'pending', 'refunded']);
    // payment_refunded.customerFeeRefunded: "Whether this refund also returned the customer fee
    // and its tax (a refund request made with `include_payment_method_fee` on a payment that had one)."
    expect(completed.entry.changes.find((change) => change.kind === 'payment_refunded')).toMatchObject({ customerFeeRefunded: true, amount: 5000 });
  });

  // PaymentStatus: "A partially refunded payment stays `captured`; a fully refunded or
  // charged-back one is `refunded`." payment_refunded.customerFeeRefunded: "Always false for a
  // `payment.refund`." payment_charged_back: "everything not yet refunded back to the customer …
  // debited from the processing merchant alone (the platform in the marketplace …), even into a
  // negative balance. The payment becomes `refunded`; the parties' refunded parts do not change."
  // Its amount: "the captured amount less what refunds had already given back".
  // PaymentView.refunded_amount: "Refunded plus charged back."
  it('a partial refund keeps captured; a chargeback takes the rest from the platform alone, into the negative', () => {
    const ledger = ledgerAfter([goldenPayment('p')]);
    const refund = accepted(ledger, { op: 'payment.refund', payment: 'p', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    expect(refund.entry.changes).toEqual([
      { kind: 'payment_refunded', payment: 'p', amount: 100, parts: { platform: 0, submerchants: [{ submerchantId: 'pm1', amount: 100 }, { submerchantId: 'pm2', amount: 0 }] }, customerFeeRefunded: false },
    ]);
    expect(ledger.state.payments.get('p')?.status).toBe('captured');
    const refundedParts = structuredClone(ledger.state.payments.get('p')?.refunded);
    const balancesBefore = merchantBalances(ledger.state);
    const chargeback = accepted(ledger, { op: 'payment.chargeback', payment: 'p' });
    expect(chargeback.entry.changes).toEqual([{ kind: 'payment_charged_back', payment: 'p', amount: 900 }]);
    expect(ledger.state.payments.get('p')?.status).toBe('refunded');
    expect(ledger.state.payments.get('p')?.refunded).toEqual(refundedParts);
    expect(merchantBalances(ledger.state)).toEqual({ ...balancesBefore, mart: { JPY: (balancesBefore['mart']?.['JPY'] ?? 0) - 900 } });
    expect(postedBalance(ledger.state, 'mart', 'JPY')).toBeLessThan(0);
    const view = ledger.state.payments.get('p');
    expect([view?.refundedAmount, view?.chargebackAmount]).toEqual([100, 900]);
  });
});

describe('journal/*: entries, events, replay and balance checks', () => {
  // Entry.postings: "empty when no money moved (an authorization, a session created)".
  // Entry.events: "empty when none (a session created, a settlement run with nobody paid)".
  it('a session created posts nothing and raises nothing; an authorization posts nothing', () => {
    const ledger = newLedger();
    const session = accepted(ledger, { op: 'session.create', id: 'ses', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/return', capture: 'manual' });
    expect([session.entry.postings, session.entry.events, session.entry.changes.map((change) => change.kind)]).toEqual([[], [], ['session_created']]);
    const completed = accepted(ledger, { op: 'session.complete', session: 'ses', payment: 'p', paymentType: 'credit_card' });
    // LedgerEvent.session: "The session a payment came from."
    expect([completed.entry.postings, completed.events]).toEqual([[], [{ type: 'payment.authorized', payment: 'p', session: 'ses' }]]);
  });

  // LedgerEvent.currency / ScenarioEvent.currency: "ISO 4217 code of `amount`; present exactly
  // when `amount` is." LedgerEvent.payment: "absent only on settlement.created."
  // LedgerEvent.amount: "For refunds, refund requests and settlements".
  it('over every kind of event, currency is present exactly when amount is, and payment on all but settlements', () => {
    const ledger = ledgerAfter([
      goldenPayment('card', { at: '2026-04-01T01:00:00Z', amount: 10_000, split: [{ submerchantId: 'pm2', amount: 10_000, platformFee: 9_000 }] }),
      authorization('auth'),
      { op: 'payment.cancel', payment: 'auth' },
      authorization('lapse'),
      { op: 'payment.expire', payment: 'lapse' },
      goldenPayment('p'),
      { op: 'payment.refund', payment: 'p', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] },
      { op: 'payment.chargeback', payment: 'p' },
      konbiniPayment('kb'),
      { op: 'payment.capture', payment: 'kb' },
      refundRequest({ id: 'r1', payment: 'kb', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
      { op: 'refund_request.reject', refundRequest: 'r1' },
      refundRequest({ id: 'r2', payment: 'kb' }),
      { op: 'refund_request.complete', refundRequest: 'r2' },
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
      { op: 'settlement.run', at: '2026-04-10T01:00:00Z', date: '2026-04-10' },
    ]);
    const events = ledger.journal.flatMap((entry) => entry.events);
    expect(new Set(events.map((event) => event.type))).toEqual(
      new Set(['payment.authorized', 'payment.captured', 'payment.cancelled', 'payment.expired', 'payment.refund.created', 'payment.refunded', 'refund_request.updated', 'settlement.created']),
    );
    for (const event of events) {
      expect([event.type, 'currency' in event]).toEqual([event.type, 'amount' in event]);
      expect([event.type, event.payment === undefined]).toEqual([event.type, event.type === 'settlement.created']);
    }
    expect(events.filter((event) => event.amount !== undefined).map((event) => event.type)).toEqual([
      'payment.refund.created',
      'payment.refund.created',
      'refund_request.updated',
      'refund_request.updated',
      'refund_request.updated',
      'refund_request.updated',
      'payment.refund.created',
      'settlement.created',
    ]);
  });

  // replayJournal: "the entries are kept as given (not copied: a million of them would cost the
  // replay its memory twice over)".
  it('replayJournal keeps the very entry objects it was given', () => {
    const live = ledgerAfter([goldenPayment('a'), goldenPayment('b')]);
    const replayed = replayJournal(CONFIG, live.journal);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(replayed.value.journal).not.toBe(live.journal);
    expect(replayed.value.journal.every((entry, index) => entry === live.journal[index])).toBe(true);
  });

  // unbalancedCurrency: "Whether every currency's postings in an entry sum to zero; the first
  // currency that does not, or undefined."
  it('unbalancedCurrency: undefined when each currency sums to 0 (or there are no postings), else the first in posting order', () => {
    const posting = (currency: string, amount: number): Posting => ({ account: CUSTOMERS_ACCOUNT, currency, amount, recordType: 'Payment' });
    expect(unbalancedCurrency({ postings: [] })).toBeUndefined();
    expect(unbalancedCurrency({ postings: [posting('JPY', 5), posting('USD', 2), posting('JPY', -5), posting('USD', -2)] })).toBeUndefined();
    expect(unbalancedCurrency({ postings: [posting('USD', 1), posting('JPY', 5), posting('JPY', -4)] })).toEqual({ currency: 'USD', sum: 1 });
    expect(unbalancedCurrency({ postings: [posting('JPY', 5), posting('USD', 1), posting('JPY', -4)] })).toEqual({ currency: 'JPY', sum: 1 });
    // Past the safe range the sums are taken exactly: 2^53 − 1 + 1 in USD is 2^53, not lost.
    expect(unbalancedCurrency({ postings: [posting('USD', Number.MAX_SAFE_INTEGER), posting('USD', 1), posting('JPY', 2)] })).toEqual({ currency: 'USD', sum: 2 ** 53 });
  });

  // unbalancedCurrency: "An amount that is no safe integer (NaN, 1e300: only in an entry built by
  // hand, which replay's frame check refuses first) balances nothing: its posting's currency is
  // answered at once, with a sum of NaN, even where an earlier currency is also unbalanced."
  // (The comment said only "the first currency that does not"; the audit found this case.)
  it('unbalancedCurrency: an amount that is no safe integer answers its currency at once, with a sum of NaN', () => {
    const posting = (currency: string, amount: number): Posting => ({ account: CUSTOMERS_ACCOUNT, currency, amount, recordType: 'Payment' });
    expect(unbalancedCurrency({ postings: [posting('USD', 1), posting('JPY', 1e300)] })).toEqual({ currency: 'JPY', sum: Number.NaN });
  });
});

describe('reports/*', () => {
  // merchantRecords: "in journal order, one row for each posting on a merchant's balance, so a
  // movement between two merchants shows on both". MerchantRecord.payment: "absent for balance
  // transfers and payouts". MerchantRecord.deposit / debit: "(0 or positive)".
  it('merchantRecords: a transfer shows on both merchants, without a payment field; a payout likewise', () => {
    const ledger = ledgerAfter([
      goldenPayment('p', { at: '2026-04-01T01:00:00Z' }),
      { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 30, currency: 'JPY' },
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
      { op: 'settlement.run', at: '2026-04-10T01:00:00Z', date: '2026-04-10' },
    ]);
    const records = merchantRecords(ledger.journal);
    expect(records.filter((record) => record.seq >= 2)).toEqual([
      { seq: 2, at: '2026-04-01T01:00:00.000Z', merchant: 'pm1', type: 'Balance Transfer', currency: 'JPY', deposit: 0, debit: 30 },
      { seq: 2, at: '2026-04-01T01:00:00.000Z', merchant: 'mart', type: 'Balance Transfer', currency: 'JPY', deposit: 30, debit: 0 },
      { seq: 4, at: '2026-04-10T01:00:00.000Z', merchant: 'pm2', type: 'Payout', currency: 'JPY', deposit: 0, debit: 270 },
    ]);
    expect(records.filter((record) => record.seq === 1).every((record) => record.payment === 'p')).toBe(true);
    expect(records.every((record) => record.deposit >= 0 && record.debit >= 0 && (record.deposit === 0) !== (record.debit === 0))).toBe(true);
    expect(records.map((record) => record.seq)).toEqual([...records.map((record) => record.seq)].sort((a, b) => a - b));
  });

  // merchantStatementCsv: "each record on its balance in journal order with the running balance
  // per currency".
  it('merchantStatementCsv keeps one running balance per currency', () => {
    const ledger = ledgerAfter([goldenPayment('j1'), goldenPayment('u1', { currency: 'USD' }), goldenPayment('j2')]);
    const rows = merchantStatementCsv(ledger.journal, 'pm1').split('\r\n');
    expect(rows).toEqual([
      'seq,at,payment,record_type,currency,deposit,debit,balance',
      '1,1970-01-01T00:00:00.000Z,j1,Payment Transfer,JPY,700,0,700',
      '1,1970-01-01T00:00:00.000Z,j1,Platform Fee,JPY,0,70,630',
      '2,1970-01-01T00:00:00.000Z,u1,Payment Transfer,USD,700,0,700',
      '2,1970-01-01T00:00:00.000Z,u1,Platform Fee,USD,0,70,630',
      '3,1970-01-01T00:00:00.000Z,j2,Payment Transfer,JPY,700,0,1330',
      '3,1970-01-01T00:00:00.000Z,j2,Platform Fee,JPY,0,70,1260',
      '',
    ]);
  });

  // hledgerJournalLines: "one transaction per entry that moves money (an authorization or a
  // session's creation, with no postings, has none), dated by its local date in the ledger's
  // time zone, its sequence number as the code, each posting commented with its record type …
  // Ends with one balance assertion per merchant account and currency".
  it('hledgerJournalLines: no transaction for an authorization, local dates, seq as code, closing assertions with the liability sign', () => {
    const ledger = ledgerAfter([
      authorization('auth', { at: '2026-04-01T14:00:00Z' }),
      // 15:00 UTC is already 2026-04-02 in Tokyo.
      goldenPayment('p', { at: '2026-04-01T15:00:00Z' }),
      goldenPayment('u', { currency: 'USD' }),
    ]);
    const text = [...hledgerJournalLines(ledger.state)].join('');
    const headers = text.split('\n').filter((line) => /^\d{4}-\d\d-\d\d /.test(line));
    expect(headers).toEqual(['2026-04-02 * (2) payment.create p', '2026-04-02 * (3) payment.create u', '2026-04-02 * closing balances per merchant (Kanjo)']);
    expect(text).toContain('    Liabilities:Merchants:pm1  -700 JPY  ; Payment Transfer\n');
    expect(text).toContain('    Liabilities:Merchants:pm1  -7.00 USD  ; Payment Transfer\n');
    const assertions = text.slice(text.indexOf('closing balances')).split('\n').slice(1).filter((line) => line !== '');
    expect(assertions).toEqual([
      '    Liabilities:Merchants:mart  0 JPY = -60 JPY',
      '    Liabilities:Merchants:mart  0 USD = -0.60 USD',
      '    Liabilities:Merchants:pm1  0 JPY = -630 JPY',
      '    Liabilities:Merchants:pm1  0 USD = -6.30 USD',
      '    Liabilities:Merchants:pm2  0 JPY = -270 JPY',
      '    Liabilities:Merchants:pm2  0 USD = -2.70 USD',
    ]);
  });
});

describe('scenario/*', () => {
  // ScenarioResult.index: "from 0". ScenarioResult.op: "empty when it had no string `op`".
  // ScenarioResult.error: "absent when `ok`". ScenarioResult.ok: "a retry answered from its
  // idempotency key counts as accepted". ScenarioReport.events: "a retry answered from its
  // idempotency key adds none".
  it('results: index from 0, op empty without a string op, no error key when ok; a keyed retry is ok and adds no events', () => {
    const golden = {
      op: 'payment.create',
      id: 'p',
      merchant: 'mart',
      amount: 1000,
      currency: 'JPY',
      payment_type: 'credit_card',
      idempotency_key: 'k',
      platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] },
    };
    const run = runScenario({ merchants: SCENARIO_MERCHANTS, commands: [golden, { op: 7 }, golden, {}] });
    if (!run.ok) throw new Error(run.error.message);
    const { results, events } = run.value.report;
    expect(results.map((result) => [result.index, result.op, result.ok, 'error' in result])).toEqual([
      [0, 'payment.create', true, false],
      [1, '', false, true],
      [2, 'payment.create', true, false],
      [3, '', false, true],
    ]);
    expect(events).toEqual([{ type: 'payment.captured', payment: 'p' }]);
    expect(run.value.ledger.journal.length).toBe(1);
  });

  // parseScenarioCommand: "Unknown extra fields are ignored: the format may grow."
  // SessionInit.capture: "the scenario's default is `auto`".
  it('parseScenarioCommand ignores unknown fields, and a session without capture is auto', () => {
    const session = { op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://shop.example/return' };
    expect(parseScenarioCommand({ ...session, colour: 'blue' })).toEqual(parseScenarioCommand(session));
    expect(parseScenarioCommand(session)).toMatchObject({ ok: true, value: { capture: 'auto' } });
  });

  // runScenario: "Rejected as a whole only when the document is not a scenario (no `commands`
  // list) or its configuration is invalid: malformed merchants, or a top-level setting
  // (`time_zone`, `tax_rate`, `rounding`, `book`, `refund_request_fee`) the configuration
  // refuses." (The comment named only the merchants; the audit found the settings.)
  it('runScenario: a top-level setting the configuration refuses rejects the whole file', () => {
    for (const setting of [{ time_zone: 'Asia/Tokyo' }, { tax_rate: '10' }, { rounding: 'bankers' }, { book: 'paper' }, { refund_request_fee: -1 }]) {
      const result = runScenario({ merchants: SCENARIO_MERCHANTS, commands: [], ...setting });
      expect(result.ok, JSON.stringify(setting)).toBe(false);
    }
    expect(runScenario({ merchants: SCENARIO_MERCHANTS, commands: [], time_zone: 'Asia/Tokyo' })).toMatchObject({ ok: false, error: { code: 'config_time_zone_invalid' } });
  });

  // unknownScenarioFields: "In file order." True of the order within one list, but the top
  // level is always reported first, then every merchant, then every command, whatever the
  // file's order; and a merchant's own fields come before those of its payment_methods.
  it('unknownScenarioFields: top level, then merchants and their fees, then commands and their split lines', () => {
    expect(unknownScenarioFields({ merchants: [{ id: 'mart', type: 'platform', payment_methods: { konbini: { fee: 1 } }, colour: 'blue' }], commands: [{ op: 'payment.cancel', payment: 'p', note: 1 }], extra: 1 })).toEqual([
      { path: '', field: 'extra' },
      { path: 'merchants[0]', field: 'colour' },
      { path: 'merchants[0].payment_methods.konbini', field: 'fee' },
      { path: 'commands[0]', op: 'payment.cancel', field: 'note' },
    ]);
  });

  // unknownScenarioFields: "Listed by place, whatever the order of the file's keys: the top level
  // first, then each merchant …, then each command …, each list in file order." (The comment
  // said "In file order"; the audit found a file whose commands come first.)
  it('unknownScenarioFields: the top level first even when the file lists its commands first', () => {
    expect(unknownScenarioFields({ commands: [{ op: 'payment.cancel', payment: 'p', x: 1 }], merchants: [], y: 1 })).toEqual([
      { path: '', field: 'y' },
      { path: 'commands[0]', op: 'payment.cancel', field: 'x' },
    ]);
  });
});

describe('commands/command.ts and journal/change.ts: what a command does by default', () => {
  // payout_period_settled: "Each period is settled at most once; a run writes one per period due
  // that day, by merchant id, then currency." By id as strings (code units), not configuration
  // order: `10` before `9`, `Zed` before `alpha`.
  it('a run settles merchants by id in string order, then currencies, whatever the configuration order', () => {
    const config: LedgerConfig = {
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: PAYMENT_METHODS },
        { id: 'alpha', type: 'payout', platform: 'mart' },
        { id: '9', type: 'payout', platform: 'mart' },
        { id: 'Zed', type: 'payout', platform: 'mart' },
        { id: '10', type: 'payout', platform: 'mart' },
      ],
    };
    const settle = (target: string, currency: string): Command => ({ op: 'payout_settings.update', merchant: 'mart', target, currency, frequency: 'weekly', minimumAmount: 0 });
    const ledger = ledgerAfter(
      [
        settle('alpha', 'USD'),
        settle('alpha', 'JPY'),
        settle('9', 'JPY'),
        settle('Zed', 'JPY'),
        settle('10', 'JPY'),
        settle('mart', 'JPY'),
        { op: 'settlement.run', at: '2026-04-10T01:00:00Z', date: '2026-04-10' },
        { op: 'settlement.run', at: '2026-04-10T02:00:00Z', date: '2026-04-10' },
      ],
      config,
    );
    const [first, second] = ledger.journal.slice(-2);
    const order = first?.changes.map((change) => (change.kind === 'payout_period_settled' ? `${change.merchant} ${change.currency}` : change.kind));
    expect(order).toEqual(['10 JPY', '9 JPY', 'Zed JPY', 'alpha JPY', 'alpha USD', 'mart JPY']);
    // "at most once": the same day run again settles nothing.
    expect(second?.changes).toEqual([]);
  });

  // payout_settings_updated: "a merchant's payout settings in one currency, replacing any before
  // … Posts nothing." PayoutSettings.currency: "a merchant has separate settings, and payouts,
  // per currency."
  it('payout settings replace the earlier ones of the same currency and leave other currencies alone', () => {
    const ledger = newLedger();
    accepted(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 100 });
    accepted(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'USD', frequency: 'weekly', minimumAmount: 5 });
    const update = accepted(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'monthly', minimumAmount: 0 });
    expect(update.entry.postings).toEqual([]);
    expect([...(ledger.state.payoutSettings.get('pm1') ?? [])]).toEqual([
      ['JPY', { merchant: 'pm1', currency: 'JPY', frequency: 'monthly', minimumAmount: 0 }],
      ['USD', { merchant: 'pm1', currency: 'USD', frequency: 'weekly', minimumAmount: 5 }],
    ]);
  });

  // session_completed: "Comes after the `payment_created` (and, when captured at once,
  // `payment_captured`) of the payment it created, in the same entry". Its payment: "of origin
  // `session`". PaymentInit.origin: "`session` when a hosted-page session created it".
  it('session.complete with auto capture: payment_created, payment_captured, session_completed; the payment is of origin session', () => {
    const ledger = newLedger();
    accepted(ledger, {
      op: 'session.create',
      id: 'ses',
      merchant: 'mart',
      amount: 1000,
      currency: 'JPY',
      paymentTypes: ['credit_card'],
      returnUrl: 'https://shop.example/return',
      capture: 'auto',
      split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }],
    });
    const completed = accepted(ledger, { op: 'session.complete', session: 'ses', payment: 'p', paymentType: 'credit_card' });
    expect(completed.entry.changes.map((change) => change.kind)).toEqual(['payment_created', 'payment_captured', 'session_completed']);
    expect([ledger.state.payments.get('p')?.origin, ledger.state.payments.get('p')?.session, ledger.state.sessions.get('ses')?.status, ledger.state.sessions.get('ses')?.payment]).toEqual([
      'session',
      'ses',
      'completed',
      'p',
    ]);
  });

  // RequestRefundCommand.amount: "default everything left; the Refund Fee (and a refunded
  // customer fee) come on top, from the platform." Payment.pendingRefundAmount: "counts as
  // already refunded when working out what is left." Hold.amount: "its part, and for the
  // platform also the fees and their tax". LedgerConfig.refundRequestFee: "Default 300";
  // taxRate: "Default "10%"".
  it('a refund request without amount takes what pending requests leave; the platform is held for its part, the ¥300 fee and its ¥30 tax', () => {
    const ledger = ledgerAfter([
      goldenPayment('card', { amount: 10_000, split: [{ submerchantId: 'pm2', amount: 10_000, platformFee: 9_000 }] }),
      konbiniPayment('kb'),
      { op: 'payment.capture', payment: 'kb' },
      refundRequest({ id: 'r1', payment: 'kb', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }),
      refundRequest({ id: 'r2', payment: 'kb' }),
    ]);
    const request = ledger.state.refundRequests.get('r2');
    expect(request?.amount).toBe(4000);
    expect(request?.refundFee).toEqual({ fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } });
    // Reverse: pm1 gives back 4,000 less its ¥500 platform fee, the platform that fee and the request's cost.
    expect(request?.holds).toEqual([
      { merchant: 'mart', amount: 500 + 300 + 30 },
      { merchant: 'pm1', amount: 3500 },
    ]);
    expect(ledger.state.payments.get('kb')?.pendingRefundAmount).toBe(5000);
  });

  // TransferBalanceCommand.from: "its available balance must cover `amount`" — available, so
  // what pending refund requests hold is not movable.
  it('a transfer may move what is available, not what a pending refund request holds', () => {
    const ledger = ledgerAfter([
      goldenPayment('card', { amount: 10_000, split: [{ submerchantId: 'pm2', amount: 10_000, platformFee: 9_000 }] }),
      konbiniPayment('kb'),
      { op: 'payment.capture', payment: 'kb' },
      refundRequest({ id: 'r1', payment: 'kb', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }),
    ]);
    expect([postedBalance(ledger.state, 'pm1', 'JPY'), availableBalance(ledger.state, 'pm1', 'JPY')]).toEqual([4500, 3500]);
    rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 3501, currency: 'JPY' }, 'insufficient_balance');
    accepted(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 3500, currency: 'JPY' });
  });
});

describe('refunds/validate-bank-account.ts, journal/parse-journal-entry.ts, scenario metadata', () => {
  // validateBankAccount: "field by field in a fixed order: katakana name, bank name, 4-digit bank
  // code, branch name, 3-digit branch number, account type, account number of 1 to 8 digits.
  // @returns a copy of the account with its seven fields only, when valid".
  it('validateBankAccount names the first bad field in its fixed order, and returns a copy', () => {
    const fixes: [keyof BankAccount, string][] = [
      ['customerName', 'bank_account_customer_name_invalid'],
      ['bankName', 'bank_account_bank_name_invalid'],
      ['bankCode', 'bank_account_bank_code_invalid'],
      ['branchName', 'bank_account_branch_name_invalid'],
      ['branchNumber', 'bank_account_branch_number_invalid'],
      ['accountType', 'bank_account_type_invalid'],
      ['accountNumber', 'bank_account_number_invalid'],
    ];
    // Every field wrong, in the reverse of the checking order; fixed one at a time in that order.
    const account: Record<string, string> = { accountNumber: '123456789', accountType: 'current', branchNumber: '92', branchName: ' ', bankCode: '117', bankName: '', customerName: 'Taro' };
    for (const [field, code] of fixes) {
      const result = validateBankAccount(account as unknown as BankAccount);
      expect([field, result.ok ? 'ok' : result.error.code]).toEqual([field, code]);
      account[field] = BANK_ACCOUNT[field];
    }
    const valid = validateBankAccount(account as unknown as BankAccount);
    expect(valid).toEqual({ ok: true, value: BANK_ACCOUNT });
    expect(valid.ok && valid.value).not.toBe(account);
  });

  // parseJournalEntry: "Postings may be objects or the export's `[account, currency, amount,
  // recordType]` tuples; either way they come back as Posting objects, with the merchant taken
  // from a merchant account's name."
  it('parseJournalEntry: tuples and objects become postings whose merchant is read from the account, not from a merchant field', () => {
    const parsed = parseJournalEntry(
      {
        seq: 1,
        at: '2026-04-01T00:00:00.000Z',
        command: { op: 'payment.create' },
        payment: null,
        changes: [],
        events: [],
        postings: [
          ['Liabilities:Merchants:pm1', 'JPY', -5, 'Payment'],
          { account: 'Liabilities:Merchants:pm1', merchant: 'pm2', currency: 'JPY', amount: 3, recordType: 'Payment' },
          { account: CUSTOMERS_ACCOUNT, merchant: 'pm1', currency: 'JPY', amount: 2, recordType: 'Payment' },
        ],
      },
      2,
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.payment).toBeUndefined();
    expect(parsed.value.postings.map((posting) => [posting.account, posting.merchant, posting.amount])).toEqual([
      ['Liabilities:Merchants:pm1', 'pm1', -5],
      ['Liabilities:Merchants:pm1', 'pm1', 3],
      [CUSTOMERS_ACCOUNT, undefined, 2],
    ]);
  });

  // SessionInit.metadata: "the merchant's own keys and values (numbers and booleans as text);
  // carried, never interpreted." externalOrderNum: "Scenario `payment_data.external_order_num`".
  // defaultLocale: "carried, not validated".
  it('a scenario session\'s metadata numbers and booleans become text; order number and locale are carried as given', () => {
    const parsed = parseScenarioCommand({
      op: 'session.create',
      id: 's',
      merchant: 'mart',
      amount: 1000,
      currency: 'JPY',
      payment_types: ['credit_card'],
      return_url: 'https://shop.example/return',
      metadata: { count: 1, big: 1.5e3, gift: true, note: 'x' },
      payment_data: { external_order_num: 'o-1' },
      default_locale: 'xx-YY',
    });
    expect(parsed).toMatchObject({ ok: true, value: { metadata: { count: '1', big: '1500', gift: 'true', note: 'x' }, externalOrderNum: 'o-1', defaultLocale: 'xx-YY' } });
  });
});

describe('what is copied, not shared', () => {
  // ResolvedConfig: "The validated, immutable configuration a ledger runs with." The caller's
  // configuration object is read at creation: changing it afterwards changes nothing.
  it('a change to the caller\'s configuration after createLedger does not reach the ledger', () => {
    const methods = { credit_card: { feeRate: '3.6%' } };
    const merchants = [
      { id: 'mart', type: 'platform' as const, business: 'marketplace' as const, paymentMethods: methods },
      { id: 'pm1', type: 'payout' as const, platform: 'mart', status: 'active' as 'active' | 'deactivated' },
    ];
    const ledger = newLedger({ merchants });
    methods.credit_card.feeRate = '50%';
    (merchants[1] as { status: string }).status = 'deactivated';
    merchants.push({ id: 'pm9', type: 'payout', platform: 'mart', status: 'active' });
    expect([...ledger.state.config.merchants.keys()]).toEqual(['mart', 'pm1']);
    accepted(ledger, goldenPayment('p', { split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] }));
    expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 100 - 36 - 4 }, pm1: { JPY: 900 } });
  });

  // Entry: "Never changed or removed once appended". A caller that goes on using the lists and
  // objects it sent (a split, a session's payment types and metadata, a run's holidays) cannot
  // change an entry through them.
  it('changing a command\'s lists and objects after it executed changes no entry', () => {
    const ledger = newLedger();
    const split = [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }];
    const konbiniSplit = [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }];
    const paymentTypes = ['credit_card'];
    const metadata: Record<string, string> = { order: 'o-1' };
    const refundSplit = [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }];
    const holidays = ['2026-04-03'];
    accepted(ledger, goldenPayment('p', { at: '2026-04-01T00:00:00Z', split }));
    accepted(ledger, { ...konbiniPayment('kb'), split: konbiniSplit });
    accepted(ledger, { op: 'session.create', id: 'ses', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes, returnUrl: 'https://shop.example/return', capture: 'manual', metadata });
    accepted(ledger, { op: 'payment.refund', payment: 'p', amount: 100, split: refundSplit });
    accepted(ledger, { op: 'settlement.run', date: '2026-04-10', holidays, idempotencyKey: 'run' });
    const journal = JSON.stringify(ledger.journal);
    const state = stateSnapshot(ledger.state);
    (split[0] as { amount: number }).amount = 1;
    split.pop();
    (konbiniSplit[0] as { platformFee: number }).platformFee = 1;
    paymentTypes.push('konbini');
    metadata['order'] = 'o-2';
    (refundSplit[0] as { amount: number }).amount = 7;
    holidays.push('2026-04-06');
    expect(JSON.stringify(ledger.journal)).toBe(journal);
    expect(stateSnapshot(ledger.state)).toEqual(state);
  });
});

describe('journal/ledger-event.ts: the session on a session payment\'s events', () => {
  // LedgerEvent.session: "The session a payment came from." ScenarioEvent.session: "The
  // hosted-page session the payment came from, if any." Every event of such a payment names it.
  it('authorized, captured, cancelled, expired, refunded, charged back and requested: each event names the session', () => {
    const ledger = ledgerAfter([goldenPayment('card', { amount: 10_000, split: [{ submerchantId: 'pm2', amount: 10_000, platformFee: 9_000 }] })]);
    const session = (id: string, paymentType: string, capture: 'auto' | 'manual'): Command => ({
      op: 'session.create',
      id,
      merchant: 'mart',
      amount: 5000,
      currency: 'JPY',
      paymentTypes: [paymentType],
      returnUrl: 'https://shop.example/return',
      capture,
      ...(capture === 'auto' ? { split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }] } : {}),
    });
    const steps: Command[] = [
      session('s1', 'credit_card', 'manual'),
      { op: 'session.complete', session: 's1', payment: 'p1', paymentType: 'credit_card' },
      { op: 'payment.cancel', payment: 'p1' },
      session('s2', 'credit_card', 'manual'),
      { op: 'session.complete', session: 's2', payment: 'p2', paymentType: 'credit_card' },
      { op: 'payment.expire', payment: 'p2' },
      session('s3', 'credit_card', 'auto'),
      { op: 'session.complete', session: 's3', payment: 'p3', paymentType: 'credit_card' },
      { op: 'payment.refund', payment: 'p3', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] },
      { op: 'payment.chargeback', payment: 'p3' },
      session('s4', 'konbini', 'auto'),
      { op: 'session.complete', session: 's4', payment: 'p4', paymentType: 'konbini' },
      { op: 'payment.capture', payment: 'p4' },
      refundRequest({ id: 'r1', payment: 'p4' }),
      { op: 'refund_request.complete', refundRequest: 'r1' },
    ];
    const events = steps.flatMap((step) => accepted(ledger, step).events);
    expect(events.length).toBe(14);
    for (const event of events) expect([event.type, event.payment, event.session]).toEqual([event.type, event.payment, `s${event.payment?.slice(1)}`]);
  });
});

describe('engine/decide-command.ts and engine/ledger.ts: a field of the wrong type from code', () => {
  /** A command from code with a field of the wrong type, as a service handing on a request body would build it. */
  const loose = (command: object): Command => command as unknown as Command;

  // decideCommand: "A field the flows would otherwise misread … is `command_invalid`,
  // `field_missing` or `field_invalid`; any other field of the wrong type gets the code of the
  // check it fails (a merchant id that is a number, `merchant_not_found`), and an amount that is
  // not a non-negative safe integer throws a RangeError"; Ledger.execute says the same. (Both
  // said every wrong type was one of the three codes; the README had been corrected before.)

  // What the code does instead, pinned so the reproduction above stays exact.
  it('a merchant sent as a number is merchant_not_found; an amount sent as text throws a RangeError', () => {
    const ledger = newLedger();
    expect(decideCommand(ledger.state, loose({ ...goldenPayment('p'), merchant: 5 }))).toMatchObject({ ok: false, error: { code: 'merchant_not_found' } });
    expect(() => decideCommand(ledger.state, loose({ ...goldenPayment('p'), amount: '1000' }))).toThrow(RangeError);
    expect(() => ledger.execute(loose({ ...goldenPayment('p'), amount: '1000' }))).toThrow(RangeError);
    expect(ledger.journal).toEqual([]);
  });

  // Session 39 review: "throws a RangeError" held only once the flow reached the amount; the
  // TSDoc and README now say "when the flow comes to it".
  it('a bad amount throws when the flow comes to it: a rejection decided first is answered instead', () => {
    const ledger = ledgerAfter([goldenPayment('c1'), konbiniPayment('k1'), { op: 'payment.capture', payment: 'k1' }]);
    const code = (command: object) => {
      const result = decideCommand(ledger.state, loose(command));
      return result.ok ? 'ok' : result.error.code;
    };
    expect(code({ op: 'payment.refund', payment: 'zz', amount: 1.5 })).toBe('payment_not_found');
    expect(code({ ...goldenPayment('x'), merchant: 'nobody', amount: 1.5 })).toBe('merchant_not_found');
    expect(code({ op: 'payment.capture', payment: 'c1', amount: 1.5 })).toBe('payment_not_authorized');
    expect(code({ op: 'payment.refund', payment: 'k1', amount: 1.5 })).toBe('refund_request_required');
    expect(() => decideCommand(ledger.state, loose({ op: 'payment.refund', payment: 'c1', amount: 1.5 }))).toThrow(RangeError);
  });
});

describe('engine/ledger-rejection.ts', () => {
  // LEDGER_REJECTION_CODES: "The other codes of `@kanjo/splits` and `@kanjo/fees` the ledger
  // passes through are in LedgerRejectionCode but not here … Four are both, as the ledger also
  // rejects with them itself". (The comment said none were; the audit found four.)
  it('LEDGER_REJECTION_CODES holds the four codes both the ledger and @kanjo/splits or @kanjo/fees reject with, and no other code of theirs', () => {
    const codes: readonly string[] = LEDGER_REJECTION_CODES;
    for (const both of ['amount_not_positive', 'platform_amount_exceeds_amount', 'rounding_mode_unknown', 'split_too_many_submerchants']) expect(codes).toContain(both);
    const seller = validateSellerSplit(1000, 1001);
    expect(seller.ok ? '' : seller.error.code).toBe('platform_amount_exceeds_amount');
    for (const theirs of ['split_sum_mismatch', 'split_required', 'refund_split_sum_mismatch', 'rate_malformed', 'amount_sum_not_safe_integer']) expect(codes).not.toContain(theirs);
  });
});
