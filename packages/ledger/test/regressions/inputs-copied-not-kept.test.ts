import { CompactEntryDecoder, journalNdjsonLines, parseScenarioCommand, parseScenarioConfig, replayJournal, runScenario, type LedgerConfig, type MerchantConfig } from '@kanjo/ledger';
import { unwrap } from '@kanjo/splits';
import { marketplaceSession } from '../support/fixtures.js';
import { newLedger, rejected } from '../support/ledger-harness.js';
import { describe, expect, it } from 'vitest';

// Review 199 (several ledgers in one process): what the library parses from the caller's
// document, or checks in the caller's journal header, it copies. A service that edits or reuses
// its document afterwards must not change the configuration a journal is exported with, nor the
// tables later journal lines are decoded with.

/** A marketplace whose Payout Merchant pm1 accepts only credit_card and paypay; one paypay payment split to it. */
const scenarioDocument = () => ({
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' }, paypay: { fee_rate: '3%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart', payment_types: ['credit_card', 'paypay'] },
    { id: 'pm2', type: 'payout', platform: 'mart' },
  ],
  commands: [
    {
      op: 'payment.create',
      id: 'p',
      merchant: 'mart',
      amount: 1000,
      currency: 'JPY',
      payment_type: 'paypay',
      platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 600, platform_fee: 60 }, { submerchant_id: 'pm2', amount: 400, platform_fee: 40 }] },
    },
  ],
});

const paymentTypesOfPm1 = (merchants: readonly MerchantConfig[]) => {
  const pm1 = merchants.find((merchant) => merchant.id === 'pm1');
  return pm1 !== undefined && pm1.type !== 'platform' ? pm1.paymentTypes : undefined;
};

describe('the configuration runScenario answers does not change when the document is edited after', () => {
  it('a payment type taken from pm1 in the document afterwards stays in the configuration, and the export replays', () => {
    const document = scenarioDocument();
    const run = unwrap(runScenario(document));
    document.merchants[1]!.payment_types!.pop();
    expect(paymentTypesOfPm1(run.config.merchants)).toEqual(['credit_card', 'paypay']);
    const [header, ...entryLines] = [...journalNdjsonLines(run.config, run.ledger.journal, 'objects')].join('').split('\n').filter((line) => line !== '');
    expect(JSON.parse(header!).config.merchants[1].paymentTypes).toEqual(['credit_card', 'paypay']);
    expect(entryLines).toHaveLength(1);
    expect(replayJournal(run.config, run.ledger.journal).ok).toBe(true);
  });

  it('parseScenarioConfig copies payment_types, and parseScenarioCommand copies holidays', () => {
    const document = scenarioDocument();
    const config = unwrap(parseScenarioConfig(document));
    document.merchants[1]!.payment_types![1] = 'konbini';
    expect(paymentTypesOfPm1(config.merchants)).toEqual(['credit_card', 'paypay']);
    const command = { op: 'settlement.run', date: '2026-01-02', holidays: ['2026-01-05'] };
    const parsed = unwrap(parseScenarioCommand(command));
    command.holidays.push('2026-01-06');
    expect(parsed).toEqual({ op: 'settlement.run', date: '2026-01-02', holidays: ['2026-01-05'] });
  });

  it('a hole in a list from code stays a hole, as before (the list is copied, not compacted)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holidays = ['2026-01-05', , '2026-01-07'];
    const parsed = unwrap(parseScenarioCommand({ op: 'settlement.run', date: '2026-01-02', holidays })) as { holidays: readonly string[] };
    expect(parsed.holidays).toHaveLength(3);
    expect(1 in parsed.holidays).toBe(false);
  });
});

