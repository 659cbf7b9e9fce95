import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

// packages/ledger/examples: each example file's `description` and each claim of its README
// ("what it shows" table, "Writing your own") held against what `kanjo run FILE` prints. Each
// `it` quotes the sentence it pins. Already pinned elsewhere, so not repeated here: a rejected
// command's exit status 0 (kanjo-run.test.ts), the table listing rejections with their code
// (cli-mutants.test.ts), the CSV warnings on standard error and their count past ten, a run on
// nobody's payout day, a repeated run and no catch-up of a missed payout day
// (newcomer-walkthrough.test.ts), digit-string and malformed payment and split amounts
// (packages/ledger/test/scenario-parsing.test.ts), and every example's --journal, --hledger,
// --statements and `kanjo reconcile` (reconciliation-script.test.ts).

const EXAMPLES = fileURLToPath(new URL('../../packages/ledger/examples/', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kanjo-examples-claims-'));

interface ScenarioFile {
  description: string;
  merchants: unknown[];
  commands: Record<string, unknown>[];
  [field: string]: unknown;
}

interface Report {
  results: { index: number; op: string; ok: boolean; error?: { code: string; message: string } }[];
  balances: Record<string, Record<string, number>>;
  payments: Record<string, { status: string; amount: number; captured_amount: number; refunded_amount: number; currency: string }>;
  records: { seq: number; payment?: string; merchant: string; type: string; currency: string; deposit: number; debit: number }[];
  events: { type: string; payment?: string; merchant?: string; refund_request?: string; amount?: number; status?: string }[];
}

const example = (name: string): ScenarioFile => JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as ScenarioFile;

function write(name: string, document: unknown): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
}

/** `kanjo run PATH --format json` with its exit status and standard error. */
function run(path: string, extra: readonly string[] = []): { status: number | null; stderr: string; report: Report } {
  const { status, stdout, stderr } = kanjo(['run', path, '--format', 'json', ...extra]);
  return { status, stderr, report: JSON.parse(stdout) as Report };
}

/** What the entry `seq` moved on each merchant's balance (deposit − debit), merchants with a record only. */
function net(report: Report, seq: number): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const record of report.records.filter((row) => row.seq === seq)) moved[record.merchant] = (moved[record.merchant] ?? 0) + record.deposit - record.debit;
  return moved;
}

/** A merchant's balance after the entries up to and including `seq`. */
function balanceAfter(report: Report, merchant: string, seq: number): number {
  return report.records.filter((row) => row.merchant === merchant && row.seq <= seq).reduce((sum, row) => sum + row.deposit - row.debit, 0);
}

const rows = (report: Report, seq: number) => report.records.filter((row) => row.seq === seq).map(({ merchant, type, deposit, debit }) => [merchant, type, deposit - debit]);
const codes = (report: Report) => report.results.map((result) => result.error?.code ?? 'ok');

