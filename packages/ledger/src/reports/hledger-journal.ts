import { decimalAmount } from '@kanjo/splits';
import type { LedgerStateView } from '../engine/ledger-state.js';
import { CONTROL_CHARACTER } from '../commands/validate-input.js';
import { MERCHANT_ACCOUNT_PREFIX, merchantAccount } from '../journal/accounts.js';
import type { Entry } from '../journal/entry.js';
import { entryTimeMillis } from '../journal/entry-time.js';
import { formatCalendarDate, localDayOf, utcOffsetText } from '../payouts/calendar-date.js';
import { escapeCharacters } from './escape-characters.js';

/**
 * The journal in hledger's (and ledger's) plain-text format: one transaction per entry that
 * moves money (an authorization or a session's creation, with no postings, has none), dated
 * by its local date in the ledger's time zone, its sequence number as the code, each posting
 * commented with its record type. Amounts are in the unit the ISO currency code names, with as
 * many decimals as its exponent (`45.00 USD` for 4,500 cents, `1000 JPY`), so the tools read
 * what an accountant reads; both tools add decimals exactly, so their sums still equal Kanjo's
 * integers (times the unit). Starts with a declaration of each account and currency it uses,
 * so that hledger's strict checks (`hledger check -s`) and `ledger --pedantic` read it as it
 * is. Ends with one balance assertion per merchant account and currency: the export checks
 * itself. Accounts are named as {@link hledgerAccountName} gives them. It is the ledger as it was
 * when the first line was asked for, whatever it executes while the lines are written. A ledger
 * rebuilt without its journal (`JournalReplay` with retain false) throws.
 */
export function* hledgerJournalLines(state: LedgerStateView): Generator<string> {
  // A ledger rebuilt without its journal has balances but no transactions to give them: its
  // closing assertions would contradict the file. Misuse from code, as `execute` says.
  if (state.entriesNotKept > 0) {
    throw new Error(`this ledger was rebuilt without its journal (${state.entriesNotKept} ${state.entriesNotKept === 1 ? 'entry' : 'entries'} not kept): its hledger export would assert balances no transaction gives; replay with retain true to export it`);
  }
  // The journal as it is now, declarations and closing balances included, all taken before the
  // first line: the caller may execute commands between two lines (a service awaiting each
  // write), and a transaction or balance of those would not match what is declared or asserted.
  const journal = state.journal;
  const count = journal.length;
  const offset = state.config.timeZoneOffsetMinutes;
  const declared = declarations(journal, count);
  const assertions = closingAssertions(state);
  yield `; Kanjo journal export: ${state.config.book} book, dates in ${utcOffsetName(offset)}, amounts in each currency's unit (ISO 4217 decimals)\n\n`;
  yield declared;
  let lastDate = '1970-01-01';
  for (let index = 0; index < count; index += 1) {
    const entry = journal[index] as Entry;
    if (entry.postings.length === 0) continue; // state-only entries (authorizations…) move no money
    lastDate = formatCalendarDate(localDayOf(entryTimeMillis(entry.at), offset));
    yield transaction(entry, lastDate);
  }
  if (assertions !== '') yield `${lastDate} * closing balances per merchant (Kanjo)\n${assertions}\n`;
}

/** One balance assertion per merchant account and currency, of the balances as they are now. */
function closingAssertions(state: LedgerStateView): string {
  let assertions = '';
  for (const merchant of state.config.merchants.keys()) {
    const byCurrency = state.balances.get(merchant);
    if (byCurrency === undefined) continue;
    for (const [currency, balance] of byCurrency) {
      // A merchant balance is a liability: the tools show it with the opposite sign.
      assertions += `    ${hledgerAccountName(merchantAccount(merchant))}  0 ${currency} = ${decimalAmount(-balance, currency)} ${currency}\n`;
    }
  }
  return assertions;
}

/** What a merchant id must not hold as it is in an account name: `:` and the escape's own `%`. */
const NESTING_OR_ESCAPE = /[%:]/;
const EVERY_NESTING_OR_ESCAPE = new RegExp(NESTING_OR_ESCAPE.source, 'g');