describe('CompactEntryDecoder.fromHeader keeps its own copy of the header tables', () => {
  /** The compact journal of eight payments split as the one above: pm1 and pm2, written 8 times or more, go to the strings table. */
  const compactJournal = () => {
    const document = scenarioDocument();
    const payments = Array.from({ length: 8 }, (_, index) => ({ ...document.commands[0]!, id: `p${index}` }));
    const run = unwrap(runScenario({ ...document, commands: payments }));
    const [headerLine, ...entryLines] = [...journalNdjsonLines(run.config, run.ledger.journal, 'compact')].join('').split('\n');
    return { header: JSON.parse(headerLine!) as { recordTypes: string[]; strings: string[] }, entryLines: entryLines.filter((line) => line !== ''), journal: run.ledger.journal };
  };

  it('two record types swapped in the header after it was read still decode as written', () => {
    const { header, entryLines, journal } = compactJournal();
    const opened = unwrap(CompactEntryDecoder.fromHeader(header));
    const transfer = header.recordTypes.indexOf('Payment Transfer');
    const fee = header.recordTypes.indexOf('Platform Fee');
    expect([transfer, fee].every((index) => index >= 0)).toBe(true);
    [header.recordTypes[transfer], header.recordTypes[fee]] = ['Platform Fee', 'Payment Transfer'];
    expect(unwrap(opened.decoder.decodeText(entryLines[0]!, 2))).toEqual(journal[0]);
  });

  it('pm1 and pm2 swapped in the header strings after it was read still decode as written', () => {
    const { header, entryLines, journal } = compactJournal();
    const opened = unwrap(CompactEntryDecoder.fromHeader(header));
    const pm1 = header.strings.indexOf('pm1');
    const pm2 = header.strings.indexOf('pm2');
    expect([pm1, pm2].every((index) => index >= 0)).toBe(true);
    [header.strings[pm1], header.strings[pm2]] = ['pm2', 'pm1'];
    expect(entryLines.map((line, index) => unwrap(opened.decoder.decodeText(line, index + 2)))).toEqual(journal);
  });

  // Review 239: the README said the header's tables are copied, and read as if config were too.
  // It is not (README "State", and fromHeader's TSDoc): the configuration is copied by the ledger
  // made of it, so an edit made before then counts, and one made after does not.
  it('its config is the header\'s own object: an edit before replayJournal counts, one after does not', () => {
    const { header, journal } = compactJournal();
    const withConfig = header as typeof header & { config: { -readonly [Key in keyof LedgerConfig]: LedgerConfig[Key] } };
    const opened = unwrap(CompactEntryDecoder.fromHeader(withConfig));
    expect(opened.config).toBe(withConfig.config);
    const ledger = unwrap(replayJournal(opened.config, journal));
    const merchants = withConfig.config.merchants.length;
    withConfig.config.merchants = [];
    expect(ledger.state.config.merchants.size).toBe(merchants);
    expect(replayJournal(opened.config, journal).ok).toBe(false);
  });
});

describe('the copies read a list from code as the array methods read it (review 202)', () => {
  const holidaysRead = (holidays: unknown) => parseScenarioCommand({ op: 'settlement.run', date: '1970-01-10', holidays });
  const lyingAbout = (items: string[], length: unknown) => new Proxy(items, { get: (target, key) => (key === 'length' ? length : Reflect.get(target, key)) });

  it('a Proxy whose length is a text, negative or a fraction reads as `every` reads it: 0, 0 and rounded down', () => {
    expect(holidaysRead(lyingAbout([], '1970-01-05'))).toEqual({ ok: true, value: { op: 'settlement.run', date: '1970-01-10', holidays: [] } });
    expect(holidaysRead(lyingAbout([], -1))).toEqual({ ok: true, value: { op: 'settlement.run', date: '1970-01-10', holidays: [] } });
    expect(holidaysRead(lyingAbout(['1970-01-02', '1970-01-03'], 1.5))).toEqual({ ok: true, value: { op: 'settlement.run', date: '1970-01-10', holidays: ['1970-01-02'] } });
  });

  it('a list claiming more than 1,000,000 items is field_invalid before any is read', () => {
    expect(holidaysRead(lyingAbout([], 2 ** 32))).toEqual({ ok: false, error: { code: 'field_invalid', message: 'holidays may list at most 1,000,000 strings, not 4,294,967,296' } });
  });

  it('header tables whose species constructor is odd (a `constructor` field, an Array subclass) are copied as plain lists', () => {
    const run = unwrap(runScenario(scenarioDocument()));
    const [headerLine, entryLine] = [...journalNdjsonLines(run.config, run.ledger.journal, 'compact')].join('').split('\n');
    class OddList extends Array {
      static override get [Symbol.species](): ArrayConstructor {
        return function notAList() {
          return {};
        } as unknown as ArrayConstructor;
      }
    }
    const header = JSON.parse(headerLine!) as { recordTypes: string[]; strings: string[] };
    header.recordTypes = Object.assign(header.recordTypes, { constructor: 5 });
    header.strings = OddList.from(header.strings) as string[];
    const opened = unwrap(CompactEntryDecoder.fromHeader(header));
    expect(unwrap(opened.decoder.decodeText(entryLine!, 2))).toEqual(run.ledger.journal[0]);
  });
});

describe('a command from code is read the same way', () => {
  it('execute reads a payment_types Proxy whose length is the text "credit_card" as an empty list, not as a list of that text', () => {
    const ledger = newLedger();
    const paymentTypes = new Proxy([] as string[], { get: (target, key) => (key === 'length' ? 'credit_card' : Reflect.get(target, key)) });
    rejected(ledger, marketplaceSession('ses_1', { paymentTypes }), 'session_payment_types_empty');
  });
});
