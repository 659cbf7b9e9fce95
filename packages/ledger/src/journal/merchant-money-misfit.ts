import type { Entry } from './entry.js';
import { echoed } from '../engine/message-text.js';

/**
 * Every merchant's money in an entry must be what its changes say: a capture credits each
 * sub-merchant (or the seller) exactly its share, a refund debits each party exactly its part
 * (the platform also the fees stored in the refund requests the entry completes), a
 * chargeback debits its bearer (the processing merchant) its amount, a transfer moves its
 * amount from one to the other and a payout debits the merchant what it paid, each in the
 * change's currency; no other merchant's balance moves. `feePayer`, the platform of a capture
 * (its net carries the processing fee), is not compared. Without this an entry could, say, debit a transfer or payout
 * from another merchant than its change names, or swap two parties' postings of a capture,
 * still balance, and report balances the faithful journal does not give.
 */
export function merchantMoneyMisfit(
  entry: Pick<Entry, 'changes' | 'postings'>,
  currency: string | undefined,
  platform: string | undefined,
  feePayer: string | undefined,
  bearer: string | undefined,
  requestFees: number,
): string | undefined {
  // A wide entry's lists and index are let go when it is done (below); if it threw half-way, now.
  if (used > WALKED_PARTIES) releaseWideEntry();
  used = 0;
  for (const change of entry.changes) {
    switch (change.kind) {
      case 'payment_captured':
        for (const party of change.shares.submerchants) expectMoney(party.submerchantId, currency, party.share);
        break;
      case 'payment_refunded':
        for (const part of change.parts.submerchants) expectMoney(part.submerchantId, currency, -part.amount);
        if (platform !== undefined) expectMoney(platform, currency, -change.parts.platform);
        break;
      case 'payment_charged_back':
        if (bearer !== undefined) expectMoney(bearer, currency, -change.amount);
        break;
      case 'balance_transferred':
        expectMoney(change.from, change.currency, -change.amount);
        expectMoney(change.to, change.currency, change.amount);
        break;
      case 'payout_period_settled':
        expectMoney(change.merchant, change.currency, -change.amount);
        break;
      default:
        break;
    }
  }
  if (requestFees > 0 && platform !== undefined) expectMoney(platform, currency, -requestFees);
  for (const posting of entry.postings) {
    if (posting.merchant === undefined || posting.merchant === feePayer) continue;
    // A credit (negative) raises a merchant's balance.
    (moved[slot(posting.merchant, posting.currency)] as number) -= posting.amount;
  }
  let misfit: string | undefined;
  for (let at = 0; at < used && misfit === undefined; at += 1) {
    if (moved[at] !== expected[at]) misfit = `it moves ${echoed(moved[at] as number, currencies[at] as string)} for ${parties[at]}, but its changes move ${echoed(expected[at] as number, currencies[at] as string)} for it`;
  }
  if (used > WALKED_PARTIES) releaseWideEntry();
  return misfit;
}

// Scratch lists for merchantMoneyMisfit, reused on each call: an entry has a handful of
// parties, and a million-entry replay should not allocate lists per entry to compare them.
// Only the first `used` slots count. Lists of at most WALKED_PARTIES slots are not shortened
// (setting `length` is a runtime call, four per entry): they keep at most that many ids of the
// last entry. A wider entry's are emptied when it is done (releaseWideEntry), so that a
// settlement run of 100,000 merchants does not keep their ids after its ledger is gone.
let used = 0;
const parties: string[] = [];
const currencies: (string | undefined)[] = [];
const expected: number[] = [];
const moved: number[] = [];

/** Adds to what the changes say a party's balance moves in a currency (a payment's changes: the payment's currency). */
function expectMoney(party: string, currency: string | undefined, amount: number): void {
  (expected[slot(party, currency)] as number) += amount;
}

/**
 * Past this many parties an entry's slots are found through {@link slotIndex} rather than by
 * walking the lists: a settlement run pays up to 100,000 merchants, and walking them for each
 * payout and posting made its replay quadratic (20,000 payouts took seconds).
 */
const WALKED_PARTIES = 16;

/** Party, then currency, to slot; filled only for an entry of more than {@link WALKED_PARTIES}. */
const slotIndex = new Map<string, Map<string | undefined, number>>();

/** The index of a party's money in a currency in the scratch lists, added at 0 if new. */
function slot(party: string, currency: string | undefined): number {
  if (used <= WALKED_PARTIES) {
    for (let at = 0; at < used; at += 1) if (parties[at] === party && currencies[at] === currency) return at;
    if (used === WALKED_PARTIES) for (let at = 0; at < used; at += 1) indexSlot(parties[at] as string, currencies[at], at);
  } else {
    const at = slotIndex.get(party)?.get(currency);
    if (at !== undefined) return at;
  }
  parties[used] = party;
  currencies[used] = currency;
  expected[used] = 0;
  moved[used] = 0;
  if (used >= WALKED_PARTIES) indexSlot(party, currency, used);
  return used++;
}

/** Empties the lists and the index after an entry of more than {@link WALKED_PARTIES} parties. */
function releaseWideEntry(): void {
  parties.length = 0;
  currencies.length = 0;
  expected.length = 0;
  moved.length = 0;
  slotIndex.clear();
  used = 0;
}

function indexSlot(party: string, currency: string | undefined, at: number): void {
  let byCurrency = slotIndex.get(party);
  if (byCurrency === undefined) slotIndex.set(party, (byCurrency = new Map()));
  byCurrency.set(currency, at);
}
