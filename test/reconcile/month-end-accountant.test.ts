import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { parseCsv } from '../support/rfc4180-csv.js';

// A month-end reconciliation as an accountant does it: every figure below was worked out by
// hand from DOMAIN.md's rules alone, BEFORE Kanjo ran the scenario, and every export Kanjo
// writes (the JSON report, --format csv, the statements, the hledger journal, the NDJSON journal
// in both formats and `kanjo reconcile` of it) must give exactly these figures.
//
// The scenario (fixtures/month-end-accountant.json, times Japan time, tax 10%, refund fee ¥300):
//   mart: marketplace, credit_card 3.6%, konbini 2.75% + customer fee ¥190; payout merchants pm1, pm2.
//   plat: platform business, credit_card 3.6%; seller sel1.
//   Payout settings: mart monthly (min 0), pm1 weekly (min 1,000), pm2 weekly (min 30,000),
//   sel1 weekly JPY (min 0). plat has none, and nobody has USD settings: never paid out.
//
// ── Captures (fee = round-half-up(captured × rate), tax = round-half-up(fee × 10%)) ──
//  #4  m-sep 09-30 ¥100,000 {pm1 60,000 fee 6,000; pm2 40,000 fee 4,000}. Fee 3,600, tax 360.
//      mart +10,000 − 3,960 = +6,040; pm1 +54,000; pm2 +36,000. Shares 10,000 / 54,000 / 36,000.
//  #5  m-card-1 10-01 00:30 ¥12,345 {pm1 7,345 fee 735; pm2 5,000 fee 500}. 444.42 → 444, 44.4 → 44.
//      mart 1,235 − 488 = +747; pm1 +6,610; pm2 +4,500. Shares mart 1,235.
//  #6/7 m-card-2 authorized ¥30,000, partially captured ¥25,000 {pm1 15,000 fee 1,500; pm2 10,000
//      fee 1,000}. Fee 900, tax 90. mart 2,500 − 990 = +1,510; pm1 +13,500; pm2 +9,000.
//  #8/9 m-card-3 authorized ¥8,888, captured whole {pm2 5,000 fee 0}: ¥3,888 is mart's own share.
//      319.968 → 320, tax 32. mart 8,888 − 5,000 − 352 = +3,536; pm2 +5,000.
//  #10/11 m-konbini ¥5,000 split at creation {pm1 4,000 fee 400; pm2 1,000 fee 100}, paid 10-12.
//      137.5 → 138, 13.8 → 14; the customer pays the ¥190 fee + ¥19 tax to KOMOJU, no merchant
//      sees it. mart 500 − 152 = +348; pm1 +3,600; pm2 +900. Shares 500 / 3,600 / 900.
//  #12 s-card-1 ¥50,000, platform_amount 5,000. Fee 1,800, tax 180: sel1 +45,000; plat +3,020.
//  #13/14 s-usd-1 authorized $129.99 (platform_amount $13.00), captured $100.00. Fee 360¢, tax
//      36¢: sel1 +8,700¢; plat 1,300 − 396 = +904¢.
//  #26 s-card-2 10-24 00:30 ¥3,000, platform_amount 300. 108, 10.8 → 11: sel1 +2,700; plat +181.
//
// ── Refunds (marketplace: shares; seller: cumulative round-half-up(R × p / A), A the captured) ──
//  #15 m-card-1 reverse: mart −12,345 + 6,610 + 4,500 = −1,235; pm1 −6,610; pm2 −4,500.
//  #17 m-card-2 ¥6,000 {pm1 3,000 + pf 500; pm2 2,000 + pf 500}: mart −1,000; pm1 −3,000; pm2 −2,000.
//  #19 m-card-2 ¥4,400 with no split: REJECTED refund_split_required (a partial marketplace
//      refund must say who gives back what).
//  #20 m-card-2 ¥5,000 proportional to the shares 13,500 : 9,000 : 2,500 = 27 : 18 : 5, i.e.
//      pm1 2,700, pm2 1,800, mart 500 {pm1 2,700 + pf 500; pm2 1,800 + pf 0}.
//  #16/18/21 s-card-1 ¥100, ¥100, ¥7 → plat 10/10/1 (cumulative 207 × 0.1 = 20.7 → 21),
//      sel1 90/90/6: plat −21, sel1 −186.
//  #24 s-usd-1 $25.55: 2,555 × 0.13 = 332.15 → 332¢ plat, 2,223¢ sel1.
//  #29 s-usd-1 $10.00: cumulative 3,555 × 0.13 = 462.15 → 462: plat 130¢, sel1 870¢.
//  #22/23 rr-1 on m-konbini ¥2,000 {pm1 1,800 + pf 200}, customer fee included: mart −2,000
//      + 1,800 − 190 − 19 − 300 − 30 = −739; pm1 −1,800.
//  #25 rr-2 reverse (the ¥3,000 left: pm1 1,800, pm2 900, mart 300) stays PENDING over the
//      payout run: it holds pm1 1,800, pm2 900, mart 300 + 330 = 630. Completed #32 (10-31):
//      mart −3,000 + 2,700 − 330 = −630; pm1 −1,800; pm2 −900.
//  #27 chargeback of m-card-2 after its two partial refunds: the ¥14,000 left, mart alone.
//  #28 transfer mart → pm1 ¥500: REJECTED insufficient_balance (mart 10-27: balance −5,293, less
//      the 630 rr-2 holds = −5,923 available).
//  #30 transfer pm2 → mart ¥20,000 (pm2 available 47,100 − 900 = 46,200).
//
// ── Running JPY balances (mart / pm1 / pm2) ──
//  after #4 6,040 / 54,000 / 36,000; #5 6,787 / 60,610 / 40,500; #7 8,297 / 74,110 / 49,500;
//  #9 11,833 / — / 54,500; #11 12,181 / 77,710 / 55,400; #15 10,946 / 71,100 / 50,900;
//  #17 9,946 / 68,100 / 48,900; #20 9,446 / 65,400 / 47,100; #23 8,707 / 63,600 / 47,100;
//  #27 −5,293; #30 14,707 / — / 27,100.
//  sel1 JPY: 45,000 − 186 = 44,814 at the end of Friday 10-23; + 2,700 (#26, Saturday 00:30 JST).
//
// ── Payouts ──
//  #31 Friday 10-30 pays the week Sat 10-17 … Fri 10-23 (ending 10-24 00:00 JST):
//    pm1: held 63,600; available 63,600 − 1,800 (rr-2) = 61,800 → pays 61,800 (≥ 1,000).
//    pm2: held 47,100; available 27,100 − 900 = 26,200 → 26,200 < 30,000: carried over, nothing.
//    sel1: held 44,814 (s-card-2 is after the period in Japan time, though 10-23 in UTC);
//      available 47,514 → pays 44,814.
//    mart (monthly) is not due: September's payout day is Saturday 10-31.
//  #33 Saturday 10-31: nobody is due (mart's day moves to Monday).
//  #34 Monday 11-02: mart's September, which ended 10-01 00:00 JST (m-card-1 at 00:30 JST is
//    October's, though 09-30 in UTC): held 6,040, available 14,077 → pays 6,040.
//
// ── Final balances ──
//  mart 14,707 − 630 (rr-2) − 6,040 = 8,037; pm1 63,600 − 61,800 − 1,800 = 0;
//  pm2 27,100 − 900 = 26,200; plat ¥3,020 − 21 + 181 = 3,180 and 904 − 332 − 130 = 442¢;
//  sel1 ¥44,814 − 44,814 + 2,700 = 2,700 and 8,700 − 2,223 − 870 = 5,607¢.
//
// ── KOMOJU's side ──
//  Processing fees JPY 3,600 + 444 + 900 + 320 + 138 + 1,800 + 108 = 7,310 (mart 5,402, plat
//  1,908); their tax 360 + 44 + 90 + 32 + 14 + 180 + 11 = 731 (mart 540, plat 191).
//  Refund fees 2 × 300 = 600, tax 60. Customer fee 190, tax 19 (paid by the customer, kept by
//  KOMOJU: the refund of it is mart's). Consumption tax JPY 731 + 60 + 19 = 810.
//  USD: processing fee 360¢, tax 36¢.
//  Payouts JPY 61,800 + 44,814 + 6,040 = 112,654.
//  Customers: paid ¥100,000 + 12,345 + 25,000 + 8,888 + 5,000 + 209 + 50,000 + 3,000 = 204,442,
//  got back 12,345 + 6,000 + 5,000 + 14,000 + 2,000 + 209 + 3,000 + 207 = 42,761 → 161,681;
//  $100.00 − 25.55 − 10.00 = 6,445¢.
//  Check: merchants 8,037 + 0 + 26,200 + 3,180 + 2,700 = 40,117; + fees 7,310 + 600 + 190
//  + tax 810 + payouts 112,654 = 161,681. USD 442 + 5,607 + 360 + 36 = 6,445.

