import { type Command } from '@kanjo/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goldenPayment, konbiniPayment, marketplaceSession, sellerPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// quoted()'s TSDoc promised "never throws", yet it read a wrong-typed value's `toJSON` outside
// its guard: a value whose getter or Proxy trap threw, or a revoked Proxy, made `execute` throw
// the caller's error where it had a rejection to give (`payment: <Proxy>` threw "trap" instead
// of payment_not_found). Describing a value for a message must not replace the rejection.

/** Objects whose mere reading throws, each as an embedding service could send by mistake. */
const HOSTILE: Record<string, () => object> = {
  'a toJSON getter that throws': () => Object.defineProperty({}, 'toJSON', { get() { throw new Error('toJSON getter'); } }),
  'a Proxy whose get trap throws': () => new Proxy({}, { get() { throw new Error('get trap'); } }),
  'a Proxy whose every trap throws': () => new Proxy({}, {
    get() { throw new Error('get'); }, getPrototypeOf() { throw new Error('getPrototypeOf'); },
    ownKeys() { throw new Error('ownKeys'); }, getOwnPropertyDescriptor() { throw new Error('descriptor'); }, has() { throw new Error('has'); },
  }),
  'a revoked Proxy': () => { const revocable = Proxy.revocable({}, {}); revocable.revoke(); return revocable.proxy; },
};

/** Commands on a ledger holding pay_1 (captured), with the fields that hold a string, a number or a date. */
const COMMANDS: readonly Command[] = [
  goldenPayment('pay_2'),
  sellerPayment('sp_2'),
  konbiniPayment('kb_2'),
  marketplaceSession('ses_2'),
  { op: 'payment.refund', payment: 'pay_1', amount: 100 },
  { op: 'payment.cancel', payment: 'pay_1' },
  { op: 'payment.chargeback', payment: 'pay_1' },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 10, currency: 'JPY' },
  { op: 'settlement.run', date: '2026-05-01' },
] as Command[];

/** Amount fields, with the name their RangeError gives them. */
const AMOUNT_FIELDS = new Map([['amount', 'amount'], ['platformAmount', 'platform_amount']]);

const scalarFields = (command: Command): string[] =>
  Object.entries(command).filter(([, value]) => typeof value === 'string' || typeof value === 'number').map(([key]) => key);

describe('a wrong-typed value whose reading throws is still a typed rejection (or, for an amount, Kanjo\'s own RangeError)', () => {
  it('payment.refund of a payment given as a throwing Proxy is payment_not_found, described as an object', () => {
    const ledger = ledgerAfter([goldenPayment()]);
    const result = ledger.execute({ op: 'payment.refund', payment: HOSTILE['a Proxy whose get trap throws']!() } as unknown as Command);
    expect(result).toEqual({ ok: false, error: { code: 'payment_not_found', message: 'no payment an object: check the id' } });
  });

  it('for every command, every scalar field and every hostile object, execute answers a rejection (an amount: Kanjo\'s RangeError), never the caller\'s error, and the journal keeps its one entry', () => {
    const cases = COMMANDS.flatMap((command) => scalarFields(command).map((field) => ({ command, field })));
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.constantFrom(...Object.keys(HOSTILE)), ({ command, field }, hostility) => {
        const ledger = ledgerAfter([goldenPayment()]);
        const sent = { ...command, [field]: HOSTILE[hostility]!() } as unknown as Command;
        if (AMOUNT_FIELDS.has(field)) {
          // README "Ledger": "An amount that is not a non-negative safe integer still throws, as
          // @kanjo/splits documents": Kanjo's own RangeError naming the field, never the caller's.
          expect(() => ledger.execute(sent)).toThrow(new RangeError(`${AMOUNT_FIELDS.get(field)} must be a non-negative safe integer count of minor units, got an object`));
          expect(ledger.state.journal).toHaveLength(1);
          return;
        }
        const result = ledger.execute(sent);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
          expect(result.error.message).not.toMatch(/[\n\r]/);
        }
        expect(ledger.state.journal).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
