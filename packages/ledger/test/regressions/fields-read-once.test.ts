import fc from 'fast-check';
import { createLedger, decideCommand, merchantBalances, replayJournal, type Command, type Ledger, type LedgerConfig } from '@kanjo/ledger';
import { canonicalJson } from '../../src/engine/canonical-json.js';
import { describe, expect, it } from 'vitest';
import { CONFIG, FUNDED_KONBINI, goldenPayment, konbiniPayment, marketplaceSession, refundRequest } from '../support/fixtures.js';
import { fieldsOnPrototype } from '../support/fields-on-prototype.js';
import { accepted, balances, ledgerAfter, newLedger, rejected } from '../support/ledger-harness.js';
import type { RawEntry } from '../support/raw-journal.js';
import { journalScenarioArbitrary, runJournalScenario } from '../support/journal-scenarios.js';

// Found probing commands from code whose fields are getters: the engine read a field several
// times (a payment's amount four times: the shape check, the split check, the creation record,
// the postings), so a getter that answered differently on a later read made it append an entry
// it had never decided as a whole. A ¥1,000 payment whose amount read 2,000 the fourth time
// left the platform ¥1,021 (a Payment of 2,000 against a split of 1,000) and a journal that
// replay refused ("payment p of 1000 captured for 2000"); its payment type read `konbini` the
// fifth time kept a Konbini split on a card payment. The engine now reads each field once
// (readCommandOnce) and decides the copy. `createLedger` read a configuration's fields up to
// fifteen times too (a merchant's id), so a tax rate checked as "10%" could be kept as read
// later, unchecked; it reads each once as well (readConfigOnce).

// KANJO_MODEL_RUNS sets the number of runs (as for the model tests) for a longer hunt.
const NUM_RUNS = Math.max(1, Math.round(Number(process.env['KANJO_MODEL_RUNS'] ?? 200) / 4));

/** What a field answers after its first read: another value of the same kind. */
function changed(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return `${value}~`;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return [];
  if (typeof value === 'object' && value !== null) return {};
  return 'changed';
}

/**
 * `value` rebuilt so that every field of every object and every item of every list is an
 * accessor that answers the value (itself two-faced) at its first read and {@link changed} at
 * every later one: a caller's object that a second read would catch out.
 */
function twoFaced<Value>(value: Value): Value {
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = Array.isArray(value) ? (new Array(value.length) as unknown as Record<string, unknown>) : {};
  for (const [key, field] of Object.entries(value)) {
    const first = twoFaced(field);
    let reads = 0;
    Object.defineProperty(copy, key, { enumerable: true, configurable: true, get: () => (reads++ === 0 ? first : changed(field)) });
  }
  return copy as Value;
}

/** A Proxy over `value` (and over every object it hands out) that counts the reads of each field by its path. */
function counted<Value extends object>(value: Value, reads: Map<string, number>, path = ''): Value {
  return new Proxy(value, {
    get(target, key, receiver) {
      const field: unknown = Reflect.get(target, key, receiver);
      if (typeof key === 'symbol' || (Array.isArray(target) && key === 'length')) return field;
      const at = `${path}.${key}`;
      reads.set(at, (reads.get(at) ?? 0) + 1);
      return typeof field === 'object' && field !== null ? counted(field, reads, at) : field;
    },
  });
}

const CARD_SPLIT = [
  { submerchantId: 'pm1', amount: 700, platformFee: 70 },
  { submerchantId: 'pm2', amount: 300, platformFee: 30 },
];

