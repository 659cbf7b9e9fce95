import type { Command, LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, PAYMENT_METHODS, goldenPayment, konbiniPayment, marketplaceSession, omit, refundRequest, sellerPayment } from './support/fixtures.js';
import { rawJournalOf, replayOutcome, type RawEntry } from './support/raw-journal.js';

// Tests added after a StrykerJS run over the replay checks of packages/ledger/src/journal
// (check-entry-applicable.ts, payment-lifecycle-problem.ts and the *-misfit.ts files, every line
// mutated): each pins an outcome that a surviving (or never reached) mutant changed and the rest
// of the suite let through. Each journal is the engine's own, one field of one entry tampered
// with, and each test asserts the exact rejection, naming the entry.

const inapplicable = (seq: number, what: string): string => `journal_entry_inapplicable: entry ${seq} cannot be applied: ${what}`;

/** A raw entry with the fields these tests edit beyond changes and postings. */
type Editable = RawEntry & { at: string; payment?: string; command: Record<string, unknown>; events: Record<string, unknown>[] };
const entryOf = (journal: RawEntry[], index: number): Editable => journal[index] as Editable;

/** A ¥`amount` card payment of mart, authorized only (capture: false). */
const authorized = (amount: number): Command => ({ op: 'payment.create', id: 'pay_1', merchant: 'mart', amount, currency: 'JPY', paymentType: 'credit_card', capture: false }) as Command;

/** A ¥5,000 card payment cc that leaves mart everything (5,000 of pm2 as its fee): funds what mart holds for refunds. */
const FUNDING: Command = goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] });

/** The ¥5,000 Konbini payment kb_1, paid, and a pending ¥100 refund request r1 from pm1; its journal (entries 1 to 3). */
const konbiniRequestCommands = (): Command[] => [konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' } as Command, refundRequest({ id: 'r1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] })];
const konbiniRequestJournal = (): RawEntry[] => rawJournalOf(konbiniRequestCommands());

/** A ¥1,000 manual-capture session of mart, no split yet (it comes with the capture). */
const MANUAL_SESSION: Command = omit(marketplaceSession('ses_1', { capture: 'manual' }), 'split');

/** {@link MANUAL_SESSION} completed by a card payment p1. */
const COMPLETED_SESSION: readonly Command[] = [
  MANUAL_SESSION,
  { op: 'session.complete', session: 'ses_1', payment: 'p1', paymentType: 'credit_card' } as Command,
];

describe('check-entry-applicable.ts: an idempotency key is a string, kept with a fingerprint', () => {
  it('an entry whose key is edited to the number 7 is refused for it, by its text', () => {
    const journal = rawJournalOf([goldenPayment()]);
    entryOf(journal, 0).command = { op: 'payment.create', idempotencyKey: 7, fingerprint: 'f' };
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'its idempotency key 7 is not a string'));
  });

  it('a key edited to one the engine refuses (empty, or past 255 code units) is refused: no command could have written it (review 223)', () => {
    for (const [key, length] of [['', 0], ['k'.repeat(256), 256], ['😀'.repeat(128), 256]] as const) {
      const journal = rawJournalOf([{ ...goldenPayment(), idempotencyKey: 'k1' } as Command]);
      entryOf(journal, 0).command['idempotencyKey'] = key;
      expect(replayOutcome(journal)).toBe(inapplicable(1, `its idempotency key is ${length} UTF-16 code units long, but the engine keeps keys of 1 to 255`));
    }
    const longest = rawJournalOf([{ ...goldenPayment(), idempotencyKey: 'k'.repeat(255) } as Command]);
    expect(replayOutcome(longest)).toBe('accepted');
  });
});

describe('check-entry-applicable.ts: an idempotency key answers one command, the entry that used it named', () => {
  it('a second payment\'s key edited to the first\'s is refused naming the key and entry 1', () => {
    const journal = rawJournalOf([{ ...goldenPayment('pay_1'), idempotencyKey: 'k1' } as Command, { ...goldenPayment('pay_2'), idempotencyKey: 'k2' } as Command]);
    entryOf(journal, 1).command['idempotencyKey'] = 'k1';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'idempotency key "k1" was already used by entry 1'));
  });
});

describe('check-entry-applicable.ts: the payments an entry names exist, those it creates do not', () => {
  it('a second creation edited to reuse pay_1 (its capture and event with it) is refused: "already exists"', () => {
    const journal = rawJournalOf([goldenPayment('pay_1'), goldenPayment('pay_2')]);
    const entry = entryOf(journal, 1);
    entry.changes[0]!['payment'].id = 'pay_1';
    entry.changes[1]!['payment'] = 'pay_1';
    entry['payment'] = 'pay_1';
    entry.events[0]!['payment'] = 'pay_1';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment pay_1 already exists'));
  });

  it.each([
    ['a capture', authorized(1000), { op: 'payment.capture', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] }],
    ['a cancellation', authorized(1000), { op: 'payment.cancel', payment: 'pay_1' }],
    ['an expiry', authorized(1000), { op: 'payment.expire', payment: 'pay_1' }],
    ['a chargeback', goldenPayment(), { op: 'payment.chargeback', payment: 'pay_1' }],
  ])('%s edited to name pay_9 (entry and event with it) is refused: "unknown payment", before its lifecycle is looked at', (_, creation, command) => {
    const journal = rawJournalOf([creation, command as Command]);
    const entry = entryOf(journal, 1);
    entry.changes[0]!['payment'] = 'pay_9';
    entry['payment'] = 'pay_9';
    for (const event of entry.events) event['payment'] = 'pay_9';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'unknown payment pay_9'));
  });
});

describe('check-entry-applicable.ts: a refund request is of a payment that exists', () => {
  it('a request edited to name payment pay_9, which no entry creates, is refused naming it', () => {
    const journal = konbiniRequestJournal();
    journal[2]!.changes[0]!['request'].payment = 'pay_9';
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'unknown payment pay_9'));
  });
});

describe('check-entry-applicable.ts: a refund request is created once, among its payment\'s parties', () => {
  /** mart funded by a card payment that leaves it everything, the ¥5,000 Konbini paid, then two requests of 100 from pm1. */
  const twoRequests = (): RawEntry[] =>
    rawJournalOf([
      FUNDING,
      konbiniPayment('kb_1'),
      { op: 'payment.capture', payment: 'kb_1' } as Command,
      refundRequest({ id: 'r1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
      refundRequest({ id: 'r2', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
    ]);

  it('a second request edited to the id r1 is refused: "already exists"', () => {
    const journal = twoRequests();
    journal[4]!.changes[0]!['request'].id = 'r1';
    expect(replayOutcome(journal)).toBe(inapplicable(5, 'refund request r1 already exists'));
  });

  it('a request appended to the entry creating its payment (no platform to compare yet) is checked no further here: refused by what the card type takes', () => {
    const request = structuredClone(twoRequests()[3]!.changes[0]!);
    request['request'].payment = 'pay_1';
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes.push(request);
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'refund request r1 made for payment pay_1, but credit_card payments are refunded directly (refund_request_not_supported)'));
  });

  it('a request whose part is moved from pm1 to pm2 (not a party of kb_1) is refused naming both party lists', () => {
    const journal = twoRequests();
    journal[3]!.changes[0]!['request'].parts.submerchants[0].submerchantId = 'pm2';
    expect(replayOutcome(journal)).toBe(inapplicable(4, 'refund request r1 made with parties "pm2" instead of "pm1"'));
  });
});

describe('check-entry-applicable.ts: refund parts list exactly the payment\'s parties (partiesMisfit)', () => {
  // Parts without any sub-merchant were taken until 2026-12-02 (see
  // regressions/replay-refund-parties.test.ts): the engine lists every party, 0 included.
  it('a platform-only refund whose zero parts of pm1 and pm2 are left out is refused', () => {
    const commands: Command[] = [
      FUNDING,
      goldenPayment('pay_1'),
      { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 0, platformFee: 100 }] },
      { op: 'payment.refund', payment: 'pay_1', amount: 50, split: [{ submerchantId: 'pm1', amount: 50, platformFee: 0 }] },
    ];
    const journal = rawJournalOf(commands);
    const parts = journal[2]!.changes[0]!['parts'];
    expect(parts).toEqual({ platform: 100, submerchants: [{ submerchantId: 'pm1', amount: 0 }, { submerchantId: 'pm2', amount: 0 }] });
    expect(replayOutcome(journal)).toBe('accepted');
    parts.submerchants = [];
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'payment pay_1 refunded by parties "" instead of "pm1 pm2"'));
  });
});

