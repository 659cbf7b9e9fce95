import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CompactEntryDecoder, createLedger, decideCommand, journalNdjsonLines, JournalReplay, parseJournalEntry, paymentView, replayJournal, runScenario, type Command, type Entry, type Ledger } from '@kanjo/ledger';
import { buildFeeSchedule } from '@kanjo/fees';
import { CONFIG, goldenPayment } from './support/fixtures.js';
import { ledgerAfter, rows } from './support/ledger-harness.js';

// Other code in a service (a vulnerable merge, a query-string parser, a library extending the
// prototypes) may set a field on Object.prototype. Every object then "has" it, and a field a
// command or the engine's own state leaves out would read as the polluted value: a full refund
// as a refund of 5, a 10% tax as 50%, a stored refund request as refunding a customer fee. The
// engine refuses to run while Object.prototype holds a field the language does not define,
// enumerable or not; a command's, a configuration's and a scenario file's fields are read as
// their own besides, and so is a fee schedule's (which @kanjo/fees builds without the check).

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
  ['payment', 'p1'],
  ['refundedCustomerFee', { fee: { type: 'Refunded Customer Fee', amount: 2000 }, tax: { type: 'Refunded Customer Fee Tax', amount: 200 } }],
  ['maxSubmerchants', 1e6],
  ['seller', 'mart'],
];

let polluted: string | undefined;
afterEach(unpollute);

function unpollute(): void {
  if (polluted !== undefined) delete (Object.prototype as Record<string, unknown>)[polluted];
  polluted = undefined;
}

/** A field on Object.prototype, with the attributes given (by default, as `Object.defineProperty` makes it: not enumerable, read-only). */
function pollute(name: string, value: unknown, attributes: PropertyDescriptor = {}): void {
  polluted = name;
  Object.defineProperty(Object.prototype, name, { value, configurable: true, ...attributes });
}

/** The message `run` throws while `key` is defined on `holder` as `descriptor` (undefined if it throws none); the field is removed after. */
function thrownWhileDefined(holder: object, key: PropertyKey, descriptor: PropertyDescriptor, run: () => unknown): unknown {
  Object.defineProperty(holder, key, { configurable: true, ...descriptor });
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    delete (holder as Record<PropertyKey, unknown>)[key];
  }
}

/** A whole refund of p1 whose `payment` getter defines `name` on Object.prototype as it is read. */
function pollutingRefund(name: string): Command {
  return {
    op: 'payment.refund',
    get payment(): string {
      pollute(name, { fee: { amount: 2000 }, tax: { amount: 200 } }, { writable: true });
      return 'p1';
    },
  } as Command;
}

