import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioReport } from '../src/scenario/run-scenario.js';
import { refused } from './support/refused.js';

/**
 * Survivors of a StrykerJS run over packages/ledger/src/scenario/run-scenario.ts against the
 * library-level scenario tests (session 29): the refusal of a document that is not an object,
 * and the keys SCENARIO.md's output leaves out rather than writing as undefined (a row with no
 * payment, an event with no session). toEqual cannot see those keys; toStrictEqual and
 * Object.keys can, and so can any reader that checks `'payment' in row`.
 */

/** The month the accountant test reconciles by hand, with one hosted-page payment added. */
function monthWithASession(): ScenarioReport {
  const document = JSON.parse(readFileSync(new URL('../../../test/reconcile/fixtures/month-end-accountant.json', import.meta.url), 'utf8')) as { commands: unknown[] };
  document.commands.push(
    { op: 'session.create', id: 'ses_1', merchant: 'mart', amount: 2000, currency: 'JPY', return_url: 'https://mart.example/back', payment_types: ['credit_card'], platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 2000, platform_fee: 200 }] } },
    { op: 'session.complete', session: 'ses_1', payment: 'pay_ses_1', payment_type: 'credit_card' },
  );
  const run = runScenario(document);
  if (!run.ok) throw new Error(`the month did not run: ${run.error.message}`);
  return run.value.report;
}

describe('runScenario: a document that is not a scenario', () => {
  // Mutants: the object check read `false` (null threw a TypeError reading commands; a list or a
  // text was reported as having no commands list), and its message emptied.
  it.each([['null', null], ['a list', []], ['a text', 'commands'], ['a number', 5]])('%s is scenario_invalid, named as not an object', (_, document) => {
    expect(runScenario(document)).toStrictEqual(refused('scenario_invalid', 'a scenario must be a JSON object with merchants and commands'));
  });

  it('an object without a commands list is refused for that, not for its shape', () => {
    expect(runScenario({ merchants: [] })).toStrictEqual(refused('scenario_invalid', 'the scenario has no commands list'));
    expect(runScenario({ merchants: [], commands: {} })).toStrictEqual(refused('scenario_invalid', 'the scenario has no commands list'));
  });
});

describe('runScenario: keys the output leaves out', () => {
  const report = monthWithASession();

  it('the two session commands were accepted, so the month ends as the accountant test has it plus one payment', () => {
    expect(report.results.slice(35)).toStrictEqual([
      { index: 35, op: 'session.create', ok: true },
      { index: 36, op: 'session.complete', ok: true },
    ]);
  });

  // Mutant: `entry.payment === undefined` read `false`: the rows of transfers and payouts got
  // `payment: undefined`, a key SCENARIO.md says is absent.
  it('the rows of a balance transfer and of payouts have no payment key, with the hand figures of the month', () => {
    const withoutPayment = report.records.filter((row) => !('payment' in row));
    expect(withoutPayment).toStrictEqual([
      { seq: 29, merchant: 'pm2', type: 'Balance Transfer', currency: 'JPY', deposit: 0, debit: 20000 },
      { seq: 29, merchant: 'mart', type: 'Balance Transfer', currency: 'JPY', deposit: 20000, debit: 0 },
      { seq: 30, merchant: 'pm1', type: 'Payout', currency: 'JPY', deposit: 0, debit: 61800 },
      { seq: 30, merchant: 'sel1', type: 'Payout', currency: 'JPY', deposit: 0, debit: 44814 },
      { seq: 33, merchant: 'mart', type: 'Payout', currency: 'JPY', deposit: 0, debit: 6040 },
    ]);
    expect(report.records.filter((row) => row.payment === undefined)).toHaveLength(withoutPayment.length);
  });

  // Mutants: each `event.X === undefined` check of scenarioEvent read `false`, which wrote
  // payment, session, refund_request, merchant, amount or currency as an undefined key.
  it('no event has a key whose value is undefined', () => {
    expect(report.events).toHaveLength(34);
    const undefinedKeys = report.events.flatMap((event, index) => Object.entries(event).filter(([, value]) => value === undefined).map(([key]) => `${index}:${event.type}.${key}`));
    expect(undefinedKeys).toStrictEqual([]);
  });

  it('each kind of event has exactly the keys its kind carries', () => {
    const find = (type: string, test: (event: Record<string, unknown>) => boolean = () => true): unknown => report.events.find((event) => event.type === type && test(event as unknown as Record<string, unknown>));
    expect(find('payment.authorized', (event) => event['payment'] === 's-usd-1')).toStrictEqual({ type: 'payment.authorized', payment: 's-usd-1' });
    expect(find('payment.captured', (event) => event['payment'] === 'pay_ses_1')).toStrictEqual({ type: 'payment.captured', payment: 'pay_ses_1', session: 'ses_1' });
    // s-usd-1's two refunds, $25.55 then $10.00, as the fixture writes them.
    expect(report.events.filter((event) => event.type === 'payment.refund.created' && event.payment === 's-usd-1')).toStrictEqual([
      { type: 'payment.refund.created', payment: 's-usd-1', amount: 2555, currency: 'USD' },
      { type: 'payment.refund.created', payment: 's-usd-1', amount: 1000, currency: 'USD' },
    ]);
    expect(find('refund_request.updated', (event) => event['refund_request'] === 'rr-2' && event['status'] === 'completed')).toStrictEqual({ type: 'refund_request.updated', payment: 'm-konbini', refund_request: 'rr-2', status: 'completed', amount: 3000, currency: 'JPY' });
    expect(find('payment.refunded', (event) => event['refund_request'] === 'rr-2')).toStrictEqual({ type: 'payment.refunded', payment: 'm-konbini', refund_request: 'rr-2' });
    expect(report.events.filter((event) => event.type === 'settlement.created')).toStrictEqual([
      { type: 'settlement.created', merchant: 'pm1', amount: 61800, currency: 'JPY' },
      { type: 'settlement.created', merchant: 'sel1', amount: 44814, currency: 'JPY' },
      { type: 'settlement.created', merchant: 'mart', amount: 6040, currency: 'JPY' },
    ]);
  });
});
