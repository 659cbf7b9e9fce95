import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFeeSchedule,
  customerFee,
  parseRate,
  processingFee,
  processingFeeCalculator,
  refundedCustomerFee,
  refundRequestFee,
  type FeeSchedule,
  type FeeScheduleInput,
  type PaymentMethodFeeInput,
  type Rate,
  type RoundingMode,
} from '@kanjo/fees';
import {
  amountNearEdgesArbitrary,
  feeScheduleInputArbitrary,
  invalidPaymentTypeArbitrary,
  invalidRateTextArbitrary,
  paymentTypeArbitrary,
  rateTextArbitrary,
  roundingModeArbitrary,
} from '@kanjo/fees/testing';
import { quoteText } from '@kanjo/splits';

// Metamorphic and algebraic relations of @kanjo/fees, through its public exports only. The other
// test files compare each fee with a big.js oracle (processing-fee.test.ts), check that the fee
// grows with the amount, that 0 ≤ fee ≤ amount, that equal rate texts parse to one fraction
// (parse-rate.test.ts) and that the refunded customer fee equals the customer fee. Here the
// relations are between two runs of the code: inputs that mean the same thing, or that differ
// in one known way, and what the README says must then hold between the outputs.
// Every relation cites the README sentence (or DOMAIN.md rule) it follows from.

const MAX = Number.MAX_SAFE_INTEGER;
const MODES: readonly RoundingMode[] = ['floor', 'half_even', 'half_up', 'ceiling'];

function build(input: FeeScheduleInput): FeeSchedule {
  const schedule = buildFeeSchedule(input);
  if (!schedule.ok) throw new Error(schedule.error.message);
  return schedule.value;
}

function rateOf(text: string): Rate {
  const rate = parseRate(text);
  if (!rate.ok) throw new Error(rate.error.message);
  return rate.value;
}

/** One payment type, `card`, with the given settings. */
function single(feeRate: string, settings: { fixedFee?: number; taxRate?: string; rounding?: RoundingMode } = {}): FeeSchedule {
  return build({
    paymentMethods: { card: settings.fixedFee === undefined ? { feeRate } : { feeRate, fixedFee: settings.fixedFee } },
    ...(settings.taxRate === undefined ? {} : { taxRate: settings.taxRate }),
    ...(settings.rounding === undefined ? {} : { rounding: settings.rounding }),
  });
}

/** [fee, tax] of an accepted processing fee, or the rejection code. */
function feeAndTax(schedule: FeeSchedule, paymentType: string, amount: number): readonly [number, number] | string {
  const result = processingFee(schedule, paymentType, amount);
  return result.ok ? [result.value.fee.amount, result.value.tax.amount] : result.error.code;
}

function feeOf(schedule: FeeSchedule, amount: number, paymentType = 'card'): number {
  const result = processingFee(schedule, paymentType, amount);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.fee.amount;
}

/** The same rate written with `leading` extra leading zeros and `trailing` extra trailing decimal zeros. */
function rewrite(text: string, leading: number, trailing: number): string {
  const [whole = '', fraction = ''] = text.slice(0, -1).split('.');
  const decimals = fraction + '0'.repeat(trailing);
  return `${'0'.repeat(leading)}${whole}${decimals === '' ? '' : `.${decimals}`}%`;
}

const decimalPlaces = (text: string): number => (text.slice(0, -1).split('.')[1] ?? '').length;

/** a/b ≤ c/d for the fractions of two rates, in bigint (no float ever compares rates). */
const rateAtMost = (a: Rate, b: Rate): boolean => BigInt(a.numerator) * BigInt(b.denominator) <= BigInt(b.numerator) * BigInt(a.denominator);

/** Fisher-Yates with fast-check's randomness, so that a failing order is reproducible. */
function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  const out = [...items];
  for (let index = out.length - 1; index > 0; index -= 1) {
    const other = (keys[index] ?? 0) % (index + 1);
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
}

const everydayOrAnyAmount = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeNat());

