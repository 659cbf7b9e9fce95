import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLedger, type LedgerConfig } from '@kanjo/ledger';
import {
  cancelPaymentCommandArbitrary,
  cancelSessionCommandArbitrary,
  capturePaymentCommandArbitrary,
  chargebackPaymentCommandArbitrary,
  completeRefundRequestCommandArbitrary,
  completeSessionCommandArbitrary,
  createPaymentCommandArbitrary,
  createSessionCommandArbitrary,
  expirePaymentCommandArbitrary,
  ledgerConfigArbitrary,
  refundPaymentCommandArbitrary,
  rejectRefundRequestCommandArbitrary,
  requestRefundCommandArbitrary,
  runSettlementCommandArbitrary,
  transferBalanceCommandArbitrary,
  updatePayoutSettingsCommandArbitrary,
} from '@kanjo/ledger/testing';
import { CancelPaymentModelCommand } from './commands/cancel-payment.js';
import { CancelSessionModelCommand } from './commands/cancel-session.js';
import { CapturePaymentModelCommand } from './commands/capture-payment.js';
import { ChargebackPaymentModelCommand } from './commands/chargeback-payment.js';
import { CompleteRefundRequestModelCommand } from './commands/complete-refund-request.js';
import { CompleteSessionModelCommand } from './commands/complete-session.js';
import { CreatePaymentModelCommand } from './commands/create-payment.js';
import { CreateSessionModelCommand } from './commands/create-session.js';
import { ExpirePaymentModelCommand } from './commands/expire-payment.js';
import { RefundPaymentModelCommand } from './commands/refund-payment.js';
import { RejectRefundRequestModelCommand } from './commands/reject-refund-request.js';
import { RequestRefundModelCommand } from './commands/request-refund.js';
import { RetryKeyedModelCommand } from './commands/retry-keyed-command.js';
import { RunSettlementModelCommand } from './commands/run-settlement.js';
import { TransferBalanceModelCommand } from './commands/transfer-balance.js';
import { UpdatePayoutSettingsModelCommand } from './commands/update-payout-settings.js';
import type { LedgerSystem } from './ledger-system.js';
import { ReferenceModel } from './reference-model.js';
import type { LedgerModelCommand } from './run-step.js';
import { aimedPickArbitrary, pickArbitrary, type Pick } from './targeting.js';
import { timeStepArbitrary, type TimeStep } from './timing.js';

/** A command arbitrary with a time step and a pick, made into a model command, `weight` times in the pool. */
function timed<C>(
  arbitrary: fc.Arbitrary<C>,
  make: (command: C, step: TimeStep, pick: Pick) => LedgerModelCommand,
  weight = 1,
  picks: fc.Arbitrary<Pick> = pickArbitrary,
): fc.Arbitrary<LedgerModelCommand>[] {
  const made = fc.tuple(arbitrary, timeStepArbitrary, picks).map(([command, step, pick]) => make(command, step, pick));
  return Array.from({ length: weight }, () => made);
}

/**
 * Payments sometimes ask for amounts just below 2^53 (balance_overflow and the exact
 * mid-entry fold near the limit). KANJO_MODEL_HUGE=0 turns that off when chasing another bug.
 */
const COMMAND_CONSTRAINTS = { hugeAmounts: process.env['KANJO_MODEL_HUGE'] !== '0' };

// Weighted so that payments get created, captured and refunded often enough for the later
// flows (refund requests, chargebacks, settlements) to have something to work on. Payout
// settings and settlement runs are steered (see run-settlement.ts) and weighted 2 and 3: at 1
// and 2, unsteered, 8 of 959 accepted runs in 600 model runs paid anyone (1.3% of the runs).
const GENERAL_COMMANDS: fc.Arbitrary<LedgerModelCommand>[] = [
  ...timed(createPaymentCommandArbitrary(COMMAND_CONSTRAINTS), (command, step, pick) => new CreatePaymentModelCommand(command, step, pick), 10),
  ...timed(capturePaymentCommandArbitrary(), (command, step, pick) => new CapturePaymentModelCommand(command, step, pick), 6),
  ...timed(cancelPaymentCommandArbitrary(), (command, step, pick) => new CancelPaymentModelCommand(command, step, pick), 1),
  ...timed(expirePaymentCommandArbitrary(), (command, step, pick) => new ExpirePaymentModelCommand(command, step, pick), 1),
  ...timed(refundPaymentCommandArbitrary(), (command, step, pick) => new RefundPaymentModelCommand(command, step, pick), 4),
  ...timed(requestRefundCommandArbitrary(), (command, step, pick) => new RequestRefundModelCommand(command, step, pick), 4),
  ...timed(completeRefundRequestCommandArbitrary(), (command, step, pick) => new CompleteRefundRequestModelCommand(command, step, pick), 3),
  ...timed(rejectRefundRequestCommandArbitrary(), (command, step, pick) => new RejectRefundRequestModelCommand(command, step, pick), 1),
  ...timed(chargebackPaymentCommandArbitrary(), (command, step, pick) => new ChargebackPaymentModelCommand(command, step, pick), 1),
  ...timed(transferBalanceCommandArbitrary(), (command, step, pick) => new TransferBalanceModelCommand(command, step, pick), 2),
  ...timed(updatePayoutSettingsCommandArbitrary(), (command, step, pick) => new UpdatePayoutSettingsModelCommand(command, step, pick), 2),
  ...timed(runSettlementCommandArbitrary(), (command, step, pick) => new RunSettlementModelCommand(command, step, pick), 3),
  ...timed(createSessionCommandArbitrary(), (command, step, pick) => new CreateSessionModelCommand(command, step, pick), 2),
  ...timed(completeSessionCommandArbitrary(), (command, step, pick) => new CompleteSessionModelCommand(command, step, pick), 2),
  ...timed(cancelSessionCommandArbitrary(), (command, step, pick) => new CancelSessionModelCommand(command, step, pick), 1),
  timeStepArbitrary.map((step) => new RetryKeyedModelCommand(step)),
];

