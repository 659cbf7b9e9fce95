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
    expect({ status, stderr }).toEqual({ status: 1, stderr: 'kanjo: reconciliation failed: journal_entry_malformed: line 2 (entry 1): invalid JSON value (byte 268)\n' });
  });
  it('objects: exit 1 naming line 2', () => {
    const { status, stderr } = kanjo(['reconcile', corruptJournal('objects')]);
    expect({ status, stderr }).toEqual({ status: 1, stderr: 'kanjo: reconciliation failed: journal_entry_malformed: line 2: not valid UTF-8\n' });
  });
});
