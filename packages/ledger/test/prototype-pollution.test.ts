import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createLedger, merchantBalances, paymentView, runScenario, type LedgerConfig } from '@kanjo/ledger';

// Other code in a service (a vulnerable merge, a query-string parser) may set a field on
// Object.prototype. Every object then "has" it, and a field a command leaves out would read
// as the polluted value: a full refund as a refund of 5, a 10% tax as 50%. Kanjo reads a
// command's, a configuration's and a scenario file's fields as their own only.

const SEEDS = ['seed-marketplace', 'seed-seller', 'seed-konbini-refund-request'].map(
  (name) => JSON.parse(readFileSync(new URL(`../../../../shared/examples/${name}.json`, import.meta.url), 'utf8')) as unknown,
);

/** A field name each reader of a command, a configuration or a scenario file knows, and a value that would change money or a decision. */
const POLLUTIONS: readonly (readonly [string, unknown])[] = [
  ['amount', 5],
  ['split', []],
  ['as', 'mart'],
  ['at', '2030-01-01T00:00:00Z'],
  ['capture', false],
  ['origin', 'session'],
  ['platformAmount', 1],
  ['platform_amount', 1],
  ['platformMerchant', 'x'],
  ['includePaymentMethodFee', true],
  ['include_payment_method_fee', true],
  ['idempotencyKey', 'k'],
  ['idempotency_key', 'k'],
  ['reverse', false],
  ['taxRate', '50%'],
  ['tax_rate', '50%'],
  ['refundRequestFee', 5],
  ['refund_request_fee', 5],
  ['rounding', 'floor'],
  ['timeZone', '+14:00'],
  ['time_zone', '+14:00'],
  ['book', 'live'],
  ['status', 'inactive'],
  ['approved', false],
  ['fixedFee', 40],
  ['fixed_fee', 40],
  ['customerFee', 100],
  ['customer_fee', 100],
  ['paymentTypes', []],
  ['payment_types', []],
  ['platform_details', { submerchants: [] }],
  ['metadata', { polluted: true }],
];

let polluted: string | undefined;
afterEach(() => {
  if (polluted !== undefined) delete (Object.prototype as Record<string, unknown>)[polluted];
  polluted = undefined;
});

function pollute(name: string, value: unknown): void {
  polluted = name;
  Object.defineProperty(Object.prototype, name, { value, writable: true, configurable: true, enumerable: true });
}

/** What a scenario's run decides: each result, the balances, the payments, and the journal (as its JSON). */
function outcome(document: unknown): string {
  const run = runScenario(structuredClone(document));
  if (!run.ok) return JSON.stringify(run.error);
  const { results, balances, payments } = run.value.report;
  return JSON.stringify({ results, balances, payments, journal: run.value.ledger.journal });
}

describe('a field set on Object.prototype by other code', () => {
  const clean = SEEDS.map(outcome);

  it.each(POLLUTIONS)('Object.prototype.%s changes no result, balance, payment or journal entry of the seed scenarios', (name, value) => {
    pollute(name, value);
    expect(SEEDS.map(outcome)).toEqual(clean);
  });

  it('is not read as the amount of a refund that leaves it out: the refund is whole', () => {
    const config: LedgerConfig = {
      merchants: [
        { id: 'plat', type: 'platform', business: 'platform', paymentMethods: { credit_card: { feeRate: '3.25%' } } },
        { id: 's1', type: 'seller', platform: 'plat' },
      ],
    };
    const made = createLedger(config);
    if (!made.ok) throw new Error(made.error.message);
    const ledger = made.value;
    ledger.execute({ op: 'payment.create', id: 'p', merchant: 'plat', as: 's1', amount: 1000, currency: 'JPY', paymentType: 'credit_card', platformAmount: 100, platformMerchant: 'plat' });
    // A second sale, so that the platform's balance covers the 100 it returns on a whole reverse refund.
    ledger.execute({ op: 'payment.create', id: 'q', merchant: 'plat', as: 's1', amount: 5000, currency: 'JPY', paymentType: 'credit_card', platformAmount: 500, platformMerchant: 'plat' });
    pollute('amount', 5);
    // A command of a class of the caller's: its getters are read, Object.prototype's field is not.
    class WholeRefund {
      readonly op = 'payment.refund';
      get payment(): string {
        return 'p';
      }
    }
    const refund = ledger.execute(new WholeRefund() as never);
    expect(refund.ok ? 'accepted' : refund.error.code).toBe('accepted');
    expect(paymentView(ledger.state.payments.get('p')!)).toMatchObject({ status: 'refunded', refunded_amount: 1000 });
  });

  it('is not read as a configuration\'s tax rate: the fee tax stays 10% (¥33 of a ¥325 fee)', () => {
    pollute('taxRate', '50%');
    const made = createLedger({
      merchants: [
        { id: 'plat', type: 'platform', business: 'platform', paymentMethods: { credit_card: { feeRate: '3.25%' } } },
        { id: 's1', type: 'seller', platform: 'plat' },
      ],
    });
    if (!made.ok) throw new Error(made.error.message);
    made.value.execute({ op: 'payment.create', id: 'p', merchant: 'plat', as: 's1', amount: 10000, currency: 'JPY', paymentType: 'credit_card', platformAmount: 1000, platformMerchant: 'plat' });
    // 1,000 kept by the platform, less the 325 fee and its 33 tax.
    expect(merchantBalances(made.value.state)).toEqual({ plat: { JPY: 642 }, s1: { JPY: 9000 } });
  });
});
