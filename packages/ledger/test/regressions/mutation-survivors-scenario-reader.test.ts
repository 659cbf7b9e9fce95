import { decideCommand, parseScenarioCommand, runScenario } from '@kanjo/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import { marketplaceSession } from '../support/fixtures.js';
import { newLedger } from '../support/ledger-harness.js';

const PAYMENT = {
  op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card',
  platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] },
};
const SCENARIO_MERCHANTS = [
  { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' },
];

describe('mutation survivors (review 201): scenario reader', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)['amount'];
  });

  // P02: fieldOf read inherited fields (object[field] instead of Object.hasOwn).
  it('parseScenarioCommand reads a field from the command itself, never one found on Object.prototype', () => {
    (Object.prototype as Record<string, unknown>)['amount'] = '50';
    let parsed: ReturnType<typeof parseScenarioCommand>;
    try {
      parsed = parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1' });
    } finally {
      delete (Object.prototype as Record<string, unknown>)['amount'];
    }
    // A full refund stays a full refund: no amount was sent.
    expect(parsed).toStrictEqual({ ok: true, value: { op: 'payment.refund', payment: 'pay_1' } });
  });

  // P03: FieldCollector kept the last rejection instead of the first.
  it('of several malformed fields, the first one read is named', () => {
    const parsed = parseScenarioCommand({ op: 'payment.create', amount: 'ten' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toStrictEqual({ code: 'field_missing', message: 'id is required' });
    const session = parseScenarioCommand({ op: 'session.cancel', at: 5, session: 7 });
    expect(!session.ok && session.error.message).toBe('at must be a string');
  });

  // P10: runScenario added the events of a retry answered from its idempotency key.
  it('a retry answered from its idempotency key adds no events to the report', () => {
    const once = runScenario({ merchants: SCENARIO_MERCHANTS, commands: [{ ...PAYMENT, idempotency_key: 'k1' }] });
    const twice = runScenario({ merchants: SCENARIO_MERCHANTS, commands: [{ ...PAYMENT, idempotency_key: 'k1' }, { ...PAYMENT, idempotency_key: 'k1' }] });
    if (!once.ok || !twice.ok) throw new Error('scenario refused');
    expect(once.value.report.events.length).toBeGreaterThan(0);
    expect(twice.value.report.results).toStrictEqual([{ index: 0, op: 'payment.create', ok: true }, { index: 1, op: 'payment.create', ok: true }]);
    expect(twice.value.report.events).toStrictEqual(once.value.report.events);
  });
});

describe('mutation survivors (review 201): sessions (S11 is equivalent)', () => {
  // S11 (sessionInitOf keeping command.paymentTypes by reference) cannot be seen: execute and
  // decideCommand both decide on readCommandOnce's copy. This pins that down.
  it("a caller's payment_types list, changed after execute or decideCommand, changes nothing kept", () => {
    const ledger = newLedger();
    const types = ['credit_card'];
    const draft = decideCommand(ledger.state, marketplaceSession('ses_d', { paymentTypes: types }));
    const result = ledger.execute(marketplaceSession('ses_1', { paymentTypes: types }));
    types.push('konbini');
    expect(result.ok).toBe(true);
    expect(ledger.state.sessions.get('ses_1')?.paymentTypes).toStrictEqual(['credit_card']);
    const change = draft.ok ? draft.value.changes[0] : undefined;
    expect(change !== undefined && change.kind === 'session_created' ? change.session.paymentTypes : undefined).toStrictEqual(['credit_card']);
  });
});
