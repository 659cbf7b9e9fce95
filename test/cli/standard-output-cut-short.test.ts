import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo, KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS } from '../support/kanjo-cli.js';
import { marketplaceMerchants, splitDetails, yenPayment } from '../support/marketplace-scenario.js';
import { scratchFolder } from '../support/scratch-folder.js';

// Standard output redirected to a file that fills up. Node writes to such a standard output
// with one call a piece and takes a short write for a whole one: when a full disk or a
// file-size limit cut the report's last write, kanjo exited 0, the file cut and not a word
// said (found by the session-35 mutation audit: `ulimit -f 20; kanjo run s.json --format csv >
// out.csv` gave status 0 and 20,480 of 135,652 bytes). A script that trusts the exit status
// then reconciles half a report. Now the rest of a short write is written, the write after it
// fails, and the run says so: exit 2, one line, as for /dev/full. These use `ulimit -f` (blocks
// of 1,024 bytes): Node ignores SIGXFSZ, so the write past the limit fails with EFBIG.

const { work, write } = scratchFolder('kanjo-stdout-cut-');

const PAYOUTS = Array.from({ length: 60 }, (_, index) => `payout_merchant_${String(index).padStart(3, '0')}`);
const scenario = write('scenario.json', JSON.stringify({
  merchants: marketplaceMerchants(PAYOUTS),
  commands: PAYOUTS.map((payout, index) => yenPayment(`pay_${index}`, 1000, splitDetails([payout, 1000, 100]))),
}));
const journal = join(work, 'journal.ndjson');

/** Runs `kanjo ARGS > OUT` under a file-size limit of `blocks` KiB; its status and standard error. */
function limitedTo(blocks: number, args: string, out: string): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync('bash', ['-c', `ulimit -f ${blocks}; "${process.execPath}" "${KANJO_CLI}" ${args} > "${out}"`], { encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
  return { status, stdout, stderr };
}

describe('a report cut short by a file-size limit is exit 2, not a success', () => {
  const csv = kanjo(['run', scenario, '--format', 'csv', '--journal', journal]);

  it('the reports are longer than the limits below (the construction)', () => {
    expect({ status: csv.status, stderr: csv.stderr }).toEqual({ status: 0, stderr: '' });
    expect(Buffer.byteLength(csv.stdout)).toBeGreaterThan(8 * 1024);
    expect(Buffer.byteLength(csv.stdout)).toBeLessThan(1 << 20); // one batch: one write, the last
    expect(Buffer.byteLength(kanjo(['reconcile', journal, '--format', 'json']).stdout)).toBeGreaterThan(1024);
  });

  it('kanjo run --format csv > out.csv under ulimit -f 8: exit 2, "file too large (EFBIG)", the file the first 8 KiB of the report', () => {
    const out = join(work, 'run.csv');
    expect(limitedTo(8, `run "${scenario}" --format csv`, out)).toEqual({ status: 2, stdout: '', stderr: 'kanjo: cannot write standard output: file too large (EFBIG)\n' });
    expect(readFileSync(out, 'utf8')).toBe(csv.stdout.slice(0, 8 * 1024));
  });

  it('kanjo reconcile --format json > out.json under ulimit -f 1: exit 2, "file too large (EFBIG)", the file the first KiB', () => {
    const out = join(work, 'reconcile.json');
    const whole = kanjo(['reconcile', journal, '--format', 'json']).stdout;
    expect(limitedTo(1, `reconcile "${journal}" --format json`, out)).toEqual({ status: 2, stdout: '', stderr: 'kanjo: cannot write standard output: file too large (EFBIG)\n' });
    expect(readFileSync(out, 'utf8')).toBe(whole.slice(0, 1024));
  });

  it('within the limit the report is written whole: exit 0, the report byte for byte', () => {
    const out = join(work, 'whole.csv');
    expect(limitedTo(1024, `run "${scenario}" --format csv`, out)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(csv.stdout);
  });
});

describe('standard output that is a file is still written as the shell opened it', () => {
  // kanjo now writes a file's standard output itself: `>>` must still append, and a report
  // to /dev/null (a device) still succeed.
  it('kanjo run >> out.csv appends the report after what the file held', () => {
    const out = join(work, 'appended.csv');
    writeFileSync(out, 'before\n');
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${KANJO_CLI}" run "${scenario}" --format csv >> "${out}"`], { encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(`before\n${kanjo(['run', scenario, '--format', 'csv']).stdout}`);
  });

  it('kanjo run > /dev/null and kanjo reconcile > /dev/null: exit 0, nothing said', () => {
    for (const args of [`run "${scenario}" --format json`, `reconcile "${journal}"`]) {
      const run = spawnSync('bash', ['-c', `"${process.execPath}" "${KANJO_CLI}" ${args} > /dev/null`], { encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    }
  });
});
