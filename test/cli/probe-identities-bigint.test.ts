import { describe, expect, it, vi } from 'vitest';

// Review 169: with `statSync(path)` instead of `{ bigint: true }`, two files whose inodes are
// 2^53 and 2^53 + 1 (some network and Windows file systems give such numbers) round to one
// identity, and two existing files would be refused as one. A stand-in statSync answers as
// Node does: bigints when asked for them, numbers (rounded) otherwise.
const INODES = new Map<string, bigint>([
  ['/out/A.csv', 2n ** 53n],
  ['/out/a.csv', 2n ** 53n + 1n],
]);

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    statSync: (path: string, options?: { bigint?: boolean }) => {
      const ino = INODES.get(path);
      if (ino === undefined) return actual.statSync(path, options as never);
      return options?.bigint === true ? { dev: 1n, ino } : { dev: 1, ino: Number(ino) };
    },
  };
});

describe('probedIdentities reads inodes as bigints', () => {
  it('two existing files whose inodes differ only past 2^53 are two identities, and are not refused as one file', async () => {
    const { probedIdentities, refuseTargetsTakenForOne } = await import('../../packages/ledger/src/cli/targets-taken-for-one.js');
    const identities = probedIdentities();
    expect(identities.identify('/out/A.csv')).toEqual({ identity: `1:${2n ** 53n}`, existed: true });
    expect(identities.identify('/out/a.csv')).toEqual({ identity: `1:${2n ** 53n + 1n}`, existed: true });
    expect(() => refuseTargetsTakenForOne([{ target: '/out/A.csv', name: 'A.csv' }, { target: '/out/a.csv', name: 'a.csv' }])).not.toThrow();
  });
});
