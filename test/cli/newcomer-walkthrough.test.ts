import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

// A newcomer's walkthrough: scenarios copied from packages/ledger/examples and changed, their
// numbers worked out by hand from DOMAIN.md.

const work = mkdtempSync(join(tmpdir(), 'kanjo-newcomer-'));
const write = (name: string, document: unknown): string => {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
};

const merchants = [
  { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
  { id: 'pm1', type: 'payout', platform: 'mart' },
  { id: 'pm2', type: 'payout', platform: 'mart' },
];

interface Report {
  results: { ok: boolean; error?: { code: string } }[];
  balances: Record<string, Record<string, number>>;
  events: { type: string; merchant?: string; amount?: number }[];
}

describe('examples/README.md: a settlement.run is the run of one payout day, its `date`', () => {
  // pm1 weekly (minimum ¥500), the platform monthly. Payment a (Tue 04-28): pm1 630, pm2 200,
  // mart 1000 - 1000 + 170 - 36 - 4 = 130. pm1 sends mart ¥100 on Fri 05-01: pm1 530, mart 230.
  // Payment b (05-05): pm1 + 630, mart + 370 - 40.
  const commands = [
    { op: 'payout_settings.update', at: '2026-04-20T09:00:00+09:00', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimum_amount: 500 },
    { op: 'payout_settings.update', at: '2026-04-20T09:00:00+09:00', merchant: 'mart', target: 'mart', currency: 'JPY', frequency: 'monthly', minimum_amount: 0 },
    {
      op: 'payment.create', at: '2026-04-28T10:00:00+09:00', id: 'a', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card',
      platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 800, platform_fee: 170 }, { submerchant_id: 'pm2', amount: 200, platform_fee: 0 }] },
    },
    { op: 'balance.transfer', at: '2026-05-01T20:00:00+09:00', merchant: 'mart', from: 'pm1', to: 'mart', amount: 100, currency: 'JPY' },
    {
      op: 'payment.create', at: '2026-05-05T10:00:00+09:00', id: 'b', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card',
      platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 370 }] },
    },
    // Thursday: nobody's payout day, so nothing is paid although the week to 05-01 has ended.
    { op: 'settlement.run', at: '2026-05-07T12:00:00+09:00', date: '2026-05-07' },
    // Friday 05-08 pays the week 04-25 to 05-01: pm1 held 530 at its end (≥ 500).
    { op: 'settlement.run', at: '2026-05-08T12:00:00+09:00', date: '2026-05-08' },
    { op: 'settlement.run', at: '2026-05-08T13:00:00+09:00', date: '2026-05-08' },
    // April's monthly payout is due Sunday 05-31, moved past the holiday 06-01 to 06-02: mart
    // held 130 at the end of April. pm1's payout days 05-15, 05-22 and 05-29 had no run, and
    // this run does not catch them up.
    { op: 'settlement.run', at: '2026-06-02T12:00:00+09:00', date: '2026-06-02', holidays: ['2026-06-01'] },
    // Friday 06-05 pays the week 05-23 to 05-29: what pm1 held at its end, 1160 - 530 = 630.
    { op: 'settlement.run', at: '2026-06-05T12:00:00+09:00', date: '2026-06-05' },
  ];

  it('pays only the periods due on its date, never twice, and a missed payout day goes with the next period', () => {
    const { status, stdout, stderr } = kanjo(['run', write('payout.json', { merchants, commands }), '--format', 'json']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const report = JSON.parse(stdout) as Report;
    expect(report.results.every((result) => result.ok)).toBe(true);
    expect(report.events.filter((event) => event.type === 'settlement.created')).toEqual([
      { type: 'settlement.created', merchant: 'pm1', amount: 530, currency: 'JPY' },
      { type: 'settlement.created', merchant: 'mart', amount: 130, currency: 'JPY' },
      { type: 'settlement.created', merchant: 'pm1', amount: 630, currency: 'JPY' },
    ]);
    expect(report.balances).toEqual({ mart: { JPY: 430 }, pm1: { JPY: 0 }, pm2: { JPY: 200 } });
  });
});

describe('kanjo run --format csv and rejected commands', () => {
  // The CSV is the records alone: a rejected command left no trace on standard output or
  // standard error, and the exit status is 0 (SCENARIO.md: "exit status 0, whatever commands
  // were rejected"). A newcomer who ran a changed example with --format csv could not tell that
  // the refund they added was refused, and read the balances as if it had posted. Decided
  // (2026-12-01): a line on standard error for each, as for unknown fields; standard output
  // stays the records and the exit status 0.
  const create = (id: string) => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] } });

  it('each rejected command on standard error with its code; standard output the same CSV as without them', () => {
    const path = write('csv-rejections.json', { merchants, commands: [create('p1'), { op: 'payment.refund', payment: 'nope' }, { op: 'payment.teleport' }] });
    const clean = write('csv-clean.json', { merchants, commands: [create('p1')] });
    const { status, stdout, stderr } = kanjo(['run', path, '--format', 'csv']);
    expect({ status, stderr }).toEqual({
      status: 0,
      stderr:
        'kanjo: warning: commands[1] (payment.refund) was rejected and changed nothing: payment_not_found: no payment "nope": check the id\n' +
        'kanjo: warning: commands[2] (payment.teleport) was rejected and changed nothing: op_unknown: ' + rejectionMessage(path, 2) + '\n',
    });
    expect(stdout).toBe(kanjo(['run', clean, '--format', 'csv']).stdout);
  });

  it('past ten, the rest are counted, not named', () => {
    const refunds = Array.from({ length: 13 }, () => ({ op: 'payment.refund', payment: 'nope' }));
    const { status, stderr } = kanjo(['run', write('csv-many.json', { merchants, commands: [create('p1'), ...refunds] }), '--format', 'csv']);
    const lines = stderr.trimEnd().split('\n');
    expect(status).toBe(0);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('kanjo: warning: commands[1] (payment.refund) was rejected and changed nothing: payment_not_found: no payment "nope": check the id');
    expect(lines[10]).toBe('kanjo: warning: 3 more commands were rejected (13 of 14); --format json or table lists them all');
  });

  it('the JSON and the table say nothing more on standard error: they list the rejections themselves', () => {
    const path = write('csv-rejections-json.json', { merchants, commands: [create('p1'), { op: 'payment.refund', payment: 'nope' }] });
    expect(kanjo(['run', path, '--format', 'json']).stderr).toBe('');
    expect(kanjo(['run', path, '--format', 'table']).stderr).toBe('');
  });
});

/** The message the JSON report gives for commands[index]. */
function rejectionMessage(path: string, index: number): string {
  const report = JSON.parse(kanjo(['run', path, '--format', 'json']).stdout) as { results: { error?: { message: string } }[] };
  return report.results[index]?.error?.message ?? '';
}
