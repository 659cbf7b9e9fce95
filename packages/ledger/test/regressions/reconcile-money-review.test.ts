import { merchantBalances, replayJournal, type Command, type Entry, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { CONFIG, goldenPayment, konbiniPayment, marketplaceSession, omit, refundRequest, sellerPayment } from '../support/fixtures.js';
import { ledgerAfter } from '../support/ledger-harness.js';

// Adversarial review of `kanjo reconcile` (second round): faithful journals edited so that a
// merchant's balance moves in a way no change of the entry says, or in another currency than
// the one the entry's payment or change is in. Each edit balances per currency and passes the
// earlier checks; the replay reported balances the faithful journal does not give.

type RawPosting = { account: string; merchant?: string; currency: string; amount: number; recordType: string };
type RawEntry = { seq: number; at: string; changes: Record<string, any>[]; postings: RawPosting[]; [key: string]: unknown };

/** The faithful journal of `commands` (each dated as it says, or at the previous one's time), as plain editable JSON. */
function journalOf(commands: readonly Command[], config: LedgerConfig = CONFIG): RawEntry[] {
  return JSON.parse(JSON.stringify(ledgerAfter(commands, config).state.journal)) as RawEntry[];
}

/** The rejection of replaying `entries` as `code: message`, or the balances it reports. */
function replayed(entries: readonly RawEntry[], config: LedgerConfig = CONFIG): string {
  const result = replayJournal(config, entries as unknown as Entry[]);
  return result.ok ? `accepted ${JSON.stringify(merchantBalances(result.value.state))}` : `${result.error.code}: ${result.error.message}`;
}

/** Moves a posting from one merchant's account to another's. */
function moveTo(posting: RawPosting, merchant: string): void {
  posting.merchant = merchant;
  posting.account = `Liabilities:Merchants:${merchant}`;
}

const merchantPosting = (merchant: string, amount: number, recordType = 'Balance Transfer'): RawPosting => ({ account: `Liabilities:Merchants:${merchant}`, merchant, currency: 'JPY', amount, recordType });
const TRANSFER: Command = { op: 'balance.transfer', merchant: 'mart', from: 'mart', to: 'pm1', amount: 10, currency: 'JPY' } as Command;
const PAYOUT_RUN: Command[] = [
  { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimumAmount: 0, at: '2026-01-01T00:00:00+09:00' } as Command,
  goldenPayment('pay_1', { at: '2026-01-05T10:00:00+09:00' }),
  { op: 'settlement.run', date: '2026-01-16', at: '2026-01-16T12:00:00+09:00' } as Command,
];

/** A captured Konbini payment kb_1 of which pm1 has 1,000, and mart enough (from cc) to pay refund fees. */
const CAPTURED_KONBINI: Command[] = [
    goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }),
    konbiniPayment('kb_1'),
    { op: 'payment.capture', payment: 'kb_1' } as Command,
];

describe('controls: the faithful journals replay', () => {
  it('a session, a transfer and a payout', () => {
    expect(replayed(journalOf([goldenPayment('pay_1'), marketplaceSession('ses_1'), TRANSFER]))).toMatch(/^accepted/);
    expect(replayed(journalOf(PAYOUT_RUN))).toMatch(/^accepted/);
  });
});

