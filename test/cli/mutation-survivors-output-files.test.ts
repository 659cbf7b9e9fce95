import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS } from '../support/kanjo-cli.js';
import { marketplaceMerchants, splitDetails, yenPayment } from '../support/marketplace-scenario.js';
import { AS_NOBODY, readOnlyJournalFolder } from '../support/read-only-journal.js';
import { scratchFolder } from '../support/scratch-folder.js';

// A by-hand mutation audit of packages/ledger/src/cli/output-files.ts (the exports written whole
// or not at all) left mutants alive that a user would see: a run that gives up on leftover
// temporary files differently, a statements folder spelt with ".." refused, a journal left
// behind by a run that failed, one error message for another. Each test here kills the mutants
// named above it; each was run against them. It also found a bug, fixed with it: the end of a
// chain of exactly 40 symbolic links was written in place, not whole or not at all (the
// chain's tests say which is which). They run the built kanjo (build first).

const { work, write } = scratchFolder('kanjo-output-files-');

const scenario = write('scenario.json', JSON.stringify({
  merchants: marketplaceMerchants(['pm1']),
  commands: [yenPayment('pay_0', 1000, splitDetails(['pm1', 1000, 100]))],
}));

const JOURNAL_START = /^\{"kanjo_journal":2,/;

/** A new empty folder of the scratch folder. */
function folder(name: string): string {
  const directory = join(work, name);
  mkdirSync(directory);
  return directory;
}

/** Runs `kanjo ARGS…` in `cwd`. */
function kanjoIn(cwd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [KANJO_CLI, ...args], { cwd, encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
  return { status, stdout, stderr };
}

/**
 * Runs `kanjo run SCENARIO --format json --journal j` in `cwd` after making the leftover temporary
 * files `.j.kanjo-PID-0.tmp` … `.j.kanjo-PID-(count-1).tmp` of an earlier run with its process id
 * (`exec` keeps the shell's process id, so $$ is the one kanjo will have).
 */
function runAfterLeftovers(cwd: string, count: number): { status: number | null; stderr: string } {
  const script = `i=0; while [ $i -lt ${count} ]; do : > ".j.kanjo-$$-$i.tmp"; i=$((i+1)); done; exec "${process.execPath}" "${KANJO_CLI}" run "${scenario}" --format json --journal j > /dev/null`;
  const { status, stderr } = spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
  return { status, stderr };
}

describe('leftover temporary files of an earlier run with the same process id', () => {
  // Kills openTemporary's `attempt >= 100` → `attempt > 100`, `attempt++` → `attempt--`, `||` → `&&`
  // and `attempt >= 100` → false (each went on past the 101st name and wrote the journal, exit 0);
  // write's `this.#next++` → `this.#next--` (N counted down, so the second name, `.j.kanjo-PID--1.tmp`,
  // was free, exit 0); and write's `code === 'ENOENT' &&` made true (exit 2, but "cannot write j:
  // FOLDER takes no new file: file exists (EEXIST)", of a folder that takes new files).
  it('100 leftovers: the 101st name is free and the journal is written; 101: exit 2, the leftovers named, nothing written or removed', () => {
    const hundred = folder('hundred-leftovers');
    expect(runAfterLeftovers(hundred, 100)).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(join(hundred, 'j'), 'utf8')).toMatch(JOURNAL_START);
    expect(readdirSync(hundred).filter((file) => file !== 'j').every((file) => /^\.j\.kanjo-\d+-\d+\.tmp$/.test(file))).toBe(true);
    expect(readdirSync(hundred)).toHaveLength(101);

    const more = folder('hundred-and-one-leftovers');
    // Named as leftovers since review 270 (it was "file exists (EEXIST)", of a file not there).
    const refused = runAfterLeftovers(more, 101);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^kanjo: cannot write j: the 101 hidden names tried beside it \(the last \.j\.kanjo-(\d+)-100\.tmp\) are all taken, by files that stopped runs with process id \1 left: delete them\n$/);
    const left = readdirSync(more);
    expect(left).toHaveLength(101);
    expect(left.every((file) => /^\.j\.kanjo-\d+-\d+\.tmp$/.test(file) && readFileSync(join(more, file), 'utf8') === '')).toBe(true);
  });
});