describe('check-entry-applicable.ts: a session is settled once, while pending (its status within the entry)', () => {
  it('a cancellation written twice in its entry is refused for the second, "settled earlier in the entry"', () => {
    const journal = rawJournalOf([MANUAL_SESSION, { op: 'session.cancel', session: 'ses_1' } as Command]);
    journal[1]!.changes.push({ ...journal[1]!.changes[0]! });
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 is settled earlier in the entry, not pending'));
  });

  it('a session created and cancelled in one entry is pending when cancelled: refused only for what session.create writes', () => {
    const journal = rawJournalOf([MANUAL_SESSION]);
    journal[0]!.changes.push({ kind: 'session_cancelled', session: 'ses_1' });
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'its command is session.create, which writes [session_created], not [session_created, session_cancelled]'));
  });
});

describe('check-entry-applicable.ts: only a pending refund request is completed or rejected', () => {
  /** The ¥5,000 Konbini paid, a request of 100 from pm1, then its rejection. */
  const rejectedRequest = (): RawEntry[] =>
    rawJournalOf([
      konbiniPayment('kb_1'),
      { op: 'payment.capture', payment: 'kb_1' } as Command,
      refundRequest({ id: 'r1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
      { op: 'refund_request.reject', refundRequest: 'r1' } as Command,
    ]);

  it('the rejection entry written a second time is refused: "no pending refund request r1"', () => {
    const journal = rejectedRequest();
    journal.push({ ...structuredClone(journal[3]!), seq: 5 });
    expect(replayOutcome(journal)).toBe(inapplicable(5, 'no pending refund request r1'));
  });

  it('a rejection edited to name r9, which no entry creates, is refused the same way (no TypeError)', () => {
    const journal = rejectedRequest();
    journal[3]!.changes[0]!['refundRequest'] = 'r9';
    expect(replayOutcome(journal)).toBe(inapplicable(4, 'no pending refund request r9'));
  });
});

describe('check-entry-applicable.ts: sessions exist once, and a completion names the payment its entry creates', () => {
  it('a second session.create edited to the id ses_1 is refused: "already exists"', () => {
    const journal = rawJournalOf([marketplaceSession('ses_1'), marketplaceSession('ses_2')]);
    journal[1]!.changes[0]!['session'].id = 'ses_1';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 already exists'));
  });

  it('a cancellation edited to name ses_9 is refused: "unknown session"', () => {
    const journal = rawJournalOf([MANUAL_SESSION, { op: 'session.cancel', session: 'ses_1' } as Command]);
    journal[1]!.changes[0]!['session'] = 'ses_9';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'unknown session ses_9'));
  });

  it('a completion edited to name payment p9, which neither the entry nor the journal creates, is refused: "completed with unknown payment"', () => {
    const journal = rawJournalOf(COMPLETED_SESSION);
    journal[1]!.changes[1]!['payment'] = 'p9';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 completed with unknown payment p9'));
  });
});

describe('check-entry-applicable.ts: only a pending refund request is re-estimated', () => {
  it('a re-estimate of pending r1 (its own parts and holds) appended to an entry that settles nothing is refused by what settling re-estimates (no TypeError)', () => {
    const journal = rawJournalOf([
      konbiniPayment('kb_1'),
      { op: 'payment.capture', payment: 'kb_1' } as Command,
      refundRequest({ id: 'r1', payment: 'kb_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
      goldenPayment('pay_2'),
    ]);
    const request = journal[2]!.changes[0]!['request'];
    journal[3]!.changes.push({ kind: 'refund_request_reestimated', refundRequest: 'r1', parts: request.parts, holds: request.holds });
    expect(replayOutcome(journal)).toBe(inapplicable(4, 'it re-estimates r1 (platform 0, pm1 100), where settling it re-estimates no request'));
  });

  it('a re-estimate of r9, which no entry creates, appended to a payment\'s entry is refused: "to re-estimate"', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes.push({ kind: 'refund_request_reestimated', refundRequest: 'r9', parts: { platform: 0, submerchants: [] }, holds: [] });
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'no pending refund request r9 to re-estimate'));
  });
});

describe('capture-shares-misfit.ts: a marketplace capture\'s shares are its split\'s, party for party (`parties.length !== split.length`)', () => {
  it('a capture whose shares leave pm2 out (its 270 moved to the platform\'s share) is refused', () => {
    const journal = rawJournalOf([goldenPayment()]);
    const shares = journal[0]!.changes[1]!['shares'];
    shares.submerchants.pop();
    shares.platform = 370;
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 captured for 1000 with shares platform 370, pm1 630, but its split gives platform 100, pm1 630, pm2 270'));
  });

  it('a capture whose shares add pm4 with a share of 0 (every other share as the split gives) is refused: the parties are the split\'s, no more', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes[1]!['shares'].submerchants.push({ submerchantId: 'pm4', share: 0 });
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 captured for 1000 with shares platform 100, pm1 630, pm2 270, pm4 0, but its split gives platform 100, pm1 630, pm2 270'));
  });

  it('a capture whose shares move 10 from pm1 to pm2 (same parties, same platform share) is refused party by party', () => {
    const journal = rawJournalOf([goldenPayment()]);
    const [pm1, pm2] = journal[0]!.changes[1]!['shares'].submerchants;
    pm1.share = 620;
    pm2.share = 280;
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 captured for 1000 with shares platform 100, pm1 620, pm2 280, but its split gives platform 100, pm1 630, pm2 270'));
  });

  it('a capture whose pm2 share is given to pm4 instead (pm1\'s and the platform\'s as the split gives) is refused: every party is checked, not one', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes[1]!['shares'].submerchants[1].submerchantId = 'pm4';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 captured for 1000 with shares platform 100, pm1 630, pm4 270, but its split gives platform 100, pm1 630, pm2 270'));
  });

  it('a marketplace capture given a platform amount of 100 is refused for it', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes[1]!['platformAmount'] = 100;
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 captured for 1000 with shares platform 100, pm1 630, pm2 270, but a marketplace capture has no platform amount'));
  });
});

