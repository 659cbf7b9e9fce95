import { parseScenarioCommand, runScenario, type ScenarioReport } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';

/** SCENARIO.md's example merchants, snake_case as in a file. */
const MERCHANTS = [
  {
    id: 'mart',
    type: 'platform',
    business: 'marketplace',
    payment_methods: { credit_card: { fee_rate: '3.6%' }, paypay: { fee_rate: '3.6%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } },
  },
  { id: 'pm1', type: 'payout', platform: 'mart' },
  { id: 'pm2', type: 'payout', platform: 'mart' },
  { id: 'pm3', type: 'payout', platform: 'mart', status: 'deactivated' },
];

const GOLDEN = {
  op: 'payment.create',
  id: 'pay_1',
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
};

/** Runs a scenario of `commands` over the example merchants; a rejected file fails the test. */
function report(commands: unknown[], top: Record<string, unknown> = {}): ScenarioReport {
  const run = runScenario({ merchants: MERCHANTS, commands, ...top });
  if (!run.ok) throw new Error(`${run.error.code}: ${run.error.message}`);
  return run.value.report;
}

/** The code of each command's result (`ok` for accepted ones). */
function codes(scenario: ScenarioReport): string[] {
  return scenario.results.map((result) => (result.ok ? 'ok' : (result.error?.code ?? '?')));
}

describe('SCENARIO.md output for the golden marketplace payment', () => {
  it('results, balances of every merchant, payments, records and events', () => {
    const scenario = report([GOLDEN]);
    expect(scenario.results).toEqual([{ index: 0, op: 'payment.create', ok: true }]);
    expect(scenario.balances).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 }, pm3: {} });
    expect(scenario.payments).toEqual({ pay_1: { status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' } });
    expect(scenario.records[0]).toEqual({ seq: 1, payment: 'pay_1', merchant: 'mart', type: 'Payment', currency: 'JPY', deposit: 1000, debit: 0 });
    expect(scenario.records.map((record) => `${record.merchant} ${record.type} ${record.deposit - record.debit}`)).toEqual([
      'mart Payment 1000',
      'mart Payment Transfer -700',
      'pm1 Payment Transfer 700',
      'pm1 Platform Fee -70',
      'mart Platform Fee 70',
      'mart Payment Transfer -300',
      'pm2 Payment Transfer 300',
      'pm2 Platform Fee -30',
      'mart Platform Fee 30',
      'mart Processing Fee -36',
      'mart Processing Fee Tax -4',
    ]);
    expect(scenario.events).toEqual([{ type: 'payment.captured', payment: 'pay_1' }]);
  });

  it('a rejected command is reported with its code and message, and changes nothing else', () => {
    const scenario = report([GOLDEN, { op: 'payment.refund', payment: 'pay_1', amount: 900, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 631, platform_fee: 0 }, { submerchant_id: 'pm2', amount: 269, platform_fee: 0 }] } }]);
    expect(scenario.results[1]).toMatchObject({ index: 1, op: 'payment.refund', ok: false, error: { code: 'refund_exceeds_share' } });
    expect(scenario.results[1]?.error?.message).toMatch(/pm1/);
    expect(scenario.balances['mart']).toEqual({ JPY: 60 });
    expect(scenario.records).toHaveLength(11);
  });

  it('refund request events name the refund request in snake_case', () => {
    const scenario = report([
      { ...GOLDEN, id: 'cc', amount: 5000, platform_details: { submerchants: [{ submerchant_id: 'pm2', amount: 5000, platform_fee: 5000 }] } },
      { ...GOLDEN, id: 'kb', payment_type: 'konbini' },
      { op: 'payment.capture', payment: 'kb' },
      {
        op: 'payment.refund_request',
        id: 'rq',
        payment: 'kb',
        include_payment_method_fee: 'true',
        customer_name: 'ヤマダタロウ',
        bank_name: '青森銀行',
        bank_code: '0117',
        branch_name: '東京支店',
        branch_number: '921',
        account_type: 'ordinary',
        account_number: '1234567',
      },
      { op: 'refund_request.complete', refund_request: 'rq' },
    ]);
    expect(codes(scenario)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    // Each refund_request.updated says the request's new status, so pending and completed differ.
    expect(scenario.events.slice(-4)).toEqual([
      { type: 'refund_request.updated', payment: 'kb', refund_request: 'rq', status: 'pending', amount: 1000, currency: 'JPY' },
      { type: 'refund_request.updated', payment: 'kb', refund_request: 'rq', status: 'completed', amount: 1000, currency: 'JPY' },
      { type: 'payment.refund.created', payment: 'kb', refund_request: 'rq', amount: 1000, currency: 'JPY' },
      { type: 'payment.refunded', payment: 'kb', refund_request: 'rq' },
    ]);
    // The string "true" was read as true: the customer fee (190 + 19) was refunded too.
    expect(scenario.records.filter((record) => record.type.startsWith('Refunded Customer Fee')).map((record) => record.debit)).toEqual([190, 19]);
  });
});