type Balances = Record<string, Record<string, number>>;

const HAND_BALANCES: Balances = {
  mart: { JPY: 8037 },
  pm1: { JPY: 0 },
  pm2: { JPY: 26200 },
  plat: { JPY: 3180, USD: 442 },
  sel1: { JPY: 2700, USD: 5607 },
};

/** KOMOJU's own accounts at the month's end, as the amount each holds (sign as an accountant reads it). */
const HAND_KOMOJU = {
  processingFees: { JPY: 7310, USD: 360 },
  refundFees: { JPY: 600 },
  customerFees: { JPY: 190 },
  consumptionTax: { JPY: 810, USD: 36 },
  paidOut: { JPY: 112654 },
  customersPaidNet: { JPY: 161681, USD: 6445 },
};

/** Debits on merchants' balances by record type and merchant, in yen (the USD ones below). */
const HAND_RECORD_DEBITS_JPY: Record<string, Record<string, number>> = {
  'Processing Fee': { mart: 5402, plat: 1908 },
  'Processing Fee Tax': { mart: 540, plat: 191 },
  'Refund Fee': { mart: 600 },
  'Refund Fee Tax': { mart: 60 },
  'Refunded Customer Fee': { mart: 190 },
  'Refunded Customer Fee Tax': { mart: 19 },
  Chargeback: { mart: 14000 },
  Payout: { pm1: 61800, sel1: 44814, mart: 6040 },
  // mart's Refund debits: 12,345 + 6,000 + 5,000 + 2,000 + 3,000; sel1's 100 + 100 + 7.
  Refund: { mart: 28345, sel1: 207 },
  // pm1: 6,610 + 3,000 + 2,700 + 1,800 + 1,800; pm2: 4,500 + 2,000 + 1,800 + 900.
  'Payment Transfer Return': { pm1: 15910, pm2: 9200 },
  'Balance Transfer': { pm2: 20000 },
  'Platform Fee Return': { plat: 21 },
  // mart: 60,000 + 40,000 + 7,345 + 5,000 + 15,000 + 10,000 + 5,000 + 4,000 + 1,000.
  'Payment Transfer': { mart: 147345 },
  // pm1: 6,000 + 735 + 1,500 + 400; pm2: 4,000 + 500 + 1,000 + 100 (m-card-3's 0 is no row);
  // sel1: s-card-1's 5,000 + s-card-2's 300.
  'Platform Fee': { pm1: 8635, pm2: 5600, sel1: 5300 },
};
const HAND_PAYOUT_EVENTS = [
  { type: 'settlement.created', merchant: 'pm1', amount: 61800, currency: 'JPY' },
  { type: 'settlement.created', merchant: 'sel1', amount: 44814, currency: 'JPY' },
  { type: 'settlement.created', merchant: 'mart', amount: 6040, currency: 'JPY' },
];
const HAND_PAYMENTS = {
  'm-sep': { status: 'captured', amount: 100000, captured_amount: 100000, refunded_amount: 0, currency: 'JPY' },
  'm-card-1': { status: 'refunded', amount: 12345, captured_amount: 12345, refunded_amount: 12345, currency: 'JPY' },
  'm-card-2': { status: 'refunded', amount: 30000, captured_amount: 25000, refunded_amount: 25000, currency: 'JPY' },
  'm-card-3': { status: 'captured', amount: 8888, captured_amount: 8888, refunded_amount: 0, currency: 'JPY' },
  'm-konbini': { status: 'refunded', amount: 5000, captured_amount: 5000, refunded_amount: 5000, currency: 'JPY' },
  's-card-1': { status: 'captured', amount: 50000, captured_amount: 50000, refunded_amount: 207, currency: 'JPY' },
  's-usd-1': { status: 'captured', amount: 12999, captured_amount: 10000, refunded_amount: 3555, currency: 'USD' },
  's-card-2': { status: 'captured', amount: 3000, captured_amount: 3000, refunded_amount: 0, currency: 'JPY' },
};

