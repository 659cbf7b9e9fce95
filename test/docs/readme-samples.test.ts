import { buildFeeSchedule, customerFee, processingFee, processingFeeCalculator, refundRequestFee } from '@kanjo/fees';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactEntryDecoder, createLedger, journalNdjsonLines, merchantBalances, merchantRecords, parseJournalEntry, replayJournal, type Command, type Ledger, type LedgerConfig } from '@kanjo/ledger';
import {
  CURRENCY_EXPONENTS,
  currencyExponent,
  decimalAmount,
  isCurrency,
  marketplaceShares,
  parseAmount,
  proportionalRefund,
  remainingShares,
  reverseRefundParts,
  sumAmounts,
  twoPartyRefund,
  unwrap,
  validateMarketplaceSplit,
  validateNonReverseRefund,
} from '@kanjo/splits';
import {
  capturePaymentCommandArbitrary,
  chargebackPaymentCommandArbitrary,
  createPaymentCommandArbitrary,
  ledgerConfigArbitrary,
  refundPaymentCommandArbitrary,
  TESTING_MERCHANT_IDS,
} from '@kanjo/ledger/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readmeLedger } from '../support/readme-ledger.js';

/**
 * The code samples of the packages' READMEs, run as written, with the outcomes their comments
 * promise. A change to the public API that breaks a sample (a field renamed, a return shape
 * changed) fails here; change the README with the test.
 */

describe('packages/ledger/README.md: the opening sample', () => {
  it('captures ¥1,000 split 700/70 and 300/30 and leaves 60 / 630 / 270', () => {
    const created = createLedger({
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
        { id: 'pm1', type: 'payout', platform: 'mart' },
        { id: 'pm2', type: 'payout', platform: 'mart' },
      ],
    });
    if (!created.ok) throw new Error(created.error.message);
    const ledger = created.value;

    const result = ledger.execute({
      op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card',
      split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.entry.seq).toBe(1);
    expect(result.entry.events).toEqual([{ type: 'payment.captured', payment: 'pay_1', session: undefined }]);
    expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
    expect([...new Set(merchantRecords(ledger.journal).map((record) => record.type))]).toEqual([
      'Payment',
      'Payment Transfer',
      'Platform Fee',
      'Processing Fee',
      'Processing Fee Tax',
    ]);
  });
});

