import { JournalReplay, replayJournal, type Command, type Entry } from '@kanjo/ledger';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, sellerPayment } from '../support/fixtures.js';
import { accepted, balances, ledgerAfter, newLedger, readBack, rejected, stateSnapshot } from '../support/ledger-harness.js';

// Review 254 (session 59) embedded the library as a service would: objects handed back and
// frozen or written into, a ledger rebuilt after a restart, hostile values in `at`. Each
// describe names what it found; the expected values are the live ledger's own.

/** A Konbini payment that took its split at creation: the capture records the customer paying with it. */
const KONBINI_WITH_SPLIT: Command = {
  ...konbiniPayment('kb_1'),
  idempotencyKey: 'k1',
};

// Review 254 found that a ledger rebuilt after a restart answers a keyed retry with the entry
// the replay was given, unfrozen, where the live ledger's is frozen: a write into its pending
// split moved ¥4,500 from pm1 to the platform at capture. Freezing the entries a replay keeps
// was tried and turned back: they are the caller's objects, and scripts (these tests among
// them, by the hundred) edit a decoded journal and replay it again. The README now says so.
describe('a ledger rebuilt from its journal keeps the entries it was given, as given (README `JournalReplay`: "keeps them as given, not frozen … change none after passing it")', () => {
  it('the entry a keyed retry answers with is the decoded object the replay was given, not frozen', () => {
    const { ledger, entries } = readBack(CONFIG, ledgerAfter([KONBINI_WITH_SPLIT]).journal);
    const retry = accepted(ledger, KONBINI_WITH_SPLIT);
    expect(retry.replayed).toBe(true);
    expect(retry.entry).toBe(entries[0]);
    expect(Object.isFrozen(retry.entry)).toBe(false);
    // Left alone, the capture is the live ledger's: pm1 its 5,000 less the 500 platform fee.
    accepted(ledger, { op: 'payment.capture', payment: 'kb_1' });
    const live = ledgerAfter([KONBINI_WITH_SPLIT, { op: 'payment.capture', payment: 'kb_1' }]);
    expect(balances(ledger, 'mart', 'pm1')).toEqual(balances(live, 'mart', 'pm1'));
    expect(balances(ledger, 'pm1')).toEqual({ pm1: 4500 });
  });

  it('a replay that keeps no entries (retain false, as kanjo reconcile runs) does not freeze them either', () => {
    const unkept = JSON.parse(JSON.stringify(ledgerAfter([goldenPayment()]).journal)) as Entry[];
    const replay = new JournalReplay(newLedger(), false);
    expect(replay.add(unkept[0] as Entry).ok).toBe(true);
    expect(Object.isFrozen(unkept[0])).toBe(false);
  });
});

