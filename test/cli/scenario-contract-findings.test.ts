import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

/**
 * Review of `kanjo run` against SCENARIO.md (the public contract of scenario files): each test
 * quotes the sentence it checks.
 */
const work = mkdtempSync(join(tmpdir(), 'kanjo-contract-'));
const write = (name: string, document: unknown): string => {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
};

const mart = { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } };
const merchants = [mart, { id: 'pm1', type: 'payout', platform: 'mart' }, { id: 'pm2', type: 'payout', platform: 'mart' }];
const payment = (id: string, at?: string) => ({
  op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card',
  ...(at === undefined ? {} : { at }),
  platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 700, platform_fee: 70 }, { submerchant_id: 'pm2', amount: 300, platform_fee: 30 }] },
});

type Report = { results: { ok: boolean; error?: { code: string } }[]; balances: unknown };
const runJson = (path: string): { status: number | null; stderr: string; report: Report } => {
  const { status, stdout, stderr } = kanjo(['run', path, '--format', 'json']);
  return { status, stderr, report: JSON.parse(stdout === '' ? 'null' : stdout) as Report };
};

describe('SCENARIO.md contract findings', () => {
  // SCENARIO.md "Commands": "`at` (an ISO 8601 time: ...; without it, the time of the command
  // before it, and for the first command 1970-01-01T00:00:00Z; a time before the previous
  // command's is rejected)". The first command has no previous command: 1970 is only the
  // default of an `at` left out, not a floor for one that is given.
  it('the first command may be dated before 1970-01-01T00:00:00Z: there is no previous command to be before', () => {
    const { status, report } = runJson(write('before-1970.json', {
      merchants,
      commands: [payment('old', '1969-12-31T23:59:59Z'), payment('later'), payment('earlier', '1969-12-31T23:00:00Z')],
    }));
    expect(status).toBe(0);
    // The second command takes the first's time; the third is before it, so it is out of order.
    expect(report.results.map((result) => result.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'time_out_of_order']);
    expect(report.balances).toEqual({ mart: { JPY: 120 }, pm1: { JPY: 1260 }, pm2: { JPY: 540 } });
  });

  // SCENARIO.md "Output": "A file that cannot be read, is not JSON, or has no `commands` list:
  // exit status 2 and one line on standard error saying what is wrong." The file's settings are
  // snake_case (SCENARIO.md "File": `tax_rate`, `payment_methods` ... `fee_rate`); the line
  // must name the setting as the file spells it, not the library's camelCase option.
  it('a malformed fee_rate is reported under its own name, payment_methods.credit_card.fee_rate', () => {
    const { status, stderr } = runJson(write('fee-rate.json', {
      merchants: [{ ...mart, payment_methods: { credit_card: { fee_rate: '3.6' } } }],
      commands: [],
    }));
    expect(status).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('payment_methods.credit_card.fee_rate');
    expect(stderr).not.toMatch(/paymentMethods|feeRate/);
  });

  // SCENARIO.md "File": "`tax_rate`, `refund_request_fee` and `time_zone` ... have the defaults
  // shown" ("tax_rate": "10%"); "Rates are decimal strings with `%`." A malformed tax_rate is a
  // problem of the file's top level, named as `tax_rate`, not of whichever platform comes first.
  it('a malformed tax_rate is reported as tax_rate, not as the first platform\'s taxRate', () => {
    const { status, stderr } = runJson(write('tax-rate.json', { merchants, tax_rate: '10', commands: [] }));
    expect(status).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/rate_malformed: tax_rate: "10" is not a percentage/);
    expect(stderr).not.toMatch(/taxRate|platform mart/);
  });

});
