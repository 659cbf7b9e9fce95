import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import type { LedgerConfig } from '../engine/ledger-config.js';
import { createLedger, writableStateOf, type Ledger } from '../engine/ledger.js';
import { applyEntry } from './apply-entry.js';
import { unbalancedCurrency } from './assert-entry-balanced.js';
import { cutLongMessage, echoedOrBare } from '../engine/message-text.js';
import { balanceOverflow } from '../engine/check-balance-range.js';
import { ledgerFull } from '../engine/check-ledger-capacity.js';
import { changesShapeProblem, checkEntryApplicable } from './check-entry-applicable.js';
import { entryFrameProblem, postingFrameProblem, postingInFrame } from './entry-frame-problem.js';
import type { Posting } from './posting.js';
import { DayStartBalances } from './day-start-balances.js';
import type { Entry } from './entry.js';
import { ENTRY_TIME_FORM, entryTimeMillis } from './entry-time.js';
import { isReestimate } from './payment-lifecycle-problem.js';
import { knownAccounts, postingProblem, type KnownAccounts } from './posting-problem.js';
import { quoted } from '../engine/message-text.js';
import { refuseJournalText } from './refuse-journal-text.js';
import { refusePrototypePollution } from '../engine/refuse-prototype-pollution.js';
import { beginAdd, endAdd, type RunningAdd } from './replay-in-progress.js';

/**
 * Folds a journal into a ledger one entry at a time, with the same apply step the live engine
 * uses, checking on the way that sequence numbers run 1, 2, 3… and that every entry balances
 * per currency. For journals read as a stream (`kanjo reconcile`); {@link replayJournal} is
 * the one-call form.
 */
export class JournalReplay {
  /** The ledger being rebuilt. */
  readonly ledger: Ledger;
  /** How many entries have been folded: private, as a caller that set it would break the sequence check. */
  #entries = 0;
  readonly #retain: boolean;
  /** The accounts the ledger's configuration allows postings on. */
  readonly #accounts: KnownAccounts;
  /** What each balance had earned at the start of each day it moved: payouts are checked against it. */
  readonly #dayStarts: DayStartBalances;
  /**
   * Whether an entry added so far re-estimated a refund request. Versions before eca5b54 wrote
   * none and completed seller-model requests with their estimates; once a journal holds one,
   * every completion after it was written on the curve of completed refunds.
   */
  #reestimated = false;
  /** Set when an entry failed half-way through being applied: the state is then incomplete. */
  #broken: string | undefined;

  /** How many entries have been folded so far (read-only: the replay counts them itself). */
  get entries(): number {
    return this.#entries;
  }

  /**
   * @param ledger - a ledger without entries (as `createLedger` makes it): sequence numbers and
   *   the payout checks count from the first entry, so one with entries this replay did not add
   *   throws, here or at the next `add`.
   * @param retain - keep the entries in the rebuilt ledger's journal (default true), as
   *   given: not copied, not frozen (see `replayJournal`). A
   *   reconciliation that only needs the resulting state passes false: a million entries then
   *   need no memory once folded (only a mark per balance for each local day it moved, to check
   *   payouts against). The rebuilt ledger can then answer balances and payments, but
   *   its `execute` throws (see `LedgerState.entriesNotKept`): a command's sequence number, an
   *   idempotent retry and a payout run all read the journal.
   */
  constructor(ledger: Ledger, retain = true) {
    this.ledger = ledger;
    this.#assertOnlyOwnEntries();
    this.#retain = retain;
    // Only the merchants of the ledger's book: the engine refuses any other (merchant_in_other_book).
    const { merchants, book } = ledger.state.config;
    this.#accounts = knownAccounts([...merchants.values()].filter((merchant) => merchant.book === book).map((merchant) => merchant.id));
    this.#dayStarts = new DayStartBalances(ledger.state.config.timeZoneOffsetMinutes);
  }

  /**
   * Applies the next entry, or names what is wrong with it. An entry the checks refuse
   * (sequence, time order, postings on accounts the configuration has, balance per currency,
   * shape, references, the payment's lifecycle, each party's money) changes nothing, and the
   * next entry may be tried. The checks are meant to catch everything the fold could trip on; should an
   * entry still fail half-way through being applied, the rebuilt state is incomplete: this
   * replay then refuses every further entry, and the ledger must be rebuilt from the start.
   * Misuse from code throws: an entry's getter or Proxy trap that calls `add` (of this replay
   * or another) or executes a command on the ledger being rebuilt. That call throws and does
   * nothing, and this add throws too: before folding anything when the call came during the
   * checks; during the fold, with the replay refusing every further entry if the fold stopped.
   */
  add(entry: Entry): LedgerResult<void> {
    // An entry's getter or Proxy trap may call back into a replay or into the ledger being
    // rebuilt: such a call throws, changing nothing, and so does this add (see beginAdd).
    const running = beginAdd(writableStateOf(this.ledger));
    let added: LedgerResult<void>;
    try {
      added = this.#add(entry, running);
    } finally {
      endAdd();
    }
    if (running.misuse !== undefined) throw new Error(running.misuse);
    // A refusal may come of a check reading a polluted field (the success path checked before
    // its fold): the pollution is named instead.
    if (!added.ok) refusePrototypePollution();
    // The checks write the journal's own ids and values into their messages, and a tampered
    // journal's may hold a line break, U+2028 or a C1 control, or be 100,000 characters long:
    // a message stays one line of at most 4,000 characters.
    return added.ok ? added : reject(added.error.code, cutLongMessage(added.error.message));
  }

