import { accept } from '@kanjo/splits';
import { reject, type LedgerRejection, type LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerConfig } from '../engine/ledger-config.js';
import { Ledger } from '../engine/ledger.js';
import { emptyLedgerState } from '../engine/ledger-state.js';
import { refusePrototypePollution } from '../engine/refuse-prototype-pollution.js';
import type { LedgerEvent } from '../journal/ledger-event.js';
import type { RefundRequestStatus } from '../refunds/refund-request.js';
import { merchantBalances } from '../reports/merchant-balances.js';
import { merchantRows, type MerchantRecord } from '../reports/merchant-records.js';
import { paymentView, type PaymentView } from '../reports/payment-view.js';
import { fieldOf, isJsonObject } from './field-reader.js';
import { parseScenarioCommand } from './parse-scenario-command.js';
import { readScenarioConfig } from './parse-scenario-config.js';

/**
 * The outcome of one command of a scenario: accepted, or rejected with its reason. Narrow on
 * `ok` to read `error`, as with every other result of the library.
 */
export type ScenarioResult = ScenarioAccepted | ScenarioRejected;

/** The position and op of a command of a scenario, as {@link ScenarioResult} reports them. */
export interface ScenarioResultPlace {
  /** The command's position in the file's `commands` list, from 0. */
  readonly index: number;
  /** The command's `op` as written; empty when it had no string `op`. */
  readonly op: string;
}

/** A command of a scenario that was accepted (a retry answered from its idempotency key counts as accepted). */
export interface ScenarioAccepted extends ScenarioResultPlace {
  /** The command was accepted. */
  readonly ok: true;
  /** Never present on an accepted command; declared so that `result.error` reads without narrowing, as undefined. */
  readonly error?: undefined;
}

/** A command of a scenario that was rejected and changed nothing. */
export interface ScenarioRejected extends ScenarioResultPlace {
  /** The command was rejected. */
  readonly ok: false;
  /** Why: a stable `code` (listed in the ledger README) and a message saying what to fix. */
  readonly error: LedgerRejection;
}

/** A record row as SCENARIO.md prints it. */
export interface ScenarioRecord {
  /** The sequence number of the journal entry the posting belongs to. */
  readonly seq: number;
  /** The payment the entry concerns; absent for balance transfers and payouts. */
  readonly payment?: string;
  /** Whose balance the row moves. */
  readonly merchant: string;
  /** The DOMAIN.md record name, e.g. `Payment`, `Platform Fee`, `Refund Fee Tax`. */
  readonly type: MerchantRecord['type'];
  /** ISO 4217 code of `deposit` and `debit`. */
  readonly currency: string;
  /** What the posting added to the balance, in minor units; 0 on a debit row. */
  readonly deposit: number;
  /** What the posting took from the balance, in minor units; 0 on a deposit row. */
  readonly debit: number;
}

/**
 * An event as SCENARIO.md prints it (snake_case keys). Beyond the ids SCENARIO.md names, it
 * carries what a webhook would: a refund request's new `status`, and the `amount` and `currency`
 * of a refund, refund request or settlement (SCENARIO.md lets the output gain fields; without
 * `status`, a request's three `refund_request.updated` events could not be told apart).
 */
export interface ScenarioEvent {
  /** The webhook event type, e.g. `payment.captured`. */
  readonly type: LedgerEvent['type'];
  /** The payment concerned; absent only on `settlement.created`. */
  readonly payment?: string;
  /** The hosted-page session the payment came from, if any. */
  readonly session?: string;
  /** The refund request concerned: on `refund_request.updated` and the refund events its completion raises. */
  readonly refund_request?: string;
  /** The merchant paid out, on `settlement.created`. */
  readonly merchant?: string;
  /** On `refund_request.updated`: the request's new status. */
  readonly status?: RefundRequestStatus;
  /** On `payment.refund.created`, `refund_request.updated` and `settlement.created`: the amount refunded, requested or paid out, in minor units. */
  readonly amount?: number;
  /** ISO 4217 code of `amount`; present exactly when it is. */
  readonly currency?: string;
}

/** SCENARIO.md's output document. */
export interface ScenarioReport {
  /** One per command of the file, in order, accepted or not. */
  readonly results: readonly ScenarioResult[];
  /** Merchant id → currency → posted balance in minor units: every merchant of the file, each currency it has touched. */
  readonly balances: Record<string, Record<string, number>>;
  /** Payment id → its view, every payment created. */
  readonly payments: Record<string, PaymentView>;
  /** The merchant-balance view of the journal, in journal order: one row per posting on a merchant's balance. */
  readonly records: readonly ScenarioRecord[];
  /** The events of the accepted commands, in order; a retry answered from its idempotency key adds none. */
  readonly events: readonly ScenarioEvent[];
}

/**
 * Runs a parsed scenario document through a fresh ledger: every command in order, a rejected
 * or malformed one reported with its code while the others still run. Rejected as a whole only
 * when the document is not a scenario (no `commands` list) or its configuration is invalid:
 * malformed merchants, or a top-level setting (`time_zone`, `tax_rate`, `rounding`, `book`,
 * `refund_request_fee`) the configuration refuses. Answers the report, the ledger and the
 * configuration the file gave (what a journal of the run is exported with).
 *
 * @example
 * const run = runScenario(JSON.parse(readFileSync('scenario.json', 'utf8'))); // a file as SCENARIO.md describes, snake_case
 * // With mart (card at 3.6%) and pm1, a ¥1,000 payment giving pm1 1,000 less a 100 platform fee, then a refund of 2,000:
 * run.ok && run.value.report.results; // [{ index: 0, op: 'payment.create', ok: true }, { index: 1, op: 'payment.refund', ok: false, error: { code: 'refund_exceeds_remaining', … } }]
 * run.ok && run.value.report.balances; // { mart: { JPY: 60 }, pm1: { JPY: 900 } }: the rejected refund changed nothing
 * runScenario({ merchants: [] }); // { ok: false, error: { code: 'scenario_invalid', message: 'the scenario has no commands list' } }
 */
export function runScenario(document: unknown): LedgerResult<{ readonly report: ScenarioReport; readonly ledger: Ledger; readonly config: LedgerConfig }> {
  refusePrototypePollution();
  if (!isJsonObject(document)) return reject('scenario_invalid', 'a scenario must be a JSON object with merchants and commands');
  const commands = fieldOf(document, 'commands');
  if (!Array.isArray(commands)) return reject('scenario_invalid', 'the scenario has no commands list');
  const read = readScenarioConfig(document);
  if (!read.ok) return read;
  // Resolved as createLedger resolves it: the ledger is built from that, not checked again.
  const ledger = new Ledger(emptyLedgerState(read.value.resolved));

  const results: ScenarioResult[] = [];
  const events: ScenarioEvent[] = [];
  for (const [index, raw] of commands.entries()) {
    const given = isJsonObject(raw) ? fieldOf(raw, 'op') : undefined;
    const op = typeof given === 'string' ? given : '';
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
  const records: ScenarioRecord[] = merchantRows(ledger.journal, (entry, posting, deposit, debit) =>
    entry.payment === undefined
      ? { seq: entry.seq, merchant: posting.merchant, type: posting.recordType, currency: posting.currency, deposit, debit }
      : { seq: entry.seq, payment: entry.payment, merchant: posting.merchant, type: posting.recordType, currency: posting.currency, deposit, debit },
  );
  return accept({ report: { results, balances: merchantBalances(ledger.state), payments, records, events }, ledger, config: read.value.config });
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
