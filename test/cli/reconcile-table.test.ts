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

// Review 238's survivors: the widest id above is as wide in columns as in characters, the
// merchant with no records was already the widest, and no id is drawn narrower than its code
// points count. Here the widest id is Japanese (5 characters, 10 columns: more than the
// family emoji's 8 UTF-16 units), the ones with no records are narrower, and the family emoji
// (3 emoji joined by U+200D: 6 columns counted by code point) is drawn 2 wide.
describe('kanjo reconcile --format table, widths by terminal columns', () => {
  const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
  const { work: folder, scenario: wide } = writeMarketplaceScenario('kanjo-reconcile-widths-', 'widths.json', ['東京駅前店', 'z', family], [
    { op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: splitDetails(['東京駅前店', 1000, 100]) },
  ]);

  it('pads each id to the widest id\'s columns, the lines with no records too', () => {
    const path = join(folder, 'widths.ndjson');
    expect(kanjo(['run', wide, '--format', 'json', '--journal', path]).status).toBe(0);
    const { status, stdout } = kanjo(['reconcile', path, '--format', 'table']);
    // mart: 100 − 36 − 4 (3.6% of 1000 and its 10% tax).
    expect({ status, lines: stdout.split('\n').slice(1) }).toEqual({
      status: 0,
      lines: ['mart         60 JPY', '東京駅前店  900 JPY', 'z           no records', `${family}          no records`, ''],
    });
  });
});
