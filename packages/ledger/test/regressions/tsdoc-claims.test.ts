import {
  CUSTOMERS_ACCOUNT,
  CUSTOMER_FEES_ACCOUNT,
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
  parseScenarioCommand,
  paymentMethodCapabilities,
  postedBalance,
  replayJournal,
  runScenario,
  unbalancedCurrency,
  unknownScenarioFields,
  type Command,
  type Entry,
  type LedgerConfig,
  type LedgerState,
  type Posting,
} from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, CONFIG, PAYMENT_METHODS, goldenPayment, konbiniPayment, refundRequest, sellerPayment } from '../support/fixtures.js';
import { accepted, ledgerAfter, newLedger, rejected, stateSnapshot } from '../support/ledger-harness.js';

// The TSDoc of @kanjo/ledger's public API, sentence by sentence where it states a behaviour that
// no other test pinned: each `it` quotes the claim (file and symbol in the comment above it) and
// checks it through the package's exports. A claim found false is an `it.skip` marked
// "claim false:", with the smallest reproduction: whether the code or the comment changes is
// decided elsewhere, so neither is touched here.

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
