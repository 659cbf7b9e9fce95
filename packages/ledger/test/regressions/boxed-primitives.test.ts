import { createLedger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment } from '../support/fixtures.js';
import { newLedger } from '../support/ledger-harness.js';

// A String, Number or Boolean object from code (new String('+05:00'), a value boxed by a
// framework) is refused like any value of the wrong type. Its message quoted the object as
// JSON writes it, "+05:00": the very value the message asks for, so the caller could not see
// what was wrong. It now names the object.

describe('a boxed primitive is named as an object, not quoted as the value it wraps', () => {
  it('time zone: new String("+05:00") is config_time_zone_invalid naming a String object', () => {
    const created = createLedger({ ...CONFIG, timeZone: new String('+05:00') as unknown as string });
    expect(created).toEqual({
      ok: false,
      error: { code: 'config_time_zone_invalid', message: 'time_zone must be a UTC offset such as +09:00 (from -14:59 to +14:59), not a String object wrapping "+05:00"' },
    });
  });

  it('currency: new String("JPY") is currency_unknown naming a String object, and nothing is posted', () => {
    const ledger = newLedger();
    const result = ledger.execute({ ...goldenPayment(), currency: new String('JPY') as unknown as string });
    expect(result).toMatchObject({ ok: false, error: { code: 'currency_unknown' } });
    expect(!result.ok && result.error.message).toBe('currency a String object wrapping "JPY" is not an ISO 4217 code Kanjo knows: use e.g. JPY or USD');
    expect(ledger.journal).toHaveLength(0);
  });

  it('an object that only claims to be a String (Symbol.toStringTag) is quoted as JSON, as before', () => {
    const pretender = { [Symbol.toStringTag]: 'String', code: 'JPY' };
    const result = newLedger().execute({ ...goldenPayment(), currency: pretender as unknown as string });
    expect(!result.ok && result.error.message).toBe('currency {"code":"JPY"} is not an ISO 4217 code Kanjo knows: use e.g. JPY or USD');
  });
});
