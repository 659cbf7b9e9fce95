import { buildFeeSchedule, customerFee, hasPaymentType, processingFee, processingFeeCalculator, refundedCustomerFee, refundRequestFee, type FeeSchedule } from '@kanjo/fees';
import { describe, expect, it } from 'vitest';

/**
 * A schedule saved as JSON and edited is checked on each call (README "Thrown"): a field that is
 * not what `buildFeeSchedule` builds is a RangeError naming it. The review of session 48 found
 * the fields every look-up reads first, `paymentMethods` and `paymentTypes`, outside those checks
 * (a native "Cannot convert undefined or null to object"), and an edited type list copied raw
 * into a rejection's message; and a `paymentMethods` made from an `Object.create(null)`
 * defaults object built without its inherited types, with no word.
 */
function saved(): Record<string, unknown> {
  const built = buildFeeSchedule({ paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 190 } } });
  if (!built.ok) throw new Error(built.error.message);
  return JSON.parse(JSON.stringify(built.value)) as Record<string, unknown>;
}

const lookUps: ReadonlyArray<readonly [string, (schedule: FeeSchedule, paymentType: string) => unknown]> = [
  ['processingFee', (schedule, type) => processingFee(schedule, type, 5000)],
  ['processingFeeCalculator', (schedule, type) => processingFeeCalculator(schedule, type)],
  ['customerFee', (schedule, type) => customerFee(schedule, type)],
  ['refundedCustomerFee', (schedule, type) => refundedCustomerFee(schedule, type)],
  ['hasPaymentType', (schedule, type) => hasPaymentType(schedule, type)],
];

