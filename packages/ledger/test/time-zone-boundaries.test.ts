import { createLedger, hledgerJournalLines, journalNdjsonLines, parseJournalEntry, replayJournal, type Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

const merchants = [
  { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '0%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' },
] as const;
const ledgerIn = (timeZone: string) => { const c = createLedger({ merchants, timeZone } as never); if (!c.ok) throw new Error(c.error.message); return c.value; };
const pay = (id: string, amount: number, at: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount, platformFee: 0 }], at });
const settings = (at: string): Command => ({ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at } as Command);
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'accepted' : r.error?.code);

// Review 267 (time zones other than +09:00): the period ends, payments at its edges and replay,
// in a zone west of UTC with times written in other offsets; offsets past ±14:59; the hledger
// header's zone. The `time_zone` minutes check (+09:60) was killed by no test before.

describe('payout week Sat 2026-04-25 .. Fri 2026-05-01 ends at local midnight 2026-05-02T00:00 in the ledger time zone', () => {
  // -05:00: the period ends at 2026-05-02T05:00Z; times written in other offsets on purpose.
  function world() {
    const l = ledgerIn('-05:00');
    expect(l.execute(settings('2026-04-20T00:00:00Z')).ok).toBe(true);
    expect(l.execute(pay('in', 100, '2026-05-02T04:59:59.999Z')).ok).toBe(true); // 23:59:59.999 local on Fri 05-01
    return l;
  }
  it('a run one millisecond before the local midnight is settlement_period_not_ended, and one exactly at it is accepted', () => {
    const l = world();
    expect(codeOf(l.execute({ op: 'settlement.run', date: '2026-05-08', at: '2026-05-02T13:59:59.999+09:00' } as Command))).toBe('settlement_period_not_ended');
    expect(codeOf(l.execute({ op: 'settlement.run', date: '2026-05-08', at: '2026-05-02T19:00:00+14:00' } as Command))).toBe('accepted');
  });
  it('a payment exactly at the local midnight belongs to the next week: the run pays only the one before it, live and on replay', () => {
    const l = world();
    const out = l.execute(pay('out', 1000, '2026-05-01T17:00:00-12:00')); expect(out.ok ? 'ok' : out.error.message).toBe('ok'); // = 2026-05-02T05:00Z, local 00:00
    const run = l.execute({ op: 'settlement.run', date: '2026-05-08', at: '2026-05-08T12:00:00-05:00' } as Command);
    if (!run.ok) throw new Error(run.error.message);
    expect(run.entry?.changes.filter((c) => c.kind === 'payout_period_settled').map((c) => (c as { amount: number }).amount)).toEqual([100]);
    const lines = [...journalNdjsonLines({ merchants, timeZone: '-05:00' } as never, l.journal, 'objects')].join('').split('\n').filter(Boolean);
    const entries = lines.slice(1).map((line, i) => { const e = parseJournalEntry(JSON.parse(line), i + 2); if (!e.ok) throw new Error(e.error.message); return e.value; });
    const replayed = replayJournal({ merchants, timeZone: '-05:00' } as never, entries);
    expect(replayed.ok ? 'replayed' : replayed.error.message).toBe('replayed');
  });
});

describe('offsets and instants at the edges', () => {
  it.each([['2026-05-01T10:00:00+15:00', '+15:00'], ['2026-05-01T10:00:00+09:60', '+09:60'], ['20260501T100000-1500', '-1500']])('%s is time_invalid, the message naming the offsets there are', (at, offset) => {
    const result = ledgerIn('+09:00').execute(settings(at));
    expect(result.ok ? 'accepted' : result.error).toEqual({
      code: 'time_invalid',
      message: `at "${at}" must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00 (a UTC offset runs from -14:59 to +14:59, not ${offset})`,
    });
  });
  it('+14:59 and -14:59 are offsets; 1400-01-01T23:59:59.999Z is before the range', () => {
    expect(codeOf(ledgerIn('+09:00').execute(settings('2026-05-01T10:00:00+14:59')))).toBe('accepted');
    expect(codeOf(ledgerIn('+09:00').execute(settings('2026-05-01T10:00:00-14:59')))).toBe('accepted');
    expect(codeOf(ledgerIn('+09:00').execute(settings('1400-01-01T23:59:59.999Z')))).toBe('time_invalid');
  });
  it('+09:60 is no time zone, and +14:59 is one', () => {
    const refused = createLedger({ merchants, timeZone: '+09:60' } as never);
    expect(refused.ok ? 'created' : refused.error).toEqual({ code: 'config_time_zone_invalid', message: 'time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not "+09:60"' });
    expect(codeOf(createLedger({ merchants, timeZone: '+14:59' } as never))).toBe('accepted');
  });
  it('the hledger header names UTC as UTC+00:00, and -05:00 as UTC-05:00', () => {
    for (const [zone, name] of [['Z', 'UTC+00:00'], ['-00:00', 'UTC+00:00'], ['-05:00', 'UTC-05:00'], ['+05:45', 'UTC+05:45']]) {
      const l = ledgerIn(zone as string);
      l.execute(pay('p', 100, '2026-05-01T00:30:00Z'));
      const text = [...hledgerJournalLines(l.state)].join('');
      expect(text).toContain(`dates in ${name},`);
      expect(text).toMatch(zone === '-05:00' ? /^2026-04-30 \* \(1\)/m : /^2026-05-01 \* \(1\)/m);
    }
  });
});
