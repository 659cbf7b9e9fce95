import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addTo, type Balances, EXPONENT, exportScenario, hledgerBalances, ledgerBalances, tool } from './support/accounting-tools.js';

/**
 * Amounts as hledger and ledger read them. packages/ledger/README.md: the export writes
 * amounts "in the unit each currency code names, with the ISO 4217 decimals (`45.00 USD` for
 * 4,500 cents, `5.005 KWD`, yen as they are)". An accountant needs the tools to read back
 * exactly the minor units Kanjo holds: here with exponents 0, 2 and 3, amounts of
 * Number.MAX_SAFE_INTEGER minor units, single minor units, and a customers' total past 2^53
 * that no double holds (a float anywhere on the way would be off by one).
 */

const work = mkdtempSync(join(tmpdir(), 'kanjo-strict-amounts-'));
const MAX = Number.MAX_SAFE_INTEGER; // 9007199254740991
const CURRENCIES = ['JPY', 'KRW', 'USD', 'EUR', 'KWD', 'BHD'] as const;

const scenario = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
    { id: 'pm2', type: 'payout', platform: 'mart' },
  ],
  commands: CURRENCIES.flatMap((currency) => [
    // pm1 ends holding exactly 2^53 − 1 minor units: its closing assertion is the largest there is.
    {
      op: 'payment.create', at: '2026-01-01T00:00:00Z', id: `${currency}-max`, merchant: 'mart', amount: MAX, currency, payment_type: 'credit_card',
      platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: MAX, platform_fee: 0 }] },
    },
    {
      op: 'payment.create', at: '2026-01-01T00:00:00Z', id: `${currency}-small`, merchant: 'mart', amount: 1006, currency, payment_type: 'credit_card',
      platform_details: { submerchants: [{ submerchant_id: 'pm2', amount: 1006, platform_fee: 5 }] },
    },
    // one minor unit: 0.001 KWD, 0.01 USD, 1 JPY
    { op: 'balance.transfer', at: '2026-01-01T00:00:00Z', merchant: 'mart', from: 'pm2', to: 'mart', amount: 1, currency },
  ]),
};
const exported = exportScenario(work, 'extremes', scenario);
const text = readFileSync(exported.hledger, 'utf8');

/** What the books must hold, in exact minor units, from Kanjo's JSON and the scenario alone. */
function expectedBalances(): Balances {
  const expected: Balances = new Map();
  for (const currency of CURRENCIES) addTo(expected, `Assets:Receivable:Customers\t${currency}`, BigInt(MAX) + 1006n);
  for (const [merchant, byCurrency] of Object.entries(exported.report.balances)) {
    for (const [currency, balance] of Object.entries(byCurrency)) addTo(expected, `Liabilities:Merchants:${merchant}\t${currency}`, -BigInt(balance));
  }
  for (const record of exported.report.records) {
    const paid = BigInt(record.debit - record.deposit);
    if (record.type === 'Processing Fee') addTo(expected, `Income:Fees:Processing\t${record.currency}`, -paid);
    if (record.type === 'Processing Fee Tax') addTo(expected, `Liabilities:Tax:Consumption\t${record.currency}`, -paid);
  }
  return expected;
}

