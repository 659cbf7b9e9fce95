import { nextPayout, type Change, type PayoutFrequency } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment } from './support/fixtures.js';
import { accepted, ledgerAfter } from './support/ledger-harness.js';

/**
 * The holiday calendar given as input: Japan's 2026 national holidays on weekdays, the banks'
 * 2 January and 31 December, and 1 January 2027 (so the last payouts of 2026 can be placed).
 */
const HOLIDAYS = [
  '2026-01-01',
  '2026-01-02',
  '2026-01-12',
  '2026-02-11',
  '2026-02-23',
  '2026-03-20',
  '2026-04-29',
  '2026-05-04',
  '2026-05-05',
  '2026-05-06',
  '2026-07-20',
  '2026-08-11',
  '2026-09-21',
  '2026-09-22',
  '2026-09-23',
  '2026-10-12',
  '2026-11-03',
  '2026-11-23',
  '2026-12-31',
  '2027-01-01',
];

/**
 * Weekly, worked out by hand: each Friday pays the Saturday–Friday week that ended the Friday
 * before (Friday − 13 … Friday − 7). Fri 2 Jan (bank holiday) moves to Mon 5 Jan; Fri 20 Mar
 * (Vernal Equinox Day) to Mon 23 Mar; Fri 1 Jan 2027 past the weekend to Mon 4 Jan 2027.
 * [payout day, period start, period end]
 */
const WEEKLY_2026: readonly (readonly [string, string, string])[] = [
  ['2026-01-05', '2025-12-20', '2025-12-26'],
  ['2026-01-09', '2025-12-27', '2026-01-02'],
  ['2026-01-16', '2026-01-03', '2026-01-09'],
  ['2026-01-23', '2026-01-10', '2026-01-16'],
  ['2026-01-30', '2026-01-17', '2026-01-23'],
  ['2026-02-06', '2026-01-24', '2026-01-30'],
  ['2026-02-13', '2026-01-31', '2026-02-06'],
  ['2026-02-20', '2026-02-07', '2026-02-13'],
  ['2026-02-27', '2026-02-14', '2026-02-20'],
  ['2026-03-06', '2026-02-21', '2026-02-27'],
  ['2026-03-13', '2026-02-28', '2026-03-06'],
  ['2026-03-23', '2026-03-07', '2026-03-13'],
  ['2026-03-27', '2026-03-14', '2026-03-20'],
  ['2026-04-03', '2026-03-21', '2026-03-27'],
  ['2026-04-10', '2026-03-28', '2026-04-03'],
  ['2026-04-17', '2026-04-04', '2026-04-10'],
  ['2026-04-24', '2026-04-11', '2026-04-17'],
  ['2026-05-01', '2026-04-18', '2026-04-24'],
  ['2026-05-08', '2026-04-25', '2026-05-01'],
  ['2026-05-15', '2026-05-02', '2026-05-08'],
  ['2026-05-22', '2026-05-09', '2026-05-15'],
  ['2026-05-29', '2026-05-16', '2026-05-22'],
  ['2026-06-05', '2026-05-23', '2026-05-29'],
  ['2026-06-12', '2026-05-30', '2026-06-05'],
  ['2026-06-19', '2026-06-06', '2026-06-12'],
  ['2026-06-26', '2026-06-13', '2026-06-19'],
  ['2026-07-03', '2026-06-20', '2026-06-26'],
  ['2026-07-10', '2026-06-27', '2026-07-03'],
  ['2026-07-17', '2026-07-04', '2026-07-10'],
  ['2026-07-24', '2026-07-11', '2026-07-17'],
  ['2026-07-31', '2026-07-18', '2026-07-24'],
  ['2026-08-07', '2026-07-25', '2026-07-31'],
  ['2026-08-14', '2026-08-01', '2026-08-07'],
  ['2026-08-21', '2026-08-08', '2026-08-14'],
  ['2026-08-28', '2026-08-15', '2026-08-21'],
  ['2026-09-04', '2026-08-22', '2026-08-28'],
  ['2026-09-11', '2026-08-29', '2026-09-04'],
  ['2026-09-18', '2026-09-05', '2026-09-11'],
  ['2026-09-25', '2026-09-12', '2026-09-18'],
  ['2026-10-02', '2026-09-19', '2026-09-25'],
  ['2026-10-09', '2026-09-26', '2026-10-02'],
  ['2026-10-16', '2026-10-03', '2026-10-09'],
  ['2026-10-23', '2026-10-10', '2026-10-16'],
  ['2026-10-30', '2026-10-17', '2026-10-23'],
  ['2026-11-06', '2026-10-24', '2026-10-30'],
  ['2026-11-13', '2026-10-31', '2026-11-06'],
  ['2026-11-20', '2026-11-07', '2026-11-13'],
  ['2026-11-27', '2026-11-14', '2026-11-20'],
  ['2026-12-04', '2026-11-21', '2026-11-27'],
  ['2026-12-11', '2026-11-28', '2026-12-04'],
  ['2026-12-18', '2026-12-05', '2026-12-11'],
  ['2026-12-25', '2026-12-12', '2026-12-18'],
  ['2027-01-04', '2026-12-19', '2026-12-25'],
];