/**
 * The name the hledger export gives a journal account: a merchant's account with its id's `:`
 * and `%` percent-encoded (`Liabilities:Merchants:a%3Ab` for merchant `a:b`), every other
 * account as it is. hledger and ledger read `:` as the separator of sub-accounts: written as it
 * is, merchant `a:b`'s account was a sub-account of merchant `a`'s, and ledger's balance of `a`
 * (and hledger's in a tree) summed both. `decodeURIComponent` of the part after the prefix gives
 * the id back; an id with neither character is written unchanged. An account that is not a
 * string throws a TypeError.
 */
export function hledgerAccountName(account: string): string {
  if (typeof account !== 'string') throw new TypeError(`hledgerAccountName: account must be a journal account name (a string), got ${typeof account}`);
  if (!account.startsWith(MERCHANT_ACCOUNT_PREFIX)) return account;
  const id = account.slice(MERCHANT_ACCOUNT_PREFIX.length);
  if (!NESTING_OR_ESCAPE.test(id)) return account;
  return MERCHANT_ACCOUNT_PREFIX + id.replace(EVERY_NESTING_OR_ESCAPE, (character) => (character === '%' ? '%25' : '%3A'));
}

/** The offset the dates are in, as `UTC+09:00` however it was configured: `Z` read `UTCZ`. */
function utcOffsetName(minutes: number): string {
  return `UTC${utcOffsetText(minutes)}`;
}

/**
 * `account` and `commodity` directives for every account and currency the postings use, in
 * the order they first appear (empty for a journal that moves no money). hledger's strict mode
 * and `ledger --pedantic` refuse an undeclared one, and ledger reads a file in one pass, so
 * they come first.
 */
function declarations(journal: readonly Entry[], count: number): string {
  const accounts = new Set<string>();
  const currencies = new Set<string>();
  for (let index = 0; index < count; index += 1) {
    for (const posting of (journal[index] as Entry).postings) {
      accounts.add(posting.account);
      currencies.add(posting.currency);
    }
  }
  if (accounts.size === 0) return '';
  let text = '';
  for (const account of accounts) text += `account ${hledgerAccountName(account)}\n`;
  for (const currency of currencies) text += `commodity ${currency}\n`;
  return `${text}\n`;
}

function transaction(entry: Entry, date: string): string {
  let text = `${date} * (${entry.seq}) ${oneLine(entry.command.op)}${entry.payment === undefined ? '' : ` ${oneLine(entry.payment)}`}\n`;
  for (const posting of entry.postings) text += `    ${hledgerAccountName(posting.account)}  ${decimalAmount(posting.amount, posting.currency)} ${posting.currency}  ; ${posting.recordType}\n`;
  return `${text}\n`;
}

/**
 * Control characters and line breaks; `;`, which would end the description there; `|`, which
 * ends hledger's payee (payments `x|y` and `x|z` were one payee, `payment.create x`); and `\`,
 * which starts each escape: kept as it is, payment `x\u003by` read as payment `x;y`.
 */
const UNSAFE_IN_DESCRIPTION = new RegExp(`${CONTROL_CHARACTER.source}|[;|\\\\]`, 'g');

/**
 * White space that ends a description (a payment id may end in spaces): hledger trims it (and
 * U+00A0 or U+3000), ledger trims spaces, so payments `p` and `p ` read as one; it is escaped.
 */
const TRAILING_WHITE_SPACE = /\s+$/u;
const EVERY_CHARACTER = /[\s\S]/gu;

/**
 * Text for a transaction's description, on one line and whole. The engine and replay refuse
 * ids with control characters, but a state built in code may still hold one: a line break
 * there would start a posting of the caller's choosing. A `;` (valid in an id) starts a comment in hledger's
 * and ledger's format, so the description would end there; a `|` ends hledger's payee. Each, a `\` (so that an escape
 * cannot be mistaken for the text it stands for) and white space at the end (which the tools
 * trim) is written as a `\uXXXX` escape instead.
 */
function oneLine(text: string): string {
  return escapeCharacters(text, UNSAFE_IN_DESCRIPTION).replace(TRAILING_WHITE_SPACE, (spaces) => escapeCharacters(spaces, EVERY_CHARACTER));
}
