import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLedger } from '@kanjo/ledger';
import { createPaymentCommandArbitrary, ledgerConfigArbitrary, requestRefundCommandArbitrary } from '@kanjo/ledger/testing';
import { unwrap } from '@kanjo/splits';

// The constraints that aim @kanjo/ledger/testing's command arbitraries at one flow (the model
// run's seller-model refund-request runs use them).

describe('createPaymentCommandArbitrary narrowed by CreatePaymentConstraints', () => {
  it('with processingModels [seller] and paymentTypes [konbini], every plausible payment is a seller-model Konbini payment', () => {
    fc.assert(
      fc.property(createPaymentCommandArbitrary({ processingModels: ['seller'], paymentTypes: ['konbini'], implausibleWeight: 0 }), (command) => {
        expect(command.as).toBeDefined();
        expect(command.platformAmount).toBeDefined();
        expect(command.split).toBeUndefined();
        expect(command.paymentType).toBe('konbini');
      }),
      { numRuns: 200 },
    );
  });

  it('with processingModels [marketplace], every plausible payment is a marketplace payment', () => {
    fc.assert(
      fc.property(createPaymentCommandArbitrary({ processingModels: ['marketplace'], implausibleWeight: 0 }), (command) => {
        expect(command.as).toBeUndefined();
        expect(command.platformAmount).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  // Review 183 (session 48): one in nine "implausible" commands was accepted (an off-by-one on a
  // command with no split, a seller payment's missing split, a "stranger" that was the
  // platform's own merchant).
  it('an implausible payment, as CommandConstraints.implausibleWeight promises, is refused on a fresh ledger of any drawn configuration', () => {
    const implausibleOnly = createPaymentCommandArbitrary({ implausibleWeight: 1_000_000, idempotencyKeys: [] });
    const refusals = new Set<string>();
    fc.assert(
      fc.property(ledgerConfigArbitrary(), implausibleOnly, (config, command) => {
        const outcome = unwrap(createLedger(config)).execute(command);
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) refusals.add(outcome.error.code);
      }),
      { numRuns: 1000 },
    );
    // Each mutation is refused by the rule it breaks, not all by one early check.
    expect(refusals.size).toBeGreaterThanOrEqual(8);
  });

  it('refuses an empty list of models or payment types', () => {
    expect(() => createPaymentCommandArbitrary({ processingModels: [] })).toThrow(RangeError);
    expect(() => createPaymentCommandArbitrary({ paymentTypes: [] })).toThrow(RangeError);
  });
});

describe('requestRefundCommandArbitrary narrowed by RequestRefundConstraints', () => {
  it('with shapes [amount], every plausible request gives an amount alone', () => {
    fc.assert(
      fc.property(requestRefundCommandArbitrary({ shapes: ['amount'], implausibleWeight: 0 }), (command) => {
        expect(command.amount).toBeGreaterThan(0);
        expect(command.split).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('with shapes [reverse], every plausible request gives neither an amount nor a split', () => {
    fc.assert(
      fc.property(requestRefundCommandArbitrary({ shapes: ['reverse'], implausibleWeight: 0 }), (command) => {
        expect(command.amount).toBeUndefined();
        expect(command.split).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an empty list of shapes', () => {
    expect(() => requestRefundCommandArbitrary({ shapes: [] })).toThrow(RangeError);
  });
});
