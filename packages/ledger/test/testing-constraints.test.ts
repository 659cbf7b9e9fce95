import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLedger, type TransferBalanceCommand } from '@kanjo/ledger';
import {
  capturePaymentCommandArbitrary,
  createPaymentCommandArbitrary,
  createSessionCommandArbitrary,
  ledgerConfigArbitrary,
  partialRefundSplitsArbitrary,
  refundPaymentCommandArbitrary,
  requestRefundCommandArbitrary,
  resolveCommandConstraints,
  runSettlementCommandArbitrary,
  TESTING_MERCHANT_IDS,
  transferBalanceCommandArbitrary,
} from '@kanjo/ledger/testing';

// Review 211: constraints the TSDoc allows made arbitraries hang (maxAmount below 1000) or fail
// with fast-check's own errors (a window of a few days, a weight of 0.5), impossible dates were
// rolled over into the next month, and configuration counts were clamped without a word.

const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns = 200): T[] => fc.sample(arbitrary, { numRuns, seed: 7 });

describe('CommandConstraints.maxAmount below the round amounts (1 to 999)', () => {
  it('payments and sessions are drawn (no endless filtering), every plausible amount from 1 to maxAmount', () => {
    for (const maxAmount of [1, 20, 999]) {
      const payments = sample(createPaymentCommandArbitrary({ maxAmount, implausibleWeight: 0 })).map((command) => command.amount);
      const sessions = sample(createSessionCommandArbitrary({ maxAmount, implausibleWeight: 0 })).map((command) => command.amount);
      for (const amounts of [payments, sessions]) {
        expect(amounts).toHaveLength(200);
        for (const amount of amounts) expect([maxAmount, amount >= 1 && amount <= maxAmount]).toEqual([maxAmount, true]);
      }
    }
  });

  it('from 1000 on, the round amounts are drawn as before', () => {
    const amounts = new Set(sample(createPaymentCommandArbitrary({ maxAmount: 3000, implausibleWeight: 0 }), 500).map((command) => command.amount));
    expect(amounts.has(1000) && amounts.has(3000)).toBe(true);
    expect([...amounts].every((amount) => amount <= 3000)).toBe(true);
  });
});

describe('runSettlementCommandArbitrary over a window of a few days', () => {
  it('a week or a single day draws dates in the window, and holidays among its days', () => {
    const windows: readonly (readonly [string, string])[] = [['2026-04-06', '2026-04-19'], ['2026-04-03', '2026-04-03'], ['2026-04-02', '2026-04-02'], ['2026-04-29', '2026-05-01']];
    for (const [firstDate, lastDate] of windows) {
      for (const command of sample(runSettlementCommandArbitrary({ firstDate, lastDate, implausibleWeight: 0 }))) {
        expect([firstDate, lastDate, command.date >= firstDate && command.date <= lastDate]).toEqual([firstDate, lastDate, true]);
        for (const holiday of command.holidays ?? []) expect(holiday >= firstDate && holiday <= lastDate).toBe(true);
      }
    }
  });

  it('a date that does not exist, or not written YYYY-MM-DD, or a window the wrong way round, throws a RangeError naming it', () => {
    expect(() => runSettlementCommandArbitrary({ lastDate: '2026-09-31' })).toThrow('CommandConstraints.lastDate must be a date that exists, written YYYY-MM-DD, got "2026-09-31"');
    expect(() => runSettlementCommandArbitrary({ firstDate: '2026-02-30' })).toThrow('CommandConstraints.firstDate must be a date that exists');
    expect(() => runSettlementCommandArbitrary({ firstDate: '2026-04' })).toThrow('CommandConstraints.firstDate must be a date that exists');
    expect(() => runSettlementCommandArbitrary({ firstDate: '2026-05-01', lastDate: '2026-04-30' })).toThrow('CommandConstraints.firstDate 2026-05-01 must not be after lastDate 2026-04-30');
    expect(() => resolveCommandConstraints({ firstDate: '2028-02-29', lastDate: '2028-03-01' })).not.toThrow();
  });
});

