import { CompactEntryDecoder, createLedger, JournalReplay, parseJournalEntry, postedBalance, replayJournal, type Command, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, omit, refundRequest, sellerPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Adversarial review of `kanjo reconcile` / JournalReplay: journals exported by a faithful run,
// then edited. Each tampering below changes the state or balances a replay reports, and each is
// something the replay can see from the journal alone (the configuration, the state folded so
// far, the entry's own changes and postings). The replay must refuse the edited entry.

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type RawEntry = Mutable<Entry> & Record<string, unknown>;

const T0 = Date.parse('2026-04-01T10:00:00+09:00');
/** Commands dated one minute apart, so that time order is meaningful. */
function dated(commands: readonly Command[]): Command[] {
  return commands.map((command, index) => ({ ...command, at: new Date(T0 + index * 60_000).toISOString() }) as Command);
}

/** The faithful journal of `commands`, as plain (editable) JSON. */
function journalOf(commands: readonly Command[], config: LedgerConfig = CONFIG): RawEntry[] {
  return JSON.parse(JSON.stringify(ledgerAfter(dated(commands), config).state.journal)) as RawEntry[];
}

/** The rejection code of replaying `entries` over `config`, or 'accepted'. */
function replayCode(entries: readonly RawEntry[], config: LedgerConfig = CONFIG): string {
  const replayed = replayJournal(config, entries as unknown as Entry[]);
  return replayed.ok ? 'accepted' : replayed.error.code;
}

const change = (entry: RawEntry, index = 0): Record<string, any> => entry.changes[index] as unknown as Record<string, any>;

describe('sanity: the faithful journals replay', () => {
  it('marketplace, refund, konbini request', () => {
    const journal = journalOf([goldenPayment('pay_1'), goldenPayment('pay_2'), { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] } as Command]);
    expect(replayCode(journal)).toBe('accepted');
  });
});

const REFUND_100: Command = { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] } as Command;