describe('the temporary name is not a name the user may have', () => {
  // Kills openTemporary's suffix `.kanjo-${process.pid}-${next()}.tmp` made "": the temporary file
  // was `.j`, the user's own hidden file beside j, and the run failed: exit 2, "cannot write j:
  // file exists (EEXIST)".
  it('--journal j beside a hidden file .j: exit 0, j written, .j as it was', () => {
    const directory = folder('hidden-beside');
    writeFileSync(join(directory, '.j'), 'mine\n');
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--journal', 'j'])).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(directory, 'j'), 'utf8')).toMatch(JOURNAL_START);
    expect(readFileSync(join(directory, '.j'), 'utf8')).toBe('mine\n');
    expect(readdirSync(directory).sort()).toEqual(['.j', 'j']);
  });
});

describe('a statements folder named through ".."', () => {
  // Kills makeFolder's `missing.length === 0 &&` made true: the folder `new/sub/..` (that is, `new`)
  // was made, then stat of `new/sub/..` failed (there is no new/sub): exit 2, "cannot write
  // new/sub/..: no such file or directory (ENOENT)", and the folder removed again.
  it('--statements new/sub/.. makes new and writes the statements there', () => {
    const directory = folder('dot-dot-statements');
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--statements', 'new/sub/..'])).toMatchObject({ status: 0, stderr: '' });
    expect(readdirSync(directory)).toEqual(['new']);
    expect(readdirSync(join(directory, 'new')).sort()).toEqual(['mart.csv', 'pm1.csv']);
  });
});

describe('an export whose name is too long, after one that can be written', () => {
  // Kills replaceableTarget's `code !== 'ENOENT'` made false: the 256-byte name (stat says
  // ENAMETOOLONG) was taken for a new file, its temporary name shortened, and it failed only at
  // its rename, once the journal had already replaced the old one (the same message, exit 2).
  it('--journal j --hledger NAME of 256 bytes: exit 2, and j is the old journal', () => {
    const directory = folder('name-too-long');
    writeFileSync(join(directory, 'j'), 'old journal\n');
    const long = 'x'.repeat(256);
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--journal', 'j', '--hledger', long])).toEqual({
      status: 2, stdout: '', stderr: `kanjo: cannot write ${long}: file name too long (ENAMETOOLONG)\n`,
    });
    expect(readFileSync(join(directory, 'j'), 'utf8')).toBe('old journal\n');
    expect(readdirSync(directory)).toEqual(['j']);
  });
});

describe('two exports into one missing folder, one named through a link to its parent', () => {
  // Kills realFolder's `parent === folder ? absolute(folder) :` made true, and `===` → `!==`: a
  // missing folder was taken by its spelling (L/a) instead of by the real path of the folder
  // above it (R/a), so the two were not seen as one file, and the run failed later on the
  // missing folder: exit 2, "cannot write L/a/x: no such file or directory (ENOENT)".
  it('--journal L/a/x --hledger R/a/x, L a link to R, a missing: the same file, exit 2, nothing made', () => {
    const directory = folder('link-to-parent');
    mkdirSync(join(directory, 'R'));
    symlinkSync('R', join(directory, 'L'));
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--journal', 'L/a/x', '--hledger', 'R/a/x'])).toEqual({
      status: 2, stdout: '', stderr: 'kanjo: --journal L/a/x and --hledger R/a/x are the same file: write each export to its own file\n',
    });
    expect(readdirSync(directory).sort()).toEqual(['L', 'R']);
    expect(readdirSync(join(directory, 'R'))).toEqual([]);
  });
});

