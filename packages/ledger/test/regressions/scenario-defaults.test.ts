import { createLedger, runScenario, type LedgerConfig, type ScenarioReport } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { refundRequest } from '../support/fixtures.js';
import { scenarioCommand } from '../support/scenario-document.js';

// Session 38's reviews: SCENARIO.md gives a default for some optional fields and none for
// others (`session.create`'s `capture`, `payment.refund_request`'s
// `include_payment_method_fee`), and says nothing of `null`. The ledger README ("Fields left
// out, null, and their defaults") now writes down what the reader does; these tests hold it.

const MERCHANTS = [
  {
    id: 'mart',
    type: 'platform',
    business: 'marketplace',
    payment_methods: { credit_card: { fee_rate: '3.6%' }, paypay: { fee_rate: '3.45%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } },
  },
  { id: 'pm1', type: 'payout', platform: 'mart' },
  { id: 'pm2', type: 'payout', platform: 'mart' },
];

const SPLIT = {
  submerchants: [
    { submerchant_id: 'pm1', amount: 700, platform_fee: 70 },
    { submerchant_id: 'pm2', amount: 300, platform_fee: 30 },
  ],
};

/** ¥100,000 all taken back as platform fee: mart can afford any refund below. */
const FUND = {
  op: 'payment.create',
  id: 'fund',
  merchant: 'mart',
  amount: 100_000,
  currency: 'JPY',
  payment_type: 'credit_card',
  platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 100_000, platform_fee: 100_000 }] },
};

const CARD = { op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: SPLIT };
const KONBINI = { ...CARD, payment_type: 'konbini' };

/** The whole report of a scenario over the merchants above; a refused file fails the test. */
function run(commands: readonly unknown[]): ScenarioReport {
  const result = runScenario({ merchants: MERCHANTS, commands });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value.report;
}

/** A command with `field` left out, given as null, and given as `value`. */
function spelledThreeWays(command: Record<string, unknown>, field: string, value: unknown): Record<string, unknown>[] {
  const { [field]: _dropped, ...without } = command;
  return [without, { ...without, [field]: null }, { ...without, [field]: value }];
}

