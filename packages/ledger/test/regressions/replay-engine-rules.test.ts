import { JournalReplay, replayJournal, type Command, type Entry, type Ledger } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, refundRequest } from '../support/fixtures.js';
import { ledgerAfter, newLedger } from '../support/ledger-harness.js';

// Replay refuses an entry the engine itself could never have written, the rules the engine
// decides commands by included: the shape of a refund request's stored fees, what a payment's
// type allows, and whether the payer of a transfer or refund has the money available.

type RawEntry = Entry & Record<string, any>;

/** A change of a journal being edited, its fields open to any value. */
const change = (entry: RawEntry | undefined, index = 0): Record<string, any> => entry?.changes[index] as unknown as Record<string, any>;

/** Sets the amount of an entry's first change (a transfer, a payout) and scales its postings to match. */
function setAmount(entry: RawEntry | undefined, amount: number): void {
  change(entry)['amount'] = amount;
  for (const posting of entry!.postings) (posting as { amount: number }).amount = Math.sign(posting.amount) * amount;
}

/** A faithful journal as plain JSON, to edit as a hand would. */
function journalOf(commands: readonly Command[]): RawEntry[] {
  return JSON.parse(JSON.stringify(ledgerAfter(commands).state.journal)) as RawEntry[];
}

/** The state a refused entry must leave as it was. */
function folded(ledger: Ledger): unknown {
  const { balances, holds, payments, refundRequests, pendingRefundRequests, sessions, idempotency } = ledger.state;
  return structuredClone({ balances, holds, payments, refundRequests, pendingRefundRequests, sessions, idempotency });
}

/**
 * Replays `journal` entry by entry and expects the last entry refused with `code` and exactly
 * `message`, the state left as the entries before it made it. Returns nothing: the test is the
 * expectation.
 */
function expectLastRefused(journal: readonly RawEntry[], code: string, message: string): void {
  const replay = new JournalReplay(newLedger());
  for (const entry of journal.slice(0, -1)) expect(replay.add(entry)).toEqual({ ok: true, value: undefined });
  const before = folded(replay.ledger);
  expect(replay.add(journal.at(-1) as Entry)).toEqual({ ok: false, error: { code, message } });
  expect(folded(replay.ledger)).toEqual(before);
  // The one-call form names the same entry.
  expect(replayJournal(CONFIG, journal)).toEqual({ ok: false, error: { code, message } });
}

