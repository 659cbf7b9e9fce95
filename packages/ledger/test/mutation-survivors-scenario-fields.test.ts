import { describe, expect, it } from 'vitest';
import { parseScenarioCommand } from '../src/scenario/parse-scenario-command.js';
import { readAmount, readOptionalAmount, readOptionalBoolean, readOptionalString, readOptionalStringList, readString } from '../src/scenario/field-reader.js';
import { refused } from './support/refused.js';

/**
 * Survivors of a StrykerJS run over packages/ledger/src/scenario/field-reader.ts against the
 * library-level scenario tests: a JSON null is read as an absent field, and each refusal has
 * its exact code and message (what `kanjo run` prints for a scenario file's field).
 */

describe('field-reader: null is absent', () => {
  // Mutants: each `value === null` read `false` (readString, readAmount, readOptionalAmount,
  // readOptionalBoolean, readOptionalStringList): a null was refused as the wrong type, or
  // (a required field) reported as invalid rather than missing.
  it('a required field null is field_missing "<field> is required"; an optional one is undefined', () => {
    expect(readString({ id: null }, 'id')).toStrictEqual(refused('field_missing', 'id is required'));
    expect(readAmount({ amount: null }, 'amount')).toStrictEqual(refused('field_missing', 'amount is required'));
    expect(readOptionalString({ note: null }, 'note')).toStrictEqual({ ok: true, value: undefined });
    expect(readOptionalAmount({ fee: null }, 'fee')).toStrictEqual({ ok: true, value: undefined });
    expect(readOptionalBoolean({ capture: null }, 'capture')).toStrictEqual({ ok: true, value: undefined });
    expect(readOptionalStringList({ types: null }, 'types')).toStrictEqual({ ok: true, value: undefined });
  });
});

describe('field-reader: the messages of wrong types', () => {
  // Mutants: each message emptied; readOptionalStringList's check read `false`, `some` for
  // `every`, or `() => true` for its item test: a list holding a number was accepted.
  it('a string field given a number, a boolean given "yes", a list with a number in it', () => {
    expect(readString({ id: 5 }, 'id')).toStrictEqual(refused('field_invalid', 'id must be a string'));
    expect(readOptionalString({ note: 5 }, 'note')).toStrictEqual(refused('field_invalid', 'note must be a string'));
    expect(readOptionalBoolean({ capture: 'yes' }, 'capture')).toStrictEqual(refused('field_invalid', 'capture must be true or false'));
    expect(readOptionalStringList({ types: ['credit_card', 5] }, 'types')).toStrictEqual(refused('field_invalid', 'types must be a list of strings'));
    expect(readOptionalStringList({ types: [5] }, 'types')).toStrictEqual(refused('field_invalid', 'types must be a list of strings'));
    expect(readOptionalStringList({ types: 'credit_card' }, 'types')).toStrictEqual(refused('field_invalid', 'types must be a list of strings'));
    expect(readOptionalStringList({ types: ['credit_card'] }, 'types')).toStrictEqual({ ok: true, value: ['credit_card'] });
  });
});

describe('field-reader and field-collector: an amount of 0 is refused unless the field allows it', () => {
  // Mutants: the `allowZero = false` defaults of readAmount, readOptionalAmount,
  // FieldCollector.amount and FieldCollector.optionalAmount read `true`. A scenario's `amount: 0`
  // then reached the engine, which refuses it with another message ("amount must be more than
  // 0") or, for a capture of a captured payment, another code. The fields that allow 0
  // (`platform_amount`, a split line's `platform_fee`) pass `true` and accept it.
  const zero = refused('amount_not_positive', 'amount must be greater than 0, got 0');

  it('readAmount and readOptionalAmount refuse 0 by default and accept it when allowed', () => {
    expect(readAmount({ amount: 0 }, 'amount')).toStrictEqual(zero);
    expect(readOptionalAmount({ amount: 0 }, 'amount')).toStrictEqual(zero);
    expect(readAmount({ amount: 0 }, 'amount', true)).toStrictEqual({ ok: true, value: 0 });
    expect(readOptionalAmount({ amount: 0 }, 'amount', true)).toStrictEqual({ ok: true, value: 0 });
  });

  it('a scenario command with amount 0 is refused as it is read: payment.create (required), payment.capture (optional)', () => {
    const create = { op: 'payment.create', id: 'p0', merchant: 'mart', amount: 0, currency: 'JPY', payment_type: 'credit_card' };
    expect(parseScenarioCommand(create)).toStrictEqual(zero);
    expect(parseScenarioCommand({ op: 'payment.capture', payment: 'p1', amount: 0 })).toStrictEqual(zero);
    const seller = { op: 'payment.create', id: 'p1', merchant: 'sel1', amount: 500, currency: 'JPY', payment_type: 'credit_card', platform_amount: 0, platform_merchant: 'plat' };
    expect(parseScenarioCommand(seller)).toMatchObject({ ok: true, value: { platformAmount: 0 } });
  });
});