describe('R1 a merchant balance moves only as a transfer or payout change of the entry says', () => {
  it('a session.create entry that also moves 500 from pm2 to pm1', () => {
    const journal = journalOf([goldenPayment('pay_1'), marketplaceSession('ses_1')]);
    journal[1]!.postings = [merchantPosting('pm2', 500), merchantPosting('pm1', -500)];
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: it posts money but records no change that moves money');
  });
  it('a payment.cancel entry that also moves 500 from pm2 to pm1', () => {
    const journal = journalOf([goldenPayment('pay_1'), omit(goldenPayment('pay_2', { capture: false }), 'split'), { op: 'payment.cancel', payment: 'pay_2' } as Command]);
    journal[2]!.postings = [merchantPosting('pm2', 500), merchantPosting('pm1', -500)];
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 3 cannot be applied: it posts money but records no change that moves money');
  });
  it('a transfer from mart to pm1 whose debit is on pm2', () => {
    const journal = journalOf([goldenPayment('pay_1'), TRANSFER]);
    for (const posting of journal[1]!.postings) if (posting.merchant === 'mart') moveTo(posting, 'pm2');
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: it moves 0 JPY for mart, but its changes move -10 JPY for it');
  });
  it('a payout to pm1 debited from pm2', () => {
    const journal = journalOf(PAYOUT_RUN);
    for (const posting of journal[2]!.postings) if (posting.merchant === 'pm1') moveTo(posting, 'pm2');
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 3 cannot be applied: it moves 0 JPY for pm1, but its changes move -630 JPY for it');
  });
  it('a payout whose change says 5 but whose postings pay 630', () => {
    const journal = journalOf(PAYOUT_RUN);
    journal[2]!.changes[0]!.amount = 5;
    // The change is checked against what the run pays before its postings are checked against the change.
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 3 cannot be applied: payout of 5 JPY to pm1 for the period 2026-01-03 to 2026-01-09, where a run pays 630: the balance held 630 at the period\'s end (less payouts since) and has 630 available');
  });
  it('a payout whose postings pay 100 of the 630 its change says', () => {
    const journal = journalOf(PAYOUT_RUN);
    for (const posting of journal[2]!.postings) posting.amount = Math.sign(posting.amount) * 100;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 3 cannot be applied: it moves -100 JPY for pm1, but its changes move -630 JPY for it');
  });
  it('a chargeback of a marketplace payment borne by pm1 instead of mart, its processing merchant', () => {
    const journal = journalOf([goldenPayment('pay_1'), { op: 'payment.chargeback', payment: 'pay_1' } as Command]);
    for (const posting of journal[1]!.postings) if (posting.merchant === 'mart') moveTo(posting, 'pm1');
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: it moves 0 JPY for mart, but its changes move -1000 JPY for it');
  });
});

describe('R2 a payment entry is in its payment currency', () => {
  it('a capture whose processing fee and its tax are booked in USD on a JPY payment', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    for (const posting of journal[0]!.postings) if (posting.recordType === 'Processing Fee' || posting.recordType === 'Processing Fee Tax') posting.currency = 'USD';
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: the capture of payment pay_1: posting 11 is 36 (0.36 USD) Processing Fee on Liabilities:Merchants:mart, where the engine posts 36 JPY Processing Fee on Liabilities:Merchants:mart');
  });
  it('a refund request in USD on a JPY payment (its holds then in USD)', () => {
    const journal = journalOf([
      goldenPayment('cc', { amount: 5000, split: [{ submerchantId: 'pm2', amount: 5000, platformFee: 5000 }] }),
      konbiniPayment('kb_1'),
      { op: 'payment.capture', payment: 'kb_1' } as Command,
      refundRequest({ payment: 'kb_1', id: 'rr1', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }),
    ]);
    journal[3]!.changes[0]!.request.currency = 'USD';
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 4 cannot be applied: refund request rr1 is in USD, its payment kb_1 in JPY');
  });
  it('a payment created in a currency Kanjo does not know', () => {
    const journal = journalOf([goldenPayment('pay_1'), omit(goldenPayment('pay_2', { capture: false }), 'split')]);
    journal[1]!.changes[0]!.payment.currency = 'XYZ';
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: payment pay_2 is in XYZ, not an ISO 4217 code Kanjo knows');
  });
});

// Holds are not in the posted balances reconcile prints, but they are the rebuilt ledger's
// available balances: what a refund or payout decided after the replay may use. The engine
// holds exactly refundCosts (each party's part, the platform's with the request's fees).
describe('R3 a refund request holds what its parts and fees cost each party', () => {
  const REQUEST: Command[] = [
    ...CAPTURED_KONBINI,
    refundRequest({ payment: 'kb_1', id: 'rr1', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }),
  ];
  it('a request that also holds 99,999 of pm2, who has no part in it', () => {
    const journal = journalOf(REQUEST);
    journal[3]!.changes[0]!.request.holds.push({ merchant: 'pm2', amount: 99_999 });
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 4 cannot be applied: refund request rr1 holds mart 330, pm1 1000, pm2 99999 instead of what its parts and fees cost: mart 330, pm1 1000');
  });
  it('a request that holds 1 of the 1,000 pm1 gives back', () => {
    const journal = journalOf(REQUEST);
    journal[3]!.changes[0]!.request.holds[1].amount = 1;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 4 cannot be applied: refund request rr1 holds mart 330, pm1 1 instead of what its parts and fees cost: mart 330, pm1 1000');
  });
  it('a re-estimate whose holds leave out the seller', () => {
    const journal = journalOf([
      sellerPayment('skb', { paymentType: 'konbini' }),
      { op: 'payment.capture', payment: 'skb' } as Command,
      refundRequest({ id: 'r0', payment: 'skb', amount: 7 }),
      refundRequest({ id: 'r1', payment: 'skb', amount: 7 }),
      { op: 'refund_request.complete', refundRequest: 'r1' } as Command,
    ]);
    const reestimate = journal[4]!.changes.find((change) => change.kind === 'refund_request_reestimated')!;
    expect(reestimate.holds).toEqual([{ merchant: 'plt', amount: 330 }, { merchant: 's1', amount: 7 }]);
    reestimate.holds = [{ merchant: 'plt', amount: 330 }];
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 5 cannot be applied: refund request r0 re-estimated holding plt 330 instead of what its parts and fees cost: plt 330, s1 7');
  });
});