describe('many statements', () => {
  // Kills write's `closeSync(file)` removed: each statement's temporary file stayed open, and with
  // 101 statements under `ulimit -n 64` the run failed: exit 2, "cannot write st: too many open
  // files (EMFILE)".
  it('101 statements with at most 64 open files: exit 0, every statement written', () => {
    const directory = folder('many-statements');
    const payouts = Array.from({ length: 100 }, (_, index) => `p${String(index).padStart(3, '0')}`);
    const many = write('many.json', JSON.stringify({ merchants: marketplaceMerchants(payouts), commands: [] }));
    const run = spawnSync('sh', ['-c', `ulimit -n 64; exec "${process.execPath}" "${KANJO_CLI}" run "${many}" --format json --statements st > /dev/null`], { cwd: directory, encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readdirSync(join(directory, 'st')).sort()).toEqual(['mart.csv', ...payouts.map((id) => `${id}.csv`)]);
  });
});

describe('an export whose rename fails, once the statements made a folder of its name', () => {
  // Kills commit's message `cannot write ${name}: …` on a failed rename made "" (exit 2 with a bare
  // "kanjo: "). The journal `st` is a new file when it is written; the statements folder st/sub
  // then makes st a folder, and the journal's rename onto it fails.
  it('--journal st --statements st/sub: exit 2, "it is a directory", and the folders made are removed', () => {
    const directory = folder('rename-onto-folder');
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--journal', 'st', '--statements', 'st/sub'])).toEqual({
      status: 2, stdout: '', stderr: 'kanjo: cannot write st: it is a directory (EISDIR)\n',
    });
    expect(readdirSync(directory)).toEqual([]);
  });
});

describe('a file written in place that cannot be written either', () => {
  // Kills commit's message `cannot write ${pending.name}: …` for a file written in place made ""
  // (exit 2 with a bare "kanjo: "). No temporary file can be made in a folder that may not be
  // written (EACCES), so the journal is to be written in place, and it is read-only too.
  it('a read-only journal in a read-only folder: exit 2, "permission denied", the journal as it was', () => {
    const directory = folder('read-only-everything');
    const { locked, journal } = readOnlyJournalFolder(directory, 0o444);
    chmodSync(work, 0o755);
    chmodSync(directory, 0o755);
    chmodSync(scenario, 0o644);
    const run = spawnSync(process.execPath, [KANJO_CLI, 'run', scenario, '--format', 'json', '--journal', journal], { encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS, ...AS_NOBODY });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 2, stdout: '', stderr: `kanjo: cannot write ${journal}: permission denied (EACCES)\n` });
    expect(readFileSync(journal, 'utf8')).toBe('old journal\n');
    expect(readdirSync(locked)).toEqual(['journal.ndjson']);
  });
});

describe('a statements folder by a relative path, in a working folder removed', () => {
  // Kills absolute()'s catch emptied (it gave undefined instead of refusing): with no merchant
  // there is no statement file for the overlap check to refuse first, so makeFolder met the
  // removed working folder itself, and said "cannot write ../st: ERR_INVALID_ARG_TYPE".
  it('a scenario without merchants, --statements ../st from a removed folder: exit 2, "cannot tell which file", nothing made', () => {
    const directory = folder('removed-working-folder');
    mkdirSync(join(directory, 'here'));
    mkdirSync(join(directory, 'st'));
    const empty = write('no-merchants.json', JSON.stringify({ merchants: [], commands: [] }));
    const run = spawnSync('sh', ['-c', `cd here && rmdir ../here && exec "${process.execPath}" "${KANJO_CLI}" run "${empty}" --format json --statements ../st`], { cwd: directory, encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2, stdout: '', stderr: 'kanjo: cannot tell which file ../st is: the working folder no longer exists; give an absolute path, or run kanjo from a folder that exists\n',
    });
    expect(readdirSync(directory)).toEqual(['st']);
    expect(readdirSync(join(directory, 'st'))).toEqual([]);
  });
});

