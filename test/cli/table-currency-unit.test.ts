import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { splitDetails, writeMarketplaceScenario } from '../support/marketplace-scenario.js';

/**
 * The tables are for a person to read (issue 7: "aligned columns a person can read"), and a
 * person reads `4500 USD` as four thousand five hundred dollars. So `kanjo run --format table`
 * and `kanjo reconcile --format table` write each amount in the unit its currency code names,
 * with its ISO 4217 decimals, as the hledger export does: 4,500 cents is `45.00`, 5,005 fils
 * `5.005`, yen unchanged. JSON, CSV, statements and journals keep counting minor units (the
 * scenario contract and the scripts that read them).
 */
const split = (submerchant: string, amount: number, platformFee: number) => splitDetails([submerchant, amount, platformFee]);
const { work, scenario } = writeMarketplaceScenario('kanjo-table-unit-', 'mixed.json', ['pm1'], [
  { op: 'payment.create', id: 'usd1', merchant: 'mart', amount: 5000, currency: 'USD', payment_type: 'credit_card', platform_details: split('pm1', 5000, 500) },
  { op: 'payment.create', id: 'kwd1', merchant: 'mart', amount: 5005, currency: 'KWD', payment_type: 'credit_card', platform_details: split('pm1', 5005, 505) },
  { op: 'payment.create', id: 'jpy1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: split('pm1', 1000, 100) },
  { op: 'payment.refund', payment: 'usd1', amount: 1005, platform_details: split('pm1', 1000, 5) },
]);
const journal = join(work, 'mixed.ndjson');

describe('the tables write amounts in the unit the currency code names', () => {
  it('kanjo run --format table: USD with 2 decimals, KWD with 3, JPY as it is', () => {
    const run = kanjo(['run', scenario, '--format', 'table', '--journal', journal]);
    expect(run.status).toBe(0);
    // USD: 3.6% of 50.00 is 1.80, tax 0.18; the refund of 10.05 costs the platform 0.05 and pm1 10.00.
    // KWD: 3.6% of 5.005 is 0.18018 → 0.180, tax 0.018. JPY: 3.6% of 1000 is 36, tax 4.
    expect(run.stdout).toBe(
      [
        `# ${scenario}`,
        '4 commands: 4 accepted, 0 rejected',
        '',
        'mart (JPY)',
        'seq  payment  record              deposit  debit  balance',
        '---  -------  ------------------  -------  -----  -------',
        '  3  jpy1     Payment                1000      0     1000',
        '  3  jpy1     Payment Transfer          0   1000        0',
        '  3  jpy1     Platform Fee            100      0      100',
        '  3  jpy1     Processing Fee            0     36       64',
        '  3  jpy1     Processing Fee Tax        0      4       60',
        'closing balance: 60 JPY',
        '',
        'mart (KWD)',
        'seq  payment  record              deposit  debit  balance',
        '---  -------  ------------------  -------  -----  -------',
        '  2  kwd1     Payment               5.005  0.000    5.005',
        '  2  kwd1     Payment Transfer      0.000  5.005    0.000',
        '  2  kwd1     Platform Fee          0.505  0.000    0.505',
        '  2  kwd1     Processing Fee        0.000  0.180    0.325',
        '  2  kwd1     Processing Fee Tax    0.000  0.018    0.307',
        'closing balance: 0.307 KWD',
        '',
        'mart (USD)',
        'seq  payment  record                   deposit  debit  balance',
        '---  -------  -----------------------  -------  -----  -------',
        '  1  usd1     Payment                    50.00   0.00    50.00',
        '  1  usd1     Payment Transfer            0.00  50.00     0.00',
        '  1  usd1     Platform Fee                5.00   0.00     5.00',
        '  1  usd1     Processing Fee              0.00   1.80     3.20',
        '  1  usd1     Processing Fee Tax          0.00   0.18     3.02',
        '  4  usd1     Refund                      0.00  10.05    -7.03',
        '  4  usd1     Payment Transfer Return    10.00   0.00     2.97',
        'closing balance: 2.97 USD',
        '',
        'pm1 (JPY)',
        'seq  payment  record            deposit  debit  balance',
        '---  -------  ----------------  -------  -----  -------',
        '  3  jpy1     Payment Transfer     1000      0     1000',
        '  3  jpy1     Platform Fee            0    100      900',
        'closing balance: 900 JPY',
        '',
        'pm1 (KWD)',
        'seq  payment  record            deposit  debit  balance',
        '---  -------  ----------------  -------  -----  -------',
        '  2  kwd1     Payment Transfer    5.005  0.000    5.005',
        '  2  kwd1     Platform Fee        0.000  0.505    4.500',
        'closing balance: 4.500 KWD',
        '',
        'pm1 (USD)',
        'seq  payment  record                   deposit  debit  balance',
        '---  -------  -----------------------  -------  -----  -------',
        '  1  usd1     Payment Transfer           50.00   0.00    50.00',
        '  1  usd1     Platform Fee                0.00   5.00    45.00',
        '  4  usd1     Payment Transfer Return     0.00  10.00    35.00',
        'closing balance: 35.00 USD',
        '',
        'payments',
        'payment  status    amount  captured  refunded  currency',
        '-------  --------  ------  --------  --------  --------',
        'usd1     captured   50.00     50.00     10.05  USD',
        'kwd1     captured   5.005     5.005     0.000  KWD',
        'jpy1     captured    1000      1000         0  JPY',
        '',
      ].join('\n'),
    );
  });

  it('the JSON report keeps minor units (SCENARIO.md), so the table and JSON name the same amounts', () => {
    const report = JSON.parse(kanjo(['run', scenario, '--format', 'json']).stdout) as { balances: Record<string, Record<string, number>> };
    expect(report.balances).toEqual({ mart: { JPY: 60, KWD: 307, USD: 297 }, pm1: { JPY: 900, KWD: 4500, USD: 3500 } });
  });

  it('kanjo reconcile --format table: each balance in its unit; --format json in minor units', () => {
    const table = kanjo(['reconcile', journal, '--format', 'table']);
    expect(table.status).toBe(0);
    expect(table.stdout).toBe(
      `${journal}: 4 entries, all balanced, sequence contiguous, replay succeeded\n` +
        'mart     60 JPY\nmart  0.307 KWD\nmart   2.97 USD\npm1     900 JPY\npm1   4.500 KWD\npm1   35.00 USD\n',
    );
    const json = JSON.parse(kanjo(['reconcile', journal, '--format', 'json']).stdout) as { balances: unknown };
    expect(json.balances).toEqual({ mart: { JPY: 60, KWD: 307, USD: 297 }, pm1: { JPY: 900, KWD: 4500, USD: 3500 } });
  });
});