describe('a field left out or null takes its default: the same report as the default written out', () => {
  const cases: {
    name: string;
    before: readonly unknown[];
    command: Record<string, unknown>;
    field: string;
    value: unknown;
    after?: readonly unknown[];
    /** The code the last command is rejected with, if it is. */
    rejects?: string;
    expect: (report: ScenarioReport) => void;
  }[] = [
    {
      name: "payment.create's capture (true)",
      before: [],
      command: CARD,
      field: 'capture',
      value: true,
      expect: (report) => expect(report.payments['p']).toMatchObject({ status: 'captured', captured_amount: 1000 }),
    },
    {
      name: "payment.create's origin (api): a PayPay payment of the API cannot be partially captured (one of a session could)",
      before: [],
      command: { ...CARD, payment_type: 'paypay', capture: false, platform_details: undefined },
      field: 'origin',
      value: 'api',
      after: [{ op: 'payment.capture', payment: 'p', amount: 600, platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 600, platform_fee: 60 }] } }],
      rejects: 'partial_capture_not_supported',
      expect: (report) => expect(report.payments['p']).toMatchObject({ status: 'authorized', captured_amount: 0 }),
    },
    {
      name: "payment.capture's amount (all authorized)",
      before: [{ ...CARD, capture: false, platform_details: undefined }],
      command: { op: 'payment.capture', payment: 'p', platform_details: SPLIT },
      field: 'amount',
      value: 1000,
      expect: (report) => expect(report.payments['p']).toMatchObject({ status: 'captured', captured_amount: 1000 }),
    },
    {
      name: "payment.refund's amount (a reverse refund of the rest): null refunds everything",
      before: [FUND, CARD],
      command: { op: 'payment.refund', payment: 'p' },
      field: 'amount',
      value: 1000,
      expect: (report) => {
        expect(report.payments['p']).toMatchObject({ status: 'refunded', refunded_amount: 1000 });
        expect(report.balances['pm1']).toEqual({ JPY: 100_000 - 100_000 });
        expect(report.balances['pm2']).toEqual({ JPY: 0 });
      },
    },
    {
      name: "payment.refund's platform_details (the split of the capture, reversed)",
      before: [FUND, CARD],
      command: { op: 'payment.refund', payment: 'p', amount: 1000 },
      field: 'platform_details',
      value: { submerchants: [{ submerchant_id: 'pm1', amount: 630, platform_fee: 70 }, { submerchant_id: 'pm2', amount: 270, platform_fee: 30 }] },
      expect: (report) => expect(report.payments['p']).toMatchObject({ status: 'refunded', refunded_amount: 1000 }),
    },
    {
      name: "payment.refund_request's include_payment_method_fee (false: the customer fee is not refunded)",
      before: [FUND, KONBINI, { op: 'payment.capture', payment: 'p' }],
      command: scenarioCommand(refundRequest({ id: 'rq', payment: 'p' })),
      field: 'include_payment_method_fee',
      value: false,
      after: [{ op: 'refund_request.complete', refund_request: 'rq' }],
      expect: (report) => {
        expect(report.payments['p']).toMatchObject({ status: 'refunded', refunded_amount: 1000 });
        // With true, the request would refund the ¥190 konbini fee (and its tax) as well.
        expect(report.records.filter((record) => record.type.startsWith('Refunded Customer Fee'))).toEqual([]);
        expect(report.records.filter((record) => record.type === 'Refund').map((record) => record.debit)).toEqual([1000]);
      },
    },
    {
      name: "settlement.run's holidays (none): Friday 2026-05-08 is a payout day, so pm1 is paid the week to 05-01",
      before: [
        { op: 'payout_settings.update', at: '2026-04-01T09:00:00+09:00', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimum_amount: 0 },
        { ...CARD, at: '2026-04-28T10:00:00+09:00' },
      ],
      command: { op: 'settlement.run', at: '2026-05-08T12:00:00+09:00', date: '2026-05-08' },
      field: 'holidays',
      value: [],
      expect: (report) => {
        // With holidays ['2026-05-08'] the run would pay nothing and pm1 would keep its 630.
        expect(report.records.filter((record) => record.type === 'Payout')).toEqual([{ seq: 3, merchant: 'pm1', type: 'Payout', currency: 'JPY', deposit: 0, debit: 630 }]);
        expect(report.balances['pm1']).toEqual({ JPY: 0 });
      },
    },
    {
      name: "payment.refund_request's amount (a reverse request of the rest)",
      before: [FUND, KONBINI, { op: 'payment.capture', payment: 'p' }],
      command: scenarioCommand(refundRequest({ id: 'rq', payment: 'p' })),
      field: 'amount',
      value: 1000,
      after: [{ op: 'refund_request.complete', refund_request: 'rq' }],
      expect: (report) => expect(report.payments['p']).toMatchObject({ status: 'refunded', refunded_amount: 1000 }),
    },
    {
      name: "payment.refund_request's platform_details (the capture's split, reversed)",
      before: [FUND, KONBINI, { op: 'payment.capture', payment: 'p' }],
      command: scenarioCommand(refundRequest({ id: 'rq', payment: 'p', amount: 1000 })),
      field: 'platform_details',
      value: { submerchants: [{ submerchant_id: 'pm1', amount: 630, platform_fee: 70 }, { submerchant_id: 'pm2', amount: 270, platform_fee: 30 }] },
      after: [{ op: 'refund_request.complete', refund_request: 'rq' }],
      expect: (report) => {
        expect(report.payments['p']).toMatchObject({ status: 'refunded', refunded_amount: 1000 });
        expect(report.balances['pm2']).toEqual({ JPY: 0 });
      },
    },
    {
      name: "session.create's capture (auto, which SCENARIO.md does not say): the session's payment is captured at completion",
      before: [],
      command: { op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://shop.example/r', platform_details: SPLIT },
      field: 'capture',
      value: 'auto',
      after: [{ op: 'session.complete', session: 's', payment: 'p', payment_type: 'credit_card' }],
      expect: (report) => expect(report.payments['p']).toMatchObject({ status: 'captured', captured_amount: 1000 }),
    },
  ];
  for (const { name, before, command, field, value, after = [], rejects, expect: check } of cases) {
    it(name, () => {
      const [leftOut, asNull, written] = spelledThreeWays(command, field, value).map((variant) => run([...before, variant, ...after]));
      const codes = written?.results.map((result) => (result.ok ? 'ok' : result.error?.code));
      expect(codes).toEqual([...before, command, ...after].map((_, index, all) => (index === all.length - 1 && rejects !== undefined ? rejects : 'ok')));
      check(written as ScenarioReport);
      expect(leftOut).toStrictEqual(written);
      expect(asNull).toStrictEqual(written);
    });
  }
});

