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
import { pickArbitrary, type Pick } from './targeting.js';
import { timeStepArbitrary, type TimeStep } from './timing.js';

/** A command arbitrary with a time step and a pick, made into a model command, `weight` times in the pool. */
function timed<C>(arbitrary: fc.Arbitrary<C>, make: (command: C, step: TimeStep, pick: Pick) => LedgerModelCommand, weight = 1): fc.Arbitrary<LedgerModelCommand>[] {
  const made = fc.tuple(arbitrary, timeStepArbitrary, pickArbitrary).map(([command, step, pick]) => make(command, step, pick));
  return Array.from({ length: weight }, () => made);
}

/**
 * Payments sometimes ask for amounts just below 2^53 (balance_overflow and the exact
 * mid-entry fold near the limit). KANJO_MODEL_HUGE=0 turns that off when chasing another bug.
 */
const COMMAND_CONSTRAINTS = { hugeAmounts: process.env['KANJO_MODEL_HUGE'] !== '0' };

// Weighted so that payments get created, captured and refunded often enough for the later
// flows (refund requests, chargebacks, settlements) to have something to work on.
const COMMANDS = fc.commands(
  [
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
    ...timed(updatePayoutSettingsCommandArbitrary(), (command, step, pick) => new UpdatePayoutSettingsModelCommand(command, step), 1),
    ...timed(runSettlementCommandArbitrary(), (command, step, pick) => new RunSettlementModelCommand(command, step), 2),
    ...timed(createSessionCommandArbitrary(), (command, step, pick) => new CreateSessionModelCommand(command, step, pick), 2),
    ...timed(completeSessionCommandArbitrary(), (command, step, pick) => new CompleteSessionModelCommand(command, step, pick), 2),
    ...timed(cancelSessionCommandArbitrary(), (command, step, pick) => new CancelSessionModelCommand(command, step, pick), 1),
    timeStepArbitrary.map((step) => new RetryKeyedModelCommand(step)),
  ],
  { maxCommands: 100, size: 'max' },
);

// About 20 s on two cores; KANJO_MODEL_RUNS=5000 for a longer hunt.
const NUM_RUNS = Number(process.env['KANJO_MODEL_RUNS'] ?? 600);

function startSystem(config: LedgerConfig): { model: ReferenceModel; real: LedgerSystem } {
  const created = createLedger(config);
  if (!created.ok) throw new Error(`the configuration arbitrary made an invalid configuration: ${created.error.message}`);
  return { model: new ReferenceModel(config), real: { ledger: created.value, config } };
}

describe('the ledger against a simple reference model (fast-check model run)', () => {
  it('agrees with the model on every command and keeps every invariant after each one', () => {
    const tally = new Map<string, { accepted: number; rejected: number }>();
    const rejections = new Map<string, number>();
    fc.assert(
      fc.property(ledgerConfigArbitrary(), COMMANDS, (config, commands) => {
        const setup = startSystem(config);
        fc.modelRun(() => setup, commands);
        for (const [op, counts] of setup.model.tally) {
          const sum = tally.get(op) ?? { accepted: 0, rejected: 0 };
          sum.accepted += counts.accepted;
          sum.rejected += counts.rejected;
          tally.set(op, sum);
        }
        for (const [key, count] of setup.model.rejections) rejections.set(key, (rejections.get(key) ?? 0) + count);
      }),
      { numRuns: NUM_RUNS },
    );
    if (process.env['KANJO_MODEL_TALLY'] !== undefined) {
      console.table(Object.fromEntries(tally));
      console.log([...rejections].sort().map(([key, count]) => `${key}: ${count}`).join('\n'));
    }
    // The run only means something if every kind of command was both accepted and refused.
    for (const op of ['payment.create', 'payment.capture', 'payment.refund', 'payment.refund_request', 'refund_request.complete', 'balance.transfer', 'settlement.run', 'session.complete']) {
      expect(tally.get(op)?.accepted ?? 0, `${op} accepted`).toBeGreaterThan(0);
      expect(tally.get(op)?.rejected ?? 0, `${op} rejected`).toBeGreaterThan(0);
    }
  }, Math.max(120_000, NUM_RUNS * 200));
});