describe('R5 a session is completed or cancelled once, while pending, its payment created by its completion', () => {
  const complete = (session: string, payment: string): Command => ({ op: 'session.complete', session, payment, paymentType: 'credit_card' }) as Command;
  it('a session completed a second time, with the payment of another session', () => {
    const journal = journalOf([marketplaceSession('ses_1'), complete('ses_1', 'sp1'), marketplaceSession('ses_2'), complete('ses_2', 'sp2')]);
    journal[3]!.changes.at(-1)!.session = 'ses_1';
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 4 cannot be applied: session ses_1 is completed, not pending');
  });
  it('a completed session cancelled', () => {
    const journal = journalOf([marketplaceSession('ses_1'), complete('ses_1', 'sp1'), marketplaceSession('ses_2'), { op: 'session.cancel', session: 'ses_2' } as Command]);
    journal[3]!.changes[0]!.session = 'ses_1';
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 4 cannot be applied: session ses_1 is completed, not pending');
  });
  it('a session completed with a payment an earlier entry created', () => {
    const journal = journalOf([goldenPayment('pay_1'), marketplaceSession('ses_1'), marketplaceSession('ses_2')]);
    Object.assign(journal[2]!, { payment: 'pay_1', changes: [{ kind: 'session_completed', session: 'ses_1', payment: 'pay_1' }], events: [] });
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 3 cannot be applied: session ses_1 completed with payment pay_1, which the entry does not create');
  });
});

describe('R6 an idempotency key is kept with its fingerprint', () => {
  it('a key whose entry lost its fingerprint is forgotten by the replay and used again', () => {
    const journal = journalOf([{ ...goldenPayment('pay_1'), idempotencyKey: 'k1' } as Command, { ...goldenPayment('pay_2'), idempotencyKey: 'k2' } as Command]);
    delete (journal[0]!['command'] as Record<string, unknown>)['fingerprint'];
    (journal[1]!['command'] as Record<string, unknown>)['idempotencyKey'] = 'k1';
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: its idempotency key "k1" has no fingerprint');
  });
});

// README: "a split is checked for consistency". The engine's shares are a function of the
// captured amount and the split (marketplaceShares) or the platform amount (seller model); the
// payment keeps them, and later refunds (the reverse of what is left, the seller-model curve)
// are decided from them.
describe('R7 a capture\'s shares are what its split or platform amount give', () => {
  it('a marketplace split line of 600 whose share still says 630 (700 less its fee of 70)', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    journal[0]!.changes[1]!.split[0].amount = 600;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: payment pay_1 captured with a split the engine refuses at immediate capture: split_sum_mismatch: the split\'s amounts add up to 900, but must equal the payment amount 1000');
  });
  it('a marketplace capture whose platform share says 999,999 of 1,000', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    journal[0]!.changes[1]!.shares.platform = 999_999;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: payment pay_1 captured for 1000 with shares platform 999999, pm1 630, pm2 270, but its split gives platform 100, pm1 630, pm2 270');
  });
  it('a seller-model capture whose platform amount says 1 while its shares give the platform 5,000', () => {
    const journal = journalOf([sellerPayment('sp_1')]);
    journal[0]!.changes[1]!.platformAmount = 1;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: payment sp_1 took its platform amount 5000 at creation, but is captured with 1');
  });
});

