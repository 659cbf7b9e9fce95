import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFiles } from '../../packages/ledger/src/cli/output-files.js';
import { KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS } from '../support/kanjo-cli.js';
import { marketplaceMerchants, splitDetails, yenPayment } from '../support/marketplace-scenario.js';
import { AS_NOBODY, readOnlyJournalFolder } from '../support/read-only-journal.js';
import { scratchFolder } from '../support/scratch-folder.js';

// The exports are written whole or not at all (ledger README), but a rename that failed at the
// end left the exports renamed before it in place: `--journal j.ndjson --hledger h.journal` in
// a folder such as /tmp, where h.journal was another user's, exited 2 with the journal already
// replaced (review 265). Each file replaced is now kept aside (a second name of it) until every
// rename is done, and put back when one fails.

const { work, write } = scratchFolder('kanjo-put-back-');

/** A new folder of the scratch folder holding `files` (name → content). */
function folderWith(name: string, files: Record<string, string>): string {
  const folder = join(work, name);
  mkdirSync(folder);
  for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), content);
  return folder;
}

/** Turns the file `path` into a folder that is not empty, after its export was written: renaming a file over it fails. */
function becomesFolder(path: string): void {
  rmSync(path);
  mkdirSync(path);
  writeFileSync(join(path, 'inside'), 'x');
}

describe('OutputFiles.commit: a rename that fails puts back every export renamed before it', () => {
  it('the journal renamed first is put back when the hledger export cannot be renamed, and nothing is left beside them', () => {
    const folder = folderWith('second-fails', { 'j.ndjson': 'old journal\n', 'h.journal': 'old hledger\n' });
    const outputs = new OutputFiles();
    outputs.write(join(folder, 'j.ndjson'), ['new journal\n']);
    outputs.write(join(folder, 'h.journal'), ['new hledger\n']);
    becomesFolder(join(folder, 'h.journal'));
    expect(() => outputs.commit()).toThrow(`cannot write ${join(folder, 'h.journal')}: `);
    outputs.discard();
    expect(readFileSync(join(folder, 'j.ndjson'), 'utf8')).toBe('old journal\n');
    expect(readdirSync(folder).sort()).toEqual(['h.journal', 'j.ndjson']);
  });

  it('an export that named nothing before is removed again, and a statement folder made for the run with it', () => {
    const folder = folderWith('new-then-fails', { 'h.journal': 'old hledger\n' });
    const outputs = new OutputFiles();
    outputs.makeFolder(join(folder, 'statements'));
    outputs.write(join(folder, 'statements', 'mart.csv'), ['new statement\n']);
    outputs.write(join(folder, 'j.ndjson'), ['new journal\n']);
    outputs.write(join(folder, 'h.journal'), ['new hledger\n']);
    becomesFolder(join(folder, 'h.journal'));
    expect(() => outputs.commit()).toThrow(`cannot write ${join(folder, 'h.journal')}: `);
    outputs.discard();
    expect(readdirSync(folder)).toEqual(['h.journal']);
  });

  it('a run that succeeds replaces each file and leaves no file kept aside; another name of the old file keeps the old content', () => {
    const folder = folderWith('succeeds', { 'j.ndjson': 'old journal\n', 'h.journal': 'old hledger\n' });
    linkSync(join(folder, 'j.ndjson'), join(folder, 'backup-of-j'));
    const outputs = new OutputFiles();
    outputs.write(join(folder, 'j.ndjson'), ['new journal\n']);
    outputs.write(join(folder, 'h.journal'), ['new hledger\n']);
    outputs.commit();
    expect(readFileSync(join(folder, 'j.ndjson'), 'utf8')).toBe('new journal\n');
    expect(readFileSync(join(folder, 'h.journal'), 'utf8')).toBe('new hledger\n');
    expect(readFileSync(join(folder, 'backup-of-j'), 'utf8')).toBe('old journal\n');
    expect(readdirSync(folder).sort()).toEqual(['backup-of-j', 'h.journal', 'j.ndjson']);
  });
});