describe('capture-shares-misfit.ts: a seller-model capture\'s shares are its platform amount to the platform and the rest to the seller', () => {
  /** The seeds' ¥50,000 seller payment of plt as s1, authorized, then captured with platform amount 5,000. */
  const twoStep = (): RawEntry[] => rawJournalOf([sellerPayment('sp_1', { capture: false }), { op: 'payment.capture', payment: 'sp_1', platformAmount: 5000 } as Command]);

  it('an immediate capture whose shares are edited to platform 6000, s1 44000 is refused with the shares its platform amount gives', () => {
    const journal = rawJournalOf([sellerPayment('sp_1')]);
    const shares = journal[0]!.changes[1]!['shares'];
    shares.platform = 6000;
    shares.submerchants[0].share = 44000;
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment sp_1 captured for 50000 with shares platform 6000, s1 44000, but its platform amount gives platform 5000, s1 45000'));
  });

  it('a two-step capture restating its platform amount as 60000 of the 50000 captured (shares with it) is refused: at most what it captures', () => {
    const journal = twoStep();
    const capture = journal[1]!.changes[0]!;
    capture['platformAmount'] = 60000;
    capture['shares'] = { platform: 60000, submerchants: [{ submerchantId: 's1', share: -10000 }] };
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment sp_1 captured for 50000 with shares platform 60000, s1 -10000, but a seller-model capture has no split and a platform amount of at most what it captures'));
  });

  it('a platform amount of everything captured (50000, s1 0) is a share the engine can take: refused only by the postings it then lacks', () => {
    const journal = twoStep();
    const capture = journal[1]!.changes[0]!;
    capture['platformAmount'] = 50000;
    capture['shares'] = { platform: 50000, submerchants: [{ submerchantId: 's1', share: 0 }] };
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'the capture of payment sp_1: posting 3 is 5000 JPY Platform Fee on Liabilities:Merchants:s1, where the engine posts 50000 JPY Platform Fee on Liabilities:Merchants:s1'));
  });

  it('with a platform amount of everything captured, shares other than platform 50000, s1 0 are refused with those (not as a platform amount above the capture)', () => {
    const journal = twoStep();
    const capture = journal[1]!.changes[0]!;
    capture['platformAmount'] = 50000;
    capture['shares'] = { platform: 49000, submerchants: [{ submerchantId: 's1', share: 1000 }] };
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment sp_1 captured for 50000 with shares platform 49000, s1 1000, but its platform amount gives platform 50000, s1 0'));
  });
});

describe('capture-shares-misfit.ts: the fast paths (sharesFollowSplit, sharesFollowPlatformAmount) accept only the shares the slow path gives', () => {
  // Every replayed capture passes a fast path that works the shares out without building them;
  // one that accepted shares the slow path (marketplaceShares, or the platform amount) would
  // not give lets a tampered capture through.
  it('a capture of 1000 whose split is pm1 500 (fee 50) has shares pm1 450, platform 550: pm1 given 550 (amount plus fee) and the platform 450 is refused', () => {
    const journal = rawJournalOf([authorized(1000), { op: 'payment.capture', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 500, platformFee: 50 }] } as Command]);
    const shares = journal[1]!.changes[0]!['shares'];
    expect(shares).toEqual({ platform: 550, submerchants: [{ submerchantId: 'pm1', share: 450 }] });
    shares.platform = 450;
    shares.submerchants[0].share = 550;
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment pay_1 captured for 1000 with shares platform 450, pm1 550, but its split gives platform 550, pm1 450'));
  });

  it('a capture whose platform share is edited from 100 to 1900 (the captured amount plus the parties\' 900) is refused: the platform gets what the parties do not', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes[1]!['shares'].platform = 1900;
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 captured for 1000 with shares platform 1900, pm1 630, pm2 270, but its split gives platform 100, pm1 630, pm2 270'));
  });

  it('a seller capture whose s1 share is edited from 45000 to 55000 (the captured amount plus the platform amount; the platform\'s 5000 kept) is refused', () => {
    const journal = rawJournalOf([sellerPayment('sp_1')]);
    journal[0]!.changes[1]!['shares'].submerchants[0].share = 55000;
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment sp_1 captured for 50000 with shares platform 5000, s1 55000, but its platform amount gives platform 5000, s1 45000'));
  });
});

describe('transfer-misfit.ts: a balance transfer is between a platform and one of its own sub-merchants (both configured)', () => {
  /** pm1 holds 630 after the golden payment, then sends mart 100 (entry 2). */
  const transferJournal = (): RawEntry[] => rawJournalOf([goldenPayment(), { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 100, currency: 'JPY' } as Command]);

  it.each([
    ['to zz, which the configuration does not know', 'to', 'zz', 'from pm1 to zz'],
    ['from zz, which the configuration does not know', 'from', 'zz', 'from zz to mart'],
    ['to bazaar, a platform but not pm1\'s', 'to', 'bazaar', 'from pm1 to bazaar'],
  ])('a transfer of pm1 to mart edited to go %s is refused naming both ends (no TypeError)', (_, end, merchant, ends) => {
    const journal = transferJournal();
    journal[1]!.changes[0]![end] = merchant;
    expect(replayOutcome(journal)).toBe(inapplicable(2, `balance transfer ${ends}: not between a platform and its own sub-merchant`));
  });
});

describe('merchant-money-misfit.ts: a merchant\'s money is compared in the change\'s currency', () => {
  it('a transfer of 100 JPY from pm1 to mart whose two postings are edited to USD is refused: pm1 moves no yen', () => {
    const journal = rawJournalOf([goldenPayment(), { op: 'balance.transfer', merchant: 'mart', from: 'pm1', to: 'mart', amount: 100, currency: 'JPY' } as Command]);
    for (const posting of journal[1]!.postings) posting['currency'] = 'USD';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'it moves 0 JPY for pm1, but its changes move -100 JPY for it'));
  });
});

describe('movements-misfit.ts: a chargeback\'s postings are the engine\'s movements, in its order', () => {
  it('a chargeback entry whose two postings are swapped (the same money, customers first) is refused naming a posting out of place', () => {
    const journal = rawJournalOf([goldenPayment(), { op: 'payment.chargeback', payment: 'pay_1' } as Command]);
    journal[1]!.postings.reverse();
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'its postings are not the engine\'s movements for its changes: posting 1 is -1000 JPY Chargeback on Assets:Receivable:Customers, where the engine posts 1000 JPY Chargeback on Liabilities:Merchants:mart'));
  });
});

describe('session-payment-misfit.ts: a session\'s payment is in its currency, captured (by its own capture) exactly when the session captures at once, split as the session says', () => {
  it('a session payment whose currency is edited to USD is refused naming the currency', () => {
    const journal = rawJournalOf(COMPLETED_SESSION);
    journal[1]!.changes[0]!['payment'].currency = 'USD';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 completed with payment p1 whose currency is "USD", not the session\'s "JPY"'));
  });

  it('a capture: auto completion whose capture is edited to name pay_1 (captured before) is refused as not captured at once: another payment\'s capture is not its own', () => {
    const journal = rawJournalOf([goldenPayment(), marketplaceSession('ses_1'), { op: 'session.complete', session: 'ses_1', payment: 'p1', paymentType: 'credit_card' } as Command]);
    journal[2]!.changes[1]!['payment'] = 'pay_1';
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'session ses_1 (capture auto) completed with a credit_card payment p1 not captured at once'));
  });

  /** A ¥2,000 (or `currency`) seller session of plt as s1, platform amount 200, completed by card payment sp_1. */
  const sellerSession = (currency: string, capture: 'auto' | 'manual'): RawEntry[] =>
    rawJournalOf([
      { op: 'session.create', id: 'ses_1', merchant: 'plt', as: 's1', amount: 2000, currency, paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture, platformAmount: 200, platformMerchant: 'plt' } as Command,
      { op: 'session.complete', session: 'ses_1', payment: 'sp_1', paymentType: 'credit_card' } as Command,
    ]);

  it('a USD seller session\'s payment whose platform amount is edited from 200 to 300 is refused with both amounts in dollars too (money, not a bare number)', () => {
    const journal = sellerSession('USD', 'manual');
    journal[1]!.changes[0]!['payment'].platformAmount = 300;
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 completed with payment sp_1 whose platform_amount is 300 (3.00 USD), not the session\'s 200 (2.00 USD)'));
  });

  it('a capture: auto seller session (no split) whose capture is given a split line is refused, the session\'s split written []', () => {
    const journal = sellerSession('JPY', 'auto');
    journal[1]!.changes[1]!['split'] = [{ submerchantId: 's1', amount: 2000, platformFee: 200 }];
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 completed with payment sp_1 whose split is [{"submerchantId":"s1","amount":2000,"platformFee":200}], not the session\'s []'));
  });
});

