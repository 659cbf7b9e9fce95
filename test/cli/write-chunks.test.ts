import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChunks, writeFileChunks } from '../../packages/ledger/src/cli/write-chunks.js';

describe('output written in batches', () => {
  it('joins small pieces into batches of at least a MiB, the last one excepted, and loses nothing', () => {
    const pieces = Array.from({ length: 5000 }, (_, index) => `${'x'.repeat(500)}${index}\n`);
    const writes: string[] = [];
    writeChunks(pieces, (text) => writes.push(text));
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.slice(0, -1).every((text) => text.length >= 1 << 20)).toBe(true);
    expect(writes.length).toBe(3); // 2.5 MB of text: two full batches and the rest
  });

  it('writes nothing for no pieces', () => {
    const writes: string[] = [];
    writeChunks([], (text) => writes.push(text));
    expect(writes).toEqual([]);
  });

  it('writes a file of exactly the pieces, in UTF-8, replacing what was there', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kanjo-chunks-')), 'out.txt');
    writeFileChunks(path, ['old content that is longer than the new']);
    const pieces = ['店舗 ', '🎁', ...Array.from({ length: 3000 }, (_, index) => `line ${index}\n`)];
    writeFileChunks(path, pieces);
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
  });
});
