import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CompactEntryDecoder, createLedger, JournalReplay, journalNdjsonLines, merchantBalances, merchantRecords, parseJournalEntry, replayJournal, type Command, type ExecuteResult, type Ledger, type LedgerConfig, type LedgerStateView } from '@kanjo/ledger';
import { CONFIG, PAYMENT_METHODS, refundRequest, sellerPayment } from '../support/fixtures.js';
import { accepted, appended, available, balances, newLedger, rejected, rowsOf, stateSnapshot } from '../support/ledger-harness.js';

// Long lifecycles of one payment and its merchants (review "lifecycle"): every step's balances,
// records and rejections computed by hand from DOMAIN.md's tables, in the comments.

const D1 = '2026-01-05T10:00:00+09:00'; // a Monday: the week Sat 01-03 .. Fri 01-09, paid Fri 01-16

function at(minute: number): string {
  return `2026-01-05T10:${String(minute).padStart(2, '0')}:00+09:00`;
}

describe('marketplace card payment: authorize, partial capture, refunds, payout, transfer, chargeback', () => {
  it('every step posts what DOMAIN.md says and the books balance to the yen', () => {
    const ledger = recordingLedger();
    // 1. Authorize ¥10,000 (no split, no postings).
    const authorized = appended(ledger, { op: 'payment.create', id: 'L1', merchant: 'mart', amount: 10_000, currency: 'JPY', paymentType: 'credit_card', capture: false, at: D1 });
    expect(rowsOf(authorized)).toEqual([]);
    // 2. Partial capture ¥8,000 as {pm1 5,000 fee 500, pm2 3,000 fee 300} (a partial capture's split adds up).
    //    Fee 8,000 × 3.6% = 288; tax 28.8 → 29.
    //    mart = 8,000 − 5,000 − 3,000 + 500 + 300 − 288 − 29 = 483; pm1 = 4,500; pm2 = 2,700.
    //    Shares: platform 8,000 − 4,500 − 2,700 = 800; pm1 4,500; pm2 2,700.
    const capture: Command = { op: 'payment.capture', payment: 'L1', amount: 8_000, split: [{ submerchantId: 'pm1', amount: 5_000, platformFee: 500 }, { submerchantId: 'pm2', amount: 3_000, platformFee: 300 }], at: at(1), idempotencyKey: 'cap-L1' };
    const captured = appended(ledger, capture);
    expect(rowsOf(captured)).toEqual([
      { merchant: 'mart', type: 'Payment', deposit: 8_000, debit: 0 },
      { merchant: 'mart', type: 'Payment Transfer', deposit: 0, debit: 5_000 },
      { merchant: 'pm1', type: 'Payment Transfer', deposit: 5_000, debit: 0 },
      { merchant: 'pm1', type: 'Platform Fee', deposit: 0, debit: 500 },
      { merchant: 'mart', type: 'Platform Fee', deposit: 500, debit: 0 },
      { merchant: 'mart', type: 'Payment Transfer', deposit: 0, debit: 3_000 },
      { merchant: 'pm2', type: 'Payment Transfer', deposit: 3_000, debit: 0 },
      { merchant: 'pm2', type: 'Platform Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Platform Fee', deposit: 300, debit: 0 },
      { merchant: 'mart', type: 'Processing Fee', deposit: 0, debit: 288 },
      { merchant: 'mart', type: 'Processing Fee Tax', deposit: 0, debit: 29 },
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 483, pm1: 4_500, pm2: 2_700 });
    // The capture retried with its key (later) answers the first entry and posts nothing.
    const length = ledger.journal.length;
    const retried = accepted(ledger, { ...capture, at: at(2) });
    expect([retried.replayed, retried.entry.seq, ledger.journal.length]).toEqual([true, 2, length]);
    // A second capture (of the rest) is payment_not_authorized: one capture only.
    rejected(ledger, { op: 'payment.capture', payment: 'L1', amount: 2_000, split: [{ submerchantId: 'pm1', amount: 2_000, platformFee: 0 }] }, 'payment_not_authorized');

    // 3. Partial refund without a split: refund_split_required.
    rejected(ledger, { op: 'payment.refund', payment: 'L1', amount: 1_000 }, 'refund_split_required');
    // 4. Non-reverse ¥1,000: pm1 600 (platform bears 100), pm2 250 (platform bears 50); platform part 150.
    //    mart = 483 − 1,000 + 600 + 250 = 333; pm1 = 3,900; pm2 = 2,450.
    //    Refunded: platform 150 / pm1 600 / pm2 250 (of 800 / 4,500 / 2,700).
    const refund1: Command = { op: 'payment.refund', payment: 'L1', amount: 1_000, split: [{ submerchantId: 'pm1', amount: 600, platformFee: 100 }, { submerchantId: 'pm2', amount: 250, platformFee: 50 }], at: at(3), idempotencyKey: 'rf-1' };
    expect(rowsOf(appended(ledger, refund1))).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 1_000 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 600 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 600, debit: 0 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 250 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 250, debit: 0 },
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 333, pm1: 3_900, pm2: 2_450 });
    // Retried: nothing posts again.
    expect(accepted(ledger, { ...refund1, at: at(4) }).replayed).toBe(true);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 333, pm1: 3_900, pm2: 2_450 });
    // The same key with another refund: idempotency_key_reused.
    rejected(ledger, { ...refund1, amount: 999 }, 'idempotency_key_reused');

    // 5. pm2 above the rest of its share (2,700 − 250 = 2,450): 2,451 is refund_exceeds_share.
    rejected(ledger, { op: 'payment.refund', payment: 'L1', amount: 2_451, split: [{ submerchantId: 'pm2', amount: 2_451, platformFee: 0 }] }, 'refund_exceeds_share');
    //    The platform above the rest of its share (800 − 150 = 650): 651 is refund_exceeds_share.
    rejected(ledger, { op: 'payment.refund', payment: 'L1', amount: 651, split: [{ submerchantId: 'pm1', amount: 0, platformFee: 651 }] }, 'refund_exceeds_share');
    //    But 650 from the platform alone is within its share, not its balance (333): insufficient_balance.
    rejected(ledger, { op: 'payment.refund', payment: 'L1', amount: 650, split: [{ submerchantId: 'pm1', amount: 0, platformFee: 650 }] }, 'insufficient_balance');

    // 6. Non-reverse ¥500 from pm2 alone: pm2 = 1,950, mart = 333 − 500 + 500 = 333.
    appended(ledger, { op: 'payment.refund', payment: 'L1', amount: 500, split: [{ submerchantId: 'pm2', amount: 500, platformFee: 0 }], at: at(5) });
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 333, pm1: 3_900, pm2: 1_950 });
    // Refunded so far 1,500: platform 150 / pm1 600 / pm2 750.
    expect(ledger.state.payments.get('L1')?.refunded).toEqual({ platform: 150, submerchants: [{ submerchantId: 'pm1', amount: 600 }, { submerchantId: 'pm2', amount: 750 }] });

    // 7. Payout pm1 weekly, minimum 0: the run of Fri 01-16 pays what pm1 held at the end of
    //    Fri 01-09 (3,900), within its available 3,900. pm1 = 0.
    appended(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: at(6) });
    const run1 = appended(ledger, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00', idempotencyKey: 'run-0116' });
    expect(rowsOf(run1)).toEqual([{ merchant: 'pm1', type: 'Payout', deposit: 0, debit: 3_900 }]);
    expect(accepted(ledger, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T13:00:00+09:00', idempotencyKey: 'run-0116' }).replayed).toBe(true);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 333, pm1: 0, pm2: 1_950 });

    // 8. A refund that needs pm1 (¥100 of its remaining 3,900 share) now: insufficient_balance.
    const refundPm1: Command = { op: 'payment.refund', payment: 'L1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], at: '2026-01-16T14:00:00+09:00', idempotencyKey: 'rf-pm1' };
    rejected(ledger, refundPm1, 'insufficient_balance');
    // 9. The platform tops pm1 up with ¥100: mart = 233, pm1 = 100; the same key then goes through
    //    (a rejected command's key is not remembered). pm1 = 0, mart = 233 − 100 + 100 = 233.
    appended(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 100, currency: 'JPY', at: '2026-01-16T14:01:00+09:00' });
    expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 233, pm1: 100 });
    expect(accepted(ledger, { ...refundPm1, at: '2026-01-16T14:02:00+09:00' }).replayed).toBe(false);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 233, pm1: 0, pm2: 1_950 });

    // 10. Chargeback of what remains: 8,000 − (1,000 + 500 + 100) = 6,400, from mart alone:
    //     mart = 233 − 6,400 = −6,167. Sub-merchants untouched.
    const chargeback = appended(ledger, { op: 'payment.chargeback', payment: 'L1', at: '2026-01-16T15:00:00+09:00', idempotencyKey: 'cb-L1' });
    expect(rowsOf(chargeback)).toEqual([{ merchant: 'mart', type: 'Chargeback', deposit: 0, debit: 6_400 }]);
    expect(chargeback.events.map((event) => [event.type, event.amount])).toEqual([['payment.refund.created', 6_400], ['payment.refunded', undefined]]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: -6_167, pm1: 0, pm2: 1_950 });
    expect(accepted(ledger, { op: 'payment.chargeback', payment: 'L1', idempotencyKey: 'cb-L1' }).replayed).toBe(true);

    // 11. After: every refund and chargeback is payment_already_refunded; a second capture still not authorized.
    rejected(ledger, { op: 'payment.refund', payment: 'L1' }, 'payment_already_refunded');
    rejected(ledger, { op: 'payment.refund', payment: 'L1', amount: 100, split: [{ submerchantId: 'pm2', amount: 100, platformFee: 0 }] }, 'payment_already_refunded');
    rejected(ledger, { op: 'payment.chargeback', payment: 'L1' }, 'payment_already_refunded');
    rejected(ledger, { op: 'payment.cancel', payment: 'L1' }, 'payment_not_cancellable');
    // The platform's negative balance: it can transfer nothing, and a payout run carries it over.
    rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm2', amount: 1, currency: 'JPY' }, 'insufficient_balance');
    appended(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'mart', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-17T09:00:00+09:00' });
    const run2 = appended(ledger, { op: 'settlement.run', date: '2026-01-23', at: '2026-01-23T12:00:00+09:00' });
    // The week Sat 01-10 .. Fri 01-16 ended with mart at −6,167 and pm1 at 0: nothing is paid.
    expect(rowsOf(run2)).toEqual([]);

    // Conservation: refunded + charged back = captured; no party above its share.
    const payment = ledger.state.payments.get('L1');
    expect(payment && { status: payment.status, captured: payment.capturedAmount, refunded: payment.refundedAmount, chargeback: payment.chargebackAmount, parts: payment.refunded }).toEqual({
      status: 'refunded', captured: 8_000, refunded: 1_600, chargeback: 6_400,
      parts: { platform: 150, submerchants: [{ submerchantId: 'pm1', amount: 700 }, { submerchantId: 'pm2', amount: 750 }] },
    });
    // Every yen: customers paid 8,000 and got 1,600 + 6,400 back; KOMOJU kept 288 + 29; pm1 was paid 3,900.
    // mart −6,167 + pm1 0 + pm2 1,950 = −4,217 = 0 − 317 (fees) − 3,900 (payout).
    expect(Object.values(balances(ledger, 'mart', 'pm1', 'pm2')).reduce((a, b) => a + b, 0)).toBe(-317 - 3_900);
    expectJournalRoundTrips(ledger);
    expectKanjoRunAgrees(ledger);
    expectResumableAfterEveryCommand(ledger);
  });
});


