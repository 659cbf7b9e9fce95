/**
 * Differential test: the clean-room oracle (oracle.ts, written from DOMAIN.md, SCENARIO.md, the
 * seeds and the READMEs only) against the built `kanjo run` on random scenario files
 * (generator.ts). For every command: accepted or not and the rejection code; at the end: every
 * merchant's balance per currency, every payment's status and amounts, the `records` view
 * summed per merchant, record type and currency, and the `events` (type, payment, session,
 * refund request; for a payout, the merchant; a request's status, and the amount and currency of
 * refund, request and payout events).
 *
 * Where the documents leave a choice open (the order of checks, a restated split, a customer
 * fee of 0) the oracle follows the engine and says so where it does.
 */
import * as fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedExamples } from '../golden/shared-examples.js';
import { KANJO_CLI } from '../support/kanjo-cli.js';
import { runOracle, type JsonObject, type OracleReport } from './oracle.js';
import { payoutScenarioArbitrary, REQUEST_KINDS, scenarioArbitrary, scenarioArbitraryOf } from './generator.js';

const work = mkdtempSync(join(tmpdir(), 'kanjo-cleanroom-'));

interface CliReport {
  results: { index: number; op: string; ok: boolean; error?: { code: string } }[];
  events: { type: string; payment?: string; session?: string; refund_request?: string; merchant?: string; status?: string; amount?: number; currency?: string }[];
  balances: Record<string, Record<string, number>>;
  payments: Record<string, { status: string; amount: number; captured_amount: number; refunded_amount: number }>;
  records: { merchant: string; type: string; currency: string; deposit: number; debit: number }[];
}

/** The `records` rows summed per merchant, record type and currency (in BigInt: sums may pass 2^53). */
function engineRecordTotals(records: CliReport['records']): OracleReport['recordTotals'] {
  const totals = new Map<string, { deposit: bigint; debit: bigint }>();
  for (const row of records) {
    const key = `${row.merchant}|${row.type}|${row.currency}`;
    const total = totals.get(key) ?? { deposit: 0n, debit: 0n };
    total.deposit += BigInt(row.deposit);
    total.debit += BigInt(row.debit);
    totals.set(key, total);
  }
  return Object.fromEntries(
    [...totals]
      .sort(([left], [right]) => (left < right ? -1 : 1))
      .map(([key, { deposit, debit }]) => [key, { deposit: String(deposit), debit: String(debit) }] as const),
  );
}

