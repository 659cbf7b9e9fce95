import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPaymentCommandArbitrary, requestRefundCommandArbitrary } from '@kanjo/ledger/testing';

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