describe('marketplace-capture-and-refund.json', () => {
  const { status, stderr, report } = run(join(EXAMPLES, 'marketplace-capture-and-refund.json'));

  it('runs every command with exit status 0 and nothing on standard error', () => {
    expect({ status, stderr, codes: codes(report) }).toEqual({ status: 0, stderr: '', codes: ['ok', 'ok', 'ok', 'ok', 'ok'] });
  });

  it('"a ¥1,000 card payment split {PM-1: 700 fee 70, PM-2: 300 fee 30} leaves ¥100 with the platform (¥60 after the 3.6% fee and its tax), ¥630 with PM-1 and ¥270 with PM-2"', () => {
    // Entry 3 is pay_1's creation (1 and 2 are pay_0's authorization and capture).
    expect(net(report, 3)).toEqual({ mart: 60, pm1: 630, pm2: 270 });
    const fees = report.records.filter((row) => row.seq === 3 && row.type.startsWith('Processing Fee')).map((row) => [row.type, row.debit]);
    expect(fees).toEqual([['Processing Fee', 36], ['Processing Fee Tax', 4]]);
    expect(net(report, 3)['mart']! + 36 + 4).toBe(100);
  });

  it('"A ¥900 non-reverse refund is borne 50 by the platform, 600 by PM-1 and 250 by PM-2" (the table: "50 / 600 / 250")', () => {
    expect(rows(report, 4)).toEqual([
      ['mart', 'Refund', -900],
      ['pm1', 'Payment Transfer Return', -600], ['mart', 'Payment Transfer Return', 600],
      ['pm2', 'Payment Transfer Return', -250], ['mart', 'Payment Transfer Return', 250],
    ]);
    expect(net(report, 4)).toEqual({ mart: -50, pm1: -600, pm2: -250 });
  });

  it('"A reverse refund then returns exactly the rest (platform 50, PM-1 30, PM-2 20)"', () => {
    expect(example('marketplace-capture-and-refund.json').commands[4]).toEqual({ op: 'payment.refund', at: '2026-04-03T09:00:00+09:00', payment: 'pay_1' });
    expect(net(report, 5)).toEqual({ mart: -50, pm1: -30, pm2: -20 });
    expect(report.records.filter((row) => row.seq === 5 && row.type === 'Refund').map((row) => row.debit)).toEqual([100]);
    expect(report.payments['pay_1']).toEqual({ status: 'refunded', amount: 1000, captured_amount: 1000, refunded_amount: 1000, currency: 'JPY' });
    expect(report.balances).toEqual({ mart: { JPY: 1881 }, pm1: { JPY: 0 }, pm2: { JPY: 0 } });
  });

  it('"the platform covers its ¥50 from an earlier two-step payment whose capture split left everything to it" (the table: "a two-step capture that leaves all to the platform")', () => {
    expect(report.events.filter((event) => event.payment === 'pay_0').map((event) => event.type)).toEqual(['payment.authorized', 'payment.captured']);
    expect(net(report, 1)).toEqual({});
    expect(net(report, 2)).toEqual({ mart: 2000 - 72 - 7 });
    // Without pay_0 the platform holds 60 − 50 = 10 before the reverse refund, which costs it 50.
    const file = example('marketplace-capture-and-refund.json');
    const without = run(write('marketplace-without-pay_0.json', { ...file, commands: file.commands.slice(2) })).report;
    expect(without.results[2]?.error).toEqual({
      code: 'insufficient_balance',
      message: 'merchant mart needs 50 JPY available for this refund but has 10 (short by 40); top it up with a balance transfer or refund less',
    });
  });
});

describe('seller-split-and-proportional-refunds.json', () => {
  const { status, stderr, report } = run(join(EXAMPLES, 'seller-split-and-proportional-refunds.json'));

  it('runs every command with exit status 0 and nothing on standard error', () => {
    expect({ status, stderr, codes: codes(report) }).toEqual({ status: 0, stderr: '', codes: ['ok', 'ok', 'ok', 'ok'] });
  });

  it('"The seller receives exactly ¥45,000; the platform ¥5,000 less the 3.6% fee (¥1,800) and its tax (¥180)"', () => {
    expect(rows(report, 1)).toEqual([
      ['s1', 'Payment', 50000], ['s1', 'Platform Fee', -5000], ['plt', 'Platform Fee', 5000],
      ['plt', 'Processing Fee', -1800], ['plt', 'Processing Fee Tax', -180],
    ]);
    expect(net(report, 1)).toEqual({ s1: 45000, plt: 3020 });
  });

  it('"Refunds of ¥100, ¥100 and ¥7 split by 5,000/50,000 on cumulative totals: the platform gives back 10, 10 and 1" (the table: "split 10/90, 10/90, 1/6")', () => {
    expect([2, 3, 4].map((seq) => rows(report, seq))).toEqual([100, 100, 7].map((refund, position) => [
      ['s1', 'Refund', -refund], ['plt', 'Platform Fee Return', -[10, 10, 1][position]!], ['s1', 'Platform Fee Return', [10, 10, 1][position]],
    ]));
    expect([2, 3, 4].map((seq) => net(report, seq))).toEqual([{ s1: -90, plt: -10 }, { s1: -90, plt: -10 }, { s1: -6, plt: -1 }]);
    expect(report.payments['p1']).toEqual({ status: 'captured', amount: 50000, captured_amount: 50000, refunded_amount: 207, currency: 'JPY' });
  });
});

