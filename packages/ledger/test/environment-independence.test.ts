import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLedger,
  formatScenarioTable,
  formatScenarioCsv,
  hledgerJournalLines,
  journalNdjsonLines,
  merchantBalances,
  merchantStatementsCsvLines,
  nextPayout,
  parseScenarioConfig,
  replayJournal,
  runScenario,
  type Command,
  type LedgerConfig,
} from '@kanjo/ledger';
import { environmentStressScenario, stressOutcomes } from '../../../test/support/environment-stress-scenario.js';
import { DAY, payoutScenarioArbitrary, runPayoutScenario } from './support/payout-scenarios.js';

// In process, the host's time zone can be changed while the library runs: Node reads
// process.env.TZ again when it is assigned, and every local-time Date method follows it. The
// package "never consults a clock or local time zone" (src/payouts/calendar-date.ts) and gives
// "the same journal, byte for byte" (README.md, line 5): so its results must not move when TZ
// does, least of all at the host zone's own midnights and daylight-saving changes
// (America/New_York: 2026-03-08T07:00Z and 2026-11-01T06:00Z, in the stress scenario).
// The default locale cannot change in a running process (ICU reads it once): the CLI test
// (test/cli/environment-independence.test.ts) varies it, process by process.

/** Host zones, with the offset getTimezoneOffset must give on 2026-01-01 (proof the change took). */
const HOST_ZONES: readonly (readonly [string, number])[] = [
  ['UTC', 0], ['Asia/Tokyo', -540], ['Pacific/Kiritimati', -840], ['Pacific/Pago_Pago', 660],
  ['America/St_Johns', 210], ['Asia/Kathmandu', -345], ['America/New_York', 300], ['Nowhere/Else', 0],
  // A POSIX zone: UTC+5 is five hours west.
  ['UTC+5', 300],
];

const originalTimeZone = process.env['TZ'];

/** Sets the host's time zone for this process, checking that Date follows it. */
function useHostZone(zone: string, expectedOffset: number): void {
  process.env['TZ'] = zone;
  expect([zone, new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()]).toEqual([zone, expectedOffset]);
}

afterEach(() => {
  if (originalTimeZone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTimeZone;
});

const CONFIGURED_ZONES = ['+05:45', '-03:30', '+14:00', '-11:00', 'Z'] as const;

/**
 * Everything the library computes from the stress scenario in a configured zone, as text: the
 * report and its table and CSV, both journal formats, the hledger export, every statement, a
 * replay's balances, payout dates around the New York changes and month ends, and the message
 * of a Date given as `at`.
 */
function everything(zone: string): string {
  const document = environmentStressScenario(zone);
  const run = runScenario(document);
  if (!run.ok) throw new Error(run.error.message);
  const { report, ledger } = run.value;
  expect(report.results.map((result) => (result.ok ? 'ok' : result.error?.code))).toEqual(stressOutcomes(zone));
  const config = parseScenarioConfig(document);
  if (!config.ok) throw new Error(config.error.message);
  const replayed = replayJournal(config.value, ledger.journal);
  if (!replayed.ok) throw new Error(replayed.error.message);
  const statements = [...merchantStatementsCsvLines(ledger.journal, ledger.state.config.merchants.keys())].map(([merchant, lines]) => `${merchant}\n${lines.join('')}`);
  const payouts = ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-02-28', '2026-12-31'].flatMap((from) =>
    (['weekly', 'monthly'] as const).map((frequency) => JSON.stringify(nextPayout(frequency, from, ['2026-03-13', '2026-11-30']))),
  );
  const fresh = createLedger({ merchants: [] });
  if (!fresh.ok) throw new Error(fresh.error.message);
  const dateAt = fresh.value.execute({ op: 'settlement.run', at: new Date(Date.UTC(2026, 2, 8, 7)) as unknown as string, date: '2026-03-08' });
  return [
    JSON.stringify(report),
    formatScenarioTable(report, `stress ${zone}`),
    formatScenarioCsv(report),
    [...journalNdjsonLines(config.value, ledger.journal, 'compact')].join(''),
    [...journalNdjsonLines(config.value, ledger.journal, 'objects')].join(''),
    [...hledgerJournalLines(ledger.state)].join(''),
    ...statements,
    JSON.stringify(merchantBalances(replayed.value.state)),
    ...payouts,
    JSON.stringify(dateAt),
  ].join('\n=====\n');
}

describe('the library gives the same results whatever the host time zone (process.env.TZ changed at run time)', () => {
  for (const zone of CONFIGURED_ZONES) {
    it(`stress scenario configured in ${zone}: every report, journal, export, statement, replay and payout date is the same under every host zone`, () => {
      useHostZone('UTC', 0);
      const baseline = everything(zone);
      // What is compared holds what the scenario is about (so that a comparison of empty texts cannot pass).
      expect(baseline).toContain(`; Kanjo journal export: test book, dates in UTC${zone === 'Z' ? '+00:00' : zone}`);
      // From Saturday 03-07 the next Friday, 03-13, is a holiday: Monday 03-16 pays the week before.
      expect(baseline).toContain('"payoutDate":"2026-03-16","period":{"start":"2026-02-28","end":"2026-03-06"}');
      expect(baseline).toContain('pass date.toISOString() (2026-03-08T07:00:00.000Z)');
      for (const [host, offset] of HOST_ZONES) {
        useHostZone(host, offset);
        const got = everything(zone);
        expect([host, got === baseline]).toEqual([host, true]);
      }
    });
  }

  it('the hledger export dates the local-midnight payments by the configured zone: 2026-03-06 and 2026-03-07 either side, in Kathmandu or St John\'s or anywhere', () => {
    for (const [host, offset] of HOST_ZONES) {
      useHostZone(host, offset);
      for (const zone of CONFIGURED_ZONES) {
        const run = runScenario(environmentStressScenario(zone));
        if (!run.ok) throw new Error(run.error.message);
        const export_ = [...hledgerJournalLines(run.value.ledger.state)].join('');
        expect([host, zone, /^(\S+) \* \(7\) payment\.create p-friday-last-ms$/m.exec(export_)?.[1], /^(\S+) \* \(8\) payment\.create p-saturday-first-ms$/m.exec(export_)?.[1]])
          .toEqual([host, zone, '2026-03-06', '2026-03-07']);
      }
    }
  });
});

