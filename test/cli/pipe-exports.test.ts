import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kanjo, KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS } from '../support/kanjo-cli.js';

// An export written into a pipe that the run itself reads or writes: `cat s.json | kanjo run -
// --journal /dev/stdin` wrote the journal back into kanjo's own input (lost for a small one, a
// run that never ended once the pipe was full), and `--journal /dev/stdout | gzip` mixed the
// journal with the report. A pipe has no path to compare, so the check compares what the file
// system says it is (device and inode), as it does for a regular file.

const EXAMPLE = fileURLToPath(new URL('../../packages/ledger/examples/payout-run.json', import.meta.url));
const scenarioText = readFileSync(EXAMPLE, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'kanjo-pipe-exports-'));
const scenario = join(work, 'scenario.json');
writeFileSync(scenario, scenarioText);

/** Runs `sh -c SCRIPT` with `$K` the command line and `$S` the scenario, in the work folder. */
function shell(script: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('sh', ['-c', script], {
    cwd: work, encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS,
    env: { ...process.env, K: `${process.execPath} ${KANJO_CLI}`, S: scenario },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('an export into a pipe the run reads or writes is refused before anything is written', () => {
  it('--journal, --hledger or --statements /dev/stdin while the scenario comes through that pipe: status 2, one line, nothing written', () => {
    for (const option of ['--journal', '--hledger', '--statements']) {
      // spawnSync's input is a pipe on standard input.
      expect(kanjo(['run', '-', option, '/dev/stdin'], scenarioText)).toEqual({
        status: 2, stdout: '',
        stderr: `kanjo: ${option} /dev/stdin is the pipe the scenario comes through: write the export to another file\n`,
      });
    }
  });

  it('an export into the pipe standard output goes to: status 2, and the report is not written either', () => {
    // spawnSync's standard output is a pipe.
    expect(kanjo(['run', scenario, '--journal', '/dev/stdout'])).toEqual({
      status: 2, stdout: '',
      stderr: 'kanjo: --journal /dev/stdout is standard output too: write the export to another file\n',
    });
  });

  it('two exports into one named pipe: status 2 before either is opened (no reader is needed to see it)', () => {
    expect(shell('mkfifo fifo-twice && $K run "$S" --journal fifo-twice --hledger fifo-twice')).toEqual({
      status: 2, stdout: '',
      stderr: 'kanjo: --journal fifo-twice and --hledger fifo-twice are the same file: write each export to its own file\n',
    });
  });

  it('a named pipe that is the scenario and an export: status 2, the scenario read from it is not written back', () => {
    // Refused before the pipe is opened: the writer waits for a reader, which the script then is.
    const outcome = shell('mkfifo fifo-in && { cat "$S" > fifo-in & } && $K run fifo-in --journal fifo-in; status=$?; cat fifo-in > /dev/null; wait; exit $status');
    expect(outcome).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --journal fifo-in is the pipe the scenario comes through: write the export to another file\n' });
  });
});

describe('pipes and devices the run does not use are written as before', () => {
  it('the journal into a named pipe another process reads is the journal a file gets', () => {
    const file = kanjo(['run', scenario, '--journal', join(work, 'journal.ndjson')]);
    expect(file.status).toBe(0);
    const outcome = shell('mkfifo fifo-out && { cat fifo-out > from-fifo.ndjson & } && $K run "$S" --journal fifo-out; status=$?; wait; exit $status');
    expect(outcome).toEqual(file);
    expect(readFileSync(join(work, 'from-fifo.ndjson'), 'utf8')).toBe(readFileSync(join(work, 'journal.ndjson'), 'utf8'));
  });

  it('/dev/null named by two exports, and standard output sent to /dev/null with an export there: status 0', () => {
    expect(shell('$K run "$S" --journal /dev/null --hledger /dev/null')).toMatchObject({ status: 0, stderr: '' });
    expect(shell('$K run "$S" --journal /dev/stdout > /dev/null')).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(existsSync(join(work, 'null'))).toBe(false);
  });
});