describe('marketplace Konbini payment: refund requests pending, completed, rejected, with payouts and transfers between', () => {
  it('holds, postings and rejections follow DOMAIN.md step by step', () => {
    const ledger = recordingLedger();
    // 1. ¥10,000 Konbini, split at creation {pm1 6,000 fee 600, pm2 4,000 fee 400}: authorized, then paid.
    appended(ledger, { op: 'payment.create', id: 'K1', merchant: 'mart', amount: 10_000, currency: 'JPY', paymentType: 'konbini', capture: true, split: [{ submerchantId: 'pm1', amount: 6_000, platformFee: 600 }, { submerchantId: 'pm2', amount: 4_000, platformFee: 400 }], at: D1 });
    //    Fee 10,000 × 2.75% = 275; tax 27.5 → 28. The customer fee (190 + 19) never touches a merchant.
    //    mart = 10,000 − 6,000 + 600 − 4,000 + 400 − 275 − 28 = 697; pm1 5,400; pm2 3,600.
    //    Shares: platform 1,000 / pm1 5,400 / pm2 3,600.
    appended(ledger, { op: 'payment.capture', payment: 'K1', at: at(1), idempotencyKey: 'cap-K1' });
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 697, pm1: 5_400, pm2: 3_600 });
    rejected(ledger, { op: 'payment.refund', payment: 'K1' }, 'refund_request_required');
    rejected(ledger, { op: 'payment.chargeback', payment: 'K1' }, 'chargeback_not_supported');

    // 2. RR1, ¥2,000 as pm1 1,500 (platform bears 200) and pm2 300, with the customer fee:
    //    mart would be held 200 + 300 + 30 + 190 + 19 = 739 > 697: insufficient_balance.
    const rr1Split = [{ submerchantId: 'pm1', amount: 1_500, platformFee: 200 }, { submerchantId: 'pm2', amount: 300, platformFee: 0 }];
    rejected(ledger, refundRequest({ id: 'RR1', payment: 'K1', amount: 2_000, split: rr1Split, includePaymentMethodFee: true, at: at(2) }), 'insufficient_balance');
    //    Without it: holds mart 200 + 330 = 530, pm1 1,500, pm2 300. Available: mart 167, pm1 3,900, pm2 3,300.
    const rr1 = refundRequest({ id: 'RR1', payment: 'K1', amount: 2_000, split: rr1Split, at: at(2), idempotencyKey: 'rr1' });
    expect(rowsOf(appended(ledger, rr1))).toEqual([]);
    expect([available(ledger, 'mart'), available(ledger, 'pm1'), available(ledger, 'pm2')]).toEqual([167, 3_900, 3_300]);
    //    Retried (the default includePaymentMethodFee left out): the same request, nothing held twice.
    const { includePaymentMethodFee: _fee, ...rr1WithoutFlag } = rr1;
    expect(accepted(ledger, rr1WithoutFlag as Command).replayed).toBe(true);
    expect([available(ledger, 'mart'), available(ledger, 'pm1'), available(ledger, 'pm2')]).toEqual([167, 3_900, 3_300]);
    rejected(ledger, refundRequest({ id: 'RR1', payment: 'K1', amount: 1 , split: [{ submerchantId: 'pm2', amount: 1, platformFee: 0 }] }), 'refund_request_id_taken');

    // 3. RR2, ¥1,000 from pm1 with the customer fee: mart 0 + 330 + 209 = 539 > 167: insufficient_balance.
    const rr2 = refundRequest({ id: 'RR2', payment: 'K1', amount: 1_000, split: [{ submerchantId: 'pm1', amount: 1_000, platformFee: 0 }], includePaymentMethodFee: true, at: at(4) });
    rejected(ledger, rr2, 'insufficient_balance');
    //    pm2 gives mart ¥500 (within its available 3,300): mart 1,197 (available 667), pm2 3,100 (available 2,800).
    appended(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 500, currency: 'JPY', at: at(4) });
    appended(ledger, rr2);
    //    Holds now: mart 530 + 539 = 1,069 (available 128), pm1 2,500 (available 2,900), pm2 300 (2,800).
    expect([available(ledger, 'mart'), available(ledger, 'pm1'), available(ledger, 'pm2')]).toEqual([128, 2_900, 2_800]);
    //    The customer fee is held by RR2: another request asking for it is customer_fee_already_refunded.
    rejected(ledger, refundRequest({ id: 'RR3', payment: 'K1', amount: 100, split: [{ submerchantId: 'pm2', amount: 100, platformFee: 0 }], includePaymentMethodFee: true }), 'customer_fee_already_refunded');
    //    pm2 cannot transfer what RR1 holds of it: 2,801 > 2,800 available.
    rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 2_801, currency: 'JPY' }, 'insufficient_balance');
    //    Left to refund: 10,000 − 3,000 pending = 7,000; 7,001 is refund_exceeds_remaining.
    rejected(ledger, refundRequest({ id: 'RR3', payment: 'K1', amount: 7_001, split: [{ submerchantId: 'pm2', amount: 7_001, platformFee: 0 }] }), 'refund_exceeds_remaining');

    // 4. Payout of pm1 (weekly, minimum 0) on Fri 01-16: held 5,400 at the end of 01-09, 2,900 available: pays 2,900.
    appended(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: at(5) });
    expect(rowsOf(appended(ledger, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' }))).toEqual([{ merchant: 'pm1', type: 'Payout', deposit: 0, debit: 2_900 }]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 1_197, pm1: 2_500, pm2: 3_100 });

    // 5. RR1 completes: Refund 2,000 from mart, returns pm1 1,500 and pm2 300, Refund Fee 300 + 30.
    //    mart = 1,197 − 2,000 + 1,500 + 300 − 330 = 667 (available 667 − 539 = 128, as before);
    //    pm1 = 1,000 (held 1,000 by RR2: available 0); pm2 = 2,800.
    const complete1 = appended(ledger, { op: 'refund_request.complete', refundRequest: 'RR1', at: '2026-01-16T13:00:00+09:00', idempotencyKey: 'c-rr1' });
    expect(rowsOf(complete1)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 2_000 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 1_500 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 1_500, debit: 0 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 300, debit: 0 },
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 667, pm1: 1_000, pm2: 2_800 });
    expect([available(ledger, 'mart'), available(ledger, 'pm1'), available(ledger, 'pm2')]).toEqual([128, 0, 2_800]);
    expect(accepted(ledger, { op: 'refund_request.complete', refundRequest: 'RR1', idempotencyKey: 'c-rr1' }).replayed).toBe(true);
    rejected(ledger, { op: 'refund_request.complete', refundRequest: 'RR1' }, 'refund_request_not_pending');

    // 6. RR2 is rejected: nothing moves, its holds and the customer fee are released.
    expect(rowsOf(appended(ledger, { op: 'refund_request.reject', refundRequest: 'RR2', at: '2026-01-16T14:00:00+09:00' }))).toEqual([]);
    expect([available(ledger, 'mart'), available(ledger, 'pm1'), available(ledger, 'pm2')]).toEqual([667, 1_000, 2_800]);
    rejected(ledger, { op: 'refund_request.complete', refundRequest: 'RR2' }, 'refund_request_not_pending');
    rejected(ledger, { op: 'refund_request.reject', refundRequest: 'RR2' }, 'refund_request_not_pending');

    // 7. A reverse request with the fee: left platform 800, pm1 3,900, pm2 3,300 (8,000).
    //    mart 800 + 330 + 209 = 1,339 > 667: insufficient_balance. After pm2 → mart 700 (mart 1,367,
    //    pm2 2,100), mart is covered but pm1 (3,900 > 1,000) is not: insufficient_balance again.
    rejected(ledger, refundRequest({ id: 'RR4', payment: 'K1', includePaymentMethodFee: true }), 'insufficient_balance');
    appended(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 700, currency: 'JPY', at: '2026-01-16T15:00:00+09:00' });
    expect(rejected(ledger, refundRequest({ id: 'RR4', payment: 'K1', includePaymentMethodFee: true }), 'insufficient_balance')).toContain('pm1');
    //    A non-reverse one instead, ¥1,500: pm1 1,000, the platform 500, with the fee:
    //    holds mart 500 + 330 + 209 = 1,039 (of 1,367), pm1 1,000 (of 1,000).
    appended(ledger, refundRequest({ id: 'RR4', payment: 'K1', amount: 1_500, split: [{ submerchantId: 'pm1', amount: 1_000, platformFee: 500 }], includePaymentMethodFee: true, at: '2026-01-16T15:01:00+09:00' }));
    expect([available(ledger, 'mart'), available(ledger, 'pm1')]).toEqual([328, 0]);
    //    Completed: mart = 1,367 − 1,500 + 1,000 − 330 − 209 = 328; pm1 = 0.
    expect(rowsOf(appended(ledger, { op: 'refund_request.complete', refundRequest: 'RR4', at: '2026-01-16T15:02:00+09:00' }))).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 1_500 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 1_000 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 1_000, debit: 0 },
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
      { merchant: 'mart', type: 'Refunded Customer Fee', deposit: 0, debit: 190 },
      { merchant: 'mart', type: 'Refunded Customer Fee Tax', deposit: 0, debit: 19 },
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 328, pm1: 0, pm2: 2_100 });
    // 8. The customer fee is refunded once: never again.
    rejected(ledger, refundRequest({ id: 'RR5', payment: 'K1', amount: 100, split: [{ submerchantId: 'pm2', amount: 100, platformFee: 0 }], includePaymentMethodFee: true }), 'customer_fee_already_refunded');
    //    Refunded 3,500 of 10,000: 6,500 left (platform 300, pm1 2,900, pm2 3,300); 6,501 is too much.
    rejected(ledger, refundRequest({ id: 'RR5', payment: 'K1', amount: 6_501, split: [{ submerchantId: 'pm2', amount: 3_300, platformFee: 3_201 }] }), 'refund_exceeds_remaining');
    rejected(ledger, refundRequest({ id: 'RR5', payment: 'K1', amount: 301, split: [{ submerchantId: 'pm2', amount: 0, platformFee: 301 }] }), 'refund_exceeds_share');

    const payment = ledger.state.payments.get('K1');
    expect(payment && { status: payment.status, refunded: payment.refundedAmount, pending: payment.pendingRefundAmount, parts: payment.refunded, fee: payment.customerFeeRefund }).toEqual({
      status: 'captured', refunded: 3_500, pending: 0, fee: 'refunded',
      parts: { platform: 700, submerchants: [{ submerchantId: 'pm1', amount: 2_500 }, { submerchantId: 'pm2', amount: 300 }] },
    });
    expect([...ledger.state.holds.values()].flatMap((byCurrency) => [...byCurrency.values()]).every((held) => held === 0)).toBe(true);
    // Every yen: merchants 328 + 0 + 2,100 = 2,428 = 10,000 − 303 (processing) − 2,900 (payout)
    //   − 3,500 (refunds) − 660 (two refund fees) − 209 (customer fee refunded).
    expect(328 + 2_100).toBe(10_000 - 303 - 2_900 - 3_500 - 660 - 209);
    expectJournalRoundTrips(ledger);
    expectKanjoRunAgrees(ledger);
    expectResumableAfterEveryCommand(ledger);
  });
});