describe('payment-lifecycle-problem.ts: a payment is created on a configured platform of its model\'s business', () => {
  it.each([
    ['platform', 'plt', 'payment pay_1 is a marketplace payment of plt, which is not such a platform in the configuration'],
    ['platform', 'pm1', 'payment pay_1 is a marketplace payment of pm1, which is not such a platform in the configuration'],
    ['model', 'other', 'payment pay_1 has model "other", not marketplace or seller'],
  ])('a creation whose %s is edited to %s is refused', (field, value, message) => {
    const journal = rawJournalOf([authorized(1000)]);
    journal[0]!.changes[0]!['payment'][field] = value;
    expect(replayOutcome(journal)).toBe(inapplicable(1, message));
  });
});

describe('payment-lifecycle-problem.ts: a seller payment is of a seller of its platform', () => {
  it('a seller payment of plt edited to name pm1 (a payout merchant of mart) is refused naming it', () => {
    const journal = rawJournalOf([sellerPayment('sp_1')]);
    journal[0]!.changes[0]!['payment'].seller = 'pm1';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment sp_1 names seller pm1, not a seller of plt'));
  });
});

describe('payment-lifecycle-problem.ts: a seller payment\'s seller is of the journal\'s book', () => {
  it('a live-book seller payment edited to name seller ts of the test book (its share with it) is refused naming both books', () => {
    const live: LedgerConfig = {
      book: 'live',
      merchants: [
        { id: 'plt', type: 'platform', business: 'platform', paymentMethods: PAYMENT_METHODS },
        { id: 's1', type: 'seller', platform: 'plt' },
        { id: 'ts', type: 'seller', platform: 'plt', book: 'test' },
      ],
    };
    const journal = rawJournalOf([sellerPayment('sp_1')], live);
    journal[0]!.changes[0]!['payment'].seller = 'ts';
    journal[0]!.changes[1]!['shares'].submerchants[0].submerchantId = 'ts';
    expect(replayOutcome(journal, live)).toBe(inapplicable(1, 'payment sp_1 names seller ts of the test book; this journal keeps the live book'));
  });
});

describe('payment-lifecycle-problem.ts: a payment is cancelled or expired only while authorized', () => {
  it('a cancellation entry written a second time is refused: "cancelled while cancelled"', () => {
    const journal = rawJournalOf([authorized(1000), { op: 'payment.cancel', payment: 'pay_1' } as Command]);
    journal.push({ ...structuredClone(journal[1]!), seq: 3 });
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'payment pay_1 cancelled while cancelled'));
  });

  it('an expiry appended after the capture is refused: "expired while captured"', () => {
    const journal = rawJournalOf([authorized(1000), { op: 'payment.capture', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] } as Command]);
    const expiry = { seq: 3, at: entryOf(journal, 1)['at'], command: { op: 'payment.expire' }, payment: 'pay_1', changes: [{ kind: 'payment_expired', payment: 'pay_1' }], postings: [], events: [{ type: 'payment.expired', payment: 'pay_1' }] };
    journal.push(expiry as RawEntry);
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'payment pay_1 expired while captured'));
  });
});

describe('payment-lifecycle-problem.ts: every change of an entry concerns the entry\'s payment', () => {
  it('a chargeback of pay_1 whose entry is edited to say payment pay_2 is refused naming both', () => {
    const journal = rawJournalOf([goldenPayment('pay_1'), goldenPayment('pay_2'), { op: 'payment.chargeback', payment: 'pay_1' } as Command]);
    entryOf(journal, 2)['payment'] = 'pay_2';
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'a payment_charged_back change names payment pay_1, the entry payment pay_2'));
  });
});

describe('payment-lifecycle-problem.ts: a payment is captured once, from authorized', () => {
  it('a capture entry written a second time is refused: "captured while captured"', () => {
    const journal = rawJournalOf([authorized(1000), { op: 'payment.capture', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] } as Command]);
    journal.push({ ...structuredClone(journal[1]!), seq: 3 });
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'payment pay_1 captured while captured'));
  });
});

describe('payment-lifecycle-problem.ts: a refund request\'s settling concerns the entry\'s payment (the request names it)', () => {
  it('a rejection of r1 (of kb_1) whose entry and event are edited to say payment cc is refused naming both', () => {
    const journal = rawJournalOf([FUNDING, ...konbiniRequestCommands(), { op: 'refund_request.reject', refundRequest: 'r1' } as Command]);
    const entry = entryOf(journal, 4);
    entry['payment'] = 'cc';
    entry.events[0]!['payment'] = 'cc';
    expect(replayOutcome(journal)).toBe(inapplicable(5, 'a refund_request_rejected change names payment kb_1, the entry payment cc'));
  });
});

describe('payment-lifecycle-problem.ts: only the refund right after a request\'s completion is that request\'s; another is direct', () => {
  it('a completion entry whose refund is written a second time is refused for the second as a direct Konbini refund', () => {
    const journal = rawJournalOf([FUNDING, ...konbiniRequestCommands(), { op: 'refund_request.complete', refundRequest: 'r1' } as Command]);
    const changes = journal[4]!.changes;
    expect(changes.map((change) => change['kind'])).toEqual(['refund_request_completed', 'payment_refunded']);
    changes.push(structuredClone(changes[1]!));
    expect(replayOutcome(journal)).toBe(inapplicable(5, 'payment kb_1 refunded directly, but konbini payments are refunded by refund request (refund_request_required)'));
  });
});

describe('payment-lifecycle-problem.ts: a refund request is in its payment\'s currency', () => {
  it('a request of a yen payment edited to USD is refused naming both currencies', () => {
    const journal = konbiniRequestJournal();
    journal[2]!.changes[0]!['request'].currency = 'USD';
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'refund request r1 is in USD, its payment kb_1 in JPY'));
  });
});

describe('payment-lifecycle-problem.ts: customers get back by chargeback what the chargebacks say', () => {
  it('a chargeback entry given a further balanced Chargeback pair of 10 is refused: 1010 against 1000', () => {
    const journal = rawJournalOf([goldenPayment(), { op: 'payment.chargeback', payment: 'pay_1' } as Command]);
    journal[1]!.postings.push(
      { account: 'Assets:Receivable:Customers', currency: 'JPY', amount: -10, recordType: 'Chargeback' },
      { account: 'Liabilities:Merchants:mart', merchant: 'mart', currency: 'JPY', amount: 10, recordType: 'Chargeback' },
    );
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'its customers get back 1010 by chargeback but its chargebacks say 1000'));
  });
});

describe('payment-lifecycle-problem.ts: a split taken at creation is the capture\'s (the message writes an empty split "none")', () => {
  it('a Konbini capture whose split is emptied is refused naming "none" against the creation\'s split', () => {
    const journal = rawJournalOf([konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' } as Command]);
    journal[1]!.changes[0]!['split'] = [];
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment kb_1 took its split at creation, but is captured with another (none instead of pm1 5000 (fee 500))'));
  });

  it('a Konbini capture whose two lines trade amounts and fees is refused listing each split\'s lines, comma-separated', () => {
    const journal = rawJournalOf([
      { ...konbiniPayment('kb_1'), split: [{ submerchantId: 'pm1', amount: 3000, platformFee: 300 }, { submerchantId: 'pm2', amount: 2000, platformFee: 200 }] },
      { op: 'payment.capture', payment: 'kb_1' } as Command,
    ]);
    journal[1]!.changes[0]!['split'] = [{ submerchantId: 'pm1', amount: 2000, platformFee: 200 }, { submerchantId: 'pm2', amount: 3000, platformFee: 300 }];
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment kb_1 took its split at creation, but is captured with another (pm1 2000 (fee 200), pm2 3000 (fee 300) instead of pm1 3000 (fee 300), pm2 2000 (fee 200))'));
  });
});

describe('payment-lifecycle-problem.ts: customers pay what the entry\'s captures say (customerMoneyMisfit)', () => {
  it('a chargeback entry given a balanced Payment pair (customers +10, mart -10) is refused for what customers pay', () => {
    const journal = rawJournalOf([goldenPayment(), { op: 'payment.chargeback', payment: 'pay_1' } as Command]);
    journal[1]!.postings.push(
      { account: 'Assets:Receivable:Customers', currency: 'JPY', amount: 10, recordType: 'Payment' },
      { account: 'Liabilities:Merchants:mart', merchant: 'mart', currency: 'JPY', amount: -10, recordType: 'Payment' },
    );
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'its customers pay 10 but its captures say 0'));
  });
});

