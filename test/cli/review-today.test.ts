import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kanjo, KANJO_CLI } from '../support/kanjo-cli.js';

// Review of 2026-12-02's command-line changes (8d514b0..53b1ec2): `-` as standard input, the
// option problems collected and reported after unknown options, `-h`, `--version`, `--`, the
// warnings held back until a run succeeds, the statements folder in the overlap check.

const EXAMPLE = fileURLToPath(new URL('../../packages/ledger/examples/payout-run.json', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kanjo-review-today-'));
const scenarioText = readFileSync(EXAMPLE, 'utf8');

/** Runs `kanjo ARGS…` through sh with standard input from `stdinFile` (or `<&-`: closed). */
function kanjoWithStdin(args: readonly string[], redirect: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('sh', ['-c', `exec "$0" "$@" ${redirect}`, process.execPath, KANJO_CLI, ...args], { encoding: 'utf8', cwd: work });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the file - is standard input: what kanjo run - and kanjo reconcile - do with odd inputs', () => {
  const scenario = join(work, 'scenario.json');
  writeFileSync(scenario, scenarioText);
  const expected = kanjo(['run', scenario, '--format', 'json']);

  it('run - reads a regular file on standard input as run FILE does', () => {
    expect(expected.status).toBe(0);
    expect(kanjoWithStdin(['run', '-', '--format', 'json'], `< ${JSON.stringify(scenario)}`)).toEqual(expected);
  });

  it('run - and reconcile - with standard input closed: one line, exit 2, no file made', () => {
    const journal = join(work, 'closed.ndjson');
    expect(kanjoWithStdin(['run', '-', '--journal', journal], '<&-')).toEqual({ status: 2, stdout: '', stderr: 'kanjo: standard input is not valid JSON: it is empty\n' });
    expect(existsSync(journal)).toBe(false);
    expect(kanjoWithStdin(['reconcile', '-'], '<&-')).toEqual({ status: 2, stdout: '', stderr: 'kanjo: standard input is empty: a Kanjo journal starts with its header line\n' });
  });

  it('run - and reconcile - with a folder on standard input: "cannot read standard input", exit 2', () => {
    expect(kanjoWithStdin(['run', '-'], `< ${JSON.stringify(work)}`)).toEqual({ status: 2, stdout: '', stderr: 'kanjo: cannot read standard input: it is a directory (EISDIR)\n' });
    expect(kanjoWithStdin(['reconcile', '-'], `< ${JSON.stringify(work)}`)).toEqual({ status: 2, stdout: '', stderr: 'kanjo: cannot read standard input: it is a directory (EISDIR)\n' });
  });

  it('run - refuses an export (--journal, --hledger, --statements) naming the file on standard input, which stays as it was', () => {
    for (const option of ['--journal', '--hledger', '--statements']) {
      const copy = join(work, `stdin-target${option}.json`);
      copyFileSync(scenario, copy);
      const run = kanjoWithStdin(['run', '-', option, copy], `< ${JSON.stringify(copy)}`);
      expect(run).toEqual({ status: 2, stdout: '', stderr: `kanjo: ${option} ${copy} is the scenario file itself: write the export to another file\n` });
      expect(readFileSync(copy, 'utf8')).toBe(scenarioText);
    }
  });

  // Was: an export named - (where many tools write standard output) was written to ./- without a
  // word, so `kanjo run S --journal - && kanjo reconcile -` reconciled standard input, not that
  // journal. Refused now, as an export naming the scenario is; ./- is a file named -.
  it('- as an export is refused (status 2, nothing written); ./- writes a file named -', () => {
    const folder = mkdtempSync(join(work, 'dash-'));
    for (const option of ['--journal', '--hledger', '--statements']) {
      const run = spawnSync(process.execPath, [KANJO_CLI, 'run', scenario, option, '-', '--format', 'json'], { encoding: 'utf8', cwd: folder });
      expect([run.status, run.stderr, run.stdout]).toEqual([2, `kanjo: ${option} -: the file - is standard input, not a file to write (./- for a file named -)\n`, '']);
    }
    expect(readdirSync(folder)).toEqual([]);
    const named = spawnSync(process.execPath, [KANJO_CLI, 'run', scenario, '--journal', './-', '--format', 'json'], { encoding: 'utf8', cwd: folder });
    expect([named.status, named.stderr, named.stdout]).toEqual([0, '', expected.stdout]);
    expect(readFileSync(join(folder, '-'), 'utf8')).toMatch(/^\{"kanjo_journal":2,"entries":8,/);
  });

  it('after --, - is standard input still (cat -- - reads standard input too)', () => {
    expect(kanjoWithStdin(['run', '--format', 'json', '--', '-'], `< ${JSON.stringify(scenario)}`)).toEqual(expected);
  });

  /**
   * Standard input shared with a FIFO opened O_NONBLOCK whose writer is still open but has
   * written only part of the file: `kanjo` must wait for the rest, as it does through
   * `/dev/stdin` (opened anew, a blocking descriptor). Returns whether kanjo exited before the
   * rest was written, then its result.
   */
  async function nonBlockingStdin(args: readonly string[], text: string): Promise<{ exitedEarly: boolean; status: number | null; stdout: string; stderr: string }> {
    const fifo = join(work, `fifo-${Math.random().toString(36).slice(2)}`);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY);
    writeSync(writer, text.slice(0, 200));
    // fd 3 of sh is the reader; `<&3` makes it kanjo's standard input (one open file description,
    // non-blocking, as a parent that set O_NONBLOCK on a shared pipe or terminal leaves it).
    const child = spawn('sh', ['-c', 'exec "$0" "$@" <&3', process.execPath, KANJO_CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe', reader] });
    closeSync(reader);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    const early = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 4000))]);
    try {
      writeSync(writer, text.slice(200));
    } catch {
      // EPIPE: kanjo has gone, no reader left.
    }
    closeSync(writer);
    const status = await exited;
    return { exitedEarly: early, status, stdout, stderr };
  }

  it('control: run /dev/stdin on a non-blocking FIFO waits for the writer and succeeds (as it did before -)', async () => {
    const run = await nonBlockingStdin(['run', '/dev/stdin', '--format', 'json'], scenarioText);
    expect(run).toEqual({ exitedEarly: false, status: 0, stdout: expected.stdout, stderr: '' });
  }, 20_000);

  // Was: input-file.ts read `-` from descriptor 0 as it is; readFileSync(0) and readSync(0) on a
  // non-blocking descriptor with no data yet threw EAGAIN, reported as "cannot read standard
  // input: EAGAIN" (exit 2) while the writer was still writing (after the first 200 bytes here:
  // readFileSync had consumed them). Standard input is now opened again as /dev/stdin on EAGAIN.
  it('run - on a non-blocking standard input waits for the rest of the file, the bytes read before kept', async () => {
    const run = await nonBlockingStdin(['run', '-', '--format', 'json'], scenarioText);
    expect(run).toEqual({ exitedEarly: false, status: 0, stdout: expected.stdout, stderr: '' });
  }, 20_000);

  it('reconcile - on a non-blocking standard input waits for the rest of the journal, the bytes read before kept', async () => {
    const journal = join(work, 'for-reconcile.ndjson');
    expect(kanjo(['run', scenario, '--journal', journal]).status).toBe(0);
    const whole = kanjo(['reconcile', journal, '--format', 'json']);
    const run = await nonBlockingStdin(['reconcile', '-', '--format', 'json'], readFileSync(journal, 'utf8'));
    expect(run).toEqual({ exitedEarly: false, status: 0, stdout: whole.stdout, stderr: '' });
  }, 20_000);
});