describe('konbini-refund-request.json', () => {
  const path = join(EXAMPLES, 'konbini-refund-request.json');
  const hledger = join(work, 'konbini.journal');
  const { status, stderr, report } = run(path, ['--hledger', hledger]);

  it('runs every command with exit status 0 and nothing on standard error', () => {
    expect({ status, stderr, codes: codes(report) }).toEqual({ status: 0, stderr: '', codes: ['ok', 'ok', 'ok', 'ok', 'ok'] });
  });

  it('"a ¥5,000 Konbini payment waits for the customer (created authorized with its split), is captured when the customer pays"', () => {
    expect(report.events.filter((event) => event.payment === 'kb').slice(0, 2).map((event) => event.type)).toEqual(['payment.authorized', 'payment.captured']);
    // The creation (entry 2) moves no balance; the capture (entry 3) posts the creation's split.
    expect(net(report, 2)).toEqual({});
    expect(net(report, 3)).toEqual({ shop: 5000 - 5000 + 500 - 138 - 14, pmK: 4500 });
  });

  it('"(plus the ¥190 customer fee and its tax, paid to KOMOJU)": on no merchant\'s balance, no processing fee on it, and KOMOJU\'s income in the journal', () => {
    expect(report.records.filter((row) => row.seq === 3 && row.type.includes('Customer Fee'))).toEqual([]);
    expect(report.records.filter((row) => row.seq === 3 && row.type === 'Processing Fee').map((row) => row.debit)).toEqual([138]); // 2.75% of 5000, not of 5190
    const capture = readFileSync(hledger, 'utf8').split('\n\n').find((entry) => entry.includes('(3) payment.capture kb')) ?? '';
    expect(capture.split('\n').filter((line) => line.includes('Customer Fee')).map((line) => line.trim().replace(/\s+/g, ' '))).toEqual([
      'Assets:Receivable:Customers 190 JPY ; Customer Fee',
      'Income:Fees:Customer -190 JPY ; Customer Fee',
      'Assets:Receivable:Customers 19 JPY ; Customer Fee Tax',
      'Liabilities:Tax:Consumption -19 JPY ; Customer Fee Tax',
    ]);
  });

  it('"then refunded by a reverse refund request … On completion the platform pays the ¥300 Refund Fee and its tax, and, with include_payment_method_fee, the ¥190 customer fee and its tax back to the customer" (the table: "Refund Fee 300 + 30, customer fee 190 + 19")', () => {
    expect(rows(report, 4)).toEqual([]);
    expect(rows(report, 5)).toEqual([
      ['shop', 'Refund', -5000],
      ['pmK', 'Payment Transfer Return', -4500], ['shop', 'Payment Transfer Return', 4500],
      ['shop', 'Refund Fee', -300], ['shop', 'Refund Fee Tax', -30],
      ['shop', 'Refunded Customer Fee', -190], ['shop', 'Refunded Customer Fee Tax', -19],
    ]);
    expect(report.payments['kb']).toEqual({ status: 'refunded', amount: 5000, captured_amount: 5000, refunded_amount: 5000, currency: 'JPY' });
    expect(report.balances).toEqual({ shop: { JPY: 4111 }, pmK: { JPY: 0 } });
  });

  it('"A card payment first gives the platform the balance to cover it": without it the request is refused', () => {
    const file = example('konbini-refund-request.json');
    const without = run(write('konbini-without-card.json', { ...file, commands: file.commands.slice(1) })).report;
    expect(codes(without)).toEqual(['ok', 'ok', 'insufficient_balance', 'refund_request_not_found']);
    expect(without.results[2]?.error?.message).toBe('merchant shop needs 1039 JPY available for this refund but has 348 (short by 691); top it up with a balance transfer or refund less');
  });
});

