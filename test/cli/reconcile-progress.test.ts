import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedger, journalNdjsonLines, type LedgerConfig } from '@kanjo/ledger';
import { describe, expect, it } from 'vitest';
import { reconcileCommand } from '../../packages/ledger/src/cli/reconcile-command.js';
import { kanjo } from '../support/kanjo-cli.js';

// Issue 7: "On a journal of a million entries it shows progress on standard error when that
// is a terminal." The CLI's main passes a progress writer only when stderr is a TTY; the
// reconciliation calls it every 50,000 entries.

const CONFIG: LedgerConfig = {
  merchants: [{ id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } }],
};

/** A journal of `count` authorizations (one entry each, no postings): cheap to make and to fold. */
function authorizationsJournal(count: number): string {
  const created = createLedger(CONFIG);
  if (!created.ok) throw new Error(created.error.message);
  const ledger = created.value;
  for (let index = 0; index < count; index += 1) {
    const result = ledger.execute({ op: 'payment.create', id: `a${index}`, merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card', capture: false });
    if (!result.ok) throw new Error(result.error.message);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'kanjo-progress-')), 'journal.ndjson');
  writeFileSync(path, [...journalNdjsonLines(CONFIG, ledger.journal)].join(''));
  return path;
}

describe('kanjo reconcile progress', () => {
  const path = authorizationsJournal(120_000);

  it('reports every 50,000 entries to the progress writer it is given (a terminal)', () => {
    const reported: number[] = [];
    const output = reconcileCommand({ command: 'reconcile', positionals: [path], options: new Map([['format', 'json']]), problems: [], shortHelp: false }, false, (entries) => reported.push(entries));
    expect(reported).toEqual([50_000, 100_000]);
    expect(JSON.parse(output)).toEqual({ entries: 120_000, balances: { mart: {} } });
  });

  it('writes nothing to a standard error that is not a terminal', () => {
    const { status, stderr } = kanjo(['reconcile', path, '--format', 'json']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });
});
