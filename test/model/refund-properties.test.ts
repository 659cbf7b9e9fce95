import fc from 'fast-check';
import { deepStrictEqual } from 'node:assert/strict';
import { describe, expect, it } from 'vitest';
import {
  availableBalance,
  CompactEntryDecoder,
  createLedger,
  journalNdjsonLines,
  parseJournalEntry,
  postedBalance,
  replayJournal,
  type Command,
  type Entry,
  type Ledger,
  type LedgerConfig,
  type LedgerStateView,
  type Payment,
} from '@kanjo/ledger';
import type { RefundLine, SplitLine } from '@kanjo/splits';
import { bankAccountArbitrary, ledgerConfigArbitrary, partialRefundSplitsArbitrary, refundPaymentCommandArbitrary, requestRefundCommandArbitrary } from '@kanjo/ledger/testing';
import { checkRefundedWithinShares, takeSnapshot } from './invariants.js';
import { parsePercent, timesRounded, timesRoundedHalfUp } from './reference-model.js';

// Dedicated properties from issue 5, each on a payment built to make the property bite, beside
// the model run: partial refunds then a reverse refund undo a capture except for its fees; a
// refused refund changes nothing; pending refund requests never overdraw a balance; seller-model
// requests settled in any order keep the completed parts on the curve and the holds re-estimated.

const CUSHION = 10_000_000;

/** A valid customer bank account for requests whose account is not what is being tested. */
const BANK = { customerName: 'ヤマダタロウ', bankName: '青森銀行', bankCode: '0117', branchName: '東京支店', branchNumber: '921', accountType: 'ordinary', accountNumber: '1234567' };

/** An executed command that must be accepted. */
function run(ledger: Ledger, command: Command): void {
  const result = ledger.execute(command);
  if (!result.ok) throw new Error(`${JSON.stringify(command)} was refused: ${result.error.code} ${result.error.message}`);
}

function activePayoutMerchants(config: LedgerConfig): string[] {
  return config.merchants.filter((merchant) => merchant.type === 'payout' && (merchant.status ?? 'active') === 'active').map((merchant) => merchant.id);
}

/** Active sellers that take cards. */
function cardSellers(config: LedgerConfig): string[] {
  return config.merchants
    .filter((merchant) => merchant.type === 'seller' && (merchant.status ?? 'active') === 'active' && (merchant.paymentTypes?.includes('credit_card') ?? true))
    .map((merchant) => merchant.id);
}

/** Active sellers that take Konbini (refunded by refund request). */
function konbiniSellers(config: LedgerConfig): string[] {
  return config.merchants
    .filter((merchant) => merchant.type === 'seller' && (merchant.status ?? 'active') === 'active' && (merchant.paymentTypes?.includes('konbini') ?? true))
    .map((merchant) => merchant.id);
}

/**
 * A seller-model payment amount: any, or an even one (a multiple of 10 half the time), so that
 * {@link platformAmountArbitrary}'s half and tenth are exact and cumulative refunds land on
 * exact halves (R × p / A = k + 0.5), where round-half-up differs from the other roundings.
 * Drawn from any amount alone, a tie came up in 2% of the seller refund runs.
 */
const sellerAmountArbitrary = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }),
  fc.integer({ min: 1, max: 50_000 }).map((half) => half * 2),
  fc.integer({ min: 1, max: 10_000 }).map((tenth) => tenth * 10),
);

/**
 * The platform's part of a seller-model payment of `amount`: a tenth, half, none, all of it or
 * anything between. A half of an even amount puts every odd cumulative refund on an exact half.
 */
function platformAmountArbitrary(amount: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constant(Math.floor(amount / 10)), fc.constant(Math.floor(amount / 2)), fc.constant(0), fc.constant(amount), fc.integer({ min: 0, max: amount }));
}