describe('R8 a payout period is settled once', () => {
  it('a later settlement run that pays pm1 the period 2026-01-03 to 2026-01-09 again', () => {
    const journal = journalOf([
      ...PAYOUT_RUN,
      goldenPayment('pay_2', { at: '2026-01-17T10:00:00+09:00' }),
      { op: 'settlement.run', date: '2026-01-17', at: '2026-01-17T12:00:00+09:00' } as Command,
    ]);
    expect([journal[4]!.changes, journal[4]!.postings]).toEqual([[], []]);
    journal[4]!.changes = journal[2]!.changes;
    journal[4]!.postings = journal[2]!.postings;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 5 cannot be applied: the period 2026-01-03 to 2026-01-09 of pm1 in JPY is already settled');
  });
});

// A refund request stores the Refund Fee and the customer fee it will refund (decided when it
// was made): its completion posts exactly those, so the platform's money in a refund is its part
// plus those fees. This is no recomputation of fees.
describe('R9 a refund takes from the platform its part and the fees its request stores', () => {
  const COMPLETED: Command[] = [
    ...CAPTURED_KONBINI,
    refundRequest({ payment: 'kb_1', id: 'rr1', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] }),
    { op: 'refund_request.complete', refundRequest: 'rr1' } as Command,
  ];
  it('a completion that charges mart a Refund Fee of 3,000 where the request says 300', () => {
    const journal = journalOf(COMPLETED);
    for (const posting of journal[4]!.postings) if (posting.recordType === 'Refund Fee') posting.amount *= 10;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 5 cannot be applied: it moves -3030 JPY for mart, but its changes move -330 JPY for it');
  });
  it('a completion that also refunds the ¥190 customer fee, which the request does not include', () => {
    const journal = journalOf(COMPLETED);
    journal[4]!.postings.push(merchantPosting('mart', 190, 'Refunded Customer Fee'), { account: 'Assets:Receivable:Customers', currency: 'JPY', amount: -190, recordType: 'Refunded Customer Fee' });
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 5 cannot be applied: it moves -520 JPY for mart, but its changes move -330 JPY for it');
  });
  it('a direct card refund that also charges mart a Processing Fee of 500', () => {
    const journal = journalOf([goldenPayment('pay_1'), { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] } as Command]);
    journal[1]!.postings.push(merchantPosting('mart', 500, 'Processing Fee'), { account: 'Income:Fees:Processing', currency: 'JPY', amount: -500, recordType: 'Processing Fee' });
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: it moves -500 JPY for mart, but its changes move 0 JPY for it');
  });
});

// decideChargebackPayment: "a lost card dispute returns everything not yet refunded" (nor
// held by a pending request), and the payment is then refunded in full.
describe('R10 a chargeback returns everything not yet refunded', () => {
  it('a chargeback of 1 of the 1,000 captured, which still marks the payment refunded', () => {
    const journal = journalOf([goldenPayment('pay_1'), { op: 'payment.chargeback', payment: 'pay_1' } as Command]);
    journal[1]!.changes[0]!.amount = 1;
    for (const posting of journal[1]!.postings) posting.amount = Math.sign(posting.amount);
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: payment pay_1 charged back 1, not the 1000 left of it');
  });
});

// decideRequestRefund: with include_payment_method_fee a request refunds the customer fee the
// payment was charged, once; a refund's customerFeeRefunded says whether the request it
// completes included it. The replayed payment's customerFeeRefund follows these.
describe('R11 a customer fee is refunded as charged, once, by the request that includes it', () => {
  const REQUEST: Command[] = [
    ...CAPTURED_KONBINI,
    refundRequest({ payment: 'kb_1', id: 'rr1', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }], includePaymentMethodFee: true }),
  ];
  it('a request that refunds a customer fee of 10,000 and tax 1,000 where the payment was charged 190 and 19', () => {
    const journal = journalOf(REQUEST);
    const request = journal[3]!.changes[0]!.request;
    expect([request.refundedCustomerFee, request.holds[0]]).toEqual([{ fee: { type: 'Refunded Customer Fee', amount: 190 }, tax: { type: 'Refunded Customer Fee Tax', amount: 19 } }, { merchant: 'mart', amount: 539 }]);
    request.refundedCustomerFee = { fee: { type: 'Refunded Customer Fee', amount: 10_000 }, tax: { type: 'Refunded Customer Fee Tax', amount: 1000 } };
    request.holds[0].amount = 330 + 11_000;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 4 cannot be applied: refund request rr1 refunds a customer fee of 10000 and tax 1000, but a request refunds the 190 and 19 payment kb_1 was charged, once');
  });
  it('a second request that refunds the customer fee again', () => {
    const journal = journalOf([...REQUEST, refundRequest({ payment: 'kb_1', id: 'rr2', amount: 1000, split: [{ submerchantId: 'pm1', amount: 1000, platformFee: 0 }] })]);
    const request = journal[4]!.changes[0]!.request;
    request.refundedCustomerFee = journal[3]!.changes[0]!.request.refundedCustomerFee;
    request.holds[0].amount += 209;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 5 cannot be applied: refund request rr2 refunds a customer fee of 190 and tax 19, but a request refunds the 190 and 19 payment kb_1 was charged, once');
  });
  it('a direct card refund that says it refunded the customer fee', () => {
    const journal = journalOf([goldenPayment('pay_1'), { op: 'payment.refund', payment: 'pay_1', amount: 100, split: [{ submerchantId: 'pm1', amount: 100, platformFee: 0 }] } as Command]);
    journal[1]!.changes[0]!.customerFeeRefunded = true;
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: a refund of payment pay_1 says customerFeeRefunded true, but the request it completes (if any) says false');
  });
});

