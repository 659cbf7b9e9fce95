import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../support/generate-scenario.js';
import { kanjo } from '../support/kanjo-cli.js';

// hledger is installed by scripts/install-tools.sh (Debian's package). If it is missing,
// execFileSync throws ENOENT and this test FAILS: it never skips.
const work = mkdtempSync(join(tmpdir(), 'kanjo-hledger-'));
const scenarioPath = join(work, 'generated.json');
const hledgerPath = join(work, 'generated.journal');
const journalPath = join(work, 'generated.ndjson');
writeFileSync(scenarioPath, JSON.stringify(generateScenario({ payments: 4000, seed: 7 })));
const run = kanjo(['run', scenarioPath, '--format', 'json', '--hledger', hledgerPath, '--journal', journalPath]);
const report = JSON.parse(run.stdout) as {
  results: { ok: boolean; op: string; error?: { code: string } }[];
  balances: Record<string, Record<string, number>>;
};

/** hledger's balance of every merchant account, read from its CSV output. */
function hledgerMerchantBalances(): Record<string, number> {
  const csv = execFileSync('hledger', ['-f', hledgerPath, 'balance', '^Liabilities:Merchants:', '--flat', '--no-total', '-O', 'csv'], { encoding: 'utf8' });
  const balances: Record<string, number> = {};
  for (const line of csv.trim().split('\n').slice(1)) {
    const match = /^"Liabilities:Merchants:([^"]+)","(-?\d+) JPY"$/.exec(line.trim());
    if (match === null) throw new Error(`unexpected hledger line: ${line}`);
    // hledger shows a liability with the opposite sign of the merchant's balance.
    balances[match[1] as string] = -Number(match[2]);
  }
  return balances;
}

describe('an hledger export of a generated scenario (4,000 payments with refunds, requests, chargebacks, transfers and payouts)', () => {
  it('exercises every kind of flow, most commands accepted', () => {
    expect(run.status).toBe(0);
    const accepted = new Set(report.results.filter((result) => result.ok).map((result) => result.op));
    for (const op of ['payment.create', 'payment.capture', 'payment.refund', 'payment.refund_request', 'refund_request.complete', 'refund_request.reject', 'payment.chargeback', 'balance.transfer', 'settlement.run']) {
      expect([op, accepted.has(op)]).toEqual([op, true]);
    }
    expect(report.results.filter((result) => result.ok).length).toBeGreaterThan(report.results.length * 0.9);
  });

  it('passes hledger check (every transaction balanced, every closing balance assertion holds)', () => {
    expect(() => execFileSync('hledger', ['-f', hledgerPath, 'check'], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  });

  it('would catch a wrong closing balance: hledger check fails on a tampered assertion', () => {
    const text = readFileSync(hledgerPath, 'utf8');
    const tampered = text.replace(/(Liabilities:Merchants:pm1  0 JPY = )(-?\d+)/, (_all, head: string, amount: string) => `${head}${Number(amount) - 1}`);
    expect(tampered).not.toBe(text);
    const tamperedPath = join(work, 'tampered.journal');
    writeFileSync(tamperedPath, tampered);
    expect(() => execFileSync('hledger', ['-f', tamperedPath, 'check'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/balance assertion/i);
  });

  it('gives exactly Kanjo\'s balance for every merchant', () => {
    const fromKanjo = Object.fromEntries(Object.entries(report.balances).filter(([, byCurrency]) => 'JPY' in byCurrency).map(([merchant, byCurrency]) => [merchant, byCurrency['JPY']]));
    expect(hledgerMerchantBalances()).toEqual(fromKanjo);
  });

  it('sums to zero over all accounts, as double entry must', () => {
    const total = execFileSync('hledger', ['-f', hledgerPath, 'balance', '-N', '--flat', '-O', 'csv', '--depth', '1'], { encoding: 'utf8' });
    const sum = total.trim().split('\n').slice(1).reduce((acc, line) => acc + Number(/"(-?\d+) JPY"/.exec(line)?.[1] ?? 'NaN'), 0);
    expect(sum).toBe(0);
  });

  it('reconciles to the same balances with kanjo reconcile', () => {
    const reconciled = kanjo(['reconcile', journalPath, '--format', 'json']);
    expect(reconciled.status).toBe(0);
    expect((JSON.parse(reconciled.stdout) as { balances: unknown }).balances).toEqual(report.balances);
  });
});
