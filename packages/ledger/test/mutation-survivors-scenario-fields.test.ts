import { describe, expect, it } from 'vitest';
import { readAmount, readOptionalAmount, readOptionalBoolean, readOptionalString, readOptionalStringList, readString } from '../src/scenario/field-reader.js';

/**
 * Survivors of a StrykerJS run over packages/ledger/src/scenario/field-reader.ts against the
 * library-level scenario tests: a JSON null is read as an absent field, and each refusal has
 * its exact code and message (what `kanjo run` prints for a scenario file's field).
 */
const refused = (code: string, message: string): unknown => ({ ok: false, error: { code, message } });

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
