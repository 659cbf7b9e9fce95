import { isCurrency } from '@kanjo/splits';
import { merchantAccount, OUTSIDE_ACCOUNTS } from './accounts.js';
import type { Posting } from './posting.js';
import { RECORD_TYPES } from './record-type.js';
import { quoted } from '../engine/message-text.js';

/** Every account a ledger's postings may name, each with the merchant whose balance it is (null: an outside account). */
export type KnownAccounts = ReadonlyMap<string, string | null>;

const RECORD_TYPE_NAMES: ReadonlySet<string> = new Set(RECORD_TYPES);

/** The accounts of a ledger with these merchants: theirs and KOMOJU's outside accounts. */
export function knownAccounts(merchantIds: Iterable<string>): KnownAccounts {
  const accounts = new Map<string, string | null>(OUTSIDE_ACCOUNTS.map((account) => [account, null]));
  for (const merchant of merchantIds) accounts.set(merchantAccount(merchant), merchant);
  return accounts;
}

/**
 * Why an imported posting is not one this ledger could have written, or undefined. Its
 * account must be KOMOJU's or a configured merchant's (and a merchant posting must move that
 * merchant's balance), its currency one Kanjo knows, its record type one of KOMOJU's names.
 * A journal edited to book money to an account nobody reports on would otherwise still
 * balance and reconcile; and an account, currency or name holding a line break would forge
 * lines in the plain-text export. `currencyChecked` skips the currency when the caller has
 * just checked the same one (an entry's postings nearly always share it).
 */
export function postingProblem(accounts: KnownAccounts, posting: Posting, currencyChecked = false): string | undefined {
  const owner = accounts.get(posting.account);
  if (owner === undefined) return `account ${quoted(posting.account)} is neither KOMOJU's nor that of a merchant configured in the journal's book`;
  if (owner !== (posting.merchant ?? null)) {
    return `a posting on ${posting.account} moves the balance of ${posting.merchant === undefined ? 'no merchant' : `merchant ${quoted(posting.merchant)}`}`;
  }
  if (!RECORD_TYPE_NAMES.has(posting.recordType)) return `record type ${quoted(posting.recordType)} is not one of KOMOJU's`;
  if (!currencyChecked && !isCurrency(posting.currency)) return `currency ${quoted(posting.currency)} is not an ISO 4217 code Kanjo knows`;
  return undefined;
}