describe('chargeback.json', () => {
  const { status, stderr, report } = run(join(EXAMPLES, 'chargeback.json'));

  it('runs every command with exit status 0 and nothing on standard error', () => {
    expect({ status, stderr, codes: codes(report) }).toEqual({ status: 0, stderr: '', codes: ['ok', 'ok', 'ok'] });
  });

  it('"After a ¥300 partial refund, the chargeback returns the remaining ¥2,700 to the customer, debited from the platform alone even though that takes its balance below zero; the payout merchant keeps its share"', () => {
    expect(report.records.filter((row) => row.seq === 2 && row.type === 'Refund').map((row) => row.debit)).toEqual([300]);
    expect(rows(report, 3)).toEqual([['mart', 'Chargeback', -2700]]);
    expect([balanceAfter(report, 'mart', 2), balanceAfter(report, 'mart', 3)]).toEqual([81, -2619]);
    expect(report.balances).toEqual({ mart: { JPY: -2619 }, pm1: { JPY: 3000 - 300 - 200 } });
    expect(report.events.slice(2)).toEqual([
      { type: 'payment.refund.created', payment: 'pay_cb', amount: 2700, currency: 'JPY' },
      { type: 'payment.refunded', payment: 'pay_cb' },
    ]);
  });
});

describe('payout-run.json', () => {
  const { status, stderr, report } = run(join(EXAMPLES, 'payout-run.json'));
  const payouts = (of: Report) => of.records.filter((row) => row.type === 'Payout').map((row) => [row.seq, row.merchant, row.debit]);

  it('runs every command with exit status 0 and nothing on standard error', () => {
    expect({ status, stderr, codes: codes(report) }).toEqual({ status: 0, stderr: '', codes: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'] });
  });

  it('"Friday 2026-05-08 pays the week Sat 04-25 to Fri 05-01: PM-1 held ¥630 then, below its minimum, so it is carried over. Friday 05-15 pays the week 05-02 to 05-08, by whose end PM-1 held ¥1,260: paid"', () => {
    expect(balanceAfter(report, 'pm1', 3)).toBe(630); // payment a, Tuesday 04-28
    expect(balanceAfter(report, 'pm1', 4)).toBe(1260); // payment b, Tuesday 05-05
    expect(rows(report, 5)).toEqual([]);
    expect(rows(report, 6)).toEqual([['pm1', 'Payout', -1260]]);
  });

  it('"Running the same day again pays nothing twice"', () => {
    expect(rows(report, 7)).toEqual([]);
  });

  it('"The platform\'s monthly payout for April is due at the end of May, Sunday 05-31, so it moves to Monday 06-01 and pays the ¥330 the platform held at the end of April"', () => {
    expect(balanceAfter(report, 'mart', 3)).toBe(330);
    expect(rows(report, 8)).toEqual([['mart', 'Payout', -330]]);
    expect(report.events.filter((event) => event.type === 'settlement.created')).toEqual([
      { type: 'settlement.created', merchant: 'pm1', amount: 1260, currency: 'JPY' },
      { type: 'settlement.created', merchant: 'mart', amount: 330, currency: 'JPY' },
    ]);
    // A run dated Sunday 05-31 itself pays the platform nothing; Monday's does.
    const file = example('payout-run.json');
    const sunday = { op: 'settlement.run', at: '2026-05-31T12:00:00+09:00', date: '2026-05-31' };
    const moved = run(write('payout-run-sunday.json', { ...file, commands: [...file.commands.slice(0, 7), sunday, file.commands[7]] })).report;
    expect(codes(moved).slice(7)).toEqual(['ok', 'ok']);
    expect(payouts(moved)).toEqual([[6, 'pm1', 1260], [9, 'mart', 330]]);
  });

  it('examples/README.md: "The example dates each run on its payout day"', () => {
    const runs = example('payout-run.json').commands.filter((command) => command['op'] === 'settlement.run');
    expect(runs.map((command) => [String(command['at']).slice(0, 10), String(command['at']).slice(19)])).toEqual(runs.map((command) => [command['date'], '+09:00']));
  });
});

describe('examples/README.md: the table of examples', () => {
  const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
  const table = readme.split('\n').filter((line) => /^\| `[^`]+\.json` \|/.test(line)).map((line) => line.split('|').map((cell) => cell.trim()));

  it('lists every example file once, each with the seed its description names ("Seed [NNN]")', () => {
    const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.json')).sort();
    expect(table.map((cells) => cells[1]?.slice(1, -1)).sort()).toEqual(files);
    for (const cells of table) {
      const file = cells[1]!.slice(1, -1);
      expect([file, example(file).description.slice(0, 11)]).toEqual([file, `Seed [${cells[3]}]:`]);
    }
  });

  it('each seed named is a seed document that covers what the file shows', () => {
    const seed = (number: string) => {
      const name = readdirSync(SEEDS).find((file) => file.startsWith(`${number}_`));
      expect(name, `seed ${number}`).toBeDefined();
      return readFileSync(join(SEEDS, name!), 'utf8');
    };
    const covers: Record<string, string[]> = {
      'marketplace-capture-and-refund.json': ['¥100 to Platform Merchant, and ¥630 to Payout Merchant-1, and ¥270 to Payout Merchant-2', '¥50 from Platform Merchant, ¥600 from Payout Merchant-1, and ¥250', 'Reverse Refund'],
      'seller-split-and-proportional-refunds.json': ['platform_amount', 'will receive exactly 45000 JPY', 'JPY 10 routes to the platform merchant, and JPY 90 routes to the sub-merchant'],
      'konbini-refund-request.json': ['Konbini', '¥300 refund fee', 'include_payment_method_fee'],
      'chargeback.json': ['Chargeback', 'The chargeback will be executed regardless of whether the Platform Merchant'],
      'payout-run.json': ['Payouts can be scheduled weekly or monthly', 'Minimum Settlement Amount'],
    };
    for (const cells of table) {
      const text = seed(cells[3]!);
      for (const phrase of covers[cells[1]!.slice(1, -1)] ?? ['(no phrase listed)']) expect([cells[1], phrase, text.includes(phrase)]).toEqual([cells[1], phrase, true]);
    }
  });

  it('`npm run demo` prints each file\'s description above its table: every example has one, a string', () => {
    for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'))) expect([file, typeof example(file).description]).toEqual([file, 'string']);
  });
});

const merchants = [
  { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } } },
  { id: 'pm1', type: 'payout', platform: 'mart' },
];
const pay = (id: string, at?: string) => ({
  op: 'payment.create', ...(at === undefined ? {} : { at }), id, merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card',
  platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] },
});

describe('examples/README.md "Writing your own": amounts', () => {
  const sentence = '"Amounts are integers in the currency\'s minor unit …, as JSON numbers or digit strings (`"1000"`); `1000.5`, `"1e3"` or a negative amount is rejected"';

  it(`${sentence}: a refund's, a transfer's and a minimum_amount`, () => {
    const transfer = (amount: unknown) => ({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount, currency: 'JPY' });
    const minimum = (minimum_amount: unknown) => ({ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimum_amount });
    const refund = (amount: unknown) => ({ op: 'payment.refund', payment: 'p1', amount, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount, platform_fee: 0 }] } });
    const { status, report } = run(write('amounts.json', {
      merchants,
      commands: [
        pay('p1', '2026-04-01T10:00:00+09:00'),
        refund('100'), refund(-100), refund(100.5),
        transfer('10'), transfer('-10'), transfer('1e3'), transfer(10.5),
        minimum('1000'), minimum('-1'), minimum('1e3'), minimum(1000.5),
      ],
    }));
    expect(status).toBe(0);
    expect(codes(report)).toEqual([
      'ok', 'ok', 'amount_negative', 'amount_not_integer',
      'ok', 'amount_negative', 'amount_exponent_notation', 'amount_not_integer',
      'ok', 'amount_negative', 'amount_exponent_notation', 'amount_not_integer',
    ]);
    expect(report.balances).toEqual({ mart: { JPY: 60 - 100 + 100 + 10 }, pm1: { JPY: 900 - 100 - 10 } });
  });

  it(`${sentence}: in the merchants' fees and refund_request_fee, a bad amount makes the file unusable (exit 2, one line)`, () => {
    const konbini = (customer_fee: unknown) => [{ ...merchants[0], payment_methods: { konbini: { fee_rate: '2.75%', customer_fee } } }, merchants[1]];
    expect(kanjo(['run', write('fee-string.json', { merchants: konbini('190'), refund_request_fee: '300', commands: [] }), '--format', 'json']).status).toBe(0);
    for (const [name, document, code] of [
      ['fee-float.json', { merchants: konbini(190.5), commands: [] }, 'amount_not_integer'],
      ['fee-exp.json', { merchants: konbini('1e3'), commands: [] }, 'amount_exponent_notation'],
      ['fee-negative.json', { merchants: konbini(-190), commands: [] }, 'amount_negative'],
      ['refund-fee-negative.json', { merchants, refund_request_fee: '-300', commands: [] }, 'amount_negative'],
    ] as const) {
      const { status, stdout, stderr } = kanjo(['run', write(name, document), '--format', 'json']);
      expect([name, status, stdout, stderr.trimEnd().split('\n').length, stderr.includes(code)]).toEqual([name, 2, '', 1, true]);
    }
  });
});

