import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  availableBalance,
  createLedger,
  decideCommand,
  merchantBalances,
  merchantRecords,
  merchantStatementCsv,
  merchantStatementFileName,
  nextPayout,
  parseScenarioCommand,
  paymentMethodCapabilities,
  paymentView,
  postedBalance,
  replayJournal,
  runScenario,
  sessionReturnUrl,
  validateBankAccount,
} from '@kanjo/ledger';
import {
  currencyExponent,
  isAmount,
  isCurrency,
  marketplaceShares,
  parseAmount,
  platformCumulativeRefund,
  proportionalRefund,
  remainingShares,
  reverseRefundParts,
  sumAmounts,
  twoPartyRefund,
  validateMarketplaceSplit,
  validateNonReverseRefund,
  validateSellerSplit,
} from '@kanjo/splits';
import { buildFeeSchedule, customerFee, hasPaymentType, parseRate, processingFee, processingFeeCalculator, refundedCustomerFee, refundRequestFee, type FeeSchedule } from '@kanjo/fees';
import { describe, expect, it } from 'vitest';
import { readmeLedger } from '../support/readme-ledger.js';

/**
 * The `@example` blocks of the three packages' TSDoc, run as written, with the outcomes their
 * comments promise (what an editor shows on hover is what the code does).
 *
 * Each example line is keyed by its exact text: a line changed in the source without its check
 * here, or a new example line without a check, fails the completeness tests at the end. Most
 * ledger examples continue the ledger README's opening ledger ({@link readmeLedger}); the fees
 * examples use the schedule of `buildFeeSchedule`'s own example.
 */
const packagesRoot = fileURLToPath(new URL('../../packages/', import.meta.url));

const partialRefund = {
  op: 'payment.refund', payment: 'pay_1', amount: 100,
  split: [{ submerchantId: 'pm1', amount: 63, platformFee: 7 }, { submerchantId: 'pm2', amount: 27, platformFee: 3 }],
} as const;

const account = { customerName: 'ヤマダタロウ', bankName: 'みずほ銀行', bankCode: '0001', branchName: '本店', branchNumber: '001', accountType: 'ordinary', accountNumber: '1234567' } as const;

/** The schedule of `buildFeeSchedule`'s example, which the other fees examples use. */
function exampleSchedule(): FeeSchedule {
  const schedule = buildFeeSchedule({
    paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } },
  });
  if (!schedule.ok) throw new Error(schedule.error.message);
  return schedule.value;
}

const pm1 = { submerchantId: 'pm-1', amount: 700, platformFee: 70 } as const;
const pm2 = { submerchantId: 'pm-2', amount: 300, platformFee: 30 } as const;
const capturedShares = { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] };

