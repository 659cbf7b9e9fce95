import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../support/generate-scenario.js';
import { KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS, kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// A by-hand mutation audit of the command line (parse-arguments from line 55, reconcile-command,
// write-chunks, for-each-line, input-file, io-problem) left mutants alive that a user would see:
// a usage line turned into an internal error, a report cut silently at 1 MiB, a warning on
// standard error. Each test here kills one or more of them; each was run against its mutant.
// They run the built kanjo (build first).

const { work, write } = scratchFolder('kanjo-cli-audit-');

describe('a command without its file, or with more than one', () => {
  // Kills `if (path === undefined)` made false (status 70, "The "path" argument must be of
  // type string") and its usage text made "" (a bare "kanjo: ").
  it.each([
    ['run', 'kanjo: usage: kanjo run SCENARIO.json [--format table|json|csv] [--journal OUT.ndjson [--journal-format compact|objects]] [--hledger OUT.journal] [--statements DIR]\n'],
    ['reconcile', 'kanjo: usage: kanjo reconcile JOURNAL.ndjson [--format table|json]\n'],
  ])('kanjo %s: its usage line, status 2', (command, stderr) => {
    expect(kanjo([command])).toEqual({ status: 2, stdout: '', stderr });
  });

  // Kills the ignored files joined with "" instead of ", ": tests only ever passed one extra.
  it('kanjo run a.json b.json c.json names both files it would ignore, comma-separated', () => {
    expect(kanjo(['run', 'a.json', 'b.json', 'c.json'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: one file at a time: "b.json", "c.json" would be ignored (usage: kanjo run SCENARIO.json [--format table|json|csv] [--journal OUT.ndjson [--journal-format compact|objects]] [--hledger OUT.journal] [--statements DIR])\n',
    });
  });
});

describe('kanjo reconcile: its own --format check and a header that is null', () => {
  const headerOnly = write('header-only.ndjson', '{"kanjo_journal":1,"config":{"merchants":[]}}\n');

  // Kills the check made false (the mutant printed the table and exited 0) and its message made "".
  it('--format csv (run has it, reconcile does not) is refused before the journal is read', () => {
    expect(kanjo(['reconcile', headerOnly, '--format', 'csv'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --format must be table or json, not csv\n' });
  });

  // Kills `header === null ||` dropped: reading null's config was an internal error, status 70.
  it('a first line of null is no header: status 2, the header line, never an internal error', () => {
    expect(kanjo(['reconcile', '-'], 'null\n')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: standard input does not start with a Kanjo journal header ({"kanjo_journal":2,"config":…} or {"kanjo_journal":1,"config":…})\n',
    });
  });
});

describe('an operating-system error without words of its own', () => {
  // Kills `words === undefined ? code :` dropped, which wrote "undefined (ELOOP)".
  it('a symbolic link to itself: "cannot read … ELOOP", for run and reconcile', () => {
    const loop = join(work, 'loop');
    symlinkSync('loop', loop);
    expect(kanjo(['run', loop])).toEqual({ status: 2, stdout: '', stderr: `kanjo: cannot read ${loop}: ELOOP\n` });
    expect(kanjo(['reconcile', loop])).toEqual({ status: 2, stdout: '', stderr: `kanjo: cannot read ${loop}: ELOOP\n` });
  });
});

describe('a report of many MiB, whatever standard input and output are', () => {
  // 6,000 generated payments: a 2 MB scenario and a JSON report of about 13 MiB, written in
  // batches of 1 MiB. `kanjo` (spawnSync) reads standard output through a pipe as fast as it can.
  const scenarioText = JSON.stringify(generateScenario({ payments: 6000, seed: 11 }));
  const scenario = write('six-thousand.json', scenarioText);
  let piped: ReturnType<typeof kanjo>;
  beforeAll(() => {
    piped = kanjo(['run', scenario, '--format', 'json']);
  });

  it('the piped report is whole (the reference for the others)', () => {
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout.length).toBeGreaterThan(12 * 2 ** 20);
    expect(JSON.parse(piped.stdout)).toHaveProperty('records');
  });

  // Kills "wait for a drain after every batch": a file never drains, and the process exited 0
  // with only the first MiB written.
  it('standard output redirected to a file gets the same bytes', () => {
    const path = join(work, 'report.json');
    const output = openSync(path, 'w');
    try {
      const run = spawnSync(process.execPath, [KANJO_CLI, 'run', scenario, '--format', 'json'], { stdio: ['ignore', output, 'pipe'], encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    } finally {
      closeSync(output);
    }
    expect(readFileSync(path, 'utf8') === piped.stdout).toBe(true);
  });

  // Kills any one of the drain, error and close listeners left on the stream after its batch:
  // past ten batches that each waited, Node wrote a MaxListenersExceededWarning to standard error.
  it('a reader that waits a second before reading: the same bytes and nothing on standard error', async () => {
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done, fail) => {
      const child = spawn(process.execPath, [KANJO_CLI, 'run', scenario, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      setTimeout(() => child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk)), 1000);
      child.on('error', fail);
      child.on('close', (status) => done({ status, stdout: Buffer.concat(stdout).toString('utf8'), stderr }));
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout === piped.stdout).toBe(true);
  });

  // Kills standard input's buffer never grown past its first 64 KiB ("Unterminated string").
  it('the scenario on standard input (run -) gives the report of the file', () => {
    const fromInput = kanjo(['run', '-', '--format', 'json'], scenarioText);
    expect({ status: fromInput.status, stderr: fromInput.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fromInput.stdout === piped.stdout).toBe(true);
  });
});
