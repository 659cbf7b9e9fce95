import { closeSync, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './parse-arguments.js';
import { writeDescriptorChunks, writeFileChunks } from './write-chunks.js';

/**
 * The export files of one run, each written whole or not at all. Each is written beside its
 * target under a temporary name and renamed over it only once every export has been written
 * ({@link OutputFiles.commit}); a run that fails first (a path that cannot be written, a full
 * disk) removes what it wrote ({@link OutputFiles.discard}). Writing in place left the previous
 * file replaced by a truncated one that `kanjo reconcile` and hledger read as whole (it is cut
 * at a line), or the journal replaced by a run that then failed on `--hledger`. A device or a
 * pipe (`/dev/null`, `/dev/stdout`, a FIFO) cannot be replaced: it is written directly.
 * Interrupted (Ctrl-C), a run leaves at most a hidden `.NAME.kanjo-PID-N.tmp` file beside NAME.
 */
export class OutputFiles {
  readonly #pending: { readonly temporary: string; readonly target: string; readonly name: string }[] = [];
  /** Folders made for the statements, outermost first: removed again if the run fails. */
  readonly #folders: string[] = [];

  /** Writes `chunks` to a temporary file that {@link commit} renames to `path`. */
  write(path: string, chunks: Iterable<string>): void {
    const target = replaceableTarget(path);
    if (target === undefined) {
      writeFileChunks(path, chunks);
      return;
    }
    const temporary = join(dirname(target.path), `.${basename(target.path)}.kanjo-${process.pid}-${this.#pending.length}.tmp`);
    let file: number;
    try {
      file = openSync(temporary, 'wx');
    } catch (error) {
      // A file that may be written in a folder that may not (no temporary file beside it):
      // written in place, as it always could be.
      const code = (error as NodeJS.ErrnoException).code;
      if (target.mode === undefined || (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS')) throw error;
      writeFileChunks(path, chunks);
      return;
    }
    this.#pending.push({ temporary, target: target.path, name: path });
    try {
      writeDescriptorChunks(file, chunks);
      // The file replaced keeps its permissions.
      if (target.mode !== undefined) fchmodSync(file, target.mode);
    } finally {
      closeSync(file);
    }
  }

  /** Makes a folder and the folders above it that are missing. */
  makeFolder(path: string): void {
    const first = mkdirSync(path, { recursive: true });
    if (first === undefined) return;
    const made = [resolve(first)];
    const rest = relative(made[0] as string, resolve(path));
    if (rest !== '') for (const part of rest.split(sep)) made.push(join(made[made.length - 1] as string, part));
    this.#folders.push(...made);
  }

  /** Puts every file written in place of its target. */
  commit(): void {
    for (const [index, { temporary, target, name }] of this.#pending.entries()) {
      try {
        renameSync(temporary, target);
      } catch (error) {
        // The ones not yet renamed are left for discard().
        this.#pending.splice(0, index);
        throw new UsageError(`cannot write ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    this.#pending.length = 0;
    this.#folders.length = 0;
  }

  /** Removes every file written and folder made, leaving the targets as they were. */
  discard(): void {
    for (const { temporary } of this.#pending.splice(0)) ignoreErrors(() => unlinkSync(temporary));
    for (const folder of this.#folders.splice(0).reverse()) ignoreErrors(() => rmdirSync(folder));
  }
}

/**
 * What a path names, to tell two paths of one file apart from two files: an existing regular
 * file by its device and inode (a symbolic or hard link to it is it), a path that names nothing
 * yet by its absolute spelling in its folder's real path; undefined for a device, a pipe or a
 * folder, which may well be named twice (`--journal /dev/null --hledger /dev/null`).
 */
export function fileIdentity(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? `file ${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return `path ${join(realFolder(dirname(path)), basename(path))}`;
  }
}

/** Folders' real paths, by their absolute spelling: the statements are many files in one folder. */
const realFolders = new Map<string, string>();

/** A folder's real path (symbolic links resolved), or its absolute spelling if it is missing. */
function realFolder(folder: string): string {
  const absolute = resolve(folder);
  let real = realFolders.get(absolute);
  if (real === undefined) {
    real = absolute;
    ignoreErrors(() => (real = realpathSync.native(absolute)));
    realFolders.set(absolute, real);
  }
  return real;
}

/** The identity of the file standard output is written to, when that is a regular file. */
export function standardOutputIdentity(): string | undefined {
  try {
    const stats = fstatSync(1);
    return stats.isFile() ? `file ${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file to replace for `path` (through a symbolic link, the file it points at) and its
 * permissions; undefined when `path` is to be written directly: a device, a pipe, a folder
 * (which fails as EISDIR) or a symbolic link to nothing yet.
 */
function replaceableTarget(path: string): { path: string; mode: number | undefined } | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let dangling = false;
    ignoreErrors(() => (dangling = lstatSync(path).isSymbolicLink()));
    return dangling ? undefined : { path, mode: undefined };
  }
  if (!stats.isFile()) return undefined;
  return { path: realpathSync.native(path), mode: stats.mode & 0o7777 };
}

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing more can be done: the run's own error is the one to report.
  }
}