describe('seller-model card payment: partial capture with a new platform_amount, proportional refunds, payout, chargeback', () => {
  it('the cumulative curve, the balances and the chargeback follow DOMAIN.md', () => {
    const ledger = recordingLedger();
    appended(ledger, sellerPayment('S1', { capture: false, at: D1 }));
    // 1. Capture ¥30,000 of 50,000, restating platform_amount 3,000. Fee 1,080, tax 108.
    //    plt = 3,000 − 1,188 = 1,812; s1 = 27,000.
    const captured = appended(ledger, { op: 'payment.capture', payment: 'S1', amount: 30_000, platformAmount: 3_000, at: at(1) });
    expect(rowsOf(captured)).toEqual([
      { merchant: 's1', type: 'Payment', deposit: 30_000, debit: 0 },
      { merchant: 's1', type: 'Platform Fee', deposit: 0, debit: 3_000 },
      { merchant: 'plt', type: 'Platform Fee', deposit: 3_000, debit: 0 },
      { merchant: 'plt', type: 'Processing Fee', deposit: 0, debit: 1_080 },
      { merchant: 'plt', type: 'Processing Fee Tax', deposit: 0, debit: 108 },
    ]);
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 1_812, s1: 27_000 });
    rejected(ledger, { op: 'payment.refund', payment: 'S1', amount: 100, split: [{ submerchantId: 's1', amount: 100, platformFee: 0 }] }, 'refund_split_not_allowed_for_seller');
    rejected(ledger, { op: 'payment.refund', payment: 'S1', amount: 30_001 }, 'refund_exceeds_remaining');
    // 2. Refund 105: R = 105, platform round-half-up(10.5) = 11, seller 94. plt 1,801; s1 26,906.
    const r1: Command = { op: 'payment.refund', payment: 'S1', amount: 105, at: at(2), idempotencyKey: 's-r1' };
    expect(rowsOf(appended(ledger, r1))).toEqual([
      { merchant: 's1', type: 'Refund', deposit: 0, debit: 105 },
      { merchant: 'plt', type: 'Platform Fee Return', deposit: 0, debit: 11 },
      { merchant: 's1', type: 'Platform Fee Return', deposit: 11, debit: 0 },
    ]);
    expect(accepted(ledger, r1).replayed).toBe(true);
    // 3. Refund 10: R = 115 → 11.5 → 12: platform 1, seller 9. plt 1,800; s1 26,897.
    appended(ledger, { op: 'payment.refund', payment: 'S1', amount: 10, at: at(3) });
    // 4. Refund 7: R = 122 → 12.2 → 12: platform 0, seller 7 (no Platform Fee Return row). s1 26,890.
    expect(rowsOf(appended(ledger, { op: 'payment.refund', payment: 'S1', amount: 7, at: at(4) }))).toEqual([{ merchant: 's1', type: 'Refund', deposit: 0, debit: 7 }]);
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 1_800, s1: 26_890 });
    // 5. Payout of s1 (weekly): 26,890 on Fri 01-16. s1 = 0.
    appended(ledger, { op: 'payout_settings.update', merchant: 'plt', target: 's1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: at(5) });
    expect(rowsOf(appended(ledger, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' }))).toEqual([{ merchant: 's1', type: 'Payout', deposit: 0, debit: 26_890 }]);
    // 6. Refund 10: R = 132 → 13.2 → 13: platform 1, seller 9 > 0 available: insufficient_balance.
    const r4: Command = { op: 'payment.refund', payment: 'S1', amount: 10, at: '2026-01-16T13:00:00+09:00', idempotencyKey: 's-r4' };
    expect(rejected(ledger, r4, 'insufficient_balance')).toContain('s1');
    //    plt → s1 9: plt 1,791, s1 9; the refund then posts: plt 1,790, s1 0.
    appended(ledger, { op: 'balance.transfer', merchant: 'plt', from: 'plt', to: 's1', amount: 9, currency: 'JPY', at: '2026-01-16T13:01:00+09:00' });
    appended(ledger, { ...r4, at: '2026-01-16T13:02:00+09:00' });
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 1_790, s1: 0 });
    // 7. Chargeback: 30,000 − 132 = 29,868, borne by the seller: s1 = −29,868; plt untouched.
    expect(rowsOf(appended(ledger, { op: 'payment.chargeback', payment: 'S1', at: '2026-01-16T14:00:00+09:00' }))).toEqual([{ merchant: 's1', type: 'Chargeback', deposit: 0, debit: 29_868 }]);
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 1_790, s1: -29_868 });
    rejected(ledger, { op: 'payment.refund', payment: 'S1', amount: 1 }, 'payment_already_refunded');
    rejected(ledger, { op: 'payment.chargeback', payment: 'S1' }, 'payment_already_refunded');
    rejected(ledger, { op: 'balance.transfer', merchant: 'plt', from: 's1', to: 'plt', amount: 1, currency: 'JPY' }, 'insufficient_balance');
    // 8. The next run finds s1 negative at the end of the week 01-10 .. 01-16: nothing is paid.
    expect(rowsOf(appended(ledger, { op: 'settlement.run', date: '2026-01-23', at: '2026-01-23T12:00:00+09:00' }))).toEqual([]);
    const payment = ledger.state.payments.get('S1');
    // Conservation: 132 refunded (platform 13 = round(132 × 0.1), seller 119) + 29,868 charged back = 30,000.
    expect(payment && [payment.status, payment.refundedAmount, payment.chargebackAmount, payment.refunded]).toEqual(['refunded', 132, 29_868, { platform: 13, submerchants: [{ submerchantId: 's1', amount: 119 }] }]);
    expectJournalRoundTrips(ledger);
    expectKanjoRunAgrees(ledger);
    expectResumableAfterEveryCommand(ledger);
  });
});

