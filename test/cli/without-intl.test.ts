import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KANJO_CLI, KANJO_PROCESS_TIMEOUT_MS } from '../support/kanjo-cli.js';
import { marketplaceMerchants, splitDetails } from '../support/marketplace-scenario.js';

// Review 235: a Node built without Intl (`./configure --without-intl`; the official builds
// have full ICU) failed every import of Kanjo, `kanjo --version` included, with "ReferenceError:
// Intl is not defined" and a stack trace: the table's width measure made its Intl.Segmenter
// when the module loaded. Simulated here by deleting the global before Kanjo loads. Ids here
// are of characters whose width is the same counted by graphemes or by code points (a wide
// letter, a letter with a combining accent), so every byte must be the same as with Intl.
//
// Such a Node also writes `(1234).toLocaleString('en')` as `1234`, with no separator, so a
// message that counted with it ("it has 1,500") read differently there; counts are written by
// countText now. The simulation makes toLocaleString answer as that Node does, and a scenario
// below has a rejection whose message holds a count past 999.
const WITHOUT_INTL = ['--import', 'data:text/javascript,delete globalThis.Intl; Number.prototype.toLocaleString = function () { return String(this) }'];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kanjo-without-intl-'));
const scenario = join(work, 'wide-ids.json');
writeFileSync(scenario, JSON.stringify({
  merchants: marketplaceMerchants(['店舗', 'cafe\u0301', 'idle']),
  commands: [
    { op: 'payment.create', id: '注文1', merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: splitDetails(['店舗', 700, 70], ['cafe\u0301', 300, 30]) },
    { op: 'payment.create', id: 'x'.repeat(1500), merchant: 'mart', amount: 1000, currency: 'JPY', payment_type: 'credit_card', platform_details: splitDetails(['店舗', 1000, 100]) },
  ],
}));

function kanjoRun(nodeOptions: readonly string[], argv: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [...nodeOptions, KANJO_CLI, ...argv], { encoding: 'utf8', cwd: work, timeout: KANJO_PROCESS_TIMEOUT_MS });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('kanjo on a Node without Intl', () => {
  it('the simulation holds: Intl is gone in the process kanjo runs in', () => {
    const probe = spawnSync(process.execPath, [...WITHOUT_INTL, '-e', 'process.stdout.write(typeof Intl + " " + (1500).toLocaleString("en"))'], { encoding: 'utf8' });
    expect(probe.stdout).toBe('undefined 1500');
  });

  it('the count in a rejection is written with its separator all the same', () => {
    const run = kanjoRun(WITHOUT_INTL, ['run', 'wide-ids.json', '--format', 'json']);
    expect(run.stdout).toContain('must be a string of 1 to 255 characters (UTF-16 code units, JavaScript\'s length, where a character past U+FFFF (most emoji) counts 2: it has 1,500)');
  });

  it('no source file counts with toLocaleString, which such a Node answers without separators', () => {
    const sources = ['ledger', 'fees', 'splits'].flatMap((name) => {
      const folder = join(ROOT, 'packages', name, 'src');
      return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).map((file) => join(folder, file));
    });
    expect(sources.length).toBeGreaterThan(100);
    const callers = sources.filter((file) => /\.toLocaleString\(/.test(readFileSync(file, 'utf8')));
    expect(callers.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it.each([
    ['--version', ['--version']],
    ['run, a table of wide and accented ids', ['run', 'wide-ids.json', '--format', 'table']],
    ['run, JSON with a journal', ['run', 'wide-ids.json', '--format', 'json', '--journal', 'journal.ndjson']],
    ['reconcile, a table', ['reconcile', 'journal.ndjson', '--format', 'table']],
  ])('%s: exit 0 and the same bytes as with Intl', (_name, argv) => {
    const withIntl = kanjoRun([], argv);
    expect(withIntl.status).toBe(0);
    expect(kanjoRun(WITHOUT_INTL, argv)).toEqual(withIntl);
  });
});
