import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The options that run a child process as nobody when the tests run as root: root may write
 * every file and folder, so a test of a file kanjo may not write would otherwise prove nothing.
 */
export const AS_NOBODY: { readonly uid?: number; readonly gid?: number } = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * A folder `locked` made in `directory`, holding `journal.ndjson` ("old journal\n", its mode
 * `journalMode`), and then made read-only (0555): kanjo can make no temporary file beside the
 * journal there, so it writes the journal in place. Returns the folder's and the journal's paths.
 */
export function readOnlyJournalFolder(directory: string, journalMode: number): { readonly locked: string; readonly journal: string } {
  const locked = join(directory, 'locked');
  mkdirSync(locked);
  const journal = join(locked, 'journal.ndjson');
  writeFileSync(journal, 'old journal\n');
  chmodSync(journal, journalMode);
  chmodSync(locked, 0o555);
  return { locked, journal };
}
