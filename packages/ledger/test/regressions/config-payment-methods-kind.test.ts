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
