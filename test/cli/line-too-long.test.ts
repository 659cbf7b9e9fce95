import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';

// A line longer than the longest string V8 holds (2^29 − 24 UTF-16 code units, about 512 MiB)
// cannot be decoded: Node throws ERR_STRING_TOO_LONG. `kanjo reconcile` called an entry line
// that long "not valid UTF-8", and a header line that long, or a scenario file, a file it could
// not read with the bare code (a scenario of more than 2 GiB got its own bare code). Each file
// here is sparse (NUL bytes the file system does not store): the test writes a few bytes.

const work = mkdtempSync(join(tmpdir(), 'kanjo-long-line-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const LONGER_THAN_A_STRING = 600 * 1024 * 1024;
const TOO_LONG = 'longer than the longest text JavaScript holds (2^29 − 24 characters, about 512 MiB), so not written by Kanjo';

/** `head` (bytes), then NUL bytes to 600 MiB: a line too long for a string after the head. */
function sparseFile(name: string, head: string): string {
  const path = join(work, name);
  writeFileSync(path, head);
  truncateSync(path, LONGER_THAN_A_STRING);
  return path;
}

const scenario = join(work, 'one-payment.json');
writeFileSync(
  scenario,
  JSON.stringify({
    merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } }],
    commands: [{ op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card' }],
  }),
);

/** The header line of the scenario's journal in `format`, with its line end. */
function headerLine(format: 'compact' | 'objects'): string {
  const path = join(work, `${format}.ndjson`);
  expect(kanjo(['run', scenario, '--format', 'json', '--journal', path, '--journal-format', format]).status).toBe(0);
  return `${readFileSync(path, 'utf8').split('\n')[0] ?? ''}\n`;
}

describe('a line too long for a JavaScript string', () => {
  it('an entry line of the objects format: exit 1, the line named as malformed (it was "not valid UTF-8")', () => {
    const { status, stderr } = kanjo(['reconcile', sparseFile('objects-long.ndjson', headerLine('objects'))]);
    expect({ status, stderr }).toEqual({ status: 1, stderr: `kanjo: reconciliation failed: journal_entry_malformed: line 2: ${TOO_LONG}\n` });
  });

  it('the header line: exit 2, not a Kanjo journal (it was "cannot read …: ERR_STRING_TOO_LONG")', () => {
    const path = sparseFile('header-long.ndjson', '');
    const { status, stderr } = kanjo(['reconcile', path]);
    expect({ status, stderr }).toEqual({ status: 2, stderr: `kanjo: ${path} does not start with a Kanjo journal header: its first line is ${TOO_LONG}\n` });
  });

  it('a scenario file: exit 2, the file named and why it cannot be read, in words', () => {
    const path = sparseFile('scenario-long.json', '');
    const { status, stderr } = kanjo(['run', path]);
    expect({ status, stderr }).toEqual({ status: 2, stderr: `kanjo: cannot read ${path}: longer than the longest text JavaScript holds, about 512 MiB (ERR_STRING_TOO_LONG)\n` });
  });

  it('a scenario file of more than 2 GiB: exit 2, in words (it was the bare ERR_FS_FILE_TOO_LARGE)', () => {
    const path = join(work, 'scenario-huge.json');
    writeFileSync(path, '');
    truncateSync(path, 3 * 1024 ** 3);
    const { status, stderr } = kanjo(['run', path]);
    expect({ status, stderr }).toEqual({ status: 2, stderr: `kanjo: cannot read ${path}: larger than the 2 GiB Node reads at once (ERR_FS_FILE_TOO_LARGE)\n` });
  });
});
