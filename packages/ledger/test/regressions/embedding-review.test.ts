import {
  JournalReplay,
  PAYMENT_METHOD_CAPABILITIES,
  paymentMethodCapabilities,
  journalNdjsonLines,
  merchantBalances,
  nextPayout,
  parseJournalEntry,
  replayJournal,
  sessionReturnUrl,
  type Command,
  type CreateSessionCommand,
  type Ledger,
  type PayoutFrequency,
} from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { BANK_ACCOUNT, CONFIG, goldenPayment, konbiniPayment, marketplaceSession } from '../support/fixtures.js';
import { accepted, ledgerAfter, newLedger, stateSnapshot } from '../support/ledger-harness.js';

// Review of the library as a service that embeds it uses it: commands built in code, objects
// the service goes on using after the call.

/** The journal as JSON text: what an export writes and a later replay reads. */
const journalText = (ledger: Ledger): string => JSON.stringify(ledger.journal);

/** What replaying the ledger's own journal gives: 'accepted' or the rejection. */
function replayed(ledger: Ledger): string {
  const rebuilt = replayJournal(CONFIG, ledger.journal);
  return rebuilt.ok ? 'accepted' : `${rebuilt.error.code}: ${rebuilt.error.message}`;
}

describe('a caller changing an object it passed in, after the call, changes nothing the ledger recorded', () => {
  // The ledger kept the caller's split lines, session lists and bank account by reference, in
  // the state and in the journal entry itself: a service that reuses its request objects
  // rewrote recorded history ("Entries are never changed or removed"), changed what a later
  // capture moved, and could leave a journal that no longer replays.

  it('a Konbini split given at creation (capture: true) is the split its capture posts', () => {
    const command = konbiniPayment('kb_1');
    const split = [{ submerchantId: 'pm1', amount: 5000, platformFee: 500 }];
    const ledger = ledgerAfter([{ ...command, split }]);
    const written = journalText(ledger);
    // The service reuses its request object for the next order.
    split[0] = { submerchantId: 'pm2', amount: 5000, platformFee: 0 };
    expect(journalText(ledger)).toBe(written);
    accepted(ledger, { op: 'payment.capture', payment: 'kb_1' });
    // pm1 5000 − fee 500; mart 500 − fee 138 − tax 14 (the fixture's numbers): pm2 gets nothing.
    expect(merchantBalances(ledger.state)['pm1']).toEqual({ JPY: 4500 });
    expect(merchantBalances(ledger.state)['pm2']).toEqual({});
    expect(merchantBalances(ledger.state)['mart']).toEqual({ JPY: 348 });
    expect(replayed(ledger)).toBe('accepted');
  });

  it('a card payment captured at once keeps its split when the caller edits the lines afterwards', () => {
    const split = [
      { submerchantId: 'pm1', amount: 700, platformFee: 70 },
      { submerchantId: 'pm2', amount: 300, platformFee: 30 },
    ];
    const ledger = ledgerAfter([{ op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split }]);
    const written = journalText(ledger);
    split[0]!.amount = 1; // now below its platform fee: a split the engine refuses
    split.push({ submerchantId: 'pm4', amount: 5, platformFee: 0 });
    expect(journalText(ledger)).toBe(written);
    expect(ledger.state.payments.get('p1')?.split).toEqual([
      { submerchantId: 'pm1', amount: 700, platformFee: 70 },
      { submerchantId: 'pm2', amount: 300, platformFee: 30 },
    ]);
    expect(replayed(ledger)).toBe('accepted');
  });

  it('a two-step capture keeps the split it was given', () => {
    const ledger = ledgerAfter([{ op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: false }]);
    const split = [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }];
    accepted(ledger, { op: 'payment.capture', payment: 'p1', split });
    const written = journalText(ledger);
    split[0]!.platformFee = 2000;
    expect(journalText(ledger)).toBe(written);
    expect(replayed(ledger)).toBe('accepted');
  });

  it("a session keeps the payment types, split and metadata it was created with", () => {
    const paymentTypes = ['credit_card'];
    const split = [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }];
    const metadata: Record<string, string> = { order: 'A-1' };
    const ledger = ledgerAfter([marketplaceSession('ses_1', { paymentTypes, split, metadata })]);
    const written = journalText(ledger);
    paymentTypes.push('no_such_type');
    split[0]!.submerchantId = 'pm2';
    metadata['order'] = 'B-2';
    expect(journalText(ledger)).toBe(written);
    // The session offers what it offered when created.
    const completed = ledger.execute({ op: 'session.complete', session: 'ses_1', payment: 'p1', paymentType: 'no_such_type' });
    expect(completed.ok ? 'accepted' : completed.error.code).toBe('session_payment_type_not_offered');
    accepted(ledger, { op: 'session.complete', session: 'ses_1', payment: 'p1', paymentType: 'credit_card' });
    expect(merchantBalances(ledger.state)['pm1']).toEqual({ JPY: 900 });
    expect(merchantBalances(ledger.state)['pm2']).toEqual({});
    expect(replayed(ledger)).toBe('accepted');
  });

  it('a refund request keeps the bank account it was made with', () => {
    const bankAccount = { ...BANK_ACCOUNT };
    const ledger = ledgerAfter([konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' }]);
    accepted(ledger, { op: 'payment.refund_request', id: 'rr_1', payment: 'kb_1', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], includePaymentMethodFee: false, bankAccount });
    const written = journalText(ledger);
    bankAccount.accountNumber = 'not digits';
    expect(journalText(ledger)).toBe(written);
    expect(ledger.state.refundRequests.get('rr_1')?.bankAccount.accountNumber).toBe(BANK_ACCOUNT.accountNumber);
  });
});

