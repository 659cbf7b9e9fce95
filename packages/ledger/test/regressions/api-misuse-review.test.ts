import { journalNdjsonLines, paymentView, type JournalFormat, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Review 140, a stranger's mistakes from JavaScript (tsc refuses each): journalNdjsonLines
// wrote a header without config for `undefined`, `"merchants":{}` for ledger.state.config
// (a Map), and the compact format for a format of 'xml'. Each journal failed only when read
// back, far from the call that wrote it.

describe('journalNdjsonLines refuses, when asked for its first line, what would write a journal no one can read', () => {
  const journal = ledgerAfter([goldenPayment()]).journal;
  const firstLine = (config: unknown, format?: unknown): string | undefined => journalNdjsonLines(config as LedgerConfig, journal, format as JournalFormat).next().value;

  it('a format other than compact or objects is a TypeError naming both', () => {
    expect(() => firstLine(CONFIG, 'xml')).toThrow(new TypeError('journalNdjsonLines: format must be \'compact\' or \'objects\', not "xml"'));
  });

  it('no configuration, or the ledger\'s resolved one, is a TypeError saying which to pass', () => {
    expect(() => firstLine(undefined)).toThrow(
      new TypeError('journalNdjsonLines: pass the configuration the ledger was created with (createLedger\'s argument); this one is refused: config_invalid: the configuration must be an object with merchants'),
    );
    const live = ledgerAfter([goldenPayment()]);
    expect(() => firstLine(live.state.config)).toThrow(/^journalNdjsonLines: pass the configuration the ledger was created with \(createLedger's argument\); this one is refused: /);
  });

  it('the configuration the ledger was created with writes as before, in both formats', () => {
    expect(firstLine(CONFIG)).toMatch(/^\{"kanjo_journal":2,"entries":1,/);
    expect(firstLine(CONFIG, 'objects')).toMatch(/^\{"kanjo_journal":1,"entries":1,"config":\{"merchants":\[\{"id":"mart"/);
  });
});

describe('an idempotency key that is not text says so', () => {
  it('a number or a boxed string is idempotency_key_invalid asking for a string', () => {
    const ledger = ledgerAfter([]);
    for (const [key, shown] of [[5, '5'], [true, 'true']] as const) {
      const result = ledger.execute(goldenPayment('p', { idempotencyKey: key as never }));
      expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`).toBe(`idempotency_key_invalid: idempotency_key must be a string of 1 to 255 characters, not ${shown}`);
    }
    const boxed = ledger.execute(goldenPayment('p', { idempotencyKey: new String('k') as never }));
    expect(boxed.ok ? 'accepted' : boxed.error.message).toMatch(/^idempotency_key must be a string of 1 to 255 characters, not /);
    expect(ledger.journal).toHaveLength(0);
  });
});

describe('execute called without its ledger says how to call it', () => {
  it('an unbound execute throws a TypeError naming bind, not a property of undefined', () => {
    const ledger = ledgerAfter([]);
    const run = ledger.execute;
    expect(() => run(goldenPayment())).toThrow(new TypeError('execute was called without its ledger: call ledger.execute(command), or pass ledger.execute.bind(ledger)'));
    expect(ledger.execute.bind(ledger)(goldenPayment()).ok).toBe(true);
  });
});

describe('paymentView given something that is not a payment says what to pass', () => {
  it('the state, or a payment id, is a TypeError; a payment of the state is its view', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    expect(() => paymentView(ledger.state as never)).toThrow(
      new TypeError('paymentView takes a payment of the ledger\'s state (ledger.state.payments.get(id)), not an object without a payment\'s status and amounts'),
    );
    expect(() => paymentView('pay_1' as never)).toThrow(new TypeError('paymentView takes a payment of the ledger\'s state (ledger.state.payments.get(id)), not "pay_1"'));
    const payment = ledger.state.payments.get('pay_1');
    if (payment === undefined) throw new Error('expected pay_1');
    expect(paymentView(payment)).toEqual({ status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' });
  });
});
