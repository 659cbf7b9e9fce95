import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kanjo, KANJO_CLI } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// A by-hand mutation audit of the command line (io-problem's words, main and parse-arguments'
// option handling, write-chunks and input-file) left three mutants alive that a user would
// meet: a system error without its words, an export into a named pipe held open until the run
// ends, and a report whose last line break is lost. Each test here kills one of them; each was
// run against its mutant. A fourth found a bug, fixed with standard-output.ts (see the last
// test). They run the built kanjo (build first).

const { work, write } = scratchFolder('kanjo-session35-audit-');

describe('io-problem: an input/output error is said in words', () => {
  // Kills io-problem.ts EIO's words made "XX": the mutant said "cannot read /proc/self/mem: XX
  // (EIO)". A disk or a device that fails a read is the one error a user cannot fix by changing
  // the command line, and the words tell it from a wrong path. /proc/self/mem is a file of size
  // 0 whose read at offset 0 (an address no process maps) fails with EIO on Linux.
  it('run /proc/self/mem and reconcile /proc/self/mem: "cannot read /proc/self/mem: input/output error (EIO)"', () => {
    for (const command of ['run', 'reconcile']) {
      expect(kanjo([command, '/proc/self/mem'])).toEqual({
        status: 2,
        stdout: '',
        stderr: 'kanjo: cannot read /proc/self/mem: input/output error (EIO)\n',
      });
    }
  });
});

describe('kanjo run: an export into a named pipe is closed once written, before the next export is opened', () => {
  const EXAMPLE = fileURLToPath(new URL('../../packages/ledger/examples/payout-run.json', import.meta.url));
  const scenario = write('scenario.json', readFileSync(EXAMPLE, 'utf8'));

  // Kills write-chunks.ts writeFileChunks' `closeSync(file)` deleted: the journal's pipe stayed
  // open until kanjo exited, so its reader never saw the end of the journal, never went on to
  // the hledger pipe, and kanjo waited for a reader there: both hung until killed (status 124
  // from timeout, no hledger file). A script reading one pipe after the other (`cat j; cat h`)
  // is how a user collects two exports without temporary files.
  it('--journal FIFO --hledger FIFO read one after the other: status 0, each the export a file gets', () => {
    const files = kanjo(['run', scenario, '--format', 'csv', '--journal', join(work, 'journal.ndjson'), '--hledger', join(work, 'hledger.journal')]);
    expect(files).toMatchObject({ status: 0, stderr: '' });
    const script = [
      'mkfifo j.fifo h.fifo',
      '{ timeout 20 cat j.fifo > from-j.ndjson; timeout 20 cat h.fifo > from-h.journal; } &',
      'timeout 20 $K run "$S" --format csv --journal j.fifo --hledger h.fifo > /dev/null; status=$?',
      'wait; exit $status',
    ].join('\n');
    const piped = spawnSync('sh', ['-c', script], {
      cwd: work, encoding: 'utf8', timeout: 120_000,
      env: { ...process.env, K: `${process.execPath} ${KANJO_CLI}`, S: scenario },
    });
    expect({ status: piped.status, stdout: piped.stdout, stderr: piped.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(work, 'from-j.ndjson'), 'utf8')).toBe(readFileSync(join(work, 'journal.ndjson'), 'utf8'));
    expect(readFileSync(join(work, 'from-h.journal'), 'utf8')).toBe(readFileSync(join(work, 'hledger.journal'), 'utf8'));
  });
});

describe('kanjo run --format json: a report of exactly one batch (1 MiB) and its line break', () => {
  const BATCH = 2 ** 20;
  const COUNT = 5000;

  /** A scenario of `COUNT` refunds of payments that do not exist, `padding` x's spread over their ids. */
  function refunds(name: string, padding: number): string {
    const commands = Array.from({ length: COUNT }, (_, index) => {
      const pad = Math.floor(padding / COUNT) + (index < padding % COUNT ? 1 : 0);
      return { op: 'payment.refund', payment: `pay_${index}${'x'.repeat(pad)}`, amount: '1' };
    });
    return write(name, JSON.stringify({ merchants: [], commands }));
  }

  /**
   * The scenario whose JSON report is exactly 2^20 characters and a "\n": written in batches of
   * a MiB, the report is one batch and the "\n" a second. Each payment id is quoted once in the
   * report (in its rejection), so each x added to an id lengthens the report by one character.
   */
  let padded: string | undefined;
  function onePaddedBatch(): string {
    if (padded !== undefined) return padded;
    const plain = kanjo(['run', refunds('plain.json', 0), '--format', 'json']);
    expect({ status: plain.status, stderr: plain.stderr }).toEqual({ status: 0, stderr: '' });
    const padding = BATCH + 1 - plain.stdout.length;
    // The construction: the plain report is shorter than a batch, by less than 10 characters an id.
    expect(padding).toBeGreaterThan(0);
    expect(padding).toBeLessThan(10 * COUNT);
    padded = refunds('padded.json', padding);
    return padded;
  }

  // Kills write-chunks.ts batches' `if (length > 0)` made `length > 1`: a last batch of one
  // character, the final "\n" after a report of exactly 2^20 characters, was dropped; the mutant
  // wrote the JSON without its line break (status 0), which `wc -l`, `while read` and a diff
  // against a saved report all notice.
  it('5,000 rejected refunds padded to a 2^20-character report: status 0, the report and its "\\n"', () => {
    const { status, stdout, stderr } = kanjo(['run', onePaddedBatch(), '--format', 'json']);
    expect({ status, stderr, length: stdout.length, end: stdout.slice(-5) }).toEqual({ status: 0, stderr: '', length: BATCH + 1, end: '[]\n}\n' });
    expect(stdout).toBe(`${JSON.stringify(JSON.parse(stdout), null, 2)}\n`);
  });

  // A report one byte longer than a file-size limit of exactly 1 MiB. This test first killed
  // write-chunks.ts batches' `length >= BATCH_CHARACTERS` made `>`: the mutant wrote the report
  // and its "\n" in one write of 2^20 + 1 bytes, which the limit cut short, and Node's standard
  // output to a file took the short write for a whole one: exit 0, the "\n" missing, not a word
  // said. That was a bug of every report whose last write was cut (standard-output.ts now
  // writes the rest of a short write; test/cli/standard-output-cut-short.test.ts), and with it
  // fixed the mutant only changes how many writes there are. The test stays: a report cut by
  // the limit must not pass for a success, however it is batched.
  it('the same report to a file under ulimit -f 1024 (1 MiB): status 2, "cannot write standard output: file too large (EFBIG)"', () => {
    const path = onePaddedBatch();
    const out = join(work, 'limited.json');
    const cut = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 1024; "${process.execPath}" "${KANJO_CLI}" run "${path}" --format json > "${out}"`], { encoding: 'utf8' });
    expect({ status: cut.status, stdout: cut.stdout, stderr: cut.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kanjo: cannot write standard output: file too large (EFBIG)\n',
    });
    expect(readFileSync(out).length).toBe(BATCH);
  });
});
