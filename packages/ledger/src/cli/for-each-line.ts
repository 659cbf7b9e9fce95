import { closeInput, doubled, openInput, readInput } from './input-file.js';

/** Bytes read from the file at a time; a longer line grows the buffer. */
const CHUNK_BYTES = 1 << 23;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Calls `visit` with each line of a file as a byte range (without its `\n` or `\r\n`) and its
 * 1-based number, in order, reading the file in large chunks: no stream, no decoding of bytes
 * into text the reader does not need, constant memory. The bytes are valid only during the
 * call. Throws the file system's error (ENOENT…) as it comes. `-` is standard input.
 */
export function forEachLine(path: string, visit: (bytes: Uint8Array, start: number, end: number, lineNumber: number) => void): void {
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
      let start = 0;
      let end = buffer.indexOf(NEWLINE, start);
      while (end !== -1 && end < available) {
        lineNumber += 1;
        visit(buffer, start, end > start && buffer[end - 1] === CARRIAGE_RETURN ? end - 1 : end, lineNumber);
        start = end + 1;
        end = buffer.indexOf(NEWLINE, start);
      }
      if (read === 0) {
        if (start < available) visit(buffer, start, available, lineNumber + 1);
        return;
      }
      // Keep the unfinished last line at the front for the next read.
      buffer.copyWithin(0, start, available);
      filled = available - start;
    }
  } finally {
    closeInput(file);
  }
}