/** Each example line (as written after ` * `), the file it is in, and the check of what its comment says. */
const examples: ReadonlyArray<{ readonly file: string; readonly lines: readonly string[]; readonly check: () => void }> = [
  {
    file: 'splits/src/seller/validate-seller-split.ts',
    lines: [
      'validateSellerSplit(50_000, 5_000); // { ok: true, value: 5000 }',
      "validateSellerSplit(1_000, 1_001); // { ok: false, error: { code: 'platform_amount_exceeds_amount', … } }",
    ],
    check: () => {
      expect(validateSellerSplit(50_000, 5_000)).toEqual({ ok: true, value: 5000 });
      expect(validateSellerSplit(1_000, 1_001)).toMatchObject({ ok: false, error: { code: 'platform_amount_exceeds_amount' } });
    },
  },
  {
    file: 'splits/src/seller/two-party-refund.ts',
    lines: [
      'twoPartyRefund(50_000, 5_000, 0, 100); // { platform: 10, seller: 90 }',
      'twoPartyRefund(50_000, 5_000, 100, 200); // { platform: 10, seller: 90 }',
      'twoPartyRefund(50_000, 5_000, 200, 207); // { platform: 1, seller: 6 } (cumulative 20.7 → 21)',
    ],
    check: () => {
      expect(twoPartyRefund(50_000, 5_000, 0, 100)).toEqual({ platform: 10, seller: 90 });
      expect(twoPartyRefund(50_000, 5_000, 100, 200)).toEqual({ platform: 10, seller: 90 });
      expect(twoPartyRefund(50_000, 5_000, 200, 207)).toEqual({ platform: 1, seller: 6 });
    },
  },
  {
    file: 'splits/src/seller/platform-cumulative-refund.ts',
    lines: ['platformCumulativeRefund(50_000, 5_000, 207); // 21 (20.7 rounded half up)'],
    check: () => {
      expect(platformCumulativeRefund(50_000, 5_000, 207)).toBe(21);
    },
  },
  {
    file: 'splits/src/marketplace/validate-marketplace-split.ts',
    lines: [
      'validateMarketplaceSplit(',
      "  [{ submerchantId: 'pm-1', amount: 700, platformFee: 70 }, { submerchantId: 'pm-2', amount: 300, platformFee: 30 }],",
      "  'immediate_capture',",
      '  1000,',
      '); // { ok: true, value: [...the two lines] }',
    ],
    check: () => {
      expect(validateMarketplaceSplit([pm1, pm2], 'immediate_capture', 1000)).toEqual({ ok: true, value: [pm1, pm2] });
    },
  },
  {
    file: 'splits/src/marketplace/marketplace-shares.ts',
    lines: [
      'marketplaceShares(1000, [',
      "  { submerchantId: 'pm-1', amount: 700, platformFee: 70 },",
      "  { submerchantId: 'pm-2', amount: 300, platformFee: 30 },",
      "]); // { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] }",
    ],
    check: () => {
      expect(marketplaceShares(1000, [pm1, pm2])).toEqual(capturedShares);
    },
  },
  {
    file: 'splits/src/proportional/proportional-refund.ts',
    lines: [
      'proportionalRefund([100, 300, 300], [0, 0, 0], 3); // { ok: true, value: [0, 2, 1] }',
      'proportionalRefund([100, 300, 300], [0, 2, 1], 4); // { ok: true, value: [0, 0, 1] }',
    ],
    check: () => {
      expect(proportionalRefund([100, 300, 300], [0, 0, 0], 3)).toEqual({ ok: true, value: [0, 2, 1] });
      expect(proportionalRefund([100, 300, 300], [0, 2, 1], 4)).toEqual({ ok: true, value: [0, 0, 1] });
    },
  },
  {
    file: 'splits/src/amounts/is-amount.ts',
    lines: ['isAmount(1000); // true', 'isAmount(10.5); // false', 'isAmount(2 ** 53); // false: beyond Number.MAX_SAFE_INTEGER an integer is no longer exact'],
    check: () => {
      expect([isAmount(1000), isAmount(10.5), isAmount(2 ** 53)]).toEqual([true, false, false]);
    },
  },
  {
    file: 'splits/src/amounts/sum-amounts.ts',
    lines: ['sumAmounts([700, 300]); // { ok: true, value: 1000 }', "sumAmounts([Number.MAX_SAFE_INTEGER, 1]); // { ok: false, error: { code: 'amount_sum_not_safe_integer', … } }"],
    check: () => {
      expect(sumAmounts([700, 300])).toEqual({ ok: true, value: 1000 });
      expect(sumAmounts([Number.MAX_SAFE_INTEGER, 1])).toMatchObject({ ok: false, error: { code: 'amount_sum_not_safe_integer' } });
    },
  },
  {
    file: 'splits/src/amounts/parse-amount.ts',
    lines: [
      "parseAmount('1000'); // { ok: true, value: 1000 }",
      "parseAmount(10.5); // { ok: false, error: { code: 'amount_not_integer', … } }",
      "parseAmount(0, { allowZero: true, field: 'platform_fee' }); // { ok: true, value: 0 }",
    ],
    check: () => {
      expect(parseAmount('1000')).toEqual({ ok: true, value: 1000 });
      expect(parseAmount(10.5)).toMatchObject({ ok: false, error: { code: 'amount_not_integer' } });
      expect(parseAmount(0, { allowZero: true, field: 'platform_fee' })).toEqual({ ok: true, value: 0 });
      expect(parseAmount(0)).toMatchObject({ ok: false }); // allowZero is what accepts it
    },
  },
  {
    file: 'splits/src/refunds/remaining-shares.ts',
    lines: [
      'remainingShares(',
      "  { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] },",
      "  { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] },",
      "); // { platform: 50, submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }] }",
    ],
    check: () => {
      expect(remainingShares(capturedShares, { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] })).toEqual({
        platform: 50,
        submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }],
      });
    },
  },
  {
    file: 'splits/src/refunds/reverse-refund-parts.ts',
    lines: ["reverseRefundParts({ platform: 50, submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }] });"],
    check: () => {
      expect(reverseRefundParts({ platform: 50, submerchants: [{ submerchantId: 'pm-1', share: 30 }, { submerchantId: 'pm-2', share: 20 }] })).toEqual({
        platform: 50,
        submerchants: [{ submerchantId: 'pm-1', amount: 30 }, { submerchantId: 'pm-2', amount: 20 }],
      });
    },
  },
  {
    file: 'splits/src/refunds/validate-non-reverse-refund.ts',
    lines: [
      'validateNonReverseRefund(',
      '  900,',
      "  [{ submerchantId: 'pm-1', amount: 600, platformFee: 30 }, { submerchantId: 'pm-2', amount: 250, platformFee: 20 }],",
      "  { platform: 100, submerchants: [{ submerchantId: 'pm-1', share: 630 }, { submerchantId: 'pm-2', share: 270 }] },",
      "); // { ok: true, value: { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] } }",
    ],
    check: () => {
      const lines = [{ submerchantId: 'pm-1', amount: 600, platformFee: 30 }, { submerchantId: 'pm-2', amount: 250, platformFee: 20 }];
      expect(validateNonReverseRefund(900, lines, capturedShares)).toEqual({
        ok: true,
        value: { platform: 50, submerchants: [{ submerchantId: 'pm-1', amount: 600 }, { submerchantId: 'pm-2', amount: 250 }] },
      });
    },
  },
  {
    file: 'splits/src/currencies/currency-exponent.ts',
    lines: ["currencyExponent('JPY'); // 0", "currencyExponent('USD'); // 2", "currencyExponent('KWD'); // 3", "currencyExponent('jpy'); // undefined: codes are upper case"],
    check: () => {
      expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('KWD'), currencyExponent('jpy')]).toEqual([0, 2, 3, undefined]);
    },
  },
  {
    file: 'splits/src/currencies/is-currency.ts',
    lines: ["isCurrency('JPY'); // true", "isCurrency('XYZ'); // false"],
    check: () => {
      expect([isCurrency('JPY'), isCurrency('XYZ')]).toEqual([true, false]);
    },
  },
  {
    file: 'fees/src/schedule/build-fee-schedule.ts',
    lines: ['const schedule = buildFeeSchedule({', "  paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } },", '});'],
    check: () => {
      // "schedule.ok === true; taxRate 10%, refundRequestFee 300, rounding 'half_up'"
      const schedule = buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } } });
      expect(schedule.ok).toBe(true);
      expect(schedule.ok && [schedule.value.taxRate.text, schedule.value.refundRequestFee, schedule.value.rounding]).toEqual(['10%', 300, 'half_up']);
    },
  },
  {
    file: 'fees/src/schedule/has-payment-type.ts',
    lines: ["hasPaymentType(schedule, 'konbini'); // true", "hasPaymentType(schedule, 'alipay');  // false"],
    check: () => {
      expect([hasPaymentType(exampleSchedule(), 'konbini'), hasPaymentType(exampleSchedule(), 'alipay')]).toEqual([true, false]);
    },
  },
  {
    file: 'fees/src/fees/processing-fee.ts',
    lines: [
      "processingFee(schedule, 'konbini', 5000);     // 2.75%: fee 138 (137.5 rounded half-up), tax 14 (13.8)",
      "processingFee(schedule, 'credit_card', 1000); // 3.6%: { fee: { type: 'Processing Fee', amount: 36 }, tax: { type: 'Processing Fee Tax', amount: 4 } }",
    ],
    check: () => {
      expect(processingFee(exampleSchedule(), 'konbini', 5000)).toEqual({ ok: true, value: { fee: { type: 'Processing Fee', amount: 138 }, tax: { type: 'Processing Fee Tax', amount: 14 } } });
      expect(processingFee(exampleSchedule(), 'credit_card', 1000)).toEqual({ ok: true, value: { fee: { type: 'Processing Fee', amount: 36 }, tax: { type: 'Processing Fee Tax', amount: 4 } } });
    },
  },
  {
    file: 'fees/src/fees/processing-fee-calculator.ts',
    lines: ["const card = processingFeeCalculator(schedule, 'credit_card');", 'if (card.ok) {', '  const fee = card.value.fee(1000); // 36', '  const tax = card.value.tax(fee);  // 4', '}'],
    check: () => {
      const card = processingFeeCalculator(exampleSchedule(), 'credit_card');
      if (!card.ok) throw new Error(card.error.message);
      const fee = card.value.fee(1000);
      expect([fee, card.value.tax(fee)]).toEqual([36, 4]);
    },
  },
  {
    file: 'fees/src/fees/customer-fee.ts',
    lines: [
      "customerFee(schedule, 'konbini');     // { ok: true, value: { fee: { type: 'Customer Fee', amount: 190 }, tax: { type: 'Customer Fee Tax', amount: 19 } } }",
      "customerFee(schedule, 'credit_card'); // { ok: true, value: undefined }",
    ],
    check: () => {
      expect(customerFee(exampleSchedule(), 'konbini')).toEqual({ ok: true, value: { fee: { type: 'Customer Fee', amount: 190 }, tax: { type: 'Customer Fee Tax', amount: 19 } } });
      expect(customerFee(exampleSchedule(), 'credit_card')).toEqual({ ok: true, value: undefined });
    },
  },
  {
    file: 'fees/src/fees/refunded-customer-fee.ts',
    lines: ["refundedCustomerFee(schedule, 'konbini'); // { ok: true, value: { fee: { type: 'Refunded Customer Fee', amount: 190 }, tax: { type: 'Refunded Customer Fee Tax', amount: 19 } } }"],
    check: () => {
      expect(refundedCustomerFee(exampleSchedule(), 'konbini')).toEqual({ ok: true, value: { fee: { type: 'Refunded Customer Fee', amount: 190 }, tax: { type: 'Refunded Customer Fee Tax', amount: 19 } } });
    },
  },
  {
    file: 'fees/src/fees/refund-request-fee.ts',
    lines: ["refundRequestFee(schedule); // { fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } }"],
    check: () => {
      expect(refundRequestFee(exampleSchedule())).toEqual({ fee: { type: 'Refund Fee', amount: 300 }, tax: { type: 'Refund Fee Tax', amount: 30 } });
    },
  },
  {
    file: 'fees/src/rates/parse-rate.ts',
    lines: ["parseRate('3.6%');   // { ok: true, value: { text: '3.6%', numerator: 36, denominator: 1000 } }", "parseRate('3.6');    // { ok: false, error: { code: 'rate_malformed', message: 'rate: \"3.6\" …' } }"],
    check: () => {
      expect(parseRate('3.6%')).toEqual({ ok: true, value: { text: '3.6%', numerator: 36, denominator: 1000 } });
      expect(parseRate('3.6')).toMatchObject({ ok: false, error: { code: 'rate_malformed', message: expect.stringMatching(/^rate: "3\.6" /) } });
    },
  },
  {
    file: 'ledger/src/engine/ledger.ts',
    lines: [
      "createLedger({ merchants: [{ id: 'pm1', type: 'payout', platform: 'mart' }] }); // { ok: false, error: { code: 'config_platform_missing', … } }",
      "const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }] });",
      'created.ok && created.value.journal.length; // 0: an empty ledger',
    ],
    check: () => {
      expect(createLedger({ merchants: [{ id: 'pm1', type: 'payout', platform: 'mart' }] })).toMatchObject({ ok: false, error: { code: 'config_platform_missing' } });
      const created = createLedger({ merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }] });
      expect(created.ok && created.value.journal.length).toBe(0);
    },
  },
  {
    file: 'ledger/src/engine/ledger.ts',
    lines: [
      "ledger.execute({ op: 'payment.refund', payment: 'pay_1', amount: 5000 }); // { ok: false, error: { code: 'refund_exceeds_remaining', … } }: nothing posted",
      "ledger.execute({ op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 63, platformFee: 7 }, { submerchantId: 'pm2', amount: 27, platformFee: 3 }] }); // { ok: true, entry: { seq: 2, … }, events: [{ type: 'payment.refund.created', payment: 'pay_1', amount: 100, currency: 'JPY' }], replayed: false }",
      'merchantBalances(ledger.state); // { mart: { JPY: 50 }, pm1: { JPY: 567 }, pm2: { JPY: 243 } }',
      "const first = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });",
      "const again = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });",
      'again.ok && again.replayed && again.entry === (first.ok && first.entry); // true',
    ],
    check: () => {
      const { ledger } = readmeLedger();
      expect(ledger.execute({ op: 'payment.refund', payment: 'pay_1', amount: 5000 })).toMatchObject({ ok: false, error: { code: 'refund_exceeds_remaining' } });
      expect(ledger.journal).toHaveLength(1);
      expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
      const refunded = ledger.execute(partialRefund);
      expect(refunded).toMatchObject({ ok: true, entry: { seq: 2 }, replayed: false });
      expect(refunded.ok && refunded.events).toEqual([{ type: 'payment.refund.created', payment: 'pay_1', amount: 100, currency: 'JPY' }]);
      expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 50 }, pm1: { JPY: 567 }, pm2: { JPY: 243 } });
      const first = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });
      const again = ledger.execute({ op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 17, currency: 'JPY', idempotencyKey: 'move-17' });
      expect(first).toMatchObject({ ok: true, replayed: false });
      expect(again.ok && again.replayed && again.entry === (first.ok && first.entry)).toBe(true);
      // Posted once: 17 moved, not 34.
      expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 67 }, pm1: { JPY: 550 }, pm2: { JPY: 243 } });
      expect(ledger.journal).toHaveLength(3);
    },
  },
  {
    file: 'ledger/src/engine/decide-command.ts',
    lines: [
      "decideCommand(ledger.state, { op: 'payment.refund', payment: 'pay_1' }); // { ok: false, error: { code: 'insufficient_balance', … } }: mart has 60 of the 100 in platform fees it gives back",
      "decideCommand(ledger.state, { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 63, platformFee: 7 }, { submerchantId: 'pm2', amount: 27, platformFee: 3 }] });",
      'ledger.journal.length; // still 1: deciding posts nothing',
    ],
    check: () => {
      const { ledger } = readmeLedger();
      const whole = decideCommand(ledger.state, { op: 'payment.refund', payment: 'pay_1' });
      expect(whole).toMatchObject({ ok: false, error: { code: 'insufficient_balance' } });
      expect(!whole.ok && whole.error.message).toContain('has 60');
      const decided = decideCommand(ledger.state, partialRefund);
      expect(decided).toMatchObject({ ok: true, value: { payment: 'pay_1', changes: [{ kind: 'payment_refunded', amount: 100, parts: { platform: 10 } }] } });
      expect(decided.ok && decided.value.postings).toHaveLength(6);
      expect(ledger.journal).toHaveLength(1);
      expect(merchantBalances(ledger.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
    },
  },
  {
    file: 'ledger/src/reports/balance-queries.ts',
    lines: [
      "postedBalance(ledger.state, 'pm1', 'JPY'); // 630",
      "postedBalance(ledger.state, 'pm1', 'USD'); // 0",
      "postedBalance(ledger.state, 'JPY', 'pm1'); // throws RangeError: no merchant \"JPY\" in this ledger (the merchant and the currency are swapped?)",
    ],
    check: () => {
      const { ledger } = readmeLedger();
      expect(postedBalance(ledger.state, 'pm1', 'JPY')).toBe(630);
      expect(postedBalance(ledger.state, 'pm1', 'USD')).toBe(0);
      expect(() => postedBalance(ledger.state, 'JPY', 'pm1')).toThrow(new RangeError('postedBalance(state, merchant, currency): no merchant "JPY" in this ledger (the merchant and the currency are swapped?)'));
    },
  },
  {
    file: 'ledger/src/reports/balance-queries.ts',
    lines: [
      "postedBalance(ledger.state, 'pm1', 'JPY'); // 8000",
      "availableBalance(ledger.state, 'pm1', 'JPY'); // 7000, until the request is completed or rejected",
    ],
    check: () => {
      // "pm1 holds 8,000 of a ¥10,000 Konbini payment; a pending refund request takes 1,000 of it back".
      const created = createLedger({
        merchants: [
          { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 190 } } },
          { id: 'pm1', type: 'payout', platform: 'mart' },
        ],
      });
      if (!created.ok) throw new Error(created.error.message);
      const ledger = created.value;
      expect(ledger.execute({ op: 'payment.create', id: 'pay_2', merchant: 'mart', amount: 10_000, currency: 'JPY', paymentType: 'konbini', split: [{ submerchantId: 'pm1', amount: 10_000, platformFee: 2_000 }] })).toMatchObject({ ok: true });
      expect(ledger.execute({ op: 'payment.capture', payment: 'pay_2' })).toMatchObject({ ok: true });
      const request = { op: 'payment.refund_request', id: 'rr_1', payment: 'pay_2', amount: 1_000, split: [{ submerchantId: 'pm1', amount: 1_000, platformFee: 0 }], bankAccount: account } as const;
      expect(ledger.execute(request)).toMatchObject({ ok: true });
      expect(postedBalance(ledger.state, 'pm1', 'JPY')).toBe(8000);
      expect(availableBalance(ledger.state, 'pm1', 'JPY')).toBe(7000);
      expect(ledger.execute({ op: 'refund_request.reject', refundRequest: 'rr_1' })).toMatchObject({ ok: true });
      expect(availableBalance(ledger.state, 'pm1', 'JPY')).toBe(8000);
    },
  },
  {
    file: 'ledger/src/reports/merchant-balances.ts',
    lines: ['merchantBalances(ledger.state); // { mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } }'],
    check: () => {
      expect(merchantBalances(readmeLedger().ledger.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
    },
  },
  {
    file: 'ledger/src/reports/payment-view.ts',
    lines: ["paymentView(ledger.state.payments.get('pay_1')!); // { status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' }"],
    check: () => {
      const payment = readmeLedger().ledger.state.payments.get('pay_1');
      if (payment === undefined) throw new Error('pay_1 missing');
      expect(paymentView(payment)).toEqual({ status: 'captured', amount: 1000, captured_amount: 1000, refunded_amount: 0, currency: 'JPY' });
    },
  },
  {
    file: 'ledger/src/reports/merchant-records.ts',
    lines: ["merchantRecords(ledger.journal).filter((record) => record.merchant === 'pm1');"],
    check: () => {
      expect(merchantRecords(readmeLedger().ledger.journal).filter((record) => record.merchant === 'pm1')).toEqual([
        { seq: 1, at: '1970-01-01T00:00:00.000Z', payment: 'pay_1', merchant: 'pm1', type: 'Payment Transfer', currency: 'JPY', deposit: 700, debit: 0 },
        { seq: 1, at: '1970-01-01T00:00:00.000Z', payment: 'pay_1', merchant: 'pm1', type: 'Platform Fee', currency: 'JPY', deposit: 0, debit: 70 },
      ]);
    },
  },
  {
    file: 'ledger/src/journal/replay-journal.ts',
    lines: [
      'const replayed = replayJournal(config, ledger.journal); // config: what createLedger was given',
      'replayed.ok && merchantBalances(replayed.value.state); // { mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } }, as live',
      "replayJournal({ merchants: config.merchants.slice(0, 2) }, ledger.journal); // { ok: false, error: { code: 'journal_entry_inapplicable', … } }: entry 1 posts to pm2, which that configuration lacks",
    ],
    check: () => {
      const { config, ledger } = readmeLedger();
      const replayed = replayJournal(config, ledger.journal);
      expect(replayed.ok && merchantBalances(replayed.value.state)).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });
      const lacking = replayJournal({ merchants: config.merchants.slice(0, 2) }, ledger.journal);
      expect(lacking).toMatchObject({ ok: false, error: { code: 'journal_entry_inapplicable' } });
      expect(!lacking.ok && lacking.error.message).toMatch(/^entry 1 .*pm2/);
    },
  },
  {
    file: 'ledger/src/scenario/run-scenario.ts',
    lines: [
      "const run = runScenario(JSON.parse(readFileSync('scenario.json', 'utf8'))); // a file as SCENARIO.md describes, snake_case",
      "run.ok && run.value.report.results; // [{ index: 0, op: 'payment.create', ok: true }, { index: 1, op: 'payment.refund', ok: false, error: { code: 'refund_exceeds_remaining', … } }]",
      'run.ok && run.value.report.balances; // { mart: { JPY: 60 }, pm1: { JPY: 900 } }: the rejected refund changed nothing',
      "runScenario({ merchants: [] }); // { ok: false, error: { code: 'scenario_invalid', message: 'the scenario has no commands list' } }",
    ],
    check: () => {
      // "With mart (card at 3.6%) and pm1, a ¥1,000 payment giving pm1 1,000 less a 100 platform fee, then a refund of 2,000".
      const run = runScenario(JSON.parse(JSON.stringify({
        merchants: [
          { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
          { id: 'pm1', type: 'payout', platform: 'mart' },
        ],
        commands: [
          { op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] } },
          { op: 'payment.refund', payment: 'pay_1', amount: 2000 },
        ],
      })) as unknown);
      expect(run.ok && run.value.report.results).toMatchObject([
        { index: 0, op: 'payment.create', ok: true },
        { index: 1, op: 'payment.refund', ok: false, error: { code: 'refund_exceeds_remaining' } },
      ]);
      expect(run.ok && run.value.report.balances).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 900 } });
      expect(runScenario({ merchants: [] })).toEqual({ ok: false, error: { code: 'scenario_invalid', message: 'the scenario has no commands list' } });
    },
  },
  {
    file: 'ledger/src/scenario/parse-scenario-command.ts',
    lines: [
      "parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '50' }); // { ok: true, value: { op: 'payment.refund', payment: 'pay_1', amount: 50 } }",
      "parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '1e3' }); // { ok: false, error: { code: 'amount_exponent_notation', … } }",
      "parseScenarioCommand({ op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 900, platform_fee: 100 }] } });",
    ],
    check: () => {
      expect(parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '50' })).toEqual({ ok: true, value: { op: 'payment.refund', payment: 'pay_1', amount: 50 } });
      expect(parseScenarioCommand({ op: 'payment.refund', payment: 'pay_1', amount: '1e3' })).toMatchObject({ ok: false, error: { code: 'amount_exponent_notation' } });
      expect(parseScenarioCommand({ op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 900, platform_fee: 100 }] } })).toEqual({
        ok: true,
        value: { op: 'payment.create', id: 'p', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 900, platformFee: 100 }] },
      });
    },
  },
  {
    file: 'ledger/src/reports/merchant-statement-csv.ts',
    lines: ["merchantStatementCsv(ledger.journal, 'pm1');"],
    check: () => {
      expect(merchantStatementCsv(readmeLedger().ledger.journal, 'pm1')).toBe(
        'seq,at,payment,record_type,currency,deposit,debit,balance\r\n' +
          '1,1970-01-01T00:00:00.000Z,pay_1,Payment Transfer,JPY,700,0,700\r\n' +
          '1,1970-01-01T00:00:00.000Z,pay_1,Platform Fee,JPY,0,70,630\r\n',
      );
    },
  },
  {
    file: 'ledger/src/reports/merchant-statement-csv.ts',
    lines: [
      "merchantStatementFileName('pm1'); // 'pm1.csv'",
      "merchantStatementFileName('../x'); // '..%2Fx.csv': stays in the statements directory",
      "merchantStatementFileName('店舗/1'); // '店舗%2F1.csv'",
    ],
    check: () => {
      expect(merchantStatementFileName('pm1')).toBe('pm1.csv');
      expect(merchantStatementFileName('../x')).toBe('..%2Fx.csv');
      expect(merchantStatementFileName('店舗/1')).toBe('店舗%2F1.csv');
    },
  },
  {
    file: 'ledger/src/sessions/session-return-url.ts',
    lines: [
      "sessionReturnUrl('https://shop.example/done?order=7', 'ses_1'); // 'https://shop.example/done?order=7&session_id=ses_1'",
      "sessionReturnUrl('https://shop.example/done#top', 'ses_1'); // 'https://shop.example/done?session_id=ses_1#top'",
      "sessionReturnUrl('ses_1', 'https://shop.example/done'); // throws RangeError: the arguments swapped",
    ],
    check: () => {
      expect(sessionReturnUrl('https://shop.example/done?order=7', 'ses_1')).toBe('https://shop.example/done?order=7&session_id=ses_1');
      expect(sessionReturnUrl('https://shop.example/done#top', 'ses_1')).toBe('https://shop.example/done?session_id=ses_1#top');
      expect(() => sessionReturnUrl('ses_1', 'https://shop.example/done')).toThrow(RangeError);
    },
  },
  {
    file: 'ledger/src/payouts/next-payout.ts',
    lines: [
      "nextPayout('monthly', '2026-12-06'); // { ok: true, value: { payoutDate: '2026-12-31', period: { start: '2026-11-01', end: '2026-11-30' } } }",
      "nextPayout('weekly', '2026-12-12', ['2026-12-18']); // { ok: true, value: { payoutDate: '2026-12-21', period: { start: '2026-12-05', end: '2026-12-11' } } }: Friday the 18th is a holiday",
      "nextPayout(JSON.parse('\"daily\"'), '2026-12-12'); // { ok: false, error: { code: 'payout_frequency_invalid', … } }: read from a store, not a PayoutFrequency",
    ],
    check: () => {
      expect(nextPayout('monthly', '2026-12-06')).toEqual({ ok: true, value: { payoutDate: '2026-12-31', period: { start: '2026-11-01', end: '2026-11-30' } } });
      expect(nextPayout('weekly', '2026-12-12', ['2026-12-18'])).toEqual({ ok: true, value: { payoutDate: '2026-12-21', period: { start: '2026-12-05', end: '2026-12-11' } } });
      // Without the holiday the payout is that Friday: the holiday is what moves it.
      expect(nextPayout('weekly', '2026-12-12')).toMatchObject({ ok: true, value: { payoutDate: '2026-12-18' } });
      expect(nextPayout(JSON.parse('"daily"'), '2026-12-12')).toMatchObject({ ok: false, error: { code: 'payout_frequency_invalid' } });
    },
  },
  {
    file: 'ledger/src/refunds/validate-bank-account.ts',
    lines: [
      "const account = { customerName: 'ヤマダタロウ', bankName: 'みずほ銀行', bankCode: '0001', branchName: '本店', branchNumber: '001', accountType: 'ordinary', accountNumber: '1234567' } as const;",
      "validateBankAccount(account); // { ok: true, value: { customerName: 'ヤマダタロウ', … } }",
      "validateBankAccount({ ...account, customerName: 'Yamada Taro' }); // { ok: false, error: { code: 'bank_account_customer_name_invalid', … } }: katakana only",
    ],
    check: () => {
      expect(validateBankAccount(account)).toEqual({ ok: true, value: account });
      expect(validateBankAccount({ ...account, customerName: 'Yamada Taro' })).toMatchObject({ ok: false, error: { code: 'bank_account_customer_name_invalid' } });
    },
  },
  {
    file: 'ledger/src/payments/payment-methods.ts',
    lines: [
      "paymentMethodCapabilities('konbini'); // { refundRoute: 'refund_request', waitsForCustomer: true, partialCaptureFromApi: false, partialCaptureFromSession: false, chargeback: false }",
      "paymentMethodCapabilities('credit_card')?.chargeback; // true",
      "paymentMethodCapabilities('cash_on_delivery'); // undefined",
    ],
    check: () => {
      expect(paymentMethodCapabilities('konbini')).toEqual({ refundRoute: 'refund_request', waitsForCustomer: true, partialCaptureFromApi: false, partialCaptureFromSession: false, chargeback: false });
      expect(paymentMethodCapabilities('credit_card')?.chargeback).toBe(true);
      expect(paymentMethodCapabilities('cash_on_delivery')).toBeUndefined();
    },
  },
];

