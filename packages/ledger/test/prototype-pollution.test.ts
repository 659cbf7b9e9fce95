import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createLedger, decideCommand, JournalReplay, merchantBalances, parseJournalEntry, paymentView, replayJournal, runScenario, type Command, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { buildFeeSchedule } from '@kanjo/fees';
import { CONFIG, goldenPayment } from './support/fixtures.js';
import { ledgerAfter, rows } from './support/ledger-harness.js';

// Other code in a service (a vulnerable merge, a query-string parser) may set a field on
// Object.prototype. Every object then "has" it, and a field a command leaves out would read
// as the polluted value: a full refund as a refund of 5, a 10% tax as 50%. Such a field, made
// by assignment, is enumerable: the engine then refuses to run. A non-enumerable one
// (Object.defineProperty) is not looked for, but a command's, a configuration's and a scenario
// file's fields are read as their own, and so are the engine's that decide amounts.

const SEEDS = ['seed-marketplace', 'seed-seller', 'seed-konbini-refund-request'].map(
  (name) => JSON.parse(readFileSync(new URL(`../../../../shared/examples/${name}.json`, import.meta.url), 'utf8')) as unknown,
);

/** A field name each reader of a command, a configuration or a scenario file knows (and two of the engine's own objects), and a value that would change money, a decision or the journal. */
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
  // Fields of the engine's own objects: an outside account's posting has no merchant.
  ['merchant', 'mart'],
  ['exact', 7],
];

let polluted: string | undefined;
afterEach(() => {
  if (polluted !== undefined) delete (Object.prototype as Record<string, unknown>)[polluted];
  polluted = undefined;
});

/** A field on Object.prototype: by default as `Object.defineProperty` makes it, not enumerable. */
function pollute(name: string, value: unknown, enumerable = false): void {
  polluted = name;
  Object.defineProperty(Object.prototype, name, { value, writable: true, configurable: true, enumerable });
}

/** A journal as a restarted service reads it back: each entry written as JSON and parsed. */
function asRead(journal: readonly Entry[]): Entry[] {
  return journal.map((entry, index) => {
    const parsed = parseJournalEntry(JSON.parse(JSON.stringify(entry)), index + 2);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  });
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

  it.each(POLLUTIONS)('Object.prototype.%s, not enumerable, changes no result, balance, payment or journal entry of the seed scenarios', (name, value) => {
    pollute(name, value);
    expect(SEEDS.map(outcome)).toEqual(clean);
  });

  it.each(POLLUTIONS)('Object.prototype.%s, enumerable (as an assignment makes it), stops runScenario, createLedger, execute, decideCommand and a replay, naming the field', (name, value) => {
    const ledger = ledgerAfter([goldenPayment('p1')]);
    const entries = asRead(ledger.journal);
    const before = JSON.stringify(ledger.journal);
    const rebuilding = createLedger(CONFIG);
    if (!rebuilding.ok) throw new Error(rebuilding.error.message);
    const replay = new JournalReplay(rebuilding.value);
    pollute(name, value, true);
    const refused = new RegExp(`Object\\.prototype or Array\\.prototype has the field "${name}", set by other code \\(prototype pollution\\)`);
    expect(() => runScenario(structuredClone(SEEDS[0]))).toThrow(refused);
    expect(() => createLedger(CONFIG)).toThrow(refused);
    expect(() => ledger.execute({ op: 'payment.refund', payment: 'p1' })).toThrow(refused);
    expect(() => decideCommand(ledger.state, { op: 'payment.refund', payment: 'p1' })).toThrow(refused);
    expect(() => replayJournal(CONFIG, entries)).toThrow(refused);
    expect(() => replay.add(entries[0]!)).toThrow(refused);
    expect(replay.entries).toBe(0);
    expect(JSON.stringify(ledger.journal)).toBe(before);
  });

  it('on Array.prototype, enumerable, stops execute too', () => {
    const ledger = ledgerAfter([]);
    Object.defineProperty(Array.prototype, '0', { value: 'x', configurable: true, enumerable: true });
    try {
      expect(() => ledger.execute(goldenPayment('p1'))).toThrow(/has the field "0"/);
    } finally {
      delete (Array.prototype as unknown as Record<string, unknown>)['0'];
    }
    expect(ledger.journal).toHaveLength(0);
  });

  it('Object.prototype.exact, not enumerable, is not read as a payout period\'s balance: the weekly payout is the 630 held, not 7', () => {
    const ledger = ledgerAfter([
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
      goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
    ]);
    pollute('exact', 7n);
    const run = ledger.execute({ op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' });
    expect(run.ok && rows([run.entry]).filter((row) => row.type === 'Payout')).toEqual([expect.objectContaining({ merchant: 'pm1', debit: 630 })]);
  });

  it('Object.prototype.origin, not enumerable, is not written into a keyed command\'s fingerprint: a retry after a replay is answered, not idempotency_key_reused', () => {
    pollute('origin', 'session');
    const ledger = ledgerAfter([goldenPayment('p1', { idempotencyKey: 'k1' })]);
    delete (Object.prototype as Record<string, unknown>)['origin'];
    polluted = undefined;
    const rebuilt = replayJournal(CONFIG, asRead(ledger.journal));
    if (!rebuilt.ok) throw new Error(rebuilt.error.message);
    const retry = rebuilt.value.execute(goldenPayment('p1', { idempotencyKey: 'k1' }));
    expect(retry.ok && retry.replayed).toBe(true);
  });

  it('a field the caller\'s own prototype holds, even one made with Object.create(null), is read: a refund of 100 from a defaults object', () => {
    const ledger = ledgerAfter([goldenPayment('p1')]);
    const defaults = Object.assign(Object.create(null) as object, { amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] });
    const refund = ledger.execute(Object.assign(Object.create(defaults) as object, { op: 'payment.refund', payment: 'p1' }) as Command);
    expect(refund.ok ? paymentView(ledger.state.payments.get('p1')!).refunded_amount : refund.error.code).toBe(100);
  });

  it('buildFeeSchedule reads a fee from the caller\'s Object.create(null) defaults object', () => {
    const shared = Object.assign(Object.create(null) as object, { fixedFee: 40, customerFee: 190 });
    const schedule = buildFeeSchedule({ paymentMethods: { konbini: Object.assign(Object.create(shared) as object, { feeRate: '2.75%' }) as { feeRate: string } } });
    expect(schedule.ok && schedule.value.paymentMethods['konbini']).toMatchObject({ fixedFee: 40, customerFee: 190 });
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
