import { accessSync, closeSync, constants, existsSync, fchmodSync, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readlinkSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { UsageError } from './parse-arguments.js';
import { writeDescriptorChunks, writeFileChunks } from './write-chunks.js';
import { ioProblem } from './io-problem.js';
import { refuseTargetsTakenForOne } from './targets-taken-for-one.js';

/** A temporary file written whole, to be renamed to its target. */
interface Rename {
  readonly temporary: string;
  readonly target: string;
  readonly name: string;
}

/**
 * The export files of one run, each written whole or not at all. Each is written beside its
 * target under a temporary name and renamed over it only once every export has been written
 * ({@link OutputFiles.commit}); a run that fails first (a path that cannot be written, a full
 * disk) removes what it wrote ({@link OutputFiles.discard}). Writing in place left the previous
 * file replaced by a truncated one that `kanjo reconcile` and hledger read as whole (it is cut
 * at a line), or the journal replaced by a run that then failed on `--hledger`. A device or a
 * pipe (`/dev/null`, `/dev/stdout`, a FIFO) cannot be replaced: it is written directly.
 * Interrupted (Ctrl-C) before commit, a run leaves at most a hidden `.NAME.kanjo-PID-N.tmp` file
 * beside NAME; the command line holds such signals during commit (`held-signals.ts`), so only
 * SIGKILL can stop it there, leaving NAME's earlier file as `.NAME.kanjo-PID-N.old`.
 */
export class OutputFiles {
  readonly #pending: (Rename | { readonly inPlace: Iterable<string>; readonly name: string })[] = [];
  /** Folders made for the statements, outermost first: removed again if the run fails. */
  readonly #folders: string[] = [];
  /** The number in the next temporary name (N in `.NAME.kanjo-PID-N.tmp`). */
  #next = 0;

  /** Writes `chunks` to a temporary file that {@link commit} renames to `path`. */
  write(path: string, chunks: Iterable<string>): void {
    const target = replaceableTarget(path);
    if (target === undefined) {
      writeFileChunks(path, chunks);
      return;
    }
    let opened: { file: number; temporary: string } | undefined;
    try {
      opened = openTemporary(target.path, () => this.#next++);
    } catch (error) {
      if (error instanceof LeftoversInTheWay) throw new UsageError(`cannot write ${path}: ${error.message}`);
      // A file that may be written in a folder that may not (no temporary file beside it):
      // written in place, as it always could be, but only once every other export was written.
      const code = (error as NodeJS.ErrnoException).code;
      if (target.mode === undefined) {
        // A folder that is there but takes no new file (`--statements /proc/sys`): its error
        // code alone ("no such file or directory") would be read as being about the folder.
        if (code === 'ENOENT' && isFolder(dirname(target.path))) throw new UsageError(`cannot write ${path}: ${dirname(target.path)} takes no new file${refusedCharactersHint(basename(target.path))}: ${ioProblem(error)}`);
        // `--journal nest/j.ndjson` said only "no such file or directory" of a file not yet
        // meant to exist: the folder is what is missing, named as written unless a symbolic
        // link on the way leads elsewhere (then by where it leads).
        if (code === 'ENOENT') {
          const folder = resolve(path) === target.path ? dirname(path) : dirname(target.path);
          throw new UsageError(`cannot write ${path}: ${missingFolder(folder)} (make it first; only --statements makes its folder): ${ioProblem(error)}`);
        }
        throw error;
      }
      // The target exists: its own error code would be read as being about it (`--journal
      // /proc/version` said "no such file or directory" of a file that is there).
      if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') {
        throw new UsageError(`cannot write ${path}: it is replaced whole, through a temporary file beside it, and none can be made there: ${ioProblem(error)}`);
      }
      // A file that may not be written either (a read-only file system, review 266) is refused
      // now, before any export is put in place, not found at commit after the others were.
      accessSync(target.path, constants.W_OK);
      this.#pending.push({ inPlace: chunks, name: path });
      return;
    }
    const { file, temporary } = opened;
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
    // One at a time, each noted as it is made: a recursive mkdir that failed part-way (a name
    // longer than 255 bytes below folders it had made) left those folders behind, unnoted.
    const missing: string[] = [];
    for (let folder = absolute(path); !existsSync(folder); folder = dirname(folder)) {
      missing.push(folder);
      if (dirname(folder) === folder) break;
    }
    for (const folder of missing.reverse()) {
      mkdirSync(folder);
      this.#folders.push(folder);
    }
    // An existing file of that name: refused, nothing made (mkdir's "file exists" did not say
    // that a folder was wanted).
    if (missing.length === 0 && !statSync(path).isDirectory()) throw new UsageError(`cannot write ${path}: it is not a folder, where a folder was asked for (a missing folder is made)`);
  }

  /**
   * Puts every file written in place of its target: first the renames, each file replaced kept
   * aside until all are done, so that a rename that fails puts back those done before it; then
   * the files written in place, which cannot be put back: a failure writing one puts the
   * renamed ones back, but leaves it cut and those written in place before it written.
   */
  commit(): void {
    const renames = this.#pending.filter((pending): pending is Rename => !('inPlace' in pending));
    refuseTargetsTakenForOne(renames);
    const done: Replaced[] = [];
    try {
      for (const [index, { temporary, target, name }] of renames.entries()) {
        let aside: Aside | undefined;
        try {
          aside = keepAside(target, () => this.#next++);
          renameSync(temporary, target);
        } catch (error) {
          // The ones not yet renamed are left for discard().
          this.#pending.splice(0, this.#pending.length, ...renames.slice(index));
          // A second name of the target is removed (renamed over the target it would do nothing).
          const kept = aside;
          if (kept !== undefined) ignoreErrors(() => (kept.linked ? unlinkSync(kept.path) : renameSync(kept.path, target)));
          throw new UsageError(`cannot write ${name}: ${ioProblem(error)}`);
        }
        done.push({ target, aside: aside?.path });
      }
      // Every temporary file is renamed: what a failure below leaves is only what is put back.
      for (const pending of this.#pending.splice(0)) {
        if (!('inPlace' in pending)) continue;
        try {
          writeFileChunks(pending.name, pending.inPlace);
        } catch (error) {
          throw new UsageError(`cannot write ${pending.name}: ${ioProblem(error)}`);
        }
      }
    } catch (error) {
      throw putBack(done, error);
    }
    for (const { aside } of done) if (aside !== undefined) ignoreErrors(() => unlinkSync(aside));
    this.#folders.length = 0;
  }

  /** Removes every file written and folder made, leaving the targets as they were. */
  discard(): void {
    for (const pending of this.#pending.splice(0)) if (!('inPlace' in pending)) ignoreErrors(() => unlinkSync(pending.temporary));
    for (const folder of this.#folders.splice(0).reverse()) ignoreErrors(() => rmdirSync(folder));
  }
}

/** The longest file name in bytes (NAME_MAX of Linux, macOS and Windows file systems). */
const NAME_MAX = 255;

/**
 * Creates `.NAME.kanjo-PID-N.tmp` beside `target`, NAME shortened so that the whole name stays
 * within {@link NAME_MAX} bytes (a 255-byte target's temporary name was ENAMETOOLONG), N the next
 * number not taken: a leftover of an earlier run that had the same process id is not this run's
 * to overwrite or remove, and failed the run with EEXIST.
 */
function openTemporary(target: string, next: () => number): { file: number; temporary: string } {
  let file = -1;
  const temporary = besideTarget(target, next, '.tmp', (path) => {
    file = openSync(path, 'wx');
  });
  return { file, temporary };
}

/**
 * The first hidden name `.NAME.kanjo-PID-N` + `extension` beside `target` that `claim` can take
 * (it throws EEXIST for a name taken), NAME shortened to keep the name within {@link NAME_MAX}
 * bytes, at whole characters (a cut UTF-8 sequence is not a name every file system takes).
 */
function besideTarget(target: string, next: () => number, extension: string, claim: (path: string) => void): string {
  for (let attempt = 0; ; attempt++) {
    const suffix = `.kanjo-${process.pid}-${next()}${extension}`;
    let name = basename(target);
    const room = NAME_MAX - 1 - Buffer.byteLength(suffix);
    if (Buffer.byteLength(name) > room) {
      const characters = [...name];
      while (Buffer.byteLength(characters.join('')) > room) characters.pop();
      name = characters.join('');
    }
    const path = join(dirname(target), `.${name}${suffix}`);
    try {
      claim(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (attempt >= MOST_NAMES_TRIED) throw new LeftoversInTheWay(path);
    }
  }
}

/** How many names {@link besideTarget} tries after the first, each taken. */
const MOST_NAMES_TRIED = 100;

/**
 * Every hidden name tried beside a target taken: by files that runs stopped before they were
 * done left there, runs with this process id (a container's kanjo often has the same one). Said
 * as such: the bare EEXIST was "file exists" of an export that did not exist (review 270).
 */
class LeftoversInTheWay extends Error {
  constructor(last: string) {
    super(`the ${MOST_NAMES_TRIED + 1} hidden names tried beside it (the last ${basename(last)}) are all taken, by files that stopped runs with process id ${process.pid} left: delete them`);
  }
}

/**
 * What a path names, to tell two paths of one file apart from two files: an existing regular
 * file, pipe or socket by its device and inode (a symbolic or hard link to it is it, and
 * `/dev/stdin` is the pipe standard input reads), a path that names nothing yet by its absolute
 * spelling in its folder's real path; undefined for a device or a folder, which may well be
 * named twice (`--journal /dev/null --hledger /dev/null`).
 */
export function fileIdentity(path: string): string | undefined {
  try {
    return identityOf(statSync(path));
  } catch {
    if (!isAbsolute(path) && workingFolderGone()) throw cannotTellWhichFile(path);
    return `path ${fileToCreate(path) ?? join(realFolder(dirname(path)), basename(path))}`;
  }
}

/**
 * Whether the working folder is gone (removed while kanjo ran in it). `path.resolve` then throws
 * (it asks `process.cwd()`, and the system's realpath its getcwd): a run with a relative file
 * was an internal error, and kept as given, `../x` and the absolute name of the same x were
 * taken for two files (one export written, then replaced by the other). A relative path that
 * names nothing yet is refused then: nothing can tell which file it will be.
 */
function workingFolderGone(): boolean {
  try {
    process.cwd();
    return false;
  } catch {
    return true;
  }
}

function cannotTellWhichFile(path: string): UsageError {
  return new UsageError(`cannot tell which file ${path} is: the working folder no longer exists; give an absolute path, or run kanjo from a folder that exists`);
}

/** A path made absolute; see {@link workingFolderGone} for when it cannot be. */
function absolute(path: string): string {
  try {
    return resolve(path);
  } catch {
    throw cannotTellWhichFile(path);
  }
}

/** Folders' real paths, by their absolute spelling: the statements are many files in one folder. */
const realFolders = new Map<string, string>();

/**
 * A folder's real path (symbolic links resolved), or for a missing one the real path of the
 * nearest folder above that exists, then the rest. Resolved as the system resolves a path, not
 * by its spelling: `link/../x` is in the folder above the one `link` points at, where
 * `path.resolve` put it beside `link` (and `--journal link/../x --hledger REAL/x` wrote both
 * exports to one file, exit 0).
 */
function realFolder(folder: string): string {
  let real = realFolders.get(folder);
  if (real === undefined) {
    try {
      real = realpathSync.native(folder);
    } catch {
      const parent = dirname(folder);
      real = parent === folder ? absolute(folder) : join(realFolder(parent), basename(folder));
    }
    realFolders.set(folder, real);
  }
  return real;
}

/**
 * The identity of the file an open descriptor reads or writes (standard input 0, standard output
 * 1), when that is a regular file, a pipe or a socket, as {@link fileIdentity} gives it.
 */
export function descriptorIdentity(descriptor: number): string | undefined {
  try {
    return identityOf(fstatSync(descriptor));
  } catch {
    return undefined;
  }
}

/**
 * A regular file, pipe or socket by its device and inode. A pipe counts: an export written into
 * the pipe the scenario comes through (`cat s.json | kanjo run - --journal /dev/stdin`) was lost,
 * or hung the run once the pipe was full, and one written into the pipe standard output goes
 * to was mixed with the report. A device does not: `/dev/null` may be named twice.
 */
function identityOf(stats: Stats): string | undefined {
  if (stats.isFile()) return `file ${stats.dev}:${stats.ino}`;
  return stats.isFIFO() || stats.isSocket() ? `pipe ${stats.dev}:${stats.ino}` : undefined;
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
    // A folder that does not exist (`h/`): written directly, it fails as EISDIR. A temporary
    // file beside `h` renamed to `h/` failed only once the other exports had been put in place.
    if (path.endsWith('/') || path.endsWith(sep)) return undefined;
    const created = fileToCreate(path);
    return created === undefined ? undefined : { path: created, mode: undefined };
  }
  if (!stats.isFile()) return undefined;
  if (!isAbsolute(path) && workingFolderGone()) throw cannotTellWhichFile(path);
  return { path: realpathSync.native(path), mode: stats.mode & 0o7777 };
}

/** The most symbolic links Linux follows in resolving one path name (MAXSYMLINKS); one more is ELOOP. */
const LINKS_FOLLOWED = 40;

/**
 * The file a path that names nothing yet creates, by its real folder: through a symbolic link
 * to nothing yet, the file the link points at (written directly, a run that then failed left
 * it created, or cut). Undefined for a loop of links or a chain longer than the system
 * follows, written directly to fail as ELOOP.
 */
function fileToCreate(path: string): string | undefined {
  let current = path;
  // `links` links were followed to reach `current`. The system creates a file at the end of a
  // chain of up to LINKS_FOLLOWED of them, so the path reached after the last is still looked
  // at (`<=`); with `<`, a chain of exactly 40 links to nothing was written directly, and a run
  // that then failed left the file at its end created.
  for (let links = 0; links <= LINKS_FOLLOWED; links++) {
    let stats;
    try {
      stats = lstatSync(current);
    } catch {
      return join(realFolder(dirname(current)), basename(current));
    }
    if (!stats.isSymbolicLink()) return undefined;
    const link = readlinkSync(current);
    current = isAbsolute(link) ? link : `${realFolder(dirname(current))}${sep}${link}`;
  }
  return undefined;
}

/** A target's earlier file kept aside: a second name of it (`linked`), or the file moved there. */
interface Aside {
  readonly path: string;
  readonly linked: boolean;
}

/** A target renamed over, and where its earlier file is kept (undefined where it named none). */
interface Replaced {
  readonly target: string;
  readonly aside: string | undefined;
}

/**
 * Keeps the file `target` names under a hidden `.NAME.kanjo-PID-N.old` beside it, until the
 * run's renames are all done: a second name of it (a hard link), so that the rename over it
 * still replaces it at once, or where the file system has no hard links, the file itself moved
 * there. Undefined when `target` names no regular file (nothing to put back). A file that
 * cannot be moved aside cannot be replaced either (another user's file in a folder such as
 * /tmp, review 265): its error is the rename's.
 */
function keepAside(target: string, next: () => number): Aside | undefined {
  let stats;
  try {
    stats = lstatSync(target);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) return undefined;
  // Where the sticky bit refuses to replace the file, it would refuse to remove its second
  // name too: that link, left behind, could then be removed only by the file's owner (review
  // 266). The move aside is refused as the rename would be, and nothing is made.
  const refused = stickyRefuses(target, stats.uid);
  let linked = true;
  const path = besideTarget(target, next, '.old', (aside) => {
    try {
      if (refused) throw Object.assign(new Error('the sticky bit refuses it'), { code: 'EPERM' });
      linkSync(target, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
      // A rename would replace a leftover of that name, where the link refused it.
      if (existsSync(aside)) throw Object.assign(new Error(`${aside} exists`), { code: 'EEXIST' });
      linked = false;
      renameSync(target, aside);
    }
  });
  return { path, linked };
}

/** S_ISVTX, the sticky bit of a folder's mode. */
const STICKY_BIT = 0o1000;

/**
 * Whether a folder's sticky bit (/tmp's) keeps this process from renaming over or removing the
 * file `target`, owned by `owner`: it may only where it owns the file or the folder, or is root.
 */
function stickyRefuses(target: string, owner: number): boolean {
  const user = process.geteuid?.();
  if (user === undefined || user === 0 || user === owner) return false;
  try {
    const folder = statSync(dirname(target));
    return (folder.mode & STICKY_BIT) !== 0 && folder.uid !== user;
  } catch {
    return false;
  }
}

/**
 * Puts back the targets of the renames `done` (a file kept aside moved back over its target,
 * a target that named nothing removed), after `error`; says which could not be, and where its
 * earlier file is kept.
 */
function putBack(done: readonly Replaced[], error: unknown): unknown {
  const notPutBack: string[] = [];
  for (const { target, aside } of done.toReversed()) {
    try {
      if (aside === undefined) unlinkSync(target);
      else renameSync(aside, target);
    } catch {
      notPutBack.push(aside === undefined ? `${target} (it was not there before)` : `${target} (its earlier file is ${aside})`);
    }
  }
  if (notPutBack.length === 0 || !(error instanceof UsageError)) return error;
  return new UsageError(`${error.message}; and the exports already put in place could not all be taken back: ${notPutBack.join(', ')}`);
}

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing more can be done: the run's own error is the one to report.
  }
}

/**
 * Words for a folder that is not there: `the folder nest does not exist`, or, where the name is
 * a symbolic link to nothing (`out` → `out-real`), the link's target, since `mkdir out` fails.
 */
function missingFolder(folder: string): string {
  try {
    if (lstatSync(folder).isSymbolicLink()) return `the folder ${folder} is a symbolic link to ${readlinkSync(folder)}, which does not exist`;
  } catch {
    // Not there at all (or not readable): the plain words.
  }
  return `the folder ${folder} does not exist`;
}

/**
 * Characters that exFAT, FAT and NTFS (and Windows shares) refuse in a file name, which Linux
 * and macOS file systems take: exfat-fuse refused a statement `pm:1.csv` as "no such file or
 * directory" (review 265), read as the folder's fault.
 */
const REFUSED_ELSEWHERE = /[:*?"<>|]/u;

/** Words naming the characters of `name` that some file systems refuse, or '' where it has none. */
function refusedCharactersHint(name: string): string {
  return REFUSED_ELSEWHERE.test(name) ? ` named ${name} (file systems such as exFAT, FAT and NTFS take no : * ? " < > | in a name: rename the merchant, or write the statements to another file system)` : '';
}

/** Whether `path` is a folder that exists (through links). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
