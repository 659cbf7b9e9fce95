import { closeSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { UsageError } from './parse-arguments.js';

/** A file an export is about to be renamed to (`target`, its real path) and how the caller named it. */
export interface Target {
  readonly target: string;
  readonly name: string;
}

/**
 * What the file system says each name is: `peek` answers the identity of the file a path names,
 * undefined when it names none, and changes nothing; `listed` whether its folder lists it under
 * its own spelling; `identify` answers the identity and whether it `existed`, making the file
 * (exclusively, empty) if none did, or undefined when it cannot tell; `release` removes every
 * file `identify` made.
 */
export interface FileIdentities {
  peek(path: string): string | undefined;
  /** Whether the folder of `path` lists its name as spelled (the two forms of é taken for one). */
  listed(path: string): boolean;
  identify(path: string): { readonly identity: string; readonly existed: boolean } | undefined;
  release(): void;
}

/**
 * Refuses two targets spelled differently that the file system takes for one file: `A.csv` and
 * `a.csv` where it does not tell case apart (macOS and Windows by default), `é.csv` composed and
 * decomposed on macOS. Neither names anything yet, so their identities (`fileIdentity` of output-files.ts)
 * differed, and the second rename silently replaced the first export: one merchant's statement
 * lost, or a journal replaced by the hledger export. Candidates are the names equal once case
 * and Unicode normalization are folded away; the file system itself then decides, so that on
 * one that tells them apart both are written. `identities` is the file system's answer (a
 * parameter so that the choice of candidates can be tested where every file system tells case apart).
 *
 * Each candidate is identified once and its identity looked up among the earlier ones of its
 * group: comparing each with every earlier one made n case variants of one id cost n²/2 probes
 * (2,048 merchants took 99 s).
 */
export function refuseTargetsTakenForOne(renames: readonly Target[], identities: FileIdentities = probedIdentities()): void {
  const byFoldedName = new Map<string, Target[]>();
  for (const rename of renames) {
    const key = `${dirname(rename.target)}\0${foldedName(basename(rename.target))}`;
    const group = byFoldedName.get(key);
    if (group === undefined) byFoldedName.set(key, [rename]);
    else group.push(rename);
  }
  for (const group of byFoldedName.values()) {
    if (group.length === 1) continue;
    // Released group by group: an interrupted run leaves at most one group's empty files.
    try {
      refuseTakenForOneInGroup(group, identities);
    } finally {
      identities.release();
    }
  }
}

function refuseTakenForOneInGroup(group: readonly Target[], identities: FileIdentities): void {
  // A file system may fold one difference (the forms of é) and not another (case): the
  // identities say which names of the group are one file.
  const byIdentity = new Map<string, Target>();
  // Which names named a file before any was probed: one that names a file only after an earlier
  // name's probe was made is that probe, whatever its identity says. exfat-fuse gives `J.txt`
  // and `j.txt` of one file inodes 8 and 9 (review 265: `--journal J.txt --hledger j.txt` kept
  // only the hledger export, exit 0).
  const namedBefore = group.map((rename) => identities.peek(rename.target) !== undefined);
  let firstMade: Target | undefined;
  for (const [index, rename] of group.entries()) {
    const identified = identities.identify(rename.target);
    if (identified === undefined) continue;
    // A name that named nothing was made just now: a file of its own, whatever its inode says
    // (a file system may give every file inode 0, or one too large for a double). Only a name
    // that already named a file, perhaps an earlier name's probe, is compared.
    let same = identified.existed ? (byIdentity.get(identified.identity) ?? (namedBefore[index] ? undefined : firstMade)) : undefined;
    if (!identified.existed) firstMade ??= rename;
    // A name that named a file before that its folder does not list as spelled (the forms of
    // é aside) is another spelling of a file listed under another name, whatever its identity
    // says: an earlier `J.txt` on exfat-fuse, then `--journal J.txt --hledger j.txt`.
    if (same === undefined && namedBefore[index] === true && !identities.listed(rename.target)) same = group.find((other) => other.target !== rename.target);
    if (same !== undefined && same.target !== rename.target) {
      throw new UsageError(
        `cannot write ${rename.name}: this file system takes it and ${same.name} for one file (it does not tell upper from lower case, or the two Unicode forms of an accented letter, apart), so one export would replace the other: write them where the file system tells them apart, or rename one`,
      );
    }
    if (!byIdentity.has(identified.identity)) byIdentity.set(identified.identity, rename);
  }
}

/** A file name with case and Unicode normalization folded away, loosely: only to find candidates. */
function foldedName(name: string): string {
  return name.normalize('NFD').toUpperCase().toLowerCase().normalize('NFD');
}

/**
 * The file system's own answer: a path that names a file is identified by its device and inode
 * (an existing file is kept); one that does not is made, exclusively and empty, and then
 * identified, so that a later name the file system takes for it finds it. Every file made is
 * removed by `release`.
 */
export function probedIdentities(): FileIdentities {
  const made: string[] = [];
  const listings = new Map<string, Set<string>>();
  return {
    peek: identityOf,
    listed(path) {
      const folder = dirname(path);
      let names = listings.get(folder);
      if (names === undefined) {
        try {
          names = new Set(readdirSync(folder).map((name) => name.normalize('NFD')));
        } catch {
          // A folder that cannot be listed: nothing to tell by.
          return true;
        }
        listings.set(folder, names);
      }
      return names.has(basename(path).normalize('NFD'));
    },
    identify(path) {
      const existing = identityOf(path);
      if (existing !== undefined) return { identity: existing, existed: true };
      try {
        closeSync(openSync(path, 'wx'));
      } catch {
        // Made meanwhile, or a folder that took the temporary files but not this: cannot tell.
        return undefined;
      }
      made.push(path);
      const identity = identityOf(path);
      return identity === undefined ? undefined : { identity, existed: false };
    },
    release() {
      listings.clear();
      for (const path of made.splice(0)) {
        try {
          unlinkSync(path);
        } catch {
          // Removed meanwhile: nothing is left of the probe either way.
        }
      }
    },
  };
}

function identityOf(path: string): string | undefined {
  try {
    // As bigints: an inode past 2^53 (some network and Windows file systems) would round.
    const stats = statSync(path, { bigint: true });
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}