// The seller model's refund requests, several of one payment pending at once and completed or
// rejected out of order, which makes the engine re-estimate the others (refund_request_reestimated).
// The general commands almost never line up into that (0 re-estimations in 600 runs):
// seller-model Konbini payments are a few percent of payments and need a capture, a reverse
// request uses a payment up, requests land on any payment and are completed as they come. These
// commands aim at it (see Focus in targeting.ts), always steered and never implausible or keyed
// (the general commands cover those): seller-model Konbini payments whose platform_amount is
// strictly between 0 and the amount (else the platform's part never rounds and nothing is ever
// re-estimated), their captures in full, requests of an amount alone beside the pending ones,
// and completions and rejections of any of several pending.
const AIMED = { implausibleWeight: 0, idempotencyKeys: [] } as const;
const SELLER_REQUEST_COMMANDS: fc.Arbitrary<LedgerModelCommand>[] = [
  ...timed(
    createPaymentCommandArbitrary({ ...AIMED, processingModels: ['seller'], paymentTypes: ['konbini'] }).filter(
      (command) => command.platformAmount !== undefined && command.platformAmount > 0 && command.platformAmount < command.amount,
    ),
    (command, step, pick) => new CreatePaymentModelCommand(command, step, pick, 'seller_requests'),
    4,
    aimedPickArbitrary,
  ),
  ...timed(
    capturePaymentCommandArbitrary(AIMED).filter((command) => command.split === undefined && command.amount === undefined),
    (command, step, pick) => new CapturePaymentModelCommand(command, step, pick, 'seller_requests'),
    3,
    aimedPickArbitrary,
  ),
  ...timed(
    requestRefundCommandArbitrary({ ...AIMED, shapes: ['amount'] }),
    (command, step, pick) => new RequestRefundModelCommand(command, step, pick, 'seller_requests'),
    8,
    aimedPickArbitrary,
  ),
  ...timed(
    completeRefundRequestCommandArbitrary(AIMED),
    (command, step, pick) => new CompleteRefundRequestModelCommand(command, step, pick, 'seller_requests'),
    4,
    aimedPickArbitrary,
  ),
  ...timed(
    rejectRefundRequestCommandArbitrary(AIMED),
    (command, step, pick) => new RejectRefundRequestModelCommand(command, step, pick, 'seller_requests'),
    2,
    aimedPickArbitrary,
  ),
];

/** Whether a configuration has an active seller that takes Konbini. */
function hasKonbiniSeller(config: LedgerConfig): boolean {
  return config.merchants.some((merchant) => merchant.type === 'seller' && (merchant.status ?? 'active') === 'active' && (merchant.paymentTypes?.includes('konbini') ?? true));
}

/** A configuration and the commands of one run. */
type Run = [LedgerConfig, Iterable<LedgerModelCommand>];

const GENERAL_RUNS: fc.Arbitrary<Run> = fc.tuple(ledgerConfigArbitrary(), fc.commands(GENERAL_COMMANDS, { maxCommands: 100, size: 'max' }));

/**
 * Runs aimed at seller-model refund requests: on a configuration where a seller takes Konbini,
 * the general commands and, six times over (126 to their 44), the seller-request ones. At most
 * 50 commands: the flow needs a few dozen, and a shorter run costs much less (every command
 * replays the journal so far).
 */
const SELLER_REQUEST_RUNS: fc.Arbitrary<Run> = fc.tuple(
  ledgerConfigArbitrary().filter(hasKonbiniSeller),
  fc.commands([...GENERAL_COMMANDS, ...Array.from({ length: 6 }, () => SELLER_REQUEST_COMMANDS).flat()], { maxCommands: 50, size: 'max' }),
);