describe('amounts in a scenario file', () => {
  it('strings of digits are amounts, everywhere an amount goes', () => {
    const scenario = report([
      {
        ...GOLDEN,
        amount: '1000',
        platform_details: {
          submerchants: [
            { submerchant_id: 'pm1', amount: '700', platform_fee: '70' },
            { submerchant_id: 'pm2', amount: '0300', platform_fee: '30' },
          ],
        },
      },
    ]);
    expect(codes(scenario)).toEqual(['ok']);
    expect(scenario.balances).toMatchObject({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
  });

  const bad: [unknown, string][] = [
    [1000.5, 'amount_not_integer'],
    ['1000.5', 'amount_not_integer'],
    ['1000.0', 'amount_not_integer'],
    ['1e3', 'amount_exponent_notation'],
    [-5, 'amount_negative'],
    ['-5', 'amount_negative'],
    [0, 'amount_not_positive'],
    ['0', 'amount_not_positive'],
    ['9007199254740993', 'amount_not_safe_integer'],
    [2 ** 53, 'amount_not_safe_integer'],
    ['1,000', 'amount_not_a_number'],
    [' 1000', 'amount_not_a_number'],
    ['', 'amount_not_a_number'],
    [true, 'amount_not_a_number'],
    [{ value: 1000 }, 'amount_not_a_number'],
  ];
  for (const [amount, code] of bad) {
    it(`amount ${JSON.stringify(amount)} is rejected ${code}, and the next command still runs`, () => {
      const scenario = report([{ ...GOLDEN, id: 'bad', amount }, GOLDEN]);
      expect(codes(scenario)).toEqual([code, 'ok']);
      expect(Object.keys(scenario.payments)).toEqual(['pay_1']);
    });
  }

  it('a split line with a bad amount is rejected with that amount\'s code', () => {
    const scenario = report([
      { ...GOLDEN, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: '1e3', platform_fee: 0 }] } },
      { ...GOLDEN, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: -1 }] } },
      { ...GOLDEN, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000 }] } },
    ]);
    expect(codes(scenario)).toEqual(['amount_exponent_notation', 'amount_negative', 'field_missing']);
  });

  it('a platform_fee of 0 is fine, an amount of 0 is the split rule\'s to refuse', () => {
    const scenario = report([
      { ...GOLDEN, id: 'a', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 0 }] } },
      { ...GOLDEN, id: 'b', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 0 }, { submerchant_id: 'pm2', amount: 0, platform_fee: 0 }] } },
    ]);
    expect(codes(scenario)).toEqual(['ok', 'split_line_amount_not_positive']);
  });
});

