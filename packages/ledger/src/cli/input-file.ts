import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

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

/**
 * What messages call the input: the path as given, or `standard input`. An empty path, or one
 * holding a control character (a line break would read as a space on one error line, naming a
 * file that may exist), is quoted as JSON: `""`, `"a\nb.json"`.
 */
export function inputName(path: string): string {
  if (path === STANDARD_INPUT) return 'standard input';
  return path === '' || /[\u0000-\u001f\u007f-\u009f]/.test(path) ? JSON.stringify(path) : path;
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
 * The most a whole input may hold: what `readFileSync` reads of a regular file at once (2 GiB;
 * more is ERR_FS_FILE_TOO_LARGE). An input of no known size stops there too: `kanjo run
 * /dev/zero`, or a stream that never ends, grew its buffer until the process was killed.
 */
const LARGEST_WHOLE_INPUT = 2 ** 31;

/**
 * The whole input: a regular file as `readFileSync` reads it; standard input, a device or a
 * pipe read to its end through {@link readInput} (`readFileSync(0)` fails with EAGAIN on a
 * non-blocking one, after consuming what had come), refused past {@link LARGEST_WHOLE_INPUT}
 * bytes with the error `readFileSync` gives a regular file that large.
 */
export function readWholeInput(path: string): Uint8Array {
  if (path !== STANDARD_INPUT && statSync(path).isFile()) return readFileSync(path);
  let buffer = new Uint8Array(CHUNK_BYTES);
  let filled = 0;
  let descriptor = openInput(path);
  try {
    for (;;) {
      if (filled === buffer.length) {
        if (filled >= LARGEST_WHOLE_INPUT) throw Object.assign(new RangeError(`more than ${LARGEST_WHOLE_INPUT} bytes`), { code: 'ERR_FS_FILE_TOO_LARGE' });
        buffer = doubled(buffer);
      }
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