describe('a journal or state frozen from outside never leaves a ledger half-posted (DOMAIN.md "Journal": "A command either appends all of its entries or none")', () => {
  // Found: Object.freeze(ledger.journal) (TypeScript allows it on a readonly array) made
  // execute throw after the state had folded the entry: p2 and its balances were in the state,
  // not in the journal, and a retry of p2 was payment_id_taken.
  it('with the journal frozen, execute throws before anything changes', () => {
    const ledger = ledgerAfter([goldenPayment('p1')]);
    const before = stateSnapshot(ledger.state);
    Object.freeze(ledger.journal);
    expect(() => ledger.execute(goldenPayment('p2'))).toThrow(
      "this ledger's journal was frozen or sealed from outside and cannot take entry 2 (payment.create): nothing was posted; leave ledger.journal unfrozen, or rebuild the ledger from its journal (replayJournal) to go on",
    );
    expect(stateSnapshot(ledger.state)).toEqual(before);
    expect(balances(ledger, 'mart', 'pm1', 'pm2')).toEqual({ mart: 60, pm1: 630, pm2: 270 });
  });

  // Found: with a payment frozen, a refund threw after pm1's balance had dropped 900 → 850.
  // The fold cannot be undone, so the ledger says so and refuses to go on; its journal, which
  // does not hold the refund, rebuilds a whole one.
  it('with a payment frozen, the fold throws part-way, the ledger executes nothing more, and its journal rebuilds the state before the command', () => {
    const ledger = ledgerAfter([goldenPayment('p1')]);
    const beforeRefund = stateSnapshot(ledger.state);
    Object.freeze(ledger.state.payments.get('p1'));
    const refund: Command = { op: 'payment.refund', payment: 'p1', amount: 50, split: [{ submerchantId: 'pm1', amount: 50, platformFee: 0 }] };
    expect(() => ledger.execute(refund)).toThrow(/^this ledger's state or journal was changed from outside \(.+\), and appending entry 2 \(payment\.refund\) stopped part-way: the command was not appended, and the ledger executes nothing more; rebuild it from its journal \(replayJournal\), and leave ledger\.state and ledger\.journal as they are$/);
    expect(ledger.journal.length).toBe(1);
    expect(() => ledger.execute(goldenPayment('p2'))).toThrow(/stopped part-way: its state is incomplete, so it executes nothing more; rebuild it from its journal \(replayJournal\), which does not hold that entry/);
    expect(ledger.journal.length).toBe(1);
    const rebuilt = replayJournal(CONFIG, ledger.journal);
    expect(rebuilt.ok && stateSnapshot(rebuilt.value.state)).toEqual(beforeRefund);
    // The rebuilt ledger takes the refund.
    if (rebuilt.ok) accepted(rebuilt.value, refund);
  });

  // Review 256: a journal whose length was made read-only passes Object.isExtensible, and its
  // push threw after the fold, unmarked: the payment in the state, not in the journal.
  it('with the journal\'s length made read-only, the append throws, the ledger executes nothing more, and its journal rebuilds the state before the command', () => {
    const ledger = ledgerAfter([goldenPayment('p1')]);
    const before = stateSnapshot(ledger.state);
    Object.defineProperty(ledger.journal, 'length', { writable: false });
    expect(() => ledger.execute(goldenPayment('p2'))).toThrow(/^this ledger's state or journal was changed from outside \(.+\), and appending entry 2 \(payment\.create\) stopped part-way/);
    expect(ledger.journal.length).toBe(1);
    expect(() => ledger.execute(goldenPayment('p3'))).toThrow(/its state is incomplete, so it executes nothing more/);
    const rebuilt = replayJournal(CONFIG, ledger.journal);
    expect(rebuilt.ok && stateSnapshot(rebuilt.value.state)).toEqual(before);
    if (rebuilt.ok) accepted(rebuilt.value, goldenPayment('p2'));
  });

  it('another ledger of the same process is not affected by one that broke', () => {
    const broken = ledgerAfter([goldenPayment('p1')]);
    Object.freeze(broken.state.payments.get('p1'));
    const refund: Command = { op: 'payment.refund', payment: 'p1', amount: 50, split: [{ submerchantId: 'pm1', amount: 50, platformFee: 0 }] };
    expect(() => broken.execute(refund)).toThrow(/stopped part-way/);
    const other = ledgerAfter([goldenPayment('p1')]);
    accepted(other, refund);
  });
});

describe('an `at` whose reading throws is time_invalid, as {} is (README "Rejection codes": "an object whose reading throws, through a getter, a Proxy trap or a revoked Proxy, is written `an object`: the rejection still comes back")', () => {
  const expected = (described: string) => ({
    ok: false,
    error: { code: 'time_invalid', message: `at ${described} must be an existing ISO 8601 date and time with a UTC offset, e.g. 2026-04-01T10:00:00+09:00` },
  });
  const settlement = (at: unknown): Command => ({ op: 'settlement.run', date: '2026-01-02', at } as unknown as Command);

  // Found: `instanceof Date` asked the Proxy's getPrototypeOf, which a revoked Proxy answers
  // with a TypeError and a trapping one with its own error.
  it('a revoked Proxy and a Proxy whose getPrototypeOf throws are refused as {} is, and change nothing', () => {
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const trapping = new Proxy({}, { getPrototypeOf: () => { throw new Error('getPrototypeOf trap'); } });
    const ledger = newLedger();
    expect(ledger.execute(settlement({}))).toEqual(expected('{}'));
    expect(ledger.execute(settlement(revocable.proxy))).toEqual(expected('an object'));
    expect(ledger.execute(settlement(trapping))).toEqual(expected('{}'));
    expect(ledger.journal.length).toBe(0);
  });

  it('a Date is named as one, of this realm or another (a vm context, a worker\'s structured clone)', () => {
    const message = 'at must be a string, not a Date: pass date.toISOString() (2026-04-01T01:00:00.000Z), or an ISO 8601 date and time with a UTC offset such as 2026-04-01T10:00:00+09:00';
    expect(rejected(newLedger(), settlement(new Date('2026-04-01T01:00:00Z')), 'time_invalid')).toBe(message);
    expect(rejected(newLedger(), settlement(runInNewContext('new Date("2026-04-01T01:00:00Z")')), 'time_invalid')).toBe(message);
  });
});

describe('a capture that cannot leave a party out names the ways out it has (review 252)', () => {
  // Found: a Konbini payment whose split, fixed at creation, names a payout merchant
  // deactivated since was refused with "leave it out where the command lets you (no split line
  // for it…)", and leaving it out is split_fixed_at_creation.
  const deactivatedSince = (id: string) => ({
    merchants: CONFIG.merchants.map((merchant) => (merchant.id === id ? { ...merchant, status: 'deactivated' as const } : merchant)),
  });

  it('a payout merchant of the split fixed at creation', () => {
    const live = ledgerAfter([KONBINI_WITH_SPLIT]);
    const later = replayJournal(deactivatedSince('pm1'), live.journal);
    if (!later.ok) throw new Error(later.error.message);
    expect(rejected(later.value, { op: 'payment.capture', payment: 'kb_1' }, 'merchant_deactivated')).toBe(
      'merchant pm1 is deactivated and cannot take part in anything, and payment kb_1 cannot be captured without it (a payout merchant of the split it took at creation): activate it in the configuration (status: active), or cancel the payment (payment.cancel)',
    );
    // Review 256: a capture that restates the fixed split cannot leave pm1 out either.
    expect(rejected(later.value, { op: 'payment.capture', payment: 'kb_1', split: [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }] }, 'merchant_deactivated')).toMatch(/cannot be captured without it \(a payout merchant of the split it took at creation\)/);
    // Leaving it out, as the general message would have it, is refused.
    rejected(later.value, { op: 'payment.capture', payment: 'kb_1', split: [] }, 'split_fixed_at_creation');
    // The other way out it names is open.
    accepted(later.value, { op: 'payment.cancel', payment: 'kb_1' });
  });

  it('the seller of a seller-model payment, and the platform of either', () => {
    const authorized = ledgerAfter([sellerPayment('sp_1', { capture: false }), goldenPayment('p1', { capture: false, split: undefined })]);
    const sellerGone = replayJournal(deactivatedSince('s1'), authorized.journal);
    if (!sellerGone.ok) throw new Error(sellerGone.error.message);
    expect(rejected(sellerGone.value, { op: 'payment.capture', payment: 'sp_1' }, 'merchant_deactivated')).toBe(
      'merchant s1 is deactivated and cannot take part in anything, and payment sp_1 cannot be captured without it (its seller): activate it in the configuration (status: active), or cancel the payment (payment.cancel)',
    );
    const platformGone = replayJournal(deactivatedSince('mart'), authorized.journal);
    if (!platformGone.ok) throw new Error(platformGone.error.message);
    expect(rejected(platformGone.value, { op: 'payment.capture', payment: 'p1' }, 'merchant_deactivated')).toBe(
      'merchant mart is deactivated and cannot take part in anything, and payment p1 cannot be captured without it (its platform): activate it in the configuration (status: active), or cancel the payment (payment.cancel)',
    );
  });

  it('a split the capture gives itself still says to leave the line out, which it may', () => {
    const ledger = ledgerAfter([goldenPayment('p1', { capture: false, split: undefined })]);
    expect(rejected(ledger, { op: 'payment.capture', payment: 'p1', split: [{ submerchantId: 'pm3', amount: 500, platformFee: 0 }] }, 'merchant_deactivated')).toBe(
      'merchant pm3 is deactivated and cannot take part in anything: activate it in the configuration (status: active), or leave it out where the command lets you (no split line for it, another merchant; for a marketplace refund, a non-reverse one that gives it no part)',
    );
  });

  it('in the live book, a payout merchant of the fixed split whose approval was withdrawn since', () => {
    const approved = { book: 'live' as const, merchants: CONFIG.merchants.map((merchant) => ({ ...merchant, approved: true })) };
    const live = ledgerAfter([KONBINI_WITH_SPLIT], approved);
    const withdrawn = replayJournal({ ...approved, merchants: approved.merchants.map((merchant) => (merchant.id === 'pm1' ? { ...merchant, approved: false } : merchant)) }, live.journal);
    if (!withdrawn.ok) throw new Error(withdrawn.error.message);
    expect(rejected(withdrawn.value, { op: 'payment.capture', payment: 'kb_1' }, 'merchant_not_approved')).toBe(
      'merchant pm1 is not approved for live payments, and payment kb_1 cannot be captured without it (a payout merchant of the split it took at creation): approve it in the configuration (approved: true), or cancel the payment (payment.cancel)',
    );
    const platformWithdrawn = replayJournal({ ...approved, merchants: approved.merchants.map((merchant) => (merchant.id === 'mart' ? { ...merchant, approved: false } : merchant)) }, live.journal);
    if (!platformWithdrawn.ok) throw new Error(platformWithdrawn.error.message);
    expect(rejected(platformWithdrawn.value, { op: 'payment.capture', payment: 'kb_1' }, 'merchant_not_approved')).toBe(
      'merchant mart is not approved for live payments, and payment kb_1 cannot be captured without it (its platform): approve it in the configuration (approved: true), or cancel the payment (payment.cancel)',
    );
  });
});