const EXPONENT: Record<string, number> = { JPY: 0, USD: 2 };
const MERCHANT_ACCOUNT = /^Liabilities:Merchants:(.+)$/;

const scenario = fileURLToPath(new URL('./fixtures/month-end-accountant.json', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kanjo-month-end-'));
const paths = {
  compact: join(work, 'month.ndjson'),
  objects: join(work, 'month-objects.ndjson'),
  hledger: join(work, 'month.journal'),
  statements: join(work, 'statements'),
};
const jsonRun = kanjo(['run', scenario, '--format', 'json', '--journal', paths.compact, '--hledger', paths.hledger, '--statements', paths.statements]);
const csvRun = kanjo(['run', scenario, '--format', 'csv', '--journal', paths.objects, '--journal-format', 'objects']);

interface Report {
  results: { index: number; op: string; ok: boolean; error?: { code: string } }[];
  balances: Balances;
  payments: Record<string, unknown>;
  records: { seq: number; payment?: string; merchant: string; type: string; currency: string; deposit: number; debit: number }[];
  events: { type: string }[];
}
const report = JSON.parse(jsonRun.stdout) as Report;

function add(into: Balances, key: string, currency: string, amount: number): void {
  const byCurrency = (into[key] ??= {});
  byCurrency[currency] = (byCurrency[currency] ?? 0) + amount;
}

/** Turns `-56.07` of USD into -5607 cents by moving the decimal point, never through a float. */
function minorUnits(text: string, currency: string): number {
  const exponent = EXPONENT[currency];
  if (exponent === undefined) throw new Error(`no exponent for ${currency}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new Error(`not an amount: ${text}`);
  const fraction = match[3] ?? '';
  if (fraction.length !== exponent) throw new Error(`${text} ${currency} does not have ${exponent} decimals`);
  const value = Number(`${match[2]}${fraction}`);
  return match[1] === '-' ? -value : value;
}

interface HledgerTransaction { date: string; description: string; postings: { account: string; currency: string; amount: number; type: string }[] }

/** Reads the hledger export by hand: its transactions and its closing balance assertions. */
function readHledger(text: string): { transactions: HledgerTransaction[]; assertions: Balances } {
  const transactions: HledgerTransaction[] = [];
  const assertions: Balances = {};
  let current: HledgerTransaction | undefined;
  let closing = false;
  for (const line of text.split('\n')) {
    const head = /^(\d{4}-\d{2}-\d{2}) \* (.*)$/.exec(line);
    if (head !== null) {
      closing = head[2] === 'closing balances per merchant (Kanjo)';
      current = closing ? undefined : { date: head[1] as string, description: head[2] as string, postings: [] };
      if (current !== undefined) transactions.push(current);
      continue;
    }
    if (!line.startsWith('    ')) continue;
    if (closing) {
      const assertion = /^ {4}Liabilities:Merchants:(\S+) {2}0 ([A-Z]{3}) = (-?[\d.]+) ([A-Z]{3})$/.exec(line);
      if (assertion === null) throw new Error(`unexpected closing line: ${line}`);
      // A liability's balance is the negative of what the merchant is owed.
      add(assertions, decodeURIComponent(assertion[1] as string), assertion[4] as string, -minorUnits(assertion[3] as string, assertion[4] as string));
      continue;
    }
    const posting = /^ {4}(\S+) {2}(-?[\d.]+) ([A-Z]{3}) {2}; (.+)$/.exec(line);
    if (posting === null || current === undefined) throw new Error(`unexpected posting line: ${line}`);
    current.postings.push({ account: posting[1] as string, currency: posting[3] as string, amount: minorUnits(posting[2] as string, posting[3] as string), type: posting[4] as string });
  }
  return { transactions, assertions };
}

interface JournalEntry { seq: number; at: string; command: { op: string }; payment?: string; postings: [string, string, number, string][] }

function readObjectsJournal(text: string): JournalEntry[] {
  const lines = text.trimEnd().split('\n');
  const header = JSON.parse(lines[0] as string) as { kanjo_journal: number; entries: number };
  expect(header.kanjo_journal).toBe(1);
  expect(header.entries).toBe(lines.length - 1);
  return lines.slice(1).map((line) => JSON.parse(line) as JournalEntry);
}

/** Merchant balances and the other accounts' totals from postings (account, currency, amount). */
function foldPostings(postings: Iterable<{ account: string; currency: string; amount: number }>): { merchants: Balances; accounts: Balances } {
  const merchants: Balances = {};
  const accounts: Balances = {};
  for (const { account, currency, amount } of postings) {
    const merchant = MERCHANT_ACCOUNT.exec(account);
    if (merchant !== null) add(merchants, merchant[1] as string, currency, -amount);
    else add(accounts, account, currency, amount);
  }
  return { merchants, accounts };
}

/** KOMOJU's accounts as the hand figures state them (income and tax are credits, payouts leave the bank). */
function komojuFromAccounts(accounts: Balances): typeof HAND_KOMOJU {
  const negate = (byCurrency: Record<string, number> | undefined): Record<string, number> => Object.fromEntries(Object.entries(byCurrency ?? {}).map(([currency, amount]) => [currency, -amount]));
  return {
    processingFees: negate(accounts['Income:Fees:Processing']),
    refundFees: negate(accounts['Income:Fees:Refund']),
    customerFees: negate(accounts['Income:Fees:Customer']),
    consumptionTax: negate(accounts['Liabilities:Tax:Consumption']),
    paidOut: negate(accounts['Assets:Bank:Payouts']),
    customersPaidNet: { ...accounts['Assets:Receivable:Customers'] },
  } as typeof HAND_KOMOJU;
}

/** Rows of merchant records (JSON report, --format csv or statements) as balances and debits by type. */
function foldRecords(rows: Iterable<{ merchant: string; type: string; currency: string; deposit: number; debit: number }>): { balances: Balances; debitsJpy: Record<string, Record<string, number>>; debitsUsd: Record<string, Record<string, number>> } {
  const balances: Balances = {};
  const debitsJpy: Record<string, Record<string, number>> = {};
  const debitsUsd: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    add(balances, row.merchant, row.currency, row.deposit - row.debit);
    if (row.debit > 0) add(row.currency === 'JPY' ? debitsJpy : debitsUsd, row.type, row.merchant, row.debit);
  }
  return { balances, debitsJpy, debitsUsd };
}

/** The hand debits with the merchants' ids sorted, as a fold of any export gives them in its own order. */
const HAND_RECORD_DEBITS_USD = {
  'Platform Fee': { sel1: 1300 },
  'Processing Fee': { plat: 360 },
  'Processing Fee Tax': { plat: 36 },
  Refund: { sel1: 3555 },
  'Platform Fee Return': { plat: 462 },
};

describe('a month at two platforms, reconciled by hand to the yen (fixtures/month-end-accountant.json)', () => {
  it('runs, rejecting exactly the two commands the hand computation says are wrong', () => {
    expect([jsonRun.status, csvRun.status]).toEqual([0, 0]);
    expect(report.results).toHaveLength(35);
    expect(report.results.filter((result) => !result.ok).map((result) => [result.index, result.op, result.error?.code])).toEqual([
      [19, 'payment.refund', 'refund_split_required'],
      [28, 'balance.transfer', 'insufficient_balance'],
    ]);
  });

  it('leaves every merchant the hand-computed balance, per currency', () => {
    expect(report.balances).toEqual(HAND_BALANCES);
  });

  it('leaves every payment in the hand-computed state (a chargeback after partial refunds refunds the payment)', () => {
    expect(report.payments).toEqual(HAND_PAYMENTS);
  });

  it('pays out exactly pm1 61,800, sel1 44,814 and mart 6,040 (pm2 carried over; the Saturday run pays nobody)', () => {
    expect(report.events.filter((event) => event.type === 'settlement.created')).toEqual(HAND_PAYOUT_EVENTS);
  });

  it('has the JSON records agree with the hand balances and the hand debits by record type', () => {
    const folded = foldRecords(report.records);
    expect(folded.balances).toEqual(HAND_BALANCES);
    expect(folded.debitsJpy).toEqual(HAND_RECORD_DEBITS_JPY);
    expect(folded.debitsUsd).toEqual(HAND_RECORD_DEBITS_USD);
  });

  it('has --format csv give the same rows as the JSON records, and so the same totals', () => {
    const [header, ...rows] = parseCsv(csvRun.stdout);
    expect(header).toEqual(['seq', 'payment', 'merchant', 'type', 'currency', 'deposit', 'debit']);
    const records = rows.map(([seq, payment, merchant, type, currency, deposit, debit]) => ({ seq: Number(seq), payment: payment as string, merchant: merchant as string, type: type as string, currency: currency as string, deposit: Number(deposit), debit: Number(debit) }));
    expect(records).toEqual(report.records.map((record) => ({ ...record, payment: record.payment ?? '' })));
    const folded = foldRecords(records);
    expect(folded.balances).toEqual(HAND_BALANCES);
    expect(folded.debitsJpy).toEqual(HAND_RECORD_DEBITS_JPY);
  });

  it('has every statement run to the hand balance, its running balance adding up row by row', () => {
    expect(readdirSync(paths.statements).sort()).toEqual(['mart.csv', 'plat.csv', 'pm1.csv', 'pm2.csv', 'sel1.csv']);
    const all: { merchant: string; type: string; currency: string; deposit: number; debit: number }[] = [];
    const closing: Balances = {};
    for (const merchant of Object.keys(HAND_BALANCES)) {
      const [header, ...rows] = parseCsv(readFileSync(join(paths.statements, `${merchant}.csv`), 'utf8'));
      expect(header).toEqual(['seq', 'at', 'payment', 'record_type', 'currency', 'deposit', 'debit', 'balance']);
      const running: Record<string, number> = {};
      for (const [, , , type, currency, deposit, debit, balance] of rows) {
        running[currency as string] = (running[currency as string] ?? 0) + Number(deposit) - Number(debit);
        expect(Number(balance)).toBe(running[currency as string]);
        all.push({ merchant, type: type as string, currency: currency as string, deposit: Number(deposit), debit: Number(debit) });
      }
      closing[merchant] = running;
    }
    expect(closing).toEqual(HAND_BALANCES);
    expect(foldRecords(all).debitsJpy).toEqual(HAND_RECORD_DEBITS_JPY);
    expect(all.length).toBe(report.records.length);
  });

  it('dates statements in UTC: m-card-1 (00:30 on 1 October in Japan) is 30 September there', () => {
    const mart = parseCsv(readFileSync(join(paths.statements, 'mart.csv'), 'utf8'));
    expect(mart.find((row) => row[2] === 'm-card-1')?.[1]).toBe('2026-09-30T15:30:00.000Z');
  });

  it('has the hledger export balance per transaction and per currency, and total to the hand figures', () => {
    const { transactions, assertions } = readHledger(readFileSync(paths.hledger, 'utf8'));
    // 33 entries (35 commands less the 2 rejected, which wrote none), less the 11 that move
    // no money: 4 payout-settings updates, 4 creations that only authorize (m-card-2, m-card-3,
    // m-konbini, s-usd-1), 2 refund requests while pending, the Saturday run.
    expect(transactions).toHaveLength(22);
    for (const transaction of transactions) {
      const sums: Record<string, number> = {};
      for (const posting of transaction.postings) sums[posting.currency] = (sums[posting.currency] ?? 0) + posting.amount;
      expect([transaction.description, Object.values(sums).every((sum) => sum === 0)]).toEqual([transaction.description, true]);
    }
    const folded = foldPostings(transactions.flatMap((transaction) => transaction.postings));
    expect(folded.merchants).toEqual(HAND_BALANCES);
    expect(komojuFromAccounts(folded.accounts)).toEqual(HAND_KOMOJU);
    expect(assertions).toEqual(HAND_BALANCES);
  });

  it('dates hledger transactions by the Japan-time day: the 00:30 JST entries fall on 10-01 and 10-24', () => {
    const { transactions } = readHledger(readFileSync(paths.hledger, 'utf8'));
    expect(transactions.filter((transaction) => /m-card-1$|s-card-2$/.test(transaction.description) && /payment\.create/.test(transaction.description)).map((transaction) => [transaction.date, transaction.description])).toEqual([
      ['2026-10-01', '(6) payment.create m-card-1'],
      ['2026-10-24', '(26) payment.create s-card-2'],
    ]);
  });

  it('has hledger itself accept the export strictly and report the hand balances', () => {
    expect(() => execFileSync('hledger', ['-f', paths.hledger, 'check', '-s'], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    const csv = execFileSync('hledger', ['-f', paths.hledger, 'balance', '--flat', '--no-total', '-O', 'csv', '--layout', 'bare'], { encoding: 'utf8' });
    const lines = csv.trim().split('\n').slice(1).map((line) => line.trim());
    expect(lines).toContain('"Income:Fees:Processing","JPY","-7310"');
    expect(lines).toContain('"Income:Fees:Processing","USD","-3.60"');
    expect(lines).toContain('"Liabilities:Tax:Consumption","JPY","-810"');
    expect(lines).toContain('"Assets:Bank:Payouts","JPY","-112654"');
    expect(lines).toContain('"Liabilities:Merchants:mart","JPY","-8037"');
    expect(lines).toContain('"Liabilities:Merchants:sel1","USD","-56.07"');
  });

  it('has ledger --pedantic read the export too and give the hand totals', () => {
    const out = execFileSync('ledger', ['--pedantic', '-f', paths.hledger, 'balance', '--flat', '--no-total', '--balance-format', '%(account)|%(scrub(display_total))\n'], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines).toContain('Income:Fees:Processing|-7310 JPY');
    expect(lines).toContain('Income:Fees:Refund|-600 JPY');
    expect(lines).toContain('Income:Fees:Customer|-190 JPY');
    expect(lines).toContain('Assets:Bank:Payouts|-112654 JPY');
    expect(lines).toContain('Liabilities:Merchants:pm2|-26200 JPY');
  });

  it('has the NDJSON journal (objects format): every entry balanced per currency, totals as by hand', () => {
    const entries = readObjectsJournal(readFileSync(paths.objects, 'utf8'));
    expect(entries).toHaveLength(33);
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 33 }, (_, index) => index + 1));
    for (const entry of entries) {
      const sums: Record<string, number> = {};
      for (const [, currency, amount] of entry.postings) sums[currency] = (sums[currency] ?? 0) + amount;
      expect([entry.seq, Object.values(sums).filter((sum) => sum !== 0)]).toEqual([entry.seq, []]);
    }
    const folded = foldPostings(entries.flatMap((entry) => entry.postings.map(([account, currency, amount]) => ({ account, currency, amount }))));
    expect(folded.merchants).toEqual(HAND_BALANCES);
    expect(komojuFromAccounts(folded.accounts)).toEqual(HAND_KOMOJU);
  });

  it('has the objects journal hold the same entries as the JSON records, posting for posting on merchants', () => {
    const entries = readObjectsJournal(readFileSync(paths.objects, 'utf8'));
    const fromJournal = entries.flatMap((entry) => entry.postings.filter(([account]) => MERCHANT_ACCOUNT.test(account)).map(([account, currency, amount, type]) => [entry.seq, (MERCHANT_ACCOUNT.exec(account) as RegExpExecArray)[1], type, currency, amount < 0 ? -amount : 0, amount > 0 ? amount : 0]));
    expect(fromJournal).toEqual(report.records.map((record) => [record.seq, record.merchant, record.type, record.currency, record.deposit, record.debit]));
  });

  it('has `kanjo reconcile` of both journal formats give the hand balances', () => {
    for (const journal of [paths.compact, paths.objects]) {
      const reconciled = kanjo(['reconcile', journal, '--format', 'json']);
      expect([journal, reconciled.status, reconciled.stderr]).toEqual([journal, 0, '']);
      expect(JSON.parse(reconciled.stdout)).toEqual({ entries: 33, balances: HAND_BALANCES });
    }
  });

  it('would catch a wrong yen: reconcile refuses the journal with one payout yen moved', () => {
    const text = readFileSync(paths.objects, 'utf8');
    const tampered = text.replace('["Liabilities:Merchants:mart","JPY",6040,"Payout"],["Assets:Bank:Payouts","JPY",-6040,"Payout"]', '["Liabilities:Merchants:mart","JPY",6041,"Payout"],["Assets:Bank:Payouts","JPY",-6041,"Payout"]');
    expect(tampered).not.toBe(text);
    const reconciled = kanjo(['reconcile', '-', '--format', 'json'], tampered);
    expect(reconciled.status).toBe(1);
  });
});


// The same month with one thing moved, each worked out by hand from the figures above.
describe('the same month with its edges moved (payout periods end at midnight Japan time; holidays move payout days)', () => {
  interface Command { op: string; at?: string; holidays?: string[] }
  function runVariant(change: (commands: Command[]) => void): { balances: Balances; payouts: unknown[]; payoutEntries: unknown[] } {
    const file = JSON.parse(readFileSync(scenario, 'utf8')) as { commands: Command[] };
    change(file.commands);
    const dir = mkdtempSync(join(work, 'variant-'));
    const path = join(dir, 'variant.json');
    writeFileSync(path, JSON.stringify(file));
    const run = kanjo(['run', path, '--format', 'json', '--journal', join(dir, 'variant.ndjson')]);
    const parsed = JSON.parse(run.stdout) as Omit<Report, 'events'> & { events: { type: string; merchant?: string; amount?: number }[] };
    const reconciled = kanjo(['reconcile', join(dir, 'variant.ndjson'), '--format', 'json']);
    expect(reconciled.status).toBe(0);
    expect((JSON.parse(reconciled.stdout) as { balances: Balances }).balances).toEqual(parsed.balances);
    return {
      balances: parsed.balances,
      payouts: parsed.events.filter((event) => event.type === 'settlement.created').map((event) => [event.merchant, event.amount]),
      payoutEntries: parsed.records.filter((record) => record.type === 'Payout').map((record) => [record.merchant, record.seq]),
    };
  }
  const s_card_2 = 26;

  it('s-card-2 at exactly 00:00 on Saturday 10-24 JST is the next week\'s: sel1 is still paid 44,814', () => {
    const variant = runVariant((commands) => { (commands[s_card_2] as Command).at = '2026-10-24T00:00:00+09:00'; });
    expect(variant.payouts).toEqual([['pm1', 61800], ['sel1', 44814], ['mart', 6040]]);
    expect(variant.balances['sel1']).toEqual({ JPY: 2700, USD: 5607 });
  });

  it('s-card-2 a millisecond earlier is the week\'s: sel1 is paid 44,814 + 2,700 = 47,514 and keeps 0', () => {
    const variant = runVariant((commands) => { (commands[s_card_2] as Command).at = '2026-10-23T23:59:59.999+09:00'; });
    expect(variant.payouts).toEqual([['pm1', 61800], ['sel1', 47514], ['mart', 6040]]);
    expect(variant.balances['sel1']).toEqual({ JPY: 0, USD: 5607 });
  });

  it('a holiday on Friday 10-30 moves the weekly payouts to Monday 11-02, after rr-2 completed: pm1 still gets 61,800 (63,600 held, 61,800 available)', () => {
    const variant = runVariant((commands) => {
      (commands[31] as Command).holidays = ['2026-10-30'];
      (commands[34] as Command).holidays = ['2026-10-30', '2026-11-03'];
    });
    // One run pays all three, by merchant id; the final balances are the month's.
    expect(variant.payouts).toEqual([['mart', 6040], ['pm1', 61800], ['sel1', 44814]]);
    expect(variant.balances).toEqual(HAND_BALANCES);
  });

  it('a holiday on Monday 11-02 moves mart\'s September payout to Tuesday 11-03', () => {
    const variant = runVariant((commands) => {
      (commands[34] as Command).holidays = ['2026-11-02'];
      commands.push({ op: 'settlement.run', at: '2026-11-03T10:00:00+09:00', date: '2026-11-03', holidays: ['2026-11-02'] } as Command);
    });
    expect(variant.payouts).toEqual([['pm1', 61800], ['sel1', 44814], ['mart', 6040]]);
    // Entry 33 is the Monday run (it pays nobody now), 34 the Tuesday one.
    expect(variant.payoutEntries).toEqual([['pm1', 30], ['sel1', 30], ['mart', 34]]);
    expect(variant.balances).toEqual(HAND_BALANCES);
  });
  it('a reverse refund of m-card-2 instead of the chargeback takes the rest of each share: pm1 7,800, pm2 5,200, mart 1,000', () => {
    // mart 8,707 − 1,000 = 7,707; the ¥500 transfer to pm1 now passes (7,077 available);
    // pm1 65,400 − 1,800 − 7,800 + 500 = 56,300, paid min(63,600, 56,300 − 1,800) = 54,500;
    // pm2 47,100 − 5,200 − 20,000 = 21,900, available 21,000 < 30,000: carried over;
    // mart 7,207 + 20,000 − 630 − 6,040 = 20,537; pm1 56,300 − 54,500 − 1,800 = 0; pm2 21,000.
    const variant = runVariant((commands) => { commands[27] = { op: 'payment.refund', at: '2026-10-26T10:00:00+09:00', payment: 'm-card-2' } as Command; });
    expect(variant.payouts).toEqual([['pm1', 54500], ['sel1', 44814], ['mart', 6040]]);
    expect(variant.balances).toEqual({ ...HAND_BALANCES, mart: { JPY: 20537 }, pm2: { JPY: 21000 } });
  });

  it('rr-2 rejected before the run releases its holds: pm1 is paid all 63,600, mart keeps 8,667, pm2 27,100', () => {
    const variant = runVariant((commands) => {
      commands[32] = commands[31] as Command;
      commands[31] = { op: 'refund_request.reject', at: '2026-10-29T10:00:00+09:00', refund_request: 'rr-2' } as Command;
    });
    expect(variant.payouts).toEqual([['pm1', 63600], ['sel1', 44814], ['mart', 6040]]);
    expect(variant.balances).toEqual({ ...HAND_BALANCES, mart: { JPY: 8667 }, pm2: { JPY: 27100 } });
  });

  it('a chargeback of s-usd-1 after its refunds is the seller\'s alone: sel1 5,607 − 6,445 = −838¢, plat keeps 442¢', () => {
    const variant = runVariant((commands) => { commands.splice(30, 0, { op: 'payment.chargeback', at: '2026-10-27T12:00:00+09:00', payment: 's-usd-1' } as Command); });
    expect(variant.balances).toEqual({ ...HAND_BALANCES, sel1: { JPY: 2700, USD: -838 } });
  });
  it('pm1 and pm2 switched to monthly on 10-31: the 11-02 run owes pm1 nothing for September (54,000 held, 61,800 paid since) and pays pm2 26,200', () => {
    // pm2's September: held 36,000, nothing paid since, available 26,200: pays 26,200 (minimum 0).
    const variant = runVariant((commands) => {
      commands.splice(33, 0,
        { op: 'payout_settings.update', at: '2026-10-31T10:30:00+09:00', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'monthly', minimum_amount: 0 } as Command,
        { op: 'payout_settings.update', at: '2026-10-31T10:30:00+09:00', merchant: 'mart', target: 'pm2', currency: 'JPY', frequency: 'monthly', minimum_amount: 0 } as Command);
    });
    expect(variant.payouts).toEqual([['pm1', 61800], ['sel1', 44814], ['mart', 6040], ['pm2', 26200]]);
    expect(variant.balances).toEqual({ ...HAND_BALANCES, pm2: { JPY: 0 } });
  });
  it('holidays from Friday 10-30 to Friday 11-06 put two weeks and mart\'s month on Monday 11-09, each week paid less what the run paid before', () => {
    // Week 10-17…23: pm1 min(63,600, 61,800 available) = 61,800; pm2 26,200 < 30,000; sel1 44,814.
    // Week 10-24…30: pm1 held 63,600 (rr-2 completed 10-31), less 61,800 paid by this run =
    // 1,800, but nothing is left available: nothing; pm2 27,100 → capped 26,200 < 30,000;
    // sel1 held 47,514 less 44,814 = 2,700 (minimum 0). mart's September: 6,040.
    const holidays = ['2026-10-30', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
    const variant = runVariant((commands) => {
      for (const index of [31, 33, 34]) (commands[index] as Command).holidays = holidays;
      commands.push({ op: 'settlement.run', at: '2026-11-09T10:00:00+09:00', date: '2026-11-09', holidays } as Command);
    });
    expect(variant.payouts).toEqual([['mart', 6040], ['pm1', 61800], ['sel1', 44814], ['sel1', 2700]]);
    expect(variant.payoutEntries).toEqual([['mart', 34], ['pm1', 34], ['sel1', 34], ['sel1', 34]]);
    expect(variant.balances).toEqual({ ...HAND_BALANCES, sel1: { JPY: 0, USD: 5607 } });
  });
});
