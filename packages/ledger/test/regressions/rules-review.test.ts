import type { Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, marketplaceSession, omit, refundRequest } from '../support/fixtures.js';
import { accepted, balances, ledgerAfter } from '../support/ledger-harness.js';

// Found by hostile-fields-fuzz.test.ts ("decideCommand never writes, and answers with a typed
// rejection or a RangeError for an amount"), which failed now and then with fast-check's own
// TypeError while printing the counterexample: a split array from code that carries its own
// `constructor` key (a string, a number, null) made `payment.create` and `payment.capture`
// throw "TypeError: object.constructor[Symbol.species] is not a constructor" out of
// `Array#map` in copySplitLines (and a refund or refund request without an amount, out of
// `Array#flatMap` in plan-refund-parts), instead of reading the lines as any other array's.

/** `array` with an own enumerable `constructor` property of `value`, as a hostile caller may send. */
function withOwnConstructor<Lines extends unknown[]>(array: Lines, value: unknown): Lines {
  Object.defineProperty(array, 'constructor', { value, enumerable: true, writable: true, configurable: true });
  return array;
}

const GOLDEN_LINES = () => [
  { submerchantId: 'pm1', amount: 700, platformFee: 70 },
  { submerchantId: 'pm2', amount: 300, platformFee: 30 },
];

describe('a split array with its own `constructor` key is read like any other array', () => {
  for (const value of ['x', 5, null]) {
    it(`payment.create (constructor ${JSON.stringify(value)}): the golden capture, 60 / 630 / 270, and the journal keeps only the lines`, () => {
      const ledger = ledgerAfter([]);
      const result = accepted(ledger, goldenPayment('p', { split: withOwnConstructor(GOLDEN_LINES(), value) }));
      expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
      expect(JSON.stringify(result.entry)).toBe(JSON.stringify(ledgerAfter([goldenPayment('p')]).journal[0]));
    });

    it(`payment.capture (constructor ${JSON.stringify(value)}): the capture posts the split as given`, () => {
      const ledger = ledgerAfter([omit(goldenPayment('a', { capture: false }), 'split')]);
      accepted(ledger, { op: 'payment.capture', payment: 'a', split: withOwnConstructor(GOLDEN_LINES(), value) });
      expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
    });

    it(`session.create and complete, refund and refund request (constructor ${JSON.stringify(value)}): accepted with the same outcome`, () => {
      const ledger = ledgerAfter([goldenPayment('fund', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] })]);
      const commands: Command[] = [
        marketplaceSession('s', { split: withOwnConstructor(GOLDEN_LINES(), value), paymentTypes: withOwnConstructor(['credit_card'], value) }),
        { op: 'session.complete', session: 's', payment: 'sp', paymentType: 'credit_card' },
        { op: 'payment.refund', payment: 'sp', amount: 100, split: withOwnConstructor([{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], value) },
        konbiniPayment(),
        { op: 'payment.capture', payment: 'kb_1' },
        refundRequest({ id: 'rq', payment: 'kb_1', amount: 100, split: withOwnConstructor([{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], value) }),
        { op: 'refund_request.complete', refundRequest: 'rq' },
        { op: 'settlement.run', date: '2026-01-16', holidays: withOwnConstructor(['2026-01-01'], value) },
      ];
      for (const command of commands) accepted(ledger, command);
      // fund: mart 4,802, pm2 0; the session's payment: mart +60, pm1 630, pm2 270; refund 100 from pm1;
      // Konbini: mart +348, pm1 +4,500; request 100 from pm1 plus 330 from mart.
      expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 4802 + 60 + 348 - 330, pm1: 630 - 100 + 4500 - 100, pm2: 270 });
    });

    // Without an amount the refund is what the split adds up to: plan-refund-parts summed it with
    // `split.flatMap`, which threw the same TypeError.
    it(`a refund and a refund request without an amount (constructor ${JSON.stringify(value)}): refund what the split adds up to`, () => {
      const ledger = ledgerAfter([goldenPayment(), konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' }]);
      const refund = accepted(ledger, { op: 'payment.refund', payment: 'pay_1', split: withOwnConstructor([{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], value) });
      expect(refund.events).toEqual([{ type: 'payment.refund.created', payment: 'pay_1', amount: 100, currency: 'JPY' }]);
      accepted(ledger, refundRequest({ id: 'rq', payment: 'kb_1', split: withOwnConstructor([{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], value) }));
      expect(ledger.state.refundRequests.get('rq')).toMatchObject({ amount: 100, reverse: false });
      expect(balances(ledger, 'mart', 'pm1')).toEqual({ mart: 60 + 348, pm1: 630 - 100 + 4500 });
    });
  }
});
