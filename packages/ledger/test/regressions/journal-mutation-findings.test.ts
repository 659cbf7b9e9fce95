import { availableBalance, merchantBalances, replayJournal, type Command, type Entry } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, refundRequest, sellerPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Findings of the journal mutation property (journal-mutation-properties.test.ts), shrunk to the
// smallest journal: a faithful journal with one entry edited once, which DOMAIN.md says no run
// can write, and which replay (`kanjo reconcile`) accepted. Replay now refuses each at the
// edited entry: a capture's postings must be the engine's own movements for it (planCapture
// into a PostingMatcher: M1 to M3), a capture at creation takes the whole amount (M4), and a
// settled seller-model request's entry must carry exactly the engine's re-estimates (M5).

type RawPosting = { account: string; merchant?: string; currency: string; amount: number; recordType: string };
type RawEntry = { seq: number; changes: Record<string, any>[]; postings: RawPosting[]; [key: string]: unknown };

/** The faithful journal of `commands` on the shared fixture, as plain editable JSON. */
function journalOf(commands: readonly Command[]): RawEntry[] {
  return JSON.parse(JSON.stringify(ledgerAfter(commands).state.journal)) as RawEntry[];
}

/** The rejection of replaying `entries`, as `code: message`, or `accepted` and the balances it reports (of the merchants it moved). */
function replayed(entries: readonly RawEntry[]): string {
  const result = replayJournal(CONFIG, entries as unknown as Entry[]);
  if (!result.ok) return `${result.error.code}: ${result.error.message}`;
  const moved = Object.entries(merchantBalances(result.value.state)).filter(([, byCurrency]) => Object.keys(byCurrency).length > 0);
  return `accepted ${JSON.stringify(Object.fromEntries(moved))}`;
}

/** The one movement (its debit and its credit) of `recordType` in an entry. */
function movement(entry: RawEntry, recordType: string): [RawPosting, RawPosting] {
  const index = entry.postings.findIndex((posting) => posting.recordType === recordType);
  return [entry.postings[index] as RawPosting, entry.postings[index + 1] as RawPosting];
}

/** Expects replay to refuse entry `seq` as journal_entry_inapplicable. */
function expectRefusedAt(entries: readonly RawEntry[], seq: number): void {
  expect(replayed(entries).slice(0, `journal_entry_inapplicable: entry ${seq} cannot be applied: `.length)).toBe(`journal_entry_inapplicable: entry ${seq} cannot be applied: `);
}

/** The seeds' ¥1,000 card payment of mart: processing fee 3.6% = 36, tax 3.6 → 4; mart keeps 100 − 40 = 60. */
const GOLDEN: Command[] = [goldenPayment('pay_1')];
/** A ¥5,000 Konbini payment of mart, paid: the customer also pays the ¥190 customer fee and its ¥19 tax, to KOMOJU. */
const KONBINI_PAID: Command[] = [konbiniPayment('kb_1'), { op: 'payment.capture', payment: 'kb_1' } as Command];

describe('controls: the faithful journals replay', () => {
  it('the golden card payment and the paid Konbini payment', () => {
    expect(replayed(journalOf(GOLDEN))).toBe('accepted {"mart":{"JPY":60},"pm1":{"JPY":630},"pm2":{"JPY":270}}');
    expect(replayed(journalOf(KONBINI_PAID))).toBe('accepted {"mart":{"JPY":348},"pm1":{"JPY":4500}}');
  });
});

// M1. DOMAIN.md "Platform Processing Model": "The platform pays the processing fee (rate from its
// own payment-method settings) and its tax. The fee is on the captured amount."; "Money": fee
// and tax each rounded half-up, the tax on the rounded fee (1000 × 3.6% = 36, tax 4). The
// configuration is the journal's header, so the fee is known; yet the platform's money in a
// capture is compared with nothing (merchant-money-misfit.ts leaves out the capture's `feePayer`;
// the README: "fees and tax are not recomputed"). Every edit below changes what mart holds
// (or KOMOJU's fee income and the tax it owes), and replay reports it as posted.
describe('M1 a capture\'s processing fee and its tax are what the platform\'s rate gives', () => {
  it('a processing fee of 37 where 3.6% of 1,000 is 36 (mart then holds 59)', () => {
    const journal = journalOf(GOLDEN);
    const [debit, credit] = movement(journal[0]!, 'Processing Fee');
    debit.amount += 1;
    credit.amount -= 1;
    expectRefusedAt(journal, 1);
  });
  it('a processing fee tax of 3 where 10% of 36 is 3.6 → 4 (mart then holds 61)', () => {
    const journal = journalOf(GOLDEN);
    const [debit, credit] = movement(journal[0]!, 'Processing Fee Tax');
    debit.amount -= 1;
    credit.amount += 1;
    expectRefusedAt(journal, 1);
  });
  it('no processing fee at all (its movement left out: mart then holds 96)', () => {
    const journal = journalOf(GOLDEN);
    journal[0]!.postings = journal[0]!.postings.filter((posting) => posting.recordType !== 'Processing Fee');
    expectRefusedAt(journal, 1);
  });
  it('the processing fee paid to the platform instead of by it (its two accounts swapped: mart then holds 132)', () => {
    const journal = journalOf(GOLDEN);
    for (const posting of movement(journal[0]!, 'Processing Fee')) posting.amount = -posting.amount;
    expectRefusedAt(journal, 1);
  });
});