describe('argument lists: what changed for lists that ran before', () => {
  const scenario = join(work, 'args.json');
  writeFileSync(scenario, scenarioText);
  const json = kanjo(['run', scenario, '--format', 'json']);

  it('the lists 8d514b0 ran with exit 0 run the same now (each option once, no -, -h or --)', () => {
    const journal = join(work, 'args.ndjson');
    for (const args of [
      ['run', scenario, '--format', 'json'],
      ['run', '--format', 'json', scenario],
      ['run', '--format=json', scenario, `--journal=${journal}`],
      ['run', scenario, '--journal', journal, '--journal-format', 'objects', '--format', 'json'],
    ]) {
      expect([args, kanjo(args)]).toEqual([args, json]);
    }
  });

  it('given twice, an option that ran before (the same value twice, or the last winning) is now refused, as the README says', () => {
    // 8d514b0: exit 0, the last value kept. A wrapper that appends its own --format to the
    // caller's arguments stops working: a documented change, pinned here as it is.
    expect(kanjo(['run', scenario, '--format', 'json', '--format', 'json'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --format is given twice ("json" and "json"): give it once\n' });
    expect(kanjo(['run', scenario, '--format=table', '--format', 'json'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --format is given twice ("table" and "json"): give it once\n' });
  });

  it('an unknown option is named before a missing value and a repeated option, wherever it is on the line', () => {
    const unknown = 'kanjo: unknown option --jurnal (kanjo run reads --format, --journal, --journal-format, --hledger and --statements)\n';
    expect(kanjo(['run', scenario, '--format', '--format', 'json', '--jurnal', 'x'])).toEqual({ status: 2, stdout: '', stderr: unknown });
    expect(kanjo(['run', scenario, '--format=json', '--format=csv', '--jurnal'])).toEqual({ status: 2, stdout: '', stderr: unknown });
    expect(kanjo(['run', scenario, '--journal', '--jurnal', 'x'])).toEqual({ status: 2, stdout: '', stderr: unknown });
  });

  it('--format without its value then --format json is still "--format needs a value" (the later value does not hide the problem)', () => {
    expect(kanjo(['run', scenario, '--format', '--format', 'json'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --format needs a value\n' });
    expect(kanjo(['run', scenario, '--format=json', '--format'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --format needs a value\n' });
  });

  it('-h and --version print the usage or the version with exit 0 whatever else is wrong on the line, and write no file', () => {
    const journal = join(work, 'help.ndjson');
    const help = kanjo(['--help']);
    expect(help.status).toBe(0);
    for (const args of [['run', scenario, '--journal', journal, '-h'], ['-h', 'run', '--jurnal', '--format'], ['reconcile', '-h', 'a', 'b']]) expect([args, kanjo(args)]).toEqual([args, help]);
    expect(kanjo(['run', scenario, '--journal', journal, '--version'])).toEqual({ status: 0, stdout: 'kanjo 0.1.0\n', stderr: '' });
    expect(existsSync(journal)).toBe(false);
    // A value that is -h is the option's value, not help.
    expect(kanjo(['run', scenario, '--format', '-h'])).toEqual({ status: 2, stdout: '', stderr: 'kanjo: --format must be table, json or csv, not -h\n' });
  });
});

describe('warnings wait for the run to succeed, in the order they had before', () => {
  const scenario = join(work, 'warnings.json');
  const document = JSON.parse(scenarioText) as { merchants: Record<string, unknown>[]; commands: Record<string, unknown>[] } & Record<string, unknown>;
  document['extra1'] = 1;
  (document.merchants[0] as Record<string, unknown>)['colour'] = 'red';
  (document.commands[2] as Record<string, unknown>)['amout'] = 5;
  document.commands.push({ op: 'payment.refund', payment: 'zzz', amount: 1 }, { op: 'payment.refund', payment: 'a', amount: 999999 });
  writeFileSync(scenario, JSON.stringify(document));
  const lines = [
    'kanjo: warning: the file has the field "extra1", which Kanjo does not read: it is ignored',
    'kanjo: warning: merchants[0] has the field "colour", which Kanjo does not read: it is ignored',
    'kanjo: warning: commands[2] (payment.create) has the field "amout", which Kanjo does not read: it is ignored',
    'kanjo: warning: --journal-format has no effect without --journal OUT.ndjson: no journal is written',
  ];
  const rejections = [
    'kanjo: warning: commands[8] (payment.refund) was rejected and changed nothing: payment_not_found: no payment "zzz": check the id',
    'kanjo: warning: commands[9] (payment.refund) was rejected and changed nothing: refund_exceeds_remaining: cannot refund 999999: payment a has 1000 left to refund',
  ];

  it('a run that succeeds says every warning, unknown fields first, then --journal-format, then (csv) the rejections: as 8d514b0 did', () => {
    for (const format of ['json', 'table']) expect(kanjo(['run', scenario, '--format', format, '--journal-format', 'objects']).stderr).toBe(`${lines.join('\n')}\n`);
    expect(kanjo(['run', scenario, '--format', 'csv', '--journal-format', 'objects']).stderr).toBe(`${[...lines, ...rejections].join('\n')}\n`);
  });

  it('a run refused after the scenario was read (an export that cannot be written) says its one line and no warning', () => {
    const run = kanjo(['run', scenario, '--format', 'csv', '--hledger', '/proc/version']);
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'kanjo: cannot write /proc/version: it is replaced whole, through a temporary file beside it, and none can be made there: no such file or directory (ENOENT)\n' });
  });

  it('(doc) a run whose exports are in place but whose standard output cannot be written exits 2 after its warnings: not "one line"', () => {
    // README: "A refused run says that one line and nothing else". > /dev/full is exit 2 with
    // the warnings before the error line: the exports were written, so it is not "refused",
    // but a reader of the exit status alone sees a 2 with seven lines.
    const result = spawnSync('sh', ['-c', 'exec "$0" "$@" > /dev/full', process.execPath, KANJO_CLI, 'run', scenario, '--format', 'csv', '--journal-format', 'objects'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${[...lines, ...rejections, 'kanjo: cannot write standard output: no space left on device (ENOSPC)'].join('\n')}\n`);
  });
});

describe('the statements folder in the overlap check', () => {
  const scenario = join(work, 'folder.json');
  writeFileSync(scenario, scenarioText);

  it('--journal X --statements X (X not there yet) is refused before anything is written, and X is not made', () => {
    const target = join(work, 'not-yet');
    expect(kanjo(['run', scenario, '--journal', target, '--statements', target])).toEqual({ status: 2, stdout: '', stderr: `kanjo: --journal ${target} and --statements ${target} are the same file: write each export to its own file\n` });
    expect(existsSync(target)).toBe(false);
  });

  it('--statements FILE (an existing file, not the scenario) is refused and FILE and an earlier journal stay as they were', () => {
    const file = join(work, 'a-file');
    const journal = join(work, 'earlier.ndjson');
    writeFileSync(file, 'keep');
    writeFileSync(journal, 'earlier');
    expect(kanjo(['run', scenario, '--journal', journal, '--statements', file])).toEqual({ status: 2, stdout: '', stderr: `kanjo: cannot write ${file}: it is not a folder, where a folder was asked for (a missing folder is made)\n` });
    expect([readFileSync(file, 'utf8'), readFileSync(journal, 'utf8')]).toEqual(['keep', 'earlier']);
  });
});
