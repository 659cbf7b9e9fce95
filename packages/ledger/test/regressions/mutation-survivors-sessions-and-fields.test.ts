import { decideCommand, replayJournal, unknownScenarioFields, type Entry } from '@kanjo/ledger';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG, marketplaceSession } from '../support/fixtures.js';
import { newLedger } from '../support/ledger-harness.js';

describe('mutation survivors (review 203): sessions', () => {
  // S12: sessionInitOf kept command.metadata as it came (readCommandOnce's copy, which has no
  // prototype) instead of copying it into a plain object. The live session's metadata then has
  // no prototype while the replayed session's does: a strict comparison tells them apart, and a
  // caller's metadata.hasOwnProperty(...) or `${metadata}` throws a TypeError on the live one only.
  it("a created session's metadata is a plain object, strictly equal to the one its journal replays to", () => {
    const ledger = newLedger();
    const created = ledger.execute(marketplaceSession('ses_1', { metadata: { order: '42' } }));
    expect(created.ok).toBe(true);
    const live = ledger.state.sessions.get('ses_1');
    expect(live?.metadata).toEqual({ order: '42' });
    expect(Object.getPrototypeOf(live?.metadata)).toBe(Object.prototype);
    const change = ledger.journal[0]?.changes[0] as { kind: string; session: { metadata?: object } };
    expect(Object.getPrototypeOf(change.session.metadata)).toBe(Object.prototype);

    const replayed = replayJournal(CONFIG, JSON.parse(JSON.stringify(ledger.journal)) as Entry[]);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(isDeepStrictEqual(live, replayed.value.state.sessions.get('ses_1'))).toBe(true);
  });

  it('decideCommand drafts a session whose metadata is a plain object too', () => {
    const draft = decideCommand(newLedger().state, marketplaceSession('ses_d', { metadata: { order: '42' } }));
    if (!draft.ok) throw new Error(draft.error.message);
    const change = draft.value.changes[0] as { kind: string; session: { metadata?: object } };
    expect(Object.getPrototypeOf(change.session.metadata)).toBe(Object.prototype);
  });
});

describe('mutation survivors (review 203): scenario fields', () => {
  // P11: COMMAND_FIELDS left `origin` out of payment.create, so `kanjo run` warned of a field
  // SCENARIO.md lists ("`origin` (`api` default, or `session`)") as one Kanjo does not read.
  it('origin on payment.create is a field Kanjo reads, not reported as unknown', () => {
    const document = {
      merchants: [
        { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
        { id: 'pm1', type: 'payout', platform: 'mart' },
      ],
      commands: [
        { op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', origin: 'session' },
        { op: 'payment.create', id: 'p2', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', origin: 'api', orign: 'api' },
      ],
    };
    expect(unknownScenarioFields(document)).toStrictEqual([{ path: 'commands[1]', op: 'payment.create', field: 'orign' }]);
  });
});