/**
 * Monthly, worked out by hand: each month end pays the previous calendar month. Sat 31 Jan →
 * Mon 2 Feb; Sat 28 Feb → Mon 2 Mar; Sun 31 May → Mon 1 Jun; Sat 31 Oct → Mon 2 Nov; Thu 31 Dec
 * (bank holiday) → Fri 1 Jan 2027 (holiday) → Mon 4 Jan 2027.
 */
const MONTHLY_2026: readonly (readonly [string, string, string])[] = [
  ['2026-02-02', '2025-12-01', '2025-12-31'],
  ['2026-03-02', '2026-01-01', '2026-01-31'],
  ['2026-03-31', '2026-02-01', '2026-02-28'],
  ['2026-04-30', '2026-03-01', '2026-03-31'],
  ['2026-06-01', '2026-04-01', '2026-04-30'],
  ['2026-06-30', '2026-05-01', '2026-05-31'],
  ['2026-07-31', '2026-06-01', '2026-06-30'],
  ['2026-08-31', '2026-07-01', '2026-07-31'],
  ['2026-09-30', '2026-08-01', '2026-08-31'],
  ['2026-11-02', '2026-09-01', '2026-09-30'],
  ['2026-11-30', '2026-10-01', '2026-10-31'],
  ['2027-01-04', '2026-11-01', '2026-11-30'],
];

/** The calendar day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Every date from `first` to `last`, inclusive. */
function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = nextDay(date)) dates.push(date);
  return dates;
}

/** nextPayout followed from 1 January 2026 until a payout day past 31 December 2026. */
function followNextPayout(frequency: PayoutFrequency): [string, string, string][] {
  const payouts: [string, string, string][] = [];
  let from = '2026-01-01';
  while (from <= '2026-12-31') {
    const next = nextPayout(frequency, from, HOLIDAYS);
    if (!next.ok) throw new Error(next.error.code);
    payouts.push([next.value.payoutDate, next.value.period.start, next.value.period.end]);
    from = nextDay(next.value.payoutDate);
  }
  return payouts;
}

