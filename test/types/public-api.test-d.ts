import type { FeeWithTax, RoundingMode } from '@kanjo/fees';
import type { Command, Entry, ExecuteResult, Ledger, LedgerRejectionCode, RecordType } from '@kanjo/ledger';
import type { Rejection, Result } from '@kanjo/splits';
import { describe, expectTypeOf, it } from 'vitest';

describe('the public types', () => {
  it('a Result narrows on ok: the value when true, the rejection when false', () => {
    const result = {} as Result<number, 'amount_negative'>;
    if (result.ok) expectTypeOf(result.value).toEqualTypeOf<number>();
    else expectTypeOf(result.error).toEqualTypeOf<Rejection<'amount_negative'>>();
  });

  it('execute answers the appended entry when accepted and a rejection otherwise', () => {
    const result = {} as ExecuteResult;
    if (result.ok) expectTypeOf(result.entry).toEqualTypeOf<Entry>();
    else expectTypeOf(result.error.code).toEqualTypeOf<LedgerRejectionCode>();
    expectTypeOf<Ledger['execute']>().parameter(0).toEqualTypeOf<Command>();
  });

  it('a rejection code is one of the listed codes: the ledger\'s own and those it passes through, never any string', () => {
    expectTypeOf<'insufficient_balance'>().toMatchTypeOf<LedgerRejectionCode>();
    expectTypeOf<'split_sum_mismatch'>().toMatchTypeOf<LedgerRejectionCode>();
    expectTypeOf<'rate_malformed'>().toMatchTypeOf<LedgerRejectionCode>();
    expectTypeOf<string>().not.toMatchTypeOf<LedgerRejectionCode>();
    const result = {} as ExecuteResult;
    // @ts-expect-error a misspelt code is caught: the comparison can never be true
    if (!result.ok && result.error.code === 'insufficent_balance') throw new Error('unreachable');
  });

  it('a command is discriminated by op: a refund has no merchant field, a create requires one', () => {
    expectTypeOf<Extract<Command, { op: 'payment.create' }>>().toHaveProperty('merchant');
    expectTypeOf<Extract<Command, { op: 'payment.refund' }>>().not.toHaveProperty('merchant');
    // @ts-expect-error an unknown op is not a command
    const unknown: Command = { op: 'payment.teleport', payment: 'p' };
    void unknown;
  });

  it('entries are read-only: a posting cannot be changed after it is appended', () => {
    const entry = {} as Entry;
    // @ts-expect-error postings are readonly
    entry.postings[0] = entry.postings[0];
    expectTypeOf(entry.postings[0]!.recordType).toEqualTypeOf<RecordType>();
  });

  it('fees carry their record type names and rounding is named, never implied', () => {
    expectTypeOf<FeeWithTax['fee']['type']>().toMatchTypeOf<string>();
    expectTypeOf<RoundingMode>().toEqualTypeOf<'half_up' | 'half_even' | 'floor' | 'ceiling'>();
  });
});