describe('examples/README.md "Writing your own": `at`', () => {
  /** Each accepted command's time as the journal keeps it. */
  function times(path: string): string[] {
    const journal = `${path}.ndjson`;
    expect(kanjo(['run', path, '--format', 'json', '--journal', journal, '--journal-format', 'objects']).status).toBe(0);
    return readFileSync(journal, 'utf8').trim().split('\n').slice(1).map((line) => (JSON.parse(line) as { at: string }).at);
  }

  it('"`at` (ISO 8601 with an offset) dates a command": with an offset (or Z) it is read; without one, or a date alone, it is time_invalid', () => {
    const path = write('at-forms.json', {
      merchants,
      commands: [pay('a', '2026-04-01T10:00:00+09:00'), pay('b', '2026-04-01T10:00:00'), pay('c', '2026-04-02'), pay('d', '2026-04-03T10:00:00Z'), pay('e', '2026-04-04T10:00:00+0900')],
    });
    expect(codes(run(path).report)).toEqual(['ok', 'time_invalid', 'time_invalid', 'ok', 'ok']);
    expect(times(path)).toEqual(['2026-04-01T01:00:00.000Z', '2026-04-03T10:00:00.000Z', '2026-04-04T01:00:00.000Z']);
  });

  it('"without it a command takes the time of the one before": of the one before that was accepted, since a rejected command changes nothing', () => {
    const path = write('at-missing.json', {
      merchants,
      commands: [
        pay('p1', '2026-04-01T10:00:00+09:00'),
        { op: 'payment.refund', at: '2026-04-01T12:00:00+09:00', payment: 'nope' }, // rejected: its time is not kept
        pay('p2'),
        pay('p3', '2026-04-01T11:00:00+09:00'), // before the rejected refund's 12:00, after p2: accepted
        pay('p4'),
      ],
    });
    expect(codes(run(path).report)).toEqual(['ok', 'payment_not_found', 'ok', 'ok', 'ok']);
    expect(times(path)).toEqual(['2026-04-01T01:00:00.000Z', '2026-04-01T01:00:00.000Z', '2026-04-01T02:00:00.000Z', '2026-04-01T02:00:00.000Z']);
  });

  it('"Commands must come in time order": an earlier time is time_out_of_order, the same time is fine', () => {
    const { report } = run(write('at-order.json', {
      merchants,
      commands: [pay('p1', '2026-04-01T10:00:00+09:00'), pay('p2', '2026-04-01T09:59:59+09:00'), pay('p3', '2026-04-01T01:00:00Z')],
    }));
    expect(codes(report)).toEqual(['ok', 'time_out_of_order', 'ok']);
    expect(report.results[1]?.error?.message).toBe('at 2026-04-01T00:59:59.000Z is before the previous command (2026-04-01T01:00:00.000Z): commands come in time order');
  });
});