describe('reestimates-misfit.ts: settling a seller-model request re-estimates each other pending request, by name, in order, every one', () => {
  /**
   * The ¥50,000 Konbini seller payment skb (platform amount 5,000), three pending requests of 7
   * (r0, r1, r2), then r0 rejected (entry 6): r1 becomes the first (platform 1, s1 6) and r2
   * the second (platform 0, s1 7), both re-estimated in that entry.
   */
  const rejectedFirst = (): RawEntry[] =>
    rawJournalOf([
      sellerPayment('skb', { paymentType: 'konbini' }),
      { op: 'payment.capture', payment: 'skb' } as Command,
      refundRequest({ id: 'r0', payment: 'skb', amount: 7 }),
      refundRequest({ id: 'r1', payment: 'skb', amount: 7 }),
      refundRequest({ id: 'r2', payment: 'skb', amount: 7 }),
      { op: 'refund_request.reject', refundRequest: 'r0' } as Command,
    ]);

  // A StrykerJS survivor of command-misfit.ts: nothing replayed a rejection with re-estimates as faithful.
  it('the engine\'s own rejection of r0, re-estimating r1 and r2 in its entry, replays: refund_request.reject writes any number of re-estimates after it', () => {
    const journal = rejectedFirst();
    expect(journal[5]!.changes.map((change) => change['kind'])).toEqual(['refund_request_rejected', 'refund_request_reestimated', 'refund_request_reestimated']);
    expect(replayOutcome(journal)).toBe('accepted');
  });

  it('the two re-estimates with their request names swapped (each fits the other request of 7) are refused naming both lists', () => {
    const journal = rejectedFirst();
    const [, first, second] = journal[5]!.changes;
    [first!['refundRequest'], second!['refundRequest']] = [second!['refundRequest'], first!['refundRequest']];
    expect(replayOutcome(journal)).toBe(inapplicable(6, 'it re-estimates r2 (platform 1, s1 6), r1 (platform 0, s1 7), where settling it re-estimates r1 (platform 1, s1 6), r2 (platform 0, s1 7)'));
  });

  it('r2 left with its old estimate (platform 1, s1 6, its old holds), r1\'s right, is refused: every re-estimate is checked, not one', () => {
    const journal = rejectedFirst();
    const created = journal[4]!.changes[0]!['request'];
    Object.assign(journal[5]!.changes[2]!, { parts: structuredClone(created.parts), holds: structuredClone(created.holds) });
    expect(replayOutcome(journal)).toBe(inapplicable(6, 'it re-estimates r1 (platform 1, s1 6), r2 (platform 1, s1 6), where settling it re-estimates r1 (platform 1, s1 6), r2 (platform 0, s1 7)'));
  });
});

describe('events-misfit.ts: an event carries only the fields of a ledger event (onlyEventFields)', () => {
  it('a capture\'s event given a field note: "x" is refused, the event written as it is', () => {
    const journal = rawJournalOf([goldenPayment()]);
    entryOf(journal, 0).events[0]!['note'] = 'x';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'its event 1 is {"type":"payment.captured","payment":"pay_1","note":"x"}, where its changes raise {"type":"payment.captured","payment":"pay_1"}'));
  });

  it('a field left undefined (a journal of objects from code) counts as left out: accepted', () => {
    const journal = rawJournalOf([goldenPayment()]);
    entryOf(journal, 0).events[0]!['note'] = undefined;
    expect(replayOutcome(journal)).toBe('accepted');
  });
});

describe('events-misfit.ts: the first difference between an entry\'s events and those its changes raise is named, numbered from 1', () => {
  /** pay_1 refunded in full at once (mart funded first): a payment.refund.created of 1,000, then payment.refunded (entry 3). */
  const fullRefund = (): RawEntry[] => rawJournalOf([goldenPayment(), FUNDING, { op: 'payment.refund', payment: 'pay_1' } as Command]);
  /** pay_1 refunded 400 by pm1 (entry 2): one payment.refund.created, no payment.refunded. */
  const partialRefund = (): RawEntry[] => rawJournalOf([goldenPayment(), { op: 'payment.refund', payment: 'pay_1', amount: 400, split: [{ submerchantId: 'pm1', amount: 400, platformFee: 0 }] } as Command]);

  it('a full refund whose payment.refunded is left out is refused: its events stop before event 2, naming the event its changes raise there', () => {
    const journal = fullRefund();
    entryOf(journal, 2).events.pop();
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'its events stop before event 2, where its changes raise {"type":"payment.refunded","payment":"pay_1"}'));
  });

  it('a partial refund given a payment.refunded is refused naming that event 2 as none its changes raise', () => {
    const journal = partialRefund();
    entryOf(journal, 1).events.push({ type: 'payment.refunded', payment: 'pay_1' });
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'its event 2 {"type":"payment.refunded","payment":"pay_1"} is none its changes raise'));
  });

  it('a full refund whose two events both differ (an amount of 1,001, then pay_9 refunded) is refused naming event 1 only, the first difference', () => {
    const journal = fullRefund();
    const [created, refunded] = entryOf(journal, 2).events;
    created!['amount'] = 1001;
    refunded!['payment'] = 'pay_9';
    expect(replayOutcome(journal)).toBe(
      inapplicable(3, 'its event 1 is {"type":"payment.refund.created","payment":"pay_1","amount":1001,"currency":"JPY"}, where its changes raise {"type":"payment.refund.created","payment":"pay_1","amount":1000,"currency":"JPY"}'),
    );
  });

  it('a capture\'s event edited to null is refused naming it as null, not turned into a check that throws', () => {
    const journal = rawJournalOf([goldenPayment()]);
    (entryOf(journal, 0).events as unknown[])[0] = null;
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'its event 1 is null, where its changes raise {"type":"payment.captured","payment":"pay_1"}'));
  });

  it('a run\'s settlement.created edited to name pm2, where the run pays pm1, is refused naming both merchants', () => {
    const journal = weeklyRunOfGoldenPayment(0);
    entryOf(journal, 2).events[0]!['merchant'] = 'pm2';
    expect(replayOutcome(journal)).toBe(
      inapplicable(3, 'its event 1 is {"type":"settlement.created","merchant":"pm2","amount":630,"currency":"JPY"}, where its changes raise {"type":"settlement.created","merchant":"pm1","amount":630,"currency":"JPY"}'),
    );
  });
});

/** pm1 paid weekly with this minimum, the golden payment on Monday 2026-01-05, and the run of Friday 2026-01-16 that pays that week. */
function weeklyRunOfGoldenPayment(minimumAmount: number): RawEntry[] {
  return rawJournalOf([
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount, at: '2026-01-01T00:00:00+09:00' } as Command,
    goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
    { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' } as Command,
  ]);
}

describe('payout-misfit.ts: a settled period\'s ends are YYYY-MM-DD dates', () => {
  it('a run whose period start is edited to 2026-1-03 is refused for its dates', () => {
    const journal = weeklyRunOfGoldenPayment(0);
    journal[2]!.changes[0]!['periodStart'] = '2026-1-03';
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'payout period 2026-1-03 to 2026-01-09 of pm1: both ends must be YYYY-MM-DD dates'));
  });

  it('a run whose period end is edited to 2026-1-09 is refused the same way (the end is checked too, not only the start)', () => {
    const journal = weeklyRunOfGoldenPayment(0);
    journal[2]!.changes[0]!['periodEnd'] = '2026-1-09';
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'payout period 2026-01-03 to 2026-1-09 of pm1: both ends must be YYYY-MM-DD dates'));
  });
});

