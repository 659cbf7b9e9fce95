import { createLedger, type Command, type Ledger } from '@kanjo/ledger';
import { assertAmount } from '@kanjo/splits';
import { describe, expect, it } from 'vitest';

// Found by following the READMEs as a newcomer embedding the packages.

/** A marketplace platform with one payout merchant, as the README's first sample makes it. */
function newcomerLedger(): Ledger {
  const created = createLedger({
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
      { id: 'pm1', type: 'payout', platform: 'mart' },
    ],
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('an amount from code that is not a number says what it is', () => {
  // The ledger README: "An amount that is not a non-negative safe integer still throws, as
  // @kanjo/splits documents." A newcomer who copies a scenario file's `"amount": "1000"` into
  // code got `amount must be a non-negative safe integer count of minor units, got 1000`:
  // 1000 is one, so the message hid what to fix (the string). It names the type now.
  const ledger = newcomerLedger();

  it('a payment.create amount given as the string "1000"', () => {
    const command = {
      op: 'payment.create', id: 'p1', merchant: 'mart', amount: '1000', currency: 'JPY', paymentType: 'credit_card',
      split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }],
    } as unknown as Command;
    expect(() => ledger.execute(command)).toThrow(new RangeError('amount must be a non-negative safe integer count of minor units, got the string "1000"'));
    expect(ledger.journal).toHaveLength(0);
  });

  it('assertAmount describes each kind of wrong value', () => {
    const message = (value: unknown): string => {
      try {
        assertAmount(value as number);
      } catch (error) {
        return (error as Error).message.replace('amount must be a non-negative safe integer count of minor units, got ', '');
      }
      return 'no throw';
    };
    expect(message('1000')).toBe('the string "1000"');
    expect(message('')).toBe('the string ""');
    expect(message(10.5)).toBe('10.5');
    expect(message(-1)).toBe('-1');
    expect(message(undefined)).toBe('nothing (undefined)');
    expect(message(null)).toBe('null');
    expect(message(1000n)).toBe('the bigint 1000n');
    expect(message([1000])).toBe('an array');
    expect(message({ amount: 1000 })).toBe('an object');
    expect(message(true)).toBe('the boolean true');
  });
});

describe('a Date object as `at` is named as one, not quoted as if it were a valid string', () => {
  // An embedding service has a Date in hand and passes it as `at`. It was refused with
  // `at "2026-04-01T00:00:00.000Z" must be an existing ISO 8601 date and time with a UTC offset`:
  // the quoted value is just such a time, so the message contradicted itself and hid the fix
  // (the README's standard: "the message says what to fix ... a value of the wrong type ... is
  // described rather than serialized").
  const ledger = newcomerLedger;
  const create = (at: unknown): Command => ({
    op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card',
    split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }], at,
  } as unknown as Command);

  it('a valid Date', () => {
    const on = ledger();
    const result = on.execute(create(new Date('2026-04-01T00:00:00Z')));
    expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`).toBe(
      'time_invalid: at must be a string, not a Date: pass date.toISOString() (2026-04-01T00:00:00.000Z), or an ISO 8601 date and time with a UTC offset such as 2026-04-01T10:00:00+09:00',
    );
    expect(on.journal).toHaveLength(0);
  });

  it('an invalid Date', () => {
    const result = ledger().execute(create(new Date('nonsense')));
    expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`).toBe(
      'time_invalid: at must be a string, not a Date (an invalid one): an ISO 8601 date and time with a UTC offset such as 2026-04-01T10:00:00+09:00',
    );
  });

  it('the message of another wrong type is as before', () => {
    const result = ledger().execute(create(1n));
    expect(result.ok ? 'accepted' : result.error.message).toBe('at 1n must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00');
  });
});

describe('a payment from code without a paymentType says the field is missing', () => {
  // It was refused with "payment type nothing is not one Kanjo knows the fund flow of (…)".
  it('payment_type_not_supported naming paymentType, and nothing appended', () => {
    const ledger = newcomerLedger();
    const result = ledger.execute({
      op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY',
      split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }],
    } as unknown as Command);
    expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`).toBe(
      'payment_type_not_supported: the payment has no paymentType: give one Kanjo knows the fund flow of (credit_card, paypay, linepay, merpay, konbini, bank_transfer, pay_easy)',
    );
    expect(ledger.journal).toHaveLength(0);
  });
});

describe("a split line from code in the scenario file's snake_case is refused, naming the field to rename", () => {
  // It threw "RangeError: submerchants[0].platform_fee must be a non-negative safe integer …,
  // got nothing", naming the very field the caller had given; with only submerchant_id in
  // snake_case it was split_submerchant_id_invalid. Each op that takes a split checks it.
  const snakeLine = { submerchant_id: 'pm1', amount: 1000, platform_fee: 100 };
  const message = "split[0] has submerchant_id, the scenario file's spelling: from code a split line is { submerchantId, amount, platformFee }";

  it('payment.create: field_invalid before the idempotency key, and nothing appended', () => {
    const ledger = newcomerLedger();
    const base = { op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card' };
    const results = [
      ledger.execute({ ...base, split: [snakeLine] } as unknown as Command),
      ledger.execute({ ...base, split: [{ submerchantId: 'pm1', amount: 1000, platform_fee: 100 }] } as unknown as Command),
    ];
    expect(results.map((result) => (result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`))).toEqual([
      `field_invalid: ${message}`,
      "field_invalid: split[0] has platform_fee, the scenario file's spelling: from code a split line is { submerchantId, amount, platformFee }",
    ]);
    expect(ledger.journal).toHaveLength(0);
  });

  it('capture and session.create refuse it too; a line with both spellings is read by its camelCase', () => {
    const ledger = newcomerLedger();
    const line = { submerchantId: 'pm1', amount: 1000, platformFee: 100 };
    const created = ledger.execute({ op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: false });
    expect(created.ok ? 'accepted' : created.error.message).toBe('accepted');
    const codes = [
      ledger.execute({ op: 'payment.capture', payment: 'p1', split: [snakeLine] } as unknown as Command),
      ledger.execute({ op: 'session.create', id: 's1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://example.com/r', split: [snakeLine] } as unknown as Command),
    ].map((result) => (result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`));
    expect(codes).toEqual([`field_invalid: ${message}`, `field_invalid: ${message}`]);
    expect(ledger.journal).toHaveLength(1);
    const both = ledger.execute({ op: 'payment.capture', payment: 'p1', split: [{ ...line, platform_fee: 999 }] } as unknown as Command);
    expect(both.ok).toBe(true);
    expect(ledger.state.balances.get('pm1')?.get('JPY')).toBe(900);
  });
});
