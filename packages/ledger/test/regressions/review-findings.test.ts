import { createLedger, merchantBalances, runScenario, type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

// Found by the adversarial review; each kept as an exact regression.

const config: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } } },
    { id: 'pm1', type: 'payout', platform: 'mart', paymentTypes: ['credit_card'] },
    { id: 'pm2', type: 'payout', platform: 'mart' },
  ],
};

function ledger() {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

const card = (id: string, extra: Partial<Extract<Command, { op: 'payment.create' }>> = {}): Command => ({
  op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card',
  split: [{ submerchantId: 'pm2', amount: 1000, platformFee: 100 }], ...extra,
});

const codeOf = (result: ReturnType<ReturnType<typeof ledger>['execute']>): string => (result.ok ? 'accepted' : result.error.code);

describe('review findings', () => {
  it('an idempotent retry that spells out a default (capture: true, origin: api) is the same command', () => {
    const l = ledger();
    expect(codeOf(l.execute({ ...card('p1'), idempotencyKey: 'k1' }))).toBe('accepted');
    const retry = l.execute({ ...card('p1', { capture: true, origin: 'api' }), idempotencyKey: 'k1' });
    expect(retry.ok && retry.replayed).toBe(true);
    expect(l.journal).toHaveLength(1);
  });

  it('an idempotency key is 1 to 255 characters', () => {
    const l = ledger();
    expect(codeOf(l.execute({ ...card('p1'), idempotencyKey: 'k'.repeat(256) }))).toBe('idempotency_key_invalid');
    expect(codeOf(l.execute({ ...card('p1'), idempotencyKey: '' }))).toBe('idempotency_key_invalid');
    expect(codeOf(l.execute({ ...card('p1'), idempotencyKey: 'k'.repeat(255) }))).toBe('accepted');
  });

  it('a payout merchant that lists its payment types takes part only in those', () => {
    const l = ledger();
    const konbini: Command = { op: 'payment.create', id: 'k', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] };
    expect(codeOf(l.execute(konbini))).toBe('payment_type_not_accepted');
    expect(codeOf(l.execute({ ...konbini, split: [{ submerchantId: 'pm2', amount: 1000, platformFee: 0 }] }))).toBe('accepted');
    // Through a session: checked when the customer completes it with a method pm1 does not take.
    expect(codeOf(l.execute({ op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card', 'konbini'], returnUrl: 'https://shop.example/r', capture: 'auto', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }))).toBe('accepted');
    expect(codeOf(l.execute({ op: 'session.complete', session: 's', payment: 'sp', paymentType: 'konbini' }))).toBe('payment_type_not_accepted');
    expect(codeOf(l.execute({ op: 'session.complete', session: 's', payment: 'sp', paymentType: 'credit_card' }))).toBe('accepted');
  });

  it('a settlement run dated before the end of a period it would pay is rejected, and the period is paid in full later', () => {
    const l = ledger();
    expect(codeOf(l.execute({ op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-03-30T09:00:00+09:00' }))).toBe('accepted');
    expect(codeOf(l.execute(card('a', { at: '2026-03-30T10:00:00+09:00' })))).toBe('accepted');
    // Friday 2026-04-10 pays the week 03-28 to 04-03; on 03-30 that week has not ended.
    expect(codeOf(l.execute({ op: 'settlement.run', date: '2026-04-10', at: '2026-03-30T11:00:00+09:00' }))).toBe('settlement_period_not_ended');
    expect(codeOf(l.execute(card('b', { at: '2026-04-02T10:00:00+09:00' })))).toBe('accepted');
    expect(codeOf(l.execute({ op: 'settlement.run', date: '2026-04-10', at: '2026-04-10T12:00:00+09:00' }))).toBe('accepted');
    expect(merchantBalances(l.state)['pm2']).toEqual({ JPY: 0 }); // both payments' 900 each paid
  });

  it('ISO 8601 offsets written ±hhmm or ±hh are read like ±hh:mm', () => {
    for (const at of ['2026-04-01T10:00:00+0900', '2026-04-01T10:00:00+09', '2026-04-01T10:00:00.5+09:00']) {
      const l = ledger();
      const result = l.execute(card('p', { at }));
      expect(result.ok && result.entry.at).toBe(at.includes('.5') ? '2026-04-01T01:00:00.500Z' : '2026-04-01T01:00:00.000Z');
    }
  });

  it('deeply nested session metadata is a field_invalid rejection, not a stack overflow', () => {
    let nested: unknown = 'x';
    for (let depth = 0; depth < 5000; depth += 1) nested = [nested];
    const run = runScenario({
      merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } }],
      commands: [{ op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://shop.example/r', capture: 'manual', metadata: { a: nested } }],
    });
    expect(run.ok && run.value.report.results[0]?.error?.code).toBe('field_invalid');
  });

  it('merchant and payment ids such as __proto__ are kept in the report', () => {
    const run = runScenario({
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id: '__proto__', type: 'payout', platform: 'mart' },
      ],
      commands: [{ op: 'payment.create', id: '__proto__', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: '__proto__', amount: 1000, platform_fee: 100 }] } }],
    });
    if (!run.ok) throw new Error(run.error.message);
    expect(Object.keys(run.value.report.balances)).toEqual(['mart', '__proto__']);
    expect(JSON.parse(JSON.stringify(run.value.report)).balances).toEqual({ mart: { JPY: 60 }, ['__proto__']: { JPY: 900 } });
    expect(Object.keys(run.value.report.payments)).toEqual(['__proto__']);
  });
});