describe('amounts with 0, 2 and 3 decimals, up to 2^53 minor units and past it', () => {
  it('Kanjo accepts every command: 2^53 − 1 is an amount it takes', () => {
    expect(exported.report.results.map((result) => [result.index, result.ok])).toEqual(scenario.commands.map((_, index) => [index, true]));
    expect(exported.report.balances['pm1']).toEqual(Object.fromEntries(CURRENCIES.map((currency) => [currency, MAX])));
  });

  it('writes every amount with exactly its currency\'s ISO 4217 decimals, no group separators, no exponent', () => {
    const lines = text.split('\n').filter((line) => line.startsWith('    '));
    expect(lines.length).toBeGreaterThan(6 * 10);
    for (const line of lines) {
      const match = /^ {4}\S+ {2}(-?\d+(?:\.\d+)?) ([A-Z]{3})(?: {2}; [A-Za-z ]+| = (-?\d+(?:\.\d+)?) \2)$/.exec(line);
      expect([line, match !== null]).toEqual([line, true]);
      const [, amount = '', currency = '', asserted] = match ?? [];
      const decimals = (written: string): number => written.split('.')[1]?.length ?? 0;
      const exponent = EXPONENT[currency];
      // the assertion's own posting is a plain 0
      if (asserted === undefined || amount !== '0') expect([line, decimals(amount)]).toEqual([line, exponent]);
      if (asserted !== undefined) expect([line, decimals(asserted)]).toEqual([line, exponent]);
    }
    expect(text).toContain('    Liabilities:Merchants:pm1  0 KWD = -9007199254740.991 KWD\n');
    expect(text).toContain('    Liabilities:Merchants:pm1  0 USD = -90071992547409.91 USD\n');
    expect(text).toContain('    Liabilities:Merchants:pm1  0 JPY = -9007199254740991 JPY\n');
    expect(text).toContain('    Liabilities:Merchants:pm2  0.001 KWD  ; Balance Transfer\n    Liabilities:Merchants:mart  -0.001 KWD  ; Balance Transfer\n');
    expect(text).toContain('    Liabilities:Merchants:pm2  0.01 USD  ; Balance Transfer\n');
    expect(text).toContain('    Liabilities:Merchants:pm2  1 JPY  ; Balance Transfer\n');
  });

  it('hledger reads exactly the minor units Kanjo holds, every account and currency, the customers\' 2^53 + 1005 included', () => {
    expect(hledgerBalances(exported.hledger)).toEqual(expectedBalances());
    // 9007199254741997 is odd and past 2^53: no double holds it, so only exact arithmetic gets here.
    expect(Number.isSafeInteger(9007199254741997)).toBe(false);
    expect(BigInt(Number('9007199254741997'))).not.toBe(9007199254741997n);
    expect(hledgerBalances(exported.hledger).get('Assets:Receivable:Customers\tKWD')).toBe(9007199254741997n);
  });

  it('ledger reads the same exact minor units, currency by currency', () => {
    const fromLedger: Balances = new Map();
    for (const currency of CURRENCIES) for (const [key, amount] of ledgerBalances(exported.hledger, currency)) fromLedger.set(key, amount);
    expect(fromLedger).toEqual(expectedBalances());
  });

  it('every closing assertion holds in both tools, and one minor unit off in any currency fails in both', () => {
    expect(tool('hledger', ['-f', exported.hledger, 'check'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(tool('ledger', ['-f', exported.hledger, 'balance']).stderr).toBe('');
    for (const currency of CURRENCIES) {
      const line = new RegExp(`( {4}Liabilities:Merchants:pm1  0 ${currency} = -)(\\d+)(\\.?)(\\d*)( ${currency}\\n)`);
      const tampered = text.replace(line, (_all, head: string, whole: string, point: string, fraction: string, tail: string) => {
        // one minor unit less, on the digits (the number is past what a double holds)
        const units = BigInt(whole + fraction) - 1n;
        const digits = String(units).padStart(fraction.length + 1, '0');
        return `${head}${point === '' ? digits : `${digits.slice(0, -fraction.length)}.${digits.slice(-fraction.length)}`}${tail}`;
      });
      expect(tampered).not.toBe(text);
      const path = join(work, `tampered-${currency}.journal`);
      writeFileSync(path, tampered);
      const hledger = tool('hledger', ['-f', path, 'check']);
      expect([currency, hledger.status, /balance assertion/i.test(hledger.stderr)]).toEqual([currency, 1, true]);
      const ledger = tool('ledger', ['-f', path, 'balance']);
      expect([currency, ledger.status !== 0, /Balance assertion off by/.test(ledger.stderr)]).toEqual([currency, true, true]);
    }
  });
});