describe('payout-misfit.ts: a run pays an amount of at least the minimum; only one below it is carried over', () => {
  it('pm1, paid weekly with a minimum of 630, is paid exactly its 630 and the journal replays', () => {
    const journal = weeklyRunOfGoldenPayment(630);
    expect(journal[2]!.changes.map((change) => [change['merchant'], change['amount']])).toEqual([['pm1', 630]]);
    expect(replayOutcome(journal)).toBe('accepted');
  });
});

describe('payout-misfit.ts: a run that pays a merchant two periods pays the second less what it paid for the first, oldest period first', () => {
  // Holidays from Friday 2026-01-16 to Thursday 01-22 move that Friday's payout (the week of
  // 01-03 to 01-09) onto Friday 01-23, whose own payout is the week of 01-10 to 01-16: the run
  // of 01-23 pays pm1 both weeks.
  const twoWeeks = (payments: readonly Command[]): RawEntry[] =>
    rawJournalOf([
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' } as Command,
      ...payments,
      { op: 'settlement.run', date: '2026-01-23', at: '2026-01-23T12:00:00+09:00', holidays: ['2026-01-16', '2026-01-19', '2026-01-20', '2026-01-21', '2026-01-22'] } as Command,
    ]);
  /** The seeds' payment in each week: pm1 is paid 630 for each. */
  const BOTH_WEEKS: readonly Command[] = [goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }), goldenPayment('pay_2', { at: '2026-01-12T10:00:00+09:00' })];

  it.each([
    [700, 'payout of 700 JPY to pm1, which has 630 available: a run pays no more'],
    [600, 'payout of 600 JPY to pm1 for the period 2026-01-10 to 2026-01-16, where a run pays 630: the balance held 630 at the period\'s end (less payouts since) and has 630 available'],
  ])('the second week\'s 630 edited to %i is refused, the 630 paid for the first taken off what pm1 held and has', (amount, message) => {
    const journal = twoWeeks(BOTH_WEEKS);
    expect(journal[3]!.changes.map((change) => [change['periodStart'], change['amount']])).toEqual([['2026-01-03', 630], ['2026-01-10', 630]]);
    expect(replayOutcome(journal)).toBe('accepted');
    journal[3]!.changes[1]!['amount'] = amount;
    expect(replayOutcome(journal)).toBe(inapplicable(4, message));
  });

  it('with a payment in the first week only (630, then 0), the two periods swapped (each amount still what a run in that order pays) are refused for their order', () => {
    const journal = twoWeeks(BOTH_WEEKS.slice(0, 1));
    const [first, second] = journal[2]!.changes;
    expect([first!['amount'], second!['amount']]).toEqual([630, 0]);
    [first!['periodStart'], first!['periodEnd'], second!['periodStart'], second!['periodEnd']] = [second!['periodStart'], second!['periodEnd'], first!['periodStart'], first!['periodEnd']];
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'the run settles pm1 in JPY for 2026-01-03 to 2026-01-09 after pm1 in JPY for 2026-01-10 to 2026-01-16: a run goes by merchant, then currency, then period'));
  });
});

describe('payout-misfit.ts (runOrderMisfit): a run settles a merchant\'s currencies in sorted order', () => {
  it('pm1 paid in JPY and USD for the same week, the two payouts (postings and events with them) swapped, is refused for their order', () => {
    const journal = rawJournalOf([
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' } as Command,
      { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'USD', frequency: 'weekly', minimumAmount: 0 } as Command,
      goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
      goldenPayment('pay_2', { currency: 'USD', at: '2026-01-05T11:00:00+09:00' }),
      { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' } as Command,
    ]);
    const run = entryOf(journal, 4);
    expect(run.changes.map((change) => change['currency'])).toEqual(['JPY', 'USD']);
    run.changes.reverse();
    run.postings = [...run.postings.slice(2), ...run.postings.slice(0, 2)];
    run.events.reverse();
    expect(replayOutcome(journal)).toBe(inapplicable(5, 'the run settles pm1 in JPY for 2026-01-03 to 2026-01-09 after pm1 in USD for 2026-01-03 to 2026-01-09: a run goes by merchant, then currency, then period'));
  });
});

describe('session-payment-misfit.ts: a session\'s payment is the one session.complete creates for it, field by field', () => {
  it('a payment whose session field is removed is refused, the missing value written "absent"', () => {
    const journal = rawJournalOf(COMPLETED_SESSION);
    delete journal[1]!.changes[0]!['payment'].session;
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 completed with payment p1 whose session is absent, not the session\'s "ses_1"'));
  });

  it('a marketplace session\'s payment given seller s1 is refused, the session\'s missing seller written "absent"', () => {
    const journal = rawJournalOf(COMPLETED_SESSION);
    journal[1]!.changes[0]!['payment'].seller = 's1';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 completed with payment p1 whose seller is "s1", not the session\'s absent'));
  });

  it('a seller session\'s payment whose platform amount is edited from 200 to 300 is refused naming platform_amount', () => {
    const journal = rawJournalOf([
      { op: 'session.create', id: 'ses_1', merchant: 'plt', as: 's1', amount: 2000, currency: 'JPY', paymentTypes: ['credit_card'], returnUrl: 'https://shop.example/r', capture: 'manual', platformAmount: 200, platformMerchant: 'plt' } as Command,
      { op: 'session.complete', session: 'ses_1', payment: 'sp_1', paymentType: 'credit_card' } as Command,
    ]);
    journal[1]!.changes[0]!['payment'].platformAmount = 300;
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 completed with payment sp_1 whose platform_amount is 300, not the session\'s 200'));
  });

  it('a Konbini payment of a capture: auto session without the split fixed at its creation is refused: "not fixed at creation"', () => {
    const journal = rawJournalOf([marketplaceSession('ses_1'), { op: 'session.complete', session: 'ses_1', payment: 'p1', paymentType: 'konbini' } as Command]);
    delete journal[1]!.changes[0]!['payment'].pendingSplit;
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 (capture auto) completed with a konbini payment p1 whose split is not fixed at creation'));
  });

  it('a Konbini seller payment of a capture: manual session marked platformAmountFixed is refused: "platform amount is fixed at creation"', () => {
    const journal = rawJournalOf([
      { op: 'session.create', id: 'ses_1', merchant: 'plt', as: 's1', amount: 2000, currency: 'JPY', paymentTypes: ['konbini'], returnUrl: 'https://shop.example/r', capture: 'manual', platformAmount: 200, platformMerchant: 'plt' } as Command,
      { op: 'session.complete', session: 'ses_1', payment: 'sp_1', paymentType: 'konbini' } as Command,
    ]);
    journal[1]!.changes[0]!['payment'].platformAmountFixed = true;
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 (capture manual) completed with a konbini payment sp_1 whose platform amount is fixed at creation'));
  });

  it('a card payment of a capture: auto session whose capture (postings and event with it) is removed is refused: "not captured at once"', () => {
    const journal = rawJournalOf([marketplaceSession('ses_1'), { op: 'session.complete', session: 'ses_1', payment: 'p1', paymentType: 'credit_card' } as Command]);
    const entry = entryOf(journal, 1);
    entry.changes = entry.changes.filter((change) => change['kind'] !== 'payment_captured');
    entry.postings = [];
    entry.events = entry.events.filter((event) => event['type'] !== 'payment.captured');
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 (capture auto) completed with a credit_card payment p1 not captured at once'));
  });

  it('a payment edited to platform bazaar is refused naming the field', () => {
    const journal = rawJournalOf(COMPLETED_SESSION);
    journal[1]!.changes[0]!['payment'].platform = 'bazaar';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'session ses_1 completed with payment p1 whose platform is "bazaar", not the session\'s "mart"'));
  });
});

