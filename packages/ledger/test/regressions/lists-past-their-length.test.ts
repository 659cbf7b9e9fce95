import { runInNewContext } from 'node:vm';
import { createLedger, runScenario, type Command, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Review 160: a list from code whose `length` was set far past its items (`split.length =
// 2 ** 32 - 1` after one line) was copied item by item into an array of that length before any
// check read it: 1e8 took 18 s and 1.4 GB, 2 ** 32 - 1 stopped the process with an
// out-of-memory abort no caller can catch. A list longer than 1,000,000 items (ten times the
// longest any check accepts) now throws a RangeError naming it before anything is read or
// copied, as other misuse from code does. No JSON document makes such a list; a scenario
// file's long lists are refused with a code.

const MAX_LIST_LENGTH = 1_000_000;

/** `items`, with its length then set to `length` (holes after them). */
function stretched<Item>(items: Item[], length: number): Item[] {
  items.length = length;
  return items;
}

describe('a list from code longer than 1,000,000 items', () => {
  it.each([
    ['split', (length: number): Command => goldenPayment('p2', { split: stretched([{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }], length) })],
    ['holidays', (length: number): Command => ({ op: 'settlement.run', date: '2026-01-16', holidays: stretched(['2026-01-01'], length) })],
    ['paymentTypes', (length: number): Command => ({ op: 'session.create', id: 's1', merchant: 'mart', amount: 1000, currency: 'JPY', returnUrl: 'https://example.com/', capture: 'auto', paymentTypes: stretched(['credit_card'], length) })],
  ] as const)('a command\'s %s of 2 ** 32 - 1 throws a RangeError naming it and appends nothing; one of exactly 1,000,000 is read and refused by its check', (field, command) => {
    const ledger = ledgerAfter([goldenPayment('p1')]);
    expect(() => ledger.execute(command(2 ** 32 - 1))).toThrow(new RangeError(`${field} has 4,294,967,295 items; a list given to Kanjo holds at most 1,000,000 (was its length set past its items?)`));
    expect(ledger.journal).toHaveLength(1);
    const longest = ledger.execute(command(MAX_LIST_LENGTH));
    expect(longest.ok ? 'accepted' : longest.error.code).not.toBe('accepted');
    expect(ledger.journal).toHaveLength(1);
  });

  it('a configuration\'s merchants of 2 ** 32 - 1 throws a RangeError naming them; 1,000,000 are config_merchants_invalid', () => {
    const config = (length: number): LedgerConfig => ({ ...CONFIG, merchants: stretched([...CONFIG.merchants], length) });
    expect(() => createLedger(config(2 ** 32 - 1))).toThrow(/^merchants has 4,294,967,295 items; a list given to Kanjo holds at most 1,000,000/);
    const longest = createLedger(config(MAX_LIST_LENGTH));
    expect(longest.ok ? 'accepted' : longest.error.code).toBe('config_merchants_invalid');
  });

  it('a merchant\'s paymentTypes of 2 ** 32 - 1 throws a RangeError naming them', () => {
    const [platform, ...rest] = CONFIG.merchants;
    const config: LedgerConfig = { ...CONFIG, merchants: [{ ...platform!, paymentTypes: stretched(['credit_card'], 2 ** 32 - 1) } as never, ...rest] };
    expect(() => createLedger(config)).toThrow(/^merchants\[0\]\.paymentTypes has 4,294,967,295 items/);
  });
});

describe('objects whose every index is a key (review 161)', () => {
  it.each([
    ['a typed array of 2 ** 31 - 1 bytes as a split line', (): Command => goldenPayment('p2', { split: [new Uint8Array(2 ** 31 - 1) as never] }), 'field_missing'],
    ['a boxed string of 10,000,000 characters as a split line', (): Command => goldenPayment('p2', { split: [new String('x'.repeat(1e7)) as never] }), 'field_missing'],
    ['a boxed string of another realm (a vm context) as a split line', (): Command => goldenPayment('p2', { split: [runInNewContext('new String("x".repeat(1e7))') as never] }), 'field_missing'],
  ] as const)('%s is refused by its missing fields, its indexes not copied', (_what, command, code) => {
    const ledger = ledgerAfter([goldenPayment('p1')]);
    const result = ledger.execute(command());
    expect(result.ok ? 'accepted' : result.error.code).toBe(code);
    expect(ledger.journal).toHaveLength(1);
  });
});

describe('a scenario file\'s long lists are refused with a code, before the engine', () => {
  const merchants = [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } }];

  it('holidays of 1,000,001 dates are field_invalid; 1,000,000 are read', () => {
    const run = (count: number): unknown => {
      const outcome = runScenario({ merchants, commands: [{ op: 'settlement.run', date: '2026-01-16', holidays: Array.from({ length: count }, () => '2026-01-01') }] });
      if (!outcome.ok) return outcome.error.code;
      const result = outcome.value.report.results[0]!;
      return result.ok ? 'accepted' : `${result.error?.code}: ${result.error?.message}`;
    };
    expect(run(MAX_LIST_LENGTH + 1)).toBe('field_invalid: holidays may list at most 1,000,000 strings, not 1,000,001');
    expect(run(MAX_LIST_LENGTH)).toBe('accepted');
  });

  it('merchants past 100,000 are config_merchants_invalid before each is parsed', () => {
    const outcome = runScenario({ merchants: [...merchants, ...Array.from({ length: 1_000_000 }, (_, index) => ({ id: `m${index}`, type: 'payout', platform: 'mart' }))], commands: [] });
    expect(outcome.ok ? 'accepted' : `${outcome.error.code}: ${outcome.error.message}`).toBe('config_merchants_invalid: at most 100,000 merchants, not 1,000,001');
  });
});