// Posting amounts are any safe integers, and their sum in doubles is exact only while the
// amounts' magnitudes add up to at most Number.MAX_SAFE_INTEGER: 2^53 − 1 + 1 + 1 rounds to 2^53.
describe('R12 an entry is balanced exactly, however large its amounts', () => {
  it('outside postings of 2^53 − 1, 1, 1, −(2^53 − 1), −1 (a sum of 1) added to a transfer', () => {
    const journal = journalOf([goldenPayment('pay_1'), TRANSFER]);
    const big = Number.MAX_SAFE_INTEGER;
    const outside = (account: string, amount: number): RawPosting => ({ account, currency: 'JPY', amount, recordType: 'Processing Fee' });
    journal[1]!.postings.push(outside('Income:Fees:Processing', big), outside('Liabilities:Tax:Consumption', 1), outside('Liabilities:Tax:Consumption', 1), outside('Income:Fees:Processing', -big), outside('Assets:Receivable:Customers', -1));
    expect(replayed(journal)).toBe('journal_entry_unbalanced: entry 2: its JPY postings sum to 1, not 0');
  });
});

// KOMOJU's own accounts (fees, tax, customers) move only with a payment, and the bank's only
// with a payout. Merchant balances stay right either way, but the hledger export, the statement
// an accountant reads KOMOJU's income from, would show fee income no payment earned.
describe('R13 an entry of no payment touches no account of KOMOJU or the customers', () => {
  const outside = (account: string, amount: number, recordType: string): RawPosting => ({ account, currency: 'JPY', amount, recordType });
  it('a transfer that also moves 100 from the tax account to processing fee income', () => {
    const journal = journalOf([goldenPayment('pay_1'), TRANSFER]);
    journal[1]!.postings.push(outside('Income:Fees:Processing', -100, 'Processing Fee'), outside('Liabilities:Tax:Consumption', 100, 'Processing Fee Tax'));
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 2 cannot be applied: it posts on Income:Fees:Processing, which only an entry of a payment moves');
  });
  it('a payout run that also moves 50 from the bank to refund fee income', () => {
    const journal = journalOf(PAYOUT_RUN);
    journal[2]!.postings.push(outside('Assets:Bank:Payouts', 50, 'Payout'), outside('Income:Fees:Refund', -50, 'Refund Fee'));
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 3 cannot be applied: it posts on Income:Fees:Refund, which only an entry of a payment moves');
  });
  it('a capture that also moves 100 from the bank to processing fee income', () => {
    const journal = journalOf([goldenPayment('pay_1')]);
    journal[0]!.postings.push(outside('Assets:Bank:Payouts', 100, 'Payout'), outside('Income:Fees:Processing', -100, 'Processing Fee'));
    expect(replayed(journal)).toBe('journal_entry_inapplicable: entry 1 cannot be applied: it posts on Assets:Bank:Payouts, which only a payout run moves');
  });
  it('a transfer that pays 10 to the bank instead of pm1', () => {
    const journal = journalOf([goldenPayment('pay_1'), TRANSFER]);
    journal[1]!.postings = journal[1]!.postings.map((posting) => (posting.merchant === 'pm1' ? outside('Assets:Bank:Payouts', posting.amount, 'Payout') : posting));
    expect(replayed(journal)).toMatch(/^journal_entry_inapplicable: entry 2 cannot be applied: /);
  });
});
