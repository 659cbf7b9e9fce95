import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { splitDetails, writeMarketplaceScenario } from '../support/marketplace-scenario.js';

/**
 * `kanjo reconcile --format table` is for a person (issue 7: the balances per merchant and
 * currency): ids left-aligned and amounts right-aligned by terminal columns, as the tables of
 * `kanjo run` are, and a merchant no entry touched named with "no records" (session 56: it was
 * left out, so the table read as if the journal lacked the merchant the JSON lists as `{}`).
 */
const { work, scenario } = writeMarketplaceScenario('kanjo-reconcile-table-', 'wide.json', ['店舗', 'pm1', 'idle'], [
  { op: 'payment.create', id: 'p1', merchant: 'mart', amount: 123456, currency: 'JPY', payment_type: 'credit_card', platform_details: splitDetails(['店舗', 100000, 1000], ['pm1', 23456, 0]) },
  { op: 'payment.create', id: 'p2', merchant: 'mart', amount: 500, currency: 'USD', payment_type: 'credit_card', platform_details: splitDetails(['pm1', 500, 50]) },
]);
const journal = join(work, 'wide.ndjson');

describe('kanjo reconcile --format table', () => {
  it('aligns wide ids and amounts of several currencies, and names the merchant with no records', () => {
    expect(kanjo(['run', scenario, '--format', 'json', '--journal', journal]).status).toBe(0);
    const { status, stdout, stderr } = kanjo(['reconcile', journal, '--format', 'table']);
    // mart keeps the platform fees less 3.6% and its 10% tax: 1000 − 4444 (of 4444.416) − 444
    // yen; 0.50 − 0.18 − 0.02 dollars. 店舗 is two characters four columns wide, as wide as mart.
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toBe(
      [
        `${journal}: 2 entries, all balanced, sequence contiguous, replay succeeded`,
        'mart  -3888 JPY',
        'mart   0.30 USD',
        '店舗  99000 JPY',
        'pm1   23456 JPY',
        'pm1    4.50 USD',
        'idle  no records',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(kanjo(['reconcile', journal, '--format', 'json']).stdout) as { balances: unknown };
    expect(json.balances).toEqual({ mart: { JPY: -3888, USD: 30 }, 店舗: { JPY: 99000 }, pm1: { JPY: 23456, USD: 450 }, idle: {} });
  });
});