/** A Konbini payment paid by the customer, mart topped up by pm1, and a request that refunds the customer fee too. */
const KONBINI_REQUEST: readonly Command[] = [
  konbiniPayment(),
  { op: 'payment.capture', payment: 'kb_1' },
  { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 1000, currency: 'JPY' },
  refundRequest({ id: 'rq1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }], includePaymentMethodFee: true }),
];

describe('a refund request\'s stored fees are shape-checked on replay (journal_entry_malformed naming the entry and the field)', () => {
  const faithful = journalOf(KONBINI_REQUEST);
  const needs = (field: string) => `entry 4: refund_request_created needs ${field} of the right type (request, request.refundFee, request.refundedCustomerFee)`;

  it('the faithful journal replays, its request storing both fees', () => {
    expect(faithful[3]?.changes[0]).toMatchObject({ kind: 'refund_request_created', request: { refundFee: { fee: { amount: 300 }, tax: { amount: 30 } }, refundedCustomerFee: { fee: { amount: 190 }, tax: { amount: 19 } } } });
    expect(replayJournal(CONFIG, faithful).ok).toBe(true);
  });

  /** Each way a stored fee can be malformed: where it sits, and what is put there (`undefined`: removed). */
  const malformed: [string, (fee: Record<string, any>) => void][] = [
    ['missing', (fee) => { delete fee['value']; }],
    ['a string', (fee) => { fee['value'] = '330'; }],
    ['an empty object', (fee) => { fee['value'] = {}; }],
    ['null', (fee) => { fee['value'] = null; }],
    ['a fee amount that is a string', (fee) => { fee['value'].fee.amount = '300'; }],
    ['a fee amount that is an object', (fee) => { fee['value'].fee.amount = { amount: 300 }; }],
    ['a fee amount that is null', (fee) => { fee['value'].fee.amount = null; }],
    ['a tax amount that is a fraction', (fee) => { fee['value'].tax.amount = 29.5; }],
    ['a tax amount that is negative', (fee) => { fee['value'].tax.amount = -30; }],
    ['a tax without its amount', (fee) => { delete fee['value'].tax.amount; }],
  ];
  for (const field of ['refundFee', 'refundedCustomerFee'] as const) {
    for (const [what, breakFee] of malformed) {
      // A request refunds the customer fee only when asked: its absence is no malformation.
      if (field === 'refundedCustomerFee' && what === 'missing') continue;
      it(`request.${field} ${what}`, () => {
        const journal = structuredClone(faithful);
        const request = change(journal[3])['request'] as Record<string, unknown>;
        const holder = { value: request[field] };
        breakFee(holder);
        if ('value' in holder) request[field] = holder.value;
        else delete request[field];
        expectLastRefused(journal, 'journal_entry_malformed', needs(`request.${field}`));
      });
    }
  }

  it('a request without refundedCustomerFee (not asked for) still replays', () => {
    const journal = journalOf([...KONBINI_REQUEST.slice(0, 3), refundRequest({ id: 'rq1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] })]);
    expect(change(journal[3])['request']).not.toHaveProperty('refundedCustomerFee');
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
  });
});

// Each tampering below moves an entry the engine wrote for one payment onto another payment of
// the same parties, amount and fees but of a type that forbids it (or edits a created payment's
// type to one with the same fees): balanced, every party's money as its changes say, so only the
// rule of the payment type can refuse it. The message ends with the code the engine gives the command.
describe('what a payment\'s type forbids is refused on replay (journal_entry_inapplicable naming the engine\'s code)', () => {
  /** A card and a Konbini payment of ¥5,000 each, both split {pm1 5000 fee 500} and captured. */
  const TWIN_PAYMENTS: readonly Command[] = [
    konbiniPayment(),
    { op: 'payment.capture', payment: 'kb_1' },
    { ...konbiniPayment('cc'), paymentType: 'credit_card' },
  ];
  /** Points an entry and its first change at another payment. */
  const moveTo = (entry: RawEntry | undefined, payment: string): void => {
    (entry as Record<string, unknown>)['payment'] = payment;
    const moved = change(entry);
    if (moved['kind'] === 'refund_request_created') moved['request'].payment = payment;
    else moved['payment'] = payment;
  };

  it('a direct refund of a Konbini payment (refund_request_required)', () => {
    const journal = journalOf([...TWIN_PAYMENTS, { op: 'payment.refund', payment: 'cc', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    moveTo(journal[3], 'kb_1');
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 4 cannot be applied: payment kb_1 refunded directly, but konbini payments are refunded by refund request (refund_request_required)');
  });

  it('the refund that completes a Konbini refund request is no direct refund: it replays', () => {
    const journal = journalOf([...KONBINI_REQUEST, { op: 'refund_request.complete', refundRequest: 'rq1' }]);
    expect(journal[4]?.changes.map((one) => one.kind)).toEqual(['refund_request_completed', 'payment_refunded']);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
  });

  it('a refund request for a card payment (refund_request_not_supported)', () => {
    const journal = journalOf([
      ...TWIN_PAYMENTS,
      { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 1000, currency: 'JPY' },
      refundRequest({ id: 'rq1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
    ]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    moveTo(journal[4], 'cc');
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 5 cannot be applied: refund request rq1 made for payment cc, but credit_card payments are refunded directly (refund_request_not_supported)');
  });

  it('a partial capture of a PayPay payment created through the Payment API (partial_capture_not_supported)', () => {
    const authorize = (id: string, paymentType: string): Command => ({ op: 'payment.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType, capture: false });
    const journal = journalOf([authorize('cc', 'credit_card'), authorize('pp', 'paypay'), { op: 'payment.capture', payment: 'cc', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 50 }] }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    moveTo(journal[2], 'pp');
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 3 cannot be applied: payment pp of 1000, paypay created through the Payment API, captured for 500: it cannot be partially captured (partial_capture_not_supported)');
  });

  it('a partial capture of a Konbini payment created through a hosted-page session (partial_capture_not_supported), where a PayPay one may', () => {
    const session = (id: string, paymentType: string): Command[] => [
      { op: 'session.create', id, merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: [paymentType], returnUrl: 'https://shop.example/r', capture: 'manual' },
      { op: 'session.complete', session: id, payment: `${id}_pay`, paymentType },
    ];
    // The PayPay capture is allowed (a wallet from a session); its entry is then moved to the Konbini payment.
    const journal = journalOf([...session('ses_kb', 'konbini'), ...session('ses_pp', 'paypay'), { op: 'payment.capture', payment: 'ses_pp_pay', amount: 500, split: [{ submerchantId: 'pm1', amount: 500, platformFee: 50 }] }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    moveTo(journal[4], 'ses_kb_pay');
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 5 cannot be applied: payment ses_kb_pay of 1000, konbini created through a hosted-page session, captured for 500: it cannot be partially captured (partial_capture_not_supported)');
  });

  it('a chargeback of a PayPay payment (chargeback_not_supported)', () => {
    const journal = journalOf([{ ...konbiniPayment('pp'), paymentType: 'paypay' }, { ...konbiniPayment('cc'), paymentType: 'credit_card' }, { op: 'payment.chargeback', payment: 'cc' }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    moveTo(journal[2], 'pp');
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 3 cannot be applied: payment pp charged back, but paypay payments have no chargebacks (chargeback_not_supported)');
  });

  it('a seller-model payment of a type its seller does not accept (payment_type_not_accepted)', () => {
    // s2 accepts only cards; PayPay costs the same 3.6%, so only the type tells the entries apart.
    const journal = journalOf([{ op: 'payment.create', id: 'sp', merchant: 'plt', as: 's2', amount: 50_000, currency: 'JPY', paymentType: 'credit_card', platformAmount: 5_000, platformMerchant: 'plt' }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    change(journal[0])['payment'].paymentType = 'paypay';
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 1 cannot be applied: payment sp is a paypay payment of s2, which does not accept paypay (payment_type_not_accepted)');
  });

  it('a payment of a type Kanjo does not know (payment_type_not_supported)', () => {
    const journal = journalOf([{ ...konbiniPayment('cc'), paymentType: 'credit_card' }]);
    change(journal[0])['payment'].paymentType = 'bitcoin';
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 1 cannot be applied: payment cc is of type "bitcoin", which Kanjo does not know the fund flow of (payment_type_not_supported)');
  });

  it('a marketplace payment split to a payout merchant that does not accept its type (payment_type_not_accepted)', () => {
    // pm4 accepts only cards.
    const journal = journalOf([{ ...konbiniPayment('cc'), paymentType: 'credit_card', split: [{ submerchantId: 'pm4', amount: 5000, platformFee: 500 }] }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    change(journal[0])['payment'].paymentType = 'paypay';
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 1 cannot be applied: payment cc split to pm4, which does not accept paypay (payment_type_not_accepted)');
  });
});

describe('more that the engine decides and replay now re-checks', () => {
  it('a session completed with a payment of a type the session does not offer (session_payment_type_not_offered)', () => {
    const journal = journalOf([
      { op: 'session.create', id: 'ses', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'manual' },
      { op: 'session.complete', session: 'ses', payment: 'sp', paymentType: 'credit_card' },
    ]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    // mart accepts PayPay: only the session's list refuses it.
    change(journal[1])['payment'].paymentType = 'paypay';
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 2 cannot be applied: session ses completed with payment sp of paypay, which the session does not offer (session_payment_type_not_offered)');
  });

  describe('a session\'s completion creates the payment the session describes (decideCompleteSession)', () => {
    const SPLIT = [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }];
    const completed = (capture: 'auto' | 'manual'): RawEntry[] =>
      journalOf([
        { op: 'session.create', id: 'ses', merchant: 'mart', amount: 1000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture, ...(capture === 'auto' ? { split: SPLIT } : {}) },
        { op: 'session.complete', session: 'ses', payment: 'sp', paymentType: 'credit_card' },
      ]);

    it('faithful completions replay, captured at once or authorized', () => {
      expect(replayJournal(CONFIG, completed('auto')).ok).toBe(true);
      expect(replayJournal(CONFIG, completed('manual')).ok).toBe(true);
    });

    /** What is edited (in the session's entry, 0, or the completion's, 1), and the refusal. */
    const edits: [string, 'auto' | 'manual', 0 | 1, (changed: Record<string, any>) => void, string][] = [
      ['a payment that says it came from the Payment API (origin decides partial capture)', 'manual', 1, (changed) => { changed['payment'].origin = 'api'; }, 'whose origin is "api", not the session\'s "session"'],
      ['a payment for another amount than the session\'s', 'manual', 1, (changed) => { changed['payment'].amount = 900; }, 'whose amount is 900, not the session\'s 1000'],
      ['a payment split otherwise than the session', 'auto', 0, (changed) => { changed['session'].split = [{ submerchantId: 'pm1', amount: 1000, platformFee: 200 }]; }, 'whose split is [{"submerchantId":"pm1","amount":1000,"platformFee":100}], not the session\'s [{"submerchantId":"pm1","amount":1000,"platformFee":200}]'],
    ];
    for (const [what, capture, edited, edit, refusal] of edits) {
      it(what, () => {
        const journal = completed(capture);
        edit(change(journal[edited]));
        expectLastRefused(journal, 'journal_entry_inapplicable', `entry 2 cannot be applied: session ses completed with payment sp ${refusal}`);
      });
    }

    it('a card payment captured at once for a session of manual capture', () => {
      const journal = completed('auto');
      // A manual session takes no split (the engine refuses one): the session alone is then faithful.
      change(journal[0])['session'].capture = 'manual';
      delete change(journal[0])['session'].split;
      expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 2 cannot be applied: session ses (capture manual) completed with a credit_card payment sp captured at once');
    });
  });

  it('a refund request completed with other parts than the request holds (the platform paying for pm1)', () => {
    const journal = journalOf([...KONBINI_REQUEST, { op: 'refund_request.complete', refundRequest: 'rq1' }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    // Consistent with itself: the platform gives back the 100 and pm1 returns nothing to it.
    const completion = journal[4] as RawEntry;
    change(completion, 1)['parts'] = { platform: 100, submerchants: [{ submerchantId: 'pm1', amount: 0 }] };
    (completion as Record<string, any>)['postings'] = completion.postings.filter((posting) => posting.recordType !== 'Payment Transfer Return');
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 5 cannot be applied: payment kb_1 refunded by the completion of refund request rq1 in parts {"platform":100,"submerchants":[{"submerchantId":"pm1","amount":0}]}, neither the {"platform":0,"submerchants":[{"submerchantId":"pm1","amount":100}]} its completion gives nor the request\'s {"platform":0,"submerchants":[{"submerchantId":"pm1","amount":100}]}');
  });

  it('a refund request completed by a refund of less than the request (its holds released whole)', () => {
    const journal = journalOf([...KONBINI_REQUEST, { op: 'refund_request.complete', refundRequest: 'rq1' }]);
    const refund = change(journal[4], 1);
    expect(refund).toMatchObject({ kind: 'payment_refunded', amount: 100, parts: { platform: 0, submerchants: [{ submerchantId: 'pm1', amount: 100 }] } });
    refund['amount'] = 50;
    refund['parts'].submerchants[0].amount = 50;
    for (const posting of journal[4]!.postings) if (posting.recordType === 'Refund' || posting.recordType === 'Payment Transfer Return') (posting as { amount: number }).amount = Math.sign(posting.amount) * 50;
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 5 cannot be applied: payment kb_1 refunded 50 by the completion of refund request rq1, which is for 100');
  });
});

describe('a balance transfer is re-decided on replay: the sender must have the amount available (insufficient_balance)', () => {
  it('a transfer of a negative amount (money moved the other way, past the balance check) or of 0', () => {
    const journal = journalOf([goldenPayment('pay_1'), { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 100, currency: 'JPY' }]);
    setAmount(journal[1], -100);
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 2 cannot be applied: balance transfer of -100 JPY from pm1: a transfer moves a positive amount (amount_not_positive)');
    change(journal[1])['amount'] = 0;
    (journal[1] as Record<string, any>)['postings'] = [];
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 2 cannot be applied: balance transfer of 0 JPY from pm1: a transfer moves a positive amount (amount_not_positive)');
  });

  it('more than the sender\'s posted balance', () => {
    // The golden payment leaves pm1 630.
    const journal = journalOf([goldenPayment('pay_1'), { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 630, currency: 'JPY' }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true); // all of it: equal is enough
    setAmount(journal[1], 631);
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 2 cannot be applied: balance transfer of 631 JPY from pm1, which has 630 available (insufficient_balance)');
  });

  it('within the posted balance but beyond what a pending refund request leaves available', () => {
    // pm1: 4,500 from the Konbini payment, 1,000 moved to mart, 100 held by the request.
    const journal = journalOf([...KONBINI_REQUEST, { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 3400, currency: 'JPY' }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    setAmount(journal[4], 3450);
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 5 cannot be applied: balance transfer of 3450 JPY from pm1, which has 3400 available (insufficient_balance)');
  });

  it('two transfers in one entry, each covered on its own but not together', () => {
    // pm1 has 630: the engine refuses a second transfer of 400 after the first.
    const journal = journalOf([goldenPayment('pay_1'), { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 400, currency: 'JPY' }]);
    expect(replayJournal(CONFIG, journal).ok).toBe(true);
    const both = { ...journal[1]!, changes: [...journal[1]!.changes, ...journal[1]!.changes], postings: [...journal[1]!.postings, ...journal[1]!.postings] } as RawEntry;
    expectLastRefused([journal[0]!, both], 'journal_entry_inapplicable', 'entry 2 cannot be applied: balance transfer from pm1 to mart in an entry of 2 changes: the engine writes it alone');
  });
});

describe('a direct refund and a new refund request are re-decided on replay: each party must have its cost available (insufficient_balance)', () => {
  /** `entries` numbered 1, 2, 3… again (after one was taken out or put in). */
  const renumbered = (entries: readonly RawEntry[]): RawEntry[] => entries.map((entry, index) => ({ ...entry, seq: index + 1 }));
  const REFUND_400: Command = { op: 'payment.refund', payment: 'pay_1', amount: 400, split: [{ submerchantId: 'pm1', amount: 400, platformFee: 0 }] };

  it('a direct refund after the party moved its money away', () => {
    // pm1 nets 630 of the golden payment; the transfer leaves it 30, and the refund would take 400.
    const moved = journalOf([goldenPayment('pay_1'), { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 600, currency: 'JPY' }]);
    const refunded = journalOf([goldenPayment('pay_1'), REFUND_400]);
    expect(replayJournal(CONFIG, refunded).ok).toBe(true);
    expectLastRefused(renumbered([...moved, refunded[1]!]), 'journal_entry_inapplicable', 'entry 3 cannot be applied: payment pay_1 refunded directly costs pm1 400 JPY, which has 30 available (insufficient_balance)');
  });

  it('two direct refunds in one entry', () => {
    const journal = journalOf([goldenPayment('pay_1'), REFUND_400]);
    const twice = { ...journal[1]!, changes: [...journal[1]!.changes, ...journal[1]!.changes], postings: [...journal[1]!.postings, ...journal[1]!.postings] } as RawEntry;
    expectLastRefused([journal[0]!, twice], 'journal_entry_inapplicable', 'entry 2 cannot be applied: payment pay_1 refunded directly in an entry of 2 changes: the engine writes it alone');
  });

  it('a refund request whose Refund Fee and customer fee the platform cannot cover', () => {
    // Without the transfer, mart has 348 of the Konbini payment; the request holds 330 + 209 of it.
    const journal = journalOf(KONBINI_REQUEST);
    expectLastRefused(renumbered([journal[0]!, journal[1]!, journal[3]!]), 'journal_entry_inapplicable', 'entry 3 cannot be applied: refund request rq1 costs mart 539 JPY, which has 348 available (insufficient_balance)');
  });

  it('two refund requests in one entry', () => {
    const journal = journalOf([...KONBINI_REQUEST.slice(0, 3), refundRequest({ id: 'rq1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] })]);
    const second = structuredClone(change(journal[3]));
    second['request'].id = 'rq2';
    (journal[3]!.changes as unknown[]).push(second);
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 4 cannot be applied: refund request rq1 in an entry of 2 changes: the engine writes it alone');
  });
});

describe('a settlement run\'s payouts are re-decided on replay as far as the state shows', () => {
  // pm1 is paid weekly; the golden payment gives it 630 in the week of 2026-01-05, paid on the 16th.
  const PAID: readonly Command[] = [
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
    goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
  ];
  const faithful = journalOf(PAID);

  it('the faithful run replays, paying pm1 its 630', () => {
    expect(change(faithful[2])).toMatchObject({ kind: 'payout_period_settled', merchant: 'pm1', amount: 630 });
    expect(replayJournal(CONFIG, faithful).ok).toBe(true);
  });

  it('a period carried over with nothing paid replays whatever the balance, a negative one included', () => {
    // The chargeback leaves mart 60 − 1,000: its week is settled with 0 paid.
    const journal = journalOf([
      { op: 'payout_settings.update', merchant: 'mart', target: 'mart', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' },
      goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
      { op: 'payment.chargeback', payment: 'pay_1' },
      { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' },
    ]);
    expect(change(journal[3])).toMatchObject({ kind: 'payout_period_settled', merchant: 'mart', amount: 0 });
    const replayed = replayJournal(CONFIG, journal);
    expect(replayed.ok && replayed.value.state.balances.get('mart')?.get('JPY')).toBe(-940);
  });

  it('a payout of more than the merchant has available', () => {
    const journal = structuredClone(faithful);
    setAmount(journal[2], 700);
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 3 cannot be applied: payout of 700 JPY to pm1, which has 630 available: a run pays no more');
  });

  it('a payout of a negative amount (the bank paying the merchant in), given from code', () => {
    const journal = structuredClone(faithful);
    change(journal[2])['amount'] = -630;
    for (const posting of journal[2]!.postings) (posting as { amount: number }).amount = -posting.amount;
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 3 cannot be applied: payout of -630 JPY to pm1: a run pays a period nothing or more');
  });

  it('two periods paid in one run, each covered on its own but not together', () => {
    const journal = structuredClone(faithful);
    const weekBefore = { ...change(journal[2]), periodStart: '2025-12-27', periodEnd: '2026-01-02' };
    journal[2] = { ...journal[2]!, changes: [weekBefore, ...journal[2]!.changes], postings: [...journal[2]!.postings, ...journal[2]!.postings] } as RawEntry;
    // The week before ended before the payment: its balance then was 0, so it is the first period that misfits.
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 3 cannot be applied: payout of 630 JPY to pm1 for the period 2025-12-27 to 2026-01-02, where a run pays 0: the balance held 0 at the period\'s end (less payouts since) and has 630 available');
  });

  it('a payout below the merchant\'s minimum (a run carries it over)', () => {
    const journal = structuredClone(faithful);
    change(journal[0])['settings'].minimumAmount = 1000;
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 3 cannot be applied: payout of 630 JPY to pm1, below its minimum of 1000: a run carries such an amount over');
  });

  it('a payout of a merchant without payout settings in that currency', () => {
    const journal = structuredClone(faithful);
    change(journal[0])['settings'].merchant = 'pm2';
    expectLastRefused(journal, 'journal_entry_inapplicable', 'entry 3 cannot be applied: payout of pm1 in JPY, which has no payout settings in that currency');
  });
});

describe('a payout is exactly what the run pays: the balance at the period\'s end, read from the replay\'s own day-start history', () => {
  // pm1 is paid weekly (the period 2026-01-03 to 2026-01-09 in +09:00, paid on the 16th). Each
  // golden payment gives it 630: pay_1 early in the period, pay_x in its last hour, pay_2 in
  // the first instant after it, which the run must not pay.
  const SETTINGS: Command = { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' };
  const RUN: Command = { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' };
  const commands: readonly Command[] = [
    SETTINGS,
    goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
    goldenPayment('pay_x', { at: '2026-01-09T23:00:00+09:00' }),
    goldenPayment('pay_2', { at: '2026-01-10T00:00:00+09:00' }),
    RUN,
  ];
  const faithful = journalOf(commands);
  /** The run's entry with its one payout set to `amount`, postings and all. */
  const paying = (amount: number): RawEntry[] => {
    const journal = structuredClone(faithful);
    setAmount(journal[4], amount);
    return journal;
  };

  it('the faithful run pays the two payments of the period and not the one after it, and replays alone or streamed', () => {
    // pay_x and pay_2 fall on different local days but the same UTC day: a history kept by UTC day would pay 1,890.
    expect(change(faithful[4])).toMatchObject({ kind: 'payout_period_settled', merchant: 'pm1', periodStart: '2026-01-03', periodEnd: '2026-01-09', amount: 1260 });
    expect(replayJournal(CONFIG, faithful).ok).toBe(true);
    const streamed = new JournalReplay(newLedger(), false);
    for (const entry of faithful) expect(streamed.add(entry)).toEqual({ ok: true, value: undefined });
    expect(streamed.ledger.state.balances.get('pm1')?.get('JPY')).toBe(630);
  });

  it('a payout of everything available, the payment after the period included', () => {
    expectLastRefused(paying(1890), 'journal_entry_inapplicable', 'entry 5 cannot be applied: payout of 1890 JPY to pm1 for the period 2026-01-03 to 2026-01-09, where a run pays 1260: the balance held 1260 at the period\'s end (less payouts since) and has 1890 available');
  });

  it('a payout of less than the balance at the period\'s end, or of nothing', () => {
    expectLastRefused(paying(630), 'journal_entry_inapplicable', 'entry 5 cannot be applied: payout of 630 JPY to pm1 for the period 2026-01-03 to 2026-01-09, where a run pays 1260: the balance held 1260 at the period\'s end (less payouts since) and has 1890 available');
    const nothing = structuredClone(faithful);
    change(nothing[4])['amount'] = 0;
    nothing[4] = { ...nothing[4]!, postings: [], events: [] } as RawEntry;
    expectLastRefused(nothing, 'journal_entry_inapplicable', 'entry 5 cannot be applied: payout of 0 JPY to pm1 for the period 2026-01-03 to 2026-01-09, where a run pays 1260: the balance held 1260 at the period\'s end (less payouts since) and has 1890 available');
  });

  it('a period that ended before the journal began is paid nothing, its balance then being 0', () => {
    // The journal's first day already moves pm1's balance: its start, not its end, is the period's end.
    const afterwards = journalOf([goldenPayment('pay_2', { at: '2026-01-10T10:00:00+09:00' }), { ...SETTINGS, at: '2026-01-10T11:00:00+09:00' }, RUN]);
    expect(change(afterwards[2])).toMatchObject({ kind: 'payout_period_settled', periodEnd: '2026-01-09', amount: 0 });
    expect(replayJournal(CONFIG, afterwards).ok).toBe(true);
    change(afterwards[2])['amount'] = 630;
    afterwards[2] = { ...afterwards[2]!, postings: faithful[4]!.postings.map((posting) => ({ ...posting, amount: Math.sign(posting.amount) * 630 })) } as RawEntry;
    expectLastRefused(afterwards, 'journal_entry_inapplicable', 'entry 3 cannot be applied: payout of 630 JPY to pm1 for the period 2026-01-03 to 2026-01-09, where a run pays 0: the balance held 0 at the period\'s end (less payouts since) and has 630 available');
  });

  it('a payout made after a later period ended counts against that period\'s balance', () => {
    // The first run comes late, after the next period ended; the second pays that period
    // 1,890 − 1,260, though 1,260 is available after pay_3.
    const late = journalOf([...commands.slice(0, -1), { ...RUN, at: '2026-01-20T12:00:00+09:00' }, goldenPayment('pay_3', { at: '2026-01-21T10:00:00+09:00' }), { op: 'settlement.run', date: '2026-01-23', at: '2026-01-23T12:00:00+09:00' }]);
    expect(change(late[6])).toMatchObject({ kind: 'payout_period_settled', periodStart: '2026-01-10', periodEnd: '2026-01-16', amount: 630 });
    const streamed = new JournalReplay(newLedger(), false);
    for (const entry of late) expect(streamed.add(entry)).toEqual({ ok: true, value: undefined });
    setAmount(late[6], 1260);
    expectLastRefused(late, 'journal_entry_inapplicable', 'entry 7 cannot be applied: payout of 1260 JPY to pm1 for the period 2026-01-10 to 2026-01-16, where a run pays 630: the balance held 630 at the period\'s end (less payouts since) and has 1260 available');
  });

  it('a payout for days that are not a period of the settings: part of a week, or a week of a monthly merchant', () => {
    // pm1's week 2026-01-03 to 2026-01-09 paid as the six days 2026-01-04 to 2026-01-09.
    const shifted = structuredClone(faithful);
    change(shifted[4])['periodStart'] = '2026-01-04';
    expectLastRefused(shifted, 'journal_entry_inapplicable', 'entry 5 cannot be applied: payout period 2026-01-04 to 2026-01-09 of pm1 in JPY: its weekly payout settings pay Saturday-to-Friday weeks');
    const monthly = structuredClone(faithful);
    change(monthly[0])['settings'].frequency = 'monthly';
    expectLastRefused(monthly, 'journal_entry_inapplicable', 'entry 5 cannot be applied: payout period 2026-01-03 to 2026-01-09 of pm1 in JPY: its monthly payout settings pay calendar months');
  });

  it('a run dated before the end of the period it pays (settlement_period_not_ended on the engine)', () => {
    const early = journalOf(commands.slice(0, 2));
    const run = { ...structuredClone(faithful[4]!), seq: 3, at: '2026-01-09T03:00:00.000Z' } as RawEntry;
    setAmount(run, 630);
    expectLastRefused([...early, run], 'journal_entry_inapplicable', 'entry 3 cannot be applied: payout of pm1 for the period 2026-01-03 to 2026-01-09 by a run dated 2026-01-09T03:00:00.000Z, before the period ended');
  });

  it('a second run pays the next period its balance at that period\'s end less the payout since, streamed as replayed', () => {
    // The first run comes after the second period's end: the 1,260 it paid still counts in that end's balance.
    const later = journalOf([...commands, goldenPayment('pay_3', { at: '2026-01-17T10:00:00+09:00' }), { op: 'settlement.run', date: '2026-01-23', at: '2026-01-23T12:00:00+09:00' }]);
    expect(change(later[6])).toMatchObject({ kind: 'payout_period_settled', periodStart: '2026-01-10', periodEnd: '2026-01-16', amount: 630 });
    const streamed = new JournalReplay(newLedger(), false);
    for (const entry of later) expect(streamed.add(entry)).toEqual({ ok: true, value: undefined });
    expect(streamed.ledger.state.balances.get('pm1')?.get('JPY')).toBe(630);
    // Paying the second period pay_3 too is refused.
    setAmount(later[6], 1260);
    expectLastRefused(later, 'journal_entry_inapplicable', 'entry 7 cannot be applied: payout of 1260 JPY to pm1 for the period 2026-01-10 to 2026-01-16, where a run pays 630: the balance held 630 at the period\'s end (less payouts since) and has 1260 available');
  });
});
