import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addTo,
  type Balances,
  csvRows,
  type Exported,
  exportScenario,
  hledgerBalances,
  ledgerBalances,
  minorUnits,
  readStatements,
  tool,
} from './support/accounting-tools.js';
import { kanjo } from '../support/kanjo-cli.js';
import { twoCurrencyScenario } from './support/two-currency-scenario.js';

/**
 * Kanjo's exports read as a demanding accountant reads them: every check hledger 1.25 and
 * ledger 3.3 offer, and the identities a trial balance must show, on the seeds' worked examples
 * (../shared/examples), the bundled examples and a generated scenario in yen and dollars.
 *
 * What the README claims (packages/ledger/README.md "hledger export and statements"): a journal
 * "for hledger or ledger ending in one balance assertion per merchant account", amounts "in the
 * unit each currency code names, with the ISO 4217 decimals"; statements with "amounts as plain
 * integers in minor units" and `balance` "the merchant's running balance in that row's
 * currency", declarations of every account and currency it uses so that `hledger check -s` and
 * `ledger --pedantic` read it. It does not declare payees: the check that wants them is pinned
 * below as an observation, as it is today.
 */

const work = mkdtempSync(join(tmpdir(), 'kanjo-strict-accounting-'));
const SHARED_EXAMPLES = fileURLToPath(new URL('../../../shared/examples/', import.meta.url));
const BUNDLED_EXAMPLES = fileURLToPath(new URL('../../packages/ledger/examples/', import.meta.url));

const scenarioFiles = [
  ...readdirSync(SHARED_EXAMPLES).filter((file) => file.endsWith('.json') && !file.endsWith('.expect.json')).sort().map((file) => ({ name: `shared-${file.slice(0, -5)}`, path: SHARED_EXAMPLES + file })),
  ...readdirSync(BUNDLED_EXAMPLES).filter((file) => file.endsWith('.json')).sort().map((file) => ({ name: `bundled-${file.slice(0, -5)}`, path: BUNDLED_EXAMPLES + file })),
];
// 400 payments in each currency: refunds, refund requests (completed and rejected),
// chargebacks, transfers and payouts in both (the first test proves it), small enough that
// the two dozen hledger runs below stay within a few seconds each.
const generatedScenario = twoCurrencyScenario(400, 21);
const generated = exportScenario(work, 'generated', generatedScenario);
const exports: { readonly name: string; readonly exported: Exported }[] = [
  ...scenarioFiles.map(({ name, path }) => ({ name, exported: exportScenario(work, name, path) })),
  { name: 'generated', exported: generated },
];

/** The accounts Kanjo's export posts to, other than the merchants'. */
const KOMOJU_ACCOUNTS = ['Assets:Bank:Payouts', 'Assets:Receivable:Customers', 'Income:Fees:Customer', 'Income:Fees:Processing', 'Income:Fees:Refund', 'Liabilities:Tax:Consumption'];

describe('the generated scenario exercises what an accountant must see', () => {
  it('has accepted payments, refunds, refund requests, chargebacks, transfers and payouts in both JPY and USD', () => {
    const kinds = new Set(generated.report.records.map((record) => `${record.type} ${record.currency}`));
    for (const currency of ['JPY', 'USD']) {
      for (const type of ['Payment', 'Refund', 'Refund Fee', 'Refunded Customer Fee', 'Chargeback', 'Balance Transfer', 'Payout', 'Processing Fee', 'Platform Fee Return', 'Payment Transfer Return']) {
        expect([type, currency, kinds.has(`${type} ${currency}`)]).toEqual([type, currency, true]);
      }
    }
    const rejected = generated.report.results.filter((result) => !result.ok).length;
    expect(rejected).toBeLessThan(generated.report.results.length * 0.05);
  });
});

