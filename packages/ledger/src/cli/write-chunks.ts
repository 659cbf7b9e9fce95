import { closeSync, openSync, writeSync } from 'node:fs';

/** About how much text is gathered before one write: few system calls, little memory. */
const BATCH_CHARACTERS = 1 << 20;

/**
 * Writes text given in pieces through `write`, a batch of about a MiB at a time, so output
 * larger than any one string can be (V8's limit is about 512 MiB) is written without ever
 * being held whole.
 */
export function writeChunks(chunks: Iterable<string>, write: (text: string) => void): void {
  let batch: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    batch.push(chunk);
    length += chunk.length;
    if (length >= BATCH_CHARACTERS) {
      write(batch.join(''));
      batch = [];
      length = 0;
    }
  }
  if (length > 0) write(batch.join(''));
}

/** Writes text given in pieces to a file (created or truncated), as {@link writeChunks} does. */
export function writeFileChunks(path: string, chunks: Iterable<string>): void {
  const file = openSync(path, 'w');
  try {
    writeDescriptorChunks(file, chunks);
  } finally {
    closeSync(file);
  }
}

/** Writes text given in pieces to an open file descriptor, as {@link writeChunks} does. */
export function writeDescriptorChunks(file: number, chunks: Iterable<string>): void {
  writeChunks(chunks, (text) => {
    // writeSync may write less than it was given: write the rest until none is left.
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(file, bytes, offset);
  });
}