// Findings: replay accepted every one of these and reported balances or payment states the
// faithful journal does not give. All are visible from the configuration, the state folded so
// far and the entry itself (its payment, changes and postings).
describe('tampered entries replay must refuse (journal_entry_inapplicable)', () => {
  it('F1 a refund change naming another payment than the entry payment (pay_1 → pay_2 in the change only)', () => {
    const journal = journalOf([goldenPayment('pay_1'), goldenPayment('pay_2'), REFUND_100]);
    change(journal[2]!).payment = 'pay_2';
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F2 a capture change whose capturedAmount (600) contradicts its postings (1000 from the customer)', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    change(journal[0]!, 1).capturedAmount = 600;
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F2b a capture of 5000 on a payment of 1000', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    change(journal[0]!, 1).capturedAmount = 5000;
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F3 a second capture of an already captured, partly refunded payment (its refunds are forgotten)', () => {
    const journal = journalOf([goldenPayment('pay_1'), REFUND_100, goldenPayment('pay_2')]);
    // Entry 3 replaced by a copy of pay_1's capture (change and postings): it resets pay_1's
    // refunded parts and amount to nothing, so pay_1 could be refunded in full a second time.
    journal[2]!.payment = 'pay_1';
    journal[2]!.changes = [journal[0]!.changes[1]!];
    journal[2]!.postings = journal[0]!.postings;
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F4 a refund of 5000 on a payment captured for 1000 (change, parts and postings scaled together)', () => {
    const journal = journalOf([goldenPayment('pay_1'), REFUND_100]);
    change(journal[1]!).amount = 5000;
    change(journal[1]!).parts.submerchants[0].amount = 5000;
    for (const posting of journal[1]!.postings) posting.amount *= 50;
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F4b a refund of 100 whose parts add up to 0', () => {
    const journal = journalOf([goldenPayment('pay_1'), REFUND_100]);
    change(journal[1]!).parts.submerchants[0].amount = 0;
    change(journal[1]!).parts.platform = 0;
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F4c a refund of an authorized, never captured payment', () => {
    const journal = journalOf([omit(goldenPayment('pay_1', { capture: false }), 'split'), goldenPayment('pay_2'), { ...REFUND_100, payment: 'pay_2' } as Command]);
    journal[2]!.payment = 'pay_1';
    change(journal[2]!).payment = 'pay_1';
    change(journal[2]!).parts = { platform: 100, submerchants: [] };
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F5 a balance transfer from mart to px, a payout merchant of bazaar', () => {
    const journal = journalOf([goldenPayment('pay_1'), { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 50, currency: 'JPY' } as Command]);
    change(journal[1]!).to = 'px';
    for (const posting of journal[1]!.postings) if (posting.merchant === 'pm1') { posting.merchant = 'px'; posting.account = 'Liabilities:Merchants:px'; }
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F5b a balance transfer whose change says 5 while its postings move 50', () => {
    const journal = journalOf([goldenPayment('pay_1'), { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 50, currency: 'JPY' } as Command]);
    change(journal[1]!).amount = 5;
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F4d a second pending refund request that, with the first, holds more than was captured (100 + 4950 of 5000)', () => {
    const journal = journalOf([
      konbiniPayment(),
      { op: 'payment.capture', payment: 'kb_1' } as Command,
      // mart keeps 348: move it enough to pay two Refund Fees with their tax (330 each).
      { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 1000, currency: 'JPY' } as Command,
      refundRequest({ id: 'rq1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
      refundRequest({ id: 'rq2', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
    ]);
    expect(replayCode(journal)).toBe('accepted');
    const request = change(journal[4]!).request as Record<string, any>;
    request.amount = 4950;
    request.parts = { platform: 500, submerchants: [{ submerchantId: 'pm1', amount: 4450 }] };
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F6 header config edited: pm1 becomes a seller of plt, yet keeps its marketplace split', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    const config = { merchants: CONFIG.merchants.map((m) => (m.id === 'pm1' ? { id: 'pm1', type: 'seller', platform: 'plt' } : m)) } as LedgerConfig;
    expect(replayCode(journal, config)).toBe('journal_entry_inapplicable');
  });
  it('F7 an entry dated before the entry before it', () => {
    const journal = journalOf([goldenPayment('pay_1'), goldenPayment('pay_2')]);
    journal[1]!.at = '2020-01-01T00:00:00.000Z';
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F7b an entry dated one millisecond before the entry before it (and the same instant is fine)', () => {
    const journal = journalOf([goldenPayment('pay_1'), goldenPayment('pay_2')]);
    journal[1]!.at = journal[0]!.at;
    expect(replayCode(journal)).toBe('accepted');
    journal[1]!.at = new Date(Date.parse(journal[0]!.at) - 1).toISOString();
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F7, its limit: a first entry dated before 1970 is no tampering (the engine takes it) and replays', () => {
    const live = ledgerAfter([{ ...goldenPayment('pay_1'), at: '1969-12-31T23:59:59Z' } as Command, goldenPayment('pay_2')]);
    expect(live.journal.map((entry) => entry.at)).toEqual(['1969-12-31T23:59:59.000Z', '1969-12-31T23:59:59.000Z']);
    expect(replayCode(JSON.parse(JSON.stringify(live.journal)) as RawEntry[])).toBe('accepted');
  });
  it('F8 an entry that moves money between merchants and records no change', () => {
    const journal = journalOf([goldenPayment('pay_1'), REFUND_100]);
    journal[1]!.changes = [];
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F9 cancelling a captured payment', () => {
    const journal = journalOf([goldenPayment('pay_1'), omit(goldenPayment('pay_2', { capture: false }), 'split'), { op: 'payment.cancel', payment: 'pay_2' } as Command]);
    journal[2]!.payment = 'pay_1';
    change(journal[2]!).payment = 'pay_1';
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F10 a chargeback of 99999 on a payment captured for 1000', () => {
    const journal = journalOf([goldenPayment('pay_1'), { op: 'payment.chargeback', payment: 'pay_1' } as Command]);
    change(journal[1]!).amount = 99999;
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F11 an idempotency key used by two entries', () => {
    const journal = journalOf([{ ...goldenPayment('pay_1'), idempotencyKey: 'k1' } as Command, { ...goldenPayment('pay_2'), idempotencyKey: 'k2' } as Command]);
    journal[1]!.command.idempotencyKey = 'k1';
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F12 a capture split to px, a payout merchant of another platform', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    const capture = change(journal[0]!, 1);
    capture.split[1].submerchantId = 'px';
    capture.shares.submerchants[1].submerchantId = 'px';
    for (const posting of journal[0]!.postings) if (posting.merchant === 'pm2') { posting.merchant = 'px'; posting.account = 'Liabilities:Merchants:px'; }
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F13 a payout period settled for a merchant not in the configuration', () => {
    const journal = journalOf([goldenPayment('pay_1'), goldenPayment('pay_2')]);
    journal[1]!.changes.push({ kind: 'payout_period_settled', merchant: 'nobody', currency: 'JPY', periodStart: '2026-01-01', periodEnd: '2026-01-31', amount: 0 } as any);
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('F14 a session completed with a payment that does not exist', () => {
    const session = { op: 'session.create', id: 'ses1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'auto', split: goldenPayment().split } as unknown as Command;
    const session2 = { ...session, id: 'ses2' } as Command;
    const journal = journalOf([session, { op: 'session.complete', session: 'ses1', payment: 'sp', paymentType: 'credit_card' } as Command, session2]);
    journal[2]!.changes.push({ kind: 'session_completed', session: 'ses1', payment: 'ghost' } as any);
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
});

// Controls: tamperings that were already refused.
describe('already refused', () => {
  it('a payment created twice across entries', () => {
    const journal = journalOf([goldenPayment('pay_1'), goldenPayment('pay_2')]);
    change(journal[1]!).payment.id = 'pay_1';
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('completing a refund request that never existed', () => {
    const journal = journalOf([konbiniPayment(), { op: 'payment.capture', payment: 'kb_1' } as Command, refundRequest({ id: 'rq', payment: 'kb_1', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 0 }] }), { op: 'refund_request.complete', refundRequest: 'rq' } as Command]);
    change(journal[3]!).refundRequest = 'ghost';
    expect(replayCode(journal)).toBe('journal_entry_inapplicable');
  });
  it('config edited: mart becomes a platform business', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    const config = { merchants: CONFIG.merchants.map((m) => (m.id === 'mart' ? { ...m, business: 'platform' } : m)) } as LedgerConfig;
    expect(replayCode(journal, config)).toBe('config_submerchant_type_mismatch');
  });
});

// F15, the two formats disagree: an entry whose command has no op (or a payment that is not a
// string) is refused by the compact decoder (journal_entry_malformed) but accepted by the
// object format's parseJournalEntry, so `kanjo reconcile` exits 1 on one export and 0 on the
// other for the same journal.
describe('both formats read the same journal the same way', () => {
  const header = { kanjo_journal: 2, config: CONFIG, accounts: [], recordTypes: [], strings: [], shapes: [[], ['=op']] };
  const decoded = CompactEntryDecoder.fromHeader(header);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const compact = decoded.value.decoder;
  it('F15 a command without an op', () => {
    const viaCompact = compact.decodeText('[1,"2026-04-01T01:00:00.000Z",[0],null,[],[],[]]', 2);
    const viaObjects = parseJournalEntry({ seq: 1, at: '2026-04-01T01:00:00.000Z', command: {}, changes: [], events: [], postings: [] }, 2);
    expect(viaCompact.ok ? 'ok' : viaCompact.error.code).toBe('journal_entry_malformed');
    expect(viaObjects.ok ? 'ok' : viaObjects.error.code).toBe('journal_entry_malformed');
  });
  it('F15b a payment field that is not a string', () => {
    const viaCompact = compact.decodeText('[1,"2026-04-01T01:00:00.000Z",[1,"payment.create"],7,[],[],[]]', 2);
    const viaObjects = parseJournalEntry({ seq: 1, at: '2026-04-01T01:00:00.000Z', command: { op: 'payment.create' }, payment: 7, changes: [], events: [], postings: [] }, 2);
    expect(viaCompact.ok ? 'ok' : viaCompact.error.code).toBe('journal_entry_malformed');
    expect(viaObjects.ok ? 'ok' : viaObjects.error.code).toBe('journal_entry_malformed');
  });
});

// F16, a crash: a `kanjo_journal: 1` header with `"config": null` (typeof null is 'object', so
// reconcile's header check lets it through) makes createLedger throw a TypeError ("Cannot read
// properties of null (reading 'book')"): `kanjo reconcile` exits 70, "internal error (please
// report)", instead of naming the broken header.
it('F16 createLedger refuses a configuration that is not an object, without throwing', () => {
  for (const config of [null, 7, 'x', undefined]) {
    const created = createLedger(config as unknown as LedgerConfig);
    expect(created.ok ? 'ok' : created.error.code).toBe('config_invalid');
  }
});

// After a refused entry nothing of it is applied (the check runs before the fold): the second
// capture of F3 leaves balances and the payment as they were, and the faithful rest of the
// journal still replays.
it('a refused entry changes nothing and the next faithful entry still applies', () => {
  const journal = journalOf([goldenPayment('pay_1'), REFUND_100, goldenPayment('pay_2')]);
  const created = createLedger(CONFIG);
  if (!created.ok) throw new Error();
  const replay = new JournalReplay(created.value);
  for (const entry of journal.slice(0, 2)) expect(replay.add(entry as unknown as Entry).ok).toBe(true);
  const before = postedBalance(replay.ledger.state, 'mart', 'JPY');
  const recapture = { ...journal[2]!, payment: 'pay_1', changes: [journal[0]!.changes[1]!], postings: journal[0]!.postings };
  expect(replay.add(recapture as unknown as Entry).ok).toBe(false);
  expect(postedBalance(replay.ledger.state, 'mart', 'JPY')).toBe(before);
  expect(replay.ledger.state.payments.get('pay_1')?.refundedAmount).toBe(100);
  expect(replay.add(journal[2] as unknown as Entry).ok).toBe(true);
});

// F17 (fixed after the review): merchant postings were not compared with the change's shares. The capture of
// pay_1 edited so that pm1's postings net 270 and pm2's 630 (swapped), while the change's
// shares still say pm1 630, pm2 270: the entry balances, customer money matches, and replay
// reports pm1 270 / pm2 630 where the faithful journal gives 630 / 270, while the payment's
// shares (which later refunds are checked against) still say the opposite.
it('F17 a capture whose merchant postings contradict its shares', () => {
  const journal = journalOf([goldenPayment('pay_1')]);
  for (const posting of journal[0]!.postings) {
    if (posting.merchant === 'pm1') { posting.merchant = 'pm2'; posting.account = 'Liabilities:Merchants:pm2'; }
    else if (posting.merchant === 'pm2') { posting.merchant = 'pm1'; posting.account = 'Liabilities:Merchants:pm1'; }
  }
  expect(replayCode(journal)).toBe('journal_entry_inapplicable');
});

describe("a replay's message stays short whatever the journal's ids", () => {
  // A tampered journal's ids have no length limit (the engine's 255 characters are not checked
  // on replay): a payment id of 100,000 characters was written whole into the message, and
  // `kanjo reconcile` printed it as one 100 kB line. The message is now cut.
  it('a 100,000-character id in a refused entry gives a message of at most 4,000 characters that still names the entry and the problem', () => {
    const journal = journalOf([goldenPayment('pay_1'), REFUND_100]);
    const longId = 'x'.repeat(100_000);
    change(journal[1]!)['payment'] = longId;
    const replayed = replayJournal(CONFIG, journal as unknown as Entry[]);
    const message = replayed.ok ? 'accepted' : replayed.error.message;
    expect(message.length).toBeLessThanOrEqual(4_000);
    expect(message.startsWith('entry 2 cannot be applied: unknown payment xxx')).toBe(true);
    const whole = `entry 2 cannot be applied: unknown payment ${longId}`;
    // Cut in the middle: the start (the entry) and the end (here the id's last characters) are kept.
    expect(message).toContain(`x … (cut: the message is ${whole.length.toLocaleString('en')} characters long) … x`);
    expect(message.endsWith('xxx')).toBe(true);
  });

  it('an ordinary message is left whole', () => {
    const journal = journalOf([goldenPayment('pay_1'), REFUND_100]);
    change(journal[1]!)['payment'] = 'pay_9';
    const replayed = replayJournal(CONFIG, journal as unknown as Entry[]);
    expect(replayed.ok ? 'accepted' : replayed.error.message).toBe('entry 2 cannot be applied: unknown payment pay_9');
  });
});

describe("a created payment's seller and session must be strings when read back", () => {
  // parseJournalEntry checked the created payment's other fields but not these two: a seller
  // written as a list was read and refused only later, as journal_entry_inapplicable, with a
  // message about a seller that is not one of the configuration's.
  it.each([
    ['seller', ['sel_1']],
    ['seller', 7],
    ['session', { id: 'ses_1' }],
  ])('%s written as %j is journal_entry_malformed', (field, value) => {
    const [entry] = journalOf([sellerPayment('sp_1')]);
    change(entry!)['payment'][field] = value;
    const parsed = parseJournalEntry(JSON.parse(JSON.stringify(entry)), 2);
    expect(parsed.ok ? 'accepted' : parsed.error.code).toBe('journal_entry_malformed');
  });

  it('the faithful entry, with its seller, is read back', () => {
    const [entry] = journalOf([sellerPayment('sp_1')]);
    expect(change(entry!)['payment']['seller']).toBeTypeOf('string');
    const parsed = parseJournalEntry(JSON.parse(JSON.stringify(entry)), 2);
    expect(parsed.ok ? 'accepted' : parsed.error.code).toBe('accepted');
  });
});