describe('session.create from code: what the engine accepts, its own journal reader reads', () => {
  // SessionInit types metadata values, external_order_num and default_locale as text, and the
  // journal readers (parseJournalEntry, the compact decoder, `kanjo reconcile`) refuse anything
  // else as journal_entry_malformed. The engine took a number from code and wrote a journal
  // that `kanjo reconcile` refused at that entry ("session_created needs session of the right
  // type"), while replayJournal from code accepted it; an external_customer_id that is not a
  // string threw a TypeError ("text is not iterable").

  /** What each format's reader says of every entry of the ledger's journal. */
  function readBack(ledger: Ledger): string[] {
    const lines = [...journalNdjsonLines(CONFIG, ledger.journal, 'objects')].slice(1);
    return lines.map((line, index) => {
      const parsed = parseJournalEntry(JSON.parse(line), index + 2);
      return parsed.ok ? 'read' : `${parsed.error.code}: ${parsed.error.message}`;
    });
  }

  const cases: [string, Partial<CreateSessionCommand> & Record<string, unknown>][] = [
    ['a metadata value that is a number', { metadata: { order: 1 } as unknown as Record<string, string> }],
    ['a metadata value that is null', { metadata: { order: null } as unknown as Record<string, string> }],
    ['metadata that is a list', { metadata: ['x'] as unknown as Record<string, string> }],
    ['an external_order_num that is a number', { externalOrderNum: 5 as unknown as string }],
    ['a default_locale that is a number', { defaultLocale: 7 as unknown as string }],
    ['an external_customer_id that is a number', { externalCustomerId: 7 as unknown as string }],
  ];
  for (const [what, fields] of cases) {
    it(`${what} is refused as field_invalid, and nothing is appended`, () => {
      const ledger = newLedger();
      const before = stateSnapshot(ledger.state);
      const result = ledger.execute(marketplaceSession('ses_1', fields));
      expect(result.ok ? 'accepted' : result.error.code).toBe('field_invalid');
      expect(stateSnapshot(ledger.state)).toEqual(before);
    });
  }

  it('control: text fields of the right type are accepted and read back', () => {
    const ledger = ledgerAfter([marketplaceSession('ses_1', { metadata: { order: '1' }, externalOrderNum: 'o-1', defaultLocale: 'ja', externalCustomerId: 'c-1' })]);
    expect(readBack(ledger)).toEqual(['read']);
  });

  it('a field SessionInit does not have is not written into the journal', () => {
    // A service passing its whole request body on (a card number, a password) would otherwise
    // have it kept forever in an append-only journal.
    const command = { ...marketplaceSession('ses_1'), cardNumber: '4111111111111111' } as Command;
    const ledger = ledgerAfter([command]);
    expect(JSON.stringify(ledger.journal)).not.toContain('4111111111111111');
    expect(readBack(ledger)).toEqual(['read']);
  });
});

