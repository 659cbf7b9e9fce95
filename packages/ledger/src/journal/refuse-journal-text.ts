/**
 * Throws a TypeError when `journal` is a journal file's text or bytes rather than its entries.
 * A string is iterable (as its characters), and so is a Buffer (as its bytes); TypeScript takes
 * neither where an `Iterable<Entry>` is asked for without a cast, but from JavaScript a file read
 * with `readFileSync(path, 'utf8')`, or without an encoding, is an easy thing to pass: an empty
 * file then replayed as an empty journal, and any other was refused as if its first character
 * or byte were a broken entry.
 */
export function refuseJournalText(journal: unknown, caller: string): void {
  const text = typeof journal === 'string' || journal instanceof String;
  if (text || ArrayBuffer.isView(journal) || journal instanceof ArrayBuffer) {
    throw new TypeError(
      `${caller}: the journal must be its entries, not its ${text ? 'text' : 'bytes'}: read them first, with CompactEntryDecoder (the compact format, kanjo run's default) or, for the objects format, parseJournalEntry(JSON.parse(line), lineNumber) of each line after the header`,
    );
  }
}