describe('seller-model Konbini payment: requests completed out of order, re-estimated, rejected, with a payout between', () => {
  it('holds follow the completed curve and the payout never pays what a request holds', () => {
    const ledger = recordingLedger();
    // 1. ¥10,000 Konbini as s1, platform_amount 1,000, paid. Fee 275 + 28: plt = 697, s1 = 9,000.
    appended(ledger, sellerPayment('SK', { amount: 10_000, platformAmount: 1_000, paymentType: 'konbini', capture: true, at: D1 }));
    appended(ledger, { op: 'payment.capture', payment: 'SK', at: at(1) });
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 697, s1: 9_000 });
    // 2. A: 333, no fee. R = 333 → 33.3 → 33: plt 33, s1 300. Holds plt 363, s1 300.
    appended(ledger, refundRequest({ id: 'A', payment: 'SK', amount: 333, at: at(2) }));
    expect([available(ledger, 'plt'), available(ledger, 's1')]).toEqual([334, 8_700]);
    // 3. B: 333 with the fee, counting A: R = 666 → 66.6 → 67: plt 34, s1 299. plt 34 + 330 + 209 = 573 > 334.
    const b = refundRequest({ id: 'B', payment: 'SK', amount: 333, includePaymentMethodFee: true, at: at(3) });
    rejected(ledger, b, 'insufficient_balance');
    //    s1 → plt 1,000: plt 1,697 (available 1,334), s1 8,000 (7,700). B then holds plt 573, s1 299.
    appended(ledger, { op: 'balance.transfer', merchant: 'plt', from: 's1', to: 'plt', amount: 1_000, currency: 'JPY', at: at(3) });
    appended(ledger, b);
    expect([available(ledger, 'plt'), available(ledger, 's1')]).toEqual([761, 7_401]);
    // 4. B completes first: on the completed curve R = 333 → 33: plt 33, s1 300 (it held 34 / 299).
    //    A is re-estimated counting B: R = 666 → 67: plt 34, s1 299; holds plt 364, s1 299.
    //    s1 = 8,000 − 333 + 33 = 7,700; plt = 1,697 − 33 − 330 − 209 = 1,125. Available unchanged: 761 / 7,401.
    const completeB = appended(ledger, { op: 'refund_request.complete', refundRequest: 'B', at: at(4) });
    expect(completeB.changes.filter((change) => change.kind === 'refund_request_reestimated')).toEqual([
      { kind: 'refund_request_reestimated', refundRequest: 'A', parts: { platform: 34, submerchants: [{ submerchantId: 's1', amount: 299 }] }, holds: [{ merchant: 'plt', amount: 364 }, { merchant: 's1', amount: 299 }] },
    ]);
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 1_125, s1: 7_700 });
    expect([available(ledger, 'plt'), available(ledger, 's1')]).toEqual([761, 7_401]);
    // 5. Payout s1 on 01-16: 7,700 at the end of 01-09 but 7,401 available: pays 7,401. s1 = 299, all held.
    appended(ledger, { op: 'payout_settings.update', merchant: 'plt', target: 's1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: at(5) });
    expect(rowsOf(appended(ledger, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' }))).toEqual([{ merchant: 's1', type: 'Payout', deposit: 0, debit: 7_401 }]);
    // 6. A is rejected: s1 299 available, plt 1,125.
    appended(ledger, { op: 'refund_request.reject', refundRequest: 'A', at: '2026-01-16T13:00:00+09:00' });
    expect([available(ledger, 'plt'), available(ledger, 's1')]).toEqual([1_125, 299]);
    // 7. A reverse request: 9,667 left; R = 10,000 → 1,000: plt 967 + 330 = 1,297 > 1,125 (and s1
    //    8,700 > 299): insufficient_balance, the platform named first.
    expect(rejected(ledger, refundRequest({ id: 'C', payment: 'SK' }), 'insufficient_balance')).toBe('merchant plt needs 1297 JPY available for this refund but has 1125 (short by 172); top it up with a balance transfer or refund less');
    //    C: 299. R = 632 → 63.2 → 63: plt 30, s1 269. Completed: s1 = 299 − 299 + 30 = 30; plt = 1,125 − 30 − 330 = 765.
    appended(ledger, refundRequest({ id: 'C', payment: 'SK', amount: 299, at: '2026-01-16T13:01:00+09:00' }));
    appended(ledger, { op: 'refund_request.complete', refundRequest: 'C', at: '2026-01-16T13:02:00+09:00' });
    expect(balances(ledger, 'plt', 's1')).toEqual({ plt: 765, s1: 30 });
    rejected(ledger, refundRequest({ id: 'D', payment: 'SK', amount: 1, includePaymentMethodFee: true }), 'customer_fee_already_refunded');
    const payment = ledger.state.payments.get('SK');
    // Conservation: 632 refunded = platform 63 (round(632 × 0.1)) + seller 569.
    expect(payment && [payment.status, payment.refundedAmount, payment.pendingRefundAmount, payment.refunded]).toEqual(['captured', 632, 0, { platform: 63, submerchants: [{ submerchantId: 's1', amount: 569 }] }]);
    expectJournalRoundTrips(ledger);
    expectKanjoRunAgrees(ledger);
    expectResumableAfterEveryCommand(ledger);
  });
});

describe('every step of a lifecycle under an idempotency key, each retried after everything that followed it', () => {
  it('each retry answers its first entry and changes nothing; the same key with another command is refused; replay and kanjo run agree', () => {
    const ledger = recordingLedger();
    const steps: Command[] = [
      // mart ¥20,000 card, authorized, then captured ¥15,000 as {pm1 9,000 fee 900, pm2 6,000 fee 600}.
      //   Fee 15,000 × 3.6% = 540, tax 54. mart = 15,000 − 15,000 + 1,500 − 594 = 906; pm1 8,100; pm2 5,400.
      { op: 'payment.create', id: 'P', merchant: 'mart', amount: 20_000, currency: 'JPY', paymentType: 'credit_card', capture: false, at: D1, idempotencyKey: 'k-create' },
      { op: 'payment.capture', payment: 'P', amount: 15_000, split: [{ submerchantId: 'pm1', amount: 9_000, platformFee: 900 }, { submerchantId: 'pm2', amount: 6_000, platformFee: 600 }], at: at(1), idempotencyKey: 'k-capture' },
      // Konbini ¥5,000 {pm1 5,000 fee 500}, paid: fee 138 + 14. mart = 906 + 500 − 152 = 1,254; pm1 = 12,600.
      { op: 'payment.create', id: 'Q', merchant: 'mart', amount: 5_000, currency: 'JPY', paymentType: 'konbini', capture: true, split: [{ submerchantId: 'pm1', amount: 5_000, platformFee: 500 }], at: at(2), idempotencyKey: 'k-create-q' },
      { op: 'payment.capture', payment: 'Q', at: at(3), idempotencyKey: 'k-capture-q' },
      // P: ¥2,000 as pm1 1,200 (platform 200), pm2 600: mart 1,254 − 2,000 + 1,800 = 1,054; pm1 11,400; pm2 4,800.
      { op: 'payment.refund', payment: 'P', amount: 2_000, split: [{ submerchantId: 'pm1', amount: 1_200, platformFee: 200 }, { submerchantId: 'pm2', amount: 600, platformFee: 0 }], at: at(4), idempotencyKey: 'k-refund-1' },
      // Q: request ¥1,000 from pm1 with the customer fee: holds mart 330 + 209 = 539, pm1 1,000.
      { ...refundRequest({ id: 'Q1', payment: 'Q', amount: 1_000, split: [{ submerchantId: 'pm1', amount: 1_000, platformFee: 0 }], includePaymentMethodFee: true }), at: at(5), idempotencyKey: 'k-request-1' },
      // Q: request ¥500 from pm1: holds mart 330, pm1 500. Rejected below.
      { ...refundRequest({ id: 'Q2', payment: 'Q', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }] }), at: at(6), idempotencyKey: 'k-request-2' },
      // pm2 → mart 800: mart 1,854; pm2 4,000.
      { op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 800, currency: 'JPY', at: at(7), idempotencyKey: 'k-transfer-1' },
      { op: 'refund_request.complete', refundRequest: 'Q1', at: at(8), idempotencyKey: 'k-complete-1' },
      // Q1 posts: mart 1,854 − 1,000 + 1,000 − 330 − 209 = 1,315; pm1 10,400.
      { op: 'refund_request.reject', refundRequest: 'Q2', at: at(9), idempotencyKey: 'k-reject-2' },
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 1_000, at: at(10), idempotencyKey: 'k-settings' },
      // Run of Fri 01-16: pm1 held 10,400 at the end of 01-09, all available: paid. pm1 = 0.
      { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00', idempotencyKey: 'k-run' },
      // P: a reverse refund needs pm1's remaining 8,100 − 1,200 = 6,900: pm1 has 0. mart → pm1 6,900
      //   is more than mart's 1,315: refused below; instead pm2 pays nothing, so a non-reverse from
      //   the platform and pm2: ¥1,000 = pm2 1,000 + platform 0. pm2 3,000, mart 1,315.
      { op: 'payment.refund', payment: 'P', amount: 1_000, split: [{ submerchantId: 'pm2', amount: 1_000, platformFee: 0 }], at: '2026-01-16T13:00:00+09:00', idempotencyKey: 'k-refund-2' },
      // P: chargeback of 15,000 − 3,000 = 12,000 from mart: −10,685.
      { op: 'payment.chargeback', payment: 'P', at: '2026-01-16T14:00:00+09:00', idempotencyKey: 'k-chargeback' },
    ];
    const entries = steps.map((step) => appended(ledger, step));
    rejected(ledger, { op: 'payment.refund', payment: 'P' }, 'payment_already_refunded');
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: -10_685, pm1: 0, pm2: 3_000 });
    expect(entries.map((entry) => rowsOf(entry).filter((row) => row.type === 'Payout'))[11]).toEqual([{ merchant: 'pm1', type: 'Payout', deposit: 0, debit: 10_400 }]);

    // Each step again, later, with its key: its first entry, nothing appended, nothing changed.
    const length = ledger.journal.length;
    const before = comparable(ledger.state);
    steps.forEach((step, index) => {
      const again = accepted(ledger, { ...step, at: '2026-01-20T09:00:00+09:00' });
      expect([again.replayed, again.entry]).toEqual([true, entries[index]]);
    });
    expect(ledger.journal.length).toBe(length);
    expect(comparable(ledger.state)).toEqual(before);
    // The same keys with another command: idempotency_key_reused, and nothing changes.
    rejected(ledger, { ...steps[4], amount: 1_999 } as Command, 'idempotency_key_reused');
    rejected(ledger, { ...steps[5], includePaymentMethodFee: false } as Command, 'idempotency_key_reused');
    rejected(ledger, { ...steps[8], refundRequest: 'Q2' } as Command, 'idempotency_key_reused');
    rejected(ledger, { ...steps[11], date: '2026-01-23' } as Command, 'idempotency_key_reused');
    rejected(ledger, { ...steps[13], op: 'payment.cancel' } as Command, 'idempotency_key_reused');

    // The replayed ledger answers the same retries the same way.
    const replayed = replayJournal(CONFIG, ledger.journal);
    if (!replayed.ok) throw new Error(replayed.error.message);
    steps.forEach((step, index) => {
      const again = replayed.value.execute({ ...step, at: '2026-01-20T09:00:00+09:00' });
      expect(again.ok && [again.replayed, again.entry]).toEqual([true, entries[index]]);
    });
    expectJournalRoundTrips(ledger);
    expectKanjoRunAgrees(ledger);
    expectResumableAfterEveryCommand(ledger);
  });
});