describe('CommandConstraints that no arbitrary can draw from throw a RangeError naming the field', () => {
  it('implausibleWeight not a whole number; an empty list of payout merchant or seller ids', () => {
    for (const implausibleWeight of [0.5, Number.POSITIVE_INFINITY, -1, Number.NaN]) {
      expect(() => capturePaymentCommandArbitrary({ implausibleWeight })).toThrow(`CommandConstraints.implausibleWeight must be a whole number, 0 or more (fast-check weighs in whole numbers), got ${String(implausibleWeight)}`);
    }
    expect(() => refundPaymentCommandArbitrary({ ids: { ...TESTING_MERCHANT_IDS, payoutMerchants: [] } })).toThrow('CommandConstraints.ids.payoutMerchants must not be empty');
    expect(() => createPaymentCommandArbitrary({ ids: { ...TESTING_MERCHANT_IDS, sellers: [] } })).toThrow('CommandConstraints.ids.sellers must not be empty');
  });

  // Review 241: a repeated payout merchant made the arbitraries that draw an exact split ask
  // fast-check for more different ids than there were, and sampling never returned.
  it('an id given twice, in a list or to two merchants, throws naming it (a split could never be drawn)', () => {
    const twice = { ...TESTING_MERCHANT_IDS, payoutMerchants: ['pm-1', 'pm-1'] };
    const message = 'CommandConstraints.ids names "pm-1" twice: give each merchant, and the stranger, an id of its own';
    expect(() => createPaymentCommandArbitrary({ ids: twice })).toThrow(message);
    expect(() => capturePaymentCommandArbitrary({ ids: twice })).toThrow(message);
    expect(() => createSessionCommandArbitrary({ ids: twice })).toThrow(message);
    expect(() => resolveCommandConstraints({ ids: { ...TESTING_MERCHANT_IDS, stranger: 'seller-2' } })).toThrow('CommandConstraints.ids names "seller-2" twice');
    expect(() => ledgerConfigArbitrary({ ids: { ...TESTING_MERCHANT_IDS, platform: 'mkt' } })).toThrow('LedgerConfigConstraints.ids names "mkt" twice');
  });

  // Review 241: from JavaScript, a name outside the list left fast-check's oneof nothing to draw
  // from: "fc.oneof expects at least one weighted arbitrary", naming no field.
  it('a processing model or refund request shape it does not know throws naming the field and the names it takes', () => {
    expect(() => createPaymentCommandArbitrary({ processingModels: ['Seller' as 'seller'] })).toThrow('CreatePaymentConstraints.processingModels may hold only marketplace, seller, not "Seller"');
    expect(() => createPaymentCommandArbitrary({ processingModels: [] })).toThrow('CreatePaymentConstraints.processingModels must not be empty');
    expect(() => requestRefundCommandArbitrary({ shapes: ['reverse', 'amounts' as 'amount'] })).toThrow('RequestRefundConstraints.shapes may hold only reverse, amount, split, not "amounts"');
    expect(() => requestRefundCommandArbitrary({ shapes: [] })).toThrow('RequestRefundConstraints.shapes must not be empty');
    // Review 243: a text for the list was a TypeError ("chosen.find is not a function").
    expect(() => createPaymentCommandArbitrary({ processingModels: 'marketplace' as unknown as ['marketplace'] })).toThrow('CreatePaymentConstraints.processingModels must be a list of marketplace, seller, not "marketplace"');
    expect(() => requestRefundCommandArbitrary({ shapes: 5 as unknown as ['split'] })).toThrow('RequestRefundConstraints.shapes must be a list of reverse, amount, split, not number');
  });

  it('partialRefundSplitsArbitrary with maxRefunds under 1 or not whole', () => {
    const shares = { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 900 }] };
    for (const maxRefunds of [0, 1.5, -1]) expect(() => partialRefundSplitsArbitrary(shares, { maxRefunds })).toThrow(`PartialRefundSplitsConstraints.maxRefunds must be a whole number, 1 or more, got ${maxRefunds}`);
    expect(sample(partialRefundSplitsArbitrary(shares, { maxRefunds: 1 })).every((refunds) => refunds.length <= 1)).toBe(true);
  });
});