describe('a chain of symbolic links to nothing yet: 40 (the most Linux follows), then 41', () => {
  /** Makes l0 → l1 → … → l{count} (not there) in a new folder and returns the folder. */
  function chain(name: string, count: number): string {
    const directory = folder(name);
    for (let index = 0; index < count; index += 1) symlinkSync(`l${index + 1}`, join(directory, `l${index}`));
    return directory;
  }
  const onlyLinks = (directory: string): boolean => readdirSync(directory).every((file) => lstatSync(join(directory, file)).isSymbolicLink());

  it('--journal l0 through 40 links: exit 0, l40 is the journal, the links stay links', () => {
    const directory = chain('forty-links', 40);
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--journal', 'l0'])).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(directory, 'l40'), 'utf8')).toMatch(JOURNAL_START);
    expect(readdirSync(directory)).toHaveLength(41);
    expect(readdirSync(directory).filter((file) => file !== 'l40').every((file) => lstatSync(join(directory, file)).isSymbolicLink())).toBe(true);
  });

  // fileToCreate stopped one link short (`links < 40`): the end of a chain of exactly 40 was
  // written directly, so a later export that failed left l40 created, holding the journal.
  // Fixed to `<=`; this fails on the old bound.
  it('--journal l0 through 40 links and an --hledger that cannot be written: exit 2, l40 not created', () => {
    const directory = chain('forty-links-then-failure', 40);
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--journal', 'l0', '--hledger', 'missing/h.journal'])).toEqual({
      status: 2, stdout: '', stderr: 'kanjo: cannot write missing/h.journal: the folder missing does not exist (make it first; only --statements makes its folder): no such file or directory (ENOENT)\n',
    });
    expect(readdirSync(directory)).toHaveLength(40);
    expect(onlyLinks(directory)).toBe(true);
  });

  // One link more than the system follows: stat itself fails as ELOOP, and that is the error
  // written; fileToCreate (which counts only the links it walks) is not asked. With the bound
  // fixed, `created === undefined` in replaceableTarget is defensive: a path stat finds missing
  // (ENOENT) is at the end of at most 40 links, which fileToCreate walks to the end.
  it('--journal l0 through 41 links: exit 2, "ELOOP", nothing created', () => {
    const directory = chain('forty-one-links', 41);
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--journal', 'l0'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: cannot write l0: ELOOP\n' });
    expect(readdirSync(directory)).toHaveLength(41);
    expect(onlyLinks(directory)).toBe(true);
  });
});

describe('a relative symbolic link to nothing yet, in another folder than the working one', () => {
  // Kills fileToCreate's `isAbsolute(link) ? link :` made true: the link's text `target` was read
  // from the working folder instead of the link's own folder, and the journal was written to
  // ./target (exit 0), leaving sub/link pointing at nothing. Kills too the link's folder and text
  // joined (`${realFolder(…)}${sep}${link}`) made "": the target became the working folder itself,
  // and the run failed with "cannot write sub/link: it is a directory (EISDIR)".
  it('--journal sub/link, sub/link → target: exit 0, sub/target is the journal, nothing else is made', () => {
    const directory = folder('relative-link-elsewhere');
    mkdirSync(join(directory, 'sub'));
    symlinkSync('target', join(directory, 'sub', 'link'));
    expect(kanjoIn(directory, ['run', scenario, '--format', 'json', '--journal', 'sub/link'])).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(directory, 'sub', 'target'), 'utf8')).toMatch(JOURNAL_START);
    expect(lstatSync(join(directory, 'sub', 'link')).isSymbolicLink()).toBe(true);
    expect(readdirSync(directory)).toEqual(['sub']);
    expect(readdirSync(join(directory, 'sub')).sort()).toEqual(['link', 'target']);
  });
});

describe('an export through a loop of symbolic links', () => {
  // Kills fileToCreate's `links++` → `links--`: the loop of links was followed for ever, and the
  // run hung (killed here after 20 seconds, status null) instead of failing at once.
  it('--journal loop, loop → loop: exit 2, "ELOOP", the link as it was', () => {
    const directory = folder('link-loop');
    symlinkSync('loop', join(directory, 'loop'));
    const run = spawnSync(process.execPath, [KANJO_CLI, 'run', scenario, '--format', 'json', '--journal', 'loop'], { cwd: directory, encoding: 'utf8', timeout: 20_000 });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 2, stdout: '', stderr: 'kanjo: cannot write loop: ELOOP\n' });
    expect(readdirSync(directory)).toEqual(['loop']);
  });
});
