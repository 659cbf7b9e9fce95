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

const numbers = (text: string, pattern: RegExp): number[] => {
  const match = pattern.exec(text);
  return match === null ? [] : match.slice(1).filter((group) => group !== undefined).map((group) => Number(group.replaceAll(',', '')));
};

/** The numbers a run's cell gives; an empty or "not run" cell gives none, any other form throws. */
function cell(text: string, pattern: RegExp): number[] {
  if (text === '' || text.startsWith('not run')) return [];
  const read = numbers(text, pattern);
  if (read.length === 0) throw new Error(`cannot read ${JSON.stringify(text)}`);
  return read;
}

/** `[low, high]` of the range table's row for `measure` (the kanjo seconds: in the ledger row's brackets). */
function range(measure: string): [number, number] {
  if (measure === 'kanjo reconcile seconds') {
    const row = tableRows('| measure |').find((cells) => cells[0] === '`kanjo reconcile` vs `ledger bal`');
    const [low, high] = numbers(row?.[1] ?? '', /\(kanjo ([\d.]+) to ([\d.]+) s\)/);
    return [low!, high!];
  }
  const row = tableRows('| measure |').find((cells) => cells[0] === measure);
  if (row === undefined) throw new Error(`no range for ${measure}`);
  const [low, high] = numbers(row[1]!, /^([\d,.]+)×? to ([\d,.]+)/);
  return [low!, high!];
}

describe('ledger README, Speed: the range of all runs covers every run in the table below it', () => {
  const runs = tableRows('| run (after) |');
  // Each measure: its range row, and where a run gives it. A run's label may quote a second
  // reconcile (`reconcile 3.01 s, 9.17 s, 47.49 s (3.0×, 15.8×) in the full run`): held too.
  const SECOND_RECONCILE = /reconcile ([\d.]+) s, [\d.]+ s, [\d.]+ s \(([\d.]+)×, ([\d.]+)×\)/g;
  const quoted = (label: string, group: number): number[] => Array.from(label.matchAll(SECOND_RECONCILE), (match) => Number(match[group]));
  const measures: readonly [string, (cells: string[]) => number[]][] = [
    ['capture', (cells) => cell(cells[1]!, /^([\d,]+) \/s \(floor [\d,]+ \/s\)$|^([\d,]+) \/s$/)],
    ['replay of 1,000,000 captures', (cells) => cell(cells[2]!, /^([\d.]+) s \(floor [\d.]+ s\)$|^([\d.]+) s$/)],
    ['heap per posting (journal and state, after a collection)', (cells) => cell(cells[3]!, /^(\d+) B, \d+ B$/)],
    ['peak resident memory per posting', (cells) => cell(cells[3]!, /^\d+ B, (\d+) B$/)],
    ['`kanjo reconcile` vs `ledger bal`', (cells) => [...cell(cells[5]!, /^([\d.]+)×, [\d.]+×$/), ...quoted(cells[0]!, 2)]],
    ['`kanjo reconcile` vs `hledger bal`', (cells) => [...cell(cells[5]!, /^[\d.]+×, ([\d.]+)×$/), ...quoted(cells[0]!, 3)]],
    ['kanjo reconcile seconds', (cells) => [...cell(cells[4]!, /^([\d.]+) s, [\d.]+ s, [\d.]+ s$/), ...quoted(cells[0]!, 1)]],
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

  it('a run cell is empty, "not run…", or in the form the readers parse (so no run escapes the check)', () => {
    const unread = runs.flatMap((cells) =>
      measures.flatMap(([measure, read]) => {
        try {
          read(cells);
          return [];
        } catch (error) {
          return [`${cells[0]!.slice(0, 40)} / ${measure}: ${(error as Error).message}`];
        }
      }),
    );
    expect(unread).toEqual([]);
  });
});
