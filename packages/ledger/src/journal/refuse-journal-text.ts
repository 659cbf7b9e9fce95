/**
 * Throws a TypeError when `journal` is text rather than entries. A string is iterable (as its
 * characters), and TypeScript takes one where an `Iterable<Entry>` is asked for only through a
 * cast, but from JavaScript a file read with `readFileSync(path, 'utf8')` is an easy thing to
 * pass: an empty file then replayed as an empty journal, and any other text was refused as if
 * its first character were a broken entry.
 */
export function refuseJournalText(journal: unknown, caller: string): void {
  if (typeof journal === 'string' || journal instanceof String) {
    throw new TypeError(`${caller}: the journal must be its entries, not its text: read each line with parseJournalEntry, or the bytes with CompactEntryDecoder, first`);
  }
}
