import { decideCommand, journalNdjsonLines, paymentView, type JournalFormat, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { EVERY_POSTING_COMMANDS, EVERY_POSTING_CONFIG } from '../support/every-posting-flow.js';
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

// decideCommand's time is read only by a settlement run, to refuse a run dated before the end of
// a period it would pay. NaN compared false with every period's end, so a run "dated" NaN paid
// a week that had not ended.
describe('decideCommand given a time that is not epoch milliseconds says so', () => {
  const state = ledgerAfter(EVERY_POSTING_COMMANDS.slice(0, -1), EVERY_POSTING_CONFIG).state;
  const run = { op: 'settlement.run', date: '2026-01-16' } as const;
  const outcome = (at: unknown): string => {
    try {
      const result = decideCommand(state, run, at as number);
      return result.ok ? `paid ${result.value.postings.length / 2} payout` : result.error.code;
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };

  it('NaN, a fraction, a string or a Date is a TypeError naming what to pass', () => {
    const prefix = "TypeError: decideCommand: at must be epoch milliseconds as a safe integer (Date.parse of the command's time), got ";
    expect([NaN, 1.5, '2026-01-16T12:00:00+09:00', new Date(0)].map(outcome)).toEqual([`${prefix}NaN`, `${prefix}1.5`, `${prefix}string`, `${prefix}object`]);
  });

  it('a whole number of milliseconds decides as before: after the week ended the run pays, before it the run is refused', () => {
    expect(outcome(Date.parse('2026-01-16T12:00:00+09:00'))).toBe('paid 1 payout');
    expect(outcome(Date.parse('2026-01-08T12:00:00+09:00'))).toBe('settlement_period_not_ended');
  });
});
