import type { ResolvedConfig } from '../engine/ledger-state.js';
import { merchantAccount } from './accounts.js';
import type { Posting } from './posting.js';
import type { RecordType } from './record-type.js';

/** One side of a movement: an account, and the merchant when it is a merchant's balance. */
export interface AccountRef {
  readonly account: string;
  /**
   * Undefined on an outside account, as a field of its own: left out, a `merchant` another
   * library put on Object.prototype would be written into the customer's posting.
   */
  readonly merchant: string | undefined;
}

/**
 * The merchants' balance accounts of one ledger configuration as {@link AccountRef}s, each made
 * once: a journal of a million entries then holds one account string per merchant, not one per
 * posting. Kept per configuration ({@link merchantAccounts}), not for the whole module: a
 * module-wide table kept every merchant id the process had ever posted on, long after its
 * ledgers were dropped (a service running for months, or replaying uploaded journals).
 */
export class MerchantAccounts {
  readonly #refs = new Map<string, AccountRef>();

  /** The balance account of a merchant (a pure function of its id, remembered). */
  of(merchantId: string): AccountRef {
    let ref = this.#refs.get(merchantId);
    if (ref === undefined) this.#refs.set(merchantId, (ref = { account: merchantAccount(merchantId), merchant: merchantId }));
    return ref;
  }
}

const accountsOfConfig = new WeakMap<ResolvedConfig, MerchantAccounts>();

/** The {@link MerchantAccounts} of a configuration: they go when it goes. */
export function merchantAccounts(config: ResolvedConfig): MerchantAccounts {
  let accounts = accountsOfConfig.get(config);
  if (accounts === undefined) accountsOfConfig.set(config, (accounts = new MerchantAccounts()));
  return accounts;
}

/** An outside account (customer, fees, tax, bank) as an {@link AccountRef}. */
export function outsideRef(account: string): AccountRef {
  return { account, merchant: undefined };
}

/**
 * Appends the two postings of one movement of `amount`: a debit on `debited` and a credit on
 * `credited`, both with the same record type, so every movement balances by construction.
 * A zero amount appends nothing (records show no zero rows).
 */
export function pushMovement(
  postings: Posting[],
  currency: string,
  amount: number,
  recordType: RecordType,
  debited: AccountRef,
  credited: AccountRef,
): void {
  if (amount === 0) return;
  if (!(Number.isSafeInteger(amount) && amount > 0)) {
    throw new RangeError(`pushMovement: ${recordType} amount must be a positive safe integer, got ${amount}`);
  }
  postings.push(posting(debited, currency, amount, recordType), posting(credited, currency, -amount, recordType));
}

/** Every posting has all five fields (`merchant` undefined on an outside account): one shape. */
function posting(ref: AccountRef, currency: string, amount: number, recordType: RecordType): Posting {
  return { account: ref.account, merchant: ref.merchant, currency, amount, recordType };
}

/**
 * Where a flow's movements go: a list of postings as the engine writes them
 * ({@link PostingList}), or a check of an imported entry's postings against them
 * (`PostingMatcher`). One description of a flow's movements then serves both, so what replay
 * accepts cannot drift from what the engine writes.
 */
export interface MovementSink {
  /** One movement of `amount` from `debited` to `credited` (nothing for 0), as {@link pushMovement}. */
  move(currency: string, amount: number, recordType: RecordType, debited: AccountRef, credited: AccountRef): void;
}

/** The engine's sink: appends each movement's two postings (see {@link pushMovement}). */
export class PostingList implements MovementSink {
  /** The postings so far, in the order of the movements. */
  readonly postings: Posting[] = [];

  move(currency: string, amount: number, recordType: RecordType, debited: AccountRef, credited: AccountRef): void {
    pushMovement(this.postings, currency, amount, recordType, debited, credited);
  }
}