describe('marketplace Bank Transfer payment (no customer fee): split at capture leaving the platform the rest, requests around a payout of the platform', () => {
  it('include_payment_method_fee refunds nothing where nothing was charged, and the platform pays each Refund Fee', () => {
    const ledger = recordingLedger();
    appended(ledger, { op: 'payment.create', id: 'B', merchant: 'mart', amount: 20_000, currency: 'JPY', paymentType: 'bank_transfer', capture: false, at: D1 });
    rejected(ledger, { op: 'payment.capture', payment: 'B', amount: 10_000, split: [{ submerchantId: 'pm2', amount: 10_000, platformFee: 0 }] }, 'partial_capture_not_supported');
    // 1. Paid, split at capture {pm2 15,000 fee 1,500}: the platform keeps the other 5,000.
    //    Fee 20,000 × 1% = 200, tax 20. mart = 20,000 − 15,000 + 1,500 − 220 = 6,280; pm2 = 13,500.
    //    Shares: platform 5,000 + 1,500 = 6,500; pm2 13,500.
    appended(ledger, { op: 'payment.capture', payment: 'B', split: [{ submerchantId: 'pm2', amount: 15_000, platformFee: 1_500 }], at: at(1) });
    expect(balances(ledger, 'mart', 'pm2')).toEqual({ mart: 6_280, pm2: 13_500 });
    expect(ledger.state.payments.get('B')?.customerFee).toBe(0);
    // 2. A reverse request: mart 6,500 + 330 = 6,830 > 6,280: insufficient_balance.
    rejected(ledger, refundRequest({ id: 'A', payment: 'B', includePaymentMethodFee: true, at: at(2) }), 'insufficient_balance');
    // 3. A: 3,000 = pm2 2,000 + platform 1,000, "with the customer fee" (none was charged: nothing more).
    //    Holds mart 1,000 + 330 = 1,330, pm2 2,000.
    const a = appended(ledger, refundRequest({ id: 'A', payment: 'B', amount: 3_000, split: [{ submerchantId: 'pm2', amount: 2_000, platformFee: 1_000 }], includePaymentMethodFee: true, at: at(2) }));
    expect(a.changes).toMatchObject([{ kind: 'refund_request_created', request: { holds: [{ merchant: 'mart', amount: 1_330 }, { merchant: 'pm2', amount: 2_000 }] } }]);
    //    B2: 1,000 from pm2, also "with the fee": not customer_fee_already_refunded, there is none. Holds mart 330, pm2 1,000.
    appended(ledger, refundRequest({ id: 'B2', payment: 'B', amount: 1_000, split: [{ submerchantId: 'pm2', amount: 1_000, platformFee: 0 }], includePaymentMethodFee: true, at: at(3) }));
    expect([available(ledger, 'mart'), available(ledger, 'pm2')]).toEqual([4_620, 10_500]);
    // 4. The platform is paid out weekly: 6,280 at the end of 01-09, 4,620 available: pays 4,620. mart = 1,660.
    appended(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'mart', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: at(4) });
    expect(rowsOf(appended(ledger, { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' }))).toEqual([{ merchant: 'mart', type: 'Payout', deposit: 0, debit: 4_620 }]);
    // 5. A completes: mart = 1,660 − 3,000 + 2,000 − 330 = 330 (all held by B2); pm2 = 11,500.
    expect(rowsOf(appended(ledger, { op: 'refund_request.complete', refundRequest: 'A', at: '2026-01-16T13:00:00+09:00' }))).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 3_000 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 2_000 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 2_000, debit: 0 },
      { merchant: 'mart', type: 'Refund Fee', deposit: 0, debit: 300 },
      { merchant: 'mart', type: 'Refund Fee Tax', deposit: 0, debit: 30 },
    ]);
    expect([balances(ledger, 'mart', 'pm2'), available(ledger, 'mart')]).toEqual([{ mart: 330, pm2: 11_500 }, 0]);
    //    B2 completes: mart = 330 − 1,000 + 1,000 − 330 = 0; pm2 = 10,500.
    appended(ledger, { op: 'refund_request.complete', refundRequest: 'B2', at: '2026-01-16T13:01:00+09:00' });
    expect(balances(ledger, 'mart', 'pm2')).toEqual({ mart: 0, pm2: 10_500 });
    // 6. Reverse: platform 5,500 + 330 = 5,830 > 0: insufficient_balance. pm2 → mart 5,830; then pm2
    //    (4,670) cannot cover its 10,500: insufficient_balance again, naming pm2.
    rejected(ledger, refundRequest({ id: 'C', payment: 'B' }), 'insufficient_balance');
    appended(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'pm2', to: 'mart', amount: 5_830, currency: 'JPY', at: '2026-01-16T14:00:00+09:00' });
    expect(rejected(ledger, refundRequest({ id: 'C', payment: 'B' }), 'insufficient_balance')).toContain('merchant pm2 needs 10500');
    //    C: 4,670 from pm2: mart = 5,830 − 4,670 + 4,670 − 330 = 5,500; pm2 = 0.
    appended(ledger, refundRequest({ id: 'C', payment: 'B', amount: 4_670, split: [{ submerchantId: 'pm2', amount: 4_670, platformFee: 0 }], at: '2026-01-16T14:01:00+09:00' }));
    appended(ledger, { op: 'refund_request.complete', refundRequest: 'C', at: '2026-01-16T14:02:00+09:00' });
    expect(balances(ledger, 'mart', 'pm2')).toEqual({ mart: 5_500, pm2: 0 });
    rejected(ledger, { op: 'payment.chargeback', payment: 'B' }, 'chargeback_not_supported');
    rejected(ledger, refundRequest({ id: 'D', payment: 'B', amount: 5_831, split: [{ submerchantId: 'pm2', amount: 5_831, platformFee: 0 }] }), 'refund_exceeds_share');
    // Conservation: 8,670 refunded (platform 1,000, pm2 7,670), 11,330 left = platform 5,500 + pm2 5,830;
    // merchants hold 5,500 = 20,000 − 220 − 4,620 (payout) − 8,670 − 990 (three Refund Fees with tax).
    const payment = ledger.state.payments.get('B');
    expect(payment && [payment.status, payment.refundedAmount, payment.refunded, payment.customerFeeRefund]).toEqual(['captured', 8_670, { platform: 1_000, submerchants: [{ submerchantId: 'pm2', amount: 7_670 }] }, 'none']);
    expect(5_500).toBe(20_000 - 220 - 4_620 - 8_670 - 990);
    expectJournalRoundTrips(ledger);
    expectKanjoRunAgrees(ledger);
    expectResumableAfterEveryCommand(ledger);
  });
});

