import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { UsageError } from './parse-arguments.js';

/** A file an export is about to be renamed to (`target`, its real path) and how the caller named it. */
export interface Target {
  readonly target: string;
  readonly name: string;
}

/**
 * Refuses two targets spelled differently that the file system takes for one file: `A.csv` and
 * `a.csv` where it does not tell case apart (macOS and Windows by default), `é.csv` composed and
 * decomposed on macOS. Neither names anything yet, so their identities (`fileIdentity` of output-files.ts)
 * differed, and the second rename silently replaced the first export: one merchant's statement
 * lost, or a journal replaced by the hledger export. Candidates are the names equal once case
 * and Unicode normalization are folded away; the file system itself then decides, so that on
 * one that tells them apart both are written. `sameFile` is the file system's answer (a
 * parameter so that the choice of candidates can be tested where every file system tells case apart).
 */
export function refuseTargetsTakenForOne(renames: readonly Target[], sameFile: (first: string, second: string) => boolean = takenForOneFile): void {
  const byFoldedName = new Map<string, Target[]>();
  for (const rename of renames) {
    const key = `${dirname(rename.target)}\0${foldedName(basename(rename.target))}`;
    const earlier = byFoldedName.get(key);
    if (earlier === undefined) {
      byFoldedName.set(key, [rename]);
      continue;
    }
    // Each earlier one: a file system may fold one difference (the forms of é) and not another (case).
    const same = earlier.find((other) => other.target !== rename.target && sameFile(other.target, rename.target));
    if (same !== undefined) {
      throw new UsageError(
        `cannot write ${rename.name}: this file system takes it and ${same.name} for one file (it does not tell upper from lower case, or the two Unicode forms of an accented letter, apart), so one export would replace the other: write them where the file system tells them apart, or rename one`,
      );
    }
    earlier.push(rename);
  }
}

/** A file name with case and Unicode normalization folded away, loosely: only to find candidates. */
function foldedName(name: string): string {
  return name.normalize('NFD').toUpperCase().toLowerCase().normalize('NFD');
}

/**
 * Whether two paths of one folder name one file: by identity when the first exists; otherwise
 * the first is created (exclusively, and removed again) and the second looked up.
 */
export function takenForOneFile(first: string, second: string): boolean {
  const identity = (path: string): string | undefined => {
    try {
      const stats = statSync(path);
      return `${stats.dev}:${stats.ino}`;
    } catch {
      return undefined;
    }
  };
  const existing = identity(first);
  if (existing !== undefined) return existing === identity(second);
  let probe: number;
  try {
    probe = openSync(first, 'wx');
  } catch {
    // Made meanwhile, or a folder that took the temporary files but not this: cannot tell.
    return false;
  }
  try {
    closeSync(probe);
    return identity(first) === identity(second);
  } finally {
    try {
      unlinkSync(first);
    } catch {
      // Removed meanwhile: nothing is left of the probe either way.
    }
  }
}