/** The ledger's journal in the compact format: its decoder and its first entry's line. */
function compactJournalOf(ledger: Ledger): { decoder: CompactEntryDecoder; line: string } {
  const lines = [...journalNdjsonLines(CONFIG, ledger.journal, 'compact')];
  const read = CompactEntryDecoder.fromHeader(JSON.parse(lines[0]!));
  if (!read.ok) throw new Error(read.error.message);
  return { decoder: read.value.decoder, line: lines[1]!.replace(/\n$/, '') };
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

  it.each(POLLUTIONS.flatMap(([name, value]) => [[name, value, 'enumerable (as an assignment makes it)', { enumerable: true, writable: true }], [name, value, 'not enumerable (Object.defineProperty)', { writable: true }], [name, value, 'not enumerable and read-only', {}]] as const))(
    'Object.prototype.%s, %s, stops runScenario, createLedger, execute, decideCommand, a replay and a replay through the compact decoder, naming the field',
    (name, value, _how, attributes) => {
      const ledger = ledgerAfter([goldenPayment('p1')]);
      const entries = asRead(ledger.journal);
      const before = JSON.stringify(ledger.journal);
      const rebuilding = createLedger(CONFIG);
      if (!rebuilding.ok) throw new Error(rebuilding.error.message);
      const replay = new JournalReplay(rebuilding.value);
      const compact = compactJournalOf(ledger);
      pollute(name, value, attributes);
      const refused = new RegExp(`Object\\.prototype has the field "${name}", set by other code \\(prototype pollution, or a library extending it\\)`);
      expect(() => runScenario(structuredClone(SEEDS[0]))).toThrow(refused);
      expect(() => createLedger(CONFIG)).toThrow(refused);
      expect(() => ledger.execute({ op: 'payment.refund', payment: 'p1' })).toThrow(refused);
      expect(() => decideCommand(ledger.state, { op: 'payment.refund', payment: 'p1' })).toThrow(refused);
      expect(() => replayJournal(CONFIG, entries)).toThrow(refused);
      expect(() => replay.add(entries[0]!)).toThrow(refused);
      // The decoder throws (a read-only field blocks its assignments) or decodes, and then the replay throws.
      expect(() => {
        const decoded = compact.decoder.decodeText(compact.line, 2);
        if (decoded.ok) replay.add(decoded.value);
      }).toThrow(refused);
      unpollute();
      expect(replay.entries).toBe(0);
      expect(JSON.stringify(ledger.journal)).toBe(before);
    },
  );

  it('Object.prototype.toJSON, not enumerable, stops a keyed command before its fingerprint is taken: the second payment is not answered as the first', () => {
    const ledger = ledgerAfter([goldenPayment('p1', { idempotencyKey: 'K' })]);
    pollute('toJSON', () => 0, { writable: true });
    let second: unknown;
    try {
      second = ledger.execute(goldenPayment('p2', { idempotencyKey: 'K' }));
    } catch (error) {
      second = (error as Error).message;
    }
    unpollute();
    expect(second).toMatch(/^Object\.prototype has the field "toJSON"/);
    expect(ledger.journal).toHaveLength(1);
  });

  it.each([
    ['0', 'x', { enumerable: true }],
    ['amount', 5, { enumerable: true }],
    ['toJSON', () => 0, {}],
  ] as const)('Array.prototype.%s (%s) stops execute too', (name, value, attributes) => {
    const ledger = ledgerAfter([]);
    const thrown = thrownWhileDefined(Array.prototype, name, { value, ...attributes }, () => ledger.execute(goldenPayment('p1')));
    expect(thrown).toMatch(new RegExp(`^Array\\.prototype has the field "${name}"`));
    expect(ledger.journal).toHaveLength(0);
  });

  it.each([
    ['Object.prototype', 'Symbol(Symbol.replace)', Object.prototype, Symbol.replace],
    ['Object.prototype', 'Symbol(any)', Object.prototype, Symbol('any')],
    ['String.prototype', 'Symbol(Symbol.replace)', String.prototype, Symbol.replace],
    ['String.prototype', 'Symbol(Symbol.split)', String.prototype, Symbol.split],
  ] as const)('a symbol on %s (%s) stops execute: big.js read a rate through String#replace, and a Symbol.replace there dropped every processing fee', (holderName, shown, holder, symbol) => {
    const ledger = ledgerAfter([]);
    const thrown = thrownWhileDefined(holder, symbol, { value: () => 'X' }, () => ledger.execute(goldenPayment('p1')));
    expect(thrown).toBe(`${holderName} has the field ${JSON.stringify(shown)}, set by other code (prototype pollution, or a library extending it): every object would seem to hold it, so Kanjo will not decide or replay a command; find what assigns to __proto__ (a deep merge of request data, a query-string parser) or defines the field, and restart`);
    expect(ledger.journal).toHaveLength(0);
  });

  it('a toJSON on a prototype put between Array.prototype and Object.prototype stops execute: every split would have fingerprinted as 0', () => {
    const ledger = ledgerAfter([goldenPayment('p1', { idempotencyKey: 'K' })]);
    const between = Object.create(Object.prototype, { toJSON: { value: () => 0, configurable: true } }) as object;
    Object.setPrototypeOf(Array.prototype, between);
    let thrown: unknown;
    try {
      ledger.execute(goldenPayment('p1', { idempotencyKey: 'K', split: [{ submerchantId: 'pm2', amount: 10000, platformFee: 900 }] }));
    } catch (error) {
      thrown = (error as Error).message;
    } finally {
      Object.setPrototypeOf(Array.prototype, Object.prototype);
    }
    expect(thrown).toMatch(/^Array\.prototype has the field "toJSON"/);
    expect(ledger.journal).toHaveLength(1);
  });

  it.each([
    ['a command\'s getter', (ledger: Ledger) => ledger.execute(pollutingRefund('refundedCustomerFee'))],
    ['a command\'s getter, through decideCommand', (ledger: Ledger) => decideCommand(ledger.state, pollutingRefund('refundedCustomerFee'))],
    ['a keyed command\'s toJSON deeper down', (ledger: Ledger) => ledger.execute({ ...goldenPayment('p2', { idempotencyKey: 'K2' }), metadata: { note: { toJSON: () => { pollute('amount', 5); return 'x'; } } } } as never)],
  ] as const)('a pollution made by the caller\'s own code while Kanjo reads the command (%s) stops it too, with nothing appended', (_where, run) => {
    const ledger = ledgerAfter([goldenPayment('p1')]);
    const before = JSON.stringify(ledger.journal);
    expect(() => run(ledger)).toThrow(/^Object\.prototype has the field "(refundedCustomerFee|amount)"/);
    unpollute();
    expect(JSON.stringify(ledger.journal)).toBe(before);
  });

  it('a method a polyfill adds to Array.prototype (not enumerable) is no pollution: a payment is decided as before', () => {
    const ledger = ledgerAfter([]);
    Object.defineProperty(Array.prototype, 'kanjoPolyfill', { value() {}, configurable: true, writable: true });
    try {
      expect(ledger.execute(goldenPayment('p1')).ok).toBe(true);
    } finally {
      delete (Array.prototype as unknown as Record<string, unknown>)['kanjoPolyfill'];
    }
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
});
