import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * `-` in place of the file a subcommand reads: standard input (`gunzip -c j.ndjson.gz | kanjo
 * reconcile -`), read from descriptor 0 (see {@link readInput}): by path, `/dev/stdin` cannot be
 * opened when standard input is a socket, as it is for a process that Node's child_process
 * started. A file named `-` is `./-`.
 */
export const STANDARD_INPUT = '-';

/** The path standard input is opened again by when its descriptor will not wait (see {@link readInput}). */
const STANDARD_INPUT_PATH = '/dev/stdin';

/** What to open: descriptor 0 for `-`, else the path. */
export function inputSource(path: string): string | 0 {
  return path === STANDARD_INPUT ? 0 : path;
}

/** What messages call the input: the path as given, or `standard input`. */
export function inputName(path: string): string {
  return path === STANDARD_INPUT ? 'standard input' : path;
}

/** Opens the input for {@link readInput}: descriptor 0 for `-` (already open), else the file. */
export function openInput(path: string): number {
  return path === STANDARD_INPUT ? 0 : openSync(path, 'r');
}

/** Closes what {@link openInput} or {@link readInput} opened; standard input itself stays open. */
export function closeInput(descriptor: number): void {
  if (descriptor !== 0) closeSync(descriptor);
}

/**
 * `readSync` of the input, at its current position. Standard input that another process set
 * non-blocking (a shared pipe, FIFO or terminal) answers EAGAIN while nothing has come yet,
 * where a reader must wait: it is opened again by its path, `/dev/stdin`, which waits, and read
 * from there on (what was read before stays read). Returns the bytes read and the descriptor to
 * read from next.
 */
export function readInput(descriptor: number, buffer: Uint8Array, offset: number, length: number): { read: number; descriptor: number } {
  try {
    return { read: readSync(descriptor, buffer, offset, length, null), descriptor };
  } catch (error) {
    if (descriptor !== 0 || (error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    const reopened = openSync(STANDARD_INPUT_PATH, 'r');
    return { read: readSync(reopened, buffer, offset, length, null), descriptor: reopened };
  }
}

/** Bytes read from standard input at a time; the buffer doubles as it fills. */
const CHUNK_BYTES = 1 << 16;

/**
 * The whole input: a file as `readFileSync` reads it; standard input read to its end through
 * {@link readInput} (`readFileSync(0)` fails with EAGAIN on a non-blocking one, after consuming
 * what had come).
 */
export function readWholeInput(path: string): Uint8Array {
  if (path !== STANDARD_INPUT) return readFileSync(path);
  let buffer = new Uint8Array(CHUNK_BYTES);
  let filled = 0;
  let descriptor = 0;
  try {
    for (;;) {
      if (filled === buffer.length) buffer = doubled(buffer);
      const next = readInput(descriptor, buffer, filled, buffer.length - filled);
      descriptor = next.descriptor;
      if (next.read === 0) return buffer.subarray(0, filled);
      filled += next.read;
    }
  } finally {
    closeInput(descriptor);
  }
}

/** A buffer twice as long holding `buffer`'s bytes first: room to read more into. */
export function doubled(buffer: Uint8Array): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(buffer.length * 2);
  larger.set(buffer);
  return larger;
}