describe('a command whose fields answer differently on a later read is decided on its first answers', () => {
  it("a ¥1,000 payment whose amount reads 2,000 after the first read: the golden capture, 60 / 630 / 270, and a journal that replays", () => {
    for (const lateRead of [1, 2, 3, 4]) {
      let reads = 0;
      const command: Record<string, unknown> = { ...goldenPayment('p'), split: CARD_SPLIT };
      Object.defineProperty(command, 'amount', { enumerable: true, get: () => (++reads >= lateRead + 1 ? 2000 : 1000) });
      const ledger = newLedger();
      const result = ledger.execute(command as unknown as Command);
      expect(result.ok).toBe(true);
      expect(reads).toBe(1);
      expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
      expect(JSON.stringify(ledger.journal)).toBe(JSON.stringify(ledgerAfter([goldenPayment('p')]).journal));
    }
  });

  it('a card payment whose payment type reads konbini after the first read is a card payment and keeps no split for a later capture', () => {
    let reads = 0;
    const command: Record<string, unknown> = { ...goldenPayment('p') };
    delete command['paymentType'];
    Object.defineProperty(command, 'paymentType', { enumerable: true, get: () => (++reads === 1 ? 'credit_card' : 'konbini') });
    const ledger = newLedger();
    expect(ledger.execute(command as unknown as Command).ok).toBe(true);
    expect(ledger.state.payments.get('p')).toMatchObject({ paymentType: 'credit_card', status: 'captured' });
    expect(replayJournal(CONFIG, ledger.journal).ok).toBe(true);
  });

  it('decideCommand, the pure decision, reads each field once too: a split line whose amount reads 900 later is decided on 700', () => {
    let reads = 0;
    const line: Record<string, unknown> = { submerchantId: 'pm1', platformFee: 70 };
    Object.defineProperty(line, 'amount', { enumerable: true, get: () => (++reads === 1 ? 700 : 900) });
    const ledger = newLedger();
    const decided = decideCommand(ledger.state, { ...goldenPayment('p'), split: [line as never, CARD_SPLIT[1]!] });
    expect(reads).toBe(1);
    expect(decided).toEqual(decideCommand(ledger.state, goldenPayment('p')));
  });

  it('decideCommand decides a command whose fields are getters of its prototype (a class instance, its split lines and bank account too) as the same plain command', () => {
    const ledger = newLedger();
    const payment = goldenPayment('p');
    const classy = fieldsOnPrototype({ ...payment, split: CARD_SPLIT.map(fieldsOnPrototype) });
    expect(Object.keys(classy)).toEqual([]);
    const decided = decideCommand(ledger.state, classy);
    expect(decided.ok).toBe(true);
    expect(decided).toEqual(decideCommand(ledger.state, payment));

    const paid = ledgerAfter(FUNDED_KONBINI);
    const request = refundRequest({ id: 'rq', payment: 'kb_1' });
    const classyRequest = fieldsOnPrototype({ ...request, bankAccount: fieldsOnPrototype(request.bankAccount) });
    const decidedRequest = decideCommand(paid.state, classyRequest);
    expect(decidedRequest.ok).toBe(true);
    expect(decidedRequest).toEqual(decideCommand(paid.state, request));
  });

  it('each field and item of a payment, a refund request and a session is read exactly once by execute, nested ones included', () => {
    const funded = [goldenPayment('fund', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }), konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' } as Command];
    const commands: Command[] = [
      goldenPayment('p'),
      refundRequest({ id: 'rq', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
      marketplaceSession('s', { metadata: { order: 'o-1', note: 'two' }, externalCustomerId: 'c-1', defaultLocale: 'ja' }),
      { op: 'settlement.run', date: '2026-01-16', holidays: ['2026-01-01', '2026-01-02'] },
    ];
    const ledger = ledgerAfter(funded);
    for (const command of commands) {
      const reads = new Map<string, number>();
      const result = ledger.execute(counted(command, reads));
      expect(result.ok).toBe(true);
      const readTwice = [...reads].filter(([, count]) => count > 1);
      expect(readTwice, `${command.op}`).toEqual([]);
      // Every field was read (the Proxy sees them all), so the check above is about every one.
      expect(reads.size).toBeGreaterThan(Object.keys(command).length);
    }
  });
});

/**
 * A `payment.create` of mart as a class instance whose amount and split are getters over a
 * private field (own fields: the rest): `JSON.stringify` writes neither.
 */
class CardPayment {
  readonly op = 'payment.create';
  readonly id = 'p';
  readonly merchant = 'mart';
  readonly currency = 'JPY';
  readonly paymentType = 'credit_card';
  readonly idempotencyKey = 'k-1';
  readonly #amount: number;
  constructor(amount: number) {
    this.#amount = amount;
  }
  get amount(): number {
    return this.#amount;
  }
  get split(): unknown[] {
    return [{ submerchantId: 'pm1', amount: this.#amount, platformFee: 0 }];
  }
}

describe('a keyed command is remembered by its fields as read, those a class answers from its prototype included', () => {
  it('a retry under the same key for ¥5,000 instead of ¥1,000 is idempotency_key_reused (it was answered with the ¥1,000 entry), and the same ¥1,000 is answered from the key', () => {
    const ledger = newLedger();
    const first = accepted(ledger, new CardPayment(1000) as unknown as Command);
    expect(JSON.parse(first.entry.command.fingerprint ?? '')).toMatchObject({ amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] });
    expect(rejected(ledger, new CardPayment(5000) as unknown as Command, 'idempotency_key_reused')).toBe('idempotency_key k-1 was used for a different command: use a new key');
    const again = accepted(ledger, new CardPayment(1000) as unknown as Command);
    expect(again.replayed).toBe(true);
    expect(ledger.journal).toHaveLength(1);
  });

  it('an entry remembered before, as the JSON of the own fields alone, still answers a retry of the same command', () => {
    const written = newLedger();
    accepted(written, new CardPayment(1000) as unknown as Command);
    const { idempotencyKey: _key, ...ownFields } = JSON.parse(JSON.stringify(new CardPayment(1000))) as Record<string, unknown>;
    const earlier = JSON.parse(JSON.stringify(written.journal)) as RawEntry[];
    (earlier[0] as RawEntry & { command: { fingerprint: string } }).command.fingerprint = canonicalJson({ ...ownFields, capture: true, origin: 'api' });
    const replayed = replayJournal(CONFIG, earlier as never);
    if (!replayed.ok) throw new Error(replayed.error.message);
    const result = replayed.value.execute(new CardPayment(1000) as unknown as Command);
    expect(result.ok && result.replayed).toBe(true);
  });

  it('split lines of a class that writes itself as "line" for logs are remembered by their fields: a retry with another split is idempotency_key_reused', () => {
    class Line {
      constructor(readonly submerchantId: string, readonly amount: number, readonly platformFee: number) {}
      toJSON(): string {
        return 'line';
      }
    }
    const ledger = newLedger();
    const keyed = (line: Line): Command => ({ ...goldenPayment('p'), idempotencyKey: 'k-2', split: [line] }) as unknown as Command;
    accepted(ledger, keyed(new Line('pm1', 1000, 100)));
    expect(rejected(ledger, keyed(new Line('pm2', 1000, 900)), 'idempotency_key_reused')).toBe('idempotency_key k-2 was used for a different command: use a new key');
    expect(accepted(ledger, keyed(new Line('pm1', 1000, 100))).replayed).toBe(true);
  });
});

describe('a configuration whose fields answer differently on a later read is taken on its first answers', () => {
  const config: LedgerConfig = {
    ...CONFIG,
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', fixedFee: 10, customerFee: 190 } } },
      { id: 'pm1', type: 'payout', platform: 'mart', paymentTypes: ['credit_card', 'konbini'] },
      { id: 'pm2', type: 'payout', platform: 'mart', status: 'active', approved: true, book: 'test' },
    ],
    taxRate: '10%',
    refundRequestFee: 300,
    rounding: 'half_up',
    timeZone: '+09:00',
    book: 'test',
  };

  it('createLedger reads each field of the configuration once, every merchant, payment method and fee setting included', () => {
    const reads = new Map<string, number>();
    expect(createLedger(counted(config, reads)).ok).toBe(true);
    expect([...reads].filter(([, count]) => count > 1)).toEqual([]);
    expect(reads.get('.merchants.0.paymentMethods.konbini.fixedFee')).toBe(1);
  });

  it('a tax rate that reads "10%" and then "8%": the golden capture is taxed at 10% (mart 60), as with the plain configuration', () => {
    let reads = 0;
    const given: Record<string, unknown> = { ...config };
    Object.defineProperty(given, 'taxRate', { enumerable: true, get: () => (++reads === 1 ? '10%' : '8%') });
    const ledger = newLedger(given as unknown as LedgerConfig);
    accepted(ledger, goldenPayment('p'));
    expect(reads).toBe(1);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
  });
});

describe('property', () => {
  it('any run of commands of every flow, each sent with every field and item two-faced (its value at the first read, another at every later one), to a ledger whose configuration is two-faced too, gets the same results and the same journal, byte for byte, as the plain ones', () => {
    fc.assert(
      fc.property(journalScenarioArbitrary, (scenario) => {
        const { config, ledger: plain, sent } = runJournalScenario(scenario);
        const plainResults = replayResults(newLedger(config), sent, (command) => command);
        const faced = newLedger(twoFaced(config));
        const facedResults = replayResults(faced, sent, twoFaced);
        expect(facedResults).toEqual(plainResults);
        expect(JSON.stringify(faced.journal)).toBe(JSON.stringify(plain.journal));
        const replayed = replayJournal(config, faced.journal);
        expect(replayed.ok && merchantBalances(replayed.value.state)).toEqual(merchantBalances(plain.state));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/** Executes each of `commands` as `send` rebuilds it; each result as JSON text. */
function replayResults(ledger: Ledger, commands: readonly Command[], send: (command: Command) => Command): string[] {
  return commands.map((command) => JSON.stringify(ledger.execute(send(command))));
}
