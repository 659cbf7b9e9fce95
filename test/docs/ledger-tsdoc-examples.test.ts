import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  availableBalance,
  createLedger,
  decideCommand,
  merchantBalances,
  merchantRecords,
  merchantStatementCsv,
  merchantStatementFileName,
  nextPayout,
  parseScenarioCommand,
  paymentMethodCapabilities,
  paymentView,
  postedBalance,
  replayJournal,
  runScenario,
  sessionReturnUrl,
  validateBankAccount,
  type Ledger,
  type LedgerConfig,
} from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

/**
 * The `@example` blocks of @kanjo/ledger's TSDoc, run as written, with the outcomes their
 * comments promise (what an editor shows on hover is what the code does).
 *
 * Each example line is keyed by its exact text: a line changed in the source without its check
 * here, or a new example line without a check, fails the completeness tests at the end. Most
 * examples continue the package README's opening ledger ({@link readmeLedger}).
 */
const srcRoot = fileURLToPath(new URL('../../packages/ledger/src/', import.meta.url));

/** The package README's opening ledger after its payment pay_1: ¥1,000 by card, 700 with a 70 fee to pm1, 300 with 30 to pm2. */
function readmeLedger(): { readonly config: LedgerConfig; readonly ledger: Ledger } {
  const config: LedgerConfig = {
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
      { id: 'pm1', type: 'payout', platform: 'mart' },
      { id: 'pm2', type: 'payout', platform: 'mart' },
    ],
  };
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const ledger = created.value;
  const result = ledger.execute({
    op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card',
    split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }],
  });
  if (!result.ok) throw new Error(result.error.message);
  return { config, ledger };
}

const partialRefund = {
  op: 'payment.refund', payment: 'pay_1', amount: 100,
  split: [{ submerchantId: 'pm1', amount: 63, platformFee: 7 }, { submerchantId: 'pm2', amount: 27, platformFee: 3 }],
} as const;

const account = { customerName: 'ヤマダタロウ', bankName: 'みずほ銀行', bankCode: '0001', branchName: '本店', branchNumber: '001', accountType: 'ordinary', accountNumber: '1234567' } as const;