describe('examples/README.md "Writing your own": settlement.run', () => {
  // payout-run.json's settings and first payment, with PM-1's minimum lowered to 500: PM-1 holds
  // 630 from Tuesday 04-28, so the week Sat 04-25 to Fri 05-01 (ending 05-02T00:00+09:00) pays 630.
  const file = example('payout-run.json');
  const start = [{ ...file.commands[0], minimum_amount: 500 }, file.commands[1], file.commands[2]];
  const settle = (name: string, runs: Record<string, unknown>[]) => {
    const { status, report } = run(write(name, { merchants: file.merchants, commands: [...start, ...runs] }));
    expect(status).toBe(0);
    return { codes: codes(report).slice(3), payouts: report.records.filter((row) => row.type === 'Payout').map((row) => [row.seq, row.merchant, row.debit]) };
  };
  const at = (time: string, date: string, holidays?: string[]) => ({ op: 'settlement.run', at: time, date, ...(holidays === undefined ? {} : { holidays }) });

  it('"Its `at` must come after the end of each period it pays, or it is rejected with `settlement_period_not_ended`"', () => {
    expect(settle('run-early.json', [at('2026-05-01T23:59:59+09:00', '2026-05-08')])).toEqual({ codes: ['settlement_period_not_ended'], payouts: [] });
    expect(settle('run-at-end.json', [at('2026-05-02T00:00:00+09:00', '2026-05-08')])).toEqual({ codes: ['ok'], payouts: [[4, 'pm1', 630]] });
  });

  it('"it may come before the payout day"', () => {
    expect(settle('run-before-day.json', [at('2026-05-04T12:00:00+09:00', '2026-05-08')])).toEqual({ codes: ['ok'], payouts: [[4, 'pm1', 630]] });
  });

  it('"a Saturday-to-Friday week is paid the Friday after it … moved past weekends and the run\'s `holidays`"', () => {
    // Friday 05-08 a holiday: that Friday's run pays nothing, Monday 05-11's pays the week.
    expect(settle('run-holiday.json', [at('2026-05-08T12:00:00+09:00', '2026-05-08', ['2026-05-08']), at('2026-05-11T12:00:00+09:00', '2026-05-11', ['2026-05-08'])]))
      .toEqual({ codes: ['ok', 'ok'], payouts: [[5, 'pm1', 630]] });
    // The week's own last day (Friday 05-01) is not its payout day.
    expect(settle('run-week-end.json', [at('2026-05-02T00:00:00+09:00', '2026-05-01')])).toEqual({ codes: ['ok'], payouts: [] });
  });
});

describe('examples/README.md "Writing your own": unknown top-level fields', () => {
  const sentence = '"Unknown top-level fields (like `description`) are ignored, so files can carry notes"';
  const commands = [pay('p1', '2026-04-01T10:00:00+09:00')];
  const plain = kanjo(['run', write('plain.json', { merchants, commands }), '--format', 'json']);

  it(`${sentence}: \`description\` changes nothing and draws no warning`, () => {
    expect(kanjo(['run', write('described.json', { description: 'a note', merchants, commands }), '--format', 'json'])).toEqual(plain);
  });

  it(`${sentence}: any other one changes no output or exit status, but draws one warning line on standard error`, () => {
    const noted = kanjo(['run', write('noted.json', { notes: 'a note', merchants, commands }), '--format', 'json']);
    expect(noted).toEqual({ ...plain, stderr: 'kanjo: warning: the file has the field "notes", which Kanjo does not read: it is ignored\n' });
  });
});