/** Date methods that read or write local time: the library must call none of them. */
const LOCAL_TIME_METHODS = [
  'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds', 'getTimezoneOffset',
  'setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds', 'setMilliseconds',
  'toString', 'toDateString', 'toTimeString', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString',
] as const;

/**
 * Runs `work` with every local-time Date method, `new Date(y, m, …)` and a Date.parse or
 * `new Date(text)` of a text without a UTC offset recorded (and still answered): what it called.
 */
function localTimeCalls(work: () => void): string[] {
  const calls: string[] = [];
  const prototype = Date.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = LOCAL_TIME_METHODS.map((name) => [name, prototype[name]] as const);
  const OriginalDate = globalThis.Date;
  // A text without Z or ±hh:mm after a time is read in local time (a date alone is UTC).
  const local = (text: unknown): boolean => typeof text === 'string' && /T\d\d:\d\d(:\d\d(\.\d+)?)?$|^\D/.test(text.trim());
  for (const [name, original] of originals) {
    prototype[name] = function recorded(this: Date, ...args: unknown[]) {
      calls.push(`Date#${name}`);
      return original?.apply(this, args);
    };
  }
  globalThis.Date = new Proxy(OriginalDate, {
    construct(target, args: unknown[], newTarget) {
      if (args.length >= 2 || local(args[0])) calls.push(`new Date(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
      return Reflect.construct(target, args, newTarget) as object;
    },
    get(target, key, receiver) {
      if (key === 'parse') return (text: string) => (local(text) && calls.push(`Date.parse(${JSON.stringify(text)})`), target.parse(text));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  try {
    work();
  } finally {
    globalThis.Date = OriginalDate;
    for (const [name, original] of originals) if (original !== undefined) prototype[name] = original;
  }
  return calls;
}

describe('the library never reads local time', () => {
  it('the recorder sees a local-time call when one is made (so that an empty list means something)', () => {
    expect(localTimeCalls(() => new Date(0).getHours())).toEqual(['Date#getHours']);
    expect(localTimeCalls(() => Date.parse('2026-03-08T02:30:00'))).toEqual(['Date.parse("2026-03-08T02:30:00")']);
    expect(localTimeCalls(() => new Date(2026, 2, 8))).toEqual(['new Date(2026, 2, 8)']);
    expect(localTimeCalls(() => Date.parse('2026-03-08T02:30:00Z'))).toEqual([]);
  });

  it('the stress scenario in every configured zone, with New York as the host zone, calls no local-time Date method', () => {
    useHostZone('America/New_York', 300);
    for (const zone of CONFIGURED_ZONES) expect([zone, localTimeCalls(() => everything(zone))]).toEqual([zone, []]);
  });
});

/** The two New York changes of 2026, and a week either side, where the payout scenarios start. */
const NEAR_NEW_YORK_CHANGES = fc.tuple(fc.constantFrom(Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)), fc.integer({ min: -7 * DAY, max: 2 * DAY }))
  .map(([change, shift]) => change + shift);

describe('random payout scenarios near the host zone\'s daylight-saving changes', () => {
  it('the commands a payout scenario sent, executed again under another host zone, give the same results, journal and hledger export', () => {
    const runs = fc.sample(fc.tuple(payoutScenarioArbitrary, NEAR_NEW_YORK_CHANGES, fc.constantFrom(...HOST_ZONES.slice(1))), { numRuns: 150, seed: 20261101 });
    let moneyMoved = 0;
    for (const [scenario, start, [host, offset]] of runs) {
      useHostZone('UTC', 0);
      const moved = { ...scenario, setting: { ...scenario.setting, start } };
      const { config, ledger, commands } = runPayoutScenario(moved);
      const expected = outputs(config, commands);
      if (ledger.journal.some((entry) => entry.postings.length > 0)) moneyMoved++;
      useHostZone(host, offset);
      const got = outputs(config, commands);
      expect([host, moved.setting.timeZone, got === expected]).toEqual([host, moved.setting.timeZone, true]);
    }
    expect(moneyMoved).toBeGreaterThan(30);
  });
});

/** A fresh ledger's answers to `commands` and its exports, as one text. */
function outputs(config: LedgerConfig, commands: readonly Command[]): string {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const ledger = created.value;
  const answers = commands.map((command) => JSON.stringify(ledger.execute(command)));
  return [...answers, ...journalNdjsonLines(config, ledger.journal), ...hledgerJournalLines(ledger.state)].join('\n');
}