describe('a saved schedule whose paymentMethods is not an object', () => {
  it.each(lookUps)('%s throws the RangeError naming paymentMethods, for null and for the field left out', (_name, lookUp) => {
    for (const methods of [null, undefined, 'konbini', ['konbini']]) {
      const schedule = { ...saved(), paymentMethods: methods } as unknown as FeeSchedule;
      expect(() => lookUp(schedule, 'konbini')).toThrow(RangeError);
      expect(() => lookUp(schedule, 'konbini')).toThrow(/^fee schedule paymentMethods must be an object of the payment types' fees, got .*; build schedules with buildFeeSchedule$/);
    }
  });

  it('a schedule that is no object at all is a TypeError saying what was expected', () => {
    expect(() => processingFee(undefined as unknown as FeeSchedule, 'konbini', 5000)).toThrow(new TypeError('expected a fee schedule from buildFeeSchedule, got nothing (undefined)'));
    // Review 207: refundRequestFee read `null.refundRequestFee` and threw JavaScript's own TypeError.
    expect(() => refundRequestFee(null as unknown as FeeSchedule)).toThrow(new TypeError('expected a fee schedule from buildFeeSchedule, got null'));
    expect(() => refundRequestFee('3.6%' as unknown as FeeSchedule)).toThrow(new TypeError('expected a fee schedule from buildFeeSchedule, got the string "3.6%"'));
  });

  it('the saved schedule left as it was still answers as the built one (the checks refuse only what is broken)', () => {
    const schedule = saved() as unknown as FeeSchedule;
    expect(processingFee(schedule, 'konbini', 5000)).toEqual({ ok: true, value: { fee: { type: 'Processing Fee', amount: 138 }, tax: { type: 'Processing Fee Tax', amount: 14 } } });
    expect(processingFee(schedule, 'alipay', 5000)).toMatchObject({ ok: false, error: { code: 'payment_type_not_in_schedule', message: 'payment type "alipay" has no fees in this schedule (it has: konbini)' } });
  });
});

// Review 208: -0 is an amount, so a saved schedule edited to hold it passes the checks; the
// customer fees and the refund request fee then answered -0 (printed "-0"), where the schedule
// built with 0 answers 0.
describe('a saved schedule whose fees were edited to -0 (JSON text "-0")', () => {
  it('answers as the schedule built with 0, with no -0 in any amount', () => {
    const zero = buildFeeSchedule({ refundRequestFee: 0, paymentMethods: { konbini: { feeRate: '2.75%', customerFee: 0, fixedFee: 0 } } });
    if (!zero.ok) throw new Error(zero.error.message);
    const text = JSON.stringify(zero.value);
    const edited = text.replace('"refundRequestFee":0', '"refundRequestFee":-0').replace('"customerFee":0', '"customerFee":-0').replace('"fixedFee":0', '"fixedFee":-0');
    expect(edited.match(/:-0\b/g)).toHaveLength(3);
    const schedule = JSON.parse(edited) as FeeSchedule;
    const answers = (from: FeeSchedule) => [customerFee(from, 'konbini'), refundedCustomerFee(from, 'konbini'), refundRequestFee(from), processingFee(from, 'konbini', 0)];
    // toEqual tells -0 from 0.
    expect(answers(schedule)).toEqual(answers(zero.value));
    expect(refundRequestFee(schedule).fee.amount.toLocaleString('en')).toBe('0');
  });
});

describe("a saved schedule whose paymentTypes, listed in payment_type_not_in_schedule's message, is edited", () => {
  const asked = (paymentTypes: unknown): (() => unknown) => () => processingFee({ ...saved(), paymentTypes } as unknown as FeeSchedule, 'alipay', 5000);

  it('left out or not a list: a RangeError naming paymentTypes', () => {
    expect(asked(undefined)).toThrow(/^fee schedule paymentTypes must be a list of at most 128 payment types, got nothing \(undefined\);/);
    expect(asked('konbini')).toThrow(RangeError);
  });

  it('an entry with a line break or of 100,000 characters: a RangeError naming the entry, the message one bounded line', () => {
    for (const entry of ['konbini\nINJECTED LINE', 'x'.repeat(100_000), 7, '']) {
      let thrown: unknown;
      try {
        asked(['konbini', entry])();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RangeError);
      const message = (thrown as RangeError).message;
      expect(message).toMatch(/^fee schedule paymentTypes\[1\] must be a payment type name/);
      expect(message).not.toContain('\n');
      expect(message.length).toBeLessThan(300);
    }
  });

  it('more than 128 types (what buildFeeSchedule refuses): a RangeError', () => {
    expect(asked(Array.from({ length: 129 }, (_, index) => `t${index}`))).toThrow(RangeError);
  });
});

describe('buildFeeSchedule with paymentMethods made from a defaults object', () => {
  it('an object made from an Object.create(null) defaults object is refused with a TypeError, not built without its inherited types', () => {
    const defaults = Object.assign(Object.create(null) as Record<string, { feeRate: string }>, { credit_card: { feeRate: '3.6%' } });
    const methods = Object.assign(Object.create(defaults) as Record<string, { feeRate: string }>, { konbini: { feeRate: '2.75%' } });
    expect(methods['credit_card']).toEqual({ feeRate: '3.6%' }); // the caller sees the type
    expect(() => buildFeeSchedule({ paymentMethods: methods })).toThrow(TypeError);
    expect(() => buildFeeSchedule({ paymentMethods: methods })).toThrow(/got an object with a prototype other than Object\.prototype, as Object\.create\(defaults\) makes \(its inherited entries are not its own: spread them into a literal\)$/);
  });

  it('spread into a literal, as the message says, both types are built', () => {
    const defaults = Object.assign(Object.create(null) as Record<string, { feeRate: string }>, { credit_card: { feeRate: '3.6%' } });
    const built = buildFeeSchedule({ paymentMethods: { ...defaults, konbini: { feeRate: '2.75%' } } });
    expect(built.ok && built.value.paymentTypes).toEqual(['credit_card', 'konbini']);
  });

  it('a paymentMethods without a prototype, and a literal, are still plain (the check refuses only the derived object)', () => {
    const bare = Object.assign(Object.create(null) as Record<string, { feeRate: string }>, { konbini: { feeRate: '2.75%' } });
    expect(buildFeeSchedule({ paymentMethods: bare })).toMatchObject({ ok: true, value: { paymentTypes: ['konbini'] } });
    expect(buildFeeSchedule({ paymentMethods: { konbini: { feeRate: '2.75%' } } })).toMatchObject({ ok: true });
  });

  it('a payment method entry that is a revoked Proxy is rate_malformed, as any entry that is not an object', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(buildFeeSchedule({ paymentMethods: { konbini: proxy as never } })).toMatchObject({ ok: false, error: { code: 'rate_malformed' } });
  });
});