describe('equivalent inputs give equal outputs', () => {
  it('a rate written with extra leading zeros or trailing decimal zeros ("3.6%", "03.6%", "3.600000%") gives the same fee and tax for every amount in every rounding mode, as feeRate and as taxRate (README "Rates": leading zeros allowed, "3.6%" is 36/1000)', () => {
    fc.assert(
      fc.property(
        rateTextArbitrary(),
        rateTextArbitrary(),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        roundingModeArbitrary(),
        fc.integer({ min: 0, max: 1_000 }),
        (feeText, taxText, leading, trailingSeed, rounding, fixedFee) => {
          const feeVariant = rewrite(feeText, leading, trailingSeed % (7 - decimalPlaces(feeText)));
          const taxVariant = rewrite(taxText, 3 - leading, trailingSeed % (7 - decimalPlaces(taxText)));
          const plain = single(feeText, { fixedFee, taxRate: taxText, rounding });
          const variant = single(feeVariant, { fixedFee, taxRate: taxVariant, rounding });
          // The texts are kept as written; everything computed from them is the same.
          expect(variant.paymentMethods['card']?.feeRate.text).toBe(feeVariant);
          expect(variant.taxRate.text).toBe(taxVariant);
          const amounts = fc.sample(amountNearEdgesArbitrary({ rate: rateOf(feeText) }), { numRuns: 8, seed: trailingSeed });
          for (const amount of amounts) expect(feeAndTax(variant, 'card', amount), `${feeVariant} / ${taxVariant} at ${amount}`).toEqual(feeAndTax(plain, 'card', amount));
          expect(refundRequestFee(variant)).toEqual(refundRequestFee(plain));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the same rate with a 7th decimal zero is rate_too_precise, and without its "%" rate_malformed, as feeRate and as taxRate (README: "more than 6 decimal places as written: … also "3.6000000%"", "not digits[.digits]%: "3.6"")', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), paymentTypeArbitrary(), (text, paymentType) => {
        const sevenDecimals = rewrite(text, 0, 7 - decimalPlaces(text));
        const noPercent = text.slice(0, -1);
        const codeAsFeeRate = (rate: string) => {
          const result = buildFeeSchedule({ paymentMethods: { [paymentType]: { feeRate: rate } } });
          return result.ok ? 'accepted' : result.error.code;
        };
        const codeAsTaxRate = (rate: string) => {
          const result = buildFeeSchedule({ paymentMethods: { [paymentType]: { feeRate: text } }, taxRate: rate });
          return result.ok ? 'accepted' : result.error.code;
        };
        expect([codeAsFeeRate(sevenDecimals), codeAsTaxRate(sevenDecimals)]).toEqual(['rate_too_precise', 'rate_too_precise']);
        expect([codeAsFeeRate(noPercent), codeAsTaxRate(noPercent)]).toEqual(['rate_malformed', 'rate_malformed']);
      }),
      { numRuns: 300 },
    );
  });

  it('a schedule built from its payment methods in another key order is the same schedule, and gives the same fees, customer fees and calculator answers (README "Schedules": paymentTypes sorted "whatever the input\'s key order")', () => {
    fc.assert(
      fc.property(feeScheduleInputArbitrary({ maxPaymentTypes: 8 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), everydayOrAnyAmount, (input, keys, amount) => {
        const reordered: FeeScheduleInput = { ...input, paymentMethods: Object.fromEntries(shuffled(Object.entries(input.paymentMethods), keys)) };
        const a = build(input);
        const b = build(reordered);
        expect(b).toEqual(a);
        expect(b.paymentTypes).toEqual(a.paymentTypes);
        for (const paymentType of a.paymentTypes) {
          expect(feeAndTax(b, paymentType, amount)).toEqual(feeAndTax(a, paymentType, amount));
          expect(customerFee(b, paymentType)).toEqual(customerFee(a, paymentType));
          expect(refundedCustomerFee(b, paymentType)).toEqual(refundedCustomerFee(a, paymentType));
          const calculatorA = processingFeeCalculator(a, paymentType);
          const calculatorB = processingFeeCalculator(b, paymentType);
          if (!calculatorA.ok || !calculatorB.ok) throw new Error('a configured payment type has a calculator');
          const fee = ((result) => (result.ok ? result.value.fee.amount : undefined))(processingFee(a, paymentType, amount));
          if (fee !== undefined) expect([calculatorB.value.fee(amount), calculatorB.value.tax(fee)]).toEqual([calculatorA.value.fee(amount), calculatorA.value.tax(fee)]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a schedule with several bad payment methods is rejected for the first bad one in sorted order, with the same code and message whatever the key order (README "Schedules": "each payment type in sorted order (name, feeRate, fixedFee, customerFee)")', () => {
    const method = fc.oneof(
      { weight: 2, arbitrary: fc.record({ feeRate: rateTextArbitrary() }) },
      { weight: 1, arbitrary: invalidRateTextArbitrary().map(({ text }) => ({ feeRate: text })) },
      { weight: 1, arbitrary: fc.record({ feeRate: rateTextArbitrary(), fixedFee: fc.constantFrom<unknown>(-1, 1.5, '40', null) }) },
      { weight: 1, arbitrary: fc.record({ feeRate: rateTextArbitrary(), customerFee: fc.constantFrom<unknown>(-1, 1.5, '190', null) }) },
      { weight: 1, arbitrary: fc.record({ feeRate: invalidRateTextArbitrary().map(({ text }) => text), fixedFee: fc.constant(-1) }) },
    );
    const name = fc.oneof({ weight: 4, arbitrary: paymentTypeArbitrary() }, { weight: 1, arbitrary: invalidPaymentTypeArbitrary() });
    fc.assert(
      fc.property(fc.dictionary(name, method, { minKeys: 1, maxKeys: 8 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (paymentMethods, keys) => {
        const reordered = Object.fromEntries(shuffled(Object.entries(paymentMethods), keys));
        const a = buildFeeSchedule({ paymentMethods } as unknown as FeeScheduleInput);
        const b = buildFeeSchedule({ paymentMethods: reordered } as unknown as FeeScheduleInput);
        expect(b).toEqual(a);
      }),
      { numRuns: 400 },
    );
  });

  it('a rate padded with leading zeros up to 32 characters is the same rate; at 33 characters it is rate_malformed (README: "leading zeros allowed", "at most 32 characters")', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), (text) => {
        const longest = '0'.repeat(32 - text.length) + text;
        expect(longest).toHaveLength(32);
        const plain = rateOf(text);
        expect(rateOf(longest)).toEqual({ ...plain, text: longest });
        expect(feeAndTax(single(longest, { taxRate: longest }), 'card', 123_456_789)).toEqual(feeAndTax(single(text, { taxRate: text }), 'card', 123_456_789));
        const tooLong = parseRate(`0${longest}`);
        expect(!tooLong.ok && tooLong.error.code).toBe('rate_malformed');
      }),
      { numRuns: 300 },
    );
  });

  it('adding a payment method to a schedule changes nothing of the others: their fees, customer fees and the refund request fee stay the same (README: fees are per payment method)', () => {
    fc.assert(
      fc.property(feeScheduleInputArbitrary(), paymentTypeArbitrary(), rateTextArbitrary(), fc.integer({ min: 0, max: 1_000 }), everydayOrAnyAmount, (input, extraType, feeRate, fixedFee, amount) => {
        fc.pre(input.paymentMethods[extraType] === undefined);
        const extra: PaymentMethodFeeInput = { feeRate, fixedFee, customerFee: fixedFee };
        const smaller = build(input);
        const larger = build({ ...input, paymentMethods: { ...input.paymentMethods, [extraType]: extra } });
        expect(larger.paymentTypes).toEqual([...smaller.paymentTypes, extraType].sort());
        expect(refundRequestFee(larger)).toEqual(refundRequestFee(smaller));
        for (const paymentType of smaller.paymentTypes) {
          expect(feeAndTax(larger, paymentType, amount)).toEqual(feeAndTax(smaller, paymentType, amount));
          expect(customerFee(larger, paymentType)).toEqual(customerFee(smaller, paymentType));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a field left out, the same field given as undefined, and the same field given its default ("10%", 300, "half_up"; fixedFee 0) build equal schedules (README "Schedules": "A field takes its default only when left out (undefined)")', () => {
    fc.assert(
      fc.property(feeScheduleInputArbitrary(), (input) => {
        const { taxRate: _taxRate, refundRequestFee: _refundRequestFee, rounding: _rounding, ...bare } = input;
        const methods = Object.fromEntries(Object.entries(bare.paymentMethods).map(([paymentType, { feeRate, customerFee: fee }]) => [paymentType, fee === undefined ? { feeRate } : { feeRate, customerFee: fee }]));
        const leftOut = build({ paymentMethods: methods });
        const undefinedFields = Object.fromEntries(Object.entries(methods).map(([paymentType, method]) => [paymentType, { customerFee: undefined, ...method, fixedFee: undefined }]));
        // exactOptionalPropertyTypes forbids writing undefined; JSON-shaped input from untyped code may carry it.
        expect(build({ paymentMethods: undefinedFields, taxRate: undefined, refundRequestFee: undefined, rounding: undefined } as unknown as FeeScheduleInput)).toEqual(leftOut);
        const defaults = Object.fromEntries(Object.entries(methods).map(([paymentType, method]) => [paymentType, { ...method, fixedFee: 0 }]));
        expect(build({ paymentMethods: defaults, taxRate: '10%', refundRequestFee: 300, rounding: 'half_up' })).toEqual(leftOut);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the fee as a function of the schedule', () => {
  it('the fixed part is added after rounding: with fixedFee f the fee is the fee with fixedFee 0 plus f, and its tax is the tax of that sum (README: "round(amount × feeRate), then + fixedFee, then tax = round(fee × taxRate)")', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), rateTextArbitrary(), roundingModeArbitrary(), fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.maxSafeNat()), everydayOrAnyAmount, (feeRate, taxRate, rounding, fixedFee, amount) => {
        const withFixed = single(feeRate, { fixedFee, taxRate, rounding });
        const without = single(feeRate, { fixedFee: 0, taxRate, rounding });
        const base = feeOf(without, amount);
        const result = processingFee(withFixed, 'card', amount);
        if (base + fixedFee > MAX) {
          // README "Rejection codes": "so large that its fee with the fixed part would exceed MAX_SAFE_INTEGER".
          expect(!result.ok && result.error.code).toBe('amount_not_safe_integer');
          return;
        }
        const calculator = processingFeeCalculator(withFixed, 'card');
        if (!result.ok || !calculator.ok) throw new Error('expected a fee');
        expect(result.value.fee.amount).toBe(base + fixedFee);
        expect(result.value.tax.amount).toBe(calculator.value.tax(base + fixedFee));
      }),
      { numRuns: 400 },
    );
  });

  it('a larger fee rate never gives a smaller fee, a larger tax rate never a smaller tax, and the tax rate never changes the fee (README: round(amount × feeRate), round(fee × taxRate), each rounding monotone)', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), rateTextArbitrary(), rateTextArbitrary(), rateTextArbitrary(), roundingModeArbitrary(), everydayOrAnyAmount, (rateA, rateB, taxA, taxB, rounding, amount) => {
        const [lowRate, highRate] = rateAtMost(rateOf(rateA), rateOf(rateB)) ? [rateA, rateB] : [rateB, rateA];
        const [lowTax, highTax] = rateAtMost(rateOf(taxA), rateOf(taxB)) ? [taxA, taxB] : [taxB, taxA];
        const low = processingFee(single(lowRate, { taxRate: lowTax, rounding }), 'card', amount);
        const high = processingFee(single(highRate, { taxRate: lowTax, rounding }), 'card', amount);
        const lowRateHighTax = processingFee(single(lowRate, { taxRate: highTax, rounding }), 'card', amount);
        if (!low.ok || !high.ok || !lowRateHighTax.ok) throw new Error('a rate ≤ 100% with no fixed part never overflows');
        expect(low.value.fee.amount).toBeLessThanOrEqual(high.value.fee.amount);
        expect(lowRateHighTax.value.fee.amount).toBe(low.value.fee.amount);
        expect(low.value.tax.amount).toBeLessThanOrEqual(lowRateHighTax.value.tax.amount);
      }),
      { numRuns: 400 },
    );
  });

  it('the rounding modes are ordered, floor ≤ half_even ≤ half_up ≤ ceiling, for the fee and for its tax; and the fee\'s ceiling − floor is 1 exactly when amount × rate is not whole (README "Rounding" table)', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), rateTextArbitrary(), fc.integer({ min: 0, max: 1_000 }), fc.nat(), (feeRate, taxRate, fixedFee, seed) => {
        const rate = rateOf(feeRate);
        for (const amount of fc.sample(amountNearEdgesArbitrary({ rate, max: MAX - fixedFee }), { numRuns: 6, seed })) {
          const results = MODES.map((rounding) => {
            const result = processingFee(single(feeRate, { fixedFee, taxRate, rounding }), 'card', amount);
            if (!result.ok) throw new Error(result.error.message);
            return result.value;
          });
          const fees = results.map(({ fee }) => fee.amount);
          const taxes = results.map(({ tax }) => tax.amount);
          expect(fees, `${feeRate} of ${amount}`).toEqual([...fees].sort((x, y) => x - y));
          expect(taxes, `${feeRate} of ${amount}, tax ${taxRate}`).toEqual([...taxes].sort((x, y) => x - y));
          const whole = (BigInt(amount) * BigInt(rate.numerator)) % BigInt(rate.denominator) === 0n;
          expect((fees[3] as number) - (fees[0] as number)).toBe(whole ? 0 : 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splitting an amount in two moves the percentage part by at most one unit, in the direction of the rounding: floor fee(a) + fee(b) ≤ fee(a + b) ≤ … + 1, ceiling … − 1 ≤ fee(a + b) ≤ fee(a) + fee(b), half modes within 1 (README: round(amount × feeRate))', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), roundingModeArbitrary(), fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeNat()), fc.nat(), (feeRate, rounding, a, bSeed) => {
        const b = bSeed % (MAX - a + 1);
        const schedule = single(feeRate, { rounding });
        const gap = feeOf(schedule, a + b) - feeOf(schedule, a) - feeOf(schedule, b);
        const [lowest, highest] = rounding === 'floor' ? [0, 1] : rounding === 'ceiling' ? [-1, 0] : [-1, 1];
        expect(gap, `${feeRate} ${rounding}: ${a} + ${b}`).toBeGreaterThanOrEqual(lowest);
        expect(gap, `${feeRate} ${rounding}: ${a} + ${b}`).toBeLessThanOrEqual(highest);
      }),
      { numRuns: 500 },
    );
  });

  it('multiplying the amount by 10^k multiplies the percentage part by 10^k up to rounding: exactly a·10^k × rate in every mode once 10^k is a multiple of the rate\'s denominator; else floor and ceiling are off by less than 10^k (below and above), half modes by at most (10^k + 1) / 2', () => {
    fc.assert(
      fc.property(rateTextArbitrary(), roundingModeArbitrary(), fc.integer({ min: 1, max: 10 }), fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.maxSafeNat()), (feeRate, rounding, k, seed) => {
        const scale = 10 ** k;
        const amount = seed % (Math.floor(MAX / scale) + 1);
        const rate = rateOf(feeRate);
        const schedule = single(feeRate, { rounding });
        const small = feeOf(schedule, amount);
        const large = feeOf(schedule, amount * scale);
        const gap = large - small * scale;
        if (scale % rate.denominator === 0) {
          // amount·10^k × n/d is whole: no mode rounds anything.
          expect(BigInt(large)).toBe((BigInt(amount) * BigInt(scale) * BigInt(rate.numerator)) / BigInt(rate.denominator));
        }
        if (rounding === 'floor') expect(gap >= 0 && gap <= scale - 1, `floor gap ${gap}`).toBe(true);
        else if (rounding === 'ceiling') expect(gap <= 0 && gap >= -(scale - 1), `ceiling gap ${gap}`).toBe(true);
        else expect(Math.abs(gap) <= Math.floor((scale + 1) / 2), `${rounding} gap ${gap}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('every fee is taxed by the same rule: the tax on x is the same for a processing fee of x (0% plus fixed x, and 100% of x), a customer fee of x, a refunded customer fee of x, a refund request fee of x, and calculator.tax(x) (README: "Tax is round(fee × taxRate) on the already-rounded fee")', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.maxSafeNat()), rateTextArbitrary(), roundingModeArbitrary(), (x, taxRate, rounding) => {
        const schedule = build({
          paymentMethods: { fixed_only: { feeRate: '0%', fixedFee: x, customerFee: x }, whole: { feeRate: '100%' } },
          taxRate,
          refundRequestFee: x,
          rounding,
        });
        const calculator = processingFeeCalculator(schedule, 'whole');
        if (!calculator.ok) throw new Error(calculator.error.message);
        const taxes = [
          feeAndTax(schedule, 'fixed_only', 0),
          feeAndTax(schedule, 'fixed_only', x),
          feeAndTax(schedule, 'whole', x),
          ((r) => (r.ok && r.value !== undefined ? [r.value.fee.amount, r.value.tax.amount] : r))(customerFee(schedule, 'fixed_only')),
          ((r) => (r.ok && r.value !== undefined ? [r.value.fee.amount, r.value.tax.amount] : r))(refundedCustomerFee(schedule, 'fixed_only')),
          [refundRequestFee(schedule).fee.amount, refundRequestFee(schedule).tax.amount],
          [calculator.value.fee(x), calculator.value.tax(x)],
        ];
        const expected = [x, calculator.value.tax(x)];
        for (const taxed of taxes) expect(taxed).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});

describe('boundaries', () => {
  it('a 1-unit amount: floor 0; ceiling 1 unless the rate is 0%; half_up 1 exactly when the rate ≥ 50%; half_even 1 exactly when it is > 50% (README "Rounding": halves away from zero / to the even neighbour)', () => {
    fc.assert(
      fc.property(fc.oneof(rateTextArbitrary(), fc.constantFrom('50%', '49.999999%', '50.000001%', '050.0%')), (feeRate) => {
        const rate = rateOf(feeRate);
        const twice = 2n * BigInt(rate.numerator);
        const denominator = BigInt(rate.denominator);
        const expected: Record<RoundingMode, number> = {
          floor: rate.numerator === rate.denominator ? 1 : 0,
          ceiling: rate.numerator > 0 ? 1 : 0,
          half_up: twice >= denominator ? 1 : 0,
          half_even: twice > denominator ? 1 : 0,
        };
        for (const rounding of MODES) expect(feeOf(single(feeRate, { rounding }), 1), `${feeRate} ${rounding}`).toBe(expected[rounding]);
      }),
      { numRuns: 300 },
    );
  });

  it('0% charges exactly the fixed part and 100% exactly the amount plus the fixed part, for every amount up to MAX_SAFE_INTEGER; a 0% tax taxes nothing and a 100% tax taxes the whole fee (README: round(amount × feeRate) + fixedFee)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.maxSafeNat()), roundingModeArbitrary(), (amount, fixedFee, rounding) => {
        expect(feeAndTax(single('0%', { fixedFee, taxRate: '0%', rounding }), 'card', amount)).toEqual([fixedFee, 0]);
        expect(feeAndTax(single('0.000%', { fixedFee, taxRate: '100%', rounding }), 'card', amount)).toEqual([fixedFee, fixedFee]);
        const whole = feeAndTax(single('100%', { fixedFee, taxRate: '100.000000%', rounding }), 'card', amount);
        expect(whole).toEqual(amount + fixedFee > MAX ? 'amount_not_safe_integer' : [amount + fixedFee, amount + fixedFee]);
      }),
      { numRuns: 300 },
    );
  });

  it('at 100% with a fixed part f, MAX_SAFE_INTEGER − f is the largest amount accepted: one unit more is amount_not_safe_integer from processingFee and a RangeError from the calculator (README "Rejection codes", "Fast path")', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.maxSafeNat()), roundingModeArbitrary(), (fixedFee, rounding) => {
        const schedule = single('100%', { fixedFee, rounding });
        const calculator = processingFeeCalculator(schedule, 'card');
        if (!calculator.ok) throw new Error(calculator.error.message);
        const largest = MAX - fixedFee;
        expect(feeOf(schedule, largest)).toBe(MAX);
        expect(calculator.value.fee(largest)).toBe(MAX);
        if (fixedFee > 0) {
          expect(feeAndTax(schedule, 'card', largest + 1)).toBe('amount_not_safe_integer');
          expect(() => calculator.value.fee(largest + 1)).toThrow(RangeError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('MAX_SAFE_INTEGER at 100%, 50% and 0.000001% in every mode: the exact quotient of 9007199254740991 × n / d, rounded by name', () => {
    // 9007199254740991 / 2 = 4503599627370495.5; / 10^8 = 90071992.54740991.
    const expected: Record<string, Record<RoundingMode, number>> = {
      '100%': { floor: MAX, half_even: MAX, half_up: MAX, ceiling: MAX },
      '50%': { floor: 4503599627370495, half_even: 4503599627370496, half_up: 4503599627370496, ceiling: 4503599627370496 },
      '0.000001%': { floor: 90071992, half_even: 90071993, half_up: 90071993, ceiling: 90071993 },
    };
    for (const [feeRate, byMode] of Object.entries(expected)) {
      for (const rounding of MODES) expect(feeOf(single(feeRate, { rounding }), MAX), `${feeRate} ${rounding}`).toBe(byMode[rounding]);
    }
  });
});

describe('rejections', () => {
  const README_CODES = new Set([
    'rate_malformed',
    'rate_negative',
    'rate_above_100_percent',
    'rate_too_precise',
    'payment_type_invalid',
    'fee_amount_invalid',
    'rounding_mode_unknown',
    'payment_type_not_in_schedule',
    'amount_not_safe_integer',
  ]);

  /** README "API": business rejections are `{ ok: false, error: { code, message } }` and nothing else. */
  function expectRejection(result: unknown, code: string): void {
    expect(result).toEqual({ ok: false, error: { code, message: expect.any(String) as string } });
    const { error } = result as { error: { code: string; message: string } };
    expect(Object.keys(result as object).sort()).toEqual(['error', 'ok']);
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(README_CODES.has(error.code)).toBe(true);
    expect(error.code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
    expect(error.message.length).toBeGreaterThan(0);
  }

  const badAmount = fc.constantFrom<unknown>(-1, 1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, MAX + 1, 2 ** 60, '1000', null, undefined, 10n);

  it('an invalid rate gets the same code from parseRate, as any payment method\'s feeRate and as the taxRate of any otherwise valid schedule, and the same message as parseRate with that field (README: `field` names the setting in the message)', () => {
    fc.assert(
      fc.property(invalidRateTextArbitrary(), feeScheduleInputArbitrary(), fc.nat(), ({ text, code }, input, at) => {
        const types = Object.keys(input.paymentMethods);
        const victim = types[at % types.length] as string;
        const asFeeRate = buildFeeSchedule({ ...input, paymentMethods: { ...input.paymentMethods, [victim]: { ...input.paymentMethods[victim], feeRate: text as string } } });
        expectRejection(parseRate(text), code);
        expectRejection(asFeeRate, code);
        expect(asFeeRate).toEqual(parseRate(text, `paymentMethods.${victim}.feeRate`));
        // A taxRate of undefined is a taxRate left out: it takes the default (README "Schedules").
        if (text === undefined) return;
        const asTaxRate = buildFeeSchedule({ ...input, taxRate: text as string });
        expectRejection(asTaxRate, code);
        expect(asTaxRate).toEqual(parseRate(text, 'taxRate'));
      }),
      { numRuns: 400 },
    );
  });

  it('an invalid payment type name, fee amount or rounding mode gets its own code wherever it is put in an otherwise valid schedule (README "Rejection codes")', () => {
    const badFee = fc.constantFrom<unknown>(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX + 1, '100', null, 100n, true, {});
    fc.assert(
      fc.property(feeScheduleInputArbitrary(), invalidPaymentTypeArbitrary(), badFee, fc.constantFrom<unknown>('half_down', 'HALF_UP', '', 'round', 1, null), fc.nat(), (input, badType, fee, rounding, at) => {
        const types = Object.keys(input.paymentMethods);
        const victim = types[at % types.length] as string;
        const method = input.paymentMethods[victim] as PaymentMethodFeeInput;
        const cases: ReadonlyArray<readonly [unknown, string]> = [
          [{ ...input, paymentMethods: { ...input.paymentMethods, [badType]: { feeRate: '1%' } } }, 'payment_type_invalid'],
          [{ ...input, paymentMethods: { ...input.paymentMethods, [victim]: { ...method, fixedFee: fee } } }, 'fee_amount_invalid'],
          [{ ...input, paymentMethods: { ...input.paymentMethods, [victim]: { ...method, customerFee: fee } } }, 'fee_amount_invalid'],
          [{ ...input, refundRequestFee: fee }, 'fee_amount_invalid'],
          [{ ...input, rounding }, 'rounding_mode_unknown'],
        ];
        for (const [bad, code] of cases) expectRejection(buildFeeSchedule(bad as FeeScheduleInput), code);
      }),
      { numRuns: 300 },
    );
  });

  const missingType = fc.oneof(paymentTypeArbitrary(), invalidPaymentTypeArbitrary(), fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf'));

  it('a payment type the schedule lacks is payment_type_not_in_schedule from every look-up whatever the amount (valid or not: the type is checked first); a bad amount is amount_not_safe_integer for every payment type of every schedule (README "Fees")', () => {
    fc.assert(
      fc.property(feeScheduleInputArbitrary(), paymentTypeArbitrary(), fc.oneof(everydayOrAnyAmount, badAmount), badAmount, (input, unknownType, anyAmount, bad) => {
        fc.pre(input.paymentMethods[unknownType] === undefined);
        const schedule = build(input);
        expectRejection(processingFee(schedule, unknownType, anyAmount as number), 'payment_type_not_in_schedule');
        expectRejection(customerFee(schedule, unknownType), 'payment_type_not_in_schedule');
        expectRejection(refundedCustomerFee(schedule, unknownType), 'payment_type_not_in_schedule');
        expectRejection(processingFeeCalculator(schedule, unknownType), 'payment_type_not_in_schedule');
        // README: the missing type is quoted "with quoteText of @kanjo/splits", by every look-up.
        for (const result of [processingFee(schedule, unknownType, anyAmount as number), customerFee(schedule, unknownType), refundedCustomerFee(schedule, unknownType), processingFeeCalculator(schedule, unknownType)]) {
          expect(!result.ok && result.error.message).toContain(quoteText(unknownType));
        }
        for (const paymentType of schedule.paymentTypes) expectRejection(processingFee(schedule, paymentType, bad as number), 'amount_not_safe_integer');
      }),
      { numRuns: 300 },
    );
  });
});
