import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { csvRows, exportScenario, readStatements, tool } from './support/accounting-tools.js';

/**
 * The dates an accountant reads in the hledger export. DOMAIN.md "Payouts": "Dates are Japan
 * time (UTC+9) unless configured"; SCENARIO.md: `time_zone` is "the UTC offset that dates
 * such as payout days are read in", default `+09:00`. The export's header says "dates in
 * UTC+09:00", and each transaction is dated by the local day of its entry's time there, while
 * a statement's `at` is "the entry's time as the journal keeps it (UTC, not the configured
 * time zone)" (packages/ledger/README.md). So a payment at 2026-01-01T15:30:00Z is 2026-01-02
 * in hledger and in a Tokyo month's report, and 2026-01-01T15:30:00.000Z in its statement.
 */

const work = mkdtempSync(join(tmpdir(), 'kanjo-strict-dates-'));

const MERCHANTS = [
  { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' },
];

/** A card payment of 1,000 yen to pm1 at `at`. */
function payment(id: string, at: string): Record<string, unknown> {
  return {
    op: 'payment.create', at, id, merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card',
    platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 10 }] },
  };
}

/** `code → date` of every transaction hledger reads in the export (its `print`, as CSV). */
function hledgerDates(file: string): Map<string, string> {
  const printed = tool('hledger', ['-f', file, 'print', '-O', 'csv']);
  expect(printed.status).toBe(0);
  const dates = new Map<string, string>();
  const [header, ...rows] = csvRows(printed.stdout, '\n');
  const date = header?.indexOf('date') ?? -1;
  const code = header?.indexOf('code') ?? -1;
  for (const row of rows) if (row[code] !== '') dates.set(row[code] as string, row[date] as string);
  return dates;
}

/** The local calendar date of `at` at a UTC offset of `minutes`, computed apart from Kanjo. */
function localDate(at: string, minutes: number): string {
  return new Date(Date.parse(at) + minutes * 60_000).toISOString().slice(0, 10);
}

describe('hledger dates are local days in the configured time zone', () => {
  it('with no time_zone, +09:00: 14:59:59.999Z is still 2026-01-01, 15:00Z and 15:30Z are 2026-01-02, in hledger and in ledger', () => {
    const exported = exportScenario(work, 'tokyo', {
      merchants: MERCHANTS,
      commands: [payment('a', '2026-01-01T14:59:59.999Z'), payment('b', '2026-01-01T15:00:00Z'), payment('c', '2026-01-01T15:30:00Z'), payment('d', '2026-01-02T08:59:59+09:00')],
    });
    expect(readFileSync(exported.hledger, 'utf8').split('\n')[0]).toBe('; Kanjo journal export: test book, dates in UTC+09:00, amounts in each currency\'s unit (ISO 4217 decimals)');
    expect(Object.fromEntries(hledgerDates(exported.hledger))).toEqual({ 1: '2026-01-01', 2: '2026-01-02', 3: '2026-01-02', 4: '2026-01-02' });
    const ledger = tool('ledger', ['-f', exported.hledger, 'register', '--format', '%(code) %(format_date(date, "%Y-%m-%d"))\n', '^Income']);
    expect(ledger.stdout).toBe('1 2026-01-01\n2 2026-01-02\n3 2026-01-02\n4 2026-01-02\n');
    // The statement keeps UTC, as the README says.
    expect((readStatements(exported.statements).get('pm1') ?? []).map((row) => row.at)).toEqual([
      '2026-01-01T14:59:59.999Z', '2026-01-01T14:59:59.999Z', '2026-01-01T15:00:00.000Z', '2026-01-01T15:00:00.000Z',
      '2026-01-01T15:30:00.000Z', '2026-01-01T15:30:00.000Z', '2026-01-01T23:59:59.000Z', '2026-01-01T23:59:59.000Z',
    ]);
  });

  it('a Tokyo month\'s report counts a payment at 2026-01-31T15:30:00Z in February, not January', () => {
    const exported = exportScenario(work, 'month-end', { merchants: MERCHANTS, commands: [payment('jan', '2026-01-31T14:00:00Z'), payment('feb', '2026-01-31T15:30:00Z')] });
    const income = (period: string): string => tool('hledger', ['-f', exported.hledger, 'register', '-p', period, '^Income', '-O', 'csv']).stdout;
    expect(csvRows(income('2026-01'), '\n').slice(1).map((row) => row[3])).toEqual(['payment.create jan']);
    expect(csvRows(income('2026-02'), '\n').slice(1).map((row) => row[3])).toEqual(['payment.create feb']);
  });

  it('time_zone -05:00 dates the year\'s last evening in the old year: 2026-01-01T04:59:59.999Z is 2025-12-31', () => {
    const exported = exportScenario(work, 'new-york', { merchants: MERCHANTS, time_zone: '-05:00', commands: [payment('a', '2026-01-01T04:59:59.999Z'), payment('b', '2026-01-01T05:00:00Z')] });
    expect(Object.fromEntries(hledgerDates(exported.hledger))).toEqual({ 1: '2025-12-31', 2: '2026-01-01' });
    expect(tool('hledger', ['-f', exported.hledger, 'register', '-p', '2025', '^Income', '-O', 'csv']).stdout.split('\n').filter((line) => line.includes('payment.create')).length).toBe(1);
  });

  it('a named zone such as Asia/Tokyo is refused as config_time_zone_invalid (SCENARIO.md: time_zone is a UTC offset)', () => {
    const path = join(work, 'named-zone.json');
    const scenario = JSON.stringify({ merchants: MERCHANTS, time_zone: 'Asia/Tokyo', commands: [payment('a', '2026-01-01T15:30:00Z')] });
    writeFileSync(path, scenario);
    const run = kanjo(['run', path, '--format', 'json']);
    expect([run.status, run.stderr]).toEqual([2, `kanjo: ${path}: config_time_zone_invalid: time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not "Asia/Tokyo"\n`]);
  });

  it('the farthest times Kanjo takes are dates both tools read: 9999-12-30T23:59:59.999Z at +14:00 is 9999-12-31, 1400-01-02T00:00Z at -12:00 is 1400-01-01', () => {
    for (const [name, zone, at, date] of [['last-day', '+14:00', '9999-12-30T23:59:59.999Z', '9999-12-31'], ['first-day', '-12:00', '1400-01-02T00:00:00Z', '1400-01-01']] as const) {
      const exported = exportScenario(work, name, { merchants: MERCHANTS, time_zone: zone, commands: [payment('a', at)] });
      expect(exported.report.results.map((result) => result.ok)).toEqual([true]);
      expect([name, Object.fromEntries(hledgerDates(exported.hledger))]).toEqual([name, { 1: date }]);
      expect(tool('hledger', ['-f', exported.hledger, 'check', 'ordereddates'])).toEqual({ status: 0, stdout: '', stderr: '' });
      const ledger = tool('ledger', ['-f', exported.hledger, 'register', '--format', '%(format_date(date, "%Y-%m-%d"))\n', '^Income']);
      expect([name, ledger.status, ledger.stderr, ledger.stdout]).toEqual([name, 0, '', `${date}\n`]);
    }
  });

  // The header wrote the configured spelling after "UTC": `Z` read "dates in UTCZ", `+0900`
  // "UTC+0900". It now names the offset one way, from the minutes the dates are computed with.
  it('the header names the offset as UTC±HH:MM, whatever its spelling in the configuration', () => {
    for (const [zone, named] of [['Z', 'UTC+00:00'], ['+00:00', 'UTC+00:00'], ['-00', 'UTC+00:00'], ['+0900', 'UTC+09:00'], ['+09', 'UTC+09:00'], ['-0330', 'UTC-03:30'], ['+05:45', 'UTC+05:45'], ['+14:00', 'UTC+14:00']] as const) {
      const exported = exportScenario(work, `zone-${zone}`, { merchants: MERCHANTS, time_zone: zone, commands: [payment('a', '2026-01-01T23:59:59Z')] });
      const text = readFileSync(exported.hledger, 'utf8');
      expect([zone, text.split('\n')[0]]).toEqual([zone, `; Kanjo journal export: test book, dates in ${named}, amounts in each currency's unit (ISO 4217 decimals)`]);
    }
    const zulu = exportScenario(work, 'zulu', { merchants: MERCHANTS, time_zone: 'Z', commands: [payment('a', '2026-01-01T23:59:59Z')] });
    expect(Object.fromEntries(hledgerDates(zulu.hledger))).toEqual({ 1: '2026-01-01' });
  });
});