// M2. DOMAIN.md "Platform Processing Model": "Customer fee (Konbini and the like): the customer
// pays it and its tax on top of the amount, to KOMOJU"; the capture change records what was
// charged (`customerFee`, `customerFeeTax`: change.ts, "posted as the Customer Fee record"), and
// a later refund request with include_payment_method_fee refunds exactly that. Here the entry
// contradicts itself, no recomputation needed: its Customer Fee postings and its change's
// customerFee disagree. KOMOJU's customer fee income then differs from what the payment says
// was charged (and a request later refunds the change's figure, not what was paid).
describe('M2 a capture\'s customer fee postings are what its change says was charged', () => {
  it('Customer Fee postings of 191 where the capture change says 190', () => {
    const journal = journalOf(KONBINI_PAID);
    const [debit, credit] = movement(journal[1]!, 'Customer Fee');
    debit.amount += 1;
    credit.amount -= 1;
    expectRefusedAt(journal, 2);
  });
  it('a capture change whose customerFee says 191 where its postings charge 190', () => {
    const journal = journalOf(KONBINI_PAID);
    journal[1]!.changes[0]!.customerFee = 191;
    expectRefusedAt(journal, 2);
  });
  it('Customer Fee Tax postings of 0 (left out) where the capture change says 19', () => {
    const journal = journalOf(KONBINI_PAID);
    journal[1]!.postings = journal[1]!.postings.filter((posting) => posting.recordType !== 'Customer Fee Tax');
    expectRefusedAt(journal, 2);
  });
});

// M3 (no one's money moves, but a merchant's records do). SCENARIO.md: records "carry the
// record type names of DOMAIN.md"; DOMAIN.md "Records at capture": a Payout Merchant's capture
// records are a Payment Transfer deposit and a Platform Fee debit. A posting relabelled keeps
// every balance, and `kanjo reconcile --statements` then prints pm1 a Platform Fee deposit of
// 700 that no capture gives. Replay checks record types only on the customers' account.
describe('M3 a posting carries the record type of its movement', () => {
  it('pm1\'s Payment Transfer deposit of 700 relabelled Platform Fee', () => {
    const journal = journalOf(GOLDEN);
    const posting = journal[0]!.postings.find((candidate) => candidate.merchant === 'pm1' && candidate.recordType === 'Payment Transfer')!;
    posting.recordType = 'Platform Fee';
    expectRefusedAt(journal, 1);
  });
});

// M4 (no one's money moves, but the payment's state does). DOMAIN.md "Platform Processing
// Model": "Immediate capture (capture: true …): the split is required and Σ amount = payment
// amount"; the lifecycle table: create with capture true (cards) → captured, the whole amount.
// A payment.create entry whose payment says 1,001 and whose capture at creation takes 1,000
// (its split adds up to 1,000) is nothing the engine writes; replay reports the payment as of
// 1,001, captured 1,000, as if partly captured.
describe('M4 a payment captured at creation is captured for its amount', () => {
  it('payment pay_1 created for 1,001 and captured for 1,000 in the same entry', () => {
    const journal = journalOf(GOLDEN);
    journal[0]!.changes[0]!.payment.amount = 1001;
    expectRefusedAt(journal, 1);
  });
});

// M5. DOMAIN.md "Proportional refunds and rounding": "Always on cumulative totals"; "Sufficient
// balance: every party's available balance (posted, less what pending refund requests hold)".
// The seller's ¥50,000 Konbini payment (¥5,000 to plt) with two pending requests of ¥7: r0 holds
// plt 1 + fees, s1 6 (cumulative 7 × 0.1 = 0.7 → 1); r1 then completes with plt 1, s1 6, after
// which r0 will cost plt 0, s1 7 (cumulative 14 × 0.1 = 1.4 → 1, less the 1 given), and the
// engine writes that re-estimate in r1's completion. Left out, replay keeps r0 holding the old
// parts: s1 has 44,988 available where the engine's ledger has 44,987, plt 2,825 where it has
// 2,826. Replay checks a re-estimate it is given, but does not require the one the completion
// makes necessary.
describe('M5 a completion re-estimates the other pending seller-model requests whose cost it changes', () => {
  const COMMANDS: Command[] = [
    sellerPayment('skb', { paymentType: 'konbini' }),
    { op: 'payment.capture', payment: 'skb' } as Command,
    refundRequest({ id: 'r0', payment: 'skb', amount: 7 }),
    refundRequest({ id: 'r1', payment: 'skb', amount: 7 }),
    { op: 'refund_request.complete', refundRequest: 'r1' } as Command,
  ];
  it('control: the faithful journal re-estimates r0 and replays to s1 44,987 and plt 2,826 available', () => {
    const journal = journalOf(COMMANDS);
    expect(journal[4]!.changes.map((change) => change.kind)).toEqual(['refund_request_completed', 'payment_refunded', 'refund_request_reestimated']);
    const result = replayJournal(CONFIG, journal as unknown as Entry[]);
    if (!result.ok) throw new Error(result.error.message);
    expect([availableBalance(result.value.state, 's1', 'JPY'), availableBalance(result.value.state, 'plt', 'JPY')]).toEqual([44_987, 2826]);
  });
  it('r1\'s completion without its re-estimate of r0', () => {
    const journal = journalOf(COMMANDS);
    journal[4]!.changes = journal[4]!.changes.filter((change) => change.kind !== 'refund_request_reestimated');
    expectRefusedAt(journal, 5);
  });
});
