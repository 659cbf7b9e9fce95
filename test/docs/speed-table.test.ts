import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Review 227: the ledger README's "range of all runs" was last widened on 2026-12-03 while the
// rows below it went on (replay up to 15.41 s against a quoted 8.89 s). This holds the range to
// every row of the runs table, so a new row outside it fails until the range is widened.

const readme = readFileSync(new URL('../../packages/ledger/README.md', import.meta.url), 'utf8');

/** The cells of each row of the markdown table whose header starts with `header`. */
function tableRows(header: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start < 0) throw new Error(`no table headed ${header}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split('|').map((cell) => cell.trim()));
  }
  return rows;
}

const numbers = (cell: string, pattern: RegExp): number[] => {
  const match = pattern.exec(cell);
  return match === null ? [] : match.slice(1).map((text) => Number(text.replaceAll(',', '')));
};

/** `[low, high]` of the range table's row for `measure`. */
function range(measure: string): [number, number] {
  const row = tableRows('| measure |').find((cells) => cells[0] === measure);
  if (row === undefined) throw new Error(`no range for ${measure}`);
  const [low, high] = numbers(row[1]!, /^([\d,.]+)×? to ([\d,.]+)/);
  return [low!, high!];
}

describe('ledger README, Speed: the range of all runs covers every run in the table below it', () => {
  const runs = tableRows('| run (after) |');
  const measures: readonly [string, (cells: string[]) => number[]][] = [
    ['capture', (cells) => numbers(cells[1]!, /^([\d,]+) \/s/)],
    ['replay of 1,000,000 captures', (cells) => numbers(cells[2]!, /^([\d.]+) s/)],
    ['heap per posting (journal and state, after a collection)', (cells) => numbers(cells[3]!, /^(\d+) B,/)],
    ['peak resident memory per posting', (cells) => numbers(cells[3]!, /, (\d+) B$/)],
    ['`kanjo reconcile` vs `ledger bal`', (cells) => numbers(cells[5]!, /^([\d.]+)×,/)],
    ['`kanjo reconcile` vs `hledger bal`', (cells) => numbers(cells[5]!, /, ([\d.]+)×$/)],
  ];

  it('the runs table has its rows', () => {
    expect(runs.length).toBeGreaterThanOrEqual(32);
  });

  for (const [measure, read] of measures) {
    it(measure, () => {
      const [low, high] = range(measure);
      const outside = runs.flatMap((cells) => read(cells).filter((value) => value < low || value > high).map((value) => `${cells[0]!.slice(0, 40)}: ${value}`));
      expect(outside).toEqual([]);
    });
  }
});
