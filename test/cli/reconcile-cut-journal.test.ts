import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kanjo } from '../support/kanjo-cli.js';
import { splitDetails, yenPayment, writeMarketplaceScenario } from '../support/marketplace-scenario.js';

// A journal cut between two entries (a partial copy or download, `head -n`) used to reconcile:
// every line left was whole, balanced and contiguous, so `kanjo reconcile` printed smaller
// balances and exit 0, and an accountant had no way to tell. Since 2026-12-02 the export's
// header says how many entry lines follow (`"entries":n`), and reconcile refuses a journal
// holding fewer or more (README "Command line", `journal_length_mismatch`). Headers written
// before then have no count and are read as before.

const SPLIT = splitDetails(['pm1', 700, 70], ['pm2', 300, 30]);
const { work, scenario } = writeMarketplaceScenario('kanjo-cut-', 'marketplace.json', ['pm1', 'pm2'], ['pay_1', 'pay_2', 'pay_3'].map((id) => yenPayment(id, 1000, SPLIT)));

type Format = 'compact' | 'objects';

/** The lines (without their line ends) of the scenario's journal in `format`: a header and three entries. */
function journalLines(format: Format): string[] {
  const path = join(work, `${format}.ndjson`);
  expect(kanjo(['run', scenario, '--format', 'json', '--journal', path, '--journal-format', format]).status).toBe(0);
  const lines = readFileSync(path, 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  expect(lines).toHaveLength(4);
  return lines;
}

/** `kanjo reconcile` of `lines` written as a journal file (each line ended by `\n`). */
function reconcile(name: string, lines: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const path = join(work, name);
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
  return kanjo(['reconcile', path, '--format', 'json']);
}

/** The header line with its `entries` replaced by `entries` (left out when `undefined`), keeping the other fields in order. */
function withEntries(header: string, entries: unknown): string {
  const { entries: _written, ...rest } = JSON.parse(header) as Record<string, unknown>;
  const [first, ...others] = Object.entries(rest);
  return JSON.stringify(Object.fromEntries(entries === undefined ? [first!, ...others] : [first!, ['entries', entries], ...others]));
}

/** The platform's balance after n of the three ¥1,000 captures: ¥100 of platform fees less ¥36 of processing fee and ¥4 of its tax each. */
const martAfter = (n: number) => n * 60;

for (const format of ['compact', 'objects'] as const) {
  describe(`kanjo reconcile of a ${format} journal checks the count of entries its header gives`, () => {
    const lines = journalLines(format);

    it('the export says how many entry lines follow, right after the format version', () => {
      expect(lines[0]).toMatch(format === 'compact' ? /^\{"kanjo_journal":2,"entries":3,"config":/ : /^\{"kanjo_journal":1,"entries":3,"config":/);
    });

    it('the whole journal reconciles, blank lines at its end included', () => {
      const { status, stdout } = reconcile(`${format}-whole.ndjson`, [...lines, '', '  ']);
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ entries: 3, balances: { mart: { JPY: martAfter(3) }, pm1: { JPY: 1890 }, pm2: { JPY: 810 } } });
    });

    it('with a byte order mark, CRLF line ends and a blank line between the header and the entries (README), it reconciles to the same balances', () => {
      const path = join(work, `${format}-windows.ndjson`);
      writeFileSync(path, `\uFEFF${[lines[0], '', ...lines.slice(1)].map((line) => `${line}\r\n`).join('')}`);
      const { status, stdout } = kanjo(['reconcile', path, '--format', 'json']);
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ entries: 3, balances: { mart: { JPY: martAfter(3) }, pm1: { JPY: 1890 }, pm2: { JPY: 810 } } });
    });

    it('cut after its second entry: exit 1, journal_length_mismatch naming the entry it was cut after', () => {
      expect(reconcile(`${format}-cut.ndjson`, lines.slice(0, 3))).toEqual({
        status: 1,
        stdout: '',
        stderr: 'kanjo: reconciliation failed: journal_length_mismatch: its header says 3 entries follow, but it holds 2: the file was cut after entry 2 (a partial copy or download); export or copy it again\n',
      });
    });

    it('cut after its header: exit 1, the file was cut after its header', () => {
      expect(reconcile(`${format}-header-only.ndjson`, lines.slice(0, 1))).toMatchObject({
        status: 1,
        stderr: 'kanjo: reconciliation failed: journal_length_mismatch: its header says 3 entries follow, but it holds 0: the file was cut after its header (a partial copy or download); export or copy it again\n',
      });
    });

    it('a header counting fewer entries than follow: exit 1, lines were added after it was written', () => {
      expect(reconcile(`${format}-added.ndjson`, [withEntries(lines[0]!, 1), ...lines.slice(1)])).toMatchObject({
        status: 1,
        stderr: 'kanjo: reconciliation failed: journal_length_mismatch: its header says 1 entry follows, but it holds 3: lines were added after it was written; export it again from the ledger\n',
      });
    });

    it('a header without a count (written before 2026-12-02) is not checked: its cut journal still reconciles, as before', () => {
      const { status, stdout } = reconcile(`${format}-uncounted-cut.ndjson`, [withEntries(lines[0]!, undefined), ...lines.slice(1, 3)]);
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ entries: 2, balances: { mart: { JPY: martAfter(2) }, pm1: { JPY: 1260 }, pm2: { JPY: 540 } } });
    });

    for (const entries of [-1, 1.5, '3', null, 2 ** 53]) {
      it(`a count that is no number of lines (${JSON.stringify(entries)}): exit 2, journal_header_malformed, nothing replayed`, () => {
        expect(reconcile(`${format}-bad-count.ndjson`, [withEntries(lines[0]!, entries), ...lines.slice(1)])).toEqual({
          status: 2,
          stdout: '',
          stderr: `kanjo: ${join(work, `${format}-bad-count.ndjson`)}: journal_header_malformed: the journal header's entries must be the number of entry lines that follow (a whole number, 0 or more), not ${entries === '3' ? '"3"' : String(entries === 2 ** 53 ? '9007199254740992' : entries)}\n`,
        });
      });
    }
  });
}