/** One step of a seller-model refund request history. */
type RequestStep =
  | { readonly kind: 'request'; readonly amount: number; readonly withCustomerFee: boolean }
  | { readonly kind: 'complete' | 'reject'; readonly pick: number }
  /** Transfer all of a party's available balance to the other: completions then have no slack. */
  | { readonly kind: 'drain'; readonly from: 'platform' | 'seller' };

/**
 * A seller Konbini payment (any amount, platform_amount anywhere from 0 to all of it) and a
 * history of refund requests of random amounts, completed and rejected in random order, with
 * now and then a party's whole available balance transferred away.
 */
const sellerRequestCase = ledgerConfigArbitrary()
  .filter((config) => konbiniSellers(config).length > 0)
  .chain((config) =>
    fc.oneof(fc.integer({ min: 1, max: 60 }), sellerAmountArbitrary, fc.constant(50_000)).chain((amount) =>
      fc.record({
        config: fc.constant(config),
        seller: fc.constantFrom(...konbiniSellers(config)),
        amount: fc.constant(amount),
        platformAmount: platformAmountArbitrary(amount),
        steps: fc.array(
          fc.oneof(
            {
              weight: 4,
              arbitrary: fc.record({
                kind: fc.constant('request' as const),
                amount: fc.oneof(fc.integer({ min: 1, max: Math.min(amount, 9) }), fc.integer({ min: 1, max: Math.max(1, Math.floor(amount / 3)) })),
                // Rarely: a second request for the customer fee is refused.
                withCustomerFee: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 5, arbitrary: fc.constant(false) }),
              }),
            },
            { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('complete' as const, 'reject' as const), pick: fc.nat() }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('drain' as const), from: fc.constantFrom('platform' as const, 'seller' as const) }) },
          ),
          { minLength: 4, maxLength: 30, size: 'max' },
        ),
      }),
    ),
  );

/** What replaying the exported NDJSON journal must give back: the state a command can change. */
function foldedState(state: LedgerStateView): unknown {
  const table = (byMerchant: LedgerStateView['balances']): string[] =>
    [...byMerchant].flatMap(([merchant, byCurrency]) => [...byCurrency].filter(([, value]) => value !== 0).map(([currency, value]) => `${merchant} ${currency} ${value}`)).sort();
  return { balances: table(state.balances), holds: table(state.holds), payments: state.payments, refundRequests: state.refundRequests, lastAt: state.lastAt };
}

/**
 * The ledger rebuilt from its journal exported as NDJSON and parsed back line by line, in the
 * `format` given: the compact default (read as `kanjo reconcile` does) or the objects format.
 */
function replayedFromNdjson(config: LedgerConfig, journal: readonly Entry[], format: 'compact' | 'objects' = 'compact'): Ledger {
  const [header = '', ...lines] = [...journalNdjsonLines(config, journal, format)];
  const opened = format === 'compact' ? CompactEntryDecoder.fromHeader(JSON.parse(header)) : undefined;
  if (opened !== undefined && !opened.ok) throw new Error(opened.error.message);
  const entries = lines.map((line, index) => {
    const parsed = opened === undefined ? parseJournalEntry(JSON.parse(line), index + 2) : opened.value.decoder.decodeText(line.trimEnd(), index + 2);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  });
  const replayed = replayJournal(config, entries);
  if (!replayed.ok) throw new Error(`replay refused: ${replayed.error.message}`);
  return replayed.value;
}

/** Split lines over `ids` (distinct, 1 to all of them) adding up to exactly `amount`. */
function splitArbitrary(ids: readonly string[], amount: number): fc.Arbitrary<SplitLine[]> {
  return fc
    .shuffledSubarray([...ids], { minLength: 1, maxLength: Math.min(ids.length, amount) })
    .chain((chosen) =>
      fc.tuple(fc.constant(chosen), fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, amount - 1) }), { minLength: chosen.length - 1, maxLength: chosen.length - 1 })),
    )
    .chain(([chosen, cuts]) => {
      const points = [0, ...[...cuts].sort((a, b) => a - b), amount];
      const amounts = chosen.map((_, index) => (points[index + 1] as number) - (points[index] as number));
      return fc
        .tuple(...amounts.map((lineAmount) => fc.oneof(fc.constant(0), fc.constant(lineAmount), fc.integer({ min: 0, max: lineAmount }))))
        .map((fees) => chosen.map((submerchantId, index): SplitLine => ({ submerchantId, amount: amounts[index] as number, platformFee: fees[index] as number })));
    });
}