describe('commands in a scenario file', () => {
  it('an unknown op is rejected op_unknown and later commands still run', () => {
    const scenario = report([{ op: 'payment.teleport', payment: 'x' }, GOLDEN, { op: 'payment.refund', payment: 'pay_1', amount: 100, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 100, platform_fee: 0 }] } }]);
    expect(scenario.results).toMatchObject([
      { index: 0, op: 'payment.teleport', ok: false, error: { code: 'op_unknown' } },
      { index: 1, op: 'payment.create', ok: true },
      { index: 2, op: 'payment.refund', ok: true },
    ]);
    expect(scenario.balances['pm1']).toEqual({ JPY: 530 });
  });

  it('a command without an op, or not an object at all', () => {
    const scenario = report([{ id: 'x' }, { op: 42 }, 42, null, 'payment.create', GOLDEN]);
    expect(codes(scenario)).toEqual(['op_unknown', 'op_unknown', 'command_invalid', 'command_invalid', 'command_invalid', 'ok']);
  });

  it('capture as the strings "false" and "true"', () => {
    const { platform_details: _split, ...unsplit } = GOLDEN;
    const scenario = report([
      { ...unsplit, id: 'auth', capture: 'false' },
      { ...GOLDEN, id: 'now', capture: 'true' },
      { ...GOLDEN, id: 'maybe', capture: 'yes' },
    ]);
    expect(codes(scenario)).toEqual(['ok', 'ok', 'field_invalid']);
    expect(scenario.payments['auth']?.status).toBe('authorized');
    expect(scenario.payments['now']?.status).toBe('captured');
  });

  it('capture defaults to true', () => {
    const { capture: _capture, ...defaulted } = GOLDEN;
    expect(report([defaulted]).payments['pay_1']?.status).toBe('captured');
  });

  it('platform_details {} at authorization is no split (KOMOJU\'s example)', () => {
    const scenario = report([{ ...GOLDEN, capture: false, platform_details: {} }]);
    expect(codes(scenario)).toEqual(['ok']);
  });

  it('platform_details without submerchants on a refund is a refund without a split: {} and a misspelt key (README) are the reverse refund of the rest, or refund_split_required with a partial amount', () => {
    const funded = [GOLDEN, { ...GOLDEN, id: 'pay_2' }];
    const refund = { op: 'payment.refund', payment: 'pay_1' };
    const leftOut = report([...funded, refund]);
    expect(codes(leftOut)).toEqual(['ok', 'ok', 'ok']);
    expect(leftOut.balances).toEqual({ mart: { JPY: 20 }, pm1: { JPY: 630 }, pm2: { JPY: 270 }, pm3: {} });
    for (const details of [{}, { submerchant: [{ submerchant_id: 'pm1', amount: 100, platform_fee: 0 }] }]) {
      const given = report([...funded, { ...refund, platform_details: details }]);
      expect(given.results).toEqual(leftOut.results);
      expect(given.balances).toEqual(leftOut.balances);
      expect(given.records).toEqual(leftOut.records);
    }
    expect(codes(report([...funded, { ...refund, amount: 500, platform_details: {} }]))).toEqual(['ok', 'ok', 'refund_split_required']);
    expect(codes(report([{ ...GOLDEN, platform_details: {} }]))).toEqual(['split_required']);
  });

  it('missing and malformed fields', () => {
    const { id: _id, ...noId } = GOLDEN;
    const scenario = report([
      noId,
      { ...GOLDEN, merchant: 5 },
      { ...GOLDEN, origin: 'web' },
      { ...GOLDEN, platform_details: [] },
      { ...GOLDEN, platform_details: { submerchants: 'pm1' } },
      { ...GOLDEN, platform_details: { submerchants: ['pm1'] } },
      { op: 'settlement.run', date: '2026-01-16', holidays: '2026-01-01' },
      { op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['paypay'], return_url: 'https://shop.example', capture: 'manual', metadata: 'x' },
      { op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['paypay'], return_url: 'https://shop.example', capture: 'manual', payment_data: { external_order_num: 7 } },
    ]);
    expect(codes(scenario)).toEqual(['field_missing', 'field_invalid', 'field_invalid', 'field_invalid', 'field_invalid', 'field_invalid', 'field_invalid', 'field_invalid', 'field_invalid']);
  });

  it('more than 100 split lines are refused before any line is read', () => {
    const submerchants = Array.from({ length: 101 }, () => 'not even an object');
    expect(codes(report([{ ...GOLDEN, platform_details: { submerchants } }]))).toEqual(['split_too_many_submerchants']);
  });

  it('unknown extra fields are ignored: the format may grow', () => {
    expect(codes(report([{ ...GOLDEN, description: 'a new field', fraud_details: { customer_ip: '192.0.2.1' } }]))).toEqual(['ok']);
  });

  it('a session, its payment_data and metadata, completed through the file', () => {
    const scenario = report([
      {
        op: 'session.create',
        id: 'ses',
        merchant: 'mart',
        amount: '1000',
        currency: 'JPY',
        payment_types: ['credit_card'],
        return_url: 'https://shop.example/return',
        payment_data: { external_order_num: 'order-1' },
        metadata: { test: 'value', count: 2 },
        platform_details: GOLDEN.platform_details,
      },
      { op: 'session.complete', session: 'ses', payment: 'p', payment_type: 'credit_card' },
    ]);
    expect(codes(scenario)).toEqual(['ok', 'ok']);
    expect(scenario.events).toEqual([{ type: 'payment.captured', payment: 'p', session: 'ses' }]);
  });

  it('a scenario session keeps payment_data and metadata (non-string metadata as JSON text)', () => {
    const run = runScenario({
      merchants: MERCHANTS,
      commands: [
        {
          op: 'session.create',
          id: 'ses',
          merchant: 'mart',
          amount: 1000,
          currency: 'JPY',
          payment_types: ['credit_card'],
          return_url: 'https://shop.example/return',
          capture: 'manual',
          payment_data: { external_order_num: 'order-1' },
          metadata: { test: 'value', count: 2 },
        },
      ],
    });
    if (!run.ok) throw new Error(run.error.code);
    expect(run.value.ledger.state.sessions.get('ses')).toMatchObject({ externalOrderNum: 'order-1', metadata: { test: 'value', count: '2' }, capture: 'manual' });
  });

  it('every op parses into its engine command', () => {
    expect(parseScenarioCommand({ op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: '5', currency: 'JPY', at: '2026-01-01T00:00:00Z', idempotency_key: 'k' })).toEqual({
      ok: true,
      value: { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 5, currency: 'JPY', at: '2026-01-01T00:00:00Z', idempotencyKey: 'k' },
    });
    expect(parseScenarioCommand({ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimum_amount: 0 })).toEqual({
      ok: true,
      value: { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 },
    });
    expect(parseScenarioCommand({ op: 'payment.capture', payment: 'p', amount: '600', platform_amount: '0' })).toEqual({
      ok: true,
      value: { op: 'payment.capture', payment: 'p', amount: 600, platformAmount: 0 },
    });
    expect(parseScenarioCommand({ op: 'payment.chargeback', payment: 'p' })).toEqual({ ok: true, value: { op: 'payment.chargeback', payment: 'p' } });
    expect(parseScenarioCommand({ op: 'session.cancel', session: 's' })).toEqual({ ok: true, value: { op: 'session.cancel', session: 's' } });
  });
});