describe('payout calendar (issue 6): a year of payout days with holidays, by hand', () => {
  it('the hand-made lists are sane: 53 weekly and 12 monthly payouts, none on a weekend or holiday', () => {
    for (const [day] of [...WEEKLY_2026, ...MONTHLY_2026]) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      expect({ day, weekend: weekday === 0 || weekday === 6, holiday: HOLIDAYS.includes(day) }).toEqual({ day, weekend: false, holiday: false });
    }
    expect([WEEKLY_2026.length, MONTHLY_2026.length]).toEqual([53, 12]);
  });

  it('nextPayout, weekly, followed through 2026', () => {
    expect(followNextPayout('weekly')).toEqual(WEEKLY_2026);
  });

  it('nextPayout, monthly, followed through 2026', () => {
    expect(followNextPayout('monthly')).toEqual(MONTHLY_2026);
  });

  it('nextPayout from a payout day itself answers that day; the day after, the next one', () => {
    expect(nextPayout('weekly', '2026-03-23', HOLIDAYS)).toEqual({ ok: true, value: { payoutDate: '2026-03-23', period: { start: '2026-03-07', end: '2026-03-13' } } });
    expect(nextPayout('weekly', '2026-03-24', HOLIDAYS)).toEqual({ ok: true, value: { payoutDate: '2026-03-27', period: { start: '2026-03-14', end: '2026-03-20' } } });
    // Without the holiday calendar, 20 March is an ordinary Friday.
    expect(nextPayout('weekly', '2026-03-14')).toEqual({ ok: true, value: { payoutDate: '2026-03-20', period: { start: '2026-03-07', end: '2026-03-13' } } });
  });

  it('a leap year\'s February ends on the 29th (2028)', () => {
    expect(nextPayout('monthly', '2028-03-01')).toEqual({ ok: true, value: { payoutDate: '2028-03-31', period: { start: '2028-02-01', end: '2028-02-29' } } });
  });

  it('nextPayout rejects a date or a holiday that is not a real YYYY-MM-DD date', () => {
    expect(nextPayout('weekly', '2026-02-30')).toMatchObject({ ok: false, error: { code: 'date_invalid' } });
    expect(nextPayout('weekly', '2026/01/01')).toMatchObject({ ok: false, error: { code: 'date_invalid' } });
    expect(nextPayout('weekly', '2026-01-01', ['2026-13-01'])).toMatchObject({ ok: false, error: { code: 'holiday_date_invalid' } });
  });

  it('settlement.run every day of 2026 (and to 4 January 2027) settles exactly the hand-made periods on the hand-made days', () => {
    const ledger = ledgerAfter([
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'monthly', minimumAmount: 0 },
    ]);
    const settled: Record<'pm1' | 'pm2', [string, string, string][]> = { pm1: [], pm2: [] };
    const paid: { date: string; merchant: string; amount: number }[] = [];
    for (const date of datesBetween('2026-01-01', '2027-01-04')) {
      if (date === '2026-01-05') accepted(ledger, goldenPayment('pay_1', { at: '2026-01-05T09:00:00+09:00' }));
      const { entry } = accepted(ledger, { op: 'settlement.run', date, holidays: HOLIDAYS, at: `${date}T12:00:00+09:00` });
      for (const change of entry?.changes ?? []) {
        if (change.kind !== 'payout_period_settled') throw new Error(`unexpected change ${change.kind}`);
        const settledChange: Extract<Change, { kind: 'payout_period_settled' }> = change;
        settled[settledChange.merchant as 'pm1' | 'pm2'].push([date, settledChange.periodStart, settledChange.periodEnd]);
        if (settledChange.amount > 0) paid.push({ date, merchant: settledChange.merchant, amount: settledChange.amount });
      }
    }
    expect(settled.pm1).toEqual(WEEKLY_2026);
    expect(settled.pm2).toEqual(MONTHLY_2026);
    // pm1's 630 (captured Mon 5 Jan) is paid for the week 3–9 Jan; pm2's 270 for January, on 2 March.
    expect(paid).toEqual([
      { date: '2026-01-16', merchant: 'pm1', amount: 630 },
      { date: '2026-03-02', merchant: 'pm2', amount: 270 },
    ]);
  });

  it('a holiday run longer than a week puts two weekly periods on one day, oldest first, each settled once', () => {
    const holidays = ['2026-03-20', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27'];
    expect(nextPayout('weekly', '2026-03-14', holidays)).toEqual({ ok: true, value: { payoutDate: '2026-03-30', period: { start: '2026-03-07', end: '2026-03-13' } } });
    const ledger = ledgerAfter([{ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 }]);
    const quiet = accepted(ledger, { op: 'settlement.run', date: '2026-03-20', at: '2026-03-20T12:00:00+09:00', holidays });
    expect(quiet.entry.changes).toEqual([]);
    const { entry } = accepted(ledger, { op: 'settlement.run', date: '2026-03-30', at: '2026-03-30T12:00:00+09:00', holidays });
    expect(entry?.changes.map((change) => (change.kind === 'payout_period_settled' ? [change.periodStart, change.periodEnd] : change.kind))).toEqual([
      ['2026-03-07', '2026-03-13'],
      ['2026-03-14', '2026-03-20'],
    ]);
  });
});