describe('packages/ledger/README.md: exporting and replaying the journal', () => {
  const { config } = readmeLedger();
  const liveLedger = (): Ledger => readmeLedger().ledger;

  it('writes the compact journal, whose lines end in their newline, and replays it to the live balances', () => {
    const ledger = liveLedger();
    const directory = mkdtempSync(join(tmpdir(), 'kanjo-readme-'));
    try {
      const file = join(directory, 'journal.ndjson');
      writeFileSync(file, [...journalNdjsonLines(config, ledger.journal)].join(''));
      expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3); // header, one entry, and the last line's newline

      const [header = '', ...lines] = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
      const opened = CompactEntryDecoder.fromHeader(JSON.parse(header));
      if (!opened.ok) throw new Error(opened.error.message);
      const entries = lines.map((line, index) => {
        const decoded = opened.value.decoder.decodeText(line, index + 2);
        if (!decoded.ok) throw new Error(decoded.error.message);
        return decoded.value;
      });
      const replayed = replayJournal(opened.value.config, entries);
      if (!replayed.ok) throw new Error(replayed.error.message);
      expect(merchantBalances(replayed.value.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
      expect(merchantBalances(replayed.value.state)).toEqual(merchantBalances(ledger.state));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("the objects format replays through parseJournalEntry, as the sample's comment says", () => {
    const ledger = liveLedger();
    const [header = '', ...lines] = [...journalNdjsonLines(config, ledger.journal, 'objects')].join('').split('\n').filter((line) => line !== '');
    const entries = lines.map((line, index) => {
      const parsed = parseJournalEntry(JSON.parse(line), index + 2);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
    const replayed = replayJournal((JSON.parse(header) as { config: LedgerConfig }).config, entries);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(merchantBalances(replayed.value.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
  });
});

describe('packages/ledger/README.md: a property of your own with the testing helpers', () => {
  const commands = fc.array(
    fc.oneof(createPaymentCommandArbitrary(), capturePaymentCommandArbitrary(), refundPaymentCommandArbitrary(), chargebackPaymentCommandArbitrary()),
    { minLength: 10, maxLength: 40 },
  );

  it('holds as written: the journal replays to the balances the live ledger holds', () => {
    fc.assert(
      fc.property(ledgerConfigArbitrary(), commands, (config, drawn) => {
        const created = createLedger(config);
        if (!created.ok) throw new Error(created.error.message);
        const ledger = created.value;
        for (const command of drawn) ledger.execute(command);
        const replayed = replayJournal(config, ledger.journal);
        if (!replayed.ok) throw new Error(replayed.error.message);
        return JSON.stringify(merchantBalances(replayed.value.state)) === JSON.stringify(merchantBalances(ledger.state));
      }),
    );
  });

  it('is not vacuous: the drawn commands capture, refund and charge back real payments, and a lost entry breaks it', () => {
    const ops = new Set<string>();
    let broken = 0;
    for (const [config, drawn] of fc.sample(fc.tuple(ledgerConfigArbitrary(), commands), { numRuns: 100, seed: 42 })) {
      const ledger = unwrap(createLedger(config));
      for (const command of drawn) if (ledger.execute(command).ok) ops.add(command.op);
      const refundsOrChargebacks = ledger.journal.filter((entry) => entry.command.op === 'payment.refund' || entry.command.op === 'payment.chargeback');
      // The same property over a journal that lost its last refund or chargeback: replay then
      // either refuses or gives other balances.
      if (refundsOrChargebacks.length === 0) continue;
      const lost = ledger.journal.filter((entry) => entry !== refundsOrChargebacks.at(-1)).map((entry, index) => ({ ...entry, seq: index + 1 }));
      const replayed = replayJournal(config, lost);
      if (!replayed.ok || JSON.stringify(merchantBalances(replayed.value.state)) !== JSON.stringify(merchantBalances(ledger.state))) broken += 1;
      else throw new Error('a journal without its last refund or chargeback replayed to the same balances');
    }
    expect([...ops].sort()).toEqual(['payment.capture', 'payment.chargeback', 'payment.create', 'payment.refund']);
    expect(broken).toBeGreaterThan(10);
  });

  // The README's second sample, as written: a payment and its refunds on an id of their own.
  const aimed = { ids: { ...TESTING_MERCHANT_IDS, payoutMerchants: ['pm-1'], sellers: ['seller-1'] }, implausibleWeight: 0, idempotencyKeys: [] };
  const paymentAndRefunds = fc.nat({ max: 9999 }).chain((n) => {
    const paymentIds = [`flow-${n}`];
    return fc.tuple(
      createPaymentCommandArbitrary({ ...aimed, paymentIds, paymentTypes: ['credit_card'] }),
      refundPaymentCommandArbitrary({ ...aimed, paymentIds }),
      refundPaymentCommandArbitrary({ ...aimed, paymentIds }),
    );
  });
  const aimedCommands = fc.array(paymentAndRefunds, { minLength: 3, maxLength: 10 }).map((flows) => flows.flat());

  /** How many of 200 runs (a fixed seed) accept at least one refund. */
  function runsWithRefund(drawnCommands: fc.Arbitrary<readonly Command[]>): number {
    let runs = 0;
    for (const [config, drawn] of fc.sample(fc.tuple(ledgerConfigArbitrary(), drawnCommands), { numRuns: 200, seed: 7 })) {
      const ledger = unwrap(createLedger(config));
      if (drawn.map((command) => ledger.execute(command)).some((result, index) => result.ok && drawn[index]?.op === 'payment.refund')) runs += 1;
    }
    return runs;
  }

  it('as the README counts: drawn independently, about one run in twenty accepts a refund; aimed at one payment, about nine in ten', () => {
    expect(runsWithRefund(commands)).toBeLessThanOrEqual(20); // at most one in ten of 200
    expect(runsWithRefund(aimedCommands)).toBeGreaterThanOrEqual(160); // at least four in five
  });

  it('the aimed commands keep the property: the journal replays to the balances the live ledger holds', () => {
    fc.assert(
      fc.property(ledgerConfigArbitrary(), aimedCommands, (config, drawn) => {
        const ledger = unwrap(createLedger(config));
        for (const command of drawn) ledger.execute(command);
        const replayed = unwrap(replayJournal(config, ledger.journal));
        return JSON.stringify(merchantBalances(replayed.state)) === JSON.stringify(merchantBalances(ledger.state));
      }),
    );
  });
});

describe('packages/fees/README.md: the opening sample and the calculator', () => {
  const built = buildFeeSchedule({
    paymentMethods: {
      credit_card: { feeRate: '3.6%' },
      konbini: { feeRate: '2.75%', customerFee: 190 },
      bank_transfer: { feeRate: '1.5%', fixedFee: 40 },
    },
  });
  if (!built.ok) throw new Error(built.error.message);
  const schedule = built.value;

  it('computes each fee and its tax as the comments say', () => {
    expect(processingFee(schedule, 'konbini', 5000)).toEqual({
      ok: true,
      value: { fee: { type: 'Processing Fee', amount: 138 }, tax: { type: 'Processing Fee Tax', amount: 14 } },
    });
    expect(unwrap(processingFee(schedule, 'credit_card', 1000))).toEqual({ fee: { type: 'Processing Fee', amount: 36 }, tax: { type: 'Processing Fee Tax', amount: 4 } });
    expect(unwrap(processingFee(schedule, 'bank_transfer', 10_001))).toEqual({ fee: { type: 'Processing Fee', amount: 190 }, tax: { type: 'Processing Fee Tax', amount: 19 } });
    expect(refundRequestFee(schedule)).toEqual({ fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } });
    expect(customerFee(schedule, 'konbini')).toEqual({ ok: true, value: { fee: { type: 'Customer Fee', amount: 190 }, tax: { type: 'Customer Fee Tax', amount: 19 } } });
    expect(customerFee(schedule, 'credit_card')).toEqual({ ok: true, value: undefined });
  });

  it('the calculator gives fee 36 and tax 4 on ¥1,000 by card', () => {
    const card = unwrap(processingFeeCalculator(schedule, 'credit_card'));
    const fee = card.fee(1000);
    expect([fee, card.tax(fee)]).toEqual([36, 4]);
  });
});

describe('packages/splits/README.md: the samples', () => {
  it('amounts', () => {
    expect(parseAmount('1000')).toEqual({ ok: true, value: 1000 });
    expect(parseAmount(1e3)).toEqual({ ok: true, value: 1000 });
    expect(parseAmount('1e3')).toMatchObject({ ok: false, error: { code: 'amount_exponent_notation' } });
    expect(parseAmount(0, { allowZero: true, field: 'platform_fee' })).toEqual({ ok: true, value: 0 });
    expect(sumAmounts([Number.MAX_SAFE_INTEGER, 1])).toMatchObject({ ok: false, error: { code: 'amount_sum_not_safe_integer' } });
    expect(unwrap(parseAmount('900'))).toBe(900);
  });

  it('currencies', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('KWD'), currencyExponent('jpy')]).toEqual([0, 2, 3, undefined]);
    expect(isCurrency('JPY')).toBe(true);
    expect(Object.keys(CURRENCY_EXPONENTS)).toHaveLength(53);
    expect([decimalAmount(4500, 'USD'), decimalAmount(-5005n, 'KWD'), decimalAmount(-120, 'JPY')]).toEqual(['45.00', '-5.005', '-120']);
  });

  it('marketplace splits, shares and refunds', () => {
    const lines = [
      { submerchantId: 'pm-1', amount: 700, platformFee: 70 },
      { submerchantId: 'pm-2', amount: 300, platformFee: 30 },
    ];
    expect(validateMarketplaceSplit(lines, 'immediate_capture', 1_000)).toEqual({ ok: true, value: lines });
    const shares = marketplaceShares(1_000, lines);
    expect(shares).toEqual({ platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] });
    const refund = validateNonReverseRefund(900, [
      { submerchantId: 'pm-1', amount: 600, platformFee: 30 },
      { submerchantId: 'pm-2', amount: 250, platformFee: 20 },
    ], shares);
    expect(refund).toEqual({ ok: true, value: { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] } });
    const left = remainingShares(shares, unwrap(refund));
    expect(left).toEqual({ platform: 50, submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }] });
    expect(reverseRefundParts(left)).toEqual({ platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 30 }, { submerchantId: 'pm-2', amount: 20 }] });
  });

  it('seller and proportional refunds', () => {
    expect(twoPartyRefund(50_000, 5_000, 0, 100)).toEqual({ platform: 10, seller: 90 });
    expect(twoPartyRefund(50_000, 5_000, 100, 200)).toEqual({ platform: 10, seller: 90 });
    expect(twoPartyRefund(50_000, 5_000, 200, 207)).toEqual({ platform: 1, seller: 6 });
    expect(proportionalRefund([100, 300, 300], [0, 0, 0], 3)).toEqual({ ok: true, value: [0, 2, 1] });
    expect(proportionalRefund([100, 300, 300], [0, 2, 1], 4)).toEqual({ ok: true, value: [0, 0, 1] });
    // "at 207 of 5,000/45,000 this one gives 20/187, the seller rule 21/186"
    expect(proportionalRefund([5_000, 45_000], [0, 0], 207)).toEqual({ ok: true, value: [20, 187] });
  });

  it('a programmer error throws, a backwards total in proportionalRefund is a rejection', () => {
    expect(() => twoPartyRefund(50_000, 5_000, 200, 100)).toThrow(RangeError);
    expect(proportionalRefund([100, 300], [0, 2], 1)).toMatchObject({ ok: false, error: { code: 'refund_total_below_refunded' } });
  });
});
