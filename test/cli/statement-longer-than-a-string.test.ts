import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KANJO_CLI } from '../support/kanjo-cli.js';

// `kanjo run --statements` joined each merchant's statement into one string, and a platform's
// statement grows with every payment: past what one JavaScript string holds (2^29 - 24 units)
// the run threw `RangeError: Invalid string length`. It is written a line at a time now.
// 250,000 payments with ids of 255 characters give the marketplace 1,750,001 rows of about
// 316 characters, some 550 million in all. About a minute and 3 GB: run with KANJO_BIG_CLI=1
// (npm test does).
describe.runIf(process.env['KANJO_BIG_CLI'] === '1')('a statement longer than a JavaScript string can be', () => {
  it('kanjo run --statements writes the whole of it, exit 0', () => {
    const payments = 250_000;
    const directory = mkdtempSync(join(tmpdir(), 'kanjo-long-statement-'));
    const id = (index: number): string => String(index).padStart(255, 'p');
    const scenario = {
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id: 'pm1', type: 'payout', platform: 'mart' },
        { id: 'pm2', type: 'payout', platform: 'mart' },
      ],
      commands: Array.from({ length: payments }, (_, index) => ({
        op: 'payment.create',
        id: id(index),
        merchant: 'mart',
        amount: 1000,
        currency: 'JPY',
        payment_type: 'credit_card',
        capture: true,
        platform_details: {
          submerchants: [
            { submerchant_id: 'pm1', amount: 700, platform_fee: 70 },
            { submerchant_id: 'pm2', amount: 300, platform_fee: 30 },
          ],
        },
        at: '2026-01-05T00:00:00Z',
      })),
    };
    const path = join(directory, 'long-statement.json');
    writeFileSync(path, JSON.stringify(scenario));
    const run = spawnSync(process.execPath, [KANJO_CLI, 'run', path, '--statements', join(directory, 'statements'), '--format', 'csv'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const statement = join(directory, 'statements', 'mart.csv');
    expect(statement).toSatisfy((file: string) => statSync(file).size > 2 ** 29);
    // Its last row: the last payment's Processing Fee Tax, and the platform's 60 of each ¥1,000 summed.
    const file = openSync(statement, 'r');
    const tail = Buffer.alloc(400);
    const read = readSync(file, tail, 0, tail.length, statSync(statement).size - tail.length);
    closeSync(file);
    const lastRow = tail.subarray(0, read).toString('utf8').split('\r\n').at(-2);
    expect(lastRow).toBe(`${payments},2026-01-05T00:00:00.000Z,${id(payments - 1)},Processing Fee Tax,JPY,0,4,${60 * payments}`);
  }, 900_000);
});