describe('nextPayout from code: a frequency Kanjo does not have is refused, not answered as monthly', () => {
  // nextPayout returns a LedgerResult and refuses a bad date; a frequency read from a service's
  // own store ("daily", "Weekly") was answered with the monthly schedule, a wrong payout date.
  // README: "payout_frequency_invalid | frequency must be weekly or monthly".
  for (const frequency of ['daily', 'Weekly', '']) {
    it(`${JSON.stringify(frequency)} is payout_frequency_invalid`, () => {
      const answer = nextPayout(frequency as PayoutFrequency, '2026-04-01');
      expect(answer.ok ? answer.value : answer.error.code).toBe('payout_frequency_invalid');
    });
  }

  it('a payout or period outside the four-digit years is date_invalid, not a malformed date', () => {
    // Answered before: payoutDate "+010000-01" (9999-12-31 a holiday moves the payout into the
    // year 10000) and a period "-000001-12" to "-000001-12" (a week of the year -1). settlement.run
    // already refuses a date in the year 0 for the same reason (payout-calendar.test.ts).
    const late = nextPayout('monthly', '9999-12-30', ['9999-12-31']);
    expect(late.ok ? late.value : late.error.code).toBe('date_invalid');
    const early = nextPayout('weekly', '0000-01-01');
    expect(early.ok ? early.value : early.error.code).toBe('date_invalid');
    expect(nextPayout('monthly', '9999-12-15')).toEqual({ ok: true, value: { payoutDate: '9999-12-31', period: { start: '9999-11-01', end: '9999-11-30' } } });
  });

  it('control: weekly and monthly', () => {
    expect(nextPayout('weekly', '2026-04-01')).toEqual({ ok: true, value: { payoutDate: '2026-04-03', period: { start: '2026-03-21', end: '2026-03-27' } } });
    expect(nextPayout('monthly', '2026-04-01')).toEqual({ ok: true, value: { payoutDate: '2026-04-30', period: { start: '2026-03-01', end: '2026-03-31' } } });
  });
});

describe('sessionReturnUrl keeps the merchant\'s URL byte for byte', () => {
  // Its TSDoc: "The merchant's URL is kept byte for byte (a signed return URL must not be
  // re-encoded)". Empty parts of the query were dropped: ?x=1&&y=2 came back as ?x=1&y=2, and
  // ?&x=1 as ?x=1, so a signature over the query as written no longer matched.
  it('an empty part of the query stays', () => {
    expect(sessionReturnUrl('https://shop.example/r?x=1&&y=2', 'ses_1')).toBe('https://shop.example/r?x=1&&y=2&session_id=ses_1');
    expect(sessionReturnUrl('https://shop.example/r?&x=1#f', 'ses_1')).toBe('https://shop.example/r?&x=1&session_id=ses_1#f');
  });

  it('a query that ends in & or is empty takes the parameter without another &', () => {
    expect(sessionReturnUrl('https://shop.example/r?x=1&', 'ses_1')).toBe('https://shop.example/r?x=1&session_id=ses_1');
    expect(sessionReturnUrl('https://shop.example/r?', 'ses_1')).toBe('https://shop.example/r?session_id=ses_1');
  });

  it('a stale session_id is replaced where it stands, the rest as written', () => {
    expect(sessionReturnUrl('https://shop.example/r?a=1&&session_id=old&b=2', 'ses_1')).toBe('https://shop.example/r?a=1&&session_id=ses_1&b=2');
  });
});