describe('calendar dates in the years 0 to 99 are those years, not 1900 to 1999 (Date.UTC reads them so)', () => {
  it('a date exists by its own year\'s calendar, and months end on their own last day', async () => {
    const { parseCalendarDate, formatCalendarDate, lastDayOfMonth, firstDayOfMonth } = await import('../src/payouts/calendar-date.js');
    // 0048 is a leap year, 0050 is not (1948 was a leap year and 1950 was not too, so also check 0000 and 0100).
    expect(parseCalendarDate('0050-02-29')).toBeUndefined();
    const leapDay = parseCalendarDate('0048-02-29') as number;
    expect(formatCalendarDate(leapDay)).toBe('0048-02-29');
    expect(formatCalendarDate(lastDayOfMonth(leapDay - 10))).toBe('0048-02-29');
    expect(formatCalendarDate(firstDayOfMonth(leapDay))).toBe('0048-02-01');
    expect(formatCalendarDate(parseCalendarDate('0000-02-29') as number)).toBe('0000-02-29');
    expect(formatCalendarDate(lastDayOfMonth(parseCalendarDate('0099-12-05') as number))).toBe('0099-12-31');
    // Date.UTC(0, 0, 1) is 1900-01-01: day -25,567, not -719,528.
    expect(parseCalendarDate('0000-01-01')).toBe(-719_528);
  });

  it('a run dated in the year 0 is date_invalid: it would pay periods of the year -1', () => {
    const ledger = ledgerAfter([]);
    expect(ledger.execute({ op: 'settlement.run', date: '0000-01-07', at: '1400-01-05T00:00:00Z' })).toEqual({
      ok: false,
      error: { code: 'date_invalid', message: 'date "0000-01-07" is before 0001-01-01: a run pays the periods before its date, which must have four-digit years' },
    });
    accepted(ledger, { op: 'settlement.run', date: '0001-01-01', at: '1400-01-05T00:00:00Z' });
  });

  it('a command dated in the year 50 is that instant: before 1400, time_invalid (not 1950, as Date.UTC would read the year)', () => {
    expect(ledgerAfter([]).execute(goldenPayment('p', { at: '0050-03-01T09:00:00+09:00' }))).toEqual({
      ok: false,
      error: { code: 'time_invalid', message: 'at "0050-03-01T09:00:00+09:00" is 0050-03-01T00:00:00.000Z in UTC: a time must fall between 1400-01-02 and 9999-12-30 in UTC, so that every date Kanjo writes of it, in any time zone, is one hledger and ledger read' },
    });
  });
});

describe('a holiday calendar that leaves no business day for 31 days', () => {
  /** The weekdays from `from` for `count` days, as YYYY-MM-DD. */
  const weekdays = (from: string, count: number): string[] =>
    Array.from({ length: count }, (_, index) => new Date(Date.parse(`${from}T00:00:00Z`) + index * 86_400_000))
      .filter((day) => day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
      .map((day) => day.toISOString().slice(0, 10));
  const refusal = (holidays: readonly string[]): string => {
    const next = nextPayout('weekly', '2026-01-01', holidays);
    return next.ok ? 'accepted' : `${next.error.code}: ${next.error.message}`;
  };

  // A clean-room review found the message naming 2026-03-09 when the run began on 03-03: it
  // named the first holiday the check met, in the order the calendar listed them.
  it('is refused naming the first day of the run, whatever order the holidays are listed in', () => {
    const holidays = weekdays('2026-03-03', 31); // Tuesday 3 March to Thursday 2 April
    const expected = 'holiday_calendar_invalid: the holidays and weekends from 2026-03-03 leave no business day for 31 days: no payout day can follow them';
    expect(refusal(holidays)).toBe(expected);
    expect(refusal([...holidays.slice(1), holidays[0] as string])).toBe(expected);
    expect(refusal([...holidays].reverse())).toBe(expected);
  });

  it('a run that begins with a weekend is named from its Saturday', () => {
    // Monday 9 March to Friday 10 April off: with the weekend before, 7 March to 12 April.
    expect(refusal(weekdays('2026-03-09', 33))).toBe('holiday_calendar_invalid: the holidays and weekends from 2026-03-07 leave no business day for 31 days: no payout day can follow them');
  });

  it('30 days without business are accepted, in any order; separate runs are each checked', () => {
    // Saturday 7 March to Sunday 5 April: 30 days (the weekdays 9 March to 3 April off).
    const thirty = weekdays('2026-03-09', 26);
    expect(refusal(thirty)).toBe('accepted');
    expect(refusal([...thirty].reverse())).toBe('accepted');
    // A later run of 31 after an earlier one that is short: still found.
    expect(refusal([...weekdays('2026-06-01', 33), ...thirty])).toBe('holiday_calendar_invalid: the holidays and weekends from 2026-05-30 leave no business day for 31 days: no payout day can follow them');
  });
});
