import { createLedger, type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, konbiniPayment, sellerPayment } from '../support/fixtures.js';
import { accepted, ledgerAfter, rejected } from '../support/ledger-harness.js';

// Review 175: from code only a command's camelCase fields are read, and the scenario file's
// snake_case spelling was ignored without a word, with money following the default. A seller
// payment captured with platform_amount 10000 left the platform its creation share; a refund
// request with include_payment_method_fee: true kept the customer fee. Each is now
// field_invalid, naming what to write, and changes nothing.

const loose = (command: object) => command as unknown as Command;

describe('a command from code in the scenario file\'s spelling is refused, naming the field to write', () => {
  it('a two-step seller capture with platform_amount: refused, the payment still authorized', () => {
    const ledger = ledgerAfter([sellerPayment('sp_1', { capture: false })]);
    expect(rejected(ledger, loose({ op: 'payment.capture', payment: 'sp_1', platform_amount: 10000 }), 'field_invalid')).toBe(
      'platform_amount is the scenario file\'s spelling, which code does not read: write platformAmount (parseScenarioCommand reads a scenario file\'s command)',
    );
    expect(ledger.state.payments.get('sp_1')?.status).toBe('authorized');
    expect(ledger.journal).toHaveLength(1);
  });

  it('a refund request with include_payment_method_fee, platform_details or a bank field at the top', () => {
    const ledger = ledgerAfter([konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' }]);
    const request = { op: 'payment.refund_request', id: 'rr', payment: 'kb_1', bankAccount: BANK_ACCOUNT, includePaymentMethodFee: false };
    expect(rejected(ledger, loose({ ...request, includePaymentMethodFee: undefined, include_payment_method_fee: true }), 'field_invalid')).toMatch(/^include_payment_method_fee is the scenario file's spelling, which code does not read: write includePaymentMethodFee /);
    expect(rejected(ledger, loose({ ...request, platform_details: { submerchants: [] } }), 'field_invalid')).toMatch(/^platform_details is the scenario file's spelling, which code does not read: write split: \[\{ submerchantId, amount, platformFee \}\] /);
    const { bankAccount: _, ...withoutAccount } = request;
    expect(rejected(ledger, loose({ ...withoutAccount, customer_name: 'ヤマダ タロウ' }), 'field_invalid')).toMatch(/^customer_name is the scenario file's spelling, which code does not read: write bankAccount: \{ customerName, /);
    expect(ledger.state.refundRequests.size).toBe(0);
  });

  it('a scenario-spelled field that is null or undefined carries nothing to ignore: accepted as before (review 177)', () => {
    const ledger = ledgerAfter([sellerPayment('sp_1', { capture: false })]);
    accepted(ledger, loose({ op: 'payment.capture', payment: 'sp_1', platform_amount: null, idempotency_key: undefined, platform_details: null }));
    expect(ledger.state.payments.get('sp_1')?.status).toBe('captured');
  });

  it('a command carrying both spellings is read by its camelCase field, as before', () => {
    const ledger = ledgerAfter([sellerPayment('sp_1', { capture: false })]);
    accepted(ledger, loose({ op: 'payment.capture', payment: 'sp_1', platformAmount: 100, platform_amount: 10000 }));
    expect(ledger.state.payments.get('sp_1')?.status).toBe('captured');
  });
});

describe('a configuration from code in the scenario file\'s spelling is refused, naming the field to write', () => {
  const marketplace = { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { konbini: { feeRate: '2.75%' } } };
  const refusedAs = (config: object) => {
    const created = createLedger(config as LedgerConfig);
    return created.ok ? 'accepted' : `${created.error.code}: ${created.error.message}`;
  };

  it('tax_rate at the top (the tax stayed 10%), payment_methods in a merchant, customer_fee in a method (none was charged)', () => {
    expect(refusedAs({ merchants: [marketplace], tax_rate: '8%' })).toBe(
      'config_invalid: the configuration has tax_rate, the scenario file\'s spelling, which code does not read: write taxRate (parseScenarioConfig reads a scenario file)',
    );
    expect(refusedAs({ merchants: [{ ...marketplace, paymentMethods: undefined, payment_methods: { konbini: { feeRate: '2.75%' } } }] })).toBe(
      'config_merchants_invalid: merchants[0] has payment_methods, the scenario file\'s spelling, which code does not read: write paymentMethods (parseScenarioConfig reads a scenario file)',
    );
    expect(refusedAs({ merchants: [{ ...marketplace, paymentMethods: { konbini: { feeRate: '2.75%', customer_fee: 190 } } }] })).toBe(
      'config_merchants_invalid: merchants[0].paymentMethods.konbini has customer_fee, the scenario file\'s spelling, which code does not read: write customerFee (parseScenarioConfig reads a scenario file)',
    );
  });

  it('the camelCase configuration, and one carrying both spellings, are accepted as before', () => {
    expect(refusedAs({ merchants: [marketplace], taxRate: '8%' })).toBe('accepted');
    expect(refusedAs({ merchants: [marketplace], taxRate: '8%', tax_rate: '8%' })).toBe('accepted');
    expect(refusedAs({ merchants: [{ ...marketplace, payment_types: undefined }], tax_rate: null })).toBe('accepted');
  });
});
