import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import { ioProblem } from './io-problem.js';
import { UsageError } from './parse-arguments.js';
import { writeChunks, writeChunksToStream, writeWhole } from './write-chunks.js';

const STANDARD_OUTPUT = 1;

/**
 * Writes text given in pieces to standard output, whatever it is. A pipe, a socket or a
 * terminal is written through `process.stdout`, waiting for its reader (see
 * {@link writeChunksToStream}). A file or a device is written here, each batch until every
 * byte is taken: Node writes to such a standard output with one call a batch and takes a short
 * write for a whole one, so a report that a full disk or a file-size limit (`ulimit -f`) cut
 * short ended with status 0, the file cut and not a word said. Here the write after the short
 * one fails, and the run says so.
 *
 * @throws UsageError "cannot write standard output: …" (exit 2) when a file or device refuses
 * a write; an error of the pieces' own iterator passes through unchanged.
 */
export async function writeStandardOutput(chunks: Iterable<string>): Promise<void> {
  if (!isFileOrDevice(STANDARD_OUTPUT)) {
    await writeChunksToStream(chunks, process.stdout);
    return;
  }
  writeChunks(chunks, (text) => {
    // Only the write's own failure is standard output's: the pieces' errors pass through.
    try {
      writeWhole(STANDARD_OUTPUT, text);
    } catch (error) {
      throw new UsageError(`cannot write standard output: ${ioProblem(error)}`);
    }
  });
}

/**
 * Whether Node would write to `descriptor` with one synchronous call a piece, ignoring a short
 * write: a regular file, or a device that is not a terminal (`/dev/null`, `/dev/full`). A
 * descriptor that cannot be examined (closed: `kanjo run s.json >&-`) is left to
 * `process.stdout`, which reports its own failure.
 */
function isFileOrDevice(descriptor: number): boolean {
  try {
    const stats = fstatSync(descriptor);
    return stats.isFile() || stats.isBlockDevice() || (stats.isCharacterDevice() && !isatty(descriptor));
  } catch {
    return false;
  }
}
