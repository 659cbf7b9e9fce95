import { closeSync, openSync, writeSync } from 'node:fs';

/** About how much text is gathered before one write: few system calls, little memory. */
const BATCH_CHARACTERS = 1 << 20;

/**
 * Text given in pieces, joined into batches of about a MiB each (the last one may be shorter),
 * so that output larger than any one string can be (V8's limit is about 512 MiB) is written
 * with few system calls and without ever being held whole.
 */
export function* batches(chunks: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    batch.push(chunk);
    length += chunk.length;
    if (length >= BATCH_CHARACTERS) {
      yield batch.join('');
      batch = [];
      length = 0;
    }
  }
  if (length > 0) yield batch.join('');
}

/** Writes text given in pieces through `write`, a batch of about a MiB at a time. */
export function writeChunks(chunks: Iterable<string>, write: (text: string) => void): void {
  for (const batch of batches(chunks)) write(batch);
}

/**
 * Writes text given in pieces to a stream (standard output), a batch at a time, waiting for the
 * stream to drain whenever it asks to. Standard output to a pipe takes every write at once and
 * queues what the reader has not read yet: written in a loop without waiting, a large report
 * was queued whole in memory, and past about 716 million characters Node's write failed with
 * ENOBUFS (`kanjo run` of 500,000 payments `--format json | wc -c` gave 1 MiB and exit 2).
 * Stops at the first error of the stream (whose own handler reports it).
 */
export async function writeChunksToStream(chunks: Iterable<string>, stream: NodeJS.WritableStream & { readonly destroyed?: boolean }): Promise<void> {
  for (const batch of batches(chunks)) {
    if (stream.destroyed === true) return;
    if (!stream.write(batch)) await drained(stream);
  }
}

/** Resolves when the stream has drained, or has failed or closed (and will never drain). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
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
  writeChunks(chunks, (text) => writeWhole(file, text));
}

/** Writes `text` to an open file descriptor, all of it: a short write is followed by the rest. */
export function writeWhole(file: number, text: string): void {
  // writeSync may write less than it was given: write the rest until none is left.
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(file, bytes, offset);
}