  #add(entry: Entry, running: RunningAdd): LedgerResult<void> {
    if (this.#broken !== undefined) return reject('journal_entry_inapplicable', this.#broken);
    this.#assertOnlyOwnEntries();
    const expected = this.#entries + 1;
    // Entries from code have not been through a reader's shape check: the frame every check
    // below reads is checked first, so that a malformed one is named, not thrown over.
    const frame = entryFrameProblem(entry, expected);
    if (frame !== undefined) return reject('journal_entry_malformed', frame);
    if (entry.seq !== expected) {
      if (expected === 1) return reject('journal_sequence_broken', `entry ${String(entry.seq)} is the first entry: sequence numbers start at 1 and run without gaps`);
      return reject('journal_sequence_broken', `the entry after entry ${expected - 1} is numbered ${entry.seq}: ${sequenceBreak(entry.seq, expected)}`);
    }
    let checkedCurrency: string | undefined;
    const postings = entry.postings;
    for (let index = 0; index < postings.length; index += 1) {
      const posting = postings[index] as Posting;
      if (!postingInFrame(posting)) return reject('journal_entry_malformed', `entry ${entry.seq}: ${postingFrameProblem(posting, index)}`);
      const problem = postingProblem(this.#accounts, posting, posting.currency === checkedCurrency);
      if (problem !== undefined) return reject('journal_entry_inapplicable', `entry ${entry.seq} cannot be applied: ${problem}`);
      checkedCurrency = posting.currency;
    }
    const unbalanced = unbalancedCurrency(entry);
    if (unbalanced !== undefined) {
      return reject('journal_entry_unbalanced', `entry ${entry.seq}: its ${unbalanced.currency} postings sum to ${echoedOrBare(unbalanced.sum, unbalanced.currency)}, not 0`);
    }
    // The engine refuses a command dated before the one before it; the first may carry any
    // time, 1970 included and before. Parsed only when the time text changes, and only here.
    const state = writableStateOf(this.ledger);
    const at = entry.at === state.lastAtText ? state.lastAt : entryTimeMillis(entry.at);
    // Entries from code have not been through a reader's shape check: NaN would pass every
    // order check after it.
    if (Number.isNaN(at)) return reject('journal_entry_malformed', `entry ${entry.seq}: at must be ${ENTRY_TIME_FORM}, not ${quoted(entry.at)}`);
    if (this.#entries > 0 && at < state.lastAt) {
      return reject('journal_entry_inapplicable', `entry ${entry.seq} cannot be applied: its time ${entry.at} is before the previous entry's ${state.lastAtText}`);
    }
    let applicable: LedgerResult<void>;
    try {
      applicable = checkEntryApplicable(state, entry, at, this.#dayStarts, !this.#reestimated);
    } catch (error) {
      // A check that throws read a value of the wrong type (a bigint amount): named as such when it is one.
      const shape = changesShapeProblem(entry);
      if (shape !== undefined) return reject('journal_entry_malformed', shape);
      return reject('journal_entry_inapplicable', `entry ${entry.seq} cannot be applied: ${(error as Error).message}`);
    }
    if (!applicable.ok) return applicable;
    // The engine refuses an entry that would take a balance past the safe range (balance_overflow):
    // folded, the balance would be rounded and a table of it could not be written exactly.
    const overflow = balanceOverflow(state, entry.postings);
    if (overflow !== undefined) return reject('journal_entry_inapplicable', `entry ${entry.seq} cannot be applied: ${overflow} (balance_overflow)`);
    // Nor one a JavaScript Map could not hold (ledger_full): applyEntry would throw half-way.
    const full = ledgerFull(state, entry.changes, entry.command.idempotencyKey !== undefined);
    if (full !== undefined) return reject('journal_entry_inapplicable', `entry ${entry.seq} cannot be applied: ${full} (ledger_full)`);
    // Read before the fold, with the checks: a getter calling back then leaves nothing folded.
    const reestimates = !this.#reestimated && entry.changes.some(isReestimate);
    // A getter of the entry called back during the checks: nothing is folded (add throws).
    if (running.misuse !== undefined) return reject('journal_entry_inapplicable', running.misuse);
    // Once the checks have read the whole entry (a getter of one from code may pollute the
    // prototypes), before anything is folded: the checks read the state's objects too, and a
    // field polluted into them would have passed what they must refuse.
    refusePrototypePollution();
    try {
      this.#dayStarts.note(state, entry, at);
      applyEntry(state, entry, at);
    } catch (error) {
      const message = `entry ${entry.seq} cannot be applied: ${running.misuse ?? (error as Error).message}`;
      this.#broken = `${message}; the replay stopped there, its state is incomplete: rebuild the ledger from the start`;
      return reject('journal_entry_inapplicable', message);
    }
    if (reestimates) this.#reestimated = true;
    if (this.#retain) state.journal.push(entry);
    else state.entriesNotKept += 1;
    this.#entries += 1;
    return accept(undefined);
  }

  /**
   * Sequence numbers and the payout checks count from the ledger's first entry: a ledger that
   * has entries this replay did not add (it executed commands before or in between) would get a
   * second entry 1, and a state no replay gives. Misuse from code: throws.
   */
  #assertOnlyOwnEntries(): void {
    const { journal, entriesNotKept } = this.ledger.state;
    const held = journal.length + entriesNotKept;
    if (held !== this.#entries) {
      const own = this.#entries === 0 ? '' : `, ${held - this.#entries} of them not added by this replay`;
      throw new Error(`JournalReplay rebuilds a ledger from its first entry, but this one already has ${held} ${held === 1 ? 'entry' : 'entries'}${own}: replay into a new ledger (createLedger)`);
    }
  }
}

/**
 * Rebuilds a ledger from its configuration and journal: the state it gives equals the live
 * one. The first broken entry is named in the rejection.
 *
 * Entries are read as data: a field is read once to be checked and again to be folded, and
 * the entries are kept as given (not copied: a million of them would cost the replay its
 * memory twice over), and not frozen: they are the caller's objects (a script may edit one
 * and replay the journal again). The rebuilt state holds objects of them, and the rebuilt
 * ledger hands them back (an idempotent retry answers with the first command's entry): change
 * none after passing it, as a write would steer later commands. Entries a reader decoded,
 * `JSON.parse` made or a ledger wrote are such data; an entry whose getters answer differently
 * on a later read (a posting's amount 300 to the checks, 301 to the fold) is folded as it
 * answers then, unchecked. Unlike a command (`Ledger.execute` reads each field once), pass
 * entries as plain data.
 *
 * Entries from code have not been through a reader's shape check, so each is first checked for
 * the frame the other checks read (`journal_entry_malformed` names what is wrong: an entry that
 * is not an object, a `seq` that is not an integer, a command without its op, changes, events or
 * postings that are not lists, a posting amount written as text). `entries` that is not
 * iterable, or is a journal's text (a string) rather than its entries, throws a TypeError
 * saying so.
 *
 * @example
 * // The ledger of the package README after its payment pay_1 (¥1,000 by card: 700 with a 70 fee to pm1, 300 with 30 to pm2):
 * const replayed = replayJournal(config, ledger.journal); // config: what createLedger was given
 * replayed.ok && merchantBalances(replayed.value.state); // { mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } }, as live
 * replayJournal({ merchants: config.merchants.slice(0, 2) }, ledger.journal); // { ok: false, error: { code: 'journal_entry_inapplicable', … } }: entry 1 posts to pm2, which that configuration lacks
 */
export function replayJournal(config: LedgerConfig, entries: Iterable<Entry>): LedgerResult<Ledger> {
  const created = createLedger(config);
  if (!created.ok) return created;
  const replay = new JournalReplay(created.value);
  for (const entry of iterableOf(entries)) {
    const added = replay.add(entry);
    if (!added.ok) return added;
  }
  return accept(created.value);
}

/**
 * The entries to walk: anything iterable (a list, a Set, a generator), and a list without
 * Array.prototype too (`Object.setPrototypeOf(list, null)`: still a list, read by index). Anything
 * else is misuse from code, named rather than left to `for…of`'s "is not iterable".
 */
function iterableOf(entries: Iterable<Entry>): Iterable<Entry> {
  refuseJournalText(entries, 'replayJournal');
  if (typeof (entries as Partial<Iterable<Entry>> | null | undefined)?.[Symbol.iterator] === 'function') return entries;
  if (Array.isArray(entries)) return Array.prototype.values.call(entries) as Iterable<Entry>;
  throw new TypeError(`replayJournal: entries must be an iterable of entries (a list, a Set, a generator), not ${quoted(entries)}`);
}

/**
 * What a sequence number out of place says of the journal. Swapped lines were told "sequence
 * numbers must run without gaps" where none was missing; most often lines appended by writes
 * that overtook each other (review 260), or a line given twice. The entry is named by where it
 * is (after entry N), not by its own number: "entry 3 follows entry 3" named an intact entry 3
 * where the next one's number had been edited (review 259).
 */
function sequenceBreak(seq: number, expected: number): string {
  const order = 'sequence numbers run 1, 2, 3, … in order, without gaps';
  if (seq < expected) return `entry ${seq} is given again or out of order (${order})`;
  const gap = seq - expected;
  const missing = gap === 1 ? `entry ${expected} is` : `entries ${expected} ${gap === 2 ? 'and' : 'to'} ${seq - 1} are`;
  return `${missing} missing or out of order (${order})`;
}