/** Each example line (as written after ` * `), the file it is in, and the check of what its comment says. */
const examples: ReadonlyArray<{ readonly file: string; readonly lines: readonly string[]; readonly check: () => void }> = [
  {
    file: 'engine/ledger.ts',
    lines: [
      "createLedger({ merchants: [{ id: 'pm1', type: 'payout', platform: 'mart' }] }); // { ok: false, error: { code: 'config_platform_missing', … } }",
      "const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }] });",
      'created.ok && created.value.journal.length; // 0: an empty ledger',
    ],
    check: () => {
      expect(createLedger({ merchants: [{ id: 'pm1', type: 'payout', platform: 'mart' }] })).toMatchObject({ ok: false, error: { code: 'config_platform_missing' } });
      const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }] });
      expect(created.ok && created.value.journal.length).toBe(0);
    },
  },
  {
    file: 'engine/ledger.ts',
    lines: [
      "ledger.execute({ op: 'payment.refund', payment: 'pay_1', amount: 5000 }); // { ok: false, error: { code: 'refund_exceeds_remaining', … } }: nothing posted",
      "ledger.execute({ op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 63, platformFee: 7 }, { submerchantId: 'pm2', amount: 27, platformFee: 3 }] }); // { ok: true, entry: { seq: 2, … }, events: [{ type: 'payment.refund.created', payment: 'pay_1', amount: 100, currency: 'JPY' }], replayed: false }",
      'merchantBalances(ledger.state); // { mart: { JPY: 50 }, pm1: { JPY: 567 }, pm2: { JPY: 243 } }',
      "const first = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });",
      "const again = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });",
      'again.ok && again.replayed && again.entry === (first.ok && first.entry); // true',
    ],
    check: () => {
      const { ledger } = readmeLedger();
      expect(ledger.execute({ op: 'payment.refund', payment: 'pay_1', amount: 5000 })).toMatchObject({ ok: false, error: { code: 'refund_exceeds_remaining' } });
      expect(ledger.journal).toHaveLength(1);
      expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
      const refunded = ledger.execute(partialRefund);
      expect(refunded).toMatchObject({ ok: true, entry: { seq: 2 }, replayed: false });
      expect(refunded.ok && refunded.events).toEqual([{ type: 'payment.refund.created', payment: 'pay_1', amount: 100, currency: 'JPY' }]);
      expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 50 }, pm1: { JPY: 567 }, pm2: { JPY: 243 } });
      const first = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });
      const again = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });
      expect(first).toMatchObject({ ok: true, replayed: false });
      expect(again.ok && again.replayed && again.entry === (first.ok && first.entry)).toBe(true);
      // Posted once: 17 moved, not 34.
      expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 67 }, pm1: { JPY: 550 }, pm2: { JPY: 243 } });
      expect(ledger.journal).toHaveLength(3);
    },
  },
  {
    file: 'engine/decide-command.ts',
    lines: [
      "decideCommand(ledger.state, { op: 'payment.refund', payment: 'pay_1' }); // { ok: false, error: { code: 'insufficient_balance', … } }: mart has 60 of the 100 in platform fees it gives back",
      "decideCommand(ledger.state, { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 63, platformFee: 7 }, { submerchantId: 'pm2', amount: 27, platformFee: 3 }] });",
      'ledger.journal.length; // still 1: deciding posts nothing',
    ],
    check: () => {
      const { ledger } = readmeLedger();
      const whole = decideCommand(ledger.state, { op: 'payment.refund', payment: 'pay_1' });
      expect(whole).toMatchObject({ ok: false, error: { code: 'insufficient_balance' } });
      expect(!whole.ok && whole.error.message).toContain('has 60');
      const decided = decideCommand(ledger.state, partialRefund);
      expect(decided).toMatchObject({ ok: true, value: { payment: 'pay_1', changes: [{ kind: 'payment_refunded', amount: 100, parts: { platform: 10 } }] } });
      expect(decided.ok && decided.value.postings).toHaveLength(6);
      expect(ledger.journal).toHaveLength(1);
      expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
    },
  },
  {
    file: 'reports/balance-queries.ts',
    lines: [
      "postedBalance(ledger.state, 'pm1', 'JPY'); // 630",
      "postedBalance(ledger.state, 'pm1', 'USD'); // 0",
      "postedBalance(ledger.state, 'JPY', 'pm1'); // throws RangeError: no merchant \"JPY\" in this ledger (the merchant and the currency are swapped?)",
    ],
    check: () => {
      const { ledger } = readmeLedger();
      expect(postedBalance(ledger.state, 'pm1', 'JPY')).toBe(630);
      expect(postedBalance(ledger.state, 'pm1', 'USD')).toBe(0);
      expect(() => postedBalance(ledger.state, 'JPY', 'pm1')).toThrow(new RangeError('postedBalance(state, merchant, currency): no merchant "JPY" in this ledger (the merchant and the currency are swapped?)'));
    },
  },
  {
    file: 'reports/balance-queries.ts',
    lines: [
      "postedBalance(ledger.state, 'pm1', 'JPY'); // 8000",
      "availableBalance(ledger.state, 'pm1', 'JPY'); // 7000, until the request is completed or rejected",
    ],
    check: () => {
      // "pm1 holds 8,000 of a ¥10,000 Konbini payment; a pending refund request takes 1,000 of it back".
      const created = createLedger({
        merchants: [
          { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 190 } } },
          { id: 'pm1', type: 'payout', platform: 'mart' },
        ],
      });
      if (!created.ok) throw new Error(created.error.message);
      const ledger = created.value;
      expect(ledger.execute({ op: 'payment.create', id: 'pay_2', merchant: 'mart', amount: 10_000, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 10_000, platformFee: 2_000 }] })).toMatchObject({ ok: true });
      expect(ledger.execute({ op: 'payment.capture', payment: 'pay_2' })).toMatchObject({ ok: true });
      const request = { op: 'payment.refund_request', id: 'rr_1', payment: 'pay_2', amount: 1_000, split: [{ submerchantId: 'pm1', amount: 1_000, platformFee: 0 }], bankAccount: account } as const;
      expect(ledger.execute(request)).toMatchObject({ ok: true });
      expect(postedBalance(ledger.state, 'pm1', 'JPY')).toBe(8000);
      expect(availableBalance(ledger.state, 'pm1', 'JPY')).toBe(7000);
      expect(ledger.execute({ op: 'refund_request.reject', refundRequest: 'rr_1' })).toMatchObject({ ok: true });
      expect(availableBalance(ledger.state, 'pm1', 'JPY')).toBe(8000);
    },
  },
  {
    file: 'reports/merchant-balances.ts',
    lines: ['merchantBalances(ledger.state); // { mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } }'],
    check: () => {
      expect(merchantBalances(readmeLedger().ledger.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
    },
  },
  {
    file: 'reports/payment-view.ts',
    lines: ["paymentView(ledger.state.payments.get('pay_1')!); // { status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' }"],
    check: () => {
      const payment = readmeLedger().ledger.state.payments.get('pay_1');
      if (payment === undefined) throw new Error('pay_1 missing');
      expect(paymentView(payment)).toEqual({ status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' });
    },
  },
  {
    file: 'reports/merchant-records.ts',
    lines: ["merchantRecords(ledger.journal).filter((record) => record.merchant === 'pm1');"],
    check: () => {
      expect(merchantRecords(readmeLedger().ledger.journal).filter((record) => record.merchant === 'pm1')).toEqual([
        { seq: 1, at: '1970-01-01T00:00:00.000Z', payment: 'pay_1', merchant: 'pm1', type: 'Payment Transfer', currency: 'JPY', deposit: 700, debit: 0 },
        { seq: 1, at: '1970-01-01T00:00:00.000Z', payment: 'pay_1', merchant: 'pm1', type: 'Platform Fee', currency: 'JPY', deposit: 0, debit: 70 },
      ]);
    },
  },
  {
    file: 'journal/replay-journal.ts',
    lines: [
      'const replayed = replayJournal(config, ledger.journal); // config: what createLedger was given',
      'replayed.ok && merchantBalances(replayed.value.state); // { mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } }, as live',
      "replayJournal({ merchants: config.merchants.slice(0, 2) }, ledger.journal); // { ok: false, error: { code: 'journal_entry_inapplicable', … } }: entry 1 posts to pm2, which that configuration lacks",
    ],
    check: () => {
      const { config, ledger } = readmeLedger();
      const replayed = replayJournal(config, ledger.journal);
      expect(replayed.ok && merchantBalances(replayed.value.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
      const lacking = replayJournal({ merchants: config.merchants.slice(0, 2) }, ledger.journal);
      expect(lacking).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable' } });
      expect(!lacking.ok && lacking.error.message).toMatch(/^entry 1 .*pm2/);
    },
  },
  {
    file: 'scenario/run-scenario.ts',
    lines: [
      "const run = runScenario(JSON.parse(readFileSync('scenario.json', 'utf8'))); // a file as SCENARIO.md describes, snake_case",
      "run.ok && run.value.report.results; // [{ index: 0, op: 'payment.create', ok: true }, { index: 1, op: 'payment.refund', ok: false, error: { code: 'refund_exceeds_remaining', … } }]",
      'run.ok && run.value.report.balances; // { mart: { JPY: 60 }, pm1: { JPY: 900 } }: the rejected refund changed nothing',
      "runScenario({ merchants: [] }); // { ok: false, error: { code: 'scenario_invalid', message: 'the scenario has no commands list' } }",
    ],
    check: () => {
      // "With mart (card at 3.6%) and pm1, a ¥1,000 payment giving pm1 1,000 less a 100 platform fee, then a refund of 2,000".
      const run = runScenario(JSON.parse(JSON.stringify({
        merchants: [
          { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
          { id: 'pm1', type: 'payout', platform: 'mart' },
        ],
        commands: [
          { op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] } },
          { op: 'payment.refund', payment: 'pay_1', amount: 2000 },
        ],
      })) as unknown);
      expect(run.ok && run.value.report.results).toMatchObject([
        { index: 0, op: 'payment.create', ok: true },
        { index: 1, op: 'payment.refund', ok: false, error: { code: 'refund_exceeds_remaining' } },
      ]);
      expect(run.ok && run.value.report.balances).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 900 } });
      expect(runScenario({ merchants: [] })).toEqual({ ok: false, error: { code: 'scenario_invalid', message: 'the scenario has no commands list' } });
    },
  },
  {
    file: 'scenario/parse-scenario-command.ts',
    lines: [
      "parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '50' }); // { ok: true, value: { op: 'payment.refund', payment: 'pay_1', amount: 50 } }",
      "parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '1e3' }); // { ok: false, error: { code: 'amount_exponent_notation', … } }",
      "parseScenarioCommand({ op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 900, platform_fee: 100 }] } });",
    ],
    check: () => {
      expect(parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '50' })).toEqual({ ok: true, value: { op: 'payment.refund', payment: 'pay_1', amount: 50 } });
      expect(parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '1e3' })).toMatchObject({ ok: false, error: { code: 'amount_exponent_notation' } });
      expect(parseScenarioCommand({ op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 900, platform_fee: 100 }] } })).toEqual({
        ok: true,
        value: { op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 900, platformFee: 100 }] },
      });
    },
  },
  {
    file: 'reports/merchant-statement-csv.ts',
    lines: ["merchantStatementCsv(ledger.journal, 'pm1');"],
    check: () => {
      expect(merchantStatementCsv(readmeLedger().ledger.journal, 'pm1')).toBe(
        'seq,at,payment,record_type,currency,deposit,debit,balance\r\n' +
          '1,1970-01-01T00:00:00.000Z,pay_1,Payment Transfer,JPY,700,0,700\r\n' +
          '1,1970-01-01T00:00:00.000Z,pay_1,Platform Fee,JPY,0,70,630\r\n',
      );
    },
  },
  {
    file: 'reports/merchant-statement-csv.ts',
    lines: [
      "merchantStatementFileName('pm1'); // 'pm1.csv'",
      "merchantStatementFileName('../x'); // '..%2Fx.csv': stays in the statements directory",
      "merchantStatementFileName('店舗/1'); // '店舗%2F1.csv'",
    ],
    check: () => {
      expect(merchantStatementFileName('pm1')).toBe('pm1.csv');
      expect(merchantStatementFileName('../x')).toBe('..%2Fx.csv');
      expect(merchantStatementFileName('店舗/1')).toBe('店舗%2F1.csv');
    },
  },
  {
    file: 'sessions/session-return-url.ts',
    lines: [
      "sessionReturnUrl('https://shop.example/done?order=7', 'ses_1'); // 'https://shop.example/done?order=7&session_id=ses_1'",
      "sessionReturnUrl('https://shop.example/done#top', 'ses_1'); // 'https://shop.example/done?session_id=ses_1#top'",
      "sessionReturnUrl('ses_1', 'https://shop.example/done'); // throws RangeError: the arguments swapped",
    ],
    check: () => {
      expect(sessionReturnUrl('https://shop.example/done?order=7', 'ses_1')).toBe('https://shop.example/done?order=7&session_id=ses_1');
      expect(sessionReturnUrl('https://shop.example/done#top', 'ses_1')).toBe('https://shop.example/done?session_id=ses_1#top');
      expect(() => sessionReturnUrl('ses_1', 'https://shop.example/done')).toThrow(RangeError);
    },
  },
  {
    file: 'payouts/next-payout.ts',
    lines: [
      "nextPayout('monthly', '2026-12-06'); // { ok: true, value: { payoutDate: '2026-12-31', period: { start: '2026-11-01', end: '2026-11-30' } } }",
      "nextPayout('weekly', '2026-12-12', ['2026-12-18']); // { ok: true, value: { payoutDate: '2026-12-21', period: { start: '2026-12-05', end: '2026-12-11' } } }: Friday the 18th is a holiday",
      "nextPayout('daily', '2026-12-12'); // { ok: false, error: { code: 'payout_frequency_invalid', … } }",
    ],
    check: () => {
      expect(nextPayout('monthly', '2026-12-06')).toEqual({ ok: true, value: { payoutDate: '2026-12-31', period: { start: '2026-11-01', end: '2026-11-30' } } });
      expect(nextPayout('weekly', '2026-12-12', ['2026-12-18'])).toEqual({ ok: true, value: { payoutDate: '2026-12-21', period: { start: '2026-12-05', end: '2026-12-11' } } });
      // Without the holiday the payout is that Friday: the holiday is what moves it.
      expect(nextPayout('weekly', '2026-12-12')).toMatchObject({ ok: true, value: { payoutDate: '2026-12-18' } });
      expect(nextPayout('daily' as 'weekly', '2026-12-12')).toMatchObject({ ok: false, error: { code: 'payout_frequency_invalid' } });
    },
  },
  {
    file: 'refunds/validate-bank-account.ts',
    lines: [
      "const account = { customerName: 'ヤマダタロウ', bankName: 'みずほ銀行', bankCode: '0001', branchName: '本店', branchNumber: '001', accountType: 'ordinary', accountNumber: '1234567' } as const;",
      "validateBankAccount(account); // { ok: true, value: { customerName: 'ヤマダタロウ', … } }",
      "validateBankAccount({ ...account, customerName: 'Yamada Taro' }); // { ok: false, error: { code: 'bank_account_customer_name_invalid', … } }: katakana only",
    ],
    check: () => {
      expect(validateBankAccount(account)).toEqual({ ok: true, value: account });
      expect(validateBankAccount({ ...account, customerName: 'Yamada Taro' })).toMatchObject({ ok: false, error: { code: 'bank_account_customer_name_invalid' } });
    },
  },
  {
    file: 'payments/payment-methods.ts',
    lines: [
      "paymentMethodCapabilities('konbini'); // { refundRoute: 'refund_request', waitsForCustomer: true, partialCaptureFromApi: false, partialCaptureFromSession: false, chargeback: false }",
      "paymentMethodCapabilities('credit_card')?.chargeback; // true",
      "paymentMethodCapabilities('cash_on_delivery'); // undefined",
    ],
    check: () => {
      expect(paymentMethodCapabilities('konbini')).toEqual({ refundRoute: 'refund_request', waitsForCustomer: true, partialCaptureFromApi: false, partialCaptureFromSession: false, chargeback: false });
      expect(paymentMethodCapabilities('credit_card')?.chargeback).toBe(true);
      expect(paymentMethodCapabilities('cash_on_delivery')).toBeUndefined();
    },
  },
];