describe('a required field given as null is field_missing, as left out', () => {
  it.each([
    ['payment.create', 'amount', CARD],
    ['payment.create', 'currency', CARD],
    ['payment.refund', 'payment', { op: 'payment.refund', payment: 'p' }],
    ['balance.transfer', 'amount', { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 1, currency: 'JPY' }],
    ['session.create', 'return_url', { op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://shop.example/r', platform_details: SPLIT }],
  ] as const)('%s with %s: null', (op, field, command) => {
    const report = run([CARD, { ...command, [field]: null }]);
    expect(report.results[1]).toEqual({ index: 1, op, ok: false, error: { code: 'field_missing', message: `${field} is required` } });
  });
});

describe('a session.create without payment_types, or with null, offers none', () => {
  it('left out or null: session_payment_types_empty', () => {
    const session = { op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', return_url: 'https://shop.example/r', platform_details: SPLIT };
    for (const command of [session, { ...session, payment_types: null }]) {
      expect(run([command]).results[0]?.error?.code).toBe('session_payment_types_empty');
    }
  });
});

describe("a session.create without capture needs what an immediate capture needs", () => {
  it('a marketplace session without a split is refused as a payment.create with capture true would be', () => {
    const session = { op: 'session.create', id: 's', merchant: 'mart', amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://shop.example/r' };
    const report = run([session, { ...CARD, platform_details: null }]);
    expect(report.results.map((result) => result.error?.code)).toEqual(['split_required', 'split_required']);
  });

  it('a session acting as a seller without platform_amount is seller_split_required; with it, it is accepted', () => {
    const merchants = [{ id: 'plt', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%' } } }, { id: 's1', type: 'seller', platform: 'plt' }];
    const session = { op: 'session.create', id: 's', merchant: 'plt', as: 's1', amount: 50_000, currency: 'JPY', payment_types: ['credit_card'], return_url: 'https://shop.example/r' };
    const result = runScenario({ merchants, commands: [session, { ...session, id: 't', platform_amount: 5000, platform_merchant: 'plt' }] });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.report.results.map((one) => (one.ok ? 'ok' : one.error?.code))).toEqual(['seller_split_required', 'ok']);
  });
});

describe('a live file: a merchant without approved is approved; one marked false is refused', () => {
  it('the payment to pm1 (no approved field) posts; the one to pm2 (approved: false) is merchant_not_approved', () => {
    const merchants = MERCHANTS.map((merchant) => (merchant.id === 'pm2' ? { ...merchant, approved: false } : merchant));
    const only = (submerchant: string) => ({ submerchants: [{ submerchant_id: submerchant, amount: 1000, platform_fee: 100 }] });
    const result = runScenario({ book: 'live', merchants, commands: [{ ...CARD, platform_details: only('pm1') }, { ...CARD, id: 'q', platform_details: only('pm2') }] });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.report.results.map((one) => (one.ok ? 'ok' : one.error?.code))).toEqual(['ok', 'merchant_not_approved']);
    expect(result.value.report.balances['pm1']).toEqual({ JPY: 900 });
  });
});

describe('a command without at takes the time of the last accepted command, not of a rejected one', () => {
  it('a settlement run after a rejected transfer dated after the period is dated as the payment before it, and refused as early', () => {
    const report = run([
      { op: 'payout_settings.update', at: '2026-04-01T09:00:00+09:00', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimum_amount: 0 },
      { ...CARD, at: '2026-04-28T10:00:00+09:00' },
      { op: 'balance.transfer', at: '2026-05-08T12:00:00+09:00', merchant: 'mart', from: 'mart', to: 'pm1', amount: 999_999, currency: 'JPY' },
      { op: 'settlement.run', date: '2026-05-08' },
    ]);
    expect(report.results.map((result) => (result.ok ? 'ok' : result.error?.code))).toEqual(['ok', 'ok', 'insufficient_balance', 'settlement_period_not_ended']);
    expect(report.results[3]?.error?.message).toContain('the run is dated 2026-04-28T01:00:00.000Z');
  });
});

describe('what a file may say beyond SCENARIO.md: fixed_fee, and rounding that leaves the seller split half up', () => {
  it('fixed_fee 40 beside 3.6%: a 1,000 payment is charged a fee of 36 + 40 = 76 and a tax of 7.6 → 8', () => {
    const merchants = MERCHANTS.map((merchant) => (merchant.id === 'mart' ? { ...merchant, payment_methods: { credit_card: { fee_rate: '3.6%', fixed_fee: 40 } } } : merchant));
    const result = runScenario({ merchants, commands: [CARD] });
    if (!result.ok) throw new Error(result.error.message);
    const fees = result.value.report.records.filter((record) => record.type === 'Processing Fee' || record.type === 'Processing Fee Tax');
    expect(fees.map((record) => [record.type, record.deposit, record.debit])).toEqual([['Processing Fee', 0, 76], ['Processing Fee Tax', 0, 8]]);
    expect(result.value.report.balances['mart']).toEqual({ JPY: 100 - 76 - 8 });
  });

  it('rounding floor: a seller refund of 205 of 50,000 (platform 5,000) still gives the platform 20.5 → 21, half up', () => {
    const merchants = [{ id: 'plt', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.6%' } } }, { id: 's1', type: 'seller', platform: 'plt' }];
    const payment = { op: 'payment.create', id: 'p', merchant: 'plt', as: 's1', amount: 50_000, currency: 'JPY', payment_type: 'credit_card', platform_amount: 5000, platform_merchant: 'plt' };
    const result = runScenario({ rounding: 'floor', merchants, commands: [payment, { op: 'payment.refund', payment: 'p', amount: 205 }] });
    if (!result.ok) throw new Error(result.error.message);
    const returned = result.value.report.records.filter((record) => record.type === 'Platform Fee Return' && record.merchant === 'plt');
    expect(returned.map((record) => [record.deposit, record.debit])).toEqual([[0, 21]]);
    // 5,000 − 1,800 fee − 180 tax − 21; 45,000 − 205 + 21.
    expect(result.value.report.balances).toEqual({ plt: { JPY: 2999 }, s1: { JPY: 44_816 } });
  });
});

// Review 215: the file's own settings read null as left out, and LedgerConfig does for timeZone
// and book but refuses it for taxRate, refundRequestFee and rounding; the README now says so.
describe("the file's own settings given as null are left out; LedgerConfig takes null for timeZone and book only", () => {
  const commands = [CARD, { op: 'payment.refund_request', id: 'rr', payment: 'k', amount: 100 }];
  const konbiniFirst = [{ ...KONBINI, id: 'k' }, ...commands];

  it('a file with tax_rate, refund_request_fee, time_zone, book and rounding null reports as one without them', () => {
    const without = runScenario({ merchants: MERCHANTS, commands: konbiniFirst });
    const nulls = runScenario({ merchants: MERCHANTS, commands: konbiniFirst, tax_rate: null, refund_request_fee: null, time_zone: null, book: null, rounding: null });
    expect(without.ok && nulls.ok).toBe(true);
    if (without.ok && nulls.ok) expect(nulls.value.report).toEqual(without.value.report);
  });

  it('from code: timeZone and book null are left out; taxRate, refundRequestFee and rounding null are refused, naming the setting', () => {
    const merchants = [{ id: 'mart', type: 'platform' as const, business: 'marketplace' as const, paymentMethods: { credit_card: { feeRate: '3.6%' } } }];
    const code = (setting: string) => {
      const created = createLedger({ merchants, [setting]: null } as unknown as LedgerConfig);
      return created.ok ? 'ok' : created.error.code;
    };
    expect(['timeZone', 'book', 'taxRate', 'refundRequestFee', 'rounding'].map(code)).toEqual(['ok', 'ok', 'rate_malformed', 'fee_amount_invalid', 'rounding_mode_unknown']);
  });
});
