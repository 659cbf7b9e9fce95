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
  // Reading the entry may run a caller's getter, and that getter may replay another journal,
  // which lands here again: a check already in progress keeps the shared lists, the nested
  // one gets lists of its own (two replays must not fill each other's).
  const money = checking ? new MoneyByParty() : shared;
  const outer = checking;
  checking = true;
  try {
    return misfitOf(money, entry, currency, platform, feePayer, bearer, requestFees);
  } finally {
    checking = outer;
  }
}

function misfitOf(
  money: MoneyByParty,
  entry: Pick<Entry, 'changes' | 'postings'>,
  currency: string | undefined,
  platform: string | undefined,
  feePayer: string | undefined,
  bearer: string | undefined,
  requestFees: number,
): string | undefined {
  money.reset();
  for (const change of entry.changes) {
    switch (change.kind) {
      case 'payment_captured':
        for (const party of change.shares.submerchants) money.expect(party.submerchantId, currency, party.share);
        break;
      case 'payment_refunded':
        for (const part of change.parts.submerchants) money.expect(part.submerchantId, currency, -part.amount);
        if (platform !== undefined) money.expect(platform, currency, -change.parts.platform);
        break;
      case 'payment_charged_back':
        if (bearer !== undefined) money.expect(bearer, currency, -change.amount);
        break;
      case 'balance_transferred':
        money.expect(change.from, change.currency, -change.amount);
        money.expect(change.to, change.currency, change.amount);
        break;
      case 'payout_period_settled':
        money.expect(change.merchant, change.currency, -change.amount);
        break;
      default:
        break;
    }
  }
  if (requestFees > 0 && platform !== undefined) money.expect(platform, currency, -requestFees);
  for (const posting of entry.postings) {
    if (posting.merchant === undefined || posting.merchant === feePayer) continue;
    // A credit (negative) raises a merchant's balance.
    money.move(posting.merchant, posting.currency, -posting.amount);
  }
  return money.misfit();
}

/** Whether a check is in progress: see {@link merchantMoneyMisfit}. */
let checking = false;

/**
 * Past this many parties an entry's slots are found through an index rather than by walking
 * the lists: a settlement run pays up to 100,000 merchants, and walking them for each payout
 * and posting made its replay quadratic (20,000 payouts took seconds).
 */
const WALKED_PARTIES = 16;

/**
 * What an entry's changes say each party's balance moves, per currency, beside what its
 * postings move. One instance is reused for every entry: an entry has a handful of parties,
 * and a million-entry replay should not allocate lists per entry to compare them. Only the
 * first `used` slots count; they are never shortened (setting `length` is a runtime call,
 * four per entry).
 */
class MoneyByParty {
  used = 0;
  readonly parties: string[] = [];
  readonly currencies: (string | undefined)[] = [];
  readonly expected: number[] = [];
  readonly moved: number[] = [];
  /** Party, then currency, to slot; filled only for an entry of more than {@link WALKED_PARTIES}. */
  readonly slotIndex = new Map<string, Map<string | undefined, number>>();

  /** Starts a new entry; the index of the last entry that needed one, if any, is emptied. */
  reset(): void {
    if (this.used > WALKED_PARTIES) this.slotIndex.clear();
    this.used = 0;
  }

  /** Adds to what the changes say a party's balance moves in a currency (a payment's changes: the payment's currency). */
  expect(party: string, currency: string | undefined, amount: number): void {
    (this.expected[this.slot(party, currency)] as number) += amount;
  }

  /** Adds to what the postings move a party's balance in a currency. */
  move(party: string, currency: string | undefined, amount: number): void {
    (this.moved[this.slot(party, currency)] as number) += amount;
  }

  /** The first party whose postings move other than its changes say, as a message. */
  misfit(): string | undefined {
    for (let at = 0; at < this.used; at += 1) {
      const moved = this.moved[at] as number;
      const expected = this.expected[at] as number;
      if (moved !== expected) {
        const currency = this.currencies[at] as string;
        return `it moves ${echoed(moved, currency)} for ${this.parties[at]}, but its changes move ${echoed(expected, currency)} for it`;
      }
    }
    return undefined;
  }

  /** The index of a party's money in a currency, added at 0 if new. */
  private slot(party: string, currency: string | undefined): number {
    const used = this.used;
    if (used <= WALKED_PARTIES) {
      for (let at = 0; at < used; at += 1) if (this.parties[at] === party && this.currencies[at] === currency) return at;
      if (used === WALKED_PARTIES) for (let at = 0; at < used; at += 1) this.indexSlot(this.parties[at] as string, this.currencies[at], at);
    } else {
      const at = this.slotIndex.get(party)?.get(currency);
      if (at !== undefined) return at;
    }
    this.parties[used] = party;
    this.currencies[used] = currency;
    this.expected[used] = 0;
    this.moved[used] = 0;
    if (used >= WALKED_PARTIES) this.indexSlot(party, currency, used);
    this.used = used + 1;
    return used;
  }

  private indexSlot(party: string, currency: string | undefined, at: number): void {
    let byCurrency = this.slotIndex.get(party);
    if (byCurrency === undefined) this.slotIndex.set(party, (byCurrency = new Map()));
    byCurrency.set(currency, at);
  }
}

const shared = new MoneyByParty();