describe('TSDoc examples', () => {
  it.each(examples.map((example) => [`${example.file}: ${example.lines[0] ?? ''}`, example] as const))('%s', (_name, example) => {
    example.check();
  });
});

/** Every TypeScript file under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((item) =>
    item.isDirectory() ? sourceFiles(join(folder, item.name)) : item.name.endsWith('.ts') ? [join(folder, item.name)] : [],
  );
}

/**
 * The code lines of a file's `@example` blocks (comment lines, `// …` continuing a result, are
 * prose): from the `@example` tag to the next tag or the end of the comment.
 */
function exampleCodeLines(text: string): string[] {
  const lines: string[] = [];
  let inExample = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s*\*\s?/, '');
    if (/^\s*\*\//.test(raw) || (inExample && line.startsWith('@'))) inExample = false;
    if (line.startsWith('@example')) {
      inExample = true;
      continue;
    }
    if (inExample && line.trim() !== '' && !line.startsWith('//')) lines.push(line);
  }
  return lines;
}

describe('the examples checked here are the examples in the source', () => {
  const written = new Map(
    ['splits', 'fees', 'ledger'].flatMap((name) => sourceFiles(join(packagesRoot, name, 'src'))).map((path) => [relative(packagesRoot, path), exampleCodeLines(readFileSync(path, 'utf8'))]),
  );

  it('every code line of every @example block in packages/*/src has its check above', () => {
    const checked = new Set(examples.flatMap((example) => example.lines.map((line) => `${example.file}: ${line}`)));
    const unchecked = [...written].flatMap(([file, lines]) => lines.map((line) => `${file}: ${line}`)).filter((line) => !checked.has(line));
    expect(unchecked).toEqual([]);
  });

  it('every line checked above is written, as it stands here, in its file', () => {
    const missing = examples.flatMap((example) => example.lines.filter((line) => !(written.get(example.file) ?? []).includes(line)).map((line) => `${example.file}: ${line}`));
    expect(missing).toEqual([]);
  });

  it('finds the examples it checks (not vacuous: at least the 36 files annotated when this test was written)', () => {
    expect([...written].filter(([, lines]) => lines.length > 0).length).toBeGreaterThanOrEqual(36);
  });
});