// About 20 s on two cores, and 3 s for the seller-request runs (a third as many);
// KANJO_MODEL_RUNS=5000 for a longer hunt; KANJO_MODEL_SEED=23 replays the runs a failure named.
const NUM_RUNS = Number(process.env['KANJO_MODEL_RUNS'] ?? 600);
const SEED = process.env['KANJO_MODEL_SEED'] === undefined ? {} : { seed: Number(process.env['KANJO_MODEL_SEED']) };
const SELLER_REQUEST_NUM_RUNS = Math.round(NUM_RUNS / 3);

function startSystem(config: LedgerConfig): { model: ReferenceModel; real: LedgerSystem } {
  const created = createLedger(config);
  if (!created.ok) throw new Error(`the configuration arbitrary made an invalid configuration: ${created.error.message}`);
  return { model: new ReferenceModel(config), real: { ledger: created.value, config } };
}

/** What a model run did, over all its runs. */
interface RunStatistics {
  /** Per op, how many commands the engine accepted and refused. */
  readonly tally: Map<string, { accepted: number; rejected: number }>;
  /** Per `op code`, how often the engine refused with it. */
  readonly rejections: Map<string, number>;
  /** Journal entries with a `refund_request_reestimated` change. */
  reestimations: number;
}

/** Runs the engine against the model on `numRuns` runs (every invariant after every command) and counts what happened. */
function runAgainstModel(runs: fc.Arbitrary<Run>, numRuns: number): RunStatistics {
  const statistics: RunStatistics = { tally: new Map(), rejections: new Map(), reestimations: 0 };
  fc.assert(
    fc.property(runs, ([config, commands]) => {
      const setup = startSystem(config);
      fc.modelRun(() => setup, commands);
      statistics.reestimations += setup.real.ledger.journal.filter((entry) => entry.changes.some((change) => change.kind === 'refund_request_reestimated')).length;
      for (const [op, counts] of setup.model.tally) {
        const sum = statistics.tally.get(op) ?? { accepted: 0, rejected: 0 };
        sum.accepted += counts.accepted;
        sum.rejected += counts.rejected;
        statistics.tally.set(op, sum);
      }
      for (const [key, count] of setup.model.rejections) statistics.rejections.set(key, (statistics.rejections.get(key) ?? 0) + count);
    }),
    { numRuns, ...SEED },
  );
  if (process.env['KANJO_MODEL_TALLY'] !== undefined) {
    console.table(Object.fromEntries(statistics.tally));
    console.log([...statistics.rejections].sort().map(([key, count]) => `${key}: ${count}`).join('\n'));
    console.log(`entries with refund_request_reestimated: ${statistics.reestimations}`);
  }
  return statistics;
}

describe('the ledger against a simple reference model (fast-check model run)', () => {
  it('agrees with the model on every command and keeps every invariant after each one', () => {
    const { tally } = runAgainstModel(GENERAL_RUNS, NUM_RUNS);
    // The run only means something if every kind of command was both accepted and refused.
    // Measured over the default runs: each op at least 11 times accepted (refund_request.reject)
    // and 130 times refused, so a floor of one fails only if the generator stops reaching it.
    for (const op of [
      'payment.create', 'payment.capture', 'payment.cancel', 'payment.expire', 'payment.chargeback', 'payment.refund', 'payment.refund_request',
      'refund_request.complete', 'refund_request.reject', 'balance.transfer', 'payout_settings.update', 'settlement.run',
      'session.create', 'session.complete', 'session.cancel',
    ]) {
      expect(tally.get(op)?.accepted ?? 0, `${op} accepted`).toBeGreaterThan(0);
      expect(tally.get(op)?.rejected ?? 0, `${op} rejected`).toBeGreaterThan(0);
    }
  }, Math.max(120_000, NUM_RUNS * 200));

  it('agrees with the model and keeps every invariant in runs aimed at seller-model refund requests, where settling one of several pending out of order re-estimates the others', () => {
    const { reestimations } = runAgainstModel(SELLER_REQUEST_RUNS, SELLER_REQUEST_NUM_RUNS);
    // These runs must keep reaching the re-estimation. Measured over the default 200 runs: 25 to
    // 42 entries with a refund_request_reestimated change, in 19 to 28 runs (p ≈ 0.1 a run). The
    // floor, one entry per 40 runs (5 in 200), is far below: 200 runs fall under it only if fewer
    // than 5 of them reach it where about 20 do on average, a binomial chance of about 2 in
    // 100,000 even at p = 0.095. Under 200 runs (KANJO_MODEL_RUNS below 600, when chasing a bug)
    // the count is too noisy to judge: no floor then.
    const floor = SELLER_REQUEST_NUM_RUNS >= 200 ? Math.floor(SELLER_REQUEST_NUM_RUNS / 40) : 0;
    expect(
      reestimations,
      `settling one of several pending seller-model refund requests out of order re-estimates the others in at least ${floor} journal entries over ${SELLER_REQUEST_NUM_RUNS} runs`,
    ).toBeGreaterThanOrEqual(floor);
  }, Math.max(120_000, SELLER_REQUEST_NUM_RUNS * 200));
});
