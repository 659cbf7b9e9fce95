import { createLedger, journalNdjsonLines, parseJournalEntry, parseScenarioConfig, postedBalance, replayJournal, runScenario, type LedgerConfig } from '@kanjo/ledger';
import { unwrap } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';
import { CONFIG, marketplaceSession } from '../support/fixtures.js';
import { newLedger, rejected } from '../support/ledger-harness.js';
import { compareCodeUnits, entriesInCodeUnitOrder, firstKeyInCodeUnitOrder } from '../../src/engine/code-unit-order.js';

// A JSON object's keys have no order that means anything (RFC 8259), and the metamorphic test
// (test/cli/scenario-mutation-metamorphic.test.ts) requires that reversing every object's keys
// changes nothing in the report. It found (seed 791967839) a platform with two broken payment
// methods named whichever the file wrote first. Of several problems in one object keyed by the
// merchant's own names (payment types, metadata keys), the key first in code-unit order is named.

/** The same object with its keys in reverse order. */
const reversed = <T extends object>(object: T): T => Object.fromEntries(Object.entries(object).reverse()) as T;

const platformWith = (paymentMethods: Record<string, unknown>) => ({
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: paymentMethods },
    { id: 'pm1', type: 'payout', platform: 'mart' },
  ],
  commands: [],
});

describe('payment_methods: of two broken payment types, the first in code-unit order is named, whatever the file order', () => {
  const broken = { konbini: [{ fee_rate: '2.75%' }], credit_card: 0 };
  it.each([
    ['konbini written first', broken],
    ['credit_card written first', reversed(broken)],
  ])('%s: credit_card is named', (_, methods) => {
    const run = runScenario(platformWith(methods));
    expect(run.ok ? run.value.report : run.error).toEqual({
      code: 'config_merchants_invalid',
      message: 'merchants[0]: payment_methods.credit_card must be an object with a fee_rate',
    });
  });

  it('problems of different codes: the type first in code-unit order chooses the code too', () => {
    // "a" has a fee_rate that is no rate; "b" is no object at all.
    const methods = { b: 1, a: { fee_rate: 'lots' } };
    for (const written of [methods, reversed(methods)]) {
      const run = runScenario(platformWith(written));
      expect(run.ok ? run.value.report : run.error).toEqual({
        code: 'rate_malformed',
        message: 'merchants[0]: payment_methods.a.fee_rate: "lots" is not a percentage like "3.6%" (digits, an optional decimal part, then "%")',
      });
    }
  });

  it('accepted payment types keep the order the file wrote them in (only the choice of a problem is ordered)', () => {
    const config = parseScenarioConfig(platformWith({ konbini: { fee_rate: '2.75%' }, credit_card: { fee_rate: '3.6%' } }));
    expect(config.ok ? Object.keys(config.value.merchants[0]?.type === 'platform' ? config.value.merchants[0].paymentMethods ?? {} : {}) : config.error).toEqual(['konbini', 'credit_card']);
  });
});

describe('from code: of two fee settings with their own toJSON, the payment type first in code-unit order is named', () => {
  const withToJson = { feeRate: '3.6%', toJSON: () => ({ feeRate: '0%' }) };
  const methods = { konbini: { ...withToJson }, credit_card: { ...withToJson } };
  it.each([
    ['konbini written first', methods],
    ['credit_card written first', reversed(methods)],
  ])('%s: credit_card is named', (_, paymentMethods) => {
    const [first, ...rest] = CONFIG.merchants;
    const created = createLedger({ ...CONFIG, merchants: [{ ...first, paymentMethods }, ...rest] } as LedgerConfig);
    expect(created.ok ? 'accepted' : created.error).toEqual({
      code: 'config_invalid',
      message: "the configuration is written into its journal's header as JSON, and merchant mart's paymentMethods.credit_card has its own toJSON method, which would write something else there: pass the configuration as plain data",
    });
  });
});

describe('metadata: of two values that are not text, the first key in code-unit order is named', () => {
  const session = (metadata: Record<string, unknown>) => ({
    op: 'session.create', id: 's1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['credit_card'],
    return_url: 'https://shop.example/return', capture: 'auto', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 900, platform_fee: 0 }] }, metadata,
  });
  const document = (metadata: Record<string, unknown>) => ({ ...platformWith({ credit_card: { fee_rate: '3.6%' } }), commands: [session(metadata)] });
  const nested = { zone: { floor: 3 }, aisle: [1] };

  it.each([
    ['zone written first', nested],
    ['aisle written first', reversed(nested)],
  ])('a scenario, %s: metadata.aisle is named', (_, metadata) => {
    const run = runScenario(document(metadata));
    expect(run.ok ? run.value.report.results : run.error).toEqual([
      { index: 0, op: 'session.create', ok: false, error: { code: 'field_invalid', message: 'metadata.aisle must be a string, number or boolean' } },
    ]);
  });

  it.each([
    ['zone written first', { zone: 3, aisle: true }],
    ['aisle written first', { aisle: true, zone: 3 }],
  ])('from code, %s: metadata.aisle is named', (_, metadata) => {
    const command = marketplaceSession('s', { metadata: metadata as unknown as Record<string, string> });
    expect(rejected(newLedger(), command, 'field_invalid')).toBe('metadata.aisle must be a string (numbers and booleans as text)');
  });

  it.each([
    ['zone written first', ['zone', 'aisle']],
    ['aisle written first', ['aisle', 'zone']],
  ])('from code, %s, two values too long: metadata.aisle is named', (_, keys) => {
    const tooLong = 'x'.repeat(65_537);
    const metadata = Object.fromEntries(keys.map((key) => [key, tooLong]));
    expect(rejected(newLedger(), marketplaceSession('s', { metadata }), 'session_text_too_long')).toBe(
      "metadata.aisle is 65,537 characters long: a session carries texts of at most 65,536 (UTF-16 code units, JavaScript's length); keep longer data in your own system and carry a reference to it",
    );
  });
});