// The case review 265 found, through the built kanjo: a folder anyone may write to with the
// sticky bit (as /tmp), where only a file's owner may replace it. It needs two users, so the
// tests make it as root and run kanjo as nobody; run as another user they cannot make another
// user's file, and prove nothing.
const isRoot = process.getuid?.() === 0;
describe.runIf(isRoot)('kanjo run in a sticky folder, the hledger file another user\'s (as root, kanjo as nobody)', () => {
  const scenario = write('scenario.json', JSON.stringify({ merchants: marketplaceMerchants(['pm1']), commands: [yenPayment('pay_0', 1000, splitDetails(['pm1', 1000, 100]))] }));
  chmodSync(work, 0o755);
  chmodSync(scenario, 0o644);

  // Mode 666 (review 266): nobody may then make a second name of root's file, which the sticky
  // bit would not let it remove again, a leftover only root could delete.
  it.each([['644', 0o644], ['666', 0o666]])('mode %s: exits 2 naming the hledger file, the journal it had renamed is put back, and nothing is left beside them', (name, mode) => {
    const sticky = folderWith(`sticky-${name}`, { 'j.ndjson': 'old journal\n', 'h.journal': 'old hledger\n' });
    chmodSync(sticky, 0o1777);
    chmodSync(join(sticky, 'h.journal'), mode);
    chownSync(join(sticky, 'j.ndjson'), 65534, 65534);
    const run = spawnSync(process.execPath, [KANJO_CLI, 'run', scenario, '--format', 'csv', '--journal', join(sticky, 'j.ndjson'), '--hledger', join(sticky, 'h.journal')], {
      encoding: 'utf8',
      timeout: KANJO_PROCESS_TIMEOUT_MS,
      uid: 65534,
      gid: 65534,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`kanjo: cannot write ${join(sticky, 'h.journal')}: operation not permitted (EPERM)\n`);
    expect(readFileSync(join(sticky, 'j.ndjson'), 'utf8')).toBe('old journal\n');
    expect(readFileSync(join(sticky, 'h.journal'), 'utf8')).toBe('old hledger\n');
    expect(readdirSync(sticky).sort()).toEqual(['h.journal', 'j.ndjson']);
  });
});

describe('a file in a folder that may not be written, which may not be written either', () => {
  // Review 266: it was taken for one to write in place at the end, so `--journal` written in
  // place before it stayed new when it failed. It is refused before anything is written.
  it('is refused at once: the journal written in place in another such folder stays as it was', () => {
    const directory = join(work, 'two-locked');
    mkdirSync(join(directory, 'a'), { recursive: true });
    mkdirSync(join(directory, 'b'));
    const writable = readOnlyJournalFolder(join(directory, 'a'), 0o666);
    const unwritable = readOnlyJournalFolder(join(directory, 'b'), 0o444);
    chmodSync(work, 0o755);
    const scenario = write('two-locked.json', JSON.stringify({ merchants: marketplaceMerchants(['pm1']), commands: [yenPayment('pay_0', 1000, splitDetails(['pm1', 1000, 100]))] }));
    chmodSync(scenario, 0o644);
    const run = spawnSync(process.execPath, [KANJO_CLI, 'run', scenario, '--format', 'csv', '--journal', writable.journal, '--hledger', unwritable.journal], {
      encoding: 'utf8',
      timeout: KANJO_PROCESS_TIMEOUT_MS,
      ...AS_NOBODY,
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: `kanjo: cannot write ${unwritable.journal}: permission denied (EACCES)\n` });
    expect(readFileSync(writable.journal, 'utf8')).toBe('old journal\n');
    expect(readFileSync(unwritable.journal, 'utf8')).toBe('old journal\n');
  });
});

// Review 270: a run stopped before its exports were put in place leaves its temporary file, and
// a container's kanjo often has the same process id each time. With 101 such leftovers the run
// was refused "cannot write j.ndjson: file exists (EEXIST)" of a journal that did not exist.
describe('hidden names beside an export all taken by leftovers of stopped runs', () => {
  /** Leaves `.NAME.kanjo-PID-N.EXTENSION` for N in `numbers` in `folder`, as stopped runs of this process id would. */
  function leftovers(folder: string, name: string, extension: string, numbers: readonly number[]): void {
    for (const number of numbers) writeFileSync(join(folder, `.${name}.kanjo-${process.pid}-${number}${extension}`), 'left\n');
  }
  const everyName = Array.from({ length: 101 }, (_, number) => number);

  it('a temporary file: the run is refused naming the leftovers, for a new export and for one that replaces a file', () => {
    const folder = folderWith('temporaries-taken', { 'h.journal': 'old hledger\n' });
    leftovers(folder, 'j.ndjson', '.tmp', everyName);
    leftovers(folder, 'h.journal', '.tmp', everyName.map((number) => number + 101));
    const outputs = new OutputFiles();
    const problem = (name: string, last: number) => `cannot write ${join(folder, name)}: the 101 hidden names tried beside it (the last .${name}.kanjo-${process.pid}-${last}.tmp) are all taken, by files that stopped runs with process id ${process.pid} left: delete them`;
    expect(() => outputs.write(join(folder, 'j.ndjson'), ['new journal\n'])).toThrow(problem('j.ndjson', 100));
    expect(() => outputs.write(join(folder, 'h.journal'), ['new hledger\n'])).toThrow(problem('h.journal', 201));
    outputs.discard();
    expect(readdirSync(folder).filter((name) => !name.startsWith('.'))).toEqual(['h.journal']);
  });

  it('a file kept aside at commit: the run is refused naming the leftovers, and the export renamed before it put back', () => {
    const folder = folderWith('kept-taken', { 'j.ndjson': 'old journal\n', 'h.journal': 'old hledger\n' });
    const outputs = new OutputFiles();
    outputs.write(join(folder, 'j.ndjson'), ['new journal\n']);
    outputs.write(join(folder, 'h.journal'), ['new hledger\n']);
    // The temporary files took 0 and 1; the journal is kept aside as 2; the hledger file finds 3 to 103 taken.
    leftovers(folder, 'h.journal', '.old', everyName.map((number) => number + 3));
    expect(() => outputs.commit()).toThrow(`cannot write ${join(folder, 'h.journal')}: the 101 hidden names tried beside it (the last .h.journal.kanjo-${process.pid}-103.old) are all taken, by files that stopped runs with process id ${process.pid} left: delete them`);
    outputs.discard();
    expect(readFileSync(join(folder, 'j.ndjson'), 'utf8')).toBe('old journal\n');
    expect(readFileSync(join(folder, 'h.journal'), 'utf8')).toBe('old hledger\n');
    expect(readdirSync(folder).filter((name) => !name.endsWith('.old')).sort()).toEqual(['h.journal', 'j.ndjson']);
  });
});
