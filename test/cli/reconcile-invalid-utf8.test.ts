import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { splitDetails, yenPayment, writeMarketplaceScenario } from '../support/marketplace-scenario.js';

// Kanjo writes its journals as UTF-8 from JSON.stringify: a byte that is not UTF-8 is a
// corrupt file. The compact reader refused it while the objects reader replaced it with
// U+FFFD and reconciled: the same corruption passed or failed by format.

const { work, scenario } = writeMarketplaceScenario('kanjo-utf8-', 'marketplace.json', ['pm1', 'pm2'], [
  yenPayment('pay_1', 1000, splitDetails(['pm1', 700, 70], ['pm2', 300, 30])),
]);

/** The journal of the scenario in `format`, with the byte 0xFF written into its event's type. */
function corruptJournal(format: 'compact' | 'objects'): string {
  const path = join(work, `${format}.ndjson`);
  expect(kanjo(['run', scenario, '--format', 'json', '--journal', path, '--journal-format', format]).status).toBe(0);
  const bytes = readFileSync(path);
  const at = bytes.indexOf('"payment.captured"');
  expect(at).toBeGreaterThan(0);
  const corrupt = join(work, `${format}-corrupt.ndjson`);
  writeFileSync(corrupt, Buffer.concat([bytes.subarray(0, at + 5), Buffer.from([0xff]), bytes.subarray(at + 5)]));
  return corrupt;
}

describe('kanjo reconcile refuses a line that is not UTF-8, in either format', () => {
  it('compact: exit 1 naming line 2', () => {
    const { status, stderr } = kanjo(['reconcile', corruptJournal('compact')]);
    expect({ status, stderr }).toEqual({ status: 1, stderr: 'kanjo: reconciliation failed: journal_entry_malformed: line 2 (entry 1): not valid UTF-8 (byte 268)\n' });
  });
  it('objects: exit 1 naming line 2', () => {
    const { status, stderr } = kanjo(['reconcile', corruptJournal('objects')]);
    expect({ status, stderr }).toEqual({ status: 1, stderr: 'kanjo: reconciliation failed: journal_entry_malformed: line 2: not valid UTF-8\n' });
  });
});

// Session 39 review: a journal whose lines end in CR alone (saved by an editor set to classic
// Mac line ends) was "does not start with a Kanjo journal header", though it does: the reader
// splits lines at LF, so the whole file was one line. The message now says what to fix.
describe('kanjo reconcile names a journal whose lines end with CR alone', () => {
  it('exit 2, saying the line ends are CR and how to convert them; converted, it reconciles', () => {
    const path = join(work, 'cr.ndjson');
    expect(kanjo(['run', scenario, '--format', 'json', '--journal', path]).status).toBe(0);
    const crOnly = join(work, 'cr-only.ndjson');
    writeFileSync(crOnly, readFileSync(path, 'utf8').replaceAll('\n', '\r'));
    const refused = kanjo(['reconcile', crOnly]);
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({
      status: 2,
      stderr: `kanjo: ${crOnly}: its lines end with a carriage return alone (CR); a Kanjo journal's lines end with LF or CRLF: convert them (tr '\\r' '\\n')\n`,
    });
    const converted = join(work, 'cr-converted.ndjson');
    writeFileSync(converted, readFileSync(crOnly, 'utf8').replaceAll('\r', '\n'));
    expect(kanjo(['reconcile', converted, '--format', 'json']).status).toBe(0);
  });
});
