import { closeInput, doubled, openInput, readInput } from './input-file.js';

/** Bytes read from the file at a time; a longer line grows the buffer. */
const CHUNK_BYTES = 1 << 23;

/**
 * Bytes past which a line cannot be one JavaScript string whatever it holds (each UTF-16 code
 * unit takes at most 3 bytes of UTF-8; V8's longest string is 2^29 − 24 units), so no line
 * Kanjo wrote. Reading stops there: a line without an end (`/dev/zero`, a file of no line
 * breaks) grew the buffer until Node refused it, after 4 GiB, with a bare ERR_OUT_OF_RANGE.
 */
export const LONGEST_LINE_BYTES = 3 * (2 ** 29 - 24);

/** A line longer than {@link LONGEST_LINE_BYTES}: not read to its end. */
export class LineTooLong extends Error {
  constructor(readonly lineNumber: number) {
    super(`line ${lineNumber} is longer than ${LONGEST_LINE_BYTES} bytes`);
    this.name = 'LineTooLong';
  }
}
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Calls `visit` with each line of a file as a byte range (without its `\n` or `\r\n`), its
 * 1-based number and whether a line break ended it (only the last line may lack one), in
 * order, reading the file in large chunks: no stream, no decoding of bytes into text the
 * reader does not need, constant memory. The bytes are valid only during the
 * call. Throws the file system's error (ENOENT…) as it comes, and {@link LineTooLong} for a
 * line that cannot be a string. `-` is standard input.
 */
export function forEachLine(path: string, visit: (bytes: Uint8Array, start: number, end: number, lineNumber: number, ended: boolean) => void): void {
  let file = openInput(path);
  try {
    let buffer = new Uint8Array(CHUNK_BYTES);
    let filled = 0;
    let lineNumber = 0;
    for (;;) {
      // One line longer than the buffer: make room for it.
      if (filled === buffer.length) buffer = doubled(buffer);
      const next = readInput(file, buffer, filled, buffer.length - filled);
      file = next.descriptor;
      const read = next.read;
      const available = filled + read;
      // Only the bytes read so far: a search of the whole buffer ran on into what earlier reads
      // left behind it, to its end when that held no line break.
      const bytes = buffer.subarray(0, available);
      let start = 0;
      // The unfinished line kept from the last read holds no line break: search after it, not
      // through it again at every read (a line longer than a pipe's 64 KiB was searched anew
      // each time, in time that grew with the square of its length).
      let end = bytes.indexOf(NEWLINE, filled);
      while (end !== -1) {
        lineNumber += 1;
        visit(buffer, start, end > start && buffer[end - 1] === CARRIAGE_RETURN ? end - 1 : end, lineNumber, true);
        start = end + 1;
        end = bytes.indexOf(NEWLINE, start);
      }
      if (read === 0) {
        if (start < available) visit(buffer, start, available, lineNumber + 1, false);
        return;
      }
      // Keep the unfinished last line at the front for the next read (where it already is when
      // no line ended).
      if (start > 0) buffer.copyWithin(0, start, available);
      filled = available - start;
      if (filled > LONGEST_LINE_BYTES) throw new LineTooLong(lineNumber + 1);
    }
  } finally {
    closeInput(file);
  }
}
