import type { FeeWithTax, RoundingMode } from '@kanjo/fees';
import { applyEntry, decideCommand, merchantBalances, parseScenarioConfig, postedBalance, type Command, type Entry, type ExecuteResult, type Ledger, type LedgerEvent, type LedgerRejection, type LedgerRejectionCode, type LedgerStateView, type RecordType, type RefundRequestStatus, type ScenarioEvent, type ScenarioResult } from '@kanjo/ledger';
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

  it('an optional command field may be given as undefined, as the engine reads it as left out (exactOptionalPropertyTypes)', () => {
    // Review 151: a service forwarding optional request fields had to spread them conditionally.
    const request: { amount?: number | undefined } = {};
    const refund: Command = { op: 'payment.refund', payment: 'p', amount: request.amount, split: undefined, at: undefined, idempotencyKey: undefined };
    const session: Command = { op: 'session.create', id: 's', merchant: 'm', amount: 1, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://x.example/', capture: 'auto', metadata: undefined, as: undefined };
    void [refund, session];
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

  it('Ledger.state is read-only all the way down: tsc refuses a write that would leave a state no replay gives', () => {
    // Each of these compiled before 2026-12-01 and silently broke the ledger: a journal that no
    // longer replays to the state, a payment refundable twice, a balance out of step with it.
    const check = (ledger: Ledger, entry: Entry): void => {
      expectTypeOf(ledger.state).toEqualTypeOf<LedgerStateView>();
      // @ts-expect-error the journal is appended to by execute only
      ledger.state.journal.push(entry);
      // @ts-expect-error payments are created by commands only
      ledger.state.payments.set('p', ledger.state.payments.get('q')!);
      // @ts-expect-error a payment's status moves by commands only
      ledger.state.payments.get('p')!.status = 'refunded';
      // @ts-expect-error a balance moves by postings only
      ledger.state.balances.get('mart')!.set('JPY', 0);
      // @ts-expect-error so does what pending refund requests hold
      ledger.state.holds.get('mart')!.delete('JPY');
      // @ts-expect-error a request's status too
      ledger.state.refundRequests.get('r')!.status = 'completed';
      // @ts-expect-error settled periods are written by settlement runs
      ledger.state.settledPeriods.add('mart JPY 2026-01-01 2026-01-31');
      // @ts-expect-error applying an entry is the engine's and the replay's step, not a reader's
      applyEntry(ledger.state, entry, 0);
      // Reading goes on as before: the decide step and the reports take the read-only view.
      expectTypeOf(decideCommand(ledger.state, { op: 'payment.cancel', payment: 'p' }).ok).toEqualTypeOf<boolean>();
      expectTypeOf(postedBalance(ledger.state, 'mart', 'JPY')).toEqualTypeOf<number>();
      expectTypeOf(merchantBalances(ledger.state)).not.toBeAny();
    };
    void check;
  });

  it('a scenario result narrows on ok like every other result: a rejected one always has its error', () => {
    // Review 174: ScenarioResult was { ok: boolean; error?: LedgerRejection }, so reading the
    // code of a rejected command needed `result.error?.code` or `!` after checking ok.
    const result = {} as ScenarioResult;
    if (!result.ok) expectTypeOf(result.error).toEqualTypeOf<LedgerRejection>();
    else expectTypeOf(result.error).toEqualTypeOf<undefined>();
  });

  it('a refund request event\'s status is one of the three statuses, so a misspelt one does not compile', () => {
    expectTypeOf<NonNullable<LedgerEvent['status']>>().toEqualTypeOf<RefundRequestStatus>();
    expectTypeOf<NonNullable<ScenarioEvent['status']>>().toEqualTypeOf<RefundRequestStatus>();
    const event = {} as ScenarioEvent;
    // @ts-expect-error 'complete' is no status: a request is 'completed'
    if (event.status === 'complete') throw new Error('unreachable');
  });

  it('parseScenarioConfig takes what JSON.parse or a caller\'s own type gives, as runScenario does', () => {
    // It refuses a non-object at run time (scenario_invalid); the type had asked for a JsonObject.
    expectTypeOf(parseScenarioConfig).parameter(0).toEqualTypeOf<unknown>();
    const mine: { merchants: unknown[]; commands: unknown[] } = { merchants: [], commands: [] };
    expectTypeOf(parseScenarioConfig(mine).ok).toEqualTypeOf<boolean>();
  });
});
