import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS, kanjo } from '../support/kanjo-cli.js';

// An input that never ends. `kanjo run /dev/zero` (or a stream on standard input that never
// closes) grew its buffer until the process was killed (status 137, nothing said); `kanjo
// reconcile /dev/zero` read 4 GiB into one line before Node refused the buffer, and said
// "cannot read /dev/zero: ERR_OUT_OF_RANGE". Each now stops at a bound and says why in words,
// as for a file that large. Each test reads 2 GiB (about 20 s and 3 GiB of memory here).

const TOO_LONG = 'longer than the longest text JavaScript holds (2^29 − 24 characters, about 512 MiB), so not written by Kanjo';
const TOO_LARGE = 'larger than the 2 GiB Node reads at once (ERR_FS_FILE_TOO_LARGE)';

describe('an input that never ends', () => {
  it('kanjo reconcile /dev/zero: exit 2, its first line cannot be a header (it was a bare ERR_OUT_OF_RANGE after 4 GiB)', () => {
    const { status, stdout, stderr } = kanjo(['reconcile', '/dev/zero']);
    expect({ status, stdout, stderr }).toEqual({ status: 2, stdout: '', stderr: `kanjo: /dev/zero does not start with a Kanjo journal header: its first line is ${TOO_LONG}\n` });
  });

  it('kanjo reconcile -, a header then a line without end: exit 1, that line named as malformed', () => {
    const header = '{"kanjo_journal":1,"config":{"merchants":[]}}';
    const run = spawnSync('sh', ['-c', `{ printf '%s\\n\\n' '${header}'; cat /dev/zero; } | exec "${process.execPath}" "${KANJO_CLI}" reconcile -`], { encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 1, stdout: '', stderr: `kanjo: reconciliation failed: journal_entry_malformed: line 3: ${TOO_LONG}\n` });
  });

  it('kanjo run /dev/zero: exit 2, larger than a file Node reads at once (it was killed, saying nothing)', () => {
    const { status, stdout, stderr } = kanjo(['run', '/dev/zero']);
    expect({ status, stdout, stderr }).toEqual({ status: 2, stdout: '', stderr: `kanjo: cannot read /dev/zero: ${TOO_LARGE}\n` });
  });

  it('kanjo run - from a pipe that never closes: exit 2, the same words for standard input', () => {
    const run = spawnSync('sh', ['-c', `cat /dev/zero | exec "${process.execPath}" "${KANJO_CLI}" run -`], { encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 2, stdout: '', stderr: `kanjo: cannot read standard input: ${TOO_LARGE}\n` });
  });
});