/**
 * The platform's processing fee and its tax on `amount`, computed naively from the configuration
 * (its rate, fixed part, tax rate and rounding).
 */
function processingFeeWithTax(config: LedgerConfig, platform: string, paymentType: string, amount: number): number {
  const merchant = config.merchants.find((candidate) => candidate.id === platform);
  if (merchant?.type !== 'platform') throw new Error(`no platform ${platform}`);
  const method = merchant.paymentMethods[paymentType];
  if (method === undefined) throw new Error(`${platform} has no ${paymentType}`);
  const rate = parsePercent(method.feeRate);
  const tax = parsePercent(config.taxRate ?? '10%');
  const rounding = config.rounding ?? 'half_up';
  const fee = timesRounded(amount, rate.numerator, rate.denominator, rounding) + (method.fixedFee ?? 0);
  return fee + timesRounded(fee, tax.numerator, tax.denominator, rounding);
}

function taxed(config: LedgerConfig, fee: number): number {
  const tax = parsePercent(config.taxRate ?? '10%');
  return fee + timesRounded(fee, tax.numerator, tax.denominator, config.rounding ?? 'half_up');
}

function balancesOf(ledger: Ledger, merchants: readonly string[], currency: string): Map<string, number> {
  return new Map(merchants.map((merchant) => [merchant, postedBalance(ledger.state, merchant, currency)]));
}

function paymentOf(ledger: Ledger, id: string): Payment {
  const payment = ledger.state.payments.get(id);
  if (payment === undefined) throw new Error(`no payment ${id}`);
  return payment;
}

/** A marketplace with money everywhere: the platform holds a cushion, each payout merchant something. */
function marketplaceWithBalances(config: LedgerConfig, payoutMerchants: readonly string[], startingBalances: readonly number[]): Ledger {
  const created = createLedger(config);
  if (!created.ok) throw new Error(created.error.message);
  const ledger = created.value;
  run(ledger, {
    op: 'payment.create',
    id: 'cushion',
    merchant: 'mkt',
    amount: CUSHION,
    currency: 'JPY',
    paymentType: 'credit_card',
    split: [{ submerchantId: payoutMerchants[0] as string, amount: CUSHION, platformFee: CUSHION }],
  });
  payoutMerchants.forEach((merchant, index) => {
    const amount = startingBalances[index] ?? 0;
    if (amount > 0) run(ledger, { op: 'balance.transfer', merchant: 'mkt', from: 'mkt', to: merchant, amount, currency: 'JPY' });
  });
  return ledger;
}

const marketplaceCase = ledgerConfigArbitrary().chain((config) => {
  const payoutMerchants = activePayoutMerchants(config);
  return fc.record({
    config: fc.constant(config),
    payoutMerchants: fc.constant(payoutMerchants),
    startingBalances: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })), { minLength: payoutMerchants.length, maxLength: payoutMerchants.length }),
    amount: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(1000, 10_000)),
  });
}).chain((drawn) => fc.tuple(fc.constant(drawn), splitArbitrary(drawn.payoutMerchants, drawn.amount)));