describe('payment-lifecycle-problem.ts: a payment\'s platform is of the journal\'s book', () => {
  it('a creation edited to name platform lmart of the live book (in a test-book journal) is refused naming both books', () => {
    const config: LedgerConfig = { ...CONFIG, merchants: [...CONFIG.merchants, { id: 'lmart', type: 'platform', business: 'marketplace', book: 'live', paymentMethods: PAYMENT_METHODS }] };
    const journal = rawJournalOf([goldenPayment()], config);
    journal[0]!.changes[0]!['payment'].platform = 'lmart';
    expect(replayOutcome(journal, config)).toBe(inapplicable(1, 'payment pay_1 is of platform lmart of the live book; this journal keeps the test book'));
  });
});

describe('payment-lifecycle-problem.ts: a capture\'s shares go to payout merchants of its platform (marketplace) or to its seller', () => {
  it('a marketplace capture whose pm2 share is given to px (a payout merchant of bazaar) is refused before its split is compared', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes[1]!['shares'].submerchants[1].submerchantId = 'px';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 captured with a share for px, not a payout merchant of mart'));
  });

  it('a seller capture whose s1 share is given to s2 (another seller of plt) is refused: "not a seller of plt"', () => {
    const journal = rawJournalOf([sellerPayment('sp_1')]);
    journal[0]!.changes[1]!['shares'].submerchants[0].submerchantId = 's2';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment sp_1 captured with a share for s2, not a seller of plt'));
  });
});

describe('payment-lifecycle-problem.ts: a capture\'s split lines are of payout merchants of its platform', () => {
  it('a capture whose pm2 split line (its share kept) is moved to px of bazaar is refused naming it', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes[1]!['split'][1].submerchantId = 'px';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 split to px, not a payout merchant of mart'));
  });

  it('a capture whose pm2 split line is moved to pm9, which the configuration does not know, is refused the same way (no TypeError)', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes[1]!['split'][1].submerchantId = 'pm9';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 split to pm9, not a payout merchant of mart'));
  });
});

describe('payment-lifecycle-problem.ts: a chargeback takes everything left after refunds', () => {
  it('after a refund of 100, a chargeback edited from 900 to 800 is refused naming the 900 left', () => {
    const journal = rawJournalOf([
      goldenPayment(),
      { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 90, platformFee: 10 }] },
      { op: 'payment.chargeback', payment: 'pay_1' } as Command,
    ]);
    expect(journal[2]!.changes[0]!['amount']).toBe(900);
    journal[2]!.changes[0]!['amount'] = 800;
    expect(replayOutcome(journal)).toBe(inapplicable(3, 'payment pay_1 charged back 800, not the 900 left of it'));
  });
});

describe('payment-lifecycle-problem.ts: a seller payment\'s platform is a platform, its seller a seller of it', () => {
  it('a seller payment whose platform is edited to its seller s1 is refused as not such a platform (not for its seller)', () => {
    const journal = rawJournalOf([sellerPayment('sp_1')]);
    journal[0]!.changes[0]!['payment'].platform = 's1';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment sp_1 is a seller payment of s1, which is not such a platform in the configuration'));
  });

  it('a marketplace payment whose platform is edited to zz, which the configuration does not know, is refused the same way (no TypeError)', () => {
    const journal = rawJournalOf([goldenPayment()]);
    journal[0]!.changes[0]!['payment'].platform = 'zz';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment pay_1 is a marketplace payment of zz, which is not such a platform in the configuration'));
  });

  it('a seller payment edited to name seller zz, which the configuration does not know, is refused naming it (no TypeError)', () => {
    const journal = rawJournalOf([sellerPayment('sp_1')]);
    journal[0]!.changes[0]!['payment'].seller = 'zz';
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'payment sp_1 names seller zz, not a seller of plt'));
  });

  it('a seller payment edited to name s9, a seller of another platform plt2, is refused: its seller is of its own platform', () => {
    const config: LedgerConfig = { ...CONFIG, merchants: [...CONFIG.merchants, { id: 'plt2', type: 'platform', business: 'platform', paymentMethods: PAYMENT_METHODS }, { id: 's9', type: 'seller', platform: 'plt2' }] };
    const journal = rawJournalOf([sellerPayment('sp_1')], config);
    journal[0]!.changes[0]!['payment'].seller = 's9';
    expect(replayOutcome(journal, config)).toBe(inapplicable(1, 'payment sp_1 names seller s9, not a seller of plt'));
  });
});

describe('payment-lifecycle-problem.ts: a payment is cancelled or expired only while authorized (the status within the entry)', () => {
  it('a cancellation entry given a second cancellation is refused for the first: "cancelled while cancelled"', () => {
    const journal = rawJournalOf([authorized(1000), { op: 'payment.cancel', payment: 'pay_1' } as Command]);
    journal[1]!.changes.push({ kind: 'payment_cancelled', payment: 'pay_1' });
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment pay_1 cancelled while cancelled'));
  });

  it('an expiry entry given a cancellation after it is refused for the status the expiry left: "cancelled while expired"', () => {
    const journal = rawJournalOf([authorized(1000), { op: 'payment.expire', payment: 'pay_1' } as Command]);
    journal[1]!.changes.push({ kind: 'payment_cancelled', payment: 'pay_1' });
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment pay_1 cancelled while expired'));
  });
});

describe('payment-lifecycle-problem.ts: a capture takes at most the payment\'s amount', () => {
  it('a two-step capture of the ¥1,000 authorized edited to capture 1200 is refused naming both amounts', () => {
    const journal = rawJournalOf([authorized(1000), { op: 'payment.capture', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] } as Command]);
    journal[1]!.changes[0]!['capturedAmount'] = 1200;
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment pay_1 of 1000 captured for 1200'));
  });

  it('a two-step capture edited to capture 0 is refused the same way: a capture takes at least 1', () => {
    const journal = rawJournalOf([authorized(1000), { op: 'payment.capture', payment: 'pay_1', split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 100 }] } as Command]);
    journal[1]!.changes[0]!['capturedAmount'] = 0;
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'payment pay_1 of 1000 captured for 0'));
  });
});

describe('payment-lifecycle-problem.ts: a request refunds the customer fee the payment was charged, as charged', () => {
  /** mart funded by a card payment, the ¥5,000 `payment` (Konbini unless edited) paid, then request r1 of 100 from pm1 (entry 4). */
  const requestJournal = (payment: Command, includePaymentMethodFee: boolean): RawEntry[] =>
    rawJournalOf([
      FUNDING,
      payment,
      { op: 'payment.capture', payment: (payment as { id: string }).id } as Command,
      refundRequest({ id: 'r1', payment: (payment as { id: string }).id, amount: 100, includePaymentMethodFee, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] }),
    ]);

  it.each([
    ['fee', 200, 'refund request r1 refunds a customer fee of 200 and tax 19, but a request refunds the 190 and 19 payment kb_1 was charged, once'],
    ['tax', 29, 'refund request r1 refunds a customer fee of 190 and tax 29, but a request refunds the 190 and 19 payment kb_1 was charged, once'],
  ] as const)('a Konbini request whose refunded customer %s is raised by 10 (mart\'s hold with it) is refused naming what was charged', (part, amount, message) => {
    const journal = requestJournal(konbiniPayment('kb_1'), true);
    const request = journal[3]!.changes[0]!['request'];
    request.refundedCustomerFee[part].amount = amount;
    request.holds[0].amount += 10;
    expect(replayOutcome(journal)).toBe(inapplicable(4, message));
  });

  it('a bank transfer request (no customer fee charged) given a refunded customer fee of 0 and tax 0 is refused: there is none to refund', () => {
    const journal = requestJournal({ ...konbiniPayment('bt_1'), paymentType: 'bank_transfer' }, false);
    journal[3]!.changes[0]!['request'].refundedCustomerFee = { fee: { type: 'Refunded Customer Fee', amount: 0 }, tax: { type: 'Refunded Customer Fee Tax', amount: 0 } };
    expect(replayOutcome(journal)).toBe(inapplicable(4, 'refund request r1 refunds a customer fee of 0 and tax 0, but a request refunds the 0 and 0 payment bt_1 was charged, once'));
  });

  it('a bank transfer request edited to 0 (its parts 0) is refused saying a request takes more than 0', () => {
    const journal = requestJournal({ ...konbiniPayment('bt_1'), paymentType: 'bank_transfer' }, false);
    const request = journal[3]!.changes[0]!['request'];
    request.amount = 0;
    request.parts = { platform: 0, submerchants: [{ submerchantId: 'pm1', amount: 0 }] };
    request.holds = request.holds.filter((hold: { merchant: string }) => hold.merchant !== 'pm1');
    expect(replayOutcome(journal)).toBe(inapplicable(4, 'payment bt_1 had a refund requested of 0: a refund, refund request or chargeback takes more than 0'));
  });
});