describe('code-unit order: the one order every such choice is made in', () => {
  // "😀" is U+1F600, past "ｱ" (U+FF71) by code point, but its first UTF-16 unit (0xD83D) comes
  // before 0xFF71: code-unit order, as Array.prototype.sort and `<` give, not code-point order.
  const keys = ['ｱ', 'b', '😀', 'B', 'a'];

  it('compareCodeUnits sorts as Array.prototype.sort sorts strings, and says 0 only for equal keys', () => {
    expect([...keys].sort(compareCodeUnits)).toEqual(['B', 'a', 'b', '😀', 'ｱ']);
    expect([compareCodeUnits('a', 'a'), compareCodeUnits('a', 'b'), compareCodeUnits('b', 'a')]).toEqual([0, -1, 1]);
  });

  it('entriesInCodeUnitOrder gives every entry, keys sorted, and leaves the object as it was', () => {
    const object = Object.fromEntries(keys.map((key, index) => [key, index]));
    expect(entriesInCodeUnitOrder(object)).toEqual([['B', 3], ['a', 4], ['b', 1], ['😀', 2], ['ｱ', 0]]);
    expect(Object.keys(object)).toEqual(keys);
  });

  it('firstKeyInCodeUnitOrder names the first key with a problem, whatever the written order, and undefined when none has one', () => {
    const values = { ｱ: 'bad', b: 'good', '😀': 'bad', B: 'good', a: 'good' };
    const hasProblem = (value: string) => value === 'bad';
    expect(firstKeyInCodeUnitOrder(values, hasProblem)).toBe('😀');
    expect(firstKeyInCodeUnitOrder(reversed(values), hasProblem)).toBe('😀');
    expect(firstKeyInCodeUnitOrder({ a: 'good' }, hasProblem)).toBeUndefined();
    expect(firstKeyInCodeUnitOrder({}, hasProblem)).toBeUndefined();
  });
});

describe('a payment type spelt "__proto__" (JSON.parse makes it an own key)', () => {
  // It was assigned into a plain object, which set that object's prototype, and the refusal then
  // spoke of "an object with a prototype of its own" that the file never wrote.
  it('is refused as a payment type that is not one, naming it', () => {
    const run = runScenario(platformWith(JSON.parse('{"credit_card": {"fee_rate": "3.6%"}, "__proto__": {"fee_rate": "3.6%"}}') as Record<string, unknown>));
    expect(run.ok ? run.value.report : run.error).toEqual({
      code: 'payment_type_invalid',
      message: 'platform mart: payment_methods["__proto__"]: a payment type is 1 to 64 characters of a-z, 0-9 and "_", starting with a letter',
    });
  });

  it('with broken settings, is named as any other type would be', () => {
    const run = runScenario(platformWith(JSON.parse('{"credit_card": {"fee_rate": "3.6%"}, "__proto__": 7}') as Record<string, unknown>));
    expect(run.ok ? run.value.report : run.error).toEqual({
      code: 'config_merchants_invalid',
      message: 'merchants[0]: payment_methods.__proto__ must be an object with a fee_rate',
    });
  });
});

describe('README "Bad input and fields Kanjo does not read": the journal keeps payment_methods and metadata in their order (review 225)', () => {
  const scenario = (methods: Record<string, unknown>, metadata: Record<string, unknown>) => ({
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: methods },
      { id: 'pm1', type: 'payout', platform: 'mart' },
    ],
    commands: [
      { op: 'session.create', id: 'ses_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['konbini'], return_url: 'https://shop.example/done', capture: 'manual', metadata, at: '2026-04-01T10:00:00+09:00' },
      { op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 2000, currency: 'JPY', payment_type: 'credit_card', at: '2026-04-01T10:05:00+09:00', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 2000, platform_fee: 200 }] } },
    ],
  });
  const methods = { credit_card: { fee_rate: '3.6%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } };
  const metadata = { order: '7', shop: 'east' };

  it('two files that differ only in that order give the same report and replay to the same balances, from journals whose bytes differ there', () => {
    const runs = [scenario(methods, metadata), scenario(reversed(methods), reversed(metadata))].map((file) => {
      const run = runScenario(file);
      if (!run.ok) throw new Error(run.error.message);
      const config = parseScenarioConfig(file as unknown as Record<string, unknown>);
      if (!config.ok) throw new Error(config.error.message);
      const lines = [...journalNdjsonLines(config.value, run.value.ledger.journal, 'objects')];
      const replayed = replayJournal(JSON.parse(lines[0]!).config as LedgerConfig, lines.slice(1).map((line, index) => unwrap(parseJournalEntry(JSON.parse(line), index + 2))));
      if (!replayed.ok) throw new Error(replayed.error.message);
      return { report: run.value.report, lines, balances: { mart: postedBalance(replayed.value.state, 'mart', 'JPY'), pm1: postedBalance(replayed.value.state, 'pm1', 'JPY') } };
    });
    expect(runs[1]!.report).toEqual(runs[0]!.report);
    expect(runs[1]!.balances).toEqual(runs[0]!.balances);
    expect(runs[0]!.balances).toEqual({ mart: 200 - 72 - 7, pm1: 1800 });
    expect(runs[0]!.lines[0]).toContain('"paymentMethods":{"credit_card":');
    expect(runs[1]!.lines[0]).toContain('"paymentMethods":{"konbini":');
    expect(runs[0]!.lines[1]).toContain('"metadata":{"order":"7","shop":"east"}');
    expect(runs[1]!.lines[1]).toContain('"metadata":{"shop":"east","order":"7"}');
  });
});
