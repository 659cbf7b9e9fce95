import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A new, empty folder of the system's temporary folder (its name starts with `prefix`) and a
 * function that writes a file there and returns the file's path: the input files of a test
 * that runs the built `kanjo`.
 */
export function scratchFolder(prefix: string): { readonly work: string; readonly write: (name: string, content: string) => string } {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const write = (name: string, content: string): string => {
    const path = join(work, name);
    writeFileSync(path, content);
    return path;
  };
  return { work, write };
}