describe('a file that is not a usable scenario is rejected as a whole', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', [1, 2], 'scenario_invalid'],
    ['no commands list', { merchants: MERCHANTS }, 'scenario_invalid'],
    ['commands not a list', { merchants: MERCHANTS, commands: {} }, 'scenario_invalid'],
    ['no merchants list', { commands: [] }, 'scenario_invalid'],
    ['a merchant that is not an object', { merchants: [...MERCHANTS, 'pm9'], commands: [] }, 'config_merchants_invalid'],
    ['payment_methods that are not an object', { merchants: [{ ...MERCHANTS[0], payment_methods: [] }], commands: [] }, 'config_merchants_invalid'],
    ['a payment method without a fee_rate object', { merchants: [{ ...MERCHANTS[0], payment_methods: { credit_card: '3.6%' } }], commands: [] }, 'config_merchants_invalid'],
    ['a duplicate id', { merchants: [...MERCHANTS, { id: 'pm1', type: 'payout', platform: 'mart' }], commands: [] }, 'config_merchant_duplicate'],
    ['an unknown type', { merchants: [...MERCHANTS, { id: 'b', type: 'buyer' }], commands: [] }, 'config_merchant_type_unknown'],
    ['a sub-merchant whose platform is missing', { merchants: [...MERCHANTS, { id: 'x', type: 'payout', platform: 'nowhere' }], commands: [] }, 'config_platform_missing'],
    ['a merchant without an id', { merchants: [{ type: 'payout', platform: 'mart' }], commands: [] }, 'field_missing'],
    ['an unknown rounding', { merchants: MERCHANTS, rounding: 'bankers', commands: [] }, 'rounding_mode_unknown'],
    ['an unknown book', { merchants: MERCHANTS, book: 'paper', commands: [] }, 'config_book_invalid'],
    ['a refund_request_fee that is not an amount', { merchants: MERCHANTS, refund_request_fee: '3e2', commands: [] }, 'amount_exponent_notation'],
    ['a bad tax_rate', { merchants: MERCHANTS, tax_rate: '10', commands: [] }, 'rate_malformed'],
    ['a bad time_zone', { merchants: MERCHANTS, time_zone: 'Asia/Tokyo', commands: [] }, 'config_time_zone_invalid'],
  ];
  for (const [what, document, code] of cases) {
    it(`${what}: ${code}`, () => {
      const run = runScenario(document);
      expect(run.ok ? 'accepted' : run.error.code).toBe(code);
    });
  }

  it('tax_rate, refund_request_fee and time_zone from the file are used', () => {
    const run = runScenario({ merchants: MERCHANTS, tax_rate: '8%', refund_request_fee: '500', time_zone: '+00:00', commands: [GOLDEN] });
    if (!run.ok) throw new Error(run.error.code);
    expect(run.value.report.balances['mart']).toEqual({ JPY: 100 - 36 - 3 });
    expect(run.value.ledger.state.config.timeZoneOffsetMinutes).toBe(0);
    expect(run.value.ledger.state.config.merchants.get('mart')?.feeSchedule?.refundRequestFee).toBe(500);
  });
});
