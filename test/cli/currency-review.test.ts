import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

/**
 * Review of `kanjo run` and `kanjo reconcile` with one scenario in JPY, USD (exponent 2) and
 * KWD (exponent 3) side by side (DOMAIN.md "Money": amounts are integer counts of each
 * currency's minor unit; "Journal": postings sum to zero per currency). The same commands in
 * each currency must give the same minor-unit balances in each, and every output (the JSON
 * report, the table, the statements, both NDJSON journals read back by reconcile, the hledger
 * export read by hledger and ledger) must print the same balances, currency by currency.
 */
const work = mkdtempSync(join(tmpdir(), 'kanjo-currency-'));
const CURRENCIES = ['JPY', 'USD', 'KWD'] as const;
const BANK = { customer_name: 'ヤマダ タロウ', bank_name: 'Mizuho', bank_code: '0001', branch_name: 'Tokyo', branch_number: '001', account_type: 'ordinary', account_number: '1234567' };

function mixedScenario(): unknown {
  const commands: Record<string, unknown>[] = [];
  let minute = 0;
  const at = () => new Date(Date.UTC(2026, 3, 1, 0, minute++)).toISOString();
  for (const currency of CURRENCIES) {
    const c = currency.toLowerCase();
    commands.push(
      { op: 'payment.create', at: at(), id: `${c}_fund`, merchant: 'mart', amount: 20000, currency, payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm2', amount: 20000, platform_fee: 20000 }] } },
      { op: 'payment.create', at: at(), id: `${c}_card`, merchant: 'mart', amount: 5000, currency, payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 3500, platform_fee: 350 }, { submerchant_id: 'pm2', amount: 1500, platform_fee: 150 }] } },
      { op: 'payment.create', at: at(), id: `${c}_auth`, merchant: 'mart', amount: 10001, currency, payment_type: 'credit_card', capture: false },
      { op: 'payment.capture', at: at(), payment: `${c}_auth`, amount: 9999, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 9999, platform_fee: 999 }] } },
      { op: 'payment.refund', at: at(), payment: `${c}_card`, amount: 900, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 600, platform_fee: 50 }, { submerchant_id: 'pm2', amount: 250, platform_fee: 0 }] } },
      { op: 'payment.refund', at: at(), payment: `${c}_card` },
      { op: 'payment.create', at: at(), id: `${c}_kb`, merchant: 'mart', amount: 5005, currency, payment_type: 'konbini', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 5005, platform_fee: 505 }] } },
      { op: 'payment.capture', at: at(), payment: `${c}_kb` },
      { op: 'payment.refund_request', at: at(), id: `${c}_rr`, payment: `${c}_kb`, include_payment_method_fee: true, ...BANK },
      { op: 'refund_request.complete', at: at(), refund_request: `${c}_rr` },
      { op: 'payment.create', at: at(), id: `${c}_sel`, merchant: 'plat', as: 'sel', amount: 50000, currency, payment_type: 'credit_card', platform_amount: 5000, platform_merchant: 'plat' },
      { op: 'payment.refund', at: at(), payment: `${c}_sel`, amount: 100 },
      { op: 'payment.refund', at: at(), payment: `${c}_sel`, amount: 107 },
      { op: 'payment.chargeback', at: at(), payment: `${c}_auth` },
      { op: 'balance.transfer', at: at(), merchant: 'mart', from: 'pm1', to: 'mart', amount: 77, currency },
      { op: 'payout_settings.update', at: at(), merchant: 'mart', target: 'pm1', currency, frequency: 'weekly', minimum_amount: 0 },
      { op: 'payout_settings.update', at: at(), merchant: 'plat', target: 'sel', currency, frequency: 'monthly', minimum_amount: 0 },
    );
  }
  commands.push({ op: 'settlement.run', at: '2026-04-10T06:00:00Z', date: '2026-04-10' }, { op: 'settlement.run', at: '2026-06-01T06:00:00Z', date: '2026-06-01' });
  return {
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' }, konbini: { fee_rate: '2.75%', customer_fee: 195 } } },
      { id: 'pm1', type: 'payout', platform: 'mart' },
      { id: 'pm2', type: 'payout', platform: 'mart' },
      { id: 'plat', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.25%' } } },
      { id: 'sel', type: 'seller', platform: 'plat' },
    ],
    commands,
  };
}

type Balances = Record<string, Record<string, number>>;

