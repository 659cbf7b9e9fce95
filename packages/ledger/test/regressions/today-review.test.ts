import { decideCommand, type Command } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, marketplaceSession, omit, refundRequest } from '../support/fixtures.js';
import { accepted, ledgerAfter, newLedger, rejected } from '../support/ledger-harness.js';

// Review of 2026-12-01's changes (command shapes from code, hledger units, payment currency,
// copies of caller objects, return URL, next payout, JournalReplay's guard).

/** A list of `length` holes: `Array.isArray` says yes, `every` skips the holes. */
const holes = (length: number): unknown[] => new Array<unknown>(length);

describe('a split with holes (a sparse array from code) is field_invalid, not a raw TypeError', () => {
  // README: `field_invalid` "from code, a field the flows would otherwise misread: … a `split`
  // not a list of objects". `[ , ]` holds no object, yet `every` skips holes, so it passed the
  // check and the split validator read `lines[0].amount` of undefined.
  it.each([
    ['payment.create', () => newLedger(), { ...goldenPayment('p1'), split: holes(2) }],
    ['session.create', () => newLedger(), { ...marketplaceSession('s1'), split: holes(1) }],
    ['payment.capture', () => ledgerAfter([omit(goldenPayment('p1', { capture: false }), 'split')]), { op: 'payment.capture', payment: 'p1', split: holes(1) }],
    ['payment.refund', () => ledgerAfter([goldenPayment('p1')]), { op: 'payment.refund', payment: 'p1', amount: 100, split: holes(1) }],
    [
      'payment.refund_request',
      () => ledgerAfter([konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' }]),
      { ...refundRequest({ id: 'rr_1', payment: 'kb_1', amount: 100 }), split: holes(1) },
    ],
  ] as const)('%s', (_op, ledgerOf, command) => {
    const ledger = ledgerOf();
    expect(rejected(ledger, command as unknown as Command, 'field_invalid')).toBe('split must be a list of objects, not a list holding something else');
    const decided = decideCommand(ledger.state, command as unknown as Command);
    expect(decided.ok ? 'accepted' : decided.error.code).toBe('field_invalid');
  });

  it('a list of strings with holes (paymentTypes, holidays) is field_invalid too', () => {
    const ledger = newLedger();
    expect(rejected(ledger, { ...marketplaceSession('s1'), paymentTypes: ['credit_card', ...holes(1)] } as unknown as Command, 'field_invalid')).toBe(
      'paymentTypes must be a list of strings, not a list holding something else',
    );
    rejected(ledger, { op: 'settlement.run', date: '2026-04-03', holidays: holes(1) } as unknown as Command, 'field_invalid');
  });
});

describe('payment.refund_request: includePaymentMethodFee left out and spelled false are the same request under one idempotency key', () => {
  // Since today `includePaymentMethodFee` may be left out ("read as false when left out, as a
  // scenario's default is"). The ledger's rule for idempotency keys (ledger.ts, fingerprintOf):
  // "A default spelled out asks for the same thing as the default left out". A retry that spells
  // the default out was idempotency_key_reused, though it asks for exactly the same refund.
  const request = () =>
    refundRequest({ id: 'rr_1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], idempotencyKey: 'k1' });
  const captured = () => ledgerAfter([konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' }]);

  it('left out first, false on the retry: the first result, nothing appended', () => {
    const ledger = captured();
    const first = accepted(ledger, omit(request(), 'includePaymentMethodFee') as Command);
    const retry = accepted(ledger, { ...request(), includePaymentMethodFee: false });
    expect(retry.replayed).toBe(true);
    expect(retry.entry).toBe(first.entry);
    expect(ledger.journal).toHaveLength(3);
  });

  it('false first, left out on the retry: the first result', () => {
    const ledger = captured();
    const first = accepted(ledger, { ...request(), includePaymentMethodFee: false });
    const retry = accepted(ledger, omit(request(), 'includePaymentMethodFee') as Command);
    expect(retry.replayed).toBe(true);
    expect(retry.entry).toBe(first.entry);
  });

  it('true on the retry is still a different request', () => {
    const ledger = captured();
    accepted(ledger, omit(request(), 'includePaymentMethodFee') as Command);
    rejected(ledger, { ...request(), includePaymentMethodFee: true }, 'idempotency_key_reused');
  });
});
