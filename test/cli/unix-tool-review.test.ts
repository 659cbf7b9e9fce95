import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS, kanjo } from '../support/kanjo-cli.js';
import { scratchFolder } from '../support/scratch-folder.js';

// Review 255 (session 59) ran `kanjo` as a Unix tool: pipes, encodings, odd file names, odd
// nesting. About 150 command lines held; these are the two that did not.

const { work, write } = scratchFolder('kanjo-unix-review-');

const SCENARIO = JSON.stringify({
  merchants: [
    { id: 'mart', type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' } } },
    { id: 'pm1', type: 'payout', platform: 'mart' },
  ],
  commands: [{ op: 'payment.create', id: 'p1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: { submerchants: [{ submerchant_id: 'pm1', amount: 1000, platform_fee: 100 }] } }],
});

describe('a file name that is not UTF-8 is refused, never read or written as another name (README: "An argument holding U+FFFD is refused")', () => {
  // Found: Node reads argv as UTF-8 and puts U+FFFD for the byte \xff, so `--journal j$'\xff'.ndjson`
  // overwrote an unrelated file named `j\uFFFD.ndjson` and exited 0.
  it('an export named in Latin-1 beside a file whose name is its U+FFFD reading: exit 2, one line, that file untouched', () => {
    write('s.json', SCENARIO);
    const bystander = write('j\uFFFD.ndjson', 'unrelated\n');
    // bash writes the byte itself: a string argument from Node would go out as UTF-8.
    const run = spawnSync('bash', ['-c', `"$0" "$1" run s.json --journal j$'\\xff'.ndjson`, process.execPath, KANJO_CLI], { cwd: work, encoding: 'utf8', timeout: KANJO_PROCESS_TIMEOUT_MS });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('kanjo: the argument "j\uFFFD.ndjson" holds U+FFFD, which Node puts in place of bytes that are not UTF-8, so a file of that name would be read or written as another one: rename the file or folder to a UTF-8 name (a name holding U+FFFD itself is refused too)\n');
    expect(readFileSync(bystander, 'utf8')).toBe('unrelated\n');
    expect(readdirSync(work).filter((name) => name.startsWith('j'))).toEqual(['j\uFFFD.ndjson']);
  });

  it('the scenario file named so: refused for its name, not "no such file"', () => {
    const result = kanjo(['run', join(work, 'x\uFFFD.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^kanjo: the argument ".*x\uFFFD\.json" holds U\+FFFD, which Node puts in place of bytes that are not UTF-8/);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  it('an option\'s value written after = too', () => {
    const result = kanjo(['run', join(work, 's.json'), `--journal=${join(work, 'k\uFFFD.ndjson')}`]);
    expect([result.status, result.stderr.includes('holds U+FFFD')]).toEqual([2, true]);
    expect(existsSync(join(work, 'k\uFFFD.ndjson'))).toBe(false);
  });

  it('reconcile and --statements too', () => {
    expect(kanjo(['reconcile', join(work, 'j\uFFFD.ndjson')]).stderr).toMatch(/holds U\+FFFD/);
    const statements = kanjo(['run', join(work, 's.json'), '--statements', join(work, 'st\uFFFD')]);
    expect([statements.status, statements.stderr.includes('holds U+FFFD')]).toEqual([2, true]);
    expect(existsSync(join(work, 'st\uFFFD'))).toBe(false);
  });
});

describe('a field Kanjo does not read, however deeply nested, is ignored with its warning', () => {
  // Found: 100,000 levels of objects (600 KB) in an unread field ran Node out of heap after
  // 47 s, exit 134 with a native stack on standard error (see scan-json-text.test.ts).
  it('100,000 levels at the top and in a command: exit 0, each named once', () => {
    const depth = 100_000;
    const nested = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const scenario = JSON.parse(SCENARIO) as { commands: Record<string, unknown>[] };
    const text = JSON.stringify(scenario).replace(/\}$/, `,"x":${nested}}`).replace('"op":"payment.create"', `"op":"payment.create","y":${nested}`);
    const path = join(work, 'deep.json');
    writeFileSync(path, text);
    const result = kanjo(['run', path, '--format', 'json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'kanjo: warning: the file has the field "x", which Kanjo does not read: it is ignored\n' +
        'kanjo: warning: commands[0] (payment.create) has the field "y", which Kanjo does not read: it is ignored\n',
    );
    expect((JSON.parse(result.stdout) as { balances: unknown }).balances).toEqual({ mart: { JPY: 60 }, pm1: { JPY: 900 } });
  });
});