describe('a hosted-page PayPay payment: session, partial capture (a session widens it to wallets), refunds, reverse refund', () => {
  it('events carry the session to the end, and the session cannot be settled again', () => {
    const ledger = recordingLedger();
    // F funds mart: card ¥1,000 {pm1 1,000 fee 1,000}: fee 36 + 4. mart = 960; pm1 = 0.
    appended(ledger, { op: 'payment.create', id: 'F', merchant: 'mart', amount: 1_000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1_000, platformFee: 1_000 }], at: D1 });
    appended(ledger, { op: 'session.create', id: 'S', merchant: 'mart', amount: 10_000, currency: 'JPY', paymentTypes: ['paypay', 'credit_card'], returnUrl: 'https://shop.example/return', capture: 'manual', at: at(1) });
    expect(appended(ledger, { op: 'session.complete', session: 'S', payment: 'W', paymentType: 'paypay', at: at(2) }).events).toEqual([{ type: 'payment.authorized', payment: 'W', session: 'S' }]);
    rejected(ledger, { op: 'session.complete', session: 'S', payment: 'W2', paymentType: 'paypay' }, 'session_not_pending');
    // 1. Partial capture ¥6,000 {pm1 4,000 fee 400, pm2 2,000 fee 0}. Fee 216, tax 21.6 → 22.
    //    mart = 960 + 6,000 − 6,000 + 400 − 238 = 1,122; pm1 3,600; pm2 2,000. Shares: 400 / 3,600 / 2,000.
    appended(ledger, { op: 'payment.capture', payment: 'W', amount: 6_000, split: [{ submerchantId: 'pm1', amount: 4_000, platformFee: 400 }, { submerchantId: 'pm2', amount: 2_000, platformFee: 0 }], at: at(3) });
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 1_122, pm1: 3_600, pm2: 2_000 });
    // 2. ¥1,000 from pm2: pm2 1,000.
    expect(appended(ledger, { op: 'payment.refund', payment: 'W', amount: 1_000, split: [{ submerchantId: 'pm2', amount: 1_000, platformFee: 0 }], at: at(4) }).events).toEqual([
      { type: 'payment.refund.created', payment: 'W', session: 'S', amount: 1_000, currency: 'JPY' },
    ]);
    rejected(ledger, { op: 'payment.chargeback', payment: 'W' }, 'chargeback_not_supported');
    rejected(ledger, refundRequest({ id: 'R', payment: 'W', amount: 100, split: [{ submerchantId: 'pm2', amount: 100, platformFee: 0 }] }), 'refund_request_not_supported');
    // 3. Reverse: platform 400, pm1 3,600, pm2 1,000 (5,000). mart = 1,122 − 5,000 + 3,600 + 1,000 = 722.
    const reverse = appended(ledger, { op: 'payment.refund', payment: 'W', at: at(5) });
    expect(rowsOf(reverse)).toEqual([
      { merchant: 'mart', type: 'Refund', deposit: 0, debit: 5_000 },
      { merchant: 'pm1', type: 'Payment Transfer Return', deposit: 0, debit: 3_600 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 3_600, debit: 0 },
      { merchant: 'pm2', type: 'Payment Transfer Return', deposit: 0, debit: 1_000 },
      { merchant: 'mart', type: 'Payment Transfer Return', deposit: 1_000, debit: 0 },
    ]);
    expect(reverse.events).toEqual([
      { type: 'payment.refund.created', payment: 'W', session: 'S', amount: 5_000, currency: 'JPY' },
      { type: 'payment.refunded', payment: 'W', session: 'S' },
    ]);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 722, pm1: 0, pm2: 0 });
    rejected(ledger, { op: 'payment.refund', payment: 'W' }, 'payment_already_refunded');
    rejected(ledger, { op: 'session.cancel', session: 'S' }, 'session_not_pending');
    const payment = ledger.state.payments.get('W');
    expect(payment && [payment.status, payment.origin, payment.session, payment.capturedAmount, payment.refundedAmount, payment.refunded]).toEqual([
      'refunded', 'session', 'S', 6_000, 6_000, { platform: 400, submerchants: [{ submerchantId: 'pm1', amount: 3_600 }, { submerchantId: 'pm2', amount: 2_000 }] },
    ]);
    expectJournalRoundTrips(ledger);
    expectKanjoRunAgrees(ledger);
    expectResumableAfterEveryCommand(ledger);
  });
});