/** `45.00` USD or `-5.005` KWD as minor units (4500, -5005), on the digits: no float division. */
function minorUnits(decimal: string, currency: string): number {
  const exponent = { JPY: 0, USD: 2, KWD: 3 }[currency];
  if (exponent === undefined) throw new Error(`no exponent for ${currency}`);
  const [whole = '', fraction = ''] = decimal.split('.');
  expect(fraction.length, `${decimal} ${currency}`).toBe(exponent);
  return Number(`${whole}${fraction}`);
}

describe('kanjo run and reconcile with JPY, USD and KWD in one scenario', () => {
  const scenario = join(work, 'mixed.json');
  writeFileSync(scenario, JSON.stringify(mixedScenario()));
  const compact = join(work, 'mixed.ndjson');
  const objects = join(work, 'mixed-objects.ndjson');
  const hledgerFile = join(work, 'mixed.journal');
  const statements = join(work, 'statements');
  const run = kanjo(['run', scenario, '--format', 'json', '--journal', compact, '--hledger', hledgerFile, '--statements', statements]);
  const report = JSON.parse(run.stdout) as { results: { ok: boolean; error?: { code: string } }[]; balances: Balances; events: { type: string; merchant?: string; amount?: number; currency?: string }[] };

  it('accepts every command, and the same commands give the same minor-unit balances in every currency', () => {
    expect(run.status).toBe(0);
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    for (const byCurrency of Object.values(report.balances)) {
      expect(Object.keys(byCurrency)).toEqual(['JPY', 'KWD', 'USD']);
      expect(byCurrency['USD']).toBe(byCurrency['JPY']);
      expect(byCurrency['KWD']).toBe(byCurrency['JPY']);
    }
    // By hand, in every currency. mart: the funding payment 20000 less 720 + 72 of fees; the
    // card +302, the two-step capture +603, the refunds −50 and −450, the Konbini capture +353
    // (2.75% of 5005 = 137.6 → 138, tax 14), its request −1050 (−5005 + 4500 returned, Refund
    // Fee 300 + 30, customer fee 195 + 20), the chargeback −9999, the transfer +77. plat: 5000
    // less 1625 + 163 (3.25% of 50000, tax 162.5 → 163), less 10 and 11 of the refunds (207 ×
    // 10% = 20.7 → 21 in all). pm1 (8923) and sel (44814) are paid out.
    expect(report.balances['mart']?.['USD']).toBe(19208 + 302 + 603 - 50 - 450 + 353 - 1050 - 9999 + 77);
    expect(report.balances['plat']?.['KWD']).toBe(5000 - 1625 - 163 - 10 - 11);
    // Each run pays each currency apart: the weekly run pm1, the monthly run sel, 3 currencies each.
    const payouts = report.events.filter((event) => event.type === 'settlement.created');
    expect(payouts.map(({ merchant, amount, currency }) => [merchant, amount, currency])).toEqual([
      ['pm1', 8923, 'JPY'], ['pm1', 8923, 'KWD'], ['pm1', 8923, 'USD'], ['sel', 44814, 'JPY'], ['sel', 44814, 'KWD'], ['sel', 44814, 'USD'],
    ]);
  });

  it('kanjo reconcile prints the run\'s balances from the compact and the objects journal', () => {
    expect(kanjo(['run', scenario, '--format', 'json', '--journal', objects, '--journal-format', 'objects']).status).toBe(0);
    for (const journal of [compact, objects]) {
      const reconciled = kanjo(['reconcile', journal, '--format', 'json']);
      expect(reconciled.status).toBe(0);
      expect((JSON.parse(reconciled.stdout) as { balances: Balances }).balances).toEqual(report.balances);
    }
  });

  it('each payment of the JSON report names its currency (amount 5000 is ¥5,000 or $50.00)', () => {
    const payments = (report as unknown as { payments: Record<string, { amount: number; currency: string }> }).payments;
    expect(['jpy_card', 'usd_card', 'kwd_card'].map((id) => [payments[id]?.amount, payments[id]?.currency])).toEqual([
      [5000, 'JPY'],
      [5000, 'USD'],
      [5000, 'KWD'],
    ]);
  });

  it('the table\'s closing balances and each statement\'s last running balance per currency are the run\'s balances', () => {
    const table = kanjo(['run', scenario, '--format', 'table']).stdout;
    const closing: Balances = {};
    // The table writes each currency in its unit (45.00 USD): back to minor units on the digits.
    for (const [, merchant, currency, amount] of table.matchAll(/^(\S+) \((\w+)\)\n(?:.*\n)*?closing balance: (-?\d+(?:\.\d+)?) \2$/gm)) {
      (closing[merchant as string] ??= {})[currency as string] = minorUnits(amount as string, currency as string);
    }
    expect(closing).toEqual(report.balances);
    const fromStatements: Balances = {};
    for (const file of readdirSync(statements)) {
      const rows = readFileSync(join(statements, file), 'utf8').trim().split('\r\n').slice(1).map((line) => line.split(','));
      for (const row of rows) (fromStatements[file.replace(/\.csv$/, '')] ??= {})[row[4] as string] = Number(row[7]);
    }
    expect(fromStatements).toEqual(report.balances);
  });

  it('hledger and ledger read the export, keep the currencies apart, and every balance assertion holds', () => {
    expect(() => execFileSync('hledger', ['-f', hledgerFile, 'check'], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    expect(() => execFileSync('ledger', ['-f', hledgerFile, 'bal'], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    const csv = execFileSync('hledger', ['-f', hledgerFile, 'balance', '^Liabilities:Merchants:', '--flat', '--no-total', '-O', 'csv'], { encoding: 'utf8' });
    const fromHledger: Balances = {};
    for (const line of csv.trim().split('\n').slice(1)) {
      const [account, amounts] = JSON.parse(`[${line}]`) as [string, string];
      for (const amount of amounts.split(', ')) {
        const [number, currency] = amount.split(' ');
        // A merchant balance is a liability: hledger shows it with the opposite sign. The export
        // is in each currency's unit (45.00 USD); back to minor units on the digits.
        (fromHledger[account.replace('Liabilities:Merchants:', '')] ??= {})[currency as string] = -minorUnits(number as string, currency as string);
      }
    }
    const nonZero = (balances: Balances) => Object.fromEntries(Object.entries(balances).map(([merchant, byCurrency]) => [merchant, Object.fromEntries(Object.entries(byCurrency).filter(([, value]) => value !== 0))]).filter(([, byCurrency]) => Object.keys(byCurrency as object).length > 0));
    expect(nonZero(fromHledger)).toEqual(nonZero(report.balances));
  });

  // DOMAIN.md "Money": "Every amount is an integer count of the currency's minor unit (JPY: yen,
  // exponent 0; USD: cents, exponent 2). ISO 4217 exponents." The hledger export used to write
  // that count under the ISO code: $50.00 as `5000 USD`, which hledger, ledger and an accountant
  // read as five thousand dollars (with `P 2026-04-01 USD 150 JPY` in front, `hledger bal -X JPY`
  // turned pm1's $45.00 into 675,000 JPY, not 6,750). It now writes each currency's unit.
  it('the hledger export writes amounts in the unit its commodity names: 45.00 USD, 5.005 KWD, JPY unchanged', () => {
    const text = readFileSync(hledgerFile, 'utf8');
    const card = (currency: string) => text.slice(text.indexOf(`payment.create ${currency.toLowerCase()}_card\n`)).split('\n\n')[0] as string;
    // ¥5,000 / $50.00 / 5.000 KWD captured: the platform's Payment deposit is a credit of the amount.
    expect(card('JPY')).toContain('    Liabilities:Merchants:mart  -5000 JPY  ; Payment');
    expect(card('USD')).toContain('    Liabilities:Merchants:mart  -50.00 USD  ; Payment');
    expect(card('KWD')).toContain('    Liabilities:Merchants:mart  -5.000 KWD  ; Payment');
    // Processing fee 3.6% of 5000 minor units = 180, so $1.80 and 0.180 KWD.
    expect(card('USD')).toContain('    Income:Fees:Processing  -1.80 USD  ; Processing Fee');
    expect(card('KWD')).toContain('    Income:Fees:Processing  -0.180 KWD  ; Processing Fee');
    expect(text).toMatch(/^\s+Liabilities:Merchants:pm1 {2}0 USD = -?\d+\.\d{2} USD$/m);
    expect(text).toMatch(/^\s+Liabilities:Merchants:pm1 {2}0 KWD = -?\d+\.\d{3} KWD$/m);
    expect(text.split('\n')[0]).toContain("amounts in each currency's unit");
  });
});
