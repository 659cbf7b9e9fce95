import type { Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, FUNDED_KONBINI, goldenPayment, omit, refundRequest } from '../support/fixtures.js';
import { accepted, ledgerAfter, readBack, rejected } from '../support/ledger-harness.js';

// Review 269: a keyed retry whose own fields come from its prototype was compared, besides
// today's form, with the forms earlier versions wrote without such fields. A command written
// today without the field matched them, so a retry asking for something else (an inherited
// `capture: false`, a refund's `amount`) was answered with the first result, where the same
// retry written as plain data is `idempotency_key_reused`. The engine decides with the inherited
// field, so it is another command.

/** `own` with the fields of `inherited` answered from its prototype, as a class instance's are. */
function withInherited(own: object, inherited: object): Command {
  return Object.assign(Object.create(inherited) as object, own) as Command;
}

const KEYED_PAYMENT = { ...omit(goldenPayment('p'), 'capture'), idempotencyKey: 'k' } as Command;
const AUTHORIZED = { ...omit(goldenPayment('a'), 'split'), capture: false } as Command;
// No amount: all 1,000 captured, the split giving pm1 500 of it (a two-step split may be less).
const FULL_CAPTURE = { op: 'payment.capture', payment: 'a', idempotencyKey: 'c', split: [{ submerchantId: 'pm1', amount: 500, platformFee: 50 }] } as Command;
const REVERSE_REFUND = { op: 'payment.refund', payment: 'p', idempotencyKey: 'r' } as Command;
const REQUEST = refundRequest({ id: 'rq', payment: 'kb_1', idempotencyKey: 'q' });

const FIRSTS: readonly Command[] = [KEYED_PAYMENT, AUTHORIZED, FULL_CAPTURE, REVERSE_REFUND, ...FUNDED_KONBINI, REQUEST];

/** Each retry, with the field its prototype answers that makes it another command than the first. */
const RETRIES: readonly (readonly [string, Command])[] = [
  ['a payment.create inheriting capture: false (the first was captured at once)', withInherited(KEYED_PAYMENT, { capture: false })],
  ['a payment.create inheriting origin: session', withInherited(KEYED_PAYMENT, { origin: 'session' })],
  ['a payment.capture inheriting amount: 500 (the first captured all 1,000)', withInherited(FULL_CAPTURE, { amount: 500 })],
  ['a payment.refund inheriting amount and split (the first was a reverse refund of all of it)', withInherited(REVERSE_REFUND, { amount: 10, split: [{ submerchantId: 'pm1', amount: 10, platformFee: 0 }] })],
  ['a payment.refund_request inheriting includePaymentMethodFee: true', withInherited(omit(REQUEST, 'includePaymentMethodFee'), { includePaymentMethodFee: true })],
];

describe('a keyed retry whose own fields come from its prototype is compared as the engine decides it', () => {
  const live = ledgerAfter(FIRSTS);
  const rebuilt = readBack(CONFIG, live.journal).ledger;

  for (const [name, retry] of RETRIES) {
    it(`${name}: idempotency_key_reused, live and after replayJournal`, () => {
      const key = (retry as { idempotencyKey: string }).idempotencyKey;
      const message = `idempotency_key ${key} was used for a different command: use a new key`;
      expect(rejected(live, retry, 'idempotency_key_reused')).toBe(message);
      expect(rejected(rebuilt, retry, 'idempotency_key_reused')).toBe(message);
    });
  }

  it('the same retries with the first command\'s values on the prototype are answered with the first result', () => {
    const again = [
      withInherited(omit(KEYED_PAYMENT as never, 'amount'), { amount: 1000 }),
      withInherited(REVERSE_REFUND, {}),
      withInherited(omit(REQUEST, 'includePaymentMethodFee'), { includePaymentMethodFee: false }),
    ];
    for (const retry of again) {
      const result = accepted(live, retry);
      expect(result.replayed).toBe(true);
    }
  });
});
