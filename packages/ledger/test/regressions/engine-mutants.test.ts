import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, goldenPayment, konbiniPayment, omit, refundRequest, sellerPayment } from '../support/fixtures.js';
import { accepted, available, balances, ledgerAfter, newLedger, rejected, rowsOf } from '../support/ledger-harness.js';

// Manual mutation testing of the engine (payments, refunds, payouts, transfers, sessions,
// merchants, engine, commands): each test here fails with one line of the engine broken in a
// way no other test noticed, and passes on the engine as it is. The mutant is named above
// each test (file: what was changed).

describe('a capture keeps the split a payment took at creation, line for line', () => {
  // same-split.ts: dropping `a.length === b.length` let a capture name fewer lines than the
  // creation split (a prefix, or none), moving the rest to the platform.
  it('a Konbini payment split at creation cannot be captured with an empty split', () => {
    const ledger = ledgerAfter([konbiniPayment('kb_1')]);
    rejected(ledger, { op: 'payment.capture', payment: 'kb_1', split: [] }, 'split_fixed_at_creation');
  });

  it('nor with only the first of its two lines; the same two lines are accepted', () => {
    const ledger = ledgerAfter([goldenPayment('kb_2', { paymentType: 'konbini' })]);
    rejected(ledger, { op: 'payment.capture', payment: 'kb_2', split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }] }, 'split_fixed_at_creation');
    accepted(ledger, { op: 'payment.capture', payment: 'kb_2', split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }] });
    expect(balances(ledger, 'pm1', 'pm2')).toEqual({ pm1: 630, pm2: 270 });
  });
});

describe('a refund whose split, with no amount, gives back exactly what is left', () => {
  // plan-refund-parts.ts: `refundAmount > left` as `>=` refused a split-only refund of the whole
  // rest (refund_exceeds_remaining), though it exceeds nothing.
  it('is accepted, posts every party\'s part and makes the payment refunded', () => {
    // pay_2 gives mart the balance for its ¥100 part: each capture leaves it 100 − 36 − 4 = 60.
    const ledger = ledgerAfter([goldenPayment('pay_1'), goldenPayment('pay_2')]);
    const result = accepted(ledger, {
      op: 'payment.refund',
      payment: 'pay_1',
      split: [
        { submerchantId: 'pm1', amount: 630, platformFee: 70 },
        { submerchantId: 'pm2', amount: 270, platformFee: 30 },
      ],
    });
    expect(result.events.map((event) => event.type)).toEqual(['payment.refund.created', 'payment.refunded']);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 120 - 100, pm1: 1260 - 630, pm2: 540 - 270 });
    expect(ledger.state.payments.get('pay_1')?.status).toBe('refunded');
    expect(ledger.state.payments.get('pay_1')?.refundedAmount).toBe(1000);
  });
});

describe('a run paying two periods pays no more than is available', () => {
  // payout-amount.ts: `available - paidBefore` as `available` let the second period of one run
  // pay out again what the first period already took, beyond the available balance.
  // Holidays move the payout of the week ended 04-10 (due Friday 04-17) to Friday 04-24, the
  // payout day of the week ended 04-17: one run pays both. pm1 held 630 at the end of the first
  // week and 1,260 at the end of the second, then transferred 630 to mart: 630 is available.
  it('the first period takes the 630 available, the second carries (0), pm1 ends at 0', () => {
    const ledger = ledgerAfter([
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-04-01T10:00:00+09:00' },
      goldenPayment('pay_1', { at: '2026-04-06T10:00:00+09:00' }),
      goldenPayment('pay_2', { at: '2026-04-13T10:00:00+09:00' }),
      { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 630, currency: 'JPY', at: '2026-04-18T10:00:00+09:00' },
    ]);
    const run = accepted(ledger, {
      op: 'settlement.run',
      date: '2026-04-24',
      holidays: ['2026-04-17', '2026-04-20', '2026-04-21', '2026-04-22', '2026-04-23'],
      at: '2026-04-24T12:00:00+09:00',
    });
    expect(run.entry.changes).toEqual([
      { kind: 'payout_period_settled', merchant: 'pm1', currency: 'JPY', periodStart: '2026-04-04', periodEnd: '2026-04-10', amount: 630 },
      { kind: 'payout_period_settled', merchant: 'pm1', currency: 'JPY', periodStart: '2026-04-11', periodEnd: '2026-04-17', amount: 0 },
    ]);
    expect(run.events).toEqual([{ type: 'settlement.created', merchant: 'pm1', amount: 630, currency: 'JPY' }]);
    expect(balances(ledger, 'pm1')).toEqual({ pm1: 0 });
  });
});

describe('a settlement run retried with its idempotency key, holidays spelled out or left out', () => {
  // ledger.ts fingerprintOf: without the line that fills in a run's `holidays` default, a retry
  // that spells out `holidays: []` (or leaves out the `[]` the first run gave) was
  // idempotency_key_reused, though it asks for the same run.
  const SETTINGS = { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-04-01T10:00:00+09:00' } as const;
  const PAID = goldenPayment('pay_1', { at: '2026-04-06T10:00:00+09:00' });

  it.each([
    ['left out, then []', {}, { holidays: [] }],
    ['[], then left out', { holidays: [] }, {}],
  ])('%s: the retry answers with the first entry and nothing is paid twice', (_name, first, retry) => {
    const ledger = ledgerAfter([SETTINGS, PAID]);
    const run = { op: 'settlement.run', date: '2026-04-17', idempotencyKey: 'run-04-17' } as const;
    const once = accepted(ledger, { ...run, ...first, at: '2026-04-17T12:00:00+09:00' });
    expect(once.events).toEqual([{ type: 'settlement.created', merchant: 'pm1', amount: 630, currency: 'JPY' }]);
    const again = accepted(ledger, { ...run, ...retry, at: '2026-04-17T13:00:00+09:00' });
    expect(again.replayed).toBe(true);
    expect(again.entry).toBe(once.entry);
    expect(ledger.journal).toHaveLength(3);
    expect(balances(ledger, 'pm1')).toEqual({ pm1: 0 });
  });
});

describe('a command time\'s UTC offset is at most 14 hours', () => {
  // command-time.ts: `offsetHours <= 14` as `<= 23` took +15:00 to +23:59, offsets no place uses.
  it.each(['+15:00', '-15:00', '+23:00'])('%s is time_invalid, and nothing is appended', (offset) => {
    const ledger = newLedger();
    rejected(ledger, goldenPayment('pay_1', { at: `2026-04-01T10:00:00${offset}` }), 'time_invalid');
  });

  it('+14:00 and -12:00 are taken', () => {
    const ledger = newLedger();
    expect(accepted(ledger, goldenPayment('pay_1', { at: '2026-04-01T10:00:00+14:00' })).entry.at).toBe('2026-03-31T20:00:00.000Z');
    expect(accepted(ledger, goldenPayment('pay_2', { at: '2026-04-01T10:00:00-12:00' })).entry.at).toBe('2026-04-01T22:00:00.000Z');
  });
});