describe('payment-lifecycle-problem.ts: a refund is of at least 1 and never beyond what was captured, the refunds before it counted', () => {
  const REFUND_100: Command = { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 90, platformFee: 10 }] };

  it.each([
    ['950 (pm1 940, platform 10), 1050 with the 100 before it', 950, 940, 'payment pay_1 captured for 1000 refunded up to 1050'],
    ['0 (every part 0)', 0, 0, 'payment pay_1 refunded 0: a refund, refund request or chargeback takes more than 0'],
  ])('a second refund of 100 edited to %s is refused naming what is wrong with it', (_, amount, pm1, message) => {
    const journal = rawJournalOf([goldenPayment(), REFUND_100, REFUND_100]);
    const refund = journal[2]!.changes[0]!;
    refund['amount'] = amount;
    refund['parts'] = { platform: amount - pm1, submerchants: [{ submerchantId: 'pm1', amount: pm1 }, { submerchantId: 'pm2', amount: 0 }] };
    expect(replayOutcome(journal)).toBe(inapplicable(3, message));
  });
});

describe('command-misfit.ts: an entry\'s op is one Kanjo runs, and writes the entry\'s changes, in its order, each as often as it does', () => {
  /** pay_1 created and captured at once (entry 1), then refunded 100 from pm1 (entry 2). */
  const refunded = (): RawEntry[] => rawJournalOf([goldenPayment(), { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] } as Command]);

  it('a refund whose op is edited to payment.teleport is refused naming the op, quoted', () => {
    const journal = refunded();
    entryOf(journal, 1).command['op'] = 'payment.teleport';
    expect(replayOutcome(journal)).toBe(inapplicable(2, 'its command\'s op "payment.teleport" is none Kanjo runs'));
  });

  it.each([
    [1, 'payment.capture', 'its command is payment.capture, which writes [payment_captured], not [payment_created, payment_captured]'],
    [2, 'payment.create', 'its command is payment.create, which writes [payment_created, payment_captured?], not [payment_refunded]'],
    [2, 'refund_request.complete', 'its command is refund_request.complete, which writes [refund_request_completed, payment_refunded, refund_request_reestimated*], not [payment_refunded]'],
  ] as const)('entry %i with its op edited to %s is refused listing what that op writes (once, ? at most once, * any number) and what the entry holds', (seq, op, message) => {
    const journal = refunded();
    entryOf(journal, seq - 1).command['op'] = op;
    expect(replayOutcome(journal)).toBe(inapplicable(seq, message));
  });

  it('payout settings written twice in their entry (nothing else refuses it) are refused: payout_settings.update writes them once', () => {
    const journal = rawJournalOf([{ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 } as Command]);
    journal[0]!.changes.push(structuredClone(journal[0]!.changes[0]!));
    expect(replayOutcome(journal)).toBe(inapplicable(1, 'its command is payout_settings.update, which writes [payout_settings_updated], not [payout_settings_updated, payout_settings_updated]'));
  });
});

/** What replaying the journal of `commands` says with the first change of entry `index` edited by `edit`. */
function outcomeWithFirstChange(commands: readonly Command[], index: number, edit: (change: Record<string, any>) => void, config: LedgerConfig = CONFIG): string {
  const journal = rawJournalOf(commands, config);
  edit(journal[index]!.changes[0]!);
  return replayOutcome(journal, config);
}

describe('creation-misfit.ts: payout settings are ones payout_settings.update could set (payoutSettingsMisfit), each refusal naming the field', () => {
  const SETTINGS: readonly Command[] = [{ op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0 } as Command];

  it.each([
    ['of merchant ghost, which the configuration lacks', 'merchant', 'ghost', 'payout settings of unknown merchant ghost'],
    ['in XXX', 'currency', 'XXX', 'payout settings of pm1 in "XXX", a currency Kanjo does not know'],
    ['paid daily', 'frequency', 'daily', 'payout settings of pm1 with frequency "daily", not weekly or monthly'],
    ['with a minimum of -1', 'minimumAmount', -1, 'payout settings of pm1 with minimum amount -1, not 0 or more minor units'],
  ])('settings edited to be %s are refused: "%s"', (_, field, value, message) => {
    expect(outcomeWithFirstChange(SETTINGS, 0, (change) => (change['settings'][field] = value))).toBe(inapplicable(1, message));
  });

  it('settings edited to be of lpm, a payout merchant of the live book, in a test-book journal are refused naming both books', () => {
    const config: LedgerConfig = { ...CONFIG, merchants: [...CONFIG.merchants, { id: 'lpm', type: 'payout', platform: 'mart', book: 'live' }] };
    expect(outcomeWithFirstChange(SETTINGS, 0, (change) => (change['settings'].merchant = 'lpm'), config)).toBe(inapplicable(1, 'payout settings of merchant lpm of the live book; this journal keeps the test book'));
  });
});

describe('creation-misfit.ts: a created payment keeps only the terms the engine keeps for it (fixedTermsMisfit), the refusal naming model and type', () => {
  /** A seller-model Konbini payment skb: it waits for the customer, so its platform amount is fixed (platformAmountFixed: true). */
  const SELLER_KONBINI: readonly Command[] = [sellerPayment('skb', { paymentType: 'konbini' })];

  it.each([
    ['a marketplace card payment given a platform amount of 0', [goldenPayment()], (payment: Record<string, any>) => (payment['platformAmount'] = 0), 'payment pay_1 is a marketplace payment with a platform amount, which the engine keeps exactly on seller-model payments'],
    ['a seller card payment without its platform amount', [sellerPayment()], (payment: Record<string, any>) => delete payment['platformAmount'], 'payment sp_1 is a seller payment without a platform amount, which the engine keeps exactly on seller-model payments'],
    ['a marketplace card payment given a split for its capture', [goldenPayment()], (payment: Record<string, any>) => (payment['pendingSplit'] = [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }]), 'payment pay_1 keeps a split for its capture, which only a marketplace payment waiting for the customer does (not a marketplace credit_card payment)'],
    ['a seller Konbini payment, waiting, given a split for its capture', SELLER_KONBINI, (payment: Record<string, any>) => (payment['pendingSplit'] = [{ submerchantId: 'pm1', amount: 50_000, platformFee: 0 }]), 'payment skb keeps a split for its capture, which only a marketplace payment waiting for the customer does (not a seller konbini payment)'],
    ['a seller Konbini payment, waiting, with platformAmountFixed false', SELLER_KONBINI, (payment: Record<string, any>) => (payment['platformAmountFixed'] = false), 'payment skb has platformAmountFixed false, which only a seller-model payment waiting for the customer has (true), not a seller konbini payment'],
    ['a marketplace Konbini payment, waiting, with platformAmountFixed true', [konbiniPayment()], (payment: Record<string, any>) => (payment['platformAmountFixed'] = true), 'payment kb_1 has platformAmountFixed true, which only a seller-model payment waiting for the customer has (true), not a marketplace konbini payment'],
  ])('%s is refused naming it', (_, commands, edit, message) => {
    expect(outcomeWithFirstChange(commands as Command[], 0, (change) => edit(change['payment']))).toBe(inapplicable(1, message));
  });
});
