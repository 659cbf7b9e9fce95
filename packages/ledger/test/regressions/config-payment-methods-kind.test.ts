import { describe, expect, it } from 'vitest';
import { configOutcome } from '../support/config-outcome.js';

// Found by the mutation audit of src/merchants: payment methods given as a class instance were
// refused as they should be, but the message quoted the instance as JSON, `not
// {"credit_card":{"feeRate":"1%"}}`, which reads as the very object the message asks for. The
// refusal now names what the value is and what to write instead.
const MART = { id: 'mart', type: 'platform', business: 'marketplace' };

const paymentMethodsRefusal = (paymentMethods: unknown): string => configOutcome({ merchants: [{ ...MART, paymentMethods }] });

const PREFIX = 'config_merchants_invalid: merchant mart: paymentMethods must be an object of payment type to fee settings, not ';

class FeeTable {
  credit_card = { feeRate: '1%' };
}

describe("a platform's payment methods that are an object of another kind are named as what they are", () => {
  it.each<[string, () => unknown, string]>([
    ['a class instance, by its class', () => new FeeTable(), 'an instance of FeeTable: write them as a plain object'],
    ['a Date', () => new Date(0), 'an instance of Date: write them as a plain object'],
    ['an instance of an anonymous class', () => new (class {})(), 'an object with a prototype of its own: write them as a plain object'],
    ['an object made from another plain object', () => Object.create({ credit_card: { feeRate: '1%' } }) as object, 'an object with a prototype of its own: write them as a plain object'],
    // Review 182 (session 48): one made from a defaults object without a prototype passed as plain,
    // and its inherited payment types were dropped with no word (the platform took no card).
    ['an object made from an Object.create(null) defaults object', () => Object.create(Object.assign(Object.create(null) as object, { credit_card: { feeRate: '1%' } })) as object, 'an object with a prototype of its own: write them as a plain object'],
    ['a class whose name is not an identifier', () => new ({ 'fee table': class {} })['fee table'](), 'an object with a prototype of its own: write them as a plain object'],
    ['a Map', () => new Map([['credit_card', { feeRate: '1%' }]]), 'a Map: write them as a plain object'],
    ['a list, as before', () => [], '[]'],
  ])('%s', (_name, make, named) => {
    expect(paymentMethodsRefusal(make())).toBe(PREFIX + named);
  });

  it("naming it runs none of the value's code, and a trap that throws still gives the refusal", () => {
    let getterRan = false;
    class Watched {
      static get name(): string {
        getterRan = true;
        return 'Watched';
      }
    }
    expect(paymentMethodsRefusal(new Watched())).toBe(`${PREFIX}an object with a prototype of its own: write them as a plain object`);
    expect(getterRan).toBe(false);
    // Reading the methods and the plain-object check each ask for the prototype once; naming it asks a third time, and throws.
    let asked = 0;
    const trap = new Proxy(new FeeTable(), {
      getPrototypeOf(target) {
        asked += 1;
        if (asked > 2) throw new Error('trap');
        return Reflect.getPrototypeOf(target);
      },
    });
    expect(paymentMethodsRefusal(trap)).toBe(`${PREFIX}an object with a prototype of its own: write them as a plain object`);
  });
});

describe('a session metadata made from a defaults object is refused, not read without its inherited entries (review 182)', () => {
  it('field_invalid, naming what to write; an object without a prototype is still plain', async () => {
    const { createLedger } = await import('@kanjo/ledger');
    const created = createLedger({ merchants: [{ ...MART, type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }] as never });
    if (!created.ok) throw new Error(created.error.message);
    const session = (id: string, metadata: object) =>
      created.value.execute({ op: 'session.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/done', capture: 'manual', metadata: metadata as Record<string, string> });
    const defaults = Object.assign(Object.create(null) as object, { order: '7' });
    expect(session('s1', Object.assign(Object.create(defaults) as object, { shop: 'x' }))).toMatchObject({ ok: false, error: { code: 'field_invalid', message: expect.stringMatching(/^metadata must be a plain object of strings/) } });
    expect(created.value.journal).toHaveLength(0);
    expect(session('s2', Object.assign(Object.create(null) as object, { order: '7' }))).toMatchObject({ ok: true });
    expect(created.value.state.sessions.get('s2')?.metadata).toEqual({ order: '7' });
  });
});