describe('merchants deactivated since: the lifecycle goes on in a ledger rebuilt from the journal with today\'s configuration', () => {
  // DOMAIN.md "Parties": "Deactivated merchants cannot take part in anything. [000] [002]"; seed
  // 002: "we do NOT allow deactivated merchants or accounts to be specified as the partaking
  // parties"; README: `merchant_deactivated` "a deactivated merchant cannot take part in
  // anything". A journal replays under a configuration where a merchant was deactivated since
  // (README, reconcile: "whether a merchant was active at the time is not re-decided"), and the
  // rebuilt ledger refuses it a transfer, a payout, a capture. It still took refunds from it: a
  // refund split naming deactivated pm2 posted a Payment Transfer Return on pm2, a reverse
  // refund took pm2's share back, a seller-model refund debited the deactivated seller's
  // balance, and a deactivated platform refunded and made refund requests.
  const deactivated = (...ids: string[]): LedgerConfig => ({ ...CONFIG, merchants: CONFIG.merchants.map((merchant) => (ids.includes(merchant.id) ? { ...merchant, status: 'deactivated' as const } : merchant)) });
  const rebuilt = (journal: Ledger['journal'], config: LedgerConfig): Ledger => {
    const replayed = replayJournal(config, journal);
    if (!replayed.ok) throw new Error(`${replayed.error.code}: ${replayed.error.message}`);
    return replayed.value;
  };

  function liveLedger(): Ledger {
    const ledger = newLedger();
    // F funds mart: card ¥10,000 {pm1 10,000 fee 10,000}: fee 360 + 36. mart 9,604; pm1 0.
    appended(ledger, { op: 'payment.create', id: 'F', merchant: 'mart', amount: 10_000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 10_000, platformFee: 10_000 }], at: D1 });
    // G, the seeds' ¥1,000 {pm1 700/70, pm2 300/30}: mart 9,664; pm1 630; pm2 270. Shares 100 / 630 / 270.
    appended(ledger, { op: 'payment.create', id: 'G', merchant: 'mart', amount: 1_000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }], at: at(1) });
    // K, Konbini ¥5,000 {pm1 5,000 fee 500}, paid: mart 9,664 + 348 = 10,012; pm1 5,130.
    appended(ledger, { op: 'payment.create', id: 'K', merchant: 'mart', amount: 5_000, currency: 'JPY', paymentType: 'konbini', capture: true, split: [{ submerchantId: 'pm1', amount: 5_000, platformFee: 500 }], at: at(2) });
    appended(ledger, { op: 'payment.capture', payment: 'K', at: at(3) });
    // Q, pending: ¥100 from pm1. Holds mart 330, pm1 100.
    appended(ledger, refundRequest({ id: 'Q', payment: 'K', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], at: at(4) }));
    // S, seller s1's ¥50,000 card payment, platform_amount 5,000: plt 5,000 − 1,980 = 3,020; s1 45,000.
    appended(ledger, sellerPayment('S', { at: at(5) }));
    expect(balances(ledger, 'mart', 'pm1', 'pm2', 'plt', 's1')).toEqual({ mart: 10_012, pm1: 5_130, pm2: 270, plt: 3_020, s1: 45_000 });
    return ledger;
  }

  it('a refund or refund request that takes money from a deactivated merchant, or is made by a deactivated platform, is merchant_deactivated', () => {
    const live = liveLedger();
    // pm2 and seller s1 deactivated since.
    const ledger = rebuilt(live.journal, deactivated('pm2', 's1'));
    expect(balances(ledger, 'mart', 'pm1', 'pm2', 'plt', 's1')).toEqual({ mart: 10_012, pm1: 5_130, pm2: 270, plt: 3_020, s1: 45_000 });
    // What the rebuilt ledger already refused: a transfer to pm2, payout settings of pm2.
    rejected(ledger, { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm2', amount: 1, currency: 'JPY' }, 'merchant_deactivated');
    rejected(ledger, { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 }, 'merchant_deactivated');
    // pm2 named to give back ¥100, and a reverse refund that would take its 270 back.
    rejected(ledger, { op: 'payment.refund', payment: 'G', amount: 100, split: [{ submerchantId: 'pm2', amount: 100, platformFee: 0 }] }, 'merchant_deactivated');
    rejected(ledger, { op: 'payment.refund', payment: 'G' }, 'merchant_deactivated');
    // The seller-model refund debits the deactivated seller's balance (its Refund).
    rejected(ledger, { op: 'payment.refund', payment: 'S', amount: 100 }, 'merchant_deactivated');
    // What leaves pm2 out goes through: the platform bears pm2's line, pm1 gives back 200.
    //   mart 10,012 − 100 = 9,912; then − 200 + 200; pm1 4,930.
    appended(ledger, { op: 'payment.refund', payment: 'G', amount: 100, split: [{ submerchantId: 'pm2', amount: 0, platformFee: 100 }], at: at(10) });
    appended(ledger, { op: 'payment.refund', payment: 'G', amount: 200, split: [{ submerchantId: 'pm1', amount: 200, platformFee: 0 }], at: at(11) });
    // The request made while everyone was active completes: the customer has been paid.
    //   mart 9,912 − 100 + 100 − 330 = 9,582; pm1 4,830.
    appended(ledger, { op: 'refund_request.complete', refundRequest: 'Q', at: at(12) });
    expect(balances(ledger, 'mart', 'pm1', 'pm2', 'plt', 's1')).toEqual({ mart: 9_582, pm1: 4_830, pm2: 270, plt: 3_020, s1: 45_000 });
    expect(ledger.state.payments.get('G')?.refunded).toEqual({ platform: 100, submerchants: [{ submerchantId: 'pm1', amount: 200 }, { submerchantId: 'pm2', amount: 0 }] });

    // The platform itself deactivated since: it refunds nothing and requests nothing.
    const closed = rebuilt(live.journal, deactivated('mart', 'plt'));
    rejected(closed, { op: 'payment.refund', payment: 'G', amount: 10, split: [{ submerchantId: 'pm1', amount: 10, platformFee: 0 }] }, 'merchant_deactivated');
    rejected(closed, refundRequest({ id: 'Q2', payment: 'K', amount: 50, split: [{ submerchantId: 'pm1', amount: 50, platformFee: 0 }] }), 'merchant_deactivated');
    rejected(closed, { op: 'payment.refund', payment: 'S', amount: 100 }, 'merchant_deactivated');
    // pm1 deactivated since: a request that takes from it is refused.
    const pm1Gone = rebuilt(live.journal, deactivated('pm1'));
    rejected(pm1Gone, refundRequest({ id: 'Q2', payment: 'K', amount: 50, split: [{ submerchantId: 'pm1', amount: 50, platformFee: 0 }] }), 'merchant_deactivated');
  });
});

describe('open questions met on the way (not decided here)', () => {
  // A Konbini payment created with its split while everyone was active, whose platform or a
  // payout merchant of that split is deactivated since: the customer then pays at the konbini
  // and `payment.capture` (which "records the customer paying", DOMAIN.md "Payments") is
  // refused merchant_deactivated, so money the customer paid cannot be booked. DOMAIN.md's
  // "cannot take part in anything" says refuse; README's "A completion always posts: the
  // customer has been paid" reasons the other way for refund requests. Which wins?
  it.todo('capture of a waiting payment (the customer paid) after a party of its fixed split was deactivated since');
});

// Decided (README `merchant_deactivated`, 2026-12-05): cancelling or expiring a deactivated
// merchant's payments moves no money and still goes ahead, as refused it would keep the
// customer's authorization open with no way to close it. (Was an open question here.)
describe('a platform deactivated since its payment was authorized may still cancel it', () => {
  it('the cancel is accepted, moves nothing, and the payment is cancelled', () => {
    const live = newLedger();
    accepted(live, { op: 'payment.create', id: 'A', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: false });
    const replayed = replayJournal({ ...CONFIG, merchants: CONFIG.merchants.map((merchant) => (merchant.id === 'mart' ? { ...merchant, status: 'deactivated' as const } : merchant)) }, live.journal);
    if (!replayed.ok) throw new Error(replayed.error.message);
    const entry = appended(replayed.value, { op: 'payment.cancel', payment: 'A' });
    expect([entry.postings.length, replayed.value.state.payments.get('A')?.status]).toEqual([0, 'cancelled']);
  });
});

// Decided: an idempotent retry must be the same request. A split restated at capture is data
// the caller chose to send (as Stripe compares a retry's parameters), not one of the defaults
// README "Idempotency" lists, so a retry that adds or drops it is a different command, even
// where the capture itself would accept either.
describe('a capture retried under its key with the split fixed at creation restated', () => {
  const split = [{ submerchantId: 'pm1', amount: 5_000, platformFee: 500 }];
  const create: Command = { op: 'payment.create', id: 'K', merchant: 'mart', amount: 5_000, currency: 'JPY', paymentType: 'konbini', capture: true, split, at: at(1) };

  it('the same capture again answers the first result; with the split added it is idempotency_key_reused, and nothing is appended', () => {
    const ledger = newLedger();
    appended(ledger, create);
    const first = accepted(ledger, { op: 'payment.capture', payment: 'K', idempotencyKey: 'cap-k', at: at(2) });
    const length = ledger.journal.length;
    const retry = accepted(ledger, { op: 'payment.capture', payment: 'K', idempotencyKey: 'cap-k', at: at(3) });
    expect(retry.replayed).toBe(true);
    expect(retry.entry).toBe(first.entry);
    rejected(ledger, { op: 'payment.capture', payment: 'K', split, idempotencyKey: 'cap-k', at: at(3) }, 'idempotency_key_reused');
    expect(ledger.journal.length).toBe(length);
  });

  it('the other way round: first restated, then left out, is idempotency_key_reused', () => {
    const ledger = newLedger();
    appended(ledger, create);
    accepted(ledger, { op: 'payment.capture', payment: 'K', split, idempotencyKey: 'cap-k', at: at(2) });
    rejected(ledger, { op: 'payment.capture', payment: 'K', idempotencyKey: 'cap-k', at: at(3) }, 'idempotency_key_reused');
  });
});