// Ledger.state was "Read-only to callers" by its TSDoc only: tsc accepted
// ledger.state.journal.push(entry), a payment's status written, a balance set. Since 2026-12-01
// it is typed LedgerStateView, read-only all the way down; the type test of that is in
// test/types/public-api.test-d.ts ("Ledger.state is read-only all the way down").

describe('JournalReplay rebuilds a ledger from the start: it does not fold a journal into one that has entries', () => {
  // new JournalReplay(ledger) on a ledger that had executed a command counted from 0: entry 1
  // of another journal was accepted and appended after the ledger's own entry 1, a journal
  // with two entries numbered 1 and a state no replay gives. The same when the ledger executed
  // a command between two add() calls. Misuse from code throws (Ledger.execute's TSDoc).
  const payment = (id: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] });

  it('a ledger that already has entries is refused when the replay is made', () => {
    const source = ledgerAfter([payment('p1')]);
    const used = ledgerAfter([payment('z1')]);
    expect(() => new JournalReplay(used)).toThrow('JournalReplay rebuilds a ledger from its first entry, but this one already has 1');
    expect(used.journal.map((entry) => entry.seq)).toEqual([1]);
    expect(replayJournal(CONFIG, source.journal).ok).toBe(true);
  });

  it('an entry added after the ledger executed a command of its own is refused, and nothing is appended', () => {
    const source = ledgerAfter([payment('p1'), payment('p2')]);
    const replay = new JournalReplay(newLedger());
    expect(replay.add(source.journal[0]!)).toEqual({ ok: true, value: undefined });
    accepted(replay.ledger, payment('own'));
    expect(() => replay.add(source.journal[1]!)).toThrow('JournalReplay rebuilds a ledger from its first entry, but this one already has 2 entries, 1 of them not added by this replay');
    expect(replay.ledger.journal.map((entry) => entry.seq)).toEqual([1, 2]);
  });
});

describe('the payment method table cannot be changed from outside (module state every ledger reads)', () => {
  // paymentMethodCapabilities handed out the engine's own objects, and PAYMENT_METHOD_CAPABILITIES
  // was the engine's own Map: PayPay, LINE Pay and Merpay share one object, so from JavaScript
  // `paymentMethodCapabilities('paypay').chargeback = true` let every ledger charge back a
  // Merpay payment, and `PAYMENT_METHOD_CAPABILITIES.set('konbini', …)` changed Konbini's refund route.
  const wallet = (id: string): Command => ({ ...goldenPayment(id), paymentType: 'merpay' });

  it('the capabilities are frozen: a write throws in strict mode and a Merpay chargeback is still refused', () => {
    const capabilities = paymentMethodCapabilities('paypay') as { chargeback: boolean };
    expect(Object.isFrozen(capabilities)).toBe(true);
    expect(() => {
      capabilities.chargeback = true;
    }).toThrow(TypeError);
    const ledger = ledgerAfter([wallet('mp_1')]);
    expect(ledger.execute({ op: 'payment.chargeback', payment: 'mp_1' })).toMatchObject({ ok: false, error: { code: 'chargeback_not_supported' } });
  });

  it('the exported table is a copy: replacing an entry of it changes nothing the engine decides', () => {
    const table = PAYMENT_METHOD_CAPABILITIES as Map<string, unknown>;
    const konbini = table.get('konbini');
    table.set('merpay', paymentMethodCapabilities('credit_card'));
    try {
      expect(paymentMethodCapabilities('merpay')?.chargeback).toBe(false);
      const ledger = ledgerAfter([wallet('mp_2')]);
      expect(ledger.execute({ op: 'payment.chargeback', payment: 'mp_2' })).toMatchObject({ ok: false, error: { code: 'chargeback_not_supported' } });
    } finally {
      table.set('merpay', paymentMethodCapabilities('merpay'));
    }
    expect(table.get('konbini')).toBe(konbini);
  });
});