describe.each(exports)('$name: the checks the README claims pass', ({ exported }) => {
  it('hledger check (parseable, balanced, every assertion holds) and ledger balance read it without a word', () => {
    expect(tool('hledger', ['-f', exported.hledger, 'check'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const ledger = tool('ledger', ['-f', exported.hledger, 'balance']);
    expect([ledger.status, ledger.stderr]).toEqual([0, '']);
  });

  // Not claimed, but failing them would be a defect a user hits: a journal whose dates go
  // backwards reads wrongly in any register, an automatic conversion would invent a price. And
  // uniqueleafnames: no merchant here is named like a KOMOJU account's leaf (see below).
  it('passes hledger check ordereddates, balancednoautoconversion and uniqueleafnames', () => {
    expect(tool('hledger', ['-f', exported.hledger, 'check', 'ordereddates', 'balancednoautoconversion', 'uniqueleafnames'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('passes ledger --explicit balance, and ledger --check-payees alone says nothing', () => {
    for (const option of ['--explicit', '--check-payees']) {
      const result = tool('ledger', ['-f', exported.hledger, option, 'balance']);
      expect([option, result.status, result.stderr]).toEqual([option, 0, '']);
    }
  });
});

describe.each(exports)('$name: strict checks (the README claims hledger check -s and ledger --pedantic; payees are not declared)', ({ exported }) => {
  // The export declared no account or commodity: hledger's strict mode stopped at the first
  // undeclared one, ledger --strict warned on every posting and ledger --pedantic refused the
  // file, so an accountant who keeps a strict main journal could not include it as it was.
  it('declares exactly the accounts and currencies its postings use, in the order they first appear, before the first transaction', () => {
    const text = readFileSync(exported.hledger, 'utf8');
    const firstTransaction = text.search(/^\d{4}-/m);
    const postings = [...text.slice(firstTransaction).matchAll(/^ {4}(\S+) {2}-?[\d.]+ ([A-Z]{3})/gm)];
    const declared = text.slice(0, firstTransaction).split('\n').filter((line) => !line.startsWith(';') && line !== '');
    expect(declared).toEqual([
      ...new Set(postings.map((posting) => `account ${posting[1] ?? ''}`)),
      ...new Set(postings.map((posting) => `commodity ${posting[2] ?? ''}`)),
    ]);
  });

  it('passes hledger check -s, check accounts and check commodities', () => {
    for (const check of [['-s'], ['accounts'], ['commodities'], ['-s', 'ordereddates', 'uniqueleafnames', 'balancednoautoconversion']]) {
      expect([check, tool('hledger', ['-f', exported.hledger, 'check', ...check])]).toEqual([check, { status: 0, stdout: '', stderr: '' }]);
    }
  });

  it('ledger --pedantic reads it with nothing on standard error; --strict warns of nothing but, with --check-payees, each payee', () => {
    const pedantic = tool('ledger', ['-f', exported.hledger, '--pedantic', 'balance']);
    expect([pedantic.status, pedantic.stderr]).toEqual([0, '']);
    const strict = tool('ledger', ['-f', exported.hledger, '--strict', 'balance']);
    expect([strict.status, strict.stderr]).toEqual([0, '']);
    const text = readFileSync(exported.hledger, 'utf8');
    const transactions = text.split('\n').filter((line) => /^\d{4}-/.test(line)).length;
    const payees = tool('ledger', ['-f', exported.hledger, '--strict', '--check-payees', 'balance']);
    const warnings = payees.stderr.split('\n').filter((line) => line !== '');
    expect(warnings.filter((line) => /: Unknown payee '/.test(line)).length).toBe(transactions);
    expect(warnings.length).toBe(transactions);
  });

  // OBSERVATION: payees are not declared (one a payment and op), so hledger check payees stops
  // at the first transaction.
  it('hledger check payees fails on the first transaction\'s description', () => {
    const firstDescription = /^\d{4}-\d\d-\d\d \* \(\d+\) (.*)$/m.exec(readFileSync(exported.hledger, 'utf8'))?.[1];
    const result = tool('hledger', ['-f', exported.hledger, 'check', 'payees']);
    expect([result.status, result.stderr]).toEqual([1, expect.stringContaining(`undeclared payee "${firstDescription}"`)]);
  });
});

// OBSERVATION about the tool, not Kanjo: the hledger Debian installs (1.25) has neither of the
// checks recentassertions and tags (hledger 1.30+), so they were not run.
describe('hledger checks this hledger does not have', () => {
  it('hledger 1.25 knows no recentassertions or tags check', () => {
    expect(tool('hledger', ['--version']).stdout).toMatch(/^hledger 1\.25\b/);
    for (const check of ['recentassertions', 'tags']) {
      const result = tool('hledger', ['-f', generated.hledger, 'check', check]);
      expect([check, result.status, result.stderr.trim()]).toEqual([check, 1, `hledger: These checks are unknown: ${check}`]);
    }
  });
});

/** Every currency the export holds. */
function currenciesOf(exported: Exported): string[] {
  return [...new Set(exported.report.records.map((record) => record.currency))].sort();
}

/** Σ (debit − deposit) of the records of one type in one currency: what the merchants paid. */
function paidBy(records: readonly { readonly type: string; readonly currency: string; readonly deposit: number; readonly debit: number }[], type: string, currency: string): bigint {
  return records.filter((record) => record.type === type && record.currency === currency).reduce((sum, record) => sum + BigInt(record.debit - record.deposit), 0n);
}

describe.each(exports)('$name: the identities of a trial balance', ({ name, exported }) => {
  const balances = hledgerBalances(exported.hledger);
  const statements = readStatements(exported.statements);
  const statementRecords = [...statements.values()].flat().map((row) => ({ type: row.recordType, currency: row.currency, deposit: row.deposit, debit: row.debit }));

  it('the trial balance over all accounts is zero in every commodity, by hledger and by ledger', () => {
    const totals: Balances = new Map();
    for (const [key, amount] of balances) addTo(totals, key.split('\t')[1] as string, amount);
    expect(totals).toEqual(new Map());
    const ledgerTotal = tool('ledger', ['-f', exported.hledger, 'balance']).stdout.trimEnd().split('\n').at(-1);
    expect(ledgerTotal?.trim()).toBe('0');
  });

  it('ledger gives every account exactly hledger\'s balance, in every currency', () => {
    const fromLedger: Balances = new Map();
    for (const currency of currenciesOf(exported)) for (const [key, amount] of ledgerBalances(exported.hledger, currency)) fromLedger.set(key, amount);
    expect(fromLedger).toEqual(balances);
  });

  it('posts only to KOMOJU\'s accounts and the configured merchants\'', () => {
    const merchants = new Set(Object.keys(exported.report.balances));
    for (const key of balances.keys()) {
      const account = key.split('\t')[0] as string;
      const merchant = /^Liabilities:Merchants:(.+)$/.exec(account)?.[1];
      expect([account, merchant === undefined ? KOMOJU_ACCOUNTS.includes(account) : merchants.has(decodeURIComponent(merchant))]).toEqual([account, true]);
    }
  });

  it('each merchant\'s closing assertion is exactly its JSON balance, every merchant and currency asserted once', () => {
    const text = readFileSync(exported.hledger, 'utf8');
    const closing = text.slice(text.lastIndexOf('closing balances per merchant (Kanjo)\n'));
    const asserted: Record<string, Record<string, number>> = {};
    for (const line of closing.split('\n').slice(1).filter((row) => row !== '')) {
      const match = /^ {4}Liabilities:Merchants:(\S+) {2}0 ([A-Z]{3}) = (-?[\d.]+) \2$/.exec(line);
      expect([line, match !== null]).toEqual([line, true]);
      const [, merchant = '', currency = '', amount = ''] = match ?? [];
      const byCurrency = (asserted[decodeURIComponent(merchant)] ??= {});
      expect(byCurrency[currency]).toBeUndefined();
      byCurrency[currency] = Number(-minorUnits(amount, currency)); // a liability: the opposite sign
    }
    expect(asserted).toEqual(exported.report.balances);
    // and hledger's own balance of each merchant account says the same
    for (const [merchant, byCurrency] of Object.entries(exported.report.balances)) {
      for (const [currency, balance] of Object.entries(byCurrency)) {
        expect([merchant, currency, balances.get(`Liabilities:Merchants:${merchant}\t${currency}`) ?? 0n]).toEqual([merchant, currency, BigInt(-balance)]);
      }
    }
  });

  it('the statements hold exactly the JSON records of each merchant, in order', () => {
    const byMerchant = new Map<string, unknown[]>();
    for (const record of exported.report.records) {
      const rows = byMerchant.get(record.merchant) ?? [];
      rows.push([record.seq, record.payment ?? '', record.type, record.currency, record.deposit, record.debit]);
      byMerchant.set(record.merchant, rows);
    }
    const fromStatements = new Map([...statements].filter(([, rows]) => rows.length > 0).map(([merchant, rows]) => [merchant, rows.map((row) => [row.seq, row.payment, row.recordType, row.currency, row.deposit, row.debit])]));
    expect(fromStatements).toEqual(byMerchant);
  });

  it('kanjo run --format csv lists exactly the JSON records, row for row', () => {
    const path = name === 'generated' ? join(work, 'generated.json') : (scenarioFiles.find((file) => file.name === name)?.path as string);
    const csv = kanjo(['run', path, '--format', 'csv']);
    expect(csv.status).toBe(0);
    const [header, ...rows] = csvRows(csv.stdout, '\r\n');
    expect(header).toEqual(['seq', 'payment', 'merchant', 'type', 'currency', 'deposit', 'debit']);
    expect(rows).toEqual(exported.report.records.map((record) => [String(record.seq), record.payment ?? '', record.merchant, record.type, record.currency, String(record.deposit), String(record.debit)]));
  });

  it('each statement\'s balance column is the running sum of deposit minus debit in its row\'s currency, ending at the JSON balance', () => {
    for (const [merchant, rows] of statements) {
      const running = new Map<string, number>();
      for (const row of rows) {
        const balance = (running.get(row.currency) ?? 0) + row.deposit - row.debit;
        running.set(row.currency, balance);
        expect([merchant, row.seq, row.balance]).toEqual([merchant, row.seq, balance]);
      }
      expect(Object.fromEntries(running)).toEqual(exported.report.balances[merchant] ?? {});
    }
  });

  it('hledger register of the merchant accounts lists each statement\'s rows, amount for amount, in the same order', () => {
    const register = tool('hledger', ['-f', exported.hledger, 'register', '^Liabilities:Merchants:', '-O', 'csv']);
    const postings = new Map<string, string[]>();
    for (const [, , code = '', , account = '', amount = ''] of csvRows(register.stdout, '\n').slice(1)) {
      if (code === '') continue; // the closing assertions post 0
      const merchant = decodeURIComponent(account.slice('Liabilities:Merchants:'.length));
      const [quantity = '', currency = ''] = amount.split(' ');
      postings.set(merchant, [...(postings.get(merchant) ?? []), `${code} ${-minorUnits(quantity, currency)} ${currency}`]);
    }
    const fromStatements = new Map([...statements].filter(([, rows]) => rows.length > 0).map(([merchant, rows]) => [merchant, rows.map((row) => `${row.seq} ${row.deposit - row.debit} ${row.currency}`)]));
    expect(postings).toEqual(fromStatements);
  });

  it('Income:Fees:Processing and Income:Fees:Refund are the Processing Fee and Refund Fee records, in the JSON and in the statements', () => {
    for (const currency of currenciesOf(exported)) {
      for (const [account, type] of [['Income:Fees:Processing', 'Processing Fee'], ['Income:Fees:Refund', 'Refund Fee']] as const) {
        const inHledger = balances.get(`${account}\t${currency}`) ?? 0n;
        expect([name, account, currency, -inHledger]).toEqual([name, account, currency, paidBy(exported.report.records, type, currency)]);
        expect([name, account, currency, -inHledger]).toEqual([name, account, currency, paidBy(statementRecords, type, currency)]);
      }
    }
  });

  it('Assets:Bank:Payouts is the Payout records, in the JSON and in the statements', () => {
    for (const currency of currenciesOf(exported)) {
      const inHledger = balances.get(`Assets:Bank:Payouts\t${currency}`) ?? 0n;
      expect([currency, -inHledger]).toEqual([currency, paidBy(exported.report.records, 'Payout', currency)]);
      expect([currency, -inHledger]).toEqual([currency, paidBy(statementRecords, 'Payout', currency)]);
    }
  });
});

describe('generated: the accounts no merchant record names, from the scenario itself', () => {
  // The customer fee of a Konbini capture is the customer's (no merchant record): 190 and 19
  // of tax per capture in the generator's configuration, in each currency's minor units.
  const captures = (currency: string): bigint => BigInt(generated.report.results.filter((result) => {
    const command = generatedScenario.commands[result.index];
    return result.ok && result.op === 'payment.capture' && String(command?.['payment']).startsWith('usd_') === (currency === 'USD');
  }).length);
  const balances = hledgerBalances(generated.hledger);

  it('Income:Fees:Customer is 190 per Konbini capture: refunding a customer fee (the platform pays it) leaves KOMOJU\'s fee income as it was', () => {
    for (const currency of ['JPY', 'USD']) {
      expect(captures(currency)).toBeGreaterThan(10n);
      expect([currency, balances.get(`Income:Fees:Customer\t${currency}`)]).toEqual([currency, -190n * captures(currency)]);
    }
  });

  it('Liabilities:Tax:Consumption is the Processing Fee Tax and Refund Fee Tax records plus 19 per Konbini capture, in the JSON and in the statements', () => {
    const statementRecords = [...readStatements(generated.statements).values()].flat().map((row) => ({ type: row.recordType, currency: row.currency, deposit: row.deposit, debit: row.debit }));
    for (const records of [generated.report.records, statementRecords]) {
      for (const currency of ['JPY', 'USD']) {
        const expected = paidBy(records, 'Processing Fee Tax', currency) + paidBy(records, 'Refund Fee Tax', currency) + 19n * captures(currency);
        expect([currency, -(balances.get(`Liabilities:Tax:Consumption\t${currency}`) ?? 0n)]).toEqual([currency, expected]);
      }
    }
  });

  it('Assets:Receivable:Customers is what customers paid (payments, customer fees and their tax) less what went back to them', () => {
    for (const currency of ['JPY', 'USD']) {
      const records = generated.report.records;
      const expected = -paidBy(records, 'Payment', currency) + 209n * captures(currency)
        - paidBy(records, 'Refund', currency) - paidBy(records, 'Chargeback', currency)
        - paidBy(records, 'Refunded Customer Fee', currency) - paidBy(records, 'Refunded Customer Fee Tax', currency);
      expect([currency, balances.get(`Assets:Receivable:Customers\t${currency}`)]).toEqual([currency, expected]);
    }
  });
});

describe('generated: reports an accountant runs', () => {
  /** One payment of each story: refunded, charged back, a Konbini refund request, dollars, the first. */
  function paymentsToTrace(): string[] {
    const records = generated.report.records;
    const firstWith = (type: string, currency: string): string => {
      const found = records.find((record) => record.type === type && record.currency === currency && record.payment !== undefined);
      if (found?.payment === undefined) throw new Error(`no ${type} ${currency}`);
      return found.payment;
    };
    return [...new Set(['pay_1', firstWith('Refund', 'JPY'), firstWith('Chargeback', 'JPY'), firstWith('Refund Fee', 'JPY'), firstWith('Chargeback', 'USD'), firstWith('Refunded Customer Fee', 'USD'), firstWith('Platform Fee Return', 'USD')])];
  }

  it.each(paymentsToTrace())('hledger register of payment %s\'s description lists exactly that payment\'s records', (payment) => {
    const register = tool('hledger', ['-f', generated.hledger, 'register', `desc:(^| )${payment}$`, '-O', 'csv']);
    const rows = csvRows(register.stdout, '\n').slice(1);
    for (const [, , , description = ''] of rows) expect(description).toMatch(new RegExp(`^[a-z_.]+ ${payment}$`));
    const merchantPostings = rows
      .filter(([, , , , account = '']) => account.startsWith('Liabilities:Merchants:'))
      .map(([, , code = '', , account = '', amount = '']) => {
        const [quantity = '', currency = ''] = amount.split(' ');
        return [Number(code), account.slice('Liabilities:Merchants:'.length), -minorUnits(quantity, currency), currency];
      });
    const records = generated.report.records.filter((record) => record.payment === payment).map((record) => [record.seq, record.merchant, BigInt(record.deposit - record.debit), record.currency]);
    expect(records.length).toBeGreaterThan(0);
    expect(merchantPostings).toEqual(records);
    // and no transaction of that payment is without a merchant record
    expect(new Set(rows.map(([, , code = '']) => Number(code)))).toEqual(new Set(records.map(([seq]) => seq)));
  });

  it('hledger balance --depth 1, 2 and 3 roll up to one another exactly, and each sums to zero per commodity', () => {
    const byDepth = [1, 2, 3].map((depth) => hledgerBalances(generated.hledger, ['--depth', String(depth)]));
    expect(byDepth[2]).toEqual(hledgerBalances(generated.hledger)); // 3 is the deepest account
    for (let deeper = 1; deeper < 3; deeper += 1) {
      for (let shallower = 0; shallower < deeper; shallower += 1) {
        const rolled: Balances = new Map();
        for (const [key, amount] of byDepth[deeper] as Balances) {
          const [account = '', currency = ''] = key.split('\t');
          addTo(rolled, `${account.split(':').slice(0, shallower + 1).join(':')}\t${currency}`, amount);
        }
        expect([deeper + 1, shallower + 1, rolled]).toEqual([deeper + 1, shallower + 1, byDepth[shallower]]);
      }
    }
    for (const balances of byDepth) {
      const totals: Balances = new Map();
      for (const [key, amount] of balances) addTo(totals, key.split('\t')[1] as string, amount);
      expect(totals).toEqual(new Map());
    }
    expect([...(byDepth[0] as Balances).keys()].sort()).toEqual(['Assets\tJPY', 'Assets\tUSD', 'Income\tJPY', 'Income\tUSD', 'Liabilities\tJPY', 'Liabilities\tUSD']);
  });
});

describe('generated: the balance sheet and the income statement', () => {
  /** The `Net:` rows of an hledger financial statement, by commodity. */
  function net(report: 'balancesheet' | 'incomestatement'): Record<string, bigint> {
    const result = tool('hledger', ['-f', generated.hledger, report, '--layout', 'bare', '-O', 'csv']);
    expect(result.status).toBe(0);
    return Object.fromEntries(csvRows(result.stdout, '\n').filter(([label]) => label === 'Net:').map(([, commodity = '', amount = '']) => [commodity, minorUnits(amount, commodity)]));
  }

  it('hledger bs nets to exactly what hledger is earns (no equity account: the fees are the only difference), and that is the fee income', () => {
    const balances = hledgerBalances(generated.hledger);
    const income = (currency: string): bigint => KOMOJU_ACCOUNTS.filter((account) => account.startsWith('Income:')).reduce((sum, account) => sum - (balances.get(`${account}\t${currency}`) ?? 0n), 0n);
    expect(net('incomestatement')).toEqual({ JPY: income('JPY'), USD: income('USD') });
    expect(net('balancesheet')).toEqual(net('incomestatement'));
    expect(income('JPY')).toBeGreaterThan(0n);
  });
});

describe('what strict mode lacks is only the payees', () => {
  // An accountant who declares the payees too (hledger's own list) in a main journal that
  // includes the export gets every strict check through: the export's own declarations of
  // accounts and currencies, read again in the main journal's, are not an error.
  it('with its payees declared, the generated export passes hledger check -s payees ordereddates uniqueleafnames and ledger --pedantic --check-payees', () => {
    const listed = (command: string): string[] => tool('hledger', ['-f', generated.hledger, command]).stdout.split('\n').filter((line) => line !== '');
    const accounts = listed('accounts');
    expect(accounts.filter((account) => !account.startsWith('Liabilities:Merchants:')).sort()).toEqual(KOMOJU_ACCOUNTS);
    expect(listed('commodities')).toEqual(['JPY', 'USD']);
    const declared = join(work, 'declared.journal');
    writeFileSync(declared, [
      ...listed('payees').map((payee) => `payee ${payee}`),
      `include ${generated.hledger}`,
      '',
    ].join('\n'));
    expect(tool('hledger', ['-f', declared, 'check', '-s', 'payees', 'ordereddates', 'uniqueleafnames', 'balancednoautoconversion'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const ledger = tool('ledger', ['-f', declared, '--pedantic', '--check-payees', 'balance']);
    expect([ledger.status, ledger.stderr]).toEqual([0, '']);
  });
});

describe('hledger check uniqueleafnames and merchant ids (observation)', () => {
  // OBSERVATION: a merchant id that is the last part of one of KOMOJU's accounts (Processing,
  // Refund, Customer, Customers, Consumption, Payouts) gives two accounts one leaf name, and the
  // optional uniqueleafnames check fails. Nothing else is wrong: the balances and assertions hold.
  it.each(['Processing', 'Payouts'])('a merchant named %s fails uniqueleafnames, and passes hledger check', (id) => {
    const exported = exportScenario(work, `leaf-${id}`, {
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id, type: 'payout', platform: 'mart' },
      ],
      commands: [
        { op: 'payout_settings.update', merchant: 'mart', target: id, currency: 'JPY', frequency: 'weekly', minimum_amount: 0 },
        {
          op: 'payment.create', at: '2026-01-05T00:00:00Z', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card',
          platform_details: { submerchants: [{ submerchant_id: id, amount: 1000, platform_fee: 10 }] },
        },
        { op: 'settlement.run', at: '2026-01-16T01:00:00Z', date: '2026-01-16' },
      ],
    });
    expect(exported.report.results.map((result) => result.ok)).toEqual([true, true, true]);
    expect(tool('hledger', ['-f', exported.hledger, 'check'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const unique = tool('hledger', ['-f', exported.hledger, 'check', 'uniqueleafnames']);
    expect([unique.status, unique.stderr]).toEqual([1, expect.stringContaining(`leaf name "${id}" appears in account names`)]);
  });
});

describe('a payment id holding |', () => {
  // hledger reads a description's text before the first `|` as the payee and the rest as a
  // note; ledger does not. A payment id `x|y` was written as it is, so in hledger its payee was
  // `payment.create x`, shared with payment `x|z`. Escaped now, as `;`, `\` and trailing white
  // space are.
  it('payments x|y and x|z are two payees and two descriptions in hledger, two payees in ledger', () => {
    const pay = (id: string): Record<string, unknown> => ({
      op: 'payment.create', at: '2026-01-01T00:00:00Z', id, merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card',
      platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 10 }] },
    });
    const exported = exportScenario(work, 'pipe-in-id', {
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id: 'pm1', type: 'payout', platform: 'mart' },
      ],
      commands: [pay('x|y'), pay('x|z')],
    });
    expect(exported.report.results.map((result) => result.ok)).toEqual([true, true]);
    const lines = (command: string): string[] => tool('hledger', ['-f', exported.hledger, command]).stdout.split('\n').filter((line) => line !== '');
    expect(lines('payees')).toEqual(['closing balances per merchant (Kanjo)', 'payment.create x\\u007cy', 'payment.create x\\u007cz']);
    expect(lines('descriptions')).toEqual(['closing balances per merchant (Kanjo)', 'payment.create x\\u007cy', 'payment.create x\\u007cz']);
    // (ledger's payees leave out the closing transaction, whose postings are all 0)
    expect(tool('ledger', ['-f', exported.hledger, 'payees']).stdout).toBe('payment.create x\\u007cy\npayment.create x\\u007cz\n');
  });
});
