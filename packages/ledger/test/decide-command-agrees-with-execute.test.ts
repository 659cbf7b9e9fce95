import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLedger, decideCommand, type Command } from '@kanjo/ledger';
import {
  capturePaymentCommandArbitrary,
  chargebackPaymentCommandArbitrary,
  createPaymentCommandArbitrary,
  ledgerConfigArbitrary,
  refundPaymentCommandArbitrary,
  transferBalanceCommandArbitrary,
  type CommandConstraints,
} from '@kanjo/ledger/testing';
import { unwrap } from '@kanjo/splits';

// Review 211: decideCommand ("the entry it would append or a rejection out") answered ok for a
// chargeback that execute refused as balance_overflow: the balance range was checked by the
// ledger alone, after deciding.

const config = {
  merchants: [
    { id: 'mkt', type: 'platform' as const, business: 'marketplace' as const, paymentMethods: { credit_card: { feeRate: '3.6%' } } },
    { id: 'pm-1', type: 'payout' as const, platform: 'mkt' },
  ],
};

describe('decideCommand refuses what execute refuses after deciding', () => {
  it('balance_overflow: a chargeback taking the platform below -(2^53 - 1), with execute\'s message, and nothing posted', () => {
    const ledger = unwrap(createLedger(config));
    const amount = Number.MAX_SAFE_INTEGER - 7;
    expect(ledger.execute({ op: 'payment.create', id: 'p1', merchant: 'mkt', amount, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm-1', amount, platformFee: 0 }] }).ok).toBe(true);
    const chargeback: Command = { op: 'payment.chargeback', payment: 'p1' };
    const decided = decideCommand(ledger.state, chargeback);
    const executed = ledger.execute(chargeback);
    expect(decided.ok ? 'ok' : decided.error.code).toBe('balance_overflow');
    expect(executed).toEqual(decided);
    expect(ledger.journal).toHaveLength(1);
  });
});

// The property: for any configuration and any commands (huge amounts included), before each
// command decideCommand answers what execute then does: the same rejection, or the entry's
// changes, postings and events.
describe('decideCommand agrees with execute on every command of a run', () => {
  it('same code when refused, same changes, postings and events when accepted', () => {
    const constraints: CommandConstraints = { hugeAmounts: true, idempotencyKeys: [] };
    const command = fc.oneof(
      { weight: 3, arbitrary: createPaymentCommandArbitrary(constraints) },
      { weight: 1, arbitrary: capturePaymentCommandArbitrary(constraints) },
      { weight: 2, arbitrary: refundPaymentCommandArbitrary(constraints) },
      { weight: 2, arbitrary: chargebackPaymentCommandArbitrary(constraints) },
      { weight: 1, arbitrary: transferBalanceCommandArbitrary(constraints) },
    );
    let overflows = 0;
    fc.assert(
      fc.property(ledgerConfigArbitrary(), fc.array(command, { minLength: 5, maxLength: 30 }), (drawn, commands) => {
        const ledger = unwrap(createLedger(drawn));
        for (const next of commands) {
          const decided = decideCommand(ledger.state, next);
          const executed = ledger.execute(next);
          if (!executed.ok) {
            if (executed.error.code === 'balance_overflow') overflows += 1;
            expect(decided).toEqual(executed);
          } else {
            const { changes, postings, events } = executed.entry;
            expect(decided).toEqual({ ok: true, value: { payment: executed.entry.payment, changes, postings, events } });
          }
        }
      }),
      { numRuns: 300, seed: 20261206 },
    );
    // The case the review found is among them, so the property can fail on it.
    expect(overflows).toBeGreaterThan(0);
  });
});
