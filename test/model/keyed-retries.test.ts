import { createLedger, type Command, type CreatePaymentCommand, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { decideCapturePayment } from './commands/capture-payment.js';
import { decideCreatePayment } from './commands/create-payment.js';
import { ReferenceModel } from './reference-model.js';
import { runStep, type Decide } from './run-step.js';
import type { TimeStep } from './timing.js';

// Fixed runs of the reference model for retries that spell a default the other way. The model run
// (ledger-model.test.ts, seed 23) once sent `payment.create` with `capture: true` and key-2, then
// the same command with `capture` left out: the engine answered the first result (the README: "A
// default written out is the same command as the default left out") and the model, comparing the
// commands as spelled, expected idempotency_key_reused. runStep throws when the two disagree.

const CONFIG: LedgerConfig = {
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
  ],
};

const CREATE: CreatePaymentCommand = {
  op: 'payment.create',
  id: 'pay_1',
  merchant: 'mart',
  amount: 1000,
  currency: 'JPY',
  paymentType: 'credit_card',
  split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }],
  idempotencyKey: 'key-2',
};

const A_DAY_LATER: TimeStep = { kind: 'later', minutes: 24 * 60, zone: '+09:00' };

/**
 * Runs `commands` through the engine and the model in turn (runStep throws if they disagree on
 * any: appended, replayed, or refused with which code) and returns the engine's journal.
 */
function run(commands: readonly [Command, Decide<Command>][]): readonly unknown[] {
  const created = createLedger(CONFIG);
  if (!created.ok) throw new Error(created.error.message);
  const system = { ledger: created.value, config: CONFIG };
  const model = new ReferenceModel(CONFIG);
  for (const [command, decide] of commands) runStep(model, system, command, A_DAY_LATER, decide);
  return system.ledger.journal;
}

const create = decideCreatePayment as Decide<Command>;
const capture = decideCapturePayment as Decide<Command>;

describe('the reference model reads a default written out as the default left out, as the engine does', () => {
  it.each([
    ['capture: true, retried with capture left out (seed 23)', { ...CREATE, capture: true }, CREATE],
    ['capture left out, retried with capture: true', CREATE, { ...CREATE, capture: true }],
    ["origin: 'api', retried with origin left out", { ...CREATE, origin: 'api' as const }, CREATE],
  ])('payment.create %s: the retry is answered with the first entry', (_name, first, retry) => {
    expect(
      run([
        [first, create],
        [retry, create],
      ]),
    ).toHaveLength(1);
  });

  it('payment.capture with its amount left out, retried with the authorized amount written out: the first entry', () => {
    const { split: _split, ...authorize } = { ...CREATE, capture: false };
    expect(
      run([
        [authorize, create],
        [{ op: 'payment.capture', payment: 'pay_1', split: CREATE.split ?? [], idempotencyKey: 'key-3' }, capture],
        [{ op: 'payment.capture', payment: 'pay_1', split: CREATE.split ?? [], amount: 1000, idempotencyKey: 'key-3' }, capture],
      ]),
    ).toHaveLength(2);
  });

  it('a retry that changes a field the engine reads is refused as reused, by both', () => {
    expect(
      run([
        [CREATE, create],
        [{ ...CREATE, amount: 1001 }, create],
      ]),
    ).toHaveLength(1);
  });
});