// ---------------------------------------------------------------------------------------------
// The end of every lifecycle: the journal, exported in both formats, replays to the live state,
// and `kanjo reconcile` prints the live balances.

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/**
 * The built command line must be there: without it the `kanjo run` and `kanjo reconcile` checks
 * were skipped without a word, and every test here passed on the library alone.
 */
function requireCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx -y pnpm@10 run build)`);
}

/** Everything a fold gives, the pending index and the last time included. */
function comparable(state: LedgerStateView): unknown {
  const snapshot = stateSnapshot(state) as Record<string, unknown>;
  return { ...snapshot, pendingRefundRequests: structuredClone(state.pendingRefundRequests), lastAtText: state.lastAtText, balanceCeiling: state.balanceCeiling };
}

function replayLines(lines: readonly string[], format: 'compact' | 'objects'): LedgerStateView {
  const header = JSON.parse(lines[0] as string);
  let config = header.config;
  let decode = (line: string, number: number) => parseJournalEntry(JSON.parse(line), number);
  if (format === 'compact') {
    const decoder = CompactEntryDecoder.fromHeader(header);
    if (!decoder.ok) throw new Error(decoder.error.message);
    config = decoder.value.config;
    decode = (line, number) => decoder.value.decoder.decodeText(line, number);
  }
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const replay = new JournalReplay(created.value);
  lines.slice(1).forEach((line, index) => {
    const entry = decode(line.trimEnd(), index + 2);
    if (!entry.ok) throw new Error(`${entry.error.code}: ${entry.error.message}`);
    const added = replay.add(entry.value);
    if (!added.ok) throw new Error(`${added.error.code}: ${added.error.message}`);
  });
  return created.value.state;
}

/** replayJournal, both export formats read back, and `kanjo reconcile` of both, all equal the live ledger. */
function expectJournalRoundTrips(ledger: Ledger): void {
  const live = comparable(ledger.state);
  const replayed = replayJournal(CONFIG, ledger.journal);
  if (!replayed.ok) throw new Error(`${replayed.error.code}: ${replayed.error.message}`);
  expect(comparable(replayed.value.state)).toEqual(live);
  for (const format of ['compact', 'objects'] as const) {
    const lines = [...journalNdjsonLines(CONFIG, ledger.journal, format)];
    const state = replayLines(lines, format);
    expect(comparable(state)).toEqual(live);
    // Written again from the replayed journal: the same bytes.
    expect([...journalNdjsonLines(CONFIG, state.journal, format)].join('')).toBe(lines.join(''));
    {
      requireCli();
      const work = mkdtempSync(join(tmpdir(), 'kanjo-lifecycle-'));
      try {
        const path = join(work, `journal-${format}.ndjson`);
        writeFileSync(path, lines.join(''));
        const out = spawnSync(process.execPath, [CLI, 'reconcile', path, '--format', 'json'], { encoding: 'utf8' });
        expect(out.stderr).toBe('');
        expect(out.status).toBe(0);
        expect(JSON.parse(out.stdout)).toEqual({ entries: ledger.journal.length, balances: merchantBalances(ledger.state) });
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The same lifecycle through `kanjo run`: every command of it (accepted, retried or rejected)
// written as SCENARIO.md's snake_case command gives the same result, and `--journal` the same
// journal, byte for byte, as the library did.

const logs = new WeakMap<Ledger, { command: Command; result: ExecuteResult }[]>();

/** A ledger of CONFIG that remembers every command executed on it and its result. */
function recordingLedger(): Ledger {
  const ledger = newLedger();
  const log: { command: Command; result: ExecuteResult }[] = [];
  logs.set(ledger, log);
  const execute = ledger.execute.bind(ledger);
  ledger.execute = (command: Command): ExecuteResult => {
    const result = execute(command);
    log.push({ command: structuredClone(command), result });
    return result;
  };
  return ledger;
}

function snakeSplit(split: readonly { submerchantId: string; amount: number; platformFee: number }[]): unknown {
  return { submerchants: split.map((line) => ({ submerchant_id: line.submerchantId, amount: line.amount, platform_fee: line.platformFee })) };
}

/** A command as SCENARIO.md spells it. */
function scenarioCommand(command: Command): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(command)) {
    if (value === undefined) continue;
    switch (key) {
      case 'split':
        out['platform_details'] = snakeSplit(value as never);
        break;
      case 'bankAccount':
        for (const [field, text] of Object.entries(value as Record<string, string>)) out[field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = text;
        break;
      default:
        out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
    }
  }
  return out;
}

/** CONFIG as a scenario file's merchants. */
function scenarioMerchants(): unknown[] {
  const methods = Object.fromEntries(Object.entries(PAYMENT_METHODS).map(([type, fees]) => [type, { fee_rate: fees.feeRate, ...('customerFee' in fees ? { customer_fee: fees.customerFee } : {}) }]));
  return CONFIG.merchants.map((merchant) => {
    const { paymentMethods: _methods, paymentTypes, ...rest } = merchant as unknown as Record<string, unknown>;
    return { ...rest, ...(merchant.type === 'platform' ? { payment_methods: methods } : {}), ...(paymentTypes === undefined ? {} : { payment_types: paymentTypes }) };
  });
}

function expectKanjoRunAgrees(ledger: Ledger): void {
  const log = logs.get(ledger);
  if (log === undefined) throw new Error('not a recording ledger');
  requireCli();
  const work = mkdtempSync(join(tmpdir(), 'kanjo-lifecycle-run-'));
  try {
    const scenario = join(work, 'scenario.json');
    const journal = join(work, 'journal.ndjson');
    writeFileSync(scenario, JSON.stringify({ merchants: scenarioMerchants(), commands: log.map(({ command }) => scenarioCommand(command)) }));
    const out = spawnSync(process.execPath, [CLI, 'run', scenario, '--format', 'json', '--journal', journal, '--journal-format', 'objects'], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout) as { results: { ok: boolean; error?: { code: string } }[]; balances: unknown; records: { seq: number; merchant: string; type: string; deposit: number; debit: number }[] };
    expect(report.results.map((result) => (result.ok ? 'ok' : result.error?.code))).toEqual(log.map(({ result }) => (result.ok ? 'ok' : result.error.code)));
    expect(report.balances).toEqual(merchantBalances(ledger.state));
    expect(report.records.map(({ seq, merchant, type, deposit, debit }) => ({ seq, merchant, type, deposit, debit }))).toEqual(merchantRecords(ledger.journal).map(({ seq, merchant, type, deposit, debit }) => ({ seq, merchant, type, deposit, debit })));
    const written = readFileSync(journal, 'utf8').split('\n');
    const library = [...journalNdjsonLines(CONFIG, ledger.journal, 'objects')].join('').split('\n');
    expect(written.slice(1)).toEqual(library.slice(1));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The lifecycle cut after every command: the journal so far, exported in the compact format and
 * read back, gives a ledger that runs the rest of the commands to the same results and the same
 * journal, byte for byte, as the live one.
 */
function expectResumableAfterEveryCommand(ledger: Ledger): void {
  const log = logs.get(ledger);
  if (log === undefined) throw new Error('not a recording ledger');
  const full = [...journalNdjsonLines(CONFIG, ledger.journal, 'compact')].join('');
  let entries = 0;
  for (let cut = 0; cut <= log.length; cut += 1) {
    const lines = [...journalNdjsonLines(CONFIG, ledger.journal.slice(0, entries), 'compact')];
    const header = JSON.parse(lines[0] as string);
    const decoder = CompactEntryDecoder.fromHeader(header);
    if (!decoder.ok) throw new Error(decoder.error.message);
    const created = createLedger(CONFIG);
    if (!created.ok) throw new Error(created.error.message);
    const replay = new JournalReplay(created.value);
    lines.slice(1).forEach((line, index) => {
      const entry = decoder.value.decoder.decodeText(line.trimEnd(), index + 2);
      if (!entry.ok) throw new Error(entry.error.message);
      const added = replay.add(entry.value);
      if (!added.ok) throw new Error(`cut ${cut}: ${added.error.code}: ${added.error.message}`);
    });
    const resumed = created.value;
    for (const { command, result } of log.slice(cut)) {
      const again = resumed.execute(structuredClone(command));
      expect(again.ok ? (again.replayed ? 'replayed' : 'ok') : again.error.code, `cut ${cut}: ${command.op}`).toBe(result.ok ? (result.replayed ? 'replayed' : 'ok') : result.error.code);
    }
    expect([...journalNdjsonLines(CONFIG, resumed.journal, 'compact')].join(''), `cut ${cut}`).toBe(full);
    expect(comparable(resumed.state), `cut ${cut}`).toEqual(comparable(ledger.state));
    const step = log[cut];
    if (step !== undefined && step.result.ok && !step.result.replayed) entries += 1;
  }
}