describe('@kanjo/ledger TSDoc examples', () => {
  it.each(examples.map((example) => [`${example.file}: ${example.lines[0] ?? ''}`, example] as const))('%s', (_name, example) => {
    example.check();
  });
});

/** Every source file under packages/ledger/src. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((item) =>
    item.isDirectory() ? sourceFiles(join(folder, item.name)) : item.name.endsWith('.ts') ? [join(folder, item.name)] : [],
  );
}

/**
 * The code lines of a file's `@example` blocks (comment lines, `// …` continuing a result, are
 * prose): from the `@example` tag to the next tag or the end of the comment.
 */
function exampleCodeLines(text: string): string[] {
  const lines: string[] = [];
  let inExample = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s*\*\s?/, '');
    if (/^\s*\*\//.test(raw) || (inExample && line.startsWith('@'))) inExample = false;
    if (line.startsWith('@example')) {
      inExample = true;
      continue;
    }
    if (inExample && line.trim() !== '' && !line.startsWith('//')) lines.push(line);
  }
  return lines;
}

describe('the examples checked here are the examples in the source', () => {
  const written = new Map(sourceFiles(srcRoot).map((path) => [relative(srcRoot, path), exampleCodeLines(readFileSync(path, 'utf8'))]));

  it('every code line of every @example block in packages/ledger/src has its check above', () => {
    const checked = new Set(examples.flatMap((example) => example.lines.map((line) => `${example.file}: ${line}`)));
    const unchecked = [...written].flatMap(([file, lines]) => lines.map((line) => `${file}: ${line}`)).filter((line) => !checked.has(line));
    expect(unchecked).toEqual([]);
  });

  it('every line checked above is written, as it stands here, in its file', () => {
    const missing = examples.flatMap((example) => example.lines.filter((line) => !(written.get(example.file) ?? []).includes(line)).map((line) => `${example.file}: ${line}`));
    expect(missing).toEqual([]);
  });

  it('finds the examples it checks (not vacuous: at least the 14 files annotated when this test was written)', () => {
    expect([...written].filter(([, lines]) => lines.length > 0).length).toBeGreaterThanOrEqual(14);
  });
});
