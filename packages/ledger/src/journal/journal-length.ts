import { accept } from '@kanjo/splits';
import { reject, type LedgerResult } from '../engine/ledger-rejection.js';
import { quoted } from '../engine/message-text.js';

/**
 * The `entries` field of a journal header (either format): how many entry lines follow it.
 * `journalNdjsonLines` writes it, so that a journal cut between two entries (a partial copy,
 * `head -n`) is not read as a whole one whose balances are simply smaller. A header without
 * it (every journal written before 2026-12-02, or one a service writes before appending its
 * entries as they come) is read as before, and its length is not checked.
 *
 * @returns the count, `undefined` when the header has none, or what is wrong with it.
 */
export function headerEntryCount(header: { readonly entries?: unknown }): LedgerResult<number | undefined> {
  // What JSON.parse gives for any first line: null, and a list (whose `entries` is a method).
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return reject('journal_header_malformed', `the journal header must be a JSON object, not ${quoted(header)}`);
  }
  const entries = Object.hasOwn(header, 'entries') ? header.entries : undefined;
  if (entries === undefined) return accept(undefined);
  if (typeof entries !== 'number' || !Number.isSafeInteger(entries) || entries < 0) {
    return reject('journal_header_malformed', `the journal header's entries must be the number of entry lines that follow (a whole number, 0 or more), not ${quoted(entries)}`);
  }
  return accept(entries);
}

/**
 * Whether a journal held as many entries as its header says (`expected`, from
 * {@link headerEntryCount}; `undefined` checks nothing), once every line was read and replayed.
 */
export function checkJournalLength(expected: number | undefined, read: number): LedgerResult<void> {
  // Misuse from code (a count passed as text would be compared as unequal and reported as a cut file).
  if (expected !== undefined && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new TypeError(`checkJournalLength: expected must be the count headerEntryCount gave (a whole number, 0 or more) or undefined, not ${quoted(expected)}`);
  }
  if (!(Number.isSafeInteger(read) && read >= 0)) throw new TypeError(`checkJournalLength: read must be the number of entries read (a whole number, 0 or more), not ${quoted(read)}`);
  if (expected === undefined || expected === read) return accept(undefined);
  const said = `its header says ${expected} ${expected === 1 ? 'entry follows' : 'entries follow'}, but it holds ${read}`;
  return reject(
    'journal_length_mismatch',
    read < expected
      ? `${said}: the file was cut after ${read === 0 ? 'its header' : `entry ${read}`} (a partial copy or download); export or copy it again`
      : `${said}: lines were added after it was written; export it again from the ledger`,
  );
}
