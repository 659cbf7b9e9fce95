import { accept, reject, type Rejection, type Result } from '@kanjo/splits';
import { createLedger, type Ledger } from '../engine/ledger.js';
import type { LedgerEvent } from '../journal/ledger-event.js';
import { merchantBalances } from '../reports/merchant-balances.js';
import { merchantRecords, type MerchantRecord } from '../reports/merchant-records.js';
import { paymentView, type PaymentView } from '../reports/payment-view.js';
import { isJsonObject } from './field-reader.js';
import { parseScenarioCommand } from './parse-scenario-command.js';
import { parseScenarioConfig } from './parse-scenario-config.js';

/** The outcome of one command of a scenario. */
export interface ScenarioResult {
  readonly index: number;
  readonly op: string;
  readonly ok: boolean;
  readonly error?: Rejection;
}

/** A record row as SCENARIO.md prints it. */
export interface ScenarioRecord {
  readonly seq: number;
  readonly payment?: string;
  readonly merchant: string;
  readonly type: MerchantRecord['type'];
  readonly currency: string;
  readonly deposit: number;
  readonly debit: number;
}

/**
 * An event as SCENARIO.md prints it (snake_case keys). Beyond the ids SCENARIO.md names, it
 * carries what a webhook would: a refund request's new `status`, and the `amount` and `currency`
 * of a refund, refund request or settlement (SCENARIO.md lets the output gain fields; without
 * `status`, a request's three `refund_request.updated` events could not be told apart).
 */
export interface ScenarioEvent {
  readonly type: LedgerEvent['type'];
  readonly payment?: string;
  readonly session?: string;
  readonly refund_request?: string;
  readonly merchant?: string;
  readonly status?: string;
  readonly amount?: number;
  readonly currency?: string;
}

/** SCENARIO.md's output document. */
export interface ScenarioReport {
  readonly results: readonly ScenarioResult[];
  readonly balances: Record<string, Record<string, number>>;
  readonly payments: Record<string, PaymentView>;
  readonly records: readonly ScenarioRecord[];
  readonly events: readonly ScenarioEvent[];
}

/**
 * Runs a parsed scenario document through a fresh ledger: every command in order, a rejected
 * or malformed one reported with its code while the others still run. Rejected as a whole only
 * when the document is not a scenario (no `commands` list) or its merchants are malformed.
 */
export function runScenario(document: unknown): Result<{ readonly report: ScenarioReport; readonly ledger: Ledger }> {
  if (!isJsonObject(document)) return reject('scenario_invalid', 'a scenario must be a JSON object with merchants and commands');
  const commands = document['commands'];
  if (!Array.isArray(commands)) return reject('scenario_invalid', 'the scenario has no commands list');
  const config = parseScenarioConfig(document);
  if (!config.ok) return config;
  const created = createLedger(config.value);
  if (!created.ok) return created;
  const ledger = created.value;

  const results: ScenarioResult[] = [];
  const events: ScenarioEvent[] = [];
  for (const [index, raw] of commands.entries()) {
    const op = isJsonObject(raw) && typeof raw['op'] === 'string' ? raw['op'] : '';
    const command = parseScenarioCommand(raw);
    if (!command.ok) {
      results.push({ index, op, ok: false, error: command.error });
      continue;
    }
    const outcome = ledger.execute(command.value);
    if (!outcome.ok) {
      results.push({ index, op, ok: false, error: outcome.error });
      continue;
    }
    results.push({ index, op, ok: true });
    if (!outcome.replayed) for (const event of outcome.events) events.push(scenarioEvent(event));
  }
  // fromEntries keeps an id such as "__proto__" as an ordinary key.
  const payments: Record<string, PaymentView> = Object.fromEntries([...ledger.state.payments].map(([id, payment]) => [id, paymentView(payment)]));
  const records = merchantRecords(ledger.journal).map(({ at: _at, ...row }) => row);
  return accept({ report: { results, balances: merchantBalances(ledger.state), payments, records, events }, ledger });
}

function scenarioEvent(event: LedgerEvent): ScenarioEvent {
  return {
    type: event.type,
    ...(event.payment === undefined ? {} : { payment: event.payment }),
    ...(event.session === undefined ? {} : { session: event.session }),
    ...(event.refundRequest === undefined ? {} : { refund_request: event.refundRequest }),
    ...(event.merchant === undefined ? {} : { merchant: event.merchant }),
    ...(event.status === undefined ? {} : { status: event.status }),
    ...(event.amount === undefined ? {} : { amount: event.amount }),
    ...(event.currency === undefined ? {} : { currency: event.currency }),
  };
}