describe('refund properties (issue 5)', () => {
  it('any sequence of partial refunds then a reverse refund leaves every party where it was before the capture, less the fees never returned (marketplace, refund)', () => {
    fc.assert(
      fc.property(
        marketplaceCase.chain(([drawn, split]) => {
          const shares = sharesOf(drawn.amount, split);
          return fc.tuple(fc.constant(drawn), fc.constant(split), fc.constantFrom('credit_card', 'paypay'), partialRefundSplitsArbitrary({ platform: shares.platform, submerchants: shares.submerchants }, { maxRefunds: 6 }));
        }),
        ([{ config, payoutMerchants, startingBalances, amount }, split, paymentType, refunds]) => {
          const ledger = marketplaceWithBalances(config, payoutMerchants, startingBalances);
          const parties = ['mkt', ...payoutMerchants];
          const before = balancesOf(ledger, parties, 'JPY');
          run(ledger, { op: 'payment.create', id: 'pay', merchant: 'mkt', amount, currency: 'JPY', paymentType, split });
          for (const lines of refunds) {
            const refundAmount = lines.reduce((sum, line) => sum + line.amount + line.platformFee, 0);
            if (refundAmount === leftOf(paymentOf(ledger, 'pay'))) break; // that one would be the whole rest: the reverse refund below
            run(ledger, { op: 'payment.refund', payment: 'pay', amount: refundAmount, split: lines });
          }
          run(ledger, { op: 'payment.refund', payment: 'pay' });

          const after = balancesOf(ledger, parties, 'JPY');
          const fees = processingFeeWithTax(config, 'mkt', paymentType, amount);
          for (const party of parties) expect(after.get(party), party).toBe((before.get(party) ?? 0) - (party === 'mkt' ? fees : 0));
          const payment = paymentOf(ledger, 'pay');
          expect(payment.status).toBe('refunded');
          expect(payment.refundedAmount).toBe(amount);
          deepStrictEqual(payment.refunded, { platform: payment.shares.platform, submerchants: payment.shares.submerchants.map((share) => ({ submerchantId: share.submerchantId, amount: share.share })) });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any sequence of partial refund requests then a reverse one, all completed, leaves every party where it was, less the fees never returned (marketplace, Konbini)', () => {
    fc.assert(
      fc.property(
        marketplaceCase.chain(([drawn, split]) => {
          const shares = sharesOf(drawn.amount, split);
          return fc.tuple(
            fc.constant(drawn),
            fc.constant(split),
            partialRefundSplitsArbitrary({ platform: shares.platform, submerchants: shares.submerchants }, { maxRefunds: 4 }),
            fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
            bankAccountArbitrary(),
          );
        }),
        ([{ config, payoutMerchants, startingBalances, amount }, split, refunds, withCustomerFee, bankAccount]) => {
          const ledger = marketplaceWithBalances(config, payoutMerchants, startingBalances);
          const parties = ['mkt', ...payoutMerchants];
          const before = balancesOf(ledger, parties, 'JPY');
          run(ledger, { op: 'payment.create', id: 'pay', merchant: 'mkt', amount, currency: 'JPY', paymentType: 'konbini', split });
          run(ledger, { op: 'payment.capture', payment: 'pay' });
          let requests = 0;
          let customerFeeRefunded = false;
          const request = (index: number, shape: { amount?: number; split?: RefundLine[] }): void => {
            const include = withCustomerFee[index] ?? false;
            run(ledger, { op: 'payment.refund_request', id: `rr-${index}`, payment: 'pay', includePaymentMethodFee: include, bankAccount, ...shape });
            run(ledger, { op: 'refund_request.complete', refundRequest: `rr-${index}` });
            requests += 1;
            if (include) customerFeeRefunded = true;
          };
          refunds.forEach((lines, index) => {
            const refundAmount = lines.reduce((sum, line) => sum + line.amount + line.platformFee, 0);
            if (refundAmount === leftOf(paymentOf(ledger, 'pay'))) return;
            // Once the customer fee is refunded, asking again is refused: leave it out.
            request(index, { amount: refundAmount, split: lines });
            if (customerFeeRefunded) withCustomerFee.fill(false);
          });
          request(refunds.length, {});

          const after = balancesOf(ledger, parties, 'JPY');
          const konbini = config.merchants.find((merchant) => merchant.id === 'mkt');
          const customerFee = konbini?.type === 'platform' ? (konbini.paymentMethods['konbini']?.customerFee ?? 0) : 0;
          const fees =
            processingFeeWithTax(config, 'mkt', 'konbini', amount) +
            requests * taxed(config, config.refundRequestFee ?? 300) +
            (customerFeeRefunded && customerFee > 0 ? taxed(config, customerFee) : 0);
          for (const party of parties) expect(after.get(party), party).toBe((before.get(party) ?? 0) - (party === 'mkt' ? fees : 0));
          expect(paymentOf(ledger, 'pay').status).toBe('refunded');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('any sequence of partial refunds then a reverse refund leaves seller and platform where they were, less the fees; each cumulative platform part is round-half-up(R × p / A) (seller model)', () => {
    const sellerCase = ledgerConfigArbitrary().filter((config) => cardSellers(config).length > 0).chain((config) =>
      sellerAmountArbitrary
        .chain((amount) =>
          fc.record({
            config: fc.constant(config),
            seller: fc.constantFrom(...cardSellers(config)),
            amount: fc.constant(amount),
            platformAmount: platformAmountArbitrary(amount),
            refunds: fc.array(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: Math.max(1, Math.floor(amount / 4)) })), { maxLength: 12, size: 'max' }),
          }),
        ),
    );
    fc.assert(
      fc.property(sellerCase, ({ config, seller, amount, platformAmount, refunds }) => {
        const created = createLedger(config);
        if (!created.ok) throw new Error(created.error.message);
        const ledger = created.value;
        // The platform's cushion: a payment of its own, all of it platform_amount.
        run(ledger, { op: 'payment.create', id: 'cushion', merchant: 'plat', as: seller, amount: CUSHION, currency: 'JPY', paymentType: 'credit_card', platformAmount: CUSHION, platformMerchant: 'plat' });
        const before = balancesOf(ledger, ['plat', seller], 'JPY');
        run(ledger, { op: 'payment.create', id: 'pay', merchant: 'plat', as: seller, amount, currency: 'JPY', paymentType: 'credit_card', platformAmount, platformMerchant: 'plat' });
        let refunded = 0;
        for (const refund of refunds) {
          if (refunded + refund >= amount) break;
          run(ledger, { op: 'payment.refund', payment: 'pay', amount: refund });
          refunded += refund;
          const exact = timesRoundedHalfUp(refunded, BigInt(platformAmount), BigInt(amount));
          expect(paymentOf(ledger, 'pay').refunded.platform, `platform's part after ${refunded}`).toBe(exact);
        }
        run(ledger, { op: 'payment.refund', payment: 'pay' });
        const after = balancesOf(ledger, ['plat', seller], 'JPY');
        expect(after.get(seller)).toBe(before.get(seller));
        expect(after.get('plat')).toBe((before.get('plat') ?? 0) - processingFeeWithTax(config, 'plat', 'credit_card', amount));
        expect(paymentOf(ledger, 'pay').refunded.platform).toBe(platformAmount);
      }),
      { numRuns: 300 },
    );
  });

  it('seller model, refund requests completed and rejected in any order: after every command the completed cumulative platform part is round-half-up(R_completed × p / A), no party gives back more than its share, every pending request holds the cost of its re-estimated parts (the requests before it counted as given back), a completion always posts and leaves every available balance unchanged, a rejection never lowers one, and replaying the exported journal gives the live state', () => {
    fc.assert(
      fc.property(sellerRequestCase, ({ config, seller, amount, platformAmount, steps }) => {
        const created = createLedger(config);
        if (!created.ok) throw new Error(created.error.message);
        const ledger = created.value;
        const asSeller = { merchant: 'plat', as: seller, currency: 'JPY', paymentType: 'konbini', platformMerchant: 'plat' } as const;
        // The platform's cushion for the Refund Fees: a Konbini payment all of it platform_amount.
        run(ledger, { op: 'payment.create', id: 'cushion', ...asSeller, amount: CUSHION, platformAmount: CUSHION });
        run(ledger, { op: 'payment.capture', payment: 'cushion' });
        run(ledger, { op: 'payment.create', id: 'pay', ...asSeller, amount, platformAmount });
        run(ledger, { op: 'payment.capture', payment: 'pay' });
        const curve = (refunded: number): number => timesRoundedHalfUp(refunded, BigInt(platformAmount), BigInt(amount));
        const parties = ['plat', seller];
        const availableOf = (): number[] => parties.map((party) => availableBalance(ledger.state, party, 'JPY'));
        const pending: string[] = []; // in the order they were made
        let made = 0;

        for (const step of steps) {
          let command: Command;
          if (step.kind === 'request') {
            command = { op: 'payment.refund_request', id: `rr-${made}`, payment: 'pay', amount: step.amount, includePaymentMethodFee: step.withCustomerFee, bankAccount: BANK };
            made += 1;
          } else if (step.kind === 'drain') {
            const [from, to] = step.from === 'platform' ? ['plat', seller] : [seller, 'plat'];
            const all = availableBalance(ledger.state, from as string, 'JPY');
            if (all <= 0) continue;
            command = { op: 'balance.transfer', merchant: 'plat', from: from as string, to: to as string, amount: all, currency: 'JPY' };
          } else {
            if (pending.length === 0) continue;
            const [id] = pending.splice(step.pick % pending.length, 1);
            command = { op: step.kind === 'complete' ? 'refund_request.complete' : 'refund_request.reject', refundRequest: id as string };
          }
          const before = availableOf();
          const result = ledger.execute(command);
          const what = `${JSON.stringify(command)} → ${result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`}`;
          if (step.kind !== 'request') expect(result.ok, what).toBe(true);
          else if (result.ok) pending.push(command.op === 'payment.refund_request' ? command.id : '');

          const payment = paymentOf(ledger, 'pay');
          expect(payment.refunded.platform, `completed platform part after ${what}`).toBe(curve(payment.refundedAmount));
          checkRefundedWithinShares(payment);
          // Each pending request, in the order made, holds what it costs if it completes next.
          const expectedHolds = new Map(parties.map((party) => [party, 0]));
          let refunded = payment.refundedAmount;
          for (const id of pending) {
            const request = ledger.state.refundRequests.get(id);
            expect(request?.status, id).toBe('pending');
            if (request === undefined) continue;
            const platformPart = curve(refunded + request.amount) - curve(refunded);
            refunded += request.amount;
            const fees = request.refundFee.fee.amount + request.refundFee.tax.amount + (request.refundedCustomerFee === undefined ? 0 : request.refundedCustomerFee.fee.amount + request.refundedCustomerFee.tax.amount);
            const costs: [string, number][] = [['plat', platformPart + fees], [seller, request.amount - platformPart]];
            expect({ id, parts: request.parts, holds: request.holds }, what).toEqual({
              id,
              parts: { platform: platformPart, submerchants: [{ submerchantId: seller, amount: request.amount - platformPart }] },
              holds: costs.filter(([, cost]) => cost > 0).map(([merchant, cost]) => ({ merchant, amount: cost })),
            });
            for (const [merchant, cost] of costs) expectedHolds.set(merchant, (expectedHolds.get(merchant) ?? 0) + cost);
          }
          expect(payment.pendingRefundAmount).toBe(refunded - payment.refundedAmount);
          expect(parties.map((party) => ledger.state.holds.get(party)?.get('JPY') ?? 0), `holds after ${what}`).toEqual(parties.map((party) => expectedHolds.get(party)));
          if (command.op === 'refund_request.complete') expect(availableOf(), `available after ${what}`).toEqual(before);
          if (command.op === 'refund_request.reject') availableOf().forEach((after, index) => expect(after, `${parties[index] as string} after ${what}`).toBeGreaterThanOrEqual(before[index] as number));
          deepStrictEqual(foldedState(replayedFromNdjson(config, ledger.journal).state), foldedState(ledger.state), `replay after ${what}`);
          deepStrictEqual(foldedState(replayedFromNdjson(config, ledger.journal, 'objects').state), foldedState(ledger.state), `replay of the objects format after ${what}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a refused refund or refund request changes nothing', () => {
    // Counted over the whole run: the property must actually meet refusals, for want of balance among them.
    const refusals = new Map<string, number>();
    fc.assert(
      fc.property(
        marketplaceCase,
        fc.constantFrom('credit_card', 'konbini'),
        fc.array(fc.oneof(refundPaymentCommandArbitrary({ implausibleWeight: 3, idempotencyKeys: [] }), requestRefundCommandArbitrary({ implausibleWeight: 3, idempotencyKeys: [] })), { minLength: 1, maxLength: 12 }),
        // How much of the platform's balance to move away: often all of it (the platform then
        // cannot cover its part, and refunds are refused for want of balance: a direct refund
        // never was, drained uniformly), else any amount.
        fc.oneof(fc.constant(CUSHION + 1_000_000), fc.integer({ min: 0, max: CUSHION + 1_000_000 })),
        ([{ config, payoutMerchants, startingBalances, amount }, split], paymentType, refunds, drained) => {
          const ledger = marketplaceWithBalances(config, payoutMerchants, startingBalances);
          run(ledger, { op: 'payment.create', id: 'pay', merchant: 'mkt', amount, currency: 'JPY', paymentType, split });
          if (paymentType === 'konbini') run(ledger, { op: 'payment.capture', payment: 'pay' });
          // Drain the platform now and then, so refunds also fail for want of balance.
          const available = availableBalance(ledger.state, 'mkt', 'JPY');
          if (drained > 0 && available > 0) run(ledger, { op: 'balance.transfer', merchant: 'mkt', from: 'mkt', to: payoutMerchants[0] as string, amount: Math.min(drained, available), currency: 'JPY' });
          for (const refund of refunds) {
            const before = takeSnapshot(ledger);
            const result = ledger.execute({ ...refund, payment: 'pay' });
            if (result.ok) continue;
            refusals.set(result.error.code, (refusals.get(result.error.code) ?? 0) + 1);
            const after = takeSnapshot(ledger);
            deepStrictEqual(after, before, `${JSON.stringify(refund)} was refused (${result.error.code}) but changed the state`);
          }
          const replayed = replayJournal(config, ledger.journal);
          expect(replayed.ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
    // About 1,300 refusals of 28 codes in a run (measured); floors far below, so that only a
    // generator that stopped reaching them fails.
    expect([...refusals.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThan(200);
    expect(refusals.get('insufficient_balance') ?? 0).toBeGreaterThan(0);
  });

  it('two pending refund requests never overdraw a balance: available = posted − held never goes below zero because of requests', () => {
    fc.assert(
      fc.property(
        marketplaceCase.chain(([drawn, split]) => {
          const shares = sharesOf(drawn.amount, split);
          return fc.tuple(
            fc.constant(drawn),
            fc.constant(split),
            // Two requests drawn as if each were alone: together they may ask too much.
            partialRefundSplitsArbitrary({ platform: shares.platform, submerchants: shares.submerchants }, { maxRefunds: 1 }),
            partialRefundSplitsArbitrary({ platform: shares.platform, submerchants: shares.submerchants }, { maxRefunds: 1 }),
            // Per mille of each payout merchant's available balance to move away: none, all, or
            // any part. (Drawn as up to ¥100,000 it drained nearly everyone: the first request
            // was refused for want of balance in 70% of the runs.)
            fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1000) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 1000 }) }), { minLength: 4, maxLength: 4 }),
            fc.boolean(),
            bankAccountArbitrary(),
            // The platform's own money besides the payment: none, about one request's fees (so
            // the second request must not rely on what the first holds), or enough for both.
            // Without it the platform could not pay the Refund Fee: both requests were accepted
            // in 10% of the runs only, the first refused for want of balance in 70%.
            fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 1500 }) }, { weight: 3, arbitrary: fc.constant(5000) }),
          );
        }),
        ([{ config, payoutMerchants, amount }, split, [first], [second], takenAway, completeSecondFirst, bankAccount, platformCushion]) => {
          // No starting balances and a small cushion: the payment is most of what everyone has.
          const created = createLedger(config);
          if (!created.ok) throw new Error(created.error.message);
          const ledger = created.value;
          if (platformCushion > 0) {
            const to = payoutMerchants[0] as string;
            run(ledger, { op: 'payment.create', id: 'cushion', merchant: 'mkt', amount: platformCushion, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: to, amount: platformCushion, platformFee: platformCushion }] });
          }
          run(ledger, { op: 'payment.create', id: 'pay', merchant: 'mkt', amount, currency: 'JPY', paymentType: 'konbini', split });
          run(ledger, { op: 'payment.capture', payment: 'pay' });
          const parties = ['mkt', ...payoutMerchants];
          // Move some balance away from each party that has some, to make the requests tight.
          payoutMerchants.forEach((merchant, index) => {
            const available = availableBalance(ledger.state, merchant, 'JPY');
            const take = Math.floor((Math.max(0, available) * (takenAway[index] ?? 0)) / 1000);
            if (take > 0) run(ledger, { op: 'balance.transfer', merchant: 'mkt', from: merchant, to: 'mkt', amount: take, currency: 'JPY' });
          });
          const availableBefore = new Map(parties.map((party) => [party, availableBalance(ledger.state, party, 'JPY')]));
          const requested: string[] = [];
          for (const [index, lines] of [first, second].entries()) {
            if (lines === undefined) continue;
            const refundAmount = lines.reduce((sum, line) => sum + line.amount + line.platformFee, 0);
            const result = ledger.execute({ op: 'payment.refund_request', id: `rr-${index}`, payment: 'pay', amount: refundAmount, split: lines, includePaymentMethodFee: index === 0, bankAccount });
            if (result.ok) requested.push(`rr-${index}`);
            for (const party of parties) {
              const available = availableBalance(ledger.state, party, 'JPY');
              const was = availableBefore.get(party) ?? 0;
              // A request only ever holds what is available: it never takes a party below zero,
              // and a party already below zero (the platform after its fees) is never held further.
              if (available < was) expect(available, `${party} after request ${index}`).toBeGreaterThanOrEqual(0);
            }
          }
          // What is held cannot be transferred away.
          for (const party of payoutMerchants) {
            const available = availableBalance(ledger.state, party, 'JPY');
            const result = ledger.execute({ op: 'balance.transfer', merchant: 'mkt', from: party, to: 'mkt', amount: Math.max(1, available + 1), currency: 'JPY' });
            expect(result.ok, `${party} transferring more than its available ${available}`).toBe(false);
          }
          for (const id of completeSecondFirst ? [...requested].reverse() : requested) {
            const availableBeforeCompletion = new Map(parties.map((party) => [party, availableBalance(ledger.state, party, 'JPY')]));
            run(ledger, { op: 'refund_request.complete', refundRequest: id });
            for (const party of parties) {
              expect(availableBalance(ledger.state, party, 'JPY'), `${party} after completing ${id}`).toBe(availableBeforeCompletion.get(party));
              if (party !== 'mkt') expect(postedBalance(ledger.state, party, 'JPY'), `${party} posted after completing ${id}`).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

function sharesOf(amount: number, split: readonly SplitLine[]): { platform: number; submerchants: { submerchantId: string; share: number }[] } {
  const submerchants = split.map((line) => ({ submerchantId: line.submerchantId, share: line.amount - line.platformFee }));
  return { platform: amount - submerchants.reduce((sum, share) => sum + share.share, 0), submerchants };
}

function leftOf(payment: Payment): number {
  return payment.capturedAmount - payment.refundedAmount - payment.pendingRefundAmount - payment.chargebackAmount;
}