/** Offsets Kanjo takes (±HH:MM within ±14:00), the half and three-quarter hours included. */
const offsetArbitrary = fc.record({ sign: fc.constantFrom(1, -1), hours: fc.integer({ min: 0, max: 14 }), minutes: fc.constantFrom(0, 30, 45) })
  .filter(({ hours, minutes }) => hours < 14 || minutes === 0)
  .map(({ sign, hours, minutes }) => ({ text: `${sign < 0 ? '-' : '+'}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`, minutes: sign * (hours * 60 + minutes) }));

describe('hledger dates, whatever the offset', () => {
  it('every transaction hledger reads is dated the local day of its time at the configured offset, in order, whatever offset each command\'s own `at` is written in', () => {
    let run = 0;
    fc.assert(
      fc.property(
        offsetArbitrary,
        fc.array(fc.record({ millis: fc.integer({ min: Date.UTC(2025, 11, 30), max: Date.UTC(2026, 0, 3) }), writtenAt: offsetArbitrary }), { minLength: 1, maxLength: 25 }),
        (zone, drawn) => {
          const times = drawn.sort((left, right) => left.millis - right.millis);
          // The same instant, written at another offset: `at` is "ISO 8601 with an offset".
          const written = times.map(({ millis, writtenAt }) => new Date(millis + writtenAt.minutes * 60_000).toISOString().replace('Z', writtenAt.text));
          run += 1;
          const exported = exportScenario(work, `offset-${run}`, { merchants: MERCHANTS, time_zone: zone.text, commands: written.map((at, index) => payment(`p${index}`, at)) });
          expect(exported.report.results.every((result) => result.ok)).toBe(true);
          const expected = Object.fromEntries(times.map(({ millis }, index) => [String(index + 1), localDate(new Date(millis).toISOString(), zone.minutes)]));
          expect([zone.text, Object.fromEntries(hledgerDates(exported.hledger))]).toEqual([zone.text, expected]);
          expect(tool('hledger', ['-f', exported.hledger, 'check', 'ordereddates'])).toEqual({ status: 0, stdout: '', stderr: '' });
        },
      ),
      { numRuns: 12 },
    );
  });
});