describe('LedgerConfigConstraints are checked, not clamped without a word', () => {
  const counts = (config: { merchants: readonly { type: string }[] }) => [config.merchants.filter((merchant) => merchant.type === 'payout').length, config.merchants.filter((merchant) => merchant.type === 'seller').length];

  it('a minimum above its maximum, above the ids there are, or not a whole number 0 or more, throws', () => {
    expect(() => ledgerConfigArbitrary({ minPayoutMerchants: 3, maxPayoutMerchants: 2 })).toThrow('LedgerConfigConstraints.minPayoutMerchants (3) must not be above maxPayoutMerchants (2)');
    expect(() => ledgerConfigArbitrary({ minSellers: 5 })).toThrow('LedgerConfigConstraints.minSellers is 5, but ids has only 2 seller ids');
    expect(() => ledgerConfigArbitrary({ minPayoutMerchants: -2 })).toThrow('LedgerConfigConstraints.minPayoutMerchants must be a whole number, 0 or more, got -2');
    expect(() => ledgerConfigArbitrary({ maxSellers: 1.5 })).toThrow('LedgerConfigConstraints.maxSellers must be a whole number, 0 or more, got 1.5');
  });

  it('a minimum above the default maximum raises it; a maximum above the ids is that many; every drawn configuration is accepted', () => {
    const ids = { ...TESTING_MERCHANT_IDS, sellers: ['s-1', 's-2', 's-3'] };
    for (const config of sample(ledgerConfigArbitrary({ ids, minSellers: 3, minPayoutMerchants: 2, maxPayoutMerchants: 9 }), 100)) {
      const [payout, sellers] = counts(config);
      expect([payout !== undefined && payout >= 2 && payout <= 4, sellers]).toEqual([true, 3]);
      expect(createLedger(config).ok).toBe(true);
    }
    // A maximum of 0 alone draws none (review 217: the default minimum 1 was then refused as above it).
    for (const config of sample(ledgerConfigArbitrary({ maxSellers: 0, maxPayoutMerchants: 0 }), 20)) {
      expect(counts(config)).toEqual([0, 0]);
      expect(createLedger(config).ok).toBe(true);
    }
    // ids with no sellers, no counts given: none drawn, not a minSellers refused (review 219).
    const noSellers = { ...TESTING_MERCHANT_IDS, sellers: [] };
    for (const maxSellers of [undefined, 5]) {
      for (const config of sample(ledgerConfigArbitrary({ ids: noSellers, ...(maxSellers === undefined ? {} : { maxSellers }) }), 20)) expect(counts(config)[1]).toBe(0);
    }
    // The defaults draw as before: 1 to 4 payout merchants, 1 or 2 sellers.
    const drawn = sample(ledgerConfigArbitrary(), 300).map((config) => counts(config));
    expect(new Set(drawn.map(([payout]) => payout))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(drawn.map(([, sellers]) => sellers))).toEqual(new Set([1, 2]));
  });
});

describe('what the arbitraries shrink to, and how far implausible goes (review 241)', () => {
  it('a property that fails for every marketplace transfer shrinks to the first payout merchant, pm-1, from every seed', () => {
    const transfers = transferBalanceCommandArbitrary({ implausibleWeight: 0, idempotencyKeys: [] }).filter((command) => command.merchant === TESTING_MERCHANT_IDS.marketplace);
    for (let seed = 0; seed < 30; seed += 1) {
      const run = fc.check(fc.property(transfers, () => false), { seed });
      const command = run.counterexample?.[0] as TransferBalanceCommand | undefined;
      expect([seed, command?.from === 'mkt' ? command.to : command?.from]).toEqual([seed, 'pm-1']);
    }
  });

  it('an implausible transfer asks for more than every payment and session of the pools could bring in, whatever maxAmount is', () => {
    for (const maxAmount of [100_000, 5_000_000_000, 2 ** 50, Number.MAX_SAFE_INTEGER]) {
      const bound = Math.min(2 ** 53, Math.max(1_000_000_000, 5 * maxAmount + 1));
      const huge = sample(transferBalanceCommandArbitrary({ maxAmount, implausibleWeight: 5 }), 500).filter((command) => command.amount > 10_000);
      expect(huge.length).toBeGreaterThan(0);
      expect([maxAmount, [...new Set(huge.map((command) => command.amount))]]).toEqual([maxAmount, [bound]]);
    }
  });
});