function runCli(document: JsonObject, name: string): CliReport {
  if (!existsSync(KANJO_CLI)) throw new Error(`${KANJO_CLI} is missing: build first`);
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(document));
  const run = spawnSync(process.execPath, [KANJO_CLI, 'run', path, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`kanjo run exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as CliReport;
}

/** What both sides are compared on: outcomes, non-zero balances, payment views. */
function comparable(report: CliReport | OracleReport) {
  const recordTotals = 'records' in report ? engineRecordTotals(report.records) : report.recordTotals;
  const results = report.results.map((result) => ('error' in result && result.error !== undefined ? result.error.code : 'code' in result && result.code !== undefined ? result.code : 'ok'));
  const balances = Object.fromEntries(
    Object.entries(report.balances)
      .map(([merchant, byCurrency]) => [merchant, Object.fromEntries(Object.entries(byCurrency).filter(([, value]) => value !== 0).sort())] as const)
      .sort(([left], [right]) => (left < right ? -1 : 1)),
  );
  const payments = Object.fromEntries(
    Object.entries(report.payments)
      .map(([id, view]) => [id, { status: view.status, amount: view.amount, captured_amount: view.captured_amount, refunded_amount: view.refunded_amount }] as const)
      .sort(([left], [right]) => (left < right ? -1 : 1)),
  );
  // Events compared on what names them and on what a webhook carries (ledger README: a refund
  // request's status, the amount and currency of refund, refund request and payout events).
  const events = report.events.map(({ type, payment, session, refund_request, merchant, status, amount, currency }) => ({
    type,
    ...(payment !== undefined ? { payment } : {}),
    ...(session !== undefined ? { session } : {}),
    ...(refund_request !== undefined ? { refund_request } : {}),
    ...(type === 'settlement.created' && merchant !== undefined ? { merchant } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...(currency !== undefined ? { currency } : {}),
  }));
  return { results, balances, payments, recordTotals, events };
}

/** Payout scenarios of the payout property (README "Longer runs": CR_RUNS). */
const PAYOUT_RUNS = Number(process.env['CR_RUNS'] ?? 150);

describe('clean-room oracle against kanjo run', () => {
  it('the seeds\' worked examples come out of the oracle as their .expect.json says', () => {
    for (const example of sharedExamples()) {
      const oracle = runOracle(example.scenario as JsonObject);
      expect(oracle.results.map((result) => result.ok)).toEqual(example.expect.ok);
      const expected = example.expect.balances as Record<string, Record<string, number>>;
      for (const [merchant, byCurrency] of Object.entries(expected)) {
        for (const [currency, value] of Object.entries(byCurrency)) expect([merchant, currency, oracle.balances[merchant]?.[currency] ?? 0]).toEqual([merchant, currency, value]);
      }
    }
  });

  let count = 0;
  const agrees = (document: JsonObject): void => {
    const engine = comparable(runCli(document, `scenario-${count++}`));
    const oracle = comparable(runOracle(document));
    // Every command's outcome first: a disagreement there is the finding.
    expect(engine.results).toEqual(oracle.results);
    expect(engine.balances).toEqual(oracle.balances);
    expect(engine.payments).toEqual(oracle.payments);
    expect(engine.recordTotals).toEqual(oracle.recordTotals);
    expect(engine.events).toEqual(oracle.events);
  };

  // Found by the payout property (seed -1075287245): settings made USD first, then JPY; the
  // engine pays a run's merchants and currencies in code-unit order, the oracle paid them in the
  // order the settings were made, so the two settlement.created events came out swapped.
  it('agrees on the order of one run\'s payouts to a merchant in two currencies, whatever order its settings were made in', () => {
    const card = (id: string, currency: string) => ({ op: 'payment.create', id, merchant: 'plat', amount: 800, currency, payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'sub1', amount: 800, platform_fee: 200 }] }, at: '2026-01-05T00:00:00.000Z' });
    const settings = (target: string, currency: string) => ({ op: 'payout_settings.update', merchant: 'plat', target, currency, frequency: 'weekly', minimum_amount: 0, at: '2026-01-05T00:00:00.000Z' });
    const document: JsonObject = {
      merchants: [
        { id: 'plat', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id: 'sub1', type: 'payout', platform: 'plat' },
      ],
      commands: [settings('sub1', 'USD'), settings('plat', 'USD'), settings('sub1', 'JPY'), settings('plat', 'JPY'), card('p1', 'JPY'), card('p2', 'USD'), { op: 'settlement.run', date: '2026-01-16', at: '2026-01-15T15:00:00.000Z' }],
    };
    agrees(document);
    const payouts = runOracle(document).events.filter((event) => event.type === 'settlement.created').map((event) => [event.merchant, event.currency]);
    expect(payouts).toEqual([['plat', 'JPY'], ['plat', 'USD'], ['sub1', 'JPY'], ['sub1', 'USD']]);
  });

  // The random sessions repeat a payment type only rarely (a defect drawn for a session).
  it('agrees on a session offering a payment type twice, and on one whose repeated type is not accepted first', () => {
    const session = (id: string, types: string[]) => ({ op: 'session.create', id, merchant: 'plat', amount: 800, currency: 'JPY', payment_types: types, return_url: 'https://shop.example/r', capture: 'manual' });
    const document: JsonObject = {
      merchants: [{ id: 'plat', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } } }],
      commands: [session('s1', ['credit_card', 'konbini', 'credit_card']), session('s2', ['paypay', 'paypay']), session('s3', ['konbini', 'credit_card'])],
    };
    agrees(document);
    expect(runOracle(document).results.map((result) => result.code ?? 'ok')).toEqual(['session_payment_types_repeated', 'payment_type_not_accepted', 'ok']);
  });

  it('agrees with the engine on every command\'s outcome, the balances, the payments and the records (random scenarios)', () => {
    fc.assert(fc.property(scenarioArbitrary, agrees), { numRuns: 200 });
  });

  it('agrees on refund requests made, completed and rejected in any order, with transfers draining balances (seller model and marketplace)', () => {
    fc.assert(fc.property(fc.constantFrom<'seller' | 'marketplace'>('seller', 'marketplace').chain((model) => scenarioArbitraryOf(REQUEST_KINDS, model, { waitingFirst: true, maxIntents: 40 })), agrees), { numRuns: 100 });
  });

  it('one run paying a merchant in two currencies: the payouts come in the engine\'s order (merchant id, then currency), which the documents leave open', () => {
    // Shrunk from seed 1619128663 of the payout property: the oracle paid USD before JPY (the order
    // the settings were first made), the engine JPY before USD. Two merchants paid in one run are
    // the same choice: the engine goes by id, the oracle went by the order of the file.
    agrees({"merchants": [{"id": "plat", "type": "platform", "business": "marketplace", "payment_methods": {"credit_card": {"fee_rate": "3.6%"}, "paypay": {"fee_rate": "3.6%"}, "merpay": {"fee_rate": "3.6%"}, "konbini": {"fee_rate": "3.6%"}, "bank_transfer": {"fee_rate": "3.6%"}}}, {"id": "sub1", "type": "payout", "platform": "plat", "status": "deactivated"}, {"id": "sub2", "type": "payout", "platform": "plat"}, {"id": "other", "type": "platform", "business": "marketplace", "payment_methods": {"credit_card": {"fee_rate": "3.6%"}}}, {"id": "x1", "type": "payout", "platform": "other"}], "commands": [{"op": "payout_settings.update", "merchant": "plat", "target": "sub2", "currency": "USD", "frequency": "monthly", "minimum_amount": 0, "at": "2026-01-05T00:00:00.000Z"}, {"op": "payment.create", "id": "pay_1", "merchant": "plat", "amount": 8, "currency": "JPY", "payment_type": "credit_card", "platform_details": {"submerchants": [{"submerchant_id": "sub2", "amount": 8, "platform_fee": 0}]}, "at": "2026-01-05T00:00:00.000Z"}, {"op": "payment.create", "id": "pay_2", "merchant": "plat", "amount": 8, "currency": "JPY", "payment_type": "credit_card", "platform_details": {"submerchants": [{"submerchant_id": "sub2", "amount": 8, "platform_fee": 0}]}, "at": "2026-01-05T00:00:00.000Z"}, {"op": "payout_settings.update", "merchant": "plat", "target": "sub2", "currency": "JPY", "frequency": "monthly", "minimum_amount": 0, "at": "2026-01-05T00:00:00.000Z"}, {"op": "payment.create", "id": "pay_3", "merchant": "plat", "amount": 8, "currency": "USD", "payment_type": "credit_card", "platform_details": {"submerchants": [{"submerchant_id": "sub2", "amount": 8, "platform_fee": 0}]}, "at": "2026-01-05T00:00:00.000Z", "idempotency_key": "key_4"}, {"op": "settlement.run", "date": "2026-02-28", "at": "2026-02-27T15:00:00.000Z"}, {"op": "payout_settings.update", "merchant": "plat", "target": "plat", "currency": "JPY", "frequency": "weekly", "minimum_amount": 0, "at": "2026-02-27T15:00:00.000Z"}, {"op": "payout_settings.update", "merchant": "plat", "target": "plat", "currency": "JPY", "frequency": "weekly", "minimum_amount": 0, "at": "2026-02-27T15:00:00.000Z"}, {"op": "settlement.run", "date": "2026-03-31", "at": "2026-03-30T15:00:00.000Z"}, {"op": "payout_settings.update", "merchant": "plat", "target": "plat", "currency": "JPY", "frequency": "weekly", "minimum_amount": 0, "at": "2026-03-30T15:00:00.000Z"}, {"op": "payout_settings.update", "merchant": "plat", "target": "plat", "currency": "JPY", "frequency": "weekly", "minimum_amount": 0, "at": "2026-03-30T15:00:00.000Z"}]} as JsonObject);
  });

  it('agrees on payouts: weekly and monthly settings, minimums, runs at and around payout days with holidays, a time zone, `at` in and out of order, balances drained between runs', () => {
    fc.assert(fc.property(payoutScenarioArbitrary, agrees), { numRuns: PAYOUT_RUNS });
    // About 0.2 s a run on two cores beside another test (600 runs took 128 s): the default
    // timeout of 120 s cut the README's longer runs (CR_RUNS=600 and up) short.
  }, Math.max(120_000, PAYOUT_RUNS * 1_000));
});
